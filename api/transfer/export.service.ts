import { stringify } from 'csv-stringify/sync';
import { isNodeLabel, type NodeLabel, nodeDeclaration, nodeDeclarations } from '../../graph-schema/index.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { present } from '../auth/pseudonymise.ts';
import { type Actor, type Visibility, visibilityOf } from '../auth/viewer.ts';
import type { Graph } from '../db/neo4j.ts';
import { badRequest } from '../http/errors.ts';
import { cellText, linkColumns, linksFileName, recordColumns, recordFileName } from './csv-format.ts';
import * as cypher from './export.cypher.ts';
import { toGraphml } from './graphml.ts';

export const exportFormats = ['csv', 'graphml', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportFilters {
  /** Only records of these labels (all when empty); links only between exported records. */
  labels: NodeLabel[];
  /** Only links seen on or after this date. */
  from?: string | undefined;
  /** Only links first seen on or before this date. */
  to?: string | undefined;
  includeArchived: boolean;
}

export type ExportRecord = { label: NodeLabel; record: Record<string, unknown> & { id: string } };
export type ExportLink = Record<string, unknown> & {
  id: string;
  type: string;
  from: string;
  to: string;
  fromLabel: NodeLabel;
  toLabel: NodeLabel;
};

export interface ExportedData {
  records: ExportRecord[];
  links: ExportLink[];
}

/** The most records and links one export may hold. */
const exportOptions = { timeoutMs: 120_000, maxRows: 500_000 };

/** The records and links the filters choose, as this viewer may see them (young people pseudonymised for members). */
async function gather(graph: Graph, filters: ExportFilters, visibility: Visibility): Promise<ExportedData> {
  const { policeIntelligence } = visibility;
  const rows = await graph.read<{ label: string; record: Record<string, unknown> & { id: string } }>(
    cypher.exportRecords,
    { labels: filters.labels, includeArchived: filters.includeArchived, policeIntelligence },
    exportOptions,
  );
  const records = rows
    .filter((row): row is ExportRecord => isNodeLabel(row.label))
    .map(({ label, record }) => ({ label, record: present(nodeDeclaration(label), record, visibility) }));
  const links = (
    await graph.read<{ link: ExportLink }>(
      cypher.exportLinks,
      {
        ids: records.map(({ record }) => record.id),
        from: filters.from ?? null,
        to: filters.to ?? null,
        policeIntelligence,
      },
      exportOptions,
    )
  ).map(({ link }) => link);
  return { records, links };
}

const csvText = (columns: string[], rows: Record<string, unknown>[]) =>
  stringify([columns, ...rows.map((row) => columns.map((column) => cellText(row[column])))]);

/** The import format: one file per label, then links.csv whose ends carry id, label, reference, name and birth date. */
export function toCsvFiles(data: ExportedData, labels: readonly NodeLabel[]): Record<string, string> {
  const byId = new Map(data.records.map((entry) => [entry.record.id, entry]));
  const files: Record<string, string> = {};
  for (const declaration of nodeDeclarations) {
    if (labels.length && !labels.includes(declaration.label)) continue;
    const records = data.records.filter((entry) => entry.label === declaration.label).map((entry) => entry.record);
    files[recordFileName(declaration)] = csvText(recordColumns(declaration), records);
  }
  const ends = (id: string, end: 'from' | 'to') => {
    const entry = byId.get(id);
    const record: Record<string, unknown> = entry?.record ?? {};
    const caption = entry ? record[nodeDeclaration(entry.label).caption] : undefined;
    return {
      [`${end}Id`]: id,
      [`${end}Label`]: entry?.label,
      [`${end}Reference`]: record.reference,
      [`${end}Name`]: caption,
      [`${end}DateOfBirth`]: record.dateOfBirth,
    };
  };
  files[linksFileName] = csvText(
    linkColumns(),
    data.links.map((link) => ({ ...link, ...ends(link.from, 'from'), ...ends(link.to, 'to') })),
  );
  return files;
}

export function toGraphmlText(data: ExportedData): string {
  return toGraphml(
    data.records.map(({ label, record }) => ({
      id: record.id,
      kind: label,
      label: String(record[nodeDeclaration(label).caption] ?? record.id),
      properties: record,
    })),
    data.links.map(({ id, from, to, type, fromLabel: _f, toLabel: _t, ...properties }) => ({
      id,
      source: from,
      target: to,
      type,
      properties: { id, ...properties },
    })),
  );
}

export interface ExportRequest {
  format: ExportFormat;
  filters: ExportFilters;
  /** For CSV: one file of the import format (e.g. young-people.csv) instead of the envelope of all. */
  file?: string | undefined;
  address?: string | undefined;
}

export type ExportResult =
  | { format: 'csv'; files: Record<string, string> }
  | { format: 'csv-file'; name: string; text: string }
  | { format: 'graphml'; text: string }
  | {
      format: 'json';
      body: { nodes: { id: string; label: NodeLabel; record: Record<string, unknown> }[]; links: ExportLink[] };
    };

/** Exports the whole graph or a filtered part, viewer-aware, audited as `export` before anything leaves. */
export function exportService(graph: Graph) {
  return {
    async export(request: ExportRequest, actor: Actor): Promise<ExportResult> {
      const { format, filters, file } = request;
      const data = await gather(graph, filters, visibilityOf(actor));
      let result: ExportResult;
      if (format === 'csv') {
        const files = toCsvFiles(data, filters.labels);
        if (file !== undefined) {
          const text = files[file];
          if (text === undefined)
            throw badRequest(`No file ${file} in this export; it has ${Object.keys(files).join(', ')}`);
          result = { format: 'csv-file', name: file, text };
        } else result = { format: 'csv', files };
      } else if (format === 'graphml') {
        result = { format: 'graphml', text: toGraphmlText(data) };
      } else {
        result = {
          format: 'json',
          body: {
            nodes: data.records.map(({ label, record }) => ({ id: record.id, label, record })),
            links: data.links,
          },
        };
      }
      await graph.writeTransaction((tx) =>
        appendAudit(tx, {
          action: 'export',
          username: actor.username,
          role: actor.role,
          subjectType: 'Network',
          address: request.address,
          details: { format, file, filters, records: data.records.length, links: data.links.length },
        }),
      );
      return result;
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
