import type { ReactElement } from 'react';
import { DashboardPage } from './dashboard/DashboardPage.tsx';
import { MeetingPage } from './meetings/MeetingPage.tsx';
import { MeetingsList } from './meetings/MeetingsList.tsx';
import { PackPage } from './meetings/PackPage.tsx';
import { ReportPage } from './report/ReportPage.tsx';

/**
 * One page of the operations group's area under /group (the dashboard, meetings, the strategic report), listed
 * once here: the router mounts each, and the area's navigation lists those the signed-in user may open.
 */
export interface GroupPage {
  /** Path under /group: '' for the area's landing page. */
  path: string;
  /** Shown in the navigation; pages without one (e.g. one meeting) are reached from another page. */
  label?: string;
  /** The permission the page needs; its API calls check it again. */
  permission: string;
  element: ReactElement;
}

export const groupPages: readonly GroupPage[] = [
  { path: '', label: 'Dashboard', permission: 'casework:read', element: <DashboardPage /> },
  { path: 'meetings', label: 'Meetings', permission: 'casework:read', element: <MeetingsList /> },
  { path: 'meetings/:id', permission: 'casework:read', element: <MeetingPage /> },
  { path: 'meetings/:id/pack', permission: 'casework:read', element: <PackPage /> },
  { path: 'report', label: 'Strategic report', permission: 'reports:read', element: <ReportPage /> },
];
