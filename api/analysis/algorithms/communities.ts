import louvain from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';
import type { Projection } from './projection.ts';
import { createRandom, DEFAULT_SEED } from './random.ts';

export interface CommunityOptions {
  /** above 1 gives more, smaller communities; below 1 fewer, larger ones (default 1) */
  resolution?: number;
  seed?: number;
}

export interface Communities {
  /** per node, renumbered 0..count-1 in order of first appearance by node index */
  community: Int32Array;
  count: number;
  /** weighted modularity at the given resolution; 0 for a graph without edge weight, where it is undefined */
  modularity: number;
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

/**
 * Louvain community detection (graphology-communities-louvain) on the weighted projection, read through
 * `ProjectionGraphView`. Nodes and edges come in index order and the random walk is driven by a seeded
 * source, so the same projection always gives the same communities.
 */
export function detectCommunities(p: Projection, options: CommunityOptions = {}): Communities {
  const n = p.ids.length;
  if (!p.weights.some((weight) => weight > 0)) {
    return { community: Int32Array.from({ length: n }, (_, i) => i), count: n, modularity: 0 };
  }

  const view = new ProjectionGraphView(p);
  const weights = view.edgeWeights();
  const result = louvain.detailed(view as unknown as AbstractGraph, {
    getEdgeWeight: (edge: string) => weights[edge as unknown as number] as number,
    resolution: options.resolution ?? 1,
    randomWalk: true,
    rng: createRandom(options.seed ?? DEFAULT_SEED),
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
