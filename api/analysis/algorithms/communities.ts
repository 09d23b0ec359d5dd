import { createHash } from 'node:crypto';
import louvain from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';
import { type Projection, projectionFromIndices } from './projection.ts';
import { createRandom, DEFAULT_SEED } from './random.ts';

export interface CommunityOptions {
  /** above 1 gives more, smaller communities; below 1 fewer, larger ones (default 1) */
  resolution?: number;
  seed?: number;
  /** Look again at each community on its own, keeping significant splits (default true; see detectCommunities). */
  refine?: boolean;
}

export interface Communities {
  /** per node, renumbered 0..count-1 in order of first appearance by node index */
  community: Int32Array;
  count: number;
  /** weighted modularity at the given resolution; 0 for a graph without edge weight, where it is undefined */
  modularity: number;
  /** With refinement: how many communities were looked at again, and how many of those were split. */
  refinement?: { examined: number; split: number };
}

const readOnly = () => {
  throw new Error('the projection graph is read-only');
};

/**
 * The projection as graphology-communities-louvain reads a graph, without building one. Louvain only
 * copies the graph into its own arrays (graphology-indices' UndirectedLouvainIndex: the order and size,
 * each node's degree, then every edge once), and building a graphology graph of 190k edges for that cost
 * as long as Louvain itself. This view answers those reads from the CSR: nodes are the indices 0..n-1 in
 * order, edges are numbered as graphology would number them had they been added row by row (i < j), and
 * it offers the methods graphology's own check for a graph looks for, each refusing to change anything.
 * `tests/unit/algorithms-communities.test.ts` checks it gives the same communities as a real graphology
 * graph, so a Louvain release that reads the graph differently fails there rather than here.
 */
export class ProjectionGraphView {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  readonly directedSize = 0;
  readonly addUndirectedEdgeWithKey = readOnly;
  readonly dropNode = readOnly;
  readonly setNodeAttribute = readOnly;

  constructor(private readonly p: Projection) {}

  get order(): number {
    return this.p.ids.length;
  }
  get size(): number {
    return this.p.edgeCount;
  }
  get undirectedSize(): number {
    return this.p.edgeCount;
  }

  forEachNode(visit: (node: number) => void): void {
    for (let i = 0; i < this.p.ids.length; i++) visit(i);
  }

  undirectedDegreeWithoutSelfLoops(node: number): number {
    return (this.p.offsets[node + 1] as number) - (this.p.offsets[node] as number);
  }

  /** Each edge once, from its lower end, in row order: edge k's weight is `weightOf(k)`. */
  forEachEdge(visit: (edge: number, attributes: undefined, source: number, target: number) => void): void {
    const { offsets, targets } = this.p;
    let edge = 0;
    for (let i = 0; i < this.p.ids.length; i++) {
      for (let a = offsets[i] as number; a < (offsets[i + 1] as number); a++) {
        const j = targets[a] as number;
        if (j > i) visit(edge++, undefined, i, j);
      }
    }
  }

  /** Edge weights in the order forEachEdge numbers the edges. */
  edgeWeights(): Float64Array {
    const { offsets, targets, weights } = this.p;
    const out = new Float64Array(this.p.edgeCount);
    let edge = 0;
    for (let i = 0; i < this.p.ids.length; i++) {
      for (let a = offsets[i] as number; a < (offsets[i + 1] as number); a++) {
        if ((targets[a] as number) > i) out[edge++] = weights[a] as number;
      }
    }
    return out;
  }
}

