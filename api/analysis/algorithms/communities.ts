import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { Attributes } from 'graphology-types';
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

/**
 * Louvain community detection (graphology-communities-louvain) on the weighted projection. Nodes and
 * edges are added in index order and the random walk is driven by a seeded source, so the same
 * projection always gives the same communities.
 */
export function detectCommunities(p: Projection, options: CommunityOptions = {}): Communities {
  const n = p.ids.length;
  if (!p.weights.some((weight) => weight > 0)) {
    return { community: Int32Array.from({ length: n }, (_, i) => i), count: n, modularity: 0 };
  }

  // Keys are node indices and edge numbers, not ids: graphology indexes neighbours by key in plain objects,
  // and integer-like keys take V8's element path, which built a 500k-edge graph about five times faster.
  const graph = new UndirectedGraph<Attributes, { weight: number }>();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  let edge = 0;
  for (let i = 0; i < n; i++) {
    for (let a = p.offsets[i] as number; a < (p.offsets[i + 1] as number); a++) {
      const j = p.targets[a] as number;
      if (j > i) graph.addEdgeWithKey(String(edge++), String(i), String(j), { weight: p.weights[a] as number });
    }
  }

  const result = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution: options.resolution ?? 1,
    randomWalk: true,
    rng: createRandom(options.seed ?? DEFAULT_SEED),
  });

  // Louvain numbers communities in its own order; renumber by first appearance so labels are stable.
  const renumbered = new Map<number, number>();
  const community = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const found = result.communities[String(i)] as number;
    let label = renumbered.get(found);
    if (label === undefined) {
      label = renumbered.size;
      renumbered.set(found, label);
    }
    community[i] = label;
  }
  return { community, count: renumbered.size, modularity: result.modularity };
}
