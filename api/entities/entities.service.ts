import { cypherForLabel } from '../../graph-schema/cypher.ts';
import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import { type Graph, graphDate, graphNow } from '../db/neo4j.ts';
import { conflict, notFound } from '../http/errors.ts';
import * as cypher from './entities.cypher.ts';

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

/** Create, read, update, list and archive the records of one node label. */
export interface EntityService {
  create(input: Record<string, unknown>, actor: string): Promise<EntityRecord>;
  get(id: string): Promise<EntityRecord>;
  list(options: ListOptions): Promise<EntityPage>;
  update(id: string, changes: Record<string, unknown> & { version: number }, actor: string): Promise<EntityRecord>;
  archive(id: string, input: { reason: string; version: number }, actor: string): Promise<EntityRecord>;
}

export function entityService(graph: Graph, declaration: AnyNodeDeclaration): EntityService {
  const label = declaration.label;
  const toGraph = (values: Record<string, unknown>) => graphProperties(declaration, values);
  const listQuery = cypherForLabel(cypher.listEntities, label);

  /** Runs a change under the node's write lock, refusing it when the client's version is stale. */
  async function change(
    id: string,
    expectedVersion: number,
    changes: (current: EntityRecord) => Record<string, unknown>,
  ) {
    return graph.writeTransaction(async (tx) => {
      const [locked] = await tx.run<{ version: number; record: EntityRecord }>(cypher.lockEntity, { id, label });
      if (!locked) throw notFound(declaration.title, id);
      if (locked.version !== expectedVersion) {
        throw conflict(`The ${declaration.title} was changed by someone else (now version ${locked.version})`, {
          currentVersion: locked.version,
          current: withoutLock(locked.record),
        });
      }
      const [updated] = await tx.run<{ record: EntityRecord }>(cypher.updateEntity, {
        id,
        changes: changes(locked.record),
      });
      return withoutLock(updated?.record ?? locked.record);
    });
  }

  return {
    async create(input, actor) {
      const properties = { ...toGraph(input), id: crypto.randomUUID(), version: 1, createdBy: actor };
      const [row] = await graph.write<{ record: EntityRecord }>(cypher.createEntity, { label, properties });
      if (!row) throw new Error(`Creating a ${declaration.title} returned nothing`);
      return row.record;
    },

    async get(id) {
      const [row] = await graph.read<{ record: EntityRecord }>(cypher.getEntity, { id, label });
      if (!row) throw notFound(declaration.title, id);
      return row.record;
    },

    async list({ search, includeArchived, limit, offset }) {
      const [row] = await graph.read<EntityPage>(listQuery, {
        caption: declaration.caption,
        search: search ?? null,
        includeArchived,
        limit,
        offset,
      });
      return row ?? { items: [], total: 0 };
    },

    update(id, { version, ...changes }, actor) {
      return change(id, version, () => ({ ...toGraph(changes), updatedBy: actor }));
    },

    archive(id, { reason, version }, actor) {
      return change(id, version, (current) => {
        if (current.archivedAt) throw conflict(`The ${declaration.title} is already archived`);
        return { ...declaration.onArchive, archivedAt: graphNow(), archiveReason: reason, updatedBy: actor };
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
