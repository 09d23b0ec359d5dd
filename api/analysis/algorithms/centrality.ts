// Hand-written over the CSR rather than graphology-metrics, which has no pivot sampling and so cannot
// answer in seconds at 100k nodes. Typed-array reads are in bounds by construction; `as number` only
// satisfies noUncheckedIndexedAccess without a runtime check in the hot loops.
import { labelComponents } from './components.ts';
import { type Adjacency, renumberForLocality } from './locality.ts';
import type { Projection } from './projection.ts';
import { createRandom, DEFAULT_SEED, sampleWithoutReplacement } from './random.ts';

export interface CentralityOptions {
  /** exact Brandes up to this many nodes, pivot-sampled above (default 2000) */
  exactUpTo?: number;
  /**
   * pivots per connected component when sampling; smaller components are exact. Default: 200, or fewer where
   * 200 searches would not fit the time budget (see defaultSamples: 50 at 500k edges).
   */
  samples?: number;
  seed?: number;
  /** default 0.85 */
  pageRankDamping?: number;
  /** at most this many power iterations (default 100), stopping once the L1 change is below n × 1e-9 */
  pageRankIterations?: number;
}

export interface Centrality {
  /** distinct neighbours */
  degree: Int32Array;
  /** sum of the weights of a node's edges */
  weightedDegree: Float64Array;
  /** hop-count betweenness normalised to [0, 1] like networkx's normalized=True for undirected graphs */
  betweenness: Float64Array;
  /**
   * Hop-count closeness with the Wasserman–Faust correction (networkx's wf_improved=True): (r−1)/Σd scaled by
   * (r−1)/(n−1), where r counts the nodes a node can reach, itself included. It stays comparable across
   * components of a disconnected graph, and is 0 for an isolated node.
   */
  closeness: Float64Array;
  /** weighted PageRank, summing to 1, with the rank of nodes without edges spread over all nodes */
  pageRank: Float64Array;
  /** `samples`: pivots per connected component, present when sampled */
  method: { betweenness: 'exact' | 'sampled'; closeness: 'exact' | 'sampled'; samples?: number };
}

export const DEFAULT_EXACT_UP_TO = 2000;

/**
 * Arcs that one call's pivot searches may visit by default. A search from one pivot costs 22–30 ms per
 * million arcs on the 2-core machine this was tuned on (it is bound by cache misses), so this keeps
 * sampled centrality under 2 s at 100k nodes and 500k edges (a million arcs).
 */
export const SEARCH_BUDGET = 50_000_000;

/** Pivots per component that fit `budget` on this graph: at least 8 for a usable estimate, at most 200. */
export function defaultSamples(p: Adjacency, budget: number): number {
  return Math.max(8, Math.min(200, Math.floor(budget / Math.max(1, p.targets.length))));
}

export function centrality(p: Projection, options: CentralityOptions = {}): Centrality {
  const graph = renumberForLocality(p);
  const samples = options.samples ?? defaultSamples(p, SEARCH_BUDGET);
  const shortestPaths = shortestPathCentrality(graph, {
    exactUpTo: options.exactUpTo ?? DEFAULT_EXACT_UP_TO,
    samples,
    random: createRandom(options.seed ?? DEFAULT_SEED),
  });
  const how = shortestPaths.sampled ? 'sampled' : 'exact';
  return {
    degree: degrees(p),
    weightedDegree: weightedDegrees(p),
    betweenness: toOriginal(graph.original, shortestPaths.betweenness),
    closeness: toOriginal(graph.original, shortestPaths.closeness),
    pageRank: pageRank(p, options.pageRankDamping ?? 0.85, options.pageRankIterations ?? 100),
    method: {
      betweenness: how,
      closeness: how,
      ...(shortestPaths.sampled ? { samples } : {}),
    },
  };
}

function toOriginal(original: Int32Array, byLocal: Float64Array): Float64Array {
  const byOriginal = new Float64Array(byLocal.length);
  for (let k = 0; k < byLocal.length; k++) byOriginal[original[k] as number] = byLocal[k] as number;
  return byOriginal;
}

function degrees(p: Projection): Int32Array {
  const degree = new Int32Array(p.ids.length);
  for (let i = 0; i < degree.length; i++) degree[i] = (p.offsets[i + 1] as number) - (p.offsets[i] as number);
  return degree;
}

function weightedDegrees(p: Projection): Float64Array {
  const strength = new Float64Array(p.ids.length);
  for (let i = 0; i < strength.length; i++) {
    let sum = 0;
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) sum += p.weights[a] as number;
    strength[i] = sum;
  }
  return strength;
}

