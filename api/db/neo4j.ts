import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, {
  type DateTime,
  type Driver,
  isDate,
  isDateTime,
  isRetryableError,
  type ManagedTransaction,
  Neo4jError,
  type Session,
} from 'neo4j-driver';
import pRetry from 'p-retry';

/** The one door to Neo4j: every query in patmap goes through these functions. */

export interface GraphConnection {
  uri: string;
  user: string;
  password: string;
  database?: string | undefined;
  /** How many write transactions this process runs at once; the rest wait their turn (see `writeGate`). */
  writeSlots?: number;
}

/** Enough to keep Neo4j busy while one transaction holds the audit log's head (measured: see the README). */
export const defaultWriteSlots = 4;

export type Params = Record<string, unknown>;

export interface QueryOptions {
  /** Server-side transaction timeout. */
  timeoutMs?: number;
  /** The most rows a query may return; more is an error, never a silent cut. */
  maxRows?: number;
  /**
   * A write that answers many waiting requests at once (the audit log's group commit): it takes the next free write
   * slot ahead of the writes already waiting, since each of those answers one.
   */
  ahead?: boolean;
}

export interface GraphTransaction {
  run<Row>(query: string, params?: Params): Promise<Row[]>;
}

export interface ServerInfo {
  version: string;
  edition: string;
  address: string;
}

export interface Graph {
  /**
   * One read statement in a transaction of its own (routable to a follower in a cluster), retried on transient
   * errors as a managed transaction is.
   */
  read<Row>(query: string, params?: Params, options?: QueryOptions): Promise<Row[]>;
  /** A single write statement in its own transaction. */
  write<Row>(query: string, params?: Params, options?: QueryOptions): Promise<Row[]>;
  /** Several statements in one write transaction: all or nothing, retried on transient errors. */
  writeTransaction<T>(work: (tx: GraphTransaction) => Promise<T>, options?: QueryOptions): Promise<T>;
  serverInfo(): Promise<ServerInfo>;
  close(): Promise<void>;
}

const defaults = { timeoutMs: 15_000, maxRows: 50_000 } satisfies Required<Omit<QueryOptions, 'ahead'>>;

export class QueryLimitError extends Error {
  constructor(readonly maxRows: number) {
    super(`The query returned more than ${maxRows} rows`);
  }
}

export type DatabaseErrorKind = 'unavailable' | 'timeout' | 'constraint' | 'other';

/** What went wrong with the database, in terms the API can answer with. */
export function classifyDatabaseError(error: unknown): DatabaseErrorKind | undefined {
  // By name as well as class: a driver error can reach here from another copy of the driver's classes.
  const isDriverError =
    error instanceof Neo4jError ||
    (error instanceof Error && error.name === 'Neo4jError' && typeof (error as { code?: unknown }).code === 'string');
  // A socket cut while Neo4j stops can surface as a bare system error rather than a driver error.
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (!isDriverError) return isConnectionLoss(systemCode) ? 'unavailable' : undefined;
  const code = (error as { code: string }).code;
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return 'unavailable';
  // The driver's own words for a socket lost under a statement, which can reach here under another code (seen once
  // in CI as Neo4j stopped: "Failed to connect to server. … Caused by: write EPIPE", answered 500).
  if (driverConnectionLoss.test((error as Error).message)) return 'unavailable';
  // What is left after the driver's own retries of a transient error (a database going down, a leader lost).
  if (code.startsWith('Neo.TransientError.') || code.includes('DatabaseUnavailable')) return 'unavailable';
  if (code.includes('TransactionTimedOut') || code.includes('Terminated')) return 'timeout';
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return 'constraint';
  return 'other';
}

const connectionLossCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const driverConnectionLoss = /^(Failed to connect to server|Connection was closed by server|Connection lost)/;
const isConnectionLoss = (code: unknown) => typeof code === 'string' && connectionLossCodes.has(code);

