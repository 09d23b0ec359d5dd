import { todayIso } from '../../graph-schema/calendar.ts';
import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import type { AnalysisMirror } from '../analysis/mirror/mirror-sync.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { present, searchableCaption, searchableProperties } from '../auth/pseudonymise.ts';
import type { Actor } from '../auth/viewer.ts';
import { type Visibility, visibilityOf } from '../auth/viewer.ts';
import { type Graph, graphDate, graphNow } from '../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import * as cypher from './entities.cypher.ts';
import { findRecords, searchTerm } from './record-search.ts';

export type EntityRecord = Record<string, unknown> & { id: string; version: number };

export interface ListOptions {
  search?: string | undefined;
  includeArchived: boolean;
  limit: number;
  offset: number;
}

export interface EntityPage {
  items: EntityRecord[];
  total: number;
}

/** Create, read, update, list and archive the records of one node label, as one viewer may see them. */
export interface EntityService {
  create(input: Record<string, unknown>, actor: Actor): Promise<EntityRecord>;
  get(id: string, visibility: Visibility): Promise<EntityRecord>;
  list(options: ListOptions, visibility: Visibility): Promise<EntityPage>;
  update(id: string, changes: Record<string, unknown> & { version: number }, actor: Actor): Promise<EntityRecord>;
  archive(id: string, input: { reason: string; version: number }, actor: Actor): Promise<EntityRecord>;
}

export function entityService(graph: Graph, declaration: AnyNodeDeclaration, mirror: AnalysisMirror): EntityService {
  const label = declaration.label;
  const toGraph = (values: Record<string, unknown>) => graphProperties(declaration, values);

  /** Refuses a record, as it would be after a create or change, whose properties do not fit together. */
  function checkConsistency(record: Record<string, unknown>) {
    const [first, ...rest] = declaration.consistency?.(record, todayIso()) ?? [];
    if (first) throw badRequest(first.message, [first, ...rest]);
  }

  /** Runs a change under the node's write lock, refusing it when the client's version is stale; audited. */
  async function change(
    id: string,
    expectedVersion: number,
    actor: Actor,
    action: 'update' | 'archive',
    changes: (current: EntityRecord) => Record<string, unknown>,
  ) {
    const visibility = visibilityOf(actor);
    return graph.writeTransaction(async (tx) => {
      const [locked] = await tx.run<{ version: number; record: EntityRecord }>(cypher.lockEntity, {
        id,
        label,
        policeIntelligence: visibility.policeIntelligence,
      });
      if (!locked) throw notFound(declaration.title, id);
      const before = withoutLock(locked.record);
      if (locked.version !== expectedVersion) {
        throw conflict(`The ${declaration.title} was changed by someone else (now version ${locked.version})`, {
          currentVersion: locked.version,
          current: present(declaration, before, visibility),
        });
      }
      const [updated] = await tx.run<{ record: EntityRecord }>(cypher.updateEntity, { id, changes: changes(before) });
      const after = withoutLock(updated?.record ?? before);
      await appendAudit(tx, { ...auditOf(actor, id, before, after), action, details: { before, after } });
      return after;
    });
  }

  const auditOf = (actor: Actor, subjectId: string, ...records: EntityRecord[]) => ({
    username: actor.username,
    role: actor.role,
    subjectType: label,
    subjectId,
    restricted: Boolean(declaration.identifying?.length) || records.some((r) => r.gradingHandling === 'C'),
  });

  return {
    async create(input, actor) {
      checkConsistency(input);
      const properties = { ...toGraph(input), id: crypto.randomUUID(), version: 1, createdBy: actor.username };
      return graph.writeTransaction(async (tx) => {
        const [row] = await tx.run<{ record: EntityRecord }>(cypher.createEntity, { label, properties });
        if (!row) throw new Error(`Creating a ${declaration.title} returned nothing`);
        await appendAudit(tx, {
          ...auditOf(actor, row.record.id, row.record),
          action: 'create',
          details: { after: row.record },
        });
        return row.record;
      });
    },

    async get(id, visibility) {
      const [row] = await graph.read<{ record: EntityRecord }>(cypher.getEntity, {
        id,
        label,
        policeIntelligence: visibility.policeIntelligence,
      });
      if (!row) throw notFound(declaration.title, id);
      return present(declaration, row.record, visibility);
    },

    async list({ search, includeArchived, limit, offset }, visibility) {
      // Which records, and in what order, from the mirror (current with every change committed before the
      // call); the page itself from Neo4j, as it is now, with the same restriction checked again there.
      const found = findRecords(await mirror.current(), {
        label,
        search: search ? searchTerm(search) : null,
        searchBy: searchableProperties(declaration, visibility),
        sortBy: searchableCaption(declaration, visibility),
        includeArchived,
        policeIntelligence: visibility.policeIntelligence,
      });
      const ids = found.slice(offset, offset + limit);
      const rows = ids.length
        ? await graph.read<{ record: EntityRecord }>(cypher.entitiesById, {
            ids,
            label,
            policeIntelligence: visibility.policeIntelligence,
          })
        : [];
      const byId = new Map(rows.map(({ record }) => [record.id, record]));
      const items = ids.flatMap((id) => {
        const record = byId.get(id);
        return record ? [present(declaration, record, visibility)] : [];
      });
      return { items, total: found.length };
    },

    update(id, { version, ...changes }, actor) {
      return change(id, version, actor, 'update', (current) => {
        checkConsistency({ ...current, ...changes });
        return { ...toGraph(changes), updatedBy: actor.username };
      });
    },

    archive(id, { reason, version }, actor) {
      return change(id, version, actor, 'archive', (current) => {
        if (current.archivedAt) throw conflict(`The ${declaration.title} is already archived`);
        return { ...declaration.onArchive, archivedAt: graphNow(), archiveReason: reason, updatedBy: actor.username };
      });
    },
  };
}

function withoutLock(record: EntityRecord): EntityRecord {
  const { _lock, ...rest } = record;
  return rest as EntityRecord;
}

/** Values as Neo4j stores them: declared dates as DATE; null kept, so that an update can clear a property. */
function graphProperties(declaration: AnyNodeDeclaration, values: Record<string, unknown>): Record<string, unknown> {
  const dates = new Set<string>(declaration.dates);
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, dates.has(key) && typeof value === 'string' ? graphDate(value) : value]),
  );
}
