import { todayIso } from '../../graph-schema/calendar.ts';
import { cypherForType } from '../../graph-schema/cypher.ts';
import { evidenceDates } from '../../graph-schema/evidence.ts';
import { type NodeLabel, nodeDeclaration, relationshipDeclaration } from '../../graph-schema/index.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type Actor, visibilityOf } from '../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphDate, type Params } from '../db/neo4j.ts';
import { candidateOf, type DuplicateCandidate } from '../duplicates/duplicate-scorer.ts';
import { conflict, HttpError } from '../http/errors.ts';
import { loadReviewIntervals } from '../operations/config/operations-config.ts';
import { recordLevelDecision } from '../operations/levels/levels.service.ts';
import * as cypher from './import.cypher.ts';
import type { ImportFile, ImportTable } from './import-files.ts';
import { readImportFiles } from './import-files.ts';
import {
  type ExistingLink,
  type ExistingRecord,
  type ImportPlan,
  type ImportSummary,
  type Lookups,
  linkKey,
  planImport,
  type ReportRow,
  summarise,
  wantedBy,
} from './import-plan.ts';

export interface ImportRequest {
  files: ImportFile[];
  /** Commit the valid rows and leave the rejected ones out (otherwise any rejected row refuses the commit). */
  validOnly?: boolean | undefined;
}

export interface FileReport {
  file: string;
  sheet?: string | undefined;
  kind: ImportTable['kind'];
  headers: string[];
  mapped: Record<string, string>;
  unknownHeaders: string[];
  rows: number;
}

export interface ImportReport {
  committed: boolean;
  files: FileReport[];
  summary: ImportSummary;
  rows: ReportRow[];
  /** How the commit was audited: one event per record and link, or one data-reload for a large import. */
  audit?: 'per-row' | 'data-reload' | undefined;
}

/** Past this many writes one data-reload event is audited instead of one event per record and link. */
export const perRowAuditLimit = 1_000;

/** A whole import is one transaction: allow it the time a large one takes on a small machine. */
const commitOptions = { timeoutMs: 300_000, maxRows: 200_000 };

type Run = <Row>(query: string, params?: Params) => Promise<Row[]>;

const fileReports = (tables: ImportTable[]): FileReport[] =>
  tables.map(({ file, sheet, kind, headers, mapped, unknownHeaders, rows }) => ({
    file,
    sheet,
    kind,
    headers,
    mapped,
    unknownHeaders,
    rows: rows.length,
  }));

/** Reads what the files name, as the actor may see it. */
async function readLookups(run: Run, tables: ImportTable[], policeIntelligence: boolean): Promise<Lookups> {
  const wanted = wantedBy(tables);
  // One after another: a transaction runs one statement at a time.
  const byId = wanted.ids.length
    ? await run<ExistingRecord>(cypher.recordsById, { ids: wanted.ids, policeIntelligence })
    : [];
  const byReference = wanted.references.length
    ? await run<ExistingRecord>(cypher.youngPeopleByReference, { references: wanted.references, policeIntelligence })
    : [];
  const byName = wanted.names.length
    ? await run<ExistingRecord>(cypher.recordsByName, { names: wanted.names, policeIntelligence })
    : [];
  const duplicateCandidates = new Map<NodeLabel, DuplicateCandidate[]>();
  for (const label of wanted.labels) {
    const found = await run<{ record: Record<string, unknown> }>(cypher.duplicateCandidates, {
      label,
      policeIntelligence,
    });
    const { caption } = nodeDeclaration(label);
    duplicateCandidates.set(
      label,
      found.map(({ record }) => candidateOf(caption, record)),
    );
  }
  const links = wanted.linkIds.length
    ? await run<ExistingLink>(cypher.linksById, { ids: wanted.linkIds, policeIntelligence })
    : [];
  const named = [...new Set([...byId, ...byReference, ...byName].map((found) => found.record.id))];
  const between = named.length ? await run<ExistingLink>(cypher.linksBetween, { ids: named, policeIntelligence }) : [];
  const recordsByName = new Map<string, ExistingRecord[]>();
  for (const found of byName) {
    const caption = String(found.record[nodeDeclaration(found.label).caption] ?? '')
      .trim()
      .toLowerCase();
    recordsByName.set(caption, [...(recordsByName.get(caption) ?? []), found]);
  }
  return {
    recordsById: new Map(byId.map((found) => [found.record.id, found])),
    youngPeopleByReference: new Map(byReference.map((found) => [String(found.record.reference), found])),
    recordsByName,
    duplicateCandidates,
    linksById: new Map(links.map((found) => [found.link.id, found])),
    linksBetween: groupBy(between, ({ link }) => linkKey(link.type, link.from, link.to)),
  };
}