/** Power iteration as networkx's pagerank: a walker at a node without edge weight jumps anywhere. */
function pageRank(p: Projection, damping: number, maxIterations: number): Float64Array {
  const n = p.ids.length;
  if (n === 0) return new Float64Array(0);
  const strength = weightedDegrees(p);
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const s = strength[i] as number;
      if (s > 0) share[i] = (rank[i] as number) / s;
      else {
        share[i] = 0;
        dangling += rank[i] as number;
      }
    }
    const teleport = (damping * dangling + 1 - damping) / n;
    let change = 0;
    // The projection is symmetric, so pulling from neighbours equals pushing along out-edges.
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let a = p.offsets[j] as number; a < (p.offsets[j + 1] as number); a++) {
        sum += (p.weights[a] as number) * (share[p.targets[a] as number] as number);
      }
      const value = teleport + damping * sum;
      change += Math.abs(value - (rank[j] as number));
      next[j] = value;
    }
    [rank, next] = [next, rank];
    if (change < n * 1e-9) break;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += rank[i] as number;
  for (let i = 0; i < n; i++) rank[i] = (rank[i] as number) / total;
  return rank;
}

export interface ShortestPathOptions {
  /** nodes to leave out, as if deleted from the graph */
  removed?: Uint8Array;
  exactUpTo: number;
  samples: number;
  random: () => number;
}

/**
 * Betweenness and closeness on hop distances; one breadth-first search per source serves both.
 *
 * Exact (Brandes 2001) when at most `exactUpTo` nodes are present. Above that, each connected component
 * larger than `samples` is searched from `samples` seeded pivots drawn from it, its dependencies scaled
 * by size/pivots (Brandes & Pich 2007), and its closeness estimated from the mean pivot distance
 * (Eppstein & Wang 2004); smaller components are searched from every node, exactly. Drawing pivots per
 * component rather than from the whole graph costs no more (at most `samples` searches of each
 * component) and leaves no small component without an estimate.
 */
export function shortestPathCentrality(
  graph: Adjacency,
  options: ShortestPathOptions,
): { betweenness: Float64Array; closeness: Float64Array; sampled: boolean } {
  if (!Number.isInteger(options.samples) || options.samples < 1) {
    throw new RangeError(`samples must be a positive integer, not ${options.samples}`);
  }
  const n = graph.offsets.length - 1;
  // Always a typed array, so the search's hot loop sees one type whether or not nodes were removed.
  const removed = options.removed ?? new Uint8Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) if (removed[i] !== 1) present++;

  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const search = createSearch(n, graph.targets.length);
  const exactCloseness = (reached: number) => {
    const distanceSum = sumDistances(search, reached);
    return distanceSum > 0 ? (((reached - 1) / distanceSum) * (reached - 1)) / (present - 1) : 0;
  };
  let sampled = false;

  if (present <= options.exactUpTo) {
    for (let source = 0; source < n; source++) {
      if (removed[source] === 1) continue;
      const reached = searchFrom(graph, removed, source, search, betweenness, 1);
      closeness[source] = exactCloseness(reached);
    }
  } else {
    const { sizes, members } = componentMembers(graph, removed);
    const pivotDistanceSum = new Float64Array(n);
    const isPivot = new Uint8Array(n);
    let start = 0;
    for (const size of sizes) {
      const component = members.subarray(start, start + size);
      start += size;
      if (size <= options.samples) {
        for (const source of component) {
          closeness[source] = exactCloseness(searchFrom(graph, removed, source, search, betweenness, 1));
        }
        continue;
      }
      sampled = true;
      const pivots = sampleWithoutReplacement(component, options.samples, options.random);
      for (const pivot of pivots) {
        const reached = searchFrom(graph, removed, pivot, search, betweenness, size / pivots.length);
        closeness[pivot] = exactCloseness(reached);
        isPivot[pivot] = 1;
        for (let k = 0; k < reached; k++) {
          const node = search.order[k] as number;
          pivotDistanceSum[node] = (pivotDistanceSum[node] as number) + (search.distance[node] as number);
        }
      }
      for (const node of component) {
        if (isPivot[node] === 1) continue;
        closeness[node] = ((pivots.length / (pivotDistanceSum[node] as number)) * (size - 1)) / (present - 1);
      }
    }
  }

  // Every unordered pair was counted from both ends; networkx divides by (n−1)(n−2) for the same reason.
  const scale = present > 2 ? 1 / ((present - 1) * (present - 2)) : 0;
  for (let i = 0; i < n; i++) betweenness[i] = (betweenness[i] as number) * scale;
  return { betweenness, closeness, sampled };
}

