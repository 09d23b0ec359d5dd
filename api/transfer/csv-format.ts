import { z } from 'zod';
import {
  type AnyNodeDeclaration,
  evidenceShape,
  type NodeLabel,
  nodeDeclarations,
  nodeLabels,
  relationshipDeclarations,
} from '../../graph-schema/index.ts';
import { innerSchema, shortText } from '../../graph-schema/properties.ts';
import { systemShape, writableShape } from '../../graph-schema/records.ts';

/**
 * patmap's CSV format, shared by import and export so that an export imports again unchanged: one file per
 * label (young-people.csv …) whose header names the API's properties, and one links.csv. Derived from
 * graph-schema, never written twice.
 */

/** Lists (aliases, phones, vehicles, supplied …) are kept in one cell, their items separated by this. */
export const listSeparator = ' | ';

/**
 * A cell holding this (any case) clears the property on an update; an empty cell leaves it as it is, since
 * partial spreadsheets are normal. Required properties, and those with a default, cannot be cleared.
 */
export const clearMarker = '(clear)';

export const isClearCell = (text: string | undefined) => text?.trim().toLowerCase() === clearMarker;

/** When and why a record was archived: exported, and imported again as an archive (never set any other way). */
export const archiveColumns = ['archivedAt', 'archiveReason'] as const;

/** The file of one label, e.g. "young-people.csv". */
export const recordFileName = (declaration: AnyNodeDeclaration) => `${declaration.pathSegment}.csv`;
export const linksFileName = 'links.csv';

/**
 * The columns of one label's file: `id` (kept on export; on import it updates that record), `version` (the version
 * the row was read at: an import refuses a row whose record has changed since), then what users write, then the
 * archive (so that an archived record round-trips).
 */
export function recordColumns(declaration: AnyNodeDeclaration): string[] {
  return ['id', 'version', ...Object.keys(writableShape(declaration).shape), ...archiveColumns];
}

/**
 * How a links.csv row names each end: by `fromId`, or else by `fromReference` (a young person's reference code),
 * or else by `fromName` with `fromDateOfBirth`; `fromLabel` narrows the match. The same for `to…`.
 */
export const endpointColumns = (end: 'from' | 'to') =>
  ['Id', 'Label', 'Reference', 'Name', 'DateOfBirth'].map((suffix) => `${end}${suffix}`);

const typeSpecificProperties = [
  ...new Set(relationshipDeclarations.flatMap((declaration) => Object.keys(declaration.shape.shape))),
];

/** The columns of links.csv: id, type, both ends, the evidence every link carries, then properties of some types. */
export function linkColumns(): string[] {
  return [
    'id',
    'type',
    ...endpointColumns('from'),
    ...endpointColumns('to'),
    ...Object.keys(evidenceShape.shape),
    ...typeSpecificProperties,
  ];
}

const numericLiterals = (schema: z.ZodType) =>
  schema instanceof z.ZodUnion &&
  schema.options.some((option) => option instanceof z.ZodLiteral && typeof option.value === 'number');

/**
 * One cell's text as the value the property's schema expects: a list split on the separator, a number, a
 * boolean (true/false, yes/no), a numeric level; an empty cell is no value. Text that does not convert is left
 * as it is, so the schema's own check reports it against the column.
 */
export function cellValue(schema: z.ZodType, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const inner = innerSchema(schema);
  if (inner instanceof z.ZodArray) {
    return listItems(trimmed)
      .map((item) => cellValue(inner.element as z.ZodType, item))
      .filter((item) => item !== undefined);
  }
  if (inner instanceof z.ZodNumber || numericLiterals(inner)) {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : trimmed;
  }
  if (inner instanceof z.ZodBoolean) {
    const lower = trimmed.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(lower)) return true;
    if (['false', 'no', 'n', '0'].includes(lower)) return false;
  }
  return trimmed;
}

/** A value as one cell: lists joined by the separator, nothing as an empty cell. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => escapeItem(cellText(item))).join(listSeparator);
  return String(value);
}

/** A list item as written in a cell: a `|` or `\` inside it is written `\|` or `\\`, so it reads back as one item. */
const escapeItem = (item: string) => item.replace(/[\\|]/g, (c) => `\\${c}`);

/**
 * A list cell's items: split on each `|` not written `\|`; `\|` and `\\` read as `|` and `\`, and any other
 * backslash is kept as it is (a hand-written `a\b` stays `a\b`).
 */
function listItems(cell: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < cell.length; i += 1) {
    const c = cell[i] as string;
    const next = cell[i + 1];
    if (c === '\\' && (next === '|' || next === '\\')) {
      item += next;
      i += 1;
    } else if (c === '|') {
      items.push(item);
      item = '';
    } else item += c;
  }
  items.push(item);
  return items;
}

/** The property schemas of one label's file, for reading its cells. */
export function recordCellSchemas(declaration: AnyNodeDeclaration): Record<string, z.ZodType> {
  return {
    ...(writableShape(declaration).shape as Record<string, z.ZodType>),
    id: z.uuid().optional(),
    version: z.int().min(1).optional(),
    archivedAt: systemShape.shape.archivedAt,
    archiveReason: shortText.optional(),
  };
}

/** The property schemas of links.csv, for reading its cells (type-specific ones from whichever type declares them). */
export function linkCellSchemas(): Record<string, z.ZodType> {
  const specific = Object.assign(
    {},
    ...relationshipDeclarations.map((declaration) => declaration.shape.shape as Record<string, z.ZodType>),
  );
  const ends = Object.fromEntries([...endpointColumns('from'), ...endpointColumns('to')].map((c) => [c, z.string()]));
  return {
    id: z.uuid().optional(),
    type: z.string(),
    ...ends,
    ...(evidenceShape.shape as Record<string, z.ZodType>),
    ...specific,
  };
}

/** The declaration whose file this is, from its name (young-people.csv → YoungPerson). */
export function declarationForFile(fileName: string): AnyNodeDeclaration | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|xlsx)$/i, '');
  return nodeDeclarations.find((declaration) => declaration.pathSegment === base);
}

export const labelOfFile = (fileName: string): NodeLabel | 'links' | undefined =>
  /(^|[\\/])links\.(csv|xlsx)$/i.test(fileName) ? 'links' : declarationForFile(fileName)?.label;

/** What one file (or sheet) of an import holds: one label's records, links, or an edge list (person, person, weight). */
export const tableKinds = [...nodeLabels, 'links', 'edge-list'] as const;
export type TableKind = (typeof tableKinds)[number];

/** The columns of an edge list, in order: two persons and an optional weight. */
export const edgeListColumns = ['from', 'to', 'weight'] as const;

/** The columns a file of this kind may have. */
export function columnsOf(kind: TableKind): string[] {
  if (kind === 'links') return linkColumns();
  if (kind === 'edge-list') return [...edgeListColumns];
  const declaration = nodeDeclarations.find((d) => d.label === kind);
  return declaration ? recordColumns(declaration) : [];
}
