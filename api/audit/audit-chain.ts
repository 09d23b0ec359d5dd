import { createHash, createHmac } from 'node:crypto';

/** The audit chain itself, without the database: how an event is sealed and how a run of events is checked. */

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
  /** `hmac-sha256` (sealed with the audit key); absent on events written before the key was introduced. */
  chain?: string | null | undefined;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/** The scheme every new event is sealed with. */
export const keyedChain = 'hmac-sha256';

const isKeyed = (event: Pick<AuditEvent, 'chain'>) => event.chain === keyedChain;

/**
 * The hash that seals an event: over its fields in a fixed order and the previous event's hash; an HMAC under
 * the audit key when the event says it is keyed, plain SHA-256 for events from before the key.
 */
export function eventHash(event: Omit<AuditEvent, 'hash'>, key: Buffer | undefined): string {
  const fields = JSON.stringify([
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
  ]);
  if (!isKeyed(event)) return createHash('sha256').update(fields).digest('hex');
  if (key === undefined) throw new Error('A keyed audit event needs the audit key');
  return createHmac('sha256', key).update(fields).digest('hex');
}

/**
 * A value that tells whether a key is the one a log was sealed with, and nothing else about it: kept on the head
 * so that a process given the wrong key refuses to append rather than seal events no one can verify.
 */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('patmap audit key check').digest('hex');
}

export const chainBreakCauses = [
  'missing',
  'relinked',
  'changed',
  'downgraded',
  'removed',
  'key-missing',
  'key-mismatch',
] as const;
export type ChainBreakCause = (typeof chainBreakCauses)[number];

export interface ChainBreak {
  seq: number;
  cause: ChainBreakCause;
  problem: string;
}

/**
 * `events` counts the events found intact; `unkeyed` how many of those predate the key (plain SHA-256), and
 * `unkeyedUntil` when the last of them was written: later than the upgrade means the keyed events were rewritten.
 */
export interface ChainSummary {
  events: number;
  unkeyed: number;
  unkeyedUntil: string | null;
}

export type ChainCheck = ({ intact: true } | { intact: false; firstBreak: ChainBreak }) & ChainSummary;

export interface ChainCheckOptions {
  /** The head as it stood when the check began: the events should run from 1 to its seq and end in its hash. */
  head: { seq: number; hash: string };
  /** Undefined when there is none: events from before the key still verify, keyed ones cannot. */
  key: Buffer | undefined;
}

/** Walks EVENTS (in seq order from 1) and reports the first one that does not fit. */
export async function checkChain(events: AsyncIterable<AuditEvent>, options: ChainCheckOptions): Promise<ChainCheck> {
  const { head, key } = options;
  const iterator = events[Symbol.asyncIterator]();
  let previous = genesisHash;
  let intact = 0;
  let unkeyed = 0;
  let unkeyedUntil: string | null = null;
  let keyedSeen = false;
  const broken = (cause: ChainBreakCause, problem: string): ChainCheck => ({
    intact: false,
    events: intact,
    unkeyed,
    unkeyedUntil,
    firstBreak: { seq: intact + 1, cause, problem },
  });

  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    const event = step.value;
    const expectedSeq = intact + 1;
    if (event.seq !== expectedSeq) return broken('missing', `event ${expectedSeq} is missing`);
    if (event.prevHash !== previous) {
      return broken('relinked', 'its previous-hash does not match the event before it');
    }
    if (isKeyed(event) && key === undefined) {
      return broken(
        'key-missing',
        'it is sealed with the audit key, and there is none here: set PATMAP_AUDIT_KEY or restore audit.key',
      );
    }
    if (!isKeyed(event) && event.chain != null) return broken('changed', 'it names an unknown chain scheme');
    if (!isKeyed(event) && keyedSeen) {
      // Once the key is in use every event is keyed: an unkeyed one after it was re-sealed without the key.
      return broken(
        'downgraded',
        'it is not sealed with the audit key, though events before it are (it was rewritten)',
      );
    }
    if (eventHash(event, key) !== event.hash) {
      if (isKeyed(event) && !keyedSeen) {
        // With the wrong key every keyed event fails on its own; a changed event leaves the next one sound.
        const next = await iterator.next();
        if (next.done) {
          return broken('changed', 'its content does not match its hash: it was changed, or the audit key is wrong');
        }
        if (isKeyed(next.value) && eventHash(next.value, key) !== next.value.hash) {
          return broken(
            'key-mismatch',
            'the audit key does not match this log: its first two keyed events both fail with it (unless both were rewritten)',
          );
        }
      }
      return broken('changed', 'its content does not match its hash (it was changed)');
    }
    if (isKeyed(event)) {
      keyedSeen = true;
    } else {
      unkeyed += 1;
      unkeyedUntil = event.at;
    }
    previous = event.hash;
    intact = expectedSeq;
  }
  if (intact !== head.seq || head.hash !== previous) return broken('removed', 'it was removed');
  return { intact: true, events: intact, unkeyed, unkeyedUntil };
}
