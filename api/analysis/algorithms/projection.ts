// Typed-array reads below are in bounds by construction of the CSR; `as number` only satisfies
// noUncheckedIndexedAccess without a runtime check in the hot loops.

export interface WeightedEdge {
  source: string;
  target: string;
  weight: number;
}

/**
 * Undirected weighted graph in CSR form. Node i is ids[i]; ids sorted ascending. Neighbours of i are
 * targets[offsets[i]..offsets[i+1]) sorted by index, with weights; parallel edges merged (weights
 * summed); self loops dropped; edges to unknown ids ignored.
 */
export interface Projection {
  ids: string[];
  index: Map<string, number>;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** undirected edges, after merging */
  edgeCount: number;
}

/**
 * Builds the CSR with two stable counting sorts (by neighbour, then by node) so that every row comes
 * out sorted without a comparison sort or an object per edge, then merges parallel edges in one pass.
 *
 * @throws RangeError when an edge between known nodes has a negative or non-finite weight.
 */
export function buildProjection(nodeIds: Iterable<string>, edges: Iterable<WeightedEdge>): Projection {
  const ids = [...new Set(nodeIds)].sort();
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i] as string, i);

  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (const edge of edges) {
    const source = index.get(edge.source);
    const target = index.get(edge.target);
    if (source === undefined || target === undefined) continue;
    from.push(source);
    to.push(target);
    weight.push(edge.weight);
  }
  return projectionFromIndices(ids, { from, to, weight }, index);
}

/**
 * The same CSR from edges given by node index: edge k joins ids[from[k]] and ids[to[k]]. `ids` must be
 * sorted ascending and distinct. Self loops are dropped.
 *
 * @throws RangeError when an edge has a negative or non-finite weight.
 */
export function projectionFromIndices(
  ids: string[],
  edges: { from: ArrayLike<number>; to: ArrayLike<number>; weight: ArrayLike<number> },
  index: Map<string, number> = new Map(ids.map((id, i) => [id, i])),
): Projection {
  let edgeCount = 0;
  for (let e = 0; e < edges.from.length; e++) {
    const w = edges.weight[e] as number;
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(
        `edge ${ids[edges.from[e] as number]} – ${ids[edges.to[e] as number]} has weight ${w}; weights must be ≥ 0`,
      );
    }
    if (edges.from[e] !== edges.to[e]) edgeCount++;
  }

  // Each undirected edge becomes two arcs, 2e (source → target) and 2e + 1 (target → source).
  const arcCount = edgeCount * 2;
  const tail = new Int32Array(arcCount);
  const head = new Int32Array(arcCount);
  const weight = new Float64Array(edgeCount);
  let e = 0;
  for (let k = 0; k < edges.from.length; k++) {
    const source = edges.from[k] as number;
    const target = edges.to[k] as number;
    if (source === target) continue;
    tail[2 * e] = head[2 * e + 1] = source;
    head[2 * e] = tail[2 * e + 1] = target;
    weight[e] = edges.weight[k] as number;
    e++;
  }
  const order = stableOrderBy(tail, ids.length, stableOrderBy(head, ids.length, undefined));

  const offsets = new Int32Array(ids.length + 1);
  const targets = new Int32Array(arcCount);
  const weights = new Float64Array(arcCount);
  let length = 0;
  // Parallel arcs are adjacent (rows are sorted); their weights are summed smallest first, so the sum does
  // not depend on the order the edges came in (floating-point addition of three or more is not associative).
  const twins: number[] = [];
  const closeRun = () => {
    if (twins.length > 2) twins.sort((a, b) => a - b);
    weights[length - 1] = twins.reduce((sum, w) => sum + w, 0);
    twins.length = 0;
  };
  for (let k = 0; k < arcCount; k++) {
    const arc = order[k] as number;
    const node = tail[arc] as number;
    const neighbour = head[arc] as number;
    const arcWeight = weight[arc >> 1] as number;
    // The previous arc belongs to this node when the node has one already.
    if ((offsets[node + 1] as number) > 0 && targets[length - 1] === neighbour) {
      twins.push(arcWeight);
      continue;
    }
    if (twins.length > 1) closeRun();
    twins.length = 0;
    twins.push(arcWeight);
    targets[length] = neighbour;
    weights[length] = arcWeight;
    length++;
    offsets[node + 1] = (offsets[node + 1] as number) + 1;
  }
  if (twins.length > 1) closeRun();
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);

  return {
    ids,
    index,
    offsets,
    targets: length === arcCount ? targets : targets.slice(0, length),
    weights: length === arcCount ? weights : weights.slice(0, length),
    edgeCount: length / 2,
  };
}

