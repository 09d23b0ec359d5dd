import { loadConfig } from '../config.ts';
import type { Graph, GraphTransaction, Params } from '../db/neo4j.ts';
import * as cypher from './audit.cypher.ts';
import {
  type AuditEvent,
  type ChainCheck,
  checkChain,
  eventHash,
  genesisHash,
  keyCheck,
  keyedChain,
} from './audit-chain.ts';
import { auditKeyFile, createAuditKeyFile, readAuditKeyFile } from './audit-key.ts';

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
  'merge',
  'reveal',
  'denied',
  'export',
  'analysis',
  'user-create',
  'user-update',
  'data-reload',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * The actions that change records or links. Every such change is audited in its own transaction, so these
 * events are a complete, ordered feed of changes (the analysis mirror reads it); a bulk load or wipe that
 * bypasses the services records `data-reload` once it has written everything.
 */
export const dataChangeActions = [
  'create',
  'update',
  'archive',
  'delete',
  'merge',
  'data-reload',
] as const satisfies readonly AuditAction[];

export interface DataChange {
  seq: number;
  action: (typeof dataChangeActions)[number];
  subjectType: string | null;
  subjectId: string | null;
}

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

let cachedKey: Buffer | undefined;

/**
 * The audit key: PATMAP_AUDIT_KEY, or else PATMAP_DATA_DIR/audit.key, read once per process. With `create`
 * a missing key file is made; without, a missing key is undefined.
 */
export function auditKey(options: { create: boolean }): Buffer | undefined {
  if (cachedKey) return cachedKey;
  const config = loadConfig();
  const file = auditKeyFile(config.PATMAP_DATA_DIR);
  cachedKey =
    config.PATMAP_AUDIT_KEY ?? readAuditKeyFile(file) ?? (options.create ? createAuditKeyFile(file) : undefined);
  return cachedKey;
}

/** Seals this process's audit events with KEY instead of the configured one (undefined: the configured one again). */
export function setAuditKey(key: Buffer | undefined): void {
  cachedKey = key;
}

type HeadKeyCheck = { keyCheck: string | null } | undefined;

/**
 * The key to seal new events with: made on first use; refused when the log is sealed with another key, or with one
 * that is missing here, since events sealed with a new key would leave every earlier one unverifiable.
 */
function sealingKey(head: HeadKeyCheck): Buffer {
  const sealedBefore = head?.keyCheck ?? null;
  const key = auditKey({ create: sealedBefore === null });
  const where = () => `PATMAP_AUDIT_KEY or ${auditKeyFile(loadConfig().PATMAP_DATA_DIR)}`;
  if (!key) throw new Error(`The audit log is sealed with a key that is missing here: restore it (${where()})`);
  if (sealedBefore !== null && sealedBefore !== keyCheck(key)) {
    throw new Error(`The audit key (${where()}) is not the one the audit log is sealed with`);
  }
  return key;
}

/**
 * Loads the audit key (making it on first start), so that a lost or wrong key stops start-up, not every action.
 * Returns where the key is kept, for the start-up message.
 */
export async function prepareAuditKey(graph: Graph): Promise<string> {
  const [head] = await graph.read<{ keyCheck: string | null }>(cypher.head);
  sealingKey(head);
  const config = loadConfig();
  return config.PATMAP_AUDIT_KEY ? 'PATMAP_AUDIT_KEY' : auditKeyFile(config.PATMAP_DATA_DIR);
}

/** Appends an event inside the caller's transaction, so a change and its audit commit or fail together. */
export async function appendAudit(tx: GraphTransaction, entry: AuditEntry): Promise<void> {
  await appendAuditEvents(tx, [entry]);
}

/** Where the chain ends: the last event's number and hash, and the check value of the key it is sealed with. */
interface ChainEnd {
  seq: number;
  hash: string;
  keyCheck: string;
}

/** Seals entries in order after `end`, with `key`: the events to append. */
function seal(entries: readonly AuditEntry[], end: { seq: number; hash: string }, key: Buffer): AuditEvent[] {
  let seq = end.seq;
  let prevHash = end.hash;
  const at = new Date().toISOString();
  return entries.map((entry) => {
    seq += 1;
    const unsealed: Omit<AuditEvent, 'hash'> = {
      seq,
      at,
      username: entry.username,
      role: entry.role ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      reason: entry.reason ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
      address: entry.address ?? null,
      restricted: entry.restricted === true,
      chain: keyedChain,
      prevHash,
    };
    const event = { ...unsealed, hash: eventHash(unsealed, key) };
    prevHash = event.hash;
    return event;
  });
}

/** The head as a transaction that holds its lock reads it. */
type HeadRow = { seq: number; hash: string; keyCheck: string | null };

/**
 * Where this process last left the chain (the chain's end after its last append, committed or about to be). New
 * events are sealed after it and appended in one statement that checks, under the head's lock, that the head is
 * still there (`appendEventsAfter`): one round trip instead of two, for every change and every group commit. It
 * is only a guess: another process, a transaction rolled back, a restore or a wiped test database leave the head
 * elsewhere, and then the head as it is comes back and the events are sealed again after it.
 */
let knownEnd: ChainEnd | undefined;

