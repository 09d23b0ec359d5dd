import { epochDay, isoDay } from '../../../graph-schema/calendar.ts';

/** A return home interview is on time when done within 72 hours of the young person coming back. */
export const returnInterviewDays = 3;

export interface ReturnInterviewTimeliness {
  /** true: done in time; false: done late, or not done and the time is up; null: not back yet, or still time. */
  within72Hours: boolean | null;
  /** The last day the interview is on time, once the young person is back. */
  dueBy: string | null;
}

/** Whether an episode's return home interview was within 72 hours: returnInterviewDone ≤ endedOn + 3 days. */
export function returnInterviewTimeliness(
  episode: { endedOn?: string | null | undefined; returnInterviewDone?: string | null | undefined },
  today: string,
): ReturnInterviewTimeliness {
  if (!episode.endedOn) return { within72Hours: null, dueBy: null };
  const dueBy = isoDay(epochDay(episode.endedOn) + returnInterviewDays);
  if (episode.returnInterviewDone) return { within72Hours: episode.returnInterviewDone <= dueBy, dueBy };
  return { within72Hours: today > dueBy ? false : null, dueBy };
}

export interface EpisodeDates {
  occurredOn: string;
  endedOn?: string | null | undefined;
  returnInterviewOffered?: string | null | undefined;
  returnInterviewDone?: string | null | undefined;
}

/** The field at fault and why, for each date that does not make sense; empty when they all do. */
export function episodeDateProblems(dates: EpisodeDates, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
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
export function eventDateProblems(event: Record<string, unknown>, today: string): { field: string; message: string }[] {
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
