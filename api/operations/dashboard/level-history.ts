import type { LevelOfConcern } from '../../../graph-schema/index.ts';

/** What the level history of one young person is rebuilt from: the record, and its decisions oldest first. */
export interface YoungPersonLevels {
  /** The day the record was made (YYYY-MM-DD). */
  createdOn: string;
  /** The current level, as the record holds it. */
  levelOfConcern: LevelOfConcern;
  /** The day it was archived, when it is archived now. */
  archivedOn: string | null;
  /** Its level decisions, oldest first (by decidedOn, then when they were recorded). */
  decisions: readonly { level: LevelOfConcern; previousLevel: LevelOfConcern; decidedOn: string }[];
}

export type ActiveLevel = 1 | 2 | 3;
export type LevelCounts = Record<ActiveLevel, number>;

/**
 * The level a young person was at on a day, or null when it was no case then. The newest decision dated on or
 * before the day rules; before the first decision it is that decision's previous level; with no decisions, the
 * current level has held since the record was made. Nothing counts before the record was made or, for history
 * entered after the fact, before its first decision. Archived is no case.
 */
export function levelOn(youngPerson: YoungPersonLevels, day: string): ActiveLevel | null {
  const { decisions } = youngPerson;
  const first = decisions[0];
  const since = first && first.decidedOn < youngPerson.createdOn ? first.decidedOn : youngPerson.createdOn;
  if (day < since) return null;
  // Archived through the record rather than by a decision: no case from that day (nor before, with no decisions,
  // since the level it had then was not kept).
  if (!first) return youngPerson.levelOfConcern === 'archived' ? null : youngPerson.levelOfConcern;
  let level = first.previousLevel;
  for (const decision of decisions) {
    if (decision.decidedOn > day) break;
    level = decision.level;
  }
  const { archivedOn } = youngPerson;
  const archivedByRecord =
    youngPerson.levelOfConcern === 'archived' &&
    archivedOn !== null &&
    (decisions.at(-1)?.decidedOn ?? '') <= archivedOn;
  if (archivedByRecord && archivedOn <= day) return null;
  return level === 'archived' ? null : level;
}

/** How many young people were at each level on a day. */
export function countLevelsOn(youngPeople: readonly YoungPersonLevels[], day: string): LevelCounts {
  const counts: LevelCounts = { 1: 0, 2: 0, 3: 0 };
  for (const youngPerson of youngPeople) {
    const level = levelOn(youngPerson, day);
    if (level !== null) counts[level] += 1;
  }
  return counts;
}

/** The last day of a month given as YYYY-MM. */
export function monthEnd(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** The months from `from` to `to` inclusive, both YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let current = from; current <= to; ) {
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** The month `count` months before (negative) or after a YYYY-MM month. */
export function addMonthsTo(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const target = new Date(Date.UTC(year, monthNumber - 1 + count, 1));
  return target.toISOString().slice(0, 7);
}

export interface MonthlyLevels {
  month: string;
  /** The day counted: the month's last day, or today for the month not yet over. */
  on: string;
  levels: LevelCounts;
}

/** The earlier of two YYYY-MM-DD days. */
export const earlierDay = (a: string, b: string): string => [a, b].sort()[0] as string;

/** Cases by level at the end of each month (today, for the current month), oldest first. */
export function monthlyLevels(
  youngPeople: readonly YoungPersonLevels[],
  months: readonly string[],
  today: string,
): MonthlyLevels[] {
  return months.map((month) => {
    const end = monthEnd(month);
    const on = earlierDay(end, today);
    return { month, on, levels: countLevelsOn(youngPeople, on) };
  });
}
