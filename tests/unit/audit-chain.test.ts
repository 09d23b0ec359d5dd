import { afterEach, describe, expect, it } from 'vitest';
import * as cypher from '../../api/audit/audit.cypher.ts';
import { appendAudit, setAuditKey } from '../../api/audit/audit.service.ts';
import {
  type AuditEvent,
  checkChain,
  eventHash,
  genesisHash,
  keyCheck,
  keyedChain,
} from '../../api/audit/audit-chain.ts';
import type { GraphTransaction, Params } from '../../api/db/neo4j.ts';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);

const unsealed = (overrides: Partial<AuditEvent> = {}): Omit<AuditEvent, 'hash'> => ({
  seq: 1,
  at: '2026-11-28T10:00:00.000Z',
  username: 'analyst',
  role: 'analyst',
  action: 'search',
  subjectType: null,
  subjectId: null,
  reason: null,
  details: '{"q":"x"}',
  address: '127.0.0.1',
  restricted: false,
  prevHash: genesisHash,
  ...overrides,
});

/** Re-links and re-seals EVENTS in order from their first one's prevHash, as appendAudit (or a forger) would. */
function seal(events: Omit<AuditEvent, 'hash'>[], sealingKey: Buffer | undefined): AuditEvent[] {
  let previous = events[0]?.prevHash ?? genesisHash;
  return events.map((event) => {
    const linked = { ...event, prevHash: previous };
    const hash = eventHash(linked, sealingKey);
    previous = hash;
    return { ...linked, hash };
  });
}

/** A log of LENGTH events, keyed from `keyedFrom` on (events before it are from before the key). */
function log(length: number, options: { keyedFrom?: number } = {}): AuditEvent[] {
  const keyedFrom = options.keyedFrom ?? 1;
  const events = Array.from({ length }, (_, index) =>
    unsealed({
      seq: index + 1,
      at: `2026-11-28T10:00:${String(index).padStart(2, '0')}.000Z`,
      username: `user-${index + 1}`,
      ...(index + 1 >= keyedFrom ? { chain: keyedChain } : {}),
    }),
  );
  return seal(events, key);
}

/** What someone with database access but no key can do: change event SEQ and re-seal it and all after it. */
function forge(events: AuditEvent[], seq: number, options: { stripChain: boolean }): AuditEvent[] {
  const index = seq - 1;
  const rewritten = events
    .slice(index)
    .map(({ hash: _hash, ...event }) => (event.seq === seq ? { ...event, username: 'someone-else' } : event));
  // Without the key the forger can only use plain SHA-256: what eventHash does for an event with no chain.
  const resealed = seal(
    rewritten.map((event) => ({ ...event, chain: undefined })),
    undefined,
  );
  return [
    ...events.slice(0, index),
    ...resealed.map((event, offset) => (options.stripChain ? event : { ...event, chain: rewritten[offset]?.chain })),
  ];
}

async function* stream(events: AuditEvent[]) {
  yield* events;
}

const check = (events: AuditEvent[], options: { key: Buffer | undefined } = { key }) => {
  const last = events.at(-1);
  return checkChain(stream(events), {
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? genesisHash },
    key: options.key,
  });
};

