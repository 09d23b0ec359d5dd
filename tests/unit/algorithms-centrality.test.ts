import { describe, expect, it } from 'vitest';
import { centrality } from '../../api/analysis/algorithms/centrality.ts';
import { buildProjection, type Projection, type WeightedEdge } from '../../api/analysis/algorithms/projection.ts';
import { createRandom } from '../../api/analysis/algorithms/random.ts';

/** Edges written as 'a-b' or 'a-b:3' (weight 3; default 1); nodes are those named plus `isolated`. */
function graph(text: string, isolated: string[] = []): Projection {
  const list: WeightedEdge[] = text.split(' ').map((edge) => {
    const [pair = '', weight = '1'] = edge.split(':');
    const [source = '', target = ''] = pair.split('-');
    return { source, target, weight: Number(weight) };
  });
  return buildProjection([...list.flatMap((edge) => [edge.source, edge.target]), ...isolated], list);
}

function byId(p: Projection, values: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(p.ids.map((id, i) => [id, values[i] ?? Number.NaN]));
}

function sum(values: ArrayLike<number>): number {
  return Array.from(values).reduce((total, value) => total + value, 0);
}

// Zachary's karate club with its weights, and reference values from networkx 3.6.1: betweenness_centrality(G),
// closeness_centrality(G), pagerank(G, weight=None) and pagerank(G), the last two run to tol=1e-13.
const KARATE =
  '0-1:4 0-2:5 0-3:3 0-4:3 0-5:3 0-6:3 0-7:2 0-8:2 0-10:2 0-11:3 0-12:1 0-13:3 0-17:2 0-19:2 0-21:2 0-31:2 ' +
  '1-2:6 1-3:3 1-7:4 1-13:5 1-17:1 1-19:2 1-21:2 1-30:2 2-3:3 2-7:4 2-8:5 2-9:1 2-13:3 2-27:2 2-28:2 2-32:2 ' +
  '3-7:3 3-12:3 3-13:3 4-6:2 4-10:3 5-6:5 5-10:3 5-16:3 6-16:3 8-30:3 8-32:3 8-33:4 9-33:2 13-33:3 14-32:3 ' +
  '14-33:2 15-32:3 15-33:4 18-32:1 18-33:2 19-33:1 20-32:3 20-33:1 22-32:2 22-33:3 23-25:5 23-27:4 23-29:3 ' +
  '23-32:5 23-33:4 24-25:2 24-27:3 24-31:2 25-31:7 26-29:4 26-33:2 27-33:4 28-31:2 28-33:2 29-32:4 29-33:2 ' +
  '30-32:3 30-33:3 31-32:4 31-33:4 32-33:5';
const KARATE_REFERENCE: Record<string, [number, number, number, number]> = {
  '0': [0.43763528138528146, 0.5689655172413793, 0.09699728538919744, 0.08850031542880393],
  '2': [0.14365680615680618, 0.559322033898305, 0.05707850948844042, 0.06276562384825184],
  '32': [0.145247113997114, 0.515625, 0.07169322600509087, 0.0759344195801074],
  '33': [0.30407497594997596, 0.55, 0.10091918233177889, 0.09698936283363765],
  '11': [0, 0.36666666666666664, 0.009564745492200528, 0.009784998142646457],
};

/** Preferential attachment: heavy-tailed like a real network, with clear brokers. */
function preferentialAttachment(nodes: number, linksPerNode: number, seed: number): Projection {
  const random = createRandom(seed);
  const ends: number[] = [0, 1];
  const list: WeightedEdge[] = [{ source: 'n0', target: 'n1', weight: 1 }];
  for (let node = 2; node < nodes; node++) {
    for (let link = 0; link < linksPerNode; link++) {
      const target = ends[Math.floor(random() * ends.length)] ?? 0;
      list.push({ source: `n${node}`, target: `n${target}`, weight: 1 });
      ends.push(node, target);
    }
  }
  return buildProjection(
    Array.from({ length: nodes }, (_, i) => `n${i}`),
    list,
  );
}

function topIndices(values: Float64Array, count: number): number[] {
  return [...values.keys()].sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || a - b).slice(0, count);
}

