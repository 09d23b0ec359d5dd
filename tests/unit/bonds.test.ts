import { describe, expect, it } from 'vitest';
import {
  type AdultTies,
  adultBonds,
  explainGroups,
  normaliseIdentifier,
  type SharedTie,
  slotBonds,
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
    expect(groups.get(0)).toEqual({
      bonds: [
        {
          adults: ['a', 'b'],
          weight: 1.5,
          reasons: [
            { kind: 'young-person', via: 'child', weight: 1 },
            { kind: 'associate', via: 'link-1', weight: 0.5 },
          ],
        },
      ],
      count: 1,
    });
    expect(groups.has(1)).toBe(false);
  });

  it('lists the strongest bonds of a group up to a limit, with every reason of each, and counts them all', () => {
    // One group of four: a–b bound by a child and a phone, c–d by a child, every pair by a place of four.
    const shared: SharedTie[] = [
      { via: 'child-1', kind: 'young-person', adults: ['a', 'b'], weights: [1, 1] },
      { via: 'child-2', kind: 'young-person', adults: ['c', 'd'], weights: [0.5, 0.5] },
      { via: 'den', kind: 'location', adults: ['a', 'b', 'c', 'd'], weights: [0.3, 0.3, 0.3, 0.3] },
    ];
    const identifiers = [
      { adult: 'a', phones: ['07700 900001'], vehicles: [] },
      { adult: 'b', phones: ['07700900001'], vehicles: [] },
    ];
    const groupOf = new Map(['a', 'b', 'c', 'd'].map((adult) => [adult, 0]));
    const ties = { shared, direct: [], identifiers };
    const all = explainGroups(groupOf, ties, { hubLimit: 10 })?.get(0);
    expect(all?.count).toBe(6);
    expect(all?.bonds.map((bond) => bond.adults.join('–'))).toEqual(['a–b', 'c–d', 'a–c', 'a–d', 'b–c', 'b–d']);
    const listed = explainGroups(groupOf, ties, { hubLimit: 10 }, { limit: 2 }).get(0);
    expect(listed?.count).toBe(6);
    expect(listed?.bonds).toEqual(all?.bonds.slice(0, 2));
    expect(listed?.bonds[0]?.reasons.map((reason) => reason.kind)).toEqual(['young-person', 'phone', 'location']);
    // Bonds lighter than the minimum are neither listed nor counted: the place alone gives 0.05 a pair.
    const strong = explainGroups(groupOf, ties, { hubLimit: 10 }, { limit: 10, minWeight: 0.1 }).get(0);
    expect(strong?.count).toBe(2);
    expect(strong?.bonds.map((bond) => bond.adults.join('–'))).toEqual(['a–b', 'c–d']);
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

describe('slot bonds', () => {
  it('are the bonds adultBonds makes, in typed columns, whatever their number', () => {
    // More pairs than the first buffer holds, with self pairs, hubs, direct links and a shared phone.
    const adults = Array.from({ length: 60 }, (_, i) => i);
    const shared = Array.from({ length: 40 }, (_, t) => {
      const members = adults.filter((a) => (a * 7 + t) % 5 < 2 + (t % 3));
      return {
        via: `tie-${t}`,
        kind: (['young-person', 'event', 'location'] as const)[t % 3] ?? 'location',
        adults: members,
        weights: members.map((a) => ((a + t) % 4) / 3),
      };
    });
    const ties: AdultTies<number> = {
      shared,
      direct: [
        { source: 1, target: 2, weight: 0.7, link: 'l1', type: 'ASSOCIATE_OF' },
        { source: 3, target: 3, weight: 0.7, link: 'l2', type: 'ASSOCIATE_OF' },
      ],
      identifiers: [
        { adult: 4, phones: ['07700 900001'], vehicles: [] },
        { adult: 5, phones: ['+447700900001'], vehicles: [] },
      ],
    };
    const bondOptions = { hubLimit: 30, compare: (a: number, b: number) => a - b };
    const plain = adultBonds(ties, bondOptions);
    const typed = slotBonds(ties, bondOptions);
    expect(plain.edges.from.length).toBeGreaterThan(1024);
    expect(typed.skippedHubs).toBe(plain.skippedHubs);
    expect([...typed.edges.from]).toEqual(plain.edges.from);
    expect([...typed.edges.to]).toEqual(plain.edges.to);
    expect([...typed.edges.weight]).toEqual(plain.edges.weight);
  });
});