/** A stable counting sort of arcs by `keys` (values in 0..size-1), visiting arcs in `input` order if given. */
function stableOrderBy(keys: Int32Array, size: number, input: Int32Array | undefined): Int32Array {
  const start = new Int32Array(size + 1);
  for (let a = 0; a < keys.length; a++) start[(keys[a] as number) + 1] = (start[(keys[a] as number) + 1] as number) + 1;
  for (let k = 0; k < size; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const output = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const arc = input === undefined ? k : (input[k] as number);
    const key = keys[arc] as number;
    output[start[key] as number] = arc;
    start[key] = (start[key] as number) + 1;
  }
  return output;
}

/** Keeps only nodes for which keep(i) is true (and edges between them). */
export function subProjection(p: Projection, keep: (i: number) => boolean): Projection {
  const n = p.ids.length;
  const renumbered = new Int32Array(n).fill(-1);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    if (keep(i)) {
      renumbered[i] = ids.length;
      ids.push(p.ids[i] as string);
    }
  }

  const offsets = new Int32Array(ids.length + 1);
  let length = 0;
  for (let i = 0; i < n; i++) {
    const row = renumbered[i] as number;
    if (row < 0) continue;
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      if ((renumbered[p.targets[a] as number] as number) >= 0) length++;
    }
    offsets[row + 1] = length;
  }

  // Renumbering keeps the order of the survivors, so rows stay sorted and ids stay ascending.
  const targets = new Int32Array(length);
  const weights = new Float64Array(length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if ((renumbered[i] as number) < 0) continue;
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      const target = renumbered[p.targets[a] as number] as number;
      if (target < 0) continue;
      targets[k] = target;
      weights[k] = p.weights[a] as number;
      k++;
    }
  }

  return {
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    offsets,
    targets,
    weights,
    edgeCount: length / 2,
  };
}

/** Indices reachable from any of the start indices (their connected components): 1 if reached, else 0. */
export function componentsContaining(p: Projection, starts: number[]): Uint8Array {
  const reached = new Uint8Array(p.ids.length);
  const queue = new Int32Array(p.ids.length);
  let tail = 0;
  for (const start of starts) {
    if (!Number.isInteger(start) || start < 0 || start >= p.ids.length) {
      throw new RangeError(`start ${start} is not a node index`);
    }
    if (reached[start] === 1) continue;
    reached[start] = 1;
    queue[tail++] = start;
  }
  for (let head = 0; head < tail; head++) {
    const node = queue[head] as number;
    for (let a = p.offsets[node] as number; a < (p.offsets[node + 1] as number); a++) {
      const neighbour = p.targets[a] as number;
      if (reached[neighbour] === 0) {
        reached[neighbour] = 1;
        queue[tail++] = neighbour;
      }
    }
  }
  return reached;
}

/** The same nodes without the edges lighter than `minWeight`: bonds too weak to say anything. */
export function withoutLightEdges(p: Projection, minWeight: number): Projection {
  if (minWeight <= 0) return p;
  const offsets = new Int32Array(p.ids.length + 1);
  let length = 0;
  for (let i = 0; i < p.ids.length; i++) {
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      if ((p.weights[a] as number) >= minWeight) length++;
    }
    offsets[i + 1] = length;
  }
  const targets = new Int32Array(length);
  const weights = new Float64Array(length);
  let k = 0;
  for (let a = 0; a < p.targets.length; a++) {
    if ((p.weights[a] as number) < minWeight) continue;
    targets[k] = p.targets[a] as number;
    weights[k] = p.weights[a] as number;
    k++;
  }
  return { ids: p.ids, index: p.index, offsets, targets, weights, edgeCount: length / 2 };
}
