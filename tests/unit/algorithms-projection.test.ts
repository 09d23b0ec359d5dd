import { describe, expect, it } from 'vitest';
import { labelComponents, largestComponent, removalImpact } from '../../api/analysis/algorithms/components.ts';
import { renumberForLocality } from '../../api/analysis/algorithms/locality.ts';
import {
  buildProjection,
  componentsContaining,
  type Projection,
  projectionFromIndices,
  subProjection,
  type WeightedEdge,
} from '../../api/analysis/algorithms/projection.ts';
import { createRandom } from '../../api/analysis/algorithms/random.ts';

/** Edges written as 'a-b' or 'a-b:3' (weight 3; default 1). */
function edges(text: string): WeightedEdge[] {
  return text
    .split(' ')
    .filter(Boolean)
    .map((edge) => {
      const [pair = '', weight = '1'] = edge.split(':');
      const [source = '', target = ''] = pair.split('-');
      return { source, target, weight: Number(weight) };
    });
}

function neighbours(p: Projection, id: string): [string, number][] {
  const i = p.index.get(id) ?? -1;
  const found: [string, number][] = [];
  for (let a = p.offsets[i] ?? 0; a < (p.offsets[i + 1] ?? 0); a++) {
    found.push([p.ids[p.targets[a] ?? -1] ?? '?', p.weights[a] ?? Number.NaN]);
  }
  return found;
}

function randomGraph(nodes: number, edgeCount: number, seed: number): Projection {
  const random = createRandom(seed);
  const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const list = Array.from({ length: edgeCount }, () => ({
    source: ids[Math.floor(random() * nodes)] ?? '',
    target: ids[Math.floor(random() * nodes)] ?? '',
    weight: 1,
  }));
  return buildProjection(ids, list);
}

