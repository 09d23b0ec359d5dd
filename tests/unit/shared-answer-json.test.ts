import { describe, expect, it } from 'vitest';
import { sharedAnswerJson } from '../../api/http/route.ts';

const decoded = (answer: object) => JSON.parse(sharedAnswerJson(answer).toString('utf8'));

describe('the JSON of an answer shared by many callers', () => {
  it('is the answer, whatever its shape', () => {
    for (const answer of [
      {
        items: [
          { a: 1, b: [1, 2] },
          { a: 'x "quoted" \\ text', c: null },
        ],
        truncated: true,
      },
      { items: [], truncated: false, method: { name: 'exact' } },
      { items: [1, 'two', null, undefined, { nested: { items: [3] } }] },
      { notItems: [1, 2], other: 'x' },
      { items: 'not a list' },
      {},
    ]) {
      expect(decoded(answer)).toEqual(JSON.parse(JSON.stringify(answer)));
    }
  });

  it('encodes a row once: a row object in a later answer is written as it was first encoded', () => {
    const row = { id: 'row-1', count: 1 };
    expect(decoded({ items: [row], truncated: false }).items).toEqual([{ id: 'row-1', count: 1 }]);
    // Rows of shared answers are never changed once given; this shows the encoding is kept, not made again.
    row.count = 2;
    const fresh = { id: 'row-2', count: 3 };
    expect(decoded({ items: [fresh, row], truncated: true })).toEqual({
      items: [
        { id: 'row-2', count: 3 },
        { id: 'row-1', count: 1 },
      ],
      truncated: true,
    });
  });
});