function relativeErrors(estimate: Float64Array, exact: Float64Array): number[] {
  return [...exact].map((value, i) => Math.abs((estimate[i] ?? 0) - value) / value);
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const meanX = sum(x) / x.length;
  const meanY = sum(y) / y.length;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  return xy / Math.sqrt(xx * yy);
}

describe('centrality on graphs with known answers', () => {
  it('path a-b-c: b lies on the only path between the ends', () => {
    const p = graph('a-b b-c');
    const result = centrality(p);
    expect(byId(p, result.betweenness)).toEqual({ a: 0, b: 1, c: 0 });
    expect(byId(p, result.closeness)).toEqual({ a: 2 / 3, b: 1, c: 2 / 3 });
    expect(byId(p, result.degree)).toEqual({ a: 1, b: 2, c: 1 });
    expect(result.method).toEqual({ betweenness: 'exact', closeness: 'exact' });
  });

  it('star with 5 leaves: the centre brokers every pair of leaves', () => {
    const p = graph('hub-l1 hub-l2 hub-l3 hub-l4 hub-l5:3');
    const result = centrality(p);
    const hub = p.index.get('hub') ?? -1;
    const leaf = p.index.get('l1') ?? -1;
    expect(result.betweenness[hub]).toBe(1);
    expect(byId(p, result.betweenness)).toMatchObject({ l1: 0, l5: 0 });
    expect(result.closeness[hub]).toBe(1);
    expect(result.closeness[leaf]).toBeCloseTo(5 / 9, 12);
    expect(byId(p, result.weightedDegree)).toMatchObject({ hub: 7, l1: 1, l5: 3 });
  });

  it('star pagerank: centre and leaves as solved by hand', () => {
    const p = graph('hub-l1 hub-l2 hub-l3 hub-l4 hub-l5');
    const { pageRank } = centrality(p);
    // hub = 0.15/6 + 0.85·5·leaf and leaf = 0.15/6 + 0.85·hub/5; a star converges slowly, hence 7 digits.
    expect(pageRank[p.index.get('hub') ?? -1]).toBeCloseTo(0.13125 / 0.2775, 7);
    expect(pageRank[p.index.get('l3') ?? -1]).toBeCloseTo((1 - 0.13125 / 0.2775) / 5, 7);
    expect(sum(pageRank)).toBeCloseTo(1, 12);
  });

  it('disconnected graph: Wasserman–Faust closeness and dangling pagerank as networkx', () => {
    const p = graph('a-b b-c d-e', ['f']);
    const result = centrality(p);
    expect(byId(p, result.betweenness)).toEqual({ a: 0, b: 0.1, c: 0, d: 0, e: 0, f: 0 });
    const closeness = byId(p, result.closeness);
    expect(closeness.b).toBeCloseTo(0.4, 12);
    expect(closeness.a).toBeCloseTo(0.26666666666666666, 12);
    expect(closeness.d).toBeCloseTo(0.2, 12);
    expect(closeness.f).toBe(0);
    const pageRank = byId(p, result.pageRank);
    expect(pageRank.b).toBeCloseTo(0.28339018630268165, 7);
    expect(pageRank.d).toBeCloseTo(0.1941747572815533, 7);
    expect(pageRank.f).toBeCloseTo(0.02912621359223301, 7);
    expect(pageRank.a).toBe(pageRank.c);
    expect(sum(result.pageRank)).toBeCloseTo(1, 12);
  });

  it("Zachary's karate club matches networkx", () => {
    const weighted = graph(KARATE);
    const unweighted = graph(KARATE.replace(/:\d+/g, ''));
    const exact = centrality(weighted);
    const plain = centrality(unweighted);
    for (const [id, [betweenness, closeness, pageRank, weightedPageRank]] of Object.entries(KARATE_REFERENCE)) {
      const i = weighted.index.get(id) ?? -1;
      expect(exact.betweenness[i]).toBeCloseTo(betweenness, 12);
      expect(exact.closeness[i]).toBeCloseTo(closeness, 12);
      expect(plain.pageRank[i]).toBeCloseTo(pageRank, 7);
      expect(exact.pageRank[i]).toBeCloseTo(weightedPageRank, 7);
    }
  });

  it('handles graphs too small to have brokers', () => {
    expect(centrality(buildProjection([], []))).toMatchObject({ betweenness: new Float64Array(0) });
    const single = centrality(buildProjection(['a'], []));
    expect([...single.pageRank]).toEqual([1]);
    expect([...single.closeness]).toEqual([0]);
    const pair = centrality(graph('a-b'));
    expect([...pair.betweenness]).toEqual([0, 0]);
    expect([...pair.closeness]).toEqual([1, 1]);
  });
});