/** Present nodes grouped by connected component, components in order of their smallest node index. */
function componentMembers(p: Adjacency, removed: Uint8Array): { sizes: number[]; members: Int32Array } {
  const { label, sizes } = labelComponents(p, removed);
  const next = new Int32Array(sizes.length);
  let total = 0;
  for (let c = 0; c < sizes.length; c++) {
    next[c] = total;
    total += sizes[c] as number;
  }
  const members = new Int32Array(total);
  for (let i = 0; i < label.length; i++) {
    const c = label[i] as number;
    if (c < 0) continue;
    members[next[c] as number] = i;
    next[c] = (next[c] as number) + 1;
  }
  return { sizes, members };
}

/** Buffers of one source of Brandes' algorithm, reused between sources. */
interface Search {
  /** nodes in the order the last search reached them */
  order: Int32Array;
  /** hops from the last source; -1 where it was not reached */
  distance: Int32Array;
  /** shortest paths from the last source */
  paths: Float64Array;
  /** per arc, 1 if it leads one hop further from the last source (written for every arc of a reached node) */
  successor: Uint8Array;
  /** (1 + dependency) / paths of each node, once accumulated */
  pathShare: Float64Array;
  /** how many nodes the last search reached, to be cleared before the next */
  reached: number;
}

function createSearch(n: number, arcs: number): Search {
  return {
    order: new Int32Array(n),
    distance: new Int32Array(n).fill(-1),
    paths: new Float64Array(n),
    successor: new Uint8Array(arcs),
    pathShare: new Float64Array(n),
    reached: 0,
  };
}

/**
 * One source of Brandes' algorithm over unweighted hops: adds `weight` × the source's dependency on each
 * node to `betweenness` and returns how many nodes it reached. The phases are separate functions so that
 * V8 optimises each with complete type feedback instead of deoptimising mid-search.
 */
function searchFrom(
  p: Adjacency,
  removed: Uint8Array,
  source: number,
  search: Search,
  betweenness: Float64Array,
  weight: number,
): number {
  const { order, distance, paths } = search;
  for (let k = 0; k < search.reached; k++) {
    const node = order[k] as number;
    distance[node] = -1;
    paths[node] = 0;
  }
  const reached = countShortestPaths(p.offsets, p.targets, removed, source, search);
  search.reached = reached;
  accumulateDependencies(p.offsets, p.targets, reached, search, betweenness, weight);
  return reached;
}

/**
 * Breadth-first search counting shortest paths, marking each arc that leads one hop further so that the
 * accumulation reads a sequential byte per arc instead of a scattered distance.
 */
function countShortestPaths(
  offsets: Int32Array,
  targets: Int32Array,
  removed: Uint8Array,
  source: number,
  search: Search,
): number {
  const { order, distance, paths, successor } = search;
  order[0] = source;
  distance[source] = 0;
  paths[source] = 1;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const node = order[head] as number;
    const nextDistance = (distance[node] as number) + 1;
    const nodePaths = paths[node] as number;
    const end = offsets[node + 1] as number;
    for (let a = offsets[node] as number; a < end; a++) {
      const neighbour = targets[a] as number;
      const seen = distance[neighbour] as number;
      if (seen === nextDistance) {
        paths[neighbour] = (paths[neighbour] as number) + nodePaths;
        successor[a] = 1;
      } else if (seen < 0 && removed[neighbour] !== 1) {
        distance[neighbour] = nextDistance;
        paths[neighbour] = nodePaths;
        order[tail++] = neighbour;
        successor[a] = 1;
      } else {
        successor[a] = 0;
      }
    }
  }
  return tail;
}

/**
 * Brandes' accumulation in reverse order of distance, pulled from each node's successors: its dependency
 * is paths × Σ (1 + dependency) / paths over them. Nothing is allocated per edge.
 */
function accumulateDependencies(
  offsets: Int32Array,
  targets: Int32Array,
  reached: number,
  search: Search,
  betweenness: Float64Array,
  weight: number,
): void {
  const { order, paths, successor, pathShare } = search;
  for (let k = reached - 1; k >= 0; k--) {
    const node = order[k] as number;
    let sum = 0;
    const end = offsets[node + 1] as number;
    for (let a = offsets[node] as number; a < end; a++) {
      if (successor[a] === 1) sum += pathShare[targets[a] as number] as number;
    }
    const nodePaths = paths[node] as number;
    const dependency = nodePaths * sum;
    pathShare[node] = (1 + dependency) / nodePaths;
    if (k > 0) betweenness[node] = (betweenness[node] as number) + weight * dependency;
  }
}

function sumDistances(search: Search, reached: number): number {
  let sum = 0;
  for (let k = 0; k < reached; k++) sum += search.distance[search.order[k] as number] as number;
  return sum;
}