/** Values as Neo4j stores them: declared dates as DATE. */
function withDates(values: Record<string, unknown>, dates: readonly string[]): Record<string, unknown> {
  const declared = new Set(dates);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      declared.has(key) && typeof value === 'string' ? graphDate(value) : value,
    ]),
  );
}

const linkDates = (type: string) => [...evidenceDates, ...(relationshipDeclaration(type)?.dates ?? [])];

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const changedSincePlanned = () =>
  conflict('Records of this import were changed by someone else since it was planned: run it again');

/**
 * Sets the levels the import names, each by a level decision (the only way a level changes), after the records are
 * written; an archive keeps the time its file gives.
 */
export async function decideLevels(tx: GraphTransaction, plan: ImportPlan, actor: Actor) {
  const intervals = loadReviewIntervals();
  const archivedAtKept: { subjectId: string; before: unknown; after: unknown }[] = [];
  for (const change of plan.levelDecisions) {
    if (change.version !== undefined) {
      const [locked] = await tx.run<{ current: boolean }>(cypher.atVersion, {
        id: change.youngPersonId,
        version: change.version,
      });
      if (!locked?.current) {
        throw changedSincePlanned();
      }
    }
    await recordLevelDecision(
      tx,
      {
        youngPersonId: change.youngPersonId,
        level: change.level,
        decidedOn: todayIso(),
        agreedBy: actor.username,
        reason: change.reason,
      },
      actor,
      intervals,
    );
    if (change.archivedAt) {
      const [kept] = await tx.run<{ before: unknown; after: unknown }>(cypher.keepArchivedAt, {
        id: change.youngPersonId,
        archivedAt: change.archivedAt,
      });
      if (kept) archivedAtKept.push({ subjectId: change.youngPersonId, ...kept });
    }
  }
  return archivedAtKept;
}