/**
 * Lets write transactions in `slots` at a time, the rest in the order they came. Every change appends its audit
 * event under the log head's lock, so writes are serialised there anyway; a hundred of them queueing inside Neo4j
 * for that lock were served in no order (some waited seconds while later ones went through) and the waiting cost
 * Neo4j CPU. Waiting here is first come, first served and costs nothing. A write started inside another (a
 * service calling one that writes) goes straight through, so the gate cannot wait on itself; and one kept waiting
 * longer than `maxWaitMs` goes through without a slot, so a slow transaction slows the others but never stops them.
 */
export function writeGate(slots: number, maxWaitMs: number) {
  if (!Number.isInteger(slots) || slots < 1)
    throw new Error(`writeSlots must be a whole number of at least 1, not ${slots}`);
  const inside = new AsyncLocalStorage<true>();
  const waiting: (() => void)[] = [];
  let running = 0;
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  /** Waits for a slot (first in line when `ahead`); true if one was given, false if the wait ran out. */
  const slot = (ahead: boolean) =>
    new Promise<boolean>((resolve) => {
      const given = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(given), 1);
        resolve(false);
      }, maxWaitMs);
      if (ahead) waiting.unshift(given);
      else waiting.push(given);
    });
  return {
    async through<T>(work: () => Promise<T>, { ahead = false } = {}): Promise<T> {
      if (inside.getStore()) return work();
      let held = running < slots;
      if (held) running += 1;
      else held = await slot(ahead);
      try {
        return await inside.run(true, work);
      } finally {
        if (held) release();
      }
    },
    /** Writes running and waiting, for tests. */
    state: () => ({ running, waiting: waiting.length }),
  };
}

/** How long the driver's managed transactions, and the reads beside them, keep retrying a transient error. */
const maxRetryTimeMs = 5_000;

export function connectGraph(connection: GraphConnection): Graph {
  const driver: Driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: maxRetryTimeMs,
    // No usage statistics to the server, as the local Neo4j sends none on (udc_enabled is off there).
    telemetryDisabled: true,
    logging: { level: 'error', logger: () => undefined },
  });
  const sessionFor = (mode: 'READ' | 'WRITE'): Session =>
    driver.session({
      database: connection.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });

  const runIn =
    (tx: ManagedTransaction, maxRows: number) =>
    async <Row>(query: string, params: Params = {}): Promise<Row[]> => {
      const result = await tx.run(query, params);
      if (result.records.length > maxRows) throw new QueryLimitError(maxRows);
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    };

  async function inSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: GraphTransaction) => Promise<T>,
    options: QueryOptions,
  ): Promise<T> {
    const { timeoutMs, maxRows } = { ...defaults, ...options };
    const session = sessionFor(mode);
    try {
      const config = { timeout: timeoutMs };
      const unit = (tx: ManagedTransaction) => work({ run: runIn(tx, maxRows) });
      return mode === 'READ' ? await session.executeRead(unit, config) : await session.executeWrite(unit, config);
    } finally {
      await session.close();
    }
  }

  /**
   * One write statement in a managed transaction of its own, through the driver's `executeQuery`: retried on
   * transient errors like `executeWrite`, but BEGIN goes out with the statement instead of a round trip ahead of
   * it. No bookmarks, as for the sessions above: one server, and nothing reads across sessions causally.
   */
  async function singleWrite<Row>(query: string, params: Params, options: QueryOptions) {
    const { timeoutMs, maxRows } = { ...defaults, ...options };
    const { records } = await driver.executeQuery(query, params, {
      database: connection.database,
      routing: neo4j.routing.WRITE,
      bookmarkManager: null,
      transactionConfig: { timeout: timeoutMs },
    });
    if (records.length > maxRows) throw new QueryLimitError(maxRows);
    return records.map((record) => toPlain(record.toObject()) as Row);
  }

  /**
   * One read statement as an auto-commit transaction: RUN and PULL in one round trip, with no BEGIN and COMMIT
   * around them. Measured at 20 callers at once on the 10k network: the app's CPU for `RETURN 1` 314-368 µs against
   * 580-591 through `executeQuery`'s managed transaction, and Neo4j's 226-250 µs against 476-505 (see the README's
   * Load test). What a managed transaction adds is its retries, so they are here too: on the errors it retries
   * (`isRetryableError`: the server unavailable, a session expired, a transient error), after 1 s and then twice as
   * long each time, with some randomness, for up to the same 5 s. A statement that only reads can be run again.
   */
  async function autoCommitRead<Row>(query: string, params: Params, options: QueryOptions): Promise<Row[]> {
    const { timeoutMs, maxRows } = { ...defaults, ...options };
    const attempt = async () => {
      const session = sessionFor('READ');
      try {
        const { records } = await session.run(query, params, { timeout: timeoutMs });
        if (records.length > maxRows) throw new QueryLimitError(maxRows);
        return records.map((record) => toPlain(record.toObject()) as Row);
      } finally {
        await session.close();
      }
    };
    return pRetry(attempt, {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 1_000,
      factor: 2,
      randomize: true,
      maxRetryTime: maxRetryTimeMs,
      shouldRetry: ({ error }) => isRetryableError(error),
    });
  }

  // A write waits for its slot no longer than its own timeout would let it run.
  const writes = writeGate(connection.writeSlots ?? defaultWriteSlots, defaults.timeoutMs);

  return {
    read: (query, params = {}, options = {}) => autoCommitRead(query, params, options),
    write: (query, params = {}, options = {}) => writes.through(() => singleWrite(query, params, options), options),
    writeTransaction: (work, options = {}) => writes.through(() => inSession('WRITE', work, options), options),
    async serverInfo() {
      const info = await driver.getServerInfo({ database: connection.database });
      const [component] = await inSession<{ version: string; edition: string }[]>(
        'READ',
        (tx) => tx.run('CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition'),
        { timeoutMs: 5_000 },
      );
      return {
        version: component?.version ?? 'unknown',
        edition: component?.edition ?? 'unknown',
        address: info.address ?? '',
      };
    },
    close: () => driver.close(),
  };
}

