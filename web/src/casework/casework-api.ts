import type { ActionView } from '../../../api/operations/actions/actions.service.ts';
import type { DisruptionView } from '../../../api/operations/disruptions/disruptions.service.ts';
import type { MissingEpisode } from '../../../api/operations/missing-episodes/missing-episodes.service.ts';
import type { YoungPersonPlans } from '../../../api/operations/plans/plans.service.ts';
import { call } from '../api.ts';

export type { ActionView, DisruptionView, MissingEpisode, YoungPersonPlans };

type Page<T> = { items: T[]; total: number };

export const fetchPlans = (youngPerson: string) =>
  call<YoungPersonPlans>('GET', `/api/young-people/${youngPerson}/plans`);
export const startPlan = (youngPerson: string, plan: { type: string; startedOn: string }) =>
  call<YoungPersonPlans>('POST', `/api/young-people/${youngPerson}/plans`, plan);

export const fetchActionsOf = (subject: string) =>
  call<Page<ActionView>>('GET', `/api/actions?subject=${subject}&limit=200`);
export const addAction = (action: Record<string, unknown>) => call<ActionView>('POST', '/api/actions', action);
export const changeAction = (id: string, change: Record<string, unknown> & { version: number }) =>
  call<ActionView>('PATCH', `/api/actions/${id}`, change);

export const fetchDisruptionsOf = (subject: string) =>
  call<Page<DisruptionView>>('GET', `/api/disruptions?subject=${subject}&limit=200`);
export const addDisruption = (disruption: Record<string, unknown>) =>
  call<DisruptionView>('POST', '/api/disruptions', disruption);
export const addBreach = (id: string, breach: { on: string; note?: string; version: number }) =>
  call<DisruptionView>('POST', `/api/disruptions/${id}/breaches`, breach);

export const fetchEpisodesOf = (youngPerson: string) =>
  call<{ items: MissingEpisode[] }>('GET', `/api/young-people/${youngPerson}/missing-episodes`);
export const logEpisode = (youngPerson: string, episode: Record<string, unknown>) =>
  call<MissingEpisode>('POST', `/api/young-people/${youngPerson}/missing-episodes`, episode);

export const changeEpisode = (id: string, change: Record<string, unknown> & { version: number }) =>
  call<MissingEpisode>('PATCH', `/api/missing-episodes/${id}`, change);

/** Today as the API judges dates (UTC), for form defaults. */
export { todayIso } from '../../../graph-schema/calendar.ts';

/** A form's values without the fields left empty, so optional ones are not sent as "". */
export const filled = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined));
