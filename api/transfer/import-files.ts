import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { z } from 'zod';
import { evidenceShape, nodeDeclarations } from '../../graph-schema/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { columnsOf, edgeListColumns, labelOfFile, type TableKind, tableKinds } from './csv-format.ts';

export { type TableKind, tableKinds };

/** The most data rows one import may hold, across all its files and sheets. */
export const importRowCap = 50_000;
/** The most request body an import route accepts (every other route keeps the app's 1 MB). */
export const importBodyLimit = '20mb';

export const importFileSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('The file name, e.g. young-people.csv: it tells the kind'),
    text: z.string().optional().describe('A CSV file as text'),
    base64: z.string().optional().describe('An XLSX file, base64-encoded'),
    kind: z
      .enum(tableKinds)
      .optional()
      .describe('What the file holds, when its name does not say (required for an edge list)'),
    mapping: z
      .record(z.string().max(200), z.string().max(200))
      .default({})
      .describe('{theirHeader: ourProperty}; an empty property ignores the column'),
    evidence: evidenceShape
      .optional()
      .describe('For an edge list: the evidence every link of the file carries, given once'),
  })
  .strict()
  .refine((file) => (file.text === undefined) !== (file.base64 === undefined), {
    message: 'give the file as text (CSV) or as base64 (XLSX), not both',
    path: ['text'],
  });
export type ImportFile = z.infer<typeof importFileSchema>;

export interface TableRow {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  number: number;
  /** Cells by our column name (after mapping); unknown columns are left out. */
  cells: Record<string, string>;
}

/** One file (or one sheet of a workbook) read: its kind, its headers and how each was mapped, and its rows. */
export interface ImportTable {
  file: string;
  sheet?: string | undefined;
  kind: TableKind;
  headers: string[];
  /** Each header's column in our format ('' where it is ignored). */
  mapped: Record<string, string>;
  /** Headers that name no column of this kind: their cells are ignored. */
  unknownHeaders: string[];
  rows: TableRow[];
  evidence?: z.infer<typeof evidenceShape> | undefined;
}

const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Each header's column: the file's mapping first, then the column of the same name, then one whose name differs
 * only in case, spaces or punctuation ("Date of birth" → dateOfBirth).
 */
export function mapHeaders(kind: TableKind, headers: string[], mapping: Record<string, string>) {
  const columns = columnsOf(kind);
  const byLoose = new Map(columns.map((column) => [loose(column), column]));
  const mapped: Record<string, string> = {};
  const unknownHeaders: string[] = [];
  for (const header of headers) {
    const given = mapping[header];
    const column = given !== undefined ? given : columns.includes(header) ? header : byLoose.get(loose(header));
    if (column === '') mapped[header] = '';
    else if (column && columns.includes(column)) mapped[header] = column;
    else unknownHeaders.push(header);
  }
  return { mapped, unknownHeaders };
}

/**
 * A file's rows that hold anything, each with its row number in the file as a spreadsheet shows it (blank rows
 * counted), so that the report's row numbers are the ones the user sees.
 */
type Grid = { number: number; cells: string[] }[];

const numbered = (rows: string[][]): Grid =>
  rows
    .map((cells, index) => ({ number: index + 1, cells }))
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''));

function parseCsv(file: string, text: string): Grid {
  try {
    return numbered(parse(text, { bom: true, relax_column_count: true }) as string[][]);
  } catch (error) {
    throw badRequest(`${file} is not a readable CSV file: ${(error as Error).message}`, { file });
  }
}

const cellOf = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
};

async function parseXlsx(file: string, base64: string): Promise<{ sheet: string; grid: Grid }[]> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw badRequest(`${file} is empty`, { file });
  try {
    const sheets = await readXlsxFile(bytes);
    return sheets.map(({ sheet, data }) => ({
      sheet,
      grid: numbered(data.map((row) => row.map(cellOf))),
    }));
  } catch (error) {
    throw badRequest(`${file} is not a readable XLSX workbook: ${(error as Error).message}`, { file });
  }
}

const kindOfName = (name: string): TableKind | undefined => labelOfFile(name.endsWith('.csv') ? name : `${name}.csv`);

/** An edge list's first row is a header when its weight is not a number or it names the columns. */
function hasHeader(first: string[] | undefined): boolean {
  if (!first) return false;
  const weight = first[2]?.trim() ?? '';
  if (weight !== '' && !Number.isFinite(Number(weight))) return true;
  return ['source', 'target', 'from', 'to', 'person', 'person1', 'name', 'node', 'node1'].includes(
    loose(first[0] ?? ''),
  );
}

function tableOf(file: ImportFile, kind: TableKind, grid: Grid, sheet?: string): ImportTable {
  const edgeList = kind === 'edge-list';
  const headed = !edgeList || hasHeader(grid[0]?.cells);
  const headers = edgeList ? [...edgeListColumns] : (grid[0]?.cells ?? []).map((header) => header.trim());
  const { mapped, unknownHeaders } = edgeList
    ? { mapped: Object.fromEntries(headers.map((h) => [h, h])), unknownHeaders: [] }
    : mapHeaders(kind, headers, file.mapping);
  const body = headed ? grid.slice(1) : grid;
  const rows = body.map(({ number, cells }) => {
    const byColumn: Record<string, string> = {};
    headers.forEach((header, column) => {
      const ours = mapped[header];
      if (ours) byColumn[ours] = cells[column] ?? '';
    });
    return { number, cells: byColumn };
  });
  if (!edgeList && headers.length === 0) throw badRequest(`${file.name} has no header row`, { file: file.name });
  if (edgeList && !file.evidence) {
    throw badRequest(`${file.name} is an edge list: give its evidence (sourceAgency, grading, firstSeen) once`, {
      file: file.name,
      field: 'evidence',
    });
  }
  return { file: file.name, sheet, kind, headers, mapped, unknownHeaders, rows, evidence: file.evidence };
}

/**
 * Reads every file of an import into tables. A CSV file is one table of the kind its name (or `kind`) says; an XLSX
 * workbook is one table per sheet named like a file (young-people, links …), or else its first sheet, of the
 * workbook's kind. 400 for a file that cannot be read or whose kind cannot be told; 413 past the row cap.
 */
export async function readImportFiles(files: readonly ImportFile[]): Promise<ImportTable[]> {
  const tables: ImportTable[] = [];
  for (const file of files) {
    const kind = file.kind ?? labelOfFile(file.name);
    if (file.text !== undefined) {
      if (!kind) throw unknownKind(file.name);
      tables.push(tableOf(file, kind, parseCsv(file.name, file.text)));
      continue;
    }
    const sheets = await parseXlsx(file.name, file.base64 ?? '');
    const named = file.kind ? [] : sheets.filter(({ sheet }) => kindOfName(sheet));
    if (named.length) {
      for (const { sheet, grid } of named) tables.push(tableOf(file, kindOfName(sheet) as TableKind, grid, sheet));
    } else {
      const [first] = sheets;
      if (!kind) throw unknownKind(file.name);
      if (!first) throw badRequest(`${file.name} has no sheet`, { file: file.name });
      tables.push(tableOf(file, kind, first.grid, first.sheet));
    }
  }
  const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);
  if (rows > importRowCap) {
    throw new HttpError(413, 'too_many_rows', `An import may hold at most ${importRowCap} rows; this one has ${rows}`);
  }
  return tables;
}

function unknownKind(file: string) {
  const names = [...nodeDeclarations.map((d) => `${d.pathSegment}.csv`), 'links.csv'].join(', ');
  return badRequest(`Cannot tell what ${file} holds: name it ${names}, or give its kind`, { file });
}
