import type { Adjacency } from './locality.ts';

export interface ComponentLabels {
  /** component of each node, numbered in order of their smallest node index; -1 for removed nodes */
  label: Int32Array;
  /** size of each component */
  sizes: number[];
}

/** Connected components by breadth-first search, ignoring nodes where removed[i] === 1. */
export function labelComponents(p: Adjacency, removed?: Uint8Array): ComponentLabels {
  const n = p.offsets.length - 1;
  const label = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let start = 0; start < n; start++) {
    if (label[start] !== -1 || removed?.[start] === 1) continue;
    const component = sizes.length;
    label[start] = component;
    queue[0] = start;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const node = queue[head] as number;
      for (let a = p.offsets[node] as number; a < (p.offsets[node + 1] as number); a++) {
        const neighbour = p.targets[a] as number;
        if (label[neighbour] !== -1 || removed?.[neighbour] === 1) continue;
        label[neighbour] = component;
        queue[tail++] = neighbour;
      }
    }
    sizes.push(tail);
  }
  return { label, sizes };
}

/** Size of the largest connected component, ignoring nodes where removed[i] === 1; also the component count. */
export function largestComponent(p: Adjacency, removed?: Uint8Array): { size: number; components: number } {
  const { sizes } = labelComponents(p, removed);
  let size = 0;
  for (const componentSize of sizes) size = Math.max(size, componentSize);
  return { size, components: sizes.length };
}

export interface RemovalImpact {
  /** per node: the largest connected component if it were removed as well (0 for removed nodes) */
  largestComponent: Int32Array;
  /** per node: how many connected components there would be if it were removed as well */
  components: Int32Array;
}

/**
 * What removing each present node would leave, for all nodes in one depth-first search (Hopcroft–Tarjan
 * cut vertices) instead of one search per node. A DFS child whose subtree has no back edge above the node
 * becomes a piece of its own; the rest of the component stays together.
 */
export function removalImpact(p: Adjacency, removed?: Uint8Array): RemovalImpact {
  const n = p.offsets.length - 1;
  const label = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const discovered = new Int32Array(n); // DFS discovery time from 1; 0 = not yet discovered
  const low = new Int32Array(n);
  const subtree = new Int32Array(n);
  const parent = new Int32Array(n);
  const nextArc = new Int32Array(n);
  const stack = new Int32Array(n);
  const separated = new Int32Array(n); // nodes in subtrees that removing the node cuts off
  const largestPiece = new Int32Array(n);
  const pieces = new Int32Array(n);
  const impact: RemovalImpact = { largestComponent: new Int32Array(n), components: new Int32Array(n) };
  let time = 0;

  for (let root = 0; root < n; root++) {
    if (discovered[root] !== 0 || removed?.[root] === 1) continue;
    const component = sizes.length;
    let depth = 0;
    stack[0] = root;
    parent[root] = -1;
    label[root] = component;
    discovered[root] = low[root] = ++time;
    subtree[root] = 1;
    nextArc[root] = p.offsets[root] as number;
    while (depth >= 0) {
      const node = stack[depth] as number;
      const arc = nextArc[node] as number;
      if (arc < (p.offsets[node + 1] as number)) {
        nextArc[node] = arc + 1;
        const neighbour = p.targets[arc] as number;
        if (removed?.[neighbour] === 1 || neighbour === parent[node]) continue;
        if (discovered[neighbour] === 0) {
          parent[neighbour] = node;
          label[neighbour] = component;
          discovered[neighbour] = low[neighbour] = ++time;
          subtree[neighbour] = 1;
          nextArc[neighbour] = p.offsets[neighbour] as number;
          stack[++depth] = neighbour;
        } else {
          low[node] = Math.min(low[node] as number, discovered[neighbour] as number);
        }
        continue;
      }
      depth--;
      const above = parent[node] as number;
      if (above < 0) continue;
      subtree[above] = (subtree[above] as number) + (subtree[node] as number);
      low[above] = Math.min(low[above] as number, low[node] as number);
      if ((low[node] as number) >= (discovered[above] as number)) {
        separated[above] = (separated[above] as number) + (subtree[node] as number);
        largestPiece[above] = Math.max(largestPiece[above] as number, subtree[node] as number);
        pieces[above] = (pieces[above] as number) + 1;
      }
    }
    sizes.push(subtree[root] as number);
  }

  let largest = -1;
  let secondSize = 0;
  for (let c = 0; c < sizes.length; c++) {
    if (largest < 0 || (sizes[c] as number) > (sizes[largest] as number)) {
      secondSize = largest < 0 ? 0 : (sizes[largest] as number);
      largest = c;
    } else secondSize = Math.max(secondSize, sizes[c] as number);
  }
  for (let node = 0; node < n; node++) {
    const component = label[node] as number;
    if (component < 0) continue;
    const size = sizes[component] as number;
    const rest = size - 1 - (separated[node] as number);
    const elsewhere = component === largest ? secondSize : (sizes[largest] as number);
    impact.largestComponent[node] = Math.max(elsewhere, largestPiece[node] as number, rest);
    impact.components[node] = sizes.length - 1 + (pieces[node] as number) + (rest > 0 ? 1 : 0);
  }
  return impact;
}
