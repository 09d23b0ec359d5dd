import { describe, expect, it } from 'vitest';
import { addDays, epochDay, isoDay, todayIso } from '../../graph-schema/calendar.ts';

describe('calendar days', () => {
  it('moves a date by whole days across months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('round-trips day numbers, and today is a calendar date', () => {
    expect(isoDay(epochDay('2026-12-01'))).toBe('2026-12-01');
    expect(todayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(todayIso()).toBe(isoDay(Math.floor(Date.now() / 86_400_000)));
  });
});
