import type { LevelOfConcern } from '../../../graph-schema/index.ts';
import type { ReviewIntervals } from '../config/operations-config.ts';

/** Adds whole calendar months to a YYYY-MM-DD date, keeping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** When the next review falls due after a level is agreed; an archived young person has none. */
export function nextReviewDue(level: LevelOfConcern, decidedOn: string, intervals: ReviewIntervals): string | null {
  if (level === 'archived') return null;
  return addMonths(decidedOn, intervals.reviewAfterMonths[String(level) as '1' | '2' | '3']);
}
