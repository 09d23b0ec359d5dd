import { addDays } from '../../../graph-schema/calendar.ts';
import type { LevelOfConcern } from '../../../graph-schema/index.ts';
import { addMonths } from '../levels/review-due.ts';

/** The age bands the strategic group reports by, youngest first. */
export const ageBands = ['under 12', '12–13', '14–15', '16–17', '18+', 'not known'] as const;
export type AgeBand = (typeof ageBands)[number];

/** Whole years of age on a day (a birthday on 29 February falls on 28 February in other years). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [birthYear] = dateOfBirth.split('-').map(Number) as [number];
  const [year] = day.split('-').map(Number) as [number];
  let age = year - birthYear;
  if (addMonths(dateOfBirth, age * 12) > day) age -= 1;
  return age;
}

export function ageBand(dateOfBirth: string | null | undefined, day: string): AgeBand {
  if (!dateOfBirth || dateOfBirth > day) return 'not known';
  const age = ageOn(dateOfBirth, day);
  if (age < 12) return 'under 12';
  if (age < 14) return '12–13';
  if (age < 16) return '14–15';
  if (age < 18) return '16–17';
  return '18+';
}

/** What a level decision did to a case. */
export const decisionKinds = ['stepped up', 'stepped down', 'archived (closed)', 'reopened', 'level kept'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export function decisionKind(level: LevelOfConcern, previousLevel: LevelOfConcern): DecisionKind {
  if (level === 'archived') return previousLevel === 'archived' ? 'level kept' : 'archived (closed)';
  if (previousLevel === 'archived') return 'reopened';
  if (level > previousLevel) return 'stepped up';
  if (level < previousLevel) return 'stepped down';
  return 'level kept';
}

/** How soon after a missing episode ended the young person had a return interview. */
export const returnInterviewKinds = ['within 72 hours', 'after 72 hours', 'none recorded', 'not yet returned'] as const;
export type ReturnInterviewKind = (typeof returnInterviewKinds)[number];

/** Within 72 hours: the interview was done no later than three days after the day the young person returned. */
export function returnInterviewKind(endedOn: string | null, done: string | null): ReturnInterviewKind {
  if (!endedOn) return 'not yet returned';
  if (!done) return 'none recorded';
  return done <= addDays(endedOn, 3) ? 'within 72 hours' : 'after 72 hours';
}

/** What became of an action due in the period. */
export const actionOutcomes = ['done on time', 'done late or undated', 'still open', 'cancelled'] as const;
export type ActionOutcome = (typeof actionOutcomes)[number];

export function actionOutcome(status: string, dueOn: string, completedOn: string | null): ActionOutcome {
  if (status === 'cancelled') return 'cancelled';
  if (status !== 'done') return 'still open';
  return completedOn && completedOn <= dueOn ? 'done on time' : 'done late or undated';
}