/**
 * A map read through graph-schema's `plainProjection`, without the temporal properties its record does not have
 * (null there, where the map projection `.*` leaves an absent property out; Neo4j stores no nulls).
 */
export function withoutNulls<T extends object>(map: T): T {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) if (value !== null) kept[key] = value;
  return kept as T;
}

/** A calendar date as Neo4j stores it, from YYYY-MM-DD. */
export function graphDate(isoDate: string): unknown {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new neo4j.types.Date(year ?? 0, month ?? 0, day ?? 0);
}

/** The current instant as a Neo4j DATETIME. */
export function graphNow(): unknown {
  return neo4j.types.DateTime.fromStandardDate(new Date());
}

/** Neo4j values as plain JSON-friendly values: temporals become ISO strings, nodes their properties. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Every row passes through here: the common cases first, and no arrays made just to rebuild an object.
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isDate(value)) return value.toString();
  if (isDateTime(value)) return instantOf(value);
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  const plain: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) plain[key] = toPlain(entry);
  return plain;
}

/**
 * A DATETIME with an offset as an ISO instant in UTC, from its fields in plain numbers: the driver's own
 * `toStandardDate` works through its 64-bit Integer emulation, which was a few per cent of the app's CPU under load.
 */
function instantOf(value: DateTime): string {
  if (value.timeZoneOffsetSeconds == null) return value.toStandardDate().toISOString(); // a named zone only
  const at = new Date(0);
  at.setUTCFullYear(Number(value.year), Number(value.month) - 1, Number(value.day));
  at.setUTCHours(
    Number(value.hour),
    Number(value.minute),
    Number(value.second) - Number(value.timeZoneOffsetSeconds),
    Math.floor(Number(value.nanosecond) / 1e6),
  );
  return at.toISOString();
}
