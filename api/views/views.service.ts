import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/viewer.ts';
import type { Graph } from '../db/neo4j.ts';
import { conflict, notFound } from '../http/errors.ts';
import { type ViewState, viewState } from './view-state.ts';
import * as cypher from './views.cypher.ts';

export interface SavedViewSummary {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
}

export interface SavedView extends SavedViewSummary {
  state: ViewState;
  createdAt: string;
}

type StoredView = Omit<SavedView, 'state'> & { state: string };

/** The state is kept as one JSON property; it was checked on the way in and is checked again on the way out. */
const fromStored = ({ state, ...view }: StoredView): SavedView => ({
  ...view,
  state: viewState.parse(JSON.parse(state)),
});

const auditOf = (actor: Actor, id: string) => ({
  username: actor.username,
  role: actor.role,
  subjectType: 'SavedView',
  subjectId: id,
});

/** Saved chart views, per user: each user sees, changes and deletes their own only. */
export function viewsService(graph: Graph) {
  return {
    async list(owner: Actor, limit: number): Promise<SavedViewSummary[]> {
      const rows = await graph.read<{ view: SavedViewSummary }>(cypher.listViews, { owner: owner.username, limit });
      return rows.map((row) => row.view);
    },

    async get(id: string, owner: Actor): Promise<SavedView> {
      const [row] = await graph.read<{ view: StoredView }>(cypher.getView, { id, owner: owner.username });
      if (!row) throw notFound('saved view', id);
      return fromStored(row.view);
    },

    async create(input: { name: string; state: ViewState }, owner: Actor): Promise<SavedView> {
      return graph.writeTransaction(async (tx) => {
        const [row] = await tx.run<{ view: StoredView }>(cypher.createView, {
          id: crypto.randomUUID(),
          owner: owner.username,
          name: input.name,
          state: JSON.stringify(input.state),
        });
        if (!row) throw new Error('Saving a view returned nothing');
        await appendAudit(tx, {
          ...auditOf(owner, row.view.id),
          action: 'create',
          details: { name: input.name, records: input.state.records.length },
        });
        return fromStored(row.view);
      });
    },

    async update(id: string, input: { name: string; state: ViewState; version: number }, owner: Actor) {
      return graph.writeTransaction(async (tx) => {
        const [locked] = await tx.run<{ version: number; name: string }>(cypher.lockView, {
          id,
          owner: owner.username,
        });
        if (!locked) throw notFound('saved view', id);
        if (locked.version !== input.version) {
          throw conflict(`The view was saved elsewhere since (now version ${locked.version})`, {
            currentVersion: locked.version,
          });
        }
        const [row] = await tx.run<{ view: StoredView }>(cypher.updateView, {
          id,
          owner: owner.username,
          name: input.name,
          state: JSON.stringify(input.state),
        });
        if (!row) throw notFound('saved view', id);
        await appendAudit(tx, {
          ...auditOf(owner, id),
          action: 'update',
          details: { before: { name: locked.name }, after: { name: input.name, records: input.state.records.length } },
        });
        return fromStored(row.view);
      });
    },

    async remove(id: string, owner: Actor): Promise<{ deleted: true }> {
      return graph.writeTransaction(async (tx) => {
        const [row] = await tx.run<{ name: string }>(cypher.deleteView, { id, owner: owner.username });
        if (!row) throw notFound('saved view', id);
        await appendAudit(tx, { ...auditOf(owner, id), action: 'delete', details: { name: row.name } });
        return { deleted: true as const };
      });
    },
  };
}

export type ViewsService = ReturnType<typeof viewsService>;
