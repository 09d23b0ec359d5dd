import { createHash } from 'node:crypto';
import type { Graph, GraphTransaction } from '../db/neo4j.ts';
import * as cypher from './audit.cypher.ts';

export const auditActions = [
  'sign-in',
  'sign-in-failed',
  'sign-in-blocked',
  'sign-out',
  'view',
  'search',
  'create',
  'update',
  'archive',
  'delete',
  'reveal',
  'denied',
  'export',
  'analysis',
  'user-create',
  'user-update',
  'data-reload',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** One thing to record: who did what, to what, and why. */
export interface AuditEntry {
  action: AuditAction;
  username: string;
  role?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  reason?: string | undefined;
  /** Before and after values, search terms, parameters: stored as JSON. */
  details?: unknown;
  /** The details hold police-only intelligence or a young person's identity: shown only to those who may see both. */
  restricted?: boolean;
  address?: string | undefined;
}

export interface AuditEvent {
  seq: number;
  at: string;
  username: string;
  role: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  details: string | null;
  address: string | null;
  restricted: boolean;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/** The hash that seals an event: over its fields in a fixed order and the previous event's hash. */
export function eventHash(event: Omit<AuditEvent, 'hash'>): string {
  const fields = [
    event.seq,
    event.at,
    event.username,
    event.role,
    event.action,
    event.subjectType,
    event.subjectId,
    event.reason,
    event.details,
    event.address,
    event.restricted === true,
    event.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Appends an event inside the caller's transaction, so a change and its audit commit or fail together. */
export async function appendAudit(tx: GraphTransaction, entry: AuditEntry): Promise<void> {
  const [head] = await tx.run<{ seq: number; hash: string }>(cypher.lockHead, { genesis: genesisHash });
  const unsealed: Omit<AuditEvent, 'hash'> = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    username: entry.username,
    role: entry.role ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    reason: entry.reason ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    address: entry.address ?? null,
    restricted: entry.restricted === true,
    prevHash: head?.hash ?? genesisHash,
  };
  await tx.run(cypher.appendEvent, { event: { ...unsealed, hash: eventHash(unsealed) } });
}

export interface AuditQuery {
  username?: string | undefined;
  action?: string | undefined;
  subjectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export type ChainCheck =
  | { intact: true; events: number }
  | { intact: false; events: number; firstBreak: { seq: number; problem: string } };

export function auditService(graph: Graph) {
  return {
    record: (entry: AuditEntry) => graph.writeTransaction((tx) => appendAudit(tx, entry)),

    async search(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
      const [page] = await graph.read<{ items: AuditEvent[]; total: number }>(cypher.searchEvents, {
        username: query.username ?? null,
        action: query.action ?? null,
        subjectId: query.subjectId ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        limit: query.limit,
        offset: query.offset,
      });
      return page ?? { items: [], total: 0 };
    },

    /**
     * Walks the chain from the first event to the head as it stood when the check began (events appended
     * meanwhile are left for the next check), and reports the first event that does not fit.
     */
    async verify(): Promise<ChainCheck> {
      const [head] = await graph.read<{ seq: number | null; hash: string | null }>(cypher.head);
      const last = head?.seq ?? 0;
      let previous = genesisHash;
      let expectedSeq = 1;
      while (expectedSeq <= last) {
        const rows = await graph.read<{ event: AuditEvent }>(cypher.eventsFrom, {
          after: expectedSeq - 1,
          limit: Math.min(1000, last - expectedSeq + 1),
        });
        if (rows.length === 0) break;
        for (const { event } of rows) {
          const { hash, ...unsealed } = event;
          const problem =
            event.seq !== expectedSeq
              ? `event ${expectedSeq} is missing`
              : event.prevHash !== previous
                ? 'its previous-hash does not match the event before it'
                : eventHash(unsealed) !== hash
                  ? 'its content does not match its hash (it was changed)'
                  : undefined;
          if (problem) return { intact: false, events: expectedSeq - 1, firstBreak: { seq: expectedSeq, problem } };
          previous = hash;
          expectedSeq += 1;
        }
      }
      const events = expectedSeq - 1;
      if (events !== last || (head?.hash ?? genesisHash) !== previous) {
        return { intact: false, events, firstBreak: { seq: events + 1, problem: 'it was removed' } };
      }
      return { intact: true, events };
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
