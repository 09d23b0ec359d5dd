/**
 * Calendar dates as the graph stores them (YYYY-MM-DD) and as day numbers (days since 1970-01-01), which
 * analyses and the synthetic generator count with.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date (a time after the date is ignored). */
export function epochDay(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

const isoDays = new Map<number, string>();

/** YYYY-MM-DD of a day number, remembered: a large network asks for the same few thousand days a million times. */
export function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(day, iso);
  }
  return iso;
}

/** Today, as YYYY-MM-DD in UTC: the day every "overdue", "due" and "not in the future" rule is judged on. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A YYYY-MM-DD date moved by whole days (negative for earlier). */
export function addDays(isoDate: string, days: number): string {
  return isoDay(epochDay(isoDate) + days);
}
