import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../api/db/neo4j.ts';

const { DateTime, Date: GraphDate } = neo4j.types;

describe('toPlain', () => {
  it('gives a DATETIME as the same UTC instant as the driver works out, whatever its offset and year', () => {
    const cases = [
      new DateTime(2026, 12, 2, 21, 0, 0, 123_456_789, 0),
      new DateTime(2026, 1, 1, 0, 30, 5, 0, 3_600), // 23:30:05 the day and year before, in UTC
      new DateTime(2024, 2, 29, 23, 59, 59, 999_999_999, -19_800),
      new DateTime(1970, 1, 1, 0, 0, 0, 0, 0),
      new DateTime(1899, 12, 31, 12, 0, 0, 1_000_000, 0),
      new DateTime(45, 6, 15, 8, 0, 0, 0, 0), // a year below 100, which Date.UTC would move to 1945
    ];
    for (const value of cases) expect(toPlain(value)).toBe(value.toStandardDate().toISOString());
    expect(toPlain(cases[1])).toBe('2025-12-31T23:30:05.000Z');
    expect(toPlain(cases[5])).toBe('0045-06-15T08:00:00.000Z');
  });

  it('makes dates ISO strings, nodes their properties, and leaves plain values and missing ones as null', () => {
    const node = new neo4j.types.Node(1, ['Entity'], { id: 'YP-1', born: new GraphDate(2011, 3, 4), tags: ['a'] });
    expect(
      toPlain({ node, n: 3, s: 'x', t: true, none: null, missing: undefined, list: [new GraphDate(2020, 1, 2)] }),
    ).toEqual({
      node: { id: 'YP-1', born: '2011-03-04', tags: ['a'] },
      n: 3,
      s: 'x',
      t: true,
      none: null,
      missing: null,
      list: ['2020-01-02'],
    });
  });
});
