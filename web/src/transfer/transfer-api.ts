import type { ImportReport } from '../../../api/transfer/import.service.ts';
import { ApiError, call } from '../api.ts';
import type { ChartFilters } from '../workspace/filters.ts';

export type { ImportReport };
export type ImportReportRow = ImportReport['rows'][number];

/** One file as the import routes take it: CSV as text, XLSX as base64. */
export interface ImportFileInput {
  name: string;
  text?: string;
  base64?: string;
  kind?: string;
  mapping: Record<string, string>;
  evidence?: Record<string, unknown>;
}

export const dryRunImport = (files: ImportFileInput[]) => call<ImportReport>('POST', '/api/imports/dry-run', { files });

/** The commit; a refusal for rejected rows (422) carries the report again, which is returned as it is. */
export async function commitImport(files: ImportFileInput[], validOnly: boolean): Promise<ImportReport> {
  return call<ImportReport>('POST', '/api/imports', { files, validOnly });
}

export type DataExportFormat = 'csv' | 'graphml' | 'json';

function exportQuery(format: DataExportFormat, filters: ChartFilters): string {
  const params = new URLSearchParams({ format });
  if (filters.labels.length) params.set('labels', filters.labels.join(','));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params.toString();
}

/** The network as files to save: GraphML or JSON as one, CSV as one file per kind (the import format). */
export async function exportNetwork(
  format: DataExportFormat,
  filters: ChartFilters,
): Promise<{ name: string; type: string; text: string }[]> {
  const path = `/api/exports/network?${exportQuery(format, filters)}`;
  if (format === 'csv') {
    const { files } = await call<{ files: Record<string, string> }>('GET', path);
    return Object.entries(files).map(([name, text]) => ({ name, type: 'text/csv', text }));
  }
  if (format === 'json') {
    const body = await call<unknown>('GET', path);
    return [{ name: 'patmap-network.json', type: 'application/json', text: JSON.stringify(body, null, 2) }];
  }
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, `The export answered ${response.status}`);
  return [{ name: 'patmap-network.graphml', type: 'application/graphml+xml', text: await response.text() }];
}