describe('centrality is deterministic', () => {
  it('gives identical arrays for the same input, however ordered', () => {
    const p = preferentialAttachment(600, 2, 11);
    const shuffled = buildProjection([...p.ids].reverse(), edgesOf(p).reverse());
    const options = { exactUpTo: 100, samples: 20, seed: 5 };
    const first = centrality(p, options);
    expect(centrality(p, options)).toEqual(first);
    expect(centrality(shuffled, options)).toEqual(first);
    expect(centrality(p, { ...options, seed: 6 }).betweenness).not.toEqual(first.betweenness);
  });
});

function edgesOf(p: Projection): WeightedEdge[] {
  const list: WeightedEdge[] = [];
  for (let i = 0; i < p.ids.length; i++) {
    for (let a = p.offsets[i] ?? 0; a < (p.offsets[i + 1] ?? 0); a++) {
      const j = p.targets[a] ?? 0;
      if (j > i) list.push({ source: p.ids[i] ?? '', target: p.ids[j] ?? '', weight: p.weights[a] ?? 0 });
    }
  }
  return list;
}

describe('sampled centrality', () => {
  const p = preferentialAttachment(1500, 2, 3);
  const exact = centrality(p);
  const sampled = centrality(p, { exactUpTo: 0, samples: 100 });

  it('says how it was computed', () => {
    expect(exact.method).toEqual({ betweenness: 'exact', closeness: 'exact' });
    expect(sampled.method).toEqual({ betweenness: 'sampled', closeness: 'sampled', samples: 100 });
  });

  it('finds the same top brokers as exact Brandes', () => {
    const overlap = topIndices(sampled.betweenness, 5).filter((i) => topIndices(exact.betweenness, 5).includes(i));
    expect(overlap.length).toBeGreaterThanOrEqual(4);
    expect(pearson(sampled.betweenness, exact.betweenness)).toBeGreaterThan(0.95);
  });

  it('estimates closeness closely', () => {
    expect(pearson(sampled.closeness, exact.closeness)).toBeGreaterThan(0.95);
    const errors = relativeErrors(sampled.closeness, exact.closeness);
    expect(sum(errors) / errors.length).toBeLessThan(0.03);
    expect(Math.max(...errors)).toBeLessThan(0.15);
  });

  it('draws pivots from every large component, scaling each by its own size', () => {
    const large = preferentialAttachment(800, 2, 5);
    const small = preferentialAttachment(300, 2, 6);
    const union = buildProjection(
      [...large.ids.map((id) => `large-${id}`), ...small.ids.map((id) => `small-${id}`)],
      [
        ...edgesOf(large).map((edge) => ({ ...edge, source: `large-${edge.source}`, target: `large-${edge.target}` })),
        ...edgesOf(small).map((edge) => ({ ...edge, source: `small-${edge.source}`, target: `small-${edge.target}` })),
      ],
    );
    const exactUnion = centrality(union);
    const sampledUnion = centrality(union, { exactUpTo: 0, samples: 60 });
    expect(sampledUnion.method.betweenness).toBe('sampled');
    expect(pearson(sampledUnion.betweenness, exactUnion.betweenness)).toBeGreaterThan(0.95);
    const errors = relativeErrors(sampledUnion.closeness, exactUnion.closeness);
    expect(sum(errors) / errors.length).toBeLessThan(0.03);
    expect(Math.max(...errors)).toBeLessThan(0.15);
  });

  it('searches components no larger than the sample count from every node, exactly', () => {
    const withSmallParts = graph('a-b b-c c-d x-y y-z');
    const result = centrality(withSmallParts, { exactUpTo: 0, samples: 4 });
    expect(result.method.betweenness).toBe('exact');
    expect(result).toEqual(centrality(withSmallParts));
  });
});
