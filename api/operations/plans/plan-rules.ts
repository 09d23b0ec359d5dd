import { epochDay, isoDay } from '../../../graph-schema/calendar.ts';
import type { planTypes } from '../../../graph-schema/casework/index.ts';

export type PlanType = (typeof planTypes)[number];

/** The statutory plan a young person's legal status calls for; a CSE action plan where none applies. */
export const planTypeFor: Record<string, PlanType> = {
  none: 'cse-action-plan',
  'child-in-need': 'child-in-need',
  'child-protection': 'child-protection',
  'looked-after': 'looked-after-child',
};

export interface PlanDates {
  startedOn: string;
  endedOn?: string | null | undefined;
}

/** Current on `today`: started, and not ended before today. */
export const isCurrentPlan = (plan: PlanDates, today: string): boolean =>
  plan.startedOn <= today && (!plan.endedOn || plan.endedOn >= today);

export function planProblems(
  plan: PlanDates & { type: string },
  context: { legalStatus: unknown; today: string },
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (plan.startedOn > context.today)
    problems.push({ field: 'startedOn', message: 'A plan cannot start in the future' });
  if (plan.endedOn && plan.endedOn < plan.startedOn) {
    problems.push({ field: 'endedOn', message: 'A plan cannot end before it started' });
  }
  const statutory = planTypeFor[String(context.legalStatus)];
  if (plan.type === 'cse-action-plan' && statutory && statutory !== 'cse-action-plan') {
    problems.push({
      field: 'type',
      message: `A CSE action plan is for a young person under no statutory plan; their legal status calls for a ${statutory.replaceAll('-', ' ')} plan`,
    });
  }
  return problems;
}

/**
 * A new current plan replaces the one current before it: that one ends the day before the new one starts.
 * Returns that end date, or a refusal when the new plan would not start after it.
 */
export function replacedPlanEnd(current: PlanDates, next: PlanDates): { endedOn: string } | { refused: string } {
  if (next.startedOn <= current.startedOn) {
    return {
      refused: 'The young person has a current plan that started on or after that day: change that plan instead',
    };
  }
  return { endedOn: isoDay(epochDay(next.startedOn) - 1) };
}