describe('eventHash', () => {
  it('seals an event from before the key with plain SHA-256, exactly as before, whatever key is given', () => {
    const legacy = unsealed();
    const expected = '5a4ddaf9e39b7d250c73cbc09c26dbc419a136f3ebf5acd2717b382d1b464f74';
    expect(eventHash(legacy, undefined)).toBe(expected);
    expect(eventHash(legacy, key)).toBe(expected);
  });

  it('gives the same HMAC for the same event and key, and another for another key', () => {
    const event = unsealed({ chain: keyedChain });
    expect(eventHash(event, key)).toBe(eventHash({ ...event }, Buffer.from(key)));
    expect(eventHash(event, key)).not.toBe(eventHash(event, otherKey));
    expect(eventHash(event, key)).not.toBe(eventHash(unsealed(), key));
    expect(eventHash(event, key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('covers every field', () => {
    const event = unsealed({ chain: keyedChain });
    expect(eventHash({ ...event, username: 'police' }, key)).not.toBe(eventHash(event, key));
    expect(eventHash({ ...event, restricted: true }, key)).not.toBe(eventHash(event, key));
    expect(eventHash({ ...event, prevHash: 'f'.repeat(64) }, key)).not.toBe(eventHash(event, key));
  });

  it('refuses to seal a keyed event without a key', () => {
    expect(() => eventHash(unsealed({ chain: keyedChain }), undefined)).toThrow(/audit key/);
  });
});

describe('checkChain', () => {
  it('passes a keyed log, and an empty one', async () => {
    expect(await check(log(5))).toEqual({ intact: true, events: 5, unkeyed: 0, unkeyedUntil: null });
    expect(await check([])).toEqual({ intact: true, events: 0, unkeyed: 0, unkeyedUntil: null });
  });

  it('passes a log from before the key, with or without a key, and counts its unkeyed events', async () => {
    const legacy = log(4, { keyedFrom: 99 });
    const summary = { intact: true, events: 4, unkeyed: 4, unkeyedUntil: '2026-11-28T10:00:03.000Z' };
    expect(await check(legacy)).toEqual(summary);
    expect(await check(legacy, { key: undefined })).toEqual(summary);
    expect(await check(log(6, { keyedFrom: 4 }))).toEqual({
      intact: true,
      events: 6,
      unkeyed: 3,
      unkeyedUntil: '2026-11-28T10:00:02.000Z',
    });
  });

  it('finds a changed event from before the key', async () => {
    const events = log(6, { keyedFrom: 4 });
    const changed = events.map((event) => (event.seq === 2 ? { ...event, username: 'someone-else' } : event));
    expect(await check(changed)).toMatchObject({ intact: false, events: 1, firstBreak: { seq: 2, cause: 'changed' } });
  });

  it('finds a keyed event changed and re-sealed, with all after it, without the key', async () => {
    const forged = forge(log(8), 5, { stripChain: false });
    expect(await check(forged)).toMatchObject({ intact: false, events: 4, firstBreak: { seq: 5, cause: 'changed' } });
  });

  it('finds keyed events passed off as from before the key', async () => {
    const forged = forge(log(8), 5, { stripChain: true });
    expect(forged[4]?.chain).toBeUndefined();
    expect(await check(forged)).toMatchObject({
      intact: false,
      events: 4,
      firstBreak: { seq: 5, cause: 'downgraded' },
    });
  });

  it('says the key does not match rather than that the first keyed event was changed', async () => {
    expect(await check(log(5), { key: otherKey })).toMatchObject({
      intact: false,
      events: 0,
      firstBreak: { seq: 1, cause: 'key-mismatch', problem: expect.stringMatching(/audit key does not match/) },
    });
    expect(await check(log(6, { keyedFrom: 4 }), { key: otherKey })).toMatchObject({
      events: 3,
      firstBreak: { seq: 4, cause: 'key-mismatch' },
    });
  });

  it('still names a change to the first keyed event when the key is right', async () => {
    const events = log(5, { keyedFrom: 3 });
    const changed = events.map((event) => (event.seq === 3 ? { ...event, username: 'someone-else' } : event));
    expect(await check(changed)).toMatchObject({ firstBreak: { seq: 3, cause: 'changed' } });
  });

  it('cannot tell a wrong key from a change when only one event is keyed', async () => {
    expect(await check(log(3, { keyedFrom: 3 }), { key: otherKey })).toMatchObject({
      firstBreak: { seq: 3, cause: 'changed', problem: expect.stringMatching(/or the audit key is wrong/) },
    });
  });

  it('says the key is missing at the first keyed event', async () => {
    expect(await check(log(5, { keyedFrom: 3 }), { key: undefined })).toMatchObject({
      events: 2,
      firstBreak: { seq: 3, cause: 'key-missing', problem: expect.stringMatching(/PATMAP_AUDIT_KEY/) },
    });
  });

  it('finds a removed event, a removed newest event and a re-linked one', async () => {
    const events = log(5);
    expect(await check(events.filter((event) => event.seq !== 3))).toMatchObject({
      firstBreak: { seq: 3, cause: 'missing' },
    });
    const head = events.at(-1);
    const withoutNewest = checkChain(stream(events.slice(0, 4)), {
      head: { seq: head?.seq ?? 0, hash: head?.hash ?? '' },
      key,
    });
    expect(await withoutNewest).toMatchObject({ events: 4, firstBreak: { seq: 5, cause: 'removed' } });
    const relinked = events.map((event) => (event.seq === 4 ? { ...event, prevHash: genesisHash } : event));
    expect(await check(relinked)).toMatchObject({ firstBreak: { seq: 4, cause: 'relinked' } });
  });
});

describe('appendAudit', () => {
  afterEach(() => setAuditKey(undefined));

  /** A transaction whose audit head is HEAD; it keeps what appendAudit writes. */
  const transaction = (head: { seq: number; hash: string; keyCheck: string | null }) => {
    const written: Params[] = [];
    const tx: GraphTransaction = {
      async run<Row>(query: string, params: Params = {}) {
        if (query === cypher.lockHead) return [head] as Row[];
        written.push(params);
        return [];
      },
    };
    return { tx, written };
  };

  it('seals the new event with the key, marks it keyed, and keeps a check of the key on the head', async () => {
    setAuditKey(key);
    const { tx, written } = transaction({ seq: 4, hash: 'c'.repeat(64), keyCheck: null });
    await appendAudit(tx, { action: 'view', username: 'analyst', subjectId: 'yp-1' });
    const [{ events = [], last, keyCheck: check } = {}] = written as {
      events?: AuditEvent[];
      last?: AuditEvent;
      keyCheck?: string;
    }[];
    const [event] = events;
    expect(events).toHaveLength(1);
    expect(last).toEqual(event);
    expect(event).toMatchObject({ seq: 5, chain: keyedChain, prevHash: 'c'.repeat(64), subjectId: 'yp-1' });
    expect(event?.hash).toBe(event && eventHash(event, key));
    expect(check).toBe(keyCheck(key));
  });

  it('refuses to extend a log sealed with another key', async () => {
    setAuditKey(otherKey);
    const { tx, written } = transaction({ seq: 4, hash: 'c'.repeat(64), keyCheck: keyCheck(key) });
    await expect(appendAudit(tx, { action: 'view', username: 'analyst' })).rejects.toThrow(/not the one the audit log/);
    expect(written).toEqual([]);
  });

  it('keeps nothing of the key in its check but whether it matches', () => {
    expect(keyCheck(key)).toBe(keyCheck(Buffer.alloc(32, 7)));
    expect(keyCheck(key)).not.toBe(keyCheck(otherKey));
    expect(keyCheck(key)).not.toContain(key.toString('hex'));
  });
});
