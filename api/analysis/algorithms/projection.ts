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
 * Builds the CSR (see projectionFromIndices) from edges between ids.
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
 * sorted ascending and distinct. Self loops are dropped, and so are merged edges lighter than
 * `minWeight` (their nodes stay, as withoutLightEdges leaves them).
 *
 * Parallel edges are merged per pair before any arc is made: edges are bucketed by their lower end
 * (a counting sort), each bucket merges its pairs through a scratch slot per upper end, and the rows are
 * then filled from the merged edges in index order, so they come out sorted without a comparison sort. A
 * pair's weights are summed smallest first when there are three or more (two add the same either way), so
 * the sum does not depend on the order the edges came in: floating-point addition is not associative.
 *
 * @throws RangeError when an edge has a negative or non-finite weight.
 */
export function projectionFromIndices(
  ids: string[],
  edges: { from: ArrayLike<number>; to: ArrayLike<number>; weight: ArrayLike<number> },
  index: Map<string, number> = new Map(ids.map((id, i) => [id, i])),
  { minWeight = 0 }: { minWeight?: number } = {},
): Projection {
  const n = ids.length;
  const m = edges.from.length;
  // Edges by their lower end, in input order within each.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const w = edges.weight[e] as number;
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(
        `edge ${ids[edges.from[e] as number]} – ${ids[edges.to[e] as number]} has weight ${w}; weights must be ≥ 0`,
      );
    }
    const a = edges.from[e] as number;
    const b = edges.to[e] as number;
    if (a === b) continue;
    const lo = Math.min(a, b);
    start[lo + 1] = (start[lo + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const bucketed = new Int32Array(start[n] as number);
  const fill = start.slice(0, n);
  for (let e = 0; e < m; e++) {
    const a = edges.from[e] as number;
    const b = edges.to[e] as number;
    if (a === b) continue;
    const lo = Math.min(a, b);
    bucketed[fill[lo] as number] = e;
    fill[lo] = (fill[lo] as number) + 1;
  }

  // Merged edges, bucket by bucket (so in order of their lower end): ends, summed weight, how many summed.
  const lower = new Int32Array(bucketed.length);
  const upper = new Int32Array(bucketed.length);
  const merged = new Float64Array(bucketed.length);
  const parts = new Int32Array(bucketed.length);
  const stamp = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  let unique = 0;
  let scratch = new Float64Array(16);
  for (let lo = 0; lo < n; lo++) {
    const first = unique;
    let crowded = false;
    for (let k = start[lo] as number; k < (start[lo + 1] as number); k++) {
      const e = bucketed[k] as number;
      const a = edges.from[e] as number;
      const hi = a === lo ? (edges.to[e] as number) : a;
      const w = edges.weight[e] as number;
      if (stamp[hi] !== lo) {
        stamp[hi] = lo;
        slot[hi] = unique;
        lower[unique] = lo;
        upper[unique] = hi;
        merged[unique] = w;
        parts[unique] = 1;
        unique++;
      } else {
        const u = slot[hi] as number;
        merged[u] = (merged[u] as number) + w;
        parts[u] = (parts[u] as number) + 1;
        if ((parts[u] as number) > 2) crowded = true;
      }
    }
    if (!crowded) continue;
    // Pairs of three or more: gather their weights and add them again, smallest first.
    for (let u = first; u < unique; u++) {
      const count = parts[u] as number;
      if (count < 3) continue;
      if (scratch.length < count) scratch = new Float64Array(count * 2);
      const hi = upper[u] as number;
      let taken = 0;
      for (let k = start[lo] as number; k < (start[lo + 1] as number) && taken < count; k++) {
        const e = bucketed[k] as number;
        const a = edges.from[e] as number;
        if ((a === lo ? (edges.to[e] as number) : a) === hi) scratch[taken++] = edges.weight[e] as number;
      }
      const weights = scratch.subarray(0, count).sort();
      let sum = 0;
      for (let k = 0; k < count; k++) sum += weights[k] as number;
      merged[u] = sum;
    }
  }

  // Rows: each node's lower neighbours first, then its upper ones, both ascending.
  const offsets = new Int32Array(n + 1);
  const lowerCount = new Int32Array(n);
  for (let u = 0; u < unique; u++) {
    if ((merged[u] as number) < minWeight) continue;
    const lo = lower[u] as number;
    const hi = upper[u] as number;
    offsets[lo + 1] = (offsets[lo + 1] as number) + 1;
    offsets[hi + 1] = (offsets[hi + 1] as number) + 1;
    lowerCount[hi] = (lowerCount[hi] as number) + 1;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const targets = new Int32Array(offsets[n] as number);
  const weights = new Float64Array(offsets[n] as number);
  // The merged edges come in order of their lower end, so each row's lower neighbours arrive ascending.
  const lowerFill = offsets.slice(0, n);
  for (let u = 0; u < unique; u++) {
    const w = merged[u] as number;
    if (w < minWeight) continue;
    const hi = upper[u] as number;
    const at = lowerFill[hi] as number;
    targets[at] = lower[u] as number;
    weights[at] = w;
    lowerFill[hi] = at + 1;
  }
  // Then, node by node ascending, each is the next upper neighbour of every lower neighbour it has.
  const upperFill = new Int32Array(n);
  for (let i = 0; i < n; i++) upperFill[i] = (offsets[i] as number) + (lowerCount[i] as number);
  for (let hi = 0; hi < n; hi++) {
    const end = (offsets[hi] as number) + (lowerCount[hi] as number);
    for (let a = offsets[hi] as number; a < end; a++) {
      const lo = targets[a] as number;
      const at = upperFill[lo] as number;
      targets[at] = hi;
      weights[at] = weights[a] as number;
      upperFill[lo] = at + 1;
    }
  }
  return { ids, index, offsets, targets, weights, edgeCount: (offsets[n] as number) / 2 };
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
