import { z } from 'zod';
import { todayIso } from '../../graph-schema/calendar.ts';
import {
  type AnyNodeDeclaration,
  allowsLink,
  isNodeLabel,
  type LevelOfConcern,
  type NodeLabel,
  nodeDeclaration,
  personOfInterest,
  relationshipDeclaration,
  youngPerson,
} from '../../graph-schema/index.ts';
import { holdsList } from '../../graph-schema/properties.ts';
import { createSchema, linkInputSchema, writableShape } from '../../graph-schema/records.ts';
import { candidateOf, type DuplicateCandidate, DuplicateIndex, scorePair } from '../duplicates/duplicate-scorer.ts';
import { archiveColumns, cellValue, isClearCell, linkCellSchemas, recordCellSchemas } from './csv-format.ts';
import type { ImportTable, TableRow } from './import-files.ts';

/**
 * The import's plan, worked out from the files and what the database holds, without touching it: one report
 * row per file row (create, update, unchanged or reject, and why), and the writes a commit makes. Pure, so the
 * dry run and the commit (which plans again inside its transaction) can never disagree.
 */

export type RowAction = 'create' | 'update' | 'unchanged' | 'reject';

export interface Problem {
  column?: string | undefined;
  message: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  /** The cell said (clear): the property is removed. */
  clear?: true | undefined;
  /** Written through this rule rather than directly: a level changes by a level decision. */
  by?: 'level decision' | undefined;
}

/** How one end of a link was found. */
export interface EndMatch {
  id: string;
  label: NodeLabel;
  caption: string;
  by: 'id' | 'reference' | 'name';
  /** Found among the records of this same import. */
  inImport: boolean;
}

/**
 * A record a row to be created looks like: one already in the database, or one an earlier row of the same import
 * creates. Proposed, never acted on: the row is still created, unless the file gives the record's id to update it.
 */
export interface LikelyDuplicate {
  id: string;
  caption: string;
  inImport: boolean;
  /** Why, as the Duplicates screen says it: "Same name and date of birth (…)", "Shared phone …". */
  reasons: string[];
}

export interface ReportRow {
  file: string;
  sheet?: string | undefined;
  row: number;
  kind: NodeLabel | 'link';
  action: RowAction;
  id?: string | undefined;
  caption?: string | undefined;
  type?: string | undefined;
  /**
   * How a row found what it updates: a record by id or reference code; a link by id, or by `ends` (a link without
   * an id matched to one of the same type between the same two records, with the same source reference).
   */
  matchedBy?: 'id' | 'reference' | 'name' | 'ends' | undefined;
  changes?: FieldChange[] | undefined;
  from?: EndMatch | undefined;
  to?: EndMatch | undefined;
  problems?: Problem[] | undefined;
  likelyDuplicates?: LikelyDuplicate[] | undefined;
}

export interface ExistingRecord {
  label: NodeLabel;
  record: Record<string, unknown> & { id: string; version: number };
}

export interface ExistingLink {
  link: Record<string, unknown> & { id: string; type: string; from: string; to: string; version?: number };
}

/** What the database holds that the files name, as the importing user may see it. */
export interface Lookups {
  recordsById: Map<string, ExistingRecord>;
  youngPeopleByReference: Map<string, ExistingRecord>;
  /** By lower-cased caption (name, or an event's title): link ends by name. */
  recordsByName: Map<string, ExistingRecord[]>;
  /**
   * Every record of each kind the files create (as the duplicate scorer reads it), so that a new row is checked
   * for likely duplicates as the Duplicates screen would check it, whether or not the row gives an id.
   */
  duplicateCandidates: Map<NodeLabel, DuplicateCandidate[]>;
  linksById: Map<string, ExistingLink>;
  /** The links between records the files name, by `linkKey` (type, from id, to id). */
  linksBetween: Map<string, ExistingLink[]>;
}

/** How links between two records are looked up: a link of this type from this record to that one. */
export const linkKey = (type: string, from: string, to: string) => `${type} ${from} ${to}`;

/** What the files name, so the lookups can be read in a few queries. */
export interface Wanted {
  ids: string[];
  references: string[];
  names: string[];
  linkIds: string[];
  /** The kinds of record the files may create, whose records are read for the likely-duplicate check. */
  labels: NodeLabel[];
}

