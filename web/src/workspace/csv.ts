import type { SchemaDocument } from '../api.ts';
import type { VisibleChart } from './visible.ts';

/** A CSV cell that a spreadsheet will not run as a formula (a leading =, +, -, @, tab or return). */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (cells: unknown[]) => cells.map(csvCell).join(',');

/** The visible records, then the visible links with their evidence, as one CSV file. */
export function visibleChartCsv(visible: VisibleChart, schema: SchemaDocument): string {
  const title = new Map<string, string>(schema.nodes.map((n) => [n.label, n.title]));
  const caption = new Map(schema.relationships.map((r) => [r.type, r.caption]));
  const names = new Map(visible.records.map((r) => [r.id, r.caption]));
  return [
    row(['kind', 'id', 'name', 'type', 'level of concern', 'archived']),
    ...visible.records.map((r) =>
      row(['record', r.id, r.caption, title.get(r.label) ?? r.label, r.levelOfConcern ?? '', r.archived ? 'yes' : '']),
    ),
    '',
    row(['kind', 'id', 'from', 'link', 'to', 'source', 'grading', 'first seen', 'last seen']),
    ...visible.links.map((l) =>
      row([
        'link',
        l.id,
        names.get(l.from) ?? l.from,
        caption.get(l.type) ?? l.type,
        names.get(l.to) ?? l.to,
        l.sourceAgency ?? '',
        `${l.gradingSource ?? '?'}${l.gradingInformation ?? '?'}${l.gradingHandling ?? '?'}`,
        l.firstSeen ?? '',
        l.lastSeen ?? '',
      ]),
    ),
  ].join('\n');
}