describe('buildProjection', () => {
  it('sorts ids, merges parallel edges, drops self loops and edges to unknown ids', () => {
    const p = buildProjection(['c', 'a', 'b', 'a'], edges('a-b:2 b-a:3 a-a:9 c-b a-x x-y'));
    expect(p.ids).toEqual(['a', 'b', 'c']);
    expect([...p.index]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(p.edgeCount).toBe(2);
    expect(neighbours(p, 'a')).toEqual([['b', 5]]);
    expect(neighbours(p, 'b')).toEqual([
      ['a', 5],
      ['c', 1],
    ]);
    expect(neighbours(p, 'c')).toEqual([['b', 1]]);
    expect(p.targets).toHaveLength(4);
  });

  it('keeps rows sorted by neighbour index', () => {
    const p = buildProjection(['a', 'b', 'c', 'd', 'e'], edges('a-e a-c a-d a-b c-e'));
    expect(neighbours(p, 'a').map(([id]) => id)).toEqual(['b', 'c', 'd', 'e']);
    expect(neighbours(p, 'e').map(([id]) => id)).toEqual(['a', 'c']);
  });

  it('does not depend on the order of nodes or edges', () => {
    const list = edges('a-b:2 b-c c-d:4 d-a a-c:0.5 b-a');
    const first = buildProjection(['a', 'b', 'c', 'd'], list);
    const second = buildProjection(['d', 'c', 'b', 'a'], [...list].reverse());
    expect(second).toEqual(first);
  });

  it('refuses a negative or non-finite weight', () => {
    expect(() => buildProjection(['a', 'b'], edges('a-b:-1'))).toThrow(RangeError);
    expect(() => buildProjection(['a', 'b'], [{ source: 'a', target: 'b', weight: Number.NaN }])).toThrow(/weight/);
  });

  it('builds an empty projection', () => {
    const p = buildProjection([], []);
    expect(p.ids).toEqual([]);
    expect([...p.offsets]).toEqual([0]);
    expect(p.edgeCount).toBe(0);
  });
});

describe('subProjection', () => {
  it('keeps the chosen nodes and the edges between them, renumbered', () => {
    const p = buildProjection(['a', 'b', 'c', 'd'], edges('a-b:2 b-c c-d:4 a-d'));
    const sub = subProjection(p, (i) => p.ids[i] !== 'b');
    expect(sub.ids).toEqual(['a', 'c', 'd']);
    expect(sub.index.get('d')).toBe(2);
    expect(sub.edgeCount).toBe(2);
    expect(neighbours(sub, 'd')).toEqual([
      ['a', 1],
      ['c', 4],
    ]);
    expect(sub).toEqual(buildProjection(['a', 'c', 'd'], edges('c-d:4 a-d')));
  });
});

describe('componentsContaining', () => {
  it('marks the components of the start nodes', () => {
    const p = buildProjection(['a', 'b', 'c', 'd', 'e', 'f'], edges('a-b b-c d-e'));
    expect([...componentsContaining(p, [0])]).toEqual([1, 1, 1, 0, 0, 0]);
    expect([...componentsContaining(p, [4, 5])]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([...componentsContaining(p, [])]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => componentsContaining(p, [6])).toThrow(RangeError);
  });
});

describe('largestComponent', () => {
  const p = buildProjection(['a', 'b', 'c', 'd', 'e', 'f'], edges('a-b b-c d-e'));

  it('counts components and the largest one', () => {
    expect(largestComponent(p)).toEqual({ size: 3, components: 3 });
    expect(largestComponent(buildProjection([], []))).toEqual({ size: 0, components: 0 });
  });

  it('ignores removed nodes', () => {
    const removed = new Uint8Array(6);
    removed[1] = 1;
    expect(largestComponent(p, removed)).toEqual({ size: 2, components: 4 });
  });
});

describe('removalImpact', () => {
  it('matches removing each node and counting again', () => {
    for (const seed of [1, 2, 3]) {
      const p = randomGraph(60, 70, seed);
      const removed = new Uint8Array(60);
      removed[seed] = 1;
      const impact = removalImpact(p, removed);
      for (let i = 0; i < 60; i++) {
        if (removed[i] === 1) continue;
        removed[i] = 1;
        const after = largestComponent(p, removed);
        removed[i] = 0;
        expect([impact.largestComponent[i], impact.components[i]]).toEqual([after.size, after.components]);
      }
    }
  });
});

describe('renumberForLocality', () => {
  it('is a permutation that keeps the graph', () => {
    const p = randomGraph(200, 400, 4);
    const local = renumberForLocality(p);
    expect([...local.original].sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
    for (let k = 0; k < 200; k++) {
      const i = local.original[k] ?? -1;
      const mine = [...local.targets.subarray(local.offsets[k], local.offsets[k + 1])].map((j) => local.original[j]);
      expect(mine.sort((a = 0, b = 0) => a - b)).toEqual([...p.targets.subarray(p.offsets[i], p.offsets[i + 1])]);
    }
    const bySize = (a: number, b: number) => a - b;
    expect(labelComponents(local).sizes.sort(bySize)).toEqual(labelComponents(p).sizes.sort(bySize));
  });
});

describe('parallel edges', () => {
  it('sum to the same weight whatever order they come in', () => {
    const orders = [
      [0.1, 0.2, 0.3],
      [0.3, 0.2, 0.1],
      [0.2, 0.3, 0.1],
    ];
    const sums = orders.map((weights) => {
      const p = projectionFromIndices(['a', 'b'], { from: [0, 1, 0], to: [1, 0, 1], weight: weights });
      return [p.weights[0], p.weights[1]];
    });
    // Added in arrival order, the first two would differ: (0.1 + 0.2) + 0.3 is not (0.3 + 0.2) + 0.1.
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    expect(new Set(sums.flat()).size).toBe(1);
    expect(sums[0]?.[0]).toBeCloseTo(0.6, 12);
  });
});

describe('projectionFromIndices', () => {
  /** The same CSR the plain way: a map of pairs, each pair's weights sorted and summed, rows sorted. */
  function naive(n: number, from: number[], to: number[], weight: number[], minWeight: number) {
    const pairs = new Map<string, number[]>();
    from.forEach((a, k) => {
      const b = to[k] as number;
      if (a === b) return;
      const key = `${Math.min(a, b)} ${Math.max(a, b)}`;
      pairs.set(key, [...(pairs.get(key) ?? []), weight[k] as number]);
    });
    const rows: [number, number][][] = Array.from({ length: n }, () => []);
    for (const [key, weights] of pairs) {
      const [a, b] = key.split(' ').map(Number) as [number, number];
      const sum = [...weights].sort((x, y) => x - y).reduce((total, w) => total + w, 0);
      if (sum < minWeight) continue;
      rows[a]?.push([b, sum]);
      rows[b]?.push([a, sum]);
    }
    return rows.map((row) => row.sort((x, y) => x[0] - y[0]));
  }

  it('merges parallel edges and drops light ones as the plain way does, for many random multigraphs', () => {
    const random = createRandom(17);
    for (let round = 0; round < 30; round++) {
      const n = 1 + Math.floor(random() * 40);
      const m = Math.floor(random() * 300);
      const pick = () => Math.floor(random() * Math.min(n, 1 + Math.floor(random() * n)));
      const from = Array.from({ length: m }, pick);
      const to = Array.from({ length: m }, pick);
      const weight = Array.from({ length: m }, () => Math.round(random() * 1000) / 997);
      const minWeight = round % 3 === 0 ? 0 : random() * 2;
      const ids = Array.from({ length: n }, (_, i) => `n${String(i).padStart(2, '0')}`);
      const p = projectionFromIndices(ids, { from, to, weight }, undefined, { minWeight });
      const rows = ids.map((_, i) => {
        const row: [number, number][] = [];
        for (let a = p.offsets[i] ?? 0; a < (p.offsets[i + 1] ?? 0); a++)
          row.push([p.targets[a] ?? -1, p.weights[a] ?? 0]);
        return row;
      });
      const expected = naive(n, from, to, weight, minWeight);
      expect(rows).toEqual(expected);
      expect(p.edgeCount).toBe(expected.flat().length / 2);
      expect(p.ids).toBe(ids);
    }
  });
});