/** Louvain on a projection, communities numbered by first appearance; modularity as graphology gives it. */
function louvainOn(p: Projection, resolution: number, seed: number): Communities {
  const n = p.ids.length;
  if (!p.weights.some((weight) => weight > 0)) {
    return { community: Int32Array.from({ length: n }, (_, i) => i), count: n, modularity: 0 };
  }
  const view = new ProjectionGraphView(p);
  const weights = view.edgeWeights();
  const result = louvain.detailed(view as unknown as AbstractGraph, {
    getEdgeWeight: (edge: string) => weights[edge as unknown as number] as number,
    resolution,
    randomWalk: true,
    rng: createRandom(seed),
  });
  // Louvain numbers communities in its own order; renumber by first appearance so labels are stable.
  const renumbered = new Map<number, number>();
  const community = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const found = result.communities[i] as number;
    let label = renumbered.get(found);
    if (label === undefined) {
      label = renumbered.size;
      renumbered.set(found, label);
    }
    community[i] = label;
  }
  return { community, count: renumbered.size, modularity: result.modularity };
}

/** The sub-network of the given nodes (ascending), numbered 0..k-1 in that order. */
function induced(p: Projection, nodes: readonly number[], local: Int32Array): Projection {
  for (let k = 0; k < nodes.length; k++) local[nodes[k] as number] = k;
  const offsets = new Int32Array(nodes.length + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const i = nodes[k] as number;
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      const j = local[p.targets[a] as number] as number;
      if (j < 0) continue;
      targets.push(j);
      weights.push(p.weights[a] as number);
    }
    offsets[k + 1] = targets.length;
  }
  for (const i of nodes) local[i] = -1;
  const ids = nodes.map(String);
  return {
    ids,
    index: new Map(),
    offsets,
    targets: Int32Array.from(targets),
    weights: Float64Array.from(weights),
    edgeCount: targets.length / 2,
  };
}

/**
 * The same sub-network with its bonds rewired at random (degree-preserving edge swaps, each bond keeping
 * its weight): what Louvain finds in it is the modularity that structure-free bonds of the same number,
 * degrees and weights would show.
 */
function rewired(p: Projection, random: () => number): Projection {
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < p.ids.length; i++) {
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      const j = p.targets[a] as number;
      if (j <= i) continue;
      from.push(i);
      to.push(j);
      weight.push(p.weights[a] as number);
    }
  }
  const m = from.length;
  for (let swap = 0; swap < 4 * m; swap++) {
    const x = Math.floor(random() * m);
    const y = Math.floor(random() * m);
    const b = to[x] as number;
    const d = to[y] as number;
    if (from[x] === d || from[y] === b) continue;
    to[x] = d;
    to[y] = b;
  }
  return projectionFromIndices(p.ids, { from, to, weight }, p.index);
}

/** Weighted modularity of a partition at a resolution (Newman's, as graphology computes it). */
export function modularityOf(p: Projection, community: Int32Array, count: number, resolution: number): number {
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  let all = 0;
  for (let i = 0; i < p.ids.length; i++) {
    const c = community[i] as number;
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      const w = p.weights[a] as number;
      total[c] = (total[c] as number) + w;
      all += w;
      if (community[p.targets[a] as number] === c) inside[c] = (inside[c] as number) + w;
    }
  }
  if (all === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += (inside[c] as number) / all - resolution * ((total[c] as number) / all) ** 2;
  return q;
}

/** What looking again at one community found: its split, if significant. */
export interface Refinement {
  parts?: { community: Int32Array; count: number };
}

/**
 * Refinements already worked out, by the exact sub-network they were worked out on (its nodes' first index,
 * which seeds its rewiring, its bonds and their weights, the resolution and the seed). After a change to the
 * network most communities are the same as before, and looking at one again would give the same answer, so
 * the worker keeps the last few thousand rather than run Louvain twice more on each. Oldest dropped first.
 */
export class RefinementCache {
  private readonly entries = new Map<string, Refinement>();
  constructor(private readonly size: number) {}

  get(key: string): Refinement | undefined {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(key: string, refinement: Refinement): void {
    this.entries.set(key, refinement);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.size) break;
      this.entries.delete(oldest);
    }
  }
}