/** Writes the plan inside the caller's transaction, and audits it like the entity and link services do. */
async function writePlan(tx: GraphTransaction, plan: ImportPlan, actor: Actor): Promise<ImportReport['audit']> {
  const run: Run = (query, params) => tx.run(query, params);
  const username = actor.username;
  type Written = { subjectType: string; subjectId: string; action: 'create' | 'update' | 'archive'; details: unknown };
  const written: Written[] = [];
  const restrictedLabel = (label: string) =>
    label !== 'Link' && Boolean(nodeDeclaration(label as never).identifying?.length);

  for (const [label, creates] of groupBy(plan.recordCreates, (c) => c.label)) {
    const dates = nodeDeclaration(label as never).dates;
    const rows = creates.map((create) => withDates(create.properties, dates));
    const records = await run<{ record: { id: string } }>(cypher.createRecords, { rows, label, username });
    if (records.length !== rows.length) throw new Error(`Creating ${label} records wrote ${records.length}`);
    for (const { record } of records) {
      written.push({ subjectType: label, subjectId: record.id, action: 'create', details: { after: record } });
    }
  }
  for (const [label, updates] of groupBy(plan.recordUpdates, (u) => u.label)) {
    const dates = nodeDeclaration(label as never).dates;
    const rows = updates.map(({ id, version, changes }) => ({ id, version, changes: withDates(changes, dates) }));
    const records = await run<{ record: { id: string } }>(cypher.updateRecords, { rows, label, username });
    if (records.length !== rows.length) {
      throw changedSincePlanned();
    }
    const before = new Map(updates.map((update) => [update.id, update.before]));
    const archives = new Set(updates.filter((update) => update.changes.archiveReason).map((update) => update.id));
    for (const { record } of records) {
      written.push({
        subjectType: label,
        subjectId: record.id,
        action: archives.has(record.id) ? 'archive' : 'update',
        details: { before: before.get(record.id), after: record },
      });
    }
  }
  for (const [type, creates] of groupBy(plan.linkCreates, (c) => c.type)) {
    const rows = creates.map(({ from, to, properties }) => ({
      from,
      to,
      properties: withDates(properties, linkDates(type)),
    }));
    const links = await run<{ link: { id: string } }>(cypherForType(cypher.createLinks, type), { rows, username });
    if (links.length !== rows.length) throw new Error(`Creating ${type} links wrote ${links.length}`);
    for (const { link } of links) {
      written.push({ subjectType: 'Link', subjectId: link.id, action: 'create', details: { after: link } });
    }
  }
  for (const [type, updates] of groupBy(plan.linkUpdates, (u) => u.type)) {
    const rows = updates.map(({ id, changes }) => ({ id, changes: withDates(changes, linkDates(type)) }));
    const links = await run<{ link: { id: string } }>(cypherForType(cypher.updateLinks, type), { rows, username });
    if (links.length !== rows.length) throw conflict('Links of this import were removed since it was planned');
    const before = new Map(updates.map((update) => [update.id, update.before]));
    for (const { link } of links) {
      written.push({
        subjectType: 'Link',
        subjectId: link.id,
        action: 'update',
        details: { before: before.get(link.id), after: link },
      });
    }
  }

  for (const kept of await decideLevels(tx, plan, actor)) {
    written.push({
      subjectType: 'YoungPerson',
      subjectId: kept.subjectId,
      action: 'update',
      details: { before: { archivedAt: kept.before }, after: { archivedAt: kept.after } },
    });
  }

  if (written.length > perRowAuditLimit) {
    await appendAudit(tx, {
      action: 'data-reload',
      username,
      role: actor.role,
      details: { imported: summarise(plan.rows), records: plan.recordCreates.length + plan.recordUpdates.length },
      restricted: true,
    });
    return 'data-reload';
  }
  for (const change of written) {
    const after = (change.details as { after: Record<string, unknown> }).after;
    await appendAudit(tx, {
      ...change,
      username,
      role: actor.role,
      reason: 'import',
      restricted: restrictedLabel(change.subjectType) || after.gradingHandling === 'C',
    });
  }
  return 'per-row';
}

/** Import with a dry run: the same plan, reported without writing, or written all or nothing in one transaction. */
export function importService(graph: Graph) {
  return {
    async dryRun(request: ImportRequest, actor: Actor): Promise<ImportReport> {
      const tables = await readImportFiles(request.files);
      const { policeIntelligence } = visibilityOf(actor);
      const read: Run = (query, params) => graph.read(query, params, commitOptions);
      const plan = planImport(tables, await readLookups(read, tables, policeIntelligence));
      return { committed: false, files: fileReports(tables), summary: summarise(plan.rows), rows: plan.rows };
    },

    /**
     * Plans again inside one write transaction (the data may have changed since the dry run) under the import
     * lock, so two imports serialise; refuses (422, with the report) when a row is rejected unless `validOnly`.
     */
    async commit(request: ImportRequest, actor: Actor): Promise<ImportReport> {
      const tables = await readImportFiles(request.files);
      const { policeIntelligence } = visibilityOf(actor);
      return graph.writeTransaction(async (tx) => {
        const run: Run = (query, params) => tx.run(query, params);
        await run(cypher.lockImports, { username: actor.username });
        const plan = planImport(tables, await readLookups(run, tables, policeIntelligence));
        const report = { files: fileReports(tables), summary: summarise(plan.rows), rows: plan.rows };
        if (report.summary.reject > 0 && !request.validOnly) {
          throw new HttpError(
            422,
            'import_rejected',
            `${report.summary.reject} rows are rejected: fix them, or commit the valid rows only (validOnly)`,
            { ...report, committed: false },
          );
        }
        const audit = await writePlan(tx, plan, actor);
        return { committed: true, ...report, audit };
      }, commitOptions);
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
