import type { RecordProblem } from '../define.ts';

/**
 * Dates that must fit together on an event, however it is written (the events routes, the missing-episodes routes,
 * an import): a missing episode comes back after it began and gets its return home interview after that.
 */

export interface EpisodeDates {
  occurredOn: string;
  endedOn?: string | null | undefined;
  returnInterviewOffered?: string | null | undefined;
  returnInterviewDone?: string | null | undefined;
}

/** The field at fault and why, for each date that does not make sense; empty when they all do. */
export function episodeDateProblems(dates: EpisodeDates, today: string): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const { occurredOn, endedOn, returnInterviewOffered: offered, returnInterviewDone: done } = dates;
  if (occurredOn > today)
    problems.push({ field: 'occurredOn', message: 'The day they went missing cannot be in the future' });
  if (endedOn && endedOn < occurredOn) {
    problems.push({ field: 'endedOn', message: 'The day they came back cannot be before the day they went missing' });
  }
  if (endedOn && endedOn > today)
    problems.push({ field: 'endedOn', message: 'The day they came back cannot be in the future' });
  for (const [field, value, what] of [
    ['returnInterviewOffered', offered, 'offered'],
    ['returnInterviewDone', done, 'done'],
  ] as const) {
    if (!value) continue;
    if (!endedOn)
      problems.push({ field, message: `A return home interview is ${what} once they are back: give endedOn` });
    else if (value < endedOn)
      problems.push({ field, message: `The interview cannot be ${what} before they came back` });
    if (value > today) problems.push({ field, message: `The interview cannot be ${what} in the future` });
  }
  if (offered && done && done < offered) {
    problems.push({ field: 'returnInterviewDone', message: 'The interview cannot be done before it was offered' });
  }
  return problems;
}

/**
 * The same rules for an event however it is written (the generic events routes too): a missing episode's dates
 * as above, any other event's end not before it happened. `event` is the record as it would be after a change.
 */
export function eventDateProblems(event: Record<string, unknown>, today: string): RecordProblem[] {
  const day = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const occurredOn = day(event.occurredOn);
  if (!occurredOn) return [];
  const dates = {
    occurredOn,
    endedOn: day(event.endedOn),
    returnInterviewOffered: day(event.returnInterviewOffered),
    returnInterviewDone: day(event.returnInterviewDone),
  };
  if (event.type === 'missing-episode') return episodeDateProblems(dates, today);
  return dates.endedOn && dates.endedOn < occurredOn
    ? [{ field: 'endedOn', message: 'An event cannot end before the day it happened' }]
    : [];
}
