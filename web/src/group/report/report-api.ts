import type { ReportTable, StrategicReport } from '../../../../api/operations/reports/reports.service.ts';
import { call } from '../../api.ts';

export type { ReportTable, StrategicReport };

const periodQuery = (from: string, to: string) => new URLSearchParams({ from, to }).toString();

export const fetchStrategicReport = (from: string, to: string) =>
  call<StrategicReport>('GET', `/api/reports/strategic?${periodQuery(from, to)}`);

/** The CSV download: the browser fetches it as a file (the API records the export). */
export const strategicReportCsvPath = (from: string, to: string) =>
  `/api/reports/strategic?${periodQuery(from, to)}&format=csv`;

/** A YYYY-MM month some months before or after another. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 1 + by, 1)).toISOString().slice(0, 7);
}

/** By default the six whole months before this one. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  const to = shiftMonth(today.toISOString().slice(0, 7), -1);
  return { from: shiftMonth(to, -5), to };
}