export interface RecordCreate {
  label: NodeLabel;
  properties: Record<string, unknown> & { id: string };
}
export interface RecordUpdate {
  label: NodeLabel;
  id: string;
  version: number;
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
}
export interface LinkCreate {
  type: string;
  from: string;
  to: string;
  properties: Record<string, unknown> & { id: string };
}
export interface LinkUpdate {
  type: string;
  id: string;
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
}

/**
 * A young person's level set by the import: written by a level decision (never directly), after the records, with
 * the import as its reason (or the archive's reason).
 */
export interface LevelChange {
  youngPersonId: string;
  level: LevelOfConcern;
  reason: string;
  /** When the file says the young person was archived: kept in place of the time of the import. */
  archivedAt?: string | undefined;
  /**
   * For a young person already there: the version the record must be at when the decision is made (the planned
   * one, or one more where the import also updates the record), re-checked under its write lock.
   */
  version?: number;
}

export interface ImportPlan {
  rows: ReportRow[];
  recordCreates: RecordCreate[];
  recordUpdates: RecordUpdate[];
  levelDecisions: LevelChange[];
  linkCreates: LinkCreate[];
  linkUpdates: LinkUpdate[];
}

const archivedLevel = 'archived' as const;

export type ImportSummary = Record<RowAction, number>;

export function summarise(rows: readonly ReportRow[]): ImportSummary {
  const summary: ImportSummary = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const row of rows) summary[row.action] += 1;
  return summary;
}

const nameKey = (name: string) => name.trim().toLowerCase();

