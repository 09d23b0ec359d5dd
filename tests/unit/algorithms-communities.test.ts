import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { centrality } from '../../api/analysis/algorithms/centrality.ts';
import { detectCommunities, ProjectionGraphView, RefinementCache } from '../../api/analysis/algorithms/communities.ts';
import { keyPlayers } from '../../api/analysis/algorithms/key-players.ts';
import { buildProjection, type Projection, type WeightedEdge } from '../../api/analysis/algorithms/projection.ts';
import { normalizedMutualInformation } from '../../api/analysis/algorithms/quality.ts';
import { createRandom } from '../../api/analysis/algorithms/random.ts';

function clique(prefix: string, size: number): WeightedEdge[] {
  const list: WeightedEdge[] = [];
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) list.push({ source: `${prefix}${i}`, target: `${prefix}${j}`, weight: 1 });
  }
  return list;
}

/** Two five-person cliques whose only link is a broker who knows two people in each. */
function twoCliquesAndABroker(): { nodes: string[]; edges: WeightedEdge[] } {
  const edges = [
    ...clique('a', 5),
    ...clique('c', 5),
    ...['a0', 'a1', 'c0', 'c1'].map((target) => ({ source: 'broker', target, weight: 1 })),
  ];
  return { nodes: [...new Set(edges.flatMap((edge) => [edge.source, edge.target]))], edges };
}

/** A planted partition: `groups` groups of `size`, dense inside, sparse between. */
function plantedPartition(groups: number, size: number, seed: number): { p: Projection; truth: number[] } {
  const random = createRandom(seed);
  const ids = Array.from({ length: groups * size }, (_, i) => `p${String(i).padStart(4, '0')}`);
  const edges: WeightedEdge[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const together = Math.floor(i / size) === Math.floor(j / size);
      if (random() < (together ? 0.3 : 0.01)) edges.push({ source: ids[i] ?? '', target: ids[j] ?? '', weight: 1 });
    }
  }
  const p = buildProjection(ids, edges);
  return { p, truth: p.ids.map((id) => Math.floor(ids.indexOf(id) / size)) };
}

