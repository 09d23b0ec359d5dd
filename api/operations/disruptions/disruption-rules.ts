/** The dates of a disruption, as they would stand after a change. */
export interface DisruptionDates {
  tactic: string;
  tacticDetail?: string | null | undefined;
  servedOn: string;
  expiresOn?: string | null | undefined;
  reviewOn?: string | null | undefined;
  breaches: readonly { on: string }[];
}

/** Each field at fault and why: "other" needs its detail, and nothing may come before the tactic was served. */
export function disruptionProblems(disruption: DisruptionDates, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const { tactic, tacticDetail, servedOn, expiresOn, reviewOn, breaches } = disruption;
  if (tactic === 'other' && !tacticDetail)
    problems.push({ field: 'tacticDetail', message: 'Say which tactic "other" is' });
  if (servedOn > today) problems.push({ field: 'servedOn', message: 'The date served cannot be in the future' });
  if (expiresOn && expiresOn < servedOn) {
    problems.push({ field: 'expiresOn', message: 'It cannot expire before it was served' });
  }
  if (reviewOn && reviewOn < servedOn) {
    problems.push({ field: 'reviewOn', message: 'It cannot be reviewed before it was served' });
  }
  breaches.forEach((breach, index) => {
    if (breach.on < servedOn) {
      problems.push({ field: `breaches.${index}.on`, message: 'A breach cannot be before the tactic was served' });
    }
    if (breach.on > today)
      problems.push({ field: `breaches.${index}.on`, message: 'A breach cannot be in the future' });
    if (expiresOn && breach.on > expiresOn) {
      problems.push({ field: `breaches.${index}.on`, message: 'A breach cannot be after the tactic expired' });
    }
  });
  return problems;
}

/** Active until it expires: on its expiry day it still holds. */
export const isActiveDisruption = (disruption: { expiresOn?: unknown }, today: string): boolean =>
  typeof disruption.expiresOn !== 'string' || disruption.expiresOn >= today;