function refinementKey(sub: Projection, first: number, resolution: number, seed: number): string {
  const bytes = (array: Int32Array | Float64Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return createHash('sha256')
    .update(bytes(Float64Array.of(first, sub.ids.length, resolution, seed)))
    .update(bytes(sub.offsets))
    .update(bytes(sub.targets))
    .update(bytes(sub.weights))
    .digest('base64');
}

/** Louvain on one community's own bonds, kept only if more modular by refineMargin than the same bonds rewired. */
function refineOnce(sub: Projection, first: number, resolution: number, seed: number): Refinement {
  const parts = louvainOn(sub, resolution, seed);
  const significant =
    parts.count > 1 &&
    parts.modularity - louvainOn(rewired(sub, createRandom(seed + first)), resolution, seed).modularity >= refineMargin;
  return significant ? { parts: { community: parts.community, count: parts.count } } : {};
}

/** How much more modular a community's own split must be than the same bonds rewired at random. */
export const refineMargin = 0.1;
/** Communities smaller than this are left as they are. */
const refineMinSize = 4;
const refineMaxDepth = 4;

/**
 * Louvain community detection (graphology-communities-louvain) on the weighted projection, read through
 * `ProjectionGraphView`. Nodes and edges come in index order and the random walk is driven by a seeded
 * source, so the same projection always gives the same communities.
 *
 * With `refine` (the default), each community found is then looked at on its own: modularity compares a
 * community's bonds with what the whole network's degrees would predict, and in a large network that
 * expectation is so small that Louvain merges small, clearly separate groups joined by a bond or two (the
 * resolution limit of Fortunato and Barthélemy). So Louvain is run again on each community's own bonds,
 * and its split is kept only when it is significant: when its modularity within the community beats, by
 * `refineMargin`, the modularity Louvain finds in the same bonds rewired at random. The parts are looked
 * at again the same way (to a few levels). A tight group splits into parts no more modular than random
 * bonds would give, and stays whole.
 */
export function detectCommunities(p: Projection, options: CommunityOptions = {}, cache?: RefinementCache): Communities {
  const resolution = options.resolution ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  const found = louvainOn(p, resolution, seed);
  if (options.refine === false || found.modularity === 0) return found;

  const n = p.ids.length;
  const members: number[][] = Array.from({ length: found.count }, () => []);
  for (let i = 0; i < n; i++) members[found.community[i] as number]?.push(i);
  const local = new Int32Array(n).fill(-1);
  const finished: number[][] = [];
  let examined = 0;
  let split = 0;
  let queue = members.map((nodes) => ({ nodes, depth: 0 }));
  while (queue.length) {
    const next: typeof queue = [];
    for (const { nodes, depth } of queue) {
      if (nodes.length < refineMinSize || depth >= refineMaxDepth) {
        finished.push(nodes);
        continue;
      }
      examined += 1;
      const sub = induced(p, nodes, local);
      const key = cache && refinementKey(sub, nodes[0] as number, resolution, seed);
      let refined = key ? cache?.get(key) : undefined;
      if (!refined) {
        refined = refineOnce(sub, nodes[0] as number, resolution, seed);
        if (key) cache?.set(key, refined);
      }
      const parts = refined.parts;
      if (!parts) {
        finished.push(nodes);
        continue;
      }
      split += 1;
      const pieces: number[][] = Array.from({ length: parts.count }, () => []);
      for (let k = 0; k < nodes.length; k++) pieces[parts.community[k] as number]?.push(nodes[k] as number);
      for (const piece of pieces) next.push({ nodes: piece, depth: depth + 1 });
    }
    queue = next;
  }
  if (!split) return { ...found, refinement: { examined, split } };

  // Numbered by first appearance by node index, as Louvain's own communities are.
  const raw = new Int32Array(n);
  finished.forEach((nodes, c) => {
    for (const i of nodes) raw[i] = c;
  });
  const renumbered = new Int32Array(finished.length).fill(-1);
  const community = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = raw[i] as number;
    if (renumbered[c] === -1) renumbered[c] = count++;
    community[i] = renumbered[c] as number;
  }
  return {
    community,
    count,
    modularity: modularityOf(p, community, count, resolution),
    refinement: { examined, split },
  };
}
