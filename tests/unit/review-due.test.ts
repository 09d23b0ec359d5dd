import { describe, expect, it } from 'vitest';
import { addMonths, nextReviewDue } from '../../api/operations/levels/review-due.ts';

const intervals = { reviewAfterMonths: { '1': 3, '2': 2, '3': 1 } } as const;

describe('review due dates', () => {
  it('follow from the level: level 3 monthly, level 2 every two months, level 1 quarterly', () => {
    expect(nextReviewDue(3, '2026-12-01', intervals)).toBe('2027-01-01');
    expect(nextReviewDue(2, '2026-12-01', intervals)).toBe('2027-02-01');
    expect(nextReviewDue(1, '2026-12-01', intervals)).toBe('2027-03-01');
  });

  it('fall on the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('are none for an archived young person', () => {
    expect(nextReviewDue('archived', '2026-12-01', intervals)).toBeNull();
  });
});