describe('detectCommunities', () => {
  const { nodes, edges } = twoCliquesAndABroker();
  const p = buildProjection(nodes, edges);

  it('splits two cliques joined by a broker', () => {
    const { community, count, modularity } = detectCommunities(p);
    expect(count).toBe(2);
    const of = (id: string) => community[p.index.get(id) ?? -1];
    for (let i = 1; i < 5; i++) {
      expect(of(`a${i}`)).toBe(of('a0'));
      expect(of(`c${i}`)).toBe(of('c0'));
    }
    expect(of('a0')).not.toBe(of('c0'));
    expect(modularity).toBeGreaterThan(0.3);
  });

  it('numbers communities by first appearance in node order', () => {
    const { community } = detectCommunities(p);
    expect(community[0]).toBe(0);
    const seen = new Set<number>();
    for (const label of community) {
      if (!seen.has(label)) expect(label).toBe(seen.size);
      seen.add(label);
    }
  });

  it('is deterministic, whatever the input order', () => {
    const { p: planted } = plantedPartition(6, 25, 8);
    const first = detectCommunities(planted, { seed: 3 });
    expect(detectCommunities(planted, { seed: 3 })).toEqual(first);
    const edgesInReverse: WeightedEdge[] = [];
    for (let i = planted.ids.length - 1; i >= 0; i--) {
      for (let a = (planted.offsets[i + 1] ?? 0) - 1; a >= (planted.offsets[i] ?? 0); a--) {
        edgesInReverse.push({
          source: planted.ids[i] ?? '',
          target: planted.ids[planted.targets[a] ?? 0] ?? '',
          weight: 1,
        });
      }
    }
    const reordered = buildProjection([...planted.ids].reverse(), edgesInReverse);
    expect(detectCommunities(reordered, { seed: 3 })).toEqual(first);
  });

  it('recovers a planted partition', () => {
    const { p: planted, truth } = plantedPartition(6, 25, 8);
    const { community, count } = detectCommunities(planted);
    expect(count).toBe(6);
    expect(normalizedMutualInformation(truth, [...community])).toBe(1);
  });

  it('finds more communities at a higher resolution', () => {
    const { p: planted } = plantedPartition(6, 25, 8);
    expect(detectCommunities(planted, { resolution: 5 }).count).toBeGreaterThan(6);
  });

  it('finds what Louvain finds on the same graph built in graphology', () => {
    // Weighted, with isolated nodes and uneven degrees: the view must hand Louvain the same nodes, edges
    // and weights, in the same order, as a graphology graph built row by row.
    const random = createRandom(11);
    const ids = Array.from({ length: 300 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const edges: WeightedEdge[] = [];
    for (let i = 0; i < ids.length - 20; i++) {
      for (let j = i + 1; j < ids.length - 20; j++) {
        const together = Math.floor(i / 12) === Math.floor(j / 12);
        if (random() < (together ? 0.4 : 0.02)) {
          edges.push({ source: ids[i] ?? '', target: ids[j] ?? '', weight: 0.1 + random() * 2 });
        }
      }
    }
    const p = buildProjection(ids, edges);
    for (const resolution of [0.5, 1, 2]) {
      const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
      for (let i = 0; i < p.ids.length; i++) graph.addNode(String(i));
      for (let i = 0; i < p.ids.length; i++) {
        for (let a = p.offsets[i] ?? 0; a < (p.offsets[i + 1] ?? 0); a++) {
          const j = p.targets[a] ?? 0;
          if (j > i) graph.addEdge(String(i), String(j), { weight: p.weights[a] ?? 0 });
        }
      }
      const options = { getEdgeWeight: 'weight', resolution, randomWalk: true };
      const built = louvain.detailed(graph, { ...options, rng: createRandom(5) });
      const view = new ProjectionGraphView(p);
      const weights = view.edgeWeights();
      const viewed = louvain.detailed(view as never, {
        ...options,
        getEdgeWeight: (edge: string) => weights[Number(edge)] ?? 0,
        rng: createRandom(5),
      });
      expect(viewed.modularity).toBe(built.modularity);
      expect(viewed.count).toBe(built.count);
      expect(ids.map((_, i) => viewed.communities[i])).toEqual(ids.map((_, i) => built.communities[String(i)]));
      const found = detectCommunities(p, { resolution, seed: 5, refine: false });
      expect(found.modularity).toBe(built.modularity);
    }
  });

  it('refuses to change the projection through the view', () => {
    const view = new ProjectionGraphView(buildProjection(['a', 'b'], [{ source: 'a', target: 'b', weight: 1 }]));
    expect(() => view.addUndirectedEdgeWithKey()).toThrow(/read-only/);
    expect(() => view.dropNode()).toThrow(/read-only/);
  });

  it('leaves every node alone in a graph without edges or edge weight', () => {
    const alone = { community: new Int32Array([0, 1, 2]), count: 3, modularity: 0 };
    expect(detectCommunities(buildProjection(['a', 'b', 'c'], []))).toEqual(alone);
    const weightless = buildProjection(['a', 'b', 'c'], [{ source: 'a', target: 'b', weight: 0 }]);
    expect(detectCommunities(weightless)).toEqual(alone);
  });

  it('separates small groups that modularity merges in a large network (the resolution limit), when refining', () => {
    // The classic case: a ring of 40 five-person cliques, each joined to the next by one bond. Modularity
    // over the whole ring prefers pairs of cliques merged; within each merged pair the split is plain.
    const edges: WeightedEdge[] = [];
    const nodes: string[] = [];
    for (let c = 0; c < 40; c++) {
      const prefix = `c${String(c).padStart(2, '0')}-`;
      edges.push(...clique(prefix, 5));
      for (let i = 0; i < 5; i++) nodes.push(`${prefix}${i}`);
      edges.push({ source: `${prefix}4`, target: `c${String((c + 1) % 40).padStart(2, '0')}-0`, weight: 1 });
    }
    const p = buildProjection(nodes, edges);
    const cliqueOf = p.ids.map((id) => id.slice(0, 3));
    const plain = detectCommunities(p, { refine: false });
    const refined = detectCommunities(p);
    // Pairs of cliques merged; after refining nearly all apart (a pair of five-cliques is a small network,
    // where random bonds are nearly as modular, so a split can fall short of significance).
    expect(plain.count).toBeLessThanOrEqual(20);
    expect(normalizedMutualInformation(cliqueOf, [...plain.community])).toBeLessThan(0.9);
    expect(refined.count).toBeGreaterThanOrEqual(36);
    expect(refined.count).toBeLessThanOrEqual(40);
    expect(normalizedMutualInformation(cliqueOf, [...refined.community])).toBeGreaterThan(0.98);
    expect(refined.refinement?.split).toBeGreaterThan(0);
    expect(refined.modularity).toBeGreaterThan(0);
    expect(detectCommunities(p)).toEqual(refined);
  });

  it('answers the same from refinements kept from an earlier run, reusing those of the communities unchanged', () => {
    const ring = (heavier: number) => {
      const edges: WeightedEdge[] = [];
      for (let c = 0; c < 40; c++) {
        const prefix = `c${String(c).padStart(2, '0')}-`;
        edges.push(...clique(prefix, 5).map((edge) => (c === 7 ? { ...edge, weight: heavier } : edge)));
        edges.push({ source: `${prefix}4`, target: `c${String((c + 1) % 40).padStart(2, '0')}-0`, weight: 1 });
      }
      return buildProjection([...new Set(edges.flatMap((edge) => [edge.source, edge.target]))], edges);
    };
    class CountingCache extends RefinementCache {
      hits = 0;
      override get(key: string) {
        const found = super.get(key);
        if (found) this.hits += 1;
        return found;
      }
    }
    const cache = new CountingCache(1000);
    const before = ring(1);
    expect(detectCommunities(before, {}, cache)).toEqual(detectCommunities(before));
    expect(cache.hits).toBe(0);
    // One clique's bonds grow heavier: the others are looked at as before, from the cache.
    const after = ring(2);
    const fresh = detectCommunities(after);
    expect(detectCommunities(after, {}, cache)).toEqual(fresh);
    expect(cache.hits).toBeGreaterThan(0);
    expect(cache.hits).toBeLessThan(fresh.refinement?.examined ?? 0);
    // A cache too small to keep a run's refinements still answers the same.
    const tiny = new CountingCache(1);
    expect(detectCommunities(after, {}, tiny)).toEqual(fresh);
    expect(detectCommunities(after, {}, tiny)).toEqual(fresh);
  });

  it('keeps a tight group whole however its bonds vary, when refining', () => {
    // A twelve-person group with uneven bonds inside a sparse, structure-free crowd of 400.
    const random = createRandom(3);
    const group = Array.from({ length: 12 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    const crowd = Array.from({ length: 400 }, (_, i) => `x${String(i).padStart(3, '0')}`);
    const edges: WeightedEdge[] = [];
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (random() < 0.6) edges.push({ source: group[i] ?? '', target: group[j] ?? '', weight: 0.2 + random() });
      }
    }
    for (let k = 0; k < 800; k++) {
      const pick = () => crowd[Math.floor(random() * crowd.length)] ?? '';
      edges.push({ source: pick(), target: pick(), weight: 0.1 + random() * 0.5 });
    }
    for (const member of group.slice(0, 4)) edges.push({ source: member, target: crowd[0] ?? '', weight: 0.2 });
    const p = buildProjection([...group, ...crowd], edges);
    const found = detectCommunities(p);
    const labels = new Set(group.map((id) => found.community[p.index.get(id) as number]));
    expect(labels.size).toBe(1);
    expect(found.refinement?.examined).toBeGreaterThan(0);
  });
});

describe('keyPlayers', () => {
  const { nodes, edges } = twoCliquesAndABroker();
  const p = buildProjection(nodes, edges);
  const broker = p.index.get('broker') ?? -1;

  it('ranks the broker as the top betweenness node', () => {
    const { betweenness } = centrality(p);
    // Every one of the 25 pairs across the cliques goes through the broker: 25 / (10·9/2).
    expect(betweenness[broker]).toBeCloseTo(25 / 45, 12);
    expect(Math.max(...betweenness)).toBe(betweenness[broker]);
  });

  it('removes the broker first, splitting the network', () => {
    const result = keyPlayers(p, { count: 2, isCandidate: () => true });
    expect(result.baseline).toEqual({ largestComponent: 11, largestComponentShare: 1, components: 1 });
    expect(result.steps[0]).toEqual({
      index: broker,
      id: 'broker',
      largestComponent: 5,
      largestComponentShare: 5 / 11,
      components: 2,
    });
    expect(result.steps[1]?.largestComponent).toBe(5);
    expect(result.steps[1]?.components).toBe(2);
    expect(result.method).toMatch(/betweenness was computed exactly/);
  });

  it('only removes candidates, and stops when none remain', () => {
    const onlyCliqueA = keyPlayers(p, { count: 10, isCandidate: (i) => p.ids[i]?.startsWith('a') === true });
    expect(onlyCliqueA.steps).toHaveLength(5);
    expect(onlyCliqueA.steps.every((step) => step.id.startsWith('a'))).toBe(true);
    // a0 and a1 tie on everything, so the smaller id goes first, and removing both cuts the broker's route.
    expect(onlyCliqueA.steps.map((step) => step.id).slice(0, 2)).toEqual(['a0', 'a1']);
    expect(onlyCliqueA.steps[1]?.largestComponent).toBe(6);
    expect(keyPlayers(p, { count: 3, isCandidate: () => false }).steps).toEqual([]);
  });

  it('says when betweenness was sampled, and is deterministic', () => {
    const { p: planted } = plantedPartition(6, 25, 8);
    const options = { count: 3, isCandidate: () => true, exactUpTo: 10, samples: 20, seed: 4 };
    const first = keyPlayers(planted, options);
    expect(first.method).toMatch(/estimated from up to 20 pivots per connected component/);
    expect(keyPlayers(planted, options)).toEqual(first);
    const shares = first.steps.map((step) => step.largestComponentShare);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });
});
