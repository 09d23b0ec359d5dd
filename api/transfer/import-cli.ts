import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evidenceShape } from '../../graph-schema/index.ts';
import type { ImportReport } from './import.service.ts';
import { type ImportFile, tableKinds } from './import-files.ts';

/** The command line's own parts, kept pure so they can be tested without a database. */

export const importUsage = `npm run import -- FILE... [--dry-run | --commit] [--valid-only] [--mapping MAP.json]
       [--kind young-people|persons-of-interest|locations|events|links|edge-list] [--evidence EVIDENCE.json]
       [--user NAME] [--police] [--json]
  FILE: CSV files named by kind (young-people.csv, links.csv …) or XLSX workbooks (a sheet per kind).
  --dry-run (the default) reports what would be created, updated, unchanged or rejected, and writes nothing.
  --commit writes it all in one transaction, or nothing when a row is rejected (unless --valid-only).
  --mapping: {"Their header": "ourProperty"} for every file, or {"file.csv": {"Their header": "ourProperty"}}.
  --kind: what every file holds, when the names do not say; edge-list for "person,person,weight" files.
  --evidence: for an edge list, the evidence every link carries (sourceAgency, gradingSource,
    gradingInformation, gradingHandling, firstSeen), as a JSON file or inline JSON.
  --user names the importer in createdBy and the audit log (default command-line); --police lets the import
    match police-only records. Exit status 1 when any row is rejected or the commit is refused.`;

const mappingSchema = z.union([
  z.record(z.string(), z.string()),
  z.record(z.string(), z.record(z.string(), z.string())),
]);

const kindNames: Record<string, (typeof tableKinds)[number]> = {
  'young-people': 'YoungPerson',
  'persons-of-interest': 'PersonOfInterest',
  locations: 'Location',
  events: 'Event',
  links: 'links',
  'edge-list': 'edge-list',
};

const jsonOf = (text: string) => JSON.parse(text.trim().startsWith('{') ? text : readFileSync(text, 'utf8'));

export interface CliOptions {
  files: string[];
  mapping?: string | undefined;
  kind?: string | undefined;
  evidence?: string | undefined;
  read?: (file: string) => Buffer;
}

/** The import request the command line's files and options make. Throws with a message for bad options. */
export function requestFromCli({ files, mapping, kind, evidence, read = readFileSync }: CliOptions): ImportFile[] {
  const mappings = mapping ? mappingSchema.parse(jsonOf(mapping)) : {};
  const perFile = Object.values(mappings).some((value) => typeof value === 'object');
  const tableKind = kind === undefined ? undefined : (kindNames[kind] ?? z.enum(tableKinds).parse(kind));
  const fileEvidence = evidence ? evidenceShape.parse(jsonOf(evidence)) : undefined;
  return files.map((file) => {
    const name = path.basename(file);
    const bytes = read(file);
    const fileMapping = (perFile ? mappings[name] : mappings) as Record<string, string> | undefined;
    return {
      name,
      ...(/\.xlsx$/i.test(name) ? { base64: bytes.toString('base64') } : { text: bytes.toString('utf8') }),
      mapping: fileMapping ?? {},
      ...(tableKind ? { kind: tableKind } : {}),
      ...(fileEvidence ? { evidence: fileEvidence } : {}),
    };
  });
}

const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value));

/** The report as lines for a terminal: the files, one line per row, the totals. */
export function reportLines(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    const where = file.sheet ? `${file.file} [${file.sheet}]` : file.file;
    lines.push(`${where}: ${file.kind}, ${file.rows} rows`);
    if (file.unknownHeaders.length)
      lines.push(`  ignored headers (map them with --mapping): ${file.unknownHeaders.join(', ')}`);
  }
  for (const row of report.rows) {
    const where = `${row.sheet ?? row.file} row ${row.row}`;
    const what =
      row.kind === 'link'
        ? `${row.type ?? 'link'} ${row.from?.caption ?? '?'} → ${row.to?.caption ?? '?'}`
        : `${row.kind} ${row.caption ?? ''}`;
    lines.push(`${where}: ${row.action} ${what.trim()}`);
    for (const change of row.changes ?? [])
      lines.push(`    ${change.field}: ${show(change.from)} → ${show(change.to)}`);
    for (const problem of row.problems ?? [])
      lines.push(`    ${problem.column ? `${problem.column}: ` : ''}${problem.message}`);
    for (const other of row.likelyDuplicates ?? []) {
      const which = other.inImport ? 'created by this import' : `id ${other.id}`;
      lines.push(`    looks like ${other.caption} (${which}): ${other.reasons.join(', ')}`);
    }
  }
  const { create, update, unchanged, reject } = report.summary;
  lines.push(
    `${report.committed ? 'Written' : 'Would write'}: ${create} created, ${update} updated, ${unchanged} unchanged, ${reject} rejected.`,
  );
  return lines;
}
