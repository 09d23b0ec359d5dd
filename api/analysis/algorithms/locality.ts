import type { Projection } from './projection.ts';

/** The adjacency of a projection, all that breadth-first searches need. */
export type Adjacency = Pick<Projection, 'offsets' | 'targets'>;

/** A projection's adjacency with its nodes renumbered; local node k is original node `original[k]`. */
export interface LocalGraph extends Adjacency {
  original: Int32Array;
}

/**
 * Renumbers nodes in breadth-first order from the best-connected node of each component, so that nodes
 * met together in a search sit together in memory. Searches over 100k nodes are bound by cache misses
 * rather than arithmetic, and this order halved their time on heavy-tailed test graphs. Rows are left
 * unsorted: the searches do not need sorted neighbours, and the order is still fixed by the input.
 */
export function renumberForLocality(p: Projection): LocalGraph {
  const n = p.ids.length;
  // Degree descending, ties by index, as one numeric key per node: a native sort, no comparator calls.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (p.targets.length - degree(p, i)) * n + i;
  keys.sort();
  const byDegree = keys.map((key) => key % n);
  const original = new Int32Array(n);
  const local = new Int32Array(n).fill(-1);
  let tail = 0;
  for (const start of byDegree) {
    if ((local[start] as number) >= 0) continue;
    local[start] = tail;
    original[tail++] = start;
    for (let head = tail - 1; head < tail; head++) {
      const node = original[head] as number;
      for (let a = p.offsets[node] as number; a < (p.offsets[node + 1] as number); a++) {
        const neighbour = p.targets[a] as number;
        if ((local[neighbour] as number) >= 0) continue;
        local[neighbour] = tail;
        original[tail++] = neighbour;
      }
    }
  }

  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(p.targets.length);
  let length = 0;
  for (let k = 0; k < n; k++) {
    const node = original[k] as number;
    for (let a = p.offsets[node] as number; a < (p.offsets[node + 1] as number); a++) {
      targets[length++] = local[p.targets[a] as number] as number;
    }
    offsets[k + 1] = length;
  }
  return { offsets, targets, original };
}

function degree(p: Projection, i: number): number {
  return (p.offsets[i + 1] as number) - (p.offsets[i] as number);
}
