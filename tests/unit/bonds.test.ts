import { describe, expect, it } from 'vitest';
import {
  type AdultTies,
  adultBonds,
  explainGroups,
  normaliseIdentifier,
  type SharedTie,
} from '../../api/analysis/bonds.ts';
import { markdownTable, percentile } from '../../bench/stats.ts';

const options = { hubLimit: 3 };

/** The bonds as rows, for reading in a test. */
function bonds({ shared = [], direct = [], identifiers = [] }: Partial<AdultTies>) {
  const { edges, skippedHubs } = adultBonds({ shared, direct, identifiers }, options);
  return {
    edges: edges.from.map((source, k) => ({ source, target: edges.to[k], weight: edges.weight[k] })),
    skippedHubs,
  };
}

describe('adult bonds for group detection', () => {
  it('binds two adults who share a young person by the weaker of their two links', () => {
    const shared: SharedTie[] = [{ via: 'child', kind: 'young-person', adults: ['a', 'b'], weights: [0.9, 0.4] }];
    expect(bonds({ shared })).toEqual({
      edges: [{ source: 'a', target: 'b', weight: 0.4 }],
      skippedHubs: 0,
    });
  });

  it('shares a tie among many adults thinly (1 / (k - 1)), and a place counts half a young person', () => {
    const shared: SharedTie[] = [
      { via: 'child', kind: 'young-person', adults: ['a', 'b', 'c'], weights: [1, 1, 1] },
      { via: 'park', kind: 'location', adults: ['a', 'b'], weights: [1, 1] },
    ];
    const { edges } = bonds({ shared });
    expect(edges).toEqual([
      { source: 'a', target: 'b', weight: 0.5 },
      { source: 'a', target: 'c', weight: 0.5 },
      { source: 'b', target: 'c', weight: 0.5 },
      { source: 'a', target: 'b', weight: 0.5 },
    ]);
  });

  it('lets a tie shared by more adults than the hub limit bind none of them, and says so', () => {
    const shared: SharedTie[] = [
      { via: 'mall', kind: 'location', adults: ['a', 'b', 'c', 'd'], weights: [1, 1, 1, 1] },
    ];
    expect(bonds({ shared })).toEqual({ edges: [], skippedHubs: 1 });
  });

  it('binds adults holding the same phone, however it was typed, and the same vehicle', () => {
    const identifiers = [
      { adult: 'a', phones: ['+44 7700 900123'], vehicles: ['zz11 abc'] },
      { adult: 'b', phones: ['07700-900123'], vehicles: [] },
      { adult: 'c', phones: [], vehicles: ['ZZ11ABC'] },
    ];
    const { edges } = bonds({ identifiers });
    expect(edges).toEqual([
      { source: 'a', target: 'b', weight: 1 },
      { source: 'a', target: 'c', weight: 0.8 },
    ]);
    expect(normaliseIdentifier('phone', '+44 (0)7700 900123')).toBe('07700900123');
  });

  it('explains each group by its bonds, strongest first, with every reason', () => {
    const shared: SharedTie[] = [
      { via: 'child', kind: 'young-person', adults: ['a', 'b'], weights: [1, 1] },
      { via: 'other', kind: 'young-person', adults: ['b', 'x'], weights: [1, 1] },
    ];
    const direct = [{ source: 'b', target: 'a', weight: 0.5, link: 'link-1', type: 'ASSOCIATE_OF' }];
    const groups = explainGroups(
      new Map([
        ['a', 0],
        ['b', 0],
        ['x', 1],
      ]),
      { shared, direct, identifiers: [] },
      options,
    );
    expect(groups.get(0)).toEqual([
      {
        adults: ['a', 'b'],
        weight: 1.5,
        reasons: [
          { kind: 'young-person', via: 'child', weight: 1 },
          { kind: 'associate', via: 'link-1', weight: 0.5 },
        ],
      },
    ]);
    expect(groups.has(1)).toBe(false);
  });
});

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles, always a measured value', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(() => percentile([], 50)).toThrow();
  });

  it('prints an aligned Markdown table', () => {
    expect(markdownTable(['a', 'bb'], [['ccc', 'd']])).toBe('| a   | bb |\n| --- | -- |\n| ccc | d  |');
  });
});
