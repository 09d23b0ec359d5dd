import { useQuery } from '@tanstack/react-query';
import type { LevelHistory } from '../../../../api/operations/levels/levels.service.ts';
import { call, fetchMe } from '../../api.ts';

export type { LevelHistory };
export type Level = 1 | 2 | 3 | 'archived';

export interface LevelDecisionInput {
  level: Level;
  decidedOn: string;
  agreedBy: string;
  reason?: string | undefined;
  assessmentId?: string | undefined;
}

export const levelsKey = (youngPersonId: string) => ['levels', youngPersonId] as const;

export const fetchLevels = (youngPersonId: string) =>
  call<LevelHistory>('GET', `/api/young-people/${youngPersonId}/levels`);

export const recordLevel = (youngPersonId: string, input: LevelDecisionInput) =>
  call<unknown>('POST', `/api/young-people/${youngPersonId}/levels`, input);

/** Whether the signed-in user holds a permission (the API checks again); read from the session App already fetched. */
export function useCan(permission: string): boolean {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  return Boolean(me.data?.permissions.includes(permission));
}

export const levelLabel = (level: unknown) => (level === 'archived' ? 'Archived' : `Level ${String(level)}`);

/** Today as YYYY-MM-DD in the user's own calendar. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