/** The ids, references and names the files mention. */
export function wantedBy(tables: readonly ImportTable[]): Wanted {
  const ids = new Set<string>();
  const references = new Set<string>();
  const names = new Set<string>();
  const linkIds = new Set<string>();
  const labels = new Set<NodeLabel>();
  const add = (set: Set<string>, value: string | undefined, key = (v: string) => v.trim()) => {
    if (value?.trim()) set.add(key(value));
  };
  for (const table of tables) {
    for (const { cells } of table.rows) {
      if (table.kind === 'links') {
        add(linkIds, cells.id);
        for (const end of ['from', 'to']) {
          add(ids, cells[`${end}Id`]);
          add(references, cells[`${end}Reference`]);
          add(names, cells[`${end}Name`], nameKey);
        }
      } else if (table.kind === 'edge-list') {
        add(names, cells.from, nameKey);
        add(names, cells.to, nameKey);
        labels.add(personOfInterest.label);
      } else {
        add(ids, cells.id);
        if (table.kind === 'YoungPerson') add(references, cells.reference);
        labels.add(table.kind);
      }
    }
  }
  return { ids: [...ids], references: [...references], names: [...names], linkIds: [...linkIds], labels: [...labels] };
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const captionOf = (declaration: AnyNodeDeclaration, record: Record<string, unknown>) =>
  String(record[declaration.caption] ?? record.id ?? '');

/** A record of this import, as the links of the same import may find it. */
interface Planned {
  id: string;
  label: NodeLabel;
  caption: string;
  reference?: string | undefined;
  /** What the duplicate scorer reads of it; its date of birth also matches links' ends by name. */
  candidate: DuplicateCandidate;
}

const issuesOf = (error: z.ZodError, columnOf: (path: string) => string = (p) => p): Problem[] =>
  error.issues.map((issue) => {
    const path = issue.path.join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    return unknownKeys.length
      ? { column: unknownKeys.join(', '), message: `not a property of this link type` }
      : { column: path ? columnOf(String(issue.path[0])) : undefined, message: issue.message };
  });

interface Archive {
  archivedAt?: string | undefined;
  archiveReason?: string | undefined;
  /** Whether the row names an archive at all (even one that does not read). */
  given: boolean;
  problems: Problem[];
}

/** Takes a row's archive cells out of its values, read by their schemas. */
function takeArchive(values: Record<string, unknown>, schemas: Record<string, z.ZodType>): Archive {
  const archive: Archive = { given: false, problems: [] };
  for (const column of archiveColumns) {
    const value = values[column];
    delete values[column];
    if (value === undefined) continue;
    archive.given = true;
    const parsed = (schemas[column] as z.ZodType).safeParse(value);
    if (parsed.success) archive[column] = parsed.data as string;
    else archive.problems.push({ column, message: parsed.error.issues[0]?.message ?? 'not readable' });
  }
  return archive;
}

/** Plans the import: every row checked, matched and turned into the writes a commit makes. */
export function planImport(tables: readonly ImportTable[], lookups: Lookups): ImportPlan {
  const plan: ImportPlan = {
    rows: [],
    recordCreates: [],
    recordUpdates: [],
    levelDecisions: [],
    linkCreates: [],
    linkUpdates: [],
  };
  const planned = new Map<string, Planned>();
  const plannedByReference = new Map<string, Planned>();
  const plannedByName = new Map<string, Planned[]>();
  const seenRecordRows = new Map<string, string>();
  /** Young people's references given in this import: the record each names, and the row that first gave it. */
  const referencesInImport = new Map<string, { key: string; where: string }>();
  const seenLinkIds = new Map<string, string>();
  // Links a row names by id are that row's: no row without an id may match them by their ends.
  const claimedLinks = new Set<string>(
    tables.flatMap((table) =>
      table.kind === 'links' ? table.rows.map((row) => row.cells.id?.trim() ?? '').filter(isUuid) : [],
    ),
  );
  const where = (table: ImportTable, row: TableRow) => `${table.sheet ?? table.file} row ${row.number}`;

  /** Per kind: the records already there, and those this import creates or updates (as far as it has got). */
  const existingIndexes = new Map<NodeLabel, DuplicateIndex>();
  const plannedIndexes = new Map<NodeLabel, DuplicateIndex>();
  const indexOf = (indexes: Map<NodeLabel, DuplicateIndex>, label: NodeLabel, records: DuplicateCandidate[] = []) => {
    const index = indexes.get(label) ?? new DuplicateIndex(records);
    indexes.set(label, index);
    return index;
  };

  const remember = (record: Planned) => {
    planned.set(record.id, record);
    if (record.reference) plannedByReference.set(record.reference, record);
    const key = nameKey(record.caption);
    plannedByName.set(key, [...(plannedByName.get(key) ?? []), record]);
    indexOf(plannedIndexes, record.label).add(record.candidate);
  };

  function recordRow(table: ImportTable, row: TableRow, declaration: AnyNodeDeclaration): ReportRow {
    const base = { file: table.file, sheet: table.sheet, row: row.number, kind: declaration.label };
    const reject = (problems: Problem[], extra: Partial<ReportRow> = {}): ReportRow => ({
      ...base,
      ...extra,
      action: 'reject',
      problems,
    });
    const schemas = recordCellSchemas(declaration);
    const values: Record<string, unknown> = {};
    const cleared: string[] = [];
    for (const [column, text] of Object.entries(row.cells)) {
      if (column === 'id' || column === 'version') continue;
      if (isClearCell(text)) cleared.push(column);
      else {
        const value = cellValue(schemas[column] as z.ZodType, text);
        if (value !== undefined) values[column] = value;
      }
    }
    const id = row.cells.id?.trim() || undefined;
    const versionText = row.cells.version?.trim() || undefined;
    const version = versionText === undefined ? undefined : Number(versionText);
    if (id && !isUuid(id)) return reject([{ column: 'id', message: 'not a record id (a UUID)' }]);
    if (version !== undefined && !(Number.isInteger(version) && version >= 1)) {
      return reject([{ column: 'version', message: 'not a version number' }]);
    }
    const reference = typeof values.reference === 'string' ? values.reference.trim() : undefined;
    const existing = id
      ? lookups.recordsById.get(id)
      : reference && declaration.label === youngPerson.label
        ? lookups.youngPeopleByReference.get(reference)
        : undefined;
    if (existing && existing.label !== declaration.label) {
      return reject([{ column: 'id', message: `that id is a ${nodeDeclaration(existing.label).title}'s` }], { id });
    }
    const key = id ?? existing?.record.id ?? (reference ? `reference:${reference}` : undefined);
    if (key) {
      const earlier = seenRecordRows.get(key);
      if (earlier) return reject([{ column: id ? 'id' : 'reference', message: `the same record as ${earlier}` }]);
      seenRecordRows.set(key, where(table, row));
    }
    if (reference && key && declaration.label === youngPerson.label) {
      // Two rows for different records with one reference would pass every check against the database and
      // then fail the commit on the reference constraint, with no row to point at.
      const claimed = referencesInImport.get(reference);
      if (claimed && claimed.key !== key) {
        return reject(
          [{ column: 'reference', message: `${reference} is also the reference given at ${claimed.where}` }],
          {
            id,
          },
        );
      }
      referencesInImport.set(reference, { key, where: where(table, row) });
    }
    if (reference && declaration.label === youngPerson.label && existing?.record.reference !== reference) {
      const holder = lookups.youngPeopleByReference.get(reference);
      if (holder && holder.record.id !== existing?.record.id) {
        return reject(
          [{ column: 'reference', message: `${reference} is already the reference of another young person` }],
          { id },
        );
      }
    }

    const isYoungPerson = declaration.label === youngPerson.label;
    const archive = takeArchive(values, schemas);
    const problems: Problem[] = [...archive.problems];
    // A young person's archive is a level: levelOfConcern "archived", reached through a level decision.
    const archiving = isYoungPerson && values.levelOfConcern === archivedLevel;
    if (archiving) delete values.levelOfConcern;
    const archived = Boolean(existing?.record.archivedAt);
    if (isYoungPerson && archive.given && !archiving && !(values.levelOfConcern === undefined && archived)) {
      problems.push({
        column: archive.archiveReason === undefined ? 'archivedAt' : 'archiveReason',
        message: 'a young person is archived by levelOfConcern "archived" (a level decision)',
      });
    }
    if (!isYoungPerson && archive.archivedAt !== undefined && archive.archiveReason === undefined) {
      problems.push({ column: 'archiveReason', message: 'give the reason with archivedAt' });
    }
    for (const field of cleared.filter((f) => (archiveColumns as readonly string[]).includes(f))) {
      problems.push({ column: field, message: 'an archive is not cleared by import' });
    }
    const importReason = `Imported from ${table.file}`;

    if (!existing) {
      const schema = archiving ? createSchema(declaration).omit({ levelOfConcern: true }) : createSchema(declaration);
      const parsed = schema.safeParse(values);
      if (!parsed.success) problems.push(...issuesOf(parsed.error));
      else problems.push(...inconsistencies(declaration, parsed.data));
      if (problems.length || !parsed.success) return reject(problems, { id });
      const archivedNow =
        !isYoungPerson && archive.archiveReason !== undefined
          ? { archivedAt: archive.archivedAt ?? new Date().toISOString(), archiveReason: archive.archiveReason }
          : {};
      const properties = {
        ...parsed.data,
        ...archivedNow,
        id: id ?? crypto.randomUUID(),
      } as RecordCreate['properties'];
      plan.recordCreates.push({ label: declaration.label, properties });
      const caption = captionOf(declaration, properties);
      const alike = likelyDuplicates(declaration, properties);
      remember({ id: properties.id, label: declaration.label, caption, ...identity(declaration, properties) });
      const created = {
        ...base,
        action: 'create' as const,
        id: properties.id,
        caption,
        ...(alike.length ? { likelyDuplicates: alike } : {}),
      };
      if (!archiving) return created;
      plan.levelDecisions.push({
        youngPersonId: properties.id,
        level: archivedLevel,
        reason: archive.archiveReason ?? importReason,
        archivedAt: archive.archivedAt,
      });
      const changes = [{ field: 'levelOfConcern', from: null, to: archivedLevel, by: 'level decision' as const }];
      return { ...created, changes };
    }

    const current = existing.record;
    const matchedBy = id ? ('id' as const) : ('reference' as const);
    const found = { id: current.id, caption: captionOf(declaration, current), matchedBy };
    if (version !== undefined && version !== current.version) {
      return reject(
        [
          {
            column: 'version',
            message: `the row was read at version ${version}; the record is now at version ${current.version}`,
          },
        ],
        found,
      );
    }
    const shape = writableShape(declaration).shape as Record<string, z.ZodType>;
    const elsewhere = new Set<string>(declaration.setElsewhere?.properties ?? []);
    const notHere = (field: string) => `${field} is not changed here: ${declaration.setElsewhere?.how}`;
    const changes: Record<string, unknown> = {};

    let level: LevelChange | undefined;
    const wantedLevel = archiving ? archivedLevel : values.levelOfConcern;
    delete values.levelOfConcern;
    if (isYoungPerson && wantedLevel !== undefined) {
      const parsed = archiving
        ? { success: true as const }
        : (shape.levelOfConcern as z.ZodType).safeParse(wantedLevel);
      if (!parsed.success) problems.push({ column: 'levelOfConcern', message: 'a level is 1, 2, 3 or archived' });
      else if (wantedLevel !== current.levelOfConcern) {
        level = {
          youngPersonId: current.id,
          level: wantedLevel as LevelOfConcern,
          reason: (archiving ? archive.archiveReason : undefined) ?? importReason,
          archivedAt: archiving ? archive.archivedAt : undefined,
        };
      }
    }
    for (const [field, value] of Object.entries(values)) {
      const schema = shape[field] as z.ZodType;
      const parsed = (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).safeParse(value);
      if (!parsed.success) {
        problems.push(...issuesOf(parsed.error).map((p) => ({ column: field, message: p.message })));
      } else if (!same(parsed.data, current[field])) {
        // The level decision sets the next review; a review date alone changes only through one.
        if (field === 'reviewDue' && level) continue;
        if (elsewhere.has(field)) problems.push({ column: field, message: notHere(field) });
        else changes[field] = parsed.data;
      }
    }
    for (const field of cleared) {
      if ((archiveColumns as readonly string[]).includes(field)) continue;
      const schema = shape[field] as z.ZodType;
      if (elsewhere.has(field)) problems.push({ column: field, message: notHere(field) });
      else if (holdsList(schema)) {
        // A list is cleared to an empty list, its default.
        if (Array.isArray(current[field]) && (current[field] as unknown[]).length) changes[field] = [];
      } else if (schema instanceof z.ZodDefault || !schema.safeParse(undefined).success) {
        problems.push({ column: field, message: `${field} is required: it cannot be cleared` });
      } else if (current[field] !== undefined && current[field] !== null) changes[field] = null;
    }
    if (!isYoungPerson && !archived && archive.archiveReason !== undefined) {
      changes.archivedAt = archive.archivedAt ?? new Date().toISOString();
      changes.archiveReason = archive.archiveReason;
    }
    const after = { ...current, ...changes };
    if (Object.keys(changes).length) problems.push(...inconsistencies(declaration, after));
    if (problems.length) return reject(problems, found);
    remember({
      id: current.id,
      label: declaration.label,
      caption: captionOf(declaration, after),
      ...identity(declaration, after),
    });
    const fieldChanges: FieldChange[] = Object.entries(changes).map(([field, to]) => ({
      field,
      from: current[field] ?? null,
      to,
      ...(cleared.includes(field) ? { clear: true } : {}),
    }));
    if (level) {
      plan.levelDecisions.push({ ...level, version: current.version + (Object.keys(changes).length ? 1 : 0) });
      fieldChanges.push({
        field: 'levelOfConcern',
        from: current.levelOfConcern ?? null,
        to: level.level,
        by: 'level decision',
      });
    }
    if (!fieldChanges.length) return { ...base, action: 'unchanged', ...found };
    if (Object.keys(changes).length) {
      plan.recordUpdates.push({
        label: declaration.label,
        id: current.id,
        version: current.version,
        changes,
        before: current,
      });
    }
    return { ...base, action: 'update', ...found, changes: fieldChanges };
  }

  /** The declaration's rules across properties (an event's dates, a place's coordinates), as the API applies them. */
  const inconsistencies = (declaration: AnyNodeDeclaration, record: Record<string, unknown>): Problem[] =>
    (declaration.consistency?.(record, todayIso()) ?? []).map(({ field, message }) => ({ column: field, message }));

  const identity = (declaration: AnyNodeDeclaration, record: Record<string, unknown>) => ({
    reference: typeof record.reference === 'string' ? record.reference : undefined,
    candidate: candidateOf(declaration.caption, record),
  });

  /**
   * The records of the same kind that the duplicate scorer takes for the same person or place (same name and date
   * of birth, a shared phone, near-identical names), found as the Duplicates screen finds them: in the database, or
   * created by an earlier row of this import.
   */
  const likelyDuplicates = (declaration: AnyNodeDeclaration, record: Record<string, unknown>): LikelyDuplicate[] => {
    const candidate = candidateOf(declaration.caption, record);
    const { label } = declaration;
    const existing = indexOf(existingIndexes, label, lookups.duplicateCandidates.get(label));
    const others = [
      ...existing.sharingKeys(candidate).map((other) => ({ candidate: other, inImport: false })),
      ...indexOf(plannedIndexes, label)
        .sharingKeys(candidate)
        .map((other) => ({ candidate: other, inImport: true })),
    ];
    const seen = new Set([candidate.id]);
    return others.flatMap(({ candidate: other, inImport }) => {
      // A record updated earlier in this import is both in the database and planned: named once.
      const score = seen.has(other.id) ? undefined : scorePair(candidate, other);
      seen.add(other.id);
      return score
        ? [{ id: other.id, caption: other.name, inImport, reasons: score.reasons.map((r) => r.message) }]
        : [];
    });
  };

  const existingMatch = ({ label, record }: ExistingRecord, by: EndMatch['by']): EndMatch => ({
    id: record.id,
    label,
    caption: captionOf(nodeDeclaration(label), record),
    by,
    inImport: planned.has(record.id),
  });
  const plannedMatch = (record: Planned, by: EndMatch['by']): EndMatch => ({
    id: record.id,
    label: record.label,
    caption: record.caption,
    by,
    inImport: true,
  });
  const describe = (match: EndMatch) =>
    `${match.caption} (${nodeDeclaration(match.label).title}${match.inImport ? ' in this import' : ''}, id ${match.id})`;

  /** Finds one end of a link: by id, else by reference code, else by name (and date of birth, when given). */
  function findEnd(
    cells: Record<string, string>,
    end: 'from' | 'to',
    only?: NodeLabel,
  ): { match: EndMatch } | { problem: Problem } {
    const cell = (suffix: string) => cells[`${end}${suffix}`]?.trim() || undefined;
    const labelText = only ?? cell('Label');
    if (labelText && !isNodeLabel(labelText)) {
      return { problem: { column: `${end}Label`, message: `unknown label ${labelText}` } };
    }
    const label = labelText as NodeLabel | undefined;
    const narrowed = (match: EndMatch, column: string): { match: EndMatch } | { problem: Problem } =>
      label && match.label !== label
        ? { problem: { column, message: `${describe(match)} is not a ${nodeDeclaration(label).title}` } }
        : { match };
    const id = cell('Id');
    if (id) {
      const inImport = planned.get(id);
      if (inImport) return narrowed(plannedMatch(inImport, 'id'), `${end}Id`);
      const existing = lookups.recordsById.get(id);
      if (existing) return narrowed(existingMatch(existing, 'id'), `${end}Id`);
      return { problem: { column: `${end}Id`, message: `no record with id ${id}` } };
    }
    const reference = cell('Reference');
    if (reference) {
      const inImport = plannedByReference.get(reference);
      if (inImport) return narrowed(plannedMatch(inImport, 'reference'), `${end}Reference`);
      const existing = lookups.youngPeopleByReference.get(reference);
      if (existing) return narrowed(existingMatch(existing, 'reference'), `${end}Reference`);
      return { problem: { column: `${end}Reference`, message: `no young person with reference ${reference}` } };
    }
    const name = cell('Name');
    if (!name) return { problem: { column: `${end}Id`, message: `give ${end}Id, ${end}Reference or ${end}Name` } };
    const dateOfBirth = cell('DateOfBirth');
    const key = nameKey(name);
    const candidates = new Map<string, EndMatch>();
    for (const record of plannedByName.get(key) ?? []) {
      if (dateOfBirth && record.candidate.dateOfBirth !== dateOfBirth) continue;
      candidates.set(record.id, plannedMatch(record, 'name'));
    }
    for (const existing of lookups.recordsByName.get(key) ?? []) {
      if (candidates.has(existing.record.id) || planned.has(existing.record.id)) continue;
      if (dateOfBirth && existing.record.dateOfBirth !== dateOfBirth) continue;
      candidates.set(existing.record.id, existingMatch(existing, 'name'));
    }
    const matches = [...candidates.values()].filter((match) => !label || match.label === label);
    const who = dateOfBirth ? `${name} born ${dateOfBirth}` : name;
    if (matches.length === 0) return { problem: { column: `${end}Name`, message: `no record named ${who}` } };
    if (matches.length > 1) {
      return {
        problem: {
          column: `${end}Name`,
          message: `${who} is ambiguous: ${matches.map(describe).join(' and ')}; give ${end}Id or ${end}Reference`,
        },
      };
    }
    return { match: matches[0] as EndMatch };
  }

  /**
   * An existing link a row without an id stands for: the same type between the same two records (either way round
   * for an edge list, whose pairs have no direction), with the same source reference (or both without). Each
   * existing link stands for one row at most, so a file naming the same pair twice matches two links, not one twice.
   */
  function linkByEnds(
    link: { type: string; from: EndMatch; to: EndMatch; eitherWay: boolean },
    sourceReference: unknown,
  ): ExistingLink['link'] | undefined {
    const keys = [linkKey(link.type, link.from.id, link.to.id)];
    if (link.eitherWay) keys.push(linkKey(link.type, link.to.id, link.from.id));
    for (const key of keys) {
      for (const { link: candidate } of lookups.linksBetween.get(key) ?? []) {
        if (claimedLinks.has(candidate.id) || !same(candidate.sourceReference, sourceReference)) continue;
        claimedLinks.add(candidate.id);
        return candidate;
      }
    }
    return undefined;
  }

  /** Checks a link's values against its type and ends, and plans its creation or its update (matched by id or ends). */
  function planLink(
    base: Omit<ReportRow, 'action'>,
    link: {
      id?: string | undefined;
      type: string;
      from: EndMatch;
      to: EndMatch;
      values: Record<string, unknown>;
      cleared?: readonly string[];
      eitherWay?: boolean;
    },
  ): ReportRow {
    const { type, from, to } = link;
    const reject = (problems: Problem[]): ReportRow => ({ ...base, type, from, to, action: 'reject', problems });
    if (from.id === to.id) return reject([{ column: 'toId', message: 'a link must join two different records' }]);
    if (!allowsLink(type, from.label, to.label)) {
      const allowed = relationshipDeclaration(type)
        ?.endpoints.map((e) => `${e.from} → ${e.to}`)
        .join(', ');
      return reject([
        {
          column: 'type',
          message: `a ${type} link cannot run from ${from.label} to ${to.label}; it may run ${allowed}`,
        },
      ]);
    }
    const schemas = linkCellSchemas();
    const cleared = link.cleared ?? [];
    const required = cleared.filter((field) => !(schemas[field] as z.ZodType).safeParse(undefined).success);
    if (required.length) {
      return reject(
        required.map((field) => ({ column: field, message: `${field} is required: it cannot be cleared` })),
      );
    }
    const parsed = linkInputSchema.safeParse({ ...link.values, type, from: from.id, to: to.id });
    if (!parsed.success) return reject(issuesOf(parsed.error));
    const { type: _type, from: _from, to: _to, ...properties } = parsed.data as Record<string, unknown>;
    const byId = link.id ? lookups.linksById.get(link.id)?.link : undefined;
    if (link.id && byId && (byId.type !== type || byId.from !== from.id || byId.to !== to.id)) {
      return reject([{ column: 'id', message: 'that link id joins other records, or is of another type' }]);
    }
    const existing =
      byId ??
      (link.id
        ? undefined
        : linkByEnds({ type, from, to, eitherWay: Boolean(link.eitherWay) }, properties.sourceReference));
    if (existing) {
      const matchedBy = byId ? ('id' as const) : ('ends' as const);
      const changes: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(properties)) {
        if (!same(value, existing[field])) changes[field] = value;
      }
      for (const field of cleared) {
        if (existing[field] !== undefined && existing[field] !== null) changes[field] = null;
      }
      const fieldChanges: FieldChange[] = Object.entries(changes).map(([field, value]) => ({
        field,
        from: existing[field] ?? null,
        to: value,
        ...(value === null ? { clear: true } : {}),
      }));
      const found = { ...base, type, from, to, id: existing.id, matchedBy };
      if (!fieldChanges.length) return { ...found, action: 'unchanged' };
      plan.linkUpdates.push({ type, id: existing.id, changes, before: existing });
      return { ...found, action: 'update', changes: fieldChanges };
    }
    const id = link.id ?? crypto.randomUUID();
    plan.linkCreates.push({ type, from: from.id, to: to.id, properties: { ...properties, id } });
    return { ...base, type, from, to, id, action: 'create' };
  }

  function linkRow(table: ImportTable, row: TableRow): ReportRow {
    const base = { file: table.file, sheet: table.sheet, row: row.number, kind: 'link' as const };
    const reject = (problems: Problem[]): ReportRow => ({ ...base, action: 'reject', problems });
    const type = row.cells.type?.trim() ?? '';
    if (!relationshipDeclaration(type)) {
      return reject([{ column: 'type', message: type ? `unknown link type ${type}` : 'give the link type' }]);
    }
    const id = row.cells.id?.trim() || undefined;
    if (id && !isUuid(id)) return reject([{ column: 'id', message: 'not a link id (a UUID)' }]);
    if (id) {
      const earlier = seenLinkIds.get(id);
      if (earlier) return reject([{ column: 'id', message: `the same link as ${earlier}` }]);
      seenLinkIds.set(id, where(table, row));
    }
    const from = findEnd(row.cells, 'from');
    const to = findEnd(row.cells, 'to');
    const problems = [from, to].flatMap((end) => ('problem' in end ? [end.problem] : []));
    if (!('match' in from) || !('match' in to)) return reject(problems);
    const schemas = linkCellSchemas();
    const endColumns = /^(from|to)(Id|Label|Reference|Name|DateOfBirth)$/;
    const values: Record<string, unknown> = {};
    const cleared: string[] = [];
    for (const [column, text] of Object.entries(row.cells)) {
      if (column === 'id' || column === 'type' || endColumns.test(column)) continue;
      if (isClearCell(text)) cleared.push(column);
      else {
        const value = cellValue(schemas[column] as z.ZodType, text);
        if (value !== undefined) values[column] = value;
      }
    }
    return planLink(base, { id, type, from: from.match, to: to.match, values, cleared });
  }

  /** An edge list: each person found by name among persons of interest, or created once; an ASSOCIATE_OF per row. */
  function edgeListRows(table: ImportTable): ReportRow[] {
    const rows: ReportRow[] = [];
    const createdHere = new Map<string, Planned>();
    const person = (name: string, row: TableRow, column: 'from' | 'to'): { match: EndMatch } | { problem: Problem } => {
      const key = nameKey(name);
      const known = createdHere.get(key);
      if (known) return { match: plannedMatch(known, 'name') };
      const found = findEnd({ [`${column}Name`]: name }, column, personOfInterest.label);
      if ('match' in found) return found;
      if (found.problem.message.startsWith('no record named')) {
        const parsed = createSchema(personOfInterest).safeParse({ name });
        if (!parsed.success) return { problem: { column, message: issuesOf(parsed.error)[0]?.message ?? 'invalid' } };
        const properties = { ...parsed.data, id: crypto.randomUUID() } as RecordCreate['properties'];
        plan.recordCreates.push({ label: personOfInterest.label, properties });
        const record: Planned = {
          id: properties.id,
          label: personOfInterest.label,
          caption: name.trim(),
          candidate: candidateOf(personOfInterest.caption, properties),
        };
        const alike = likelyDuplicates(personOfInterest, properties);
        createdHere.set(key, record);
        remember(record);
        rows.push({
          file: table.file,
          sheet: table.sheet,
          row: row.number,
          kind: personOfInterest.label,
          action: 'create',
          id: record.id,
          caption: record.caption,
          ...(alike.length ? { likelyDuplicates: alike } : {}),
        });
        return { match: plannedMatch(record, 'name') };
      }
      return { problem: { ...found.problem, column } };
    };
    for (const row of table.rows) {
      const base = { file: table.file, sheet: table.sheet, row: row.number, kind: 'link' as const };
      const fromName = row.cells.from?.trim() ?? '';
      const toName = row.cells.to?.trim() ?? '';
      const weightText = row.cells.weight?.trim() ?? '';
      const weight = weightText === '' ? undefined : Number(weightText);
      const problems: Problem[] = [];
      if (!fromName) problems.push({ column: 'from', message: 'give the first person' });
      if (!toName) problems.push({ column: 'to', message: 'give the second person' });
      if (weight !== undefined && !(Number.isFinite(weight) && weight > 0)) {
        problems.push({ column: 'weight', message: 'a weight is a positive number' });
      }
      if (fromName && nameKey(fromName) === nameKey(toName)) {
        problems.push({ column: 'to', message: 'a link must join two different persons' });
      }
      if (problems.length) {
        rows.push({ ...base, type: 'ASSOCIATE_OF', action: 'reject', problems });
        continue;
      }
      const from = person(fromName, row, 'from');
      const to = person(toName, row, 'to');
      if (!('match' in from) || !('match' in to)) {
        const endProblems = [from, to].flatMap((end) => ('problem' in end ? [end.problem] : []));
        rows.push({ ...base, type: 'ASSOCIATE_OF', action: 'reject', problems: endProblems });
        continue;
      }
      rows.push(
        planLink(base, {
          type: 'ASSOCIATE_OF',
          from: from.match,
          to: to.match,
          values: { ...table.evidence, ...(weight === undefined ? {} : { weight }) },
          eitherWay: true,
        }),
      );
    }
    return rows;
  }

  // Records before links, so a link may name a record created by any file of the same import.
  const recordTables = tables.filter((table) => isNodeLabel(table.kind));
  for (const table of recordTables) {
    const declaration = nodeDeclaration(table.kind as NodeLabel);
    for (const row of table.rows) plan.rows.push(recordRow(table, row, declaration));
  }
  for (const table of tables) {
    if (table.kind === 'links') for (const row of table.rows) plan.rows.push(linkRow(table, row));
    if (table.kind === 'edge-list') plan.rows.push(...edgeListRows(table));
  }
  return plan;
}
