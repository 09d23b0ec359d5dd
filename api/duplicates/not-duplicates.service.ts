import { notDuplicate } from '../../graph-schema/casework/index.ts';
import { cypherForLabel } from '../../graph-schema/cypher.ts';
import { isNodeLabel, type NodeLabel, nodeDeclaration } from '../../graph-schema/index.ts';
import { present } from '../auth/pseudonymise.ts';
import { type Actor, type Visibility, visibilityOf } from '../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphNow } from '../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../operations/casework/casework-store.ts';
import { pairKey } from './duplicate-scorer.ts';
import * as cypher from './not-duplicates.cypher.ts';

type StoredRecord = Record<string, unknown> & { id: string; version: number };

/** Two records judged not to be one: left out of the proposals until the judgement is reversed. */
export interface NotDuplicate {
  decision: CaseworkNode & { reason?: string; reversedAt?: string; reversedBy?: string };
  records: [StoredRecord, StoredRecord];
}

export interface NotDuplicateInput {
  records: [string, string];
  reason?: string | undefined;
}

const store = caseworkStore(notDuplicate);

/** The standing decision that keeps the two apart, if there is one. */
export async function standingDecision(tx: GraphTransaction, first: string, second: string) {
  const [row] = await tx.run<{ decision: Record<string, unknown> }>(cypher.standingBetween, { first, second });
  return row ? store.fromGraph(row.decision) : undefined;
}

/** The pairs of one label kept apart, as the scorer's pair keys. */
export async function keptApart(graph: Graph, label: NodeLabel): Promise<Set<string>> {
  const rows = await graph.read<{ first: string; second: string }>(cypherForLabel(cypher.keptApart, label));
  return new Set(rows.map(({ first, second }) => pairKey(first, second)));
}

export function notDuplicatesService(graph: Graph) {
  const shown = (
    row: { decision: Record<string, unknown>; records: StoredRecord[]; label: string },
    visibility: Visibility,
  ): NotDuplicate => {
    const declaration = nodeDeclaration(row.label as NodeLabel);
    const records = row.records.map(({ _lock, ...record }) => present(declaration, record as StoredRecord, visibility));
    return {
      decision: presentCasework(notDuplicate, store.fromGraph(row.decision), visibility) as NotDuplicate['decision'],
      records: records as NotDuplicate['records'],
    };
  };

  async function get(tx: GraphTransaction, id: string, visibility: Visibility): Promise<NotDuplicate> {
    const [row] = await tx.run<{ decision: Record<string, unknown>; records: StoredRecord[]; label: string }>(
      cypher.getDecision,
      { id, policeIntelligence: visibility.policeIntelligence },
    );
    if (!row) throw notFound(notDuplicate.title, id);
    return shown(row, visibility);
  }

  return {
    /** Records that two records are not duplicates, under both records' write locks; 409 if already so judged. */
    decide(input: NotDuplicateInput, actor: Actor): Promise<NotDuplicate> {
      const [first, second] = input.records;
      if (first === second) throw badRequest('A record is not a duplicate of itself', { field: 'records' });
      const visibility = visibilityOf(actor);
      return graph.writeTransaction(async (tx) => {
        const locked = await tx.run<{ id: string; label: string }>(cypher.lockRecords, {
          ids: [first, second],
          policeIntelligence: visibility.policeIntelligence,
        });
        for (const id of [first, second]) {
          if (!locked.some((row) => row.id === id)) throw notFound('record', id);
        }
        const [a, b] = locked;
        if (!a || !b || a.label !== b.label || !isNodeLabel(a.label)) {
          throw badRequest(`Only records of one kind are compared: this is a ${a?.label} and a ${b?.label}`, {
            field: 'records',
          });
        }
        const standing = await standingDecision(tx, first, second);
        if (standing) throw conflict('These two are already judged not to be duplicates', { decision: standing });
        const decision = await store.create(
          tx,
          {
            properties: { reason: input.reason?.trim() || undefined },
            links: { CONCERNS: first, DISTINCT_FROM: second },
          },
          actor,
        );
        return get(tx, decision.id, visibility);
      });
    },

    /** The decisions about records of one label the viewer may see, newest first. */
    async list(
      options: { label: NodeLabel; includeReversed: boolean; limit: number },
      visibility: Visibility,
    ): Promise<NotDuplicate[]> {
      const rows = await graph.read<{ decision: Record<string, unknown>; records: StoredRecord[]; label: string }>(
        cypherForLabel(cypher.listDecisions, options.label),
        {
          includeReversed: options.includeReversed,
          limit: options.limit,
          policeIntelligence: visibility.policeIntelligence,
        },
      );
      return rows.map((row) => shown(row, visibility));
    },

    /** Reverses a decision (the two may be proposed, and merged, again); 409 when stale or already reversed. */
    reverse(id: string, version: number, actor: Actor): Promise<NotDuplicate> {
      const visibility = visibilityOf(actor);
      return graph.writeTransaction(async (tx) => {
        await get(tx, id, visibility);
        await store.update(
          tx,
          id,
          {
            version,
            changes: { reversedAt: graphNow(), reversedBy: actor.username },
            allow: (current) => {
              if (current.reversedAt) throw conflict('The decision is already reversed', { current });
            },
          },
          actor,
        );
        return get(tx, id, visibility);
      });
    },
  };
}

export type NotDuplicatesService = ReturnType<typeof notDuplicatesService>;