/**
 * Seals ENTRIES after the known end and appends them with one statement (run by RUN: in the caller's transaction,
 * or as one of its own) if the head is still there. Otherwise nothing is written, the known end becomes the head
 * as it is, and that comes back (undefined when there is no head yet or no end is known, or it is sealed with
 * another key).
 */
async function appendAfterKnownEnd(
  run: <Row>(query: string, params: Params) => Promise<Row[]>,
  entries: readonly AuditEntry[],
): Promise<{ end: ChainEnd } | { head: HeadRow | undefined }> {
  const after = knownEnd;
  const key = auditKey({ create: false });
  if (!after || !key || keyCheck(key) !== after.keyCheck) return { head: undefined };
  const events = seal(entries, after, key);
  const last = events.at(-1) as AuditEvent;
  const [row] = await run<HeadRow & { appended: number }>(cypher.appendEventsAfter, {
    after: { seq: after.seq, hash: after.hash },
    events,
    last: { seq: last.seq, hash: last.hash },
    keyCheck: after.keyCheck,
  });
  if (row && row.appended === events.length) {
    knownEnd = { seq: last.seq, hash: last.hash, keyCheck: after.keyCheck };
    return { end: knownEnd };
  }
  knownEnd = row?.keyCheck ? { seq: row.seq, hash: row.hash, keyCheck: row.keyCheck } : undefined;
  return { head: row };
}

/**
 * Appends events in the order given, under one take of the head's lock, inside the caller's transaction, and
 * returns where the chain now ends: after the known end in one statement when the head is still there, or else
 * after the head as it is, read under its lock.
 */
async function appendAuditEvents(tx: GraphTransaction, entries: readonly AuditEntry[]): Promise<ChainEnd> {
  const tried = await appendAfterKnownEnd(tx.run, entries);
  if ('end' in tried) return tried.end;
  // The head that came back is locked by this transaction now; with none, lockHead takes it (making it at first).
  const head = tried.head ?? (await tx.run<HeadRow>(cypher.lockHead, { genesis: genesisHash }))[0];
  const key = sealingKey(head);
  const events = seal(entries, { seq: head?.seq ?? 0, hash: head?.hash ?? genesisHash }, key);
  const last = events.at(-1) as AuditEvent;
  const check = keyCheck(key);
  await tx.run(cypher.appendEvents, { events, last, keyCheck: check });
  knownEnd = { seq: last.seq, hash: last.hash, keyCheck: check };
  return knownEnd;
}

/** The most events one commit of `record` takes. */
const maxGroupCommit = 200;

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records events that stand alone (a view, a search, an analysis: no change to commit with them) by group
 * commit: while one transaction appends, the events that arrive wait, and the next transaction appends them
 * all under one take of the head's lock. Each caller's promise settles when its own event is committed, so a
 * request is still answered only once its audit is written; under load many requests share one commit instead
 * of queueing for the head's lock one by one. If a group fails, its events are retried one by one, so one
 * event that cannot be written fails only its own request.
 */
function groupCommitter(graph: Graph) {
  const waiting: Waiting[] = [];
  let draining = false;
  /**
   * A group in one statement of its own after the known end (one round trip with its BEGIN, then the COMMIT); if
   * another transaction moved the head meanwhile, in a transaction that takes the head's lock.
   */
  const append = async (entries: readonly AuditEntry[]): Promise<void> => {
    const run = <Row>(query: string, params: Params) => graph.write<Row>(query, params, { ahead: true });
    if ('end' in (await appendAfterKnownEnd(run, entries))) return;
    await graph.writeTransaction((tx) => appendAuditEvents(tx, entries), { ahead: true });
  };

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, maxGroupCommit);
        try {
          await append(group.map((w) => w.entry));
          for (const w of group) w.resolve();
        } catch (error) {
          // Whatever happened, the head is read afresh next time.
          knownEnd = undefined;
          if (group.length === 1) {
            group[0]?.reject(error);
            continue;
          }
          for (const w of group) {
            await append([w.entry]).then(w.resolve, (e: unknown) => {
              knownEnd = undefined;
              w.reject(e);
            });
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  return (entry: AuditEntry): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ entry, resolve, reject });
      if (!draining) void drain();
    });
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

export function auditService(graph: Graph) {
  return {
    /** Records an event that stands alone; resolves once it is committed (see `groupCommitter`). */
    record: groupCommitter(graph),

    /** The latest event's number (0 before the first), and up to `limit` changes to records and links after `after`. */
    async changesSince(after: number, limit: number): Promise<{ head: number; changes: DataChange[] }> {
      const [row] = await graph.read<{ headSeq: number; changes: DataChange[] }>(cypher.changesSince, {
        after,
        limit,
        actions: dataChangeActions,
      });
      return { head: row?.headSeq ?? 0, changes: row?.changes ?? [] };
    },

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
      async function* eventsUpToHead() {
        let after = 0;
        while (after < last) {
          const rows = await graph.read<{ event: AuditEvent }>(cypher.eventsFrom, {
            after,
            limit: Math.min(1000, last - after),
          });
          if (rows.length === 0) return;
          for (const { event } of rows) yield event;
          after = rows.at(-1)?.event.seq ?? last;
        }
      }
      return checkChain(eventsUpToHead(), {
        head: { seq: last, hash: head?.hash ?? genesisHash },
        key: auditKey({ create: false }),
      });
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
