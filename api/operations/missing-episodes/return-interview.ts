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
