import type { EntitySummary } from '../../../../api/analysis/summary.ts';
import type { Dashboard } from '../../../../api/operations/dashboard/dashboard.service.ts';
import { call } from '../../api.ts';

export type { Dashboard, EntitySummary };

export const fetchDashboard = () => call<Dashboard>('GET', '/api/dashboard');

/** Where a record opens: the chart with its details drawer. */
export const recordPath = (id: string) => `/records/${id}`;

/** Where a meeting opens, in the group's area. */
export const meetingPath = (id: string) => `/group/meetings/${id}`;

/** An organised group, highlighted in the chart's groups panel (its rows are keyed by the group's id). */
export const groupPath = (id: string) => `/analysis/groups?row=${encodeURIComponent(id)}`;
