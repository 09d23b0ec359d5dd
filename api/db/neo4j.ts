import neo4j, {
  type Driver,
  isDate,
  isDateTime,
  type ManagedTransaction,
  Neo4jError,
  type Session,
} from 'neo4j-driver';

/** The one door to Neo4j: every query in patmap goes through these functions. */

export interface GraphConnection {
  uri: string;
  user: string;
  password: string;
  database?: string | undefined;
}

export type Params = Record<string, unknown>;

export interface QueryOptions {
  /** Server-side transaction timeout. */
  timeoutMs?: number;
  /** The most rows a query may return; more is an error, never a silent cut. */
  maxRows?: number;
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
  /** A read transaction (routable to a follower in a cluster). */
  read<Row>(query: string, params?: Params, options?: QueryOptions): Promise<Row[]>;
  /** A single write statement in its own transaction. */
  write<Row>(query: string, params?: Params, options?: QueryOptions): Promise<Row[]>;
  /** Several statements in one write transaction: all or nothing, retried on transient errors. */
  writeTransaction<T>(work: (tx: GraphTransaction) => Promise<T>, options?: QueryOptions): Promise<T>;
  serverInfo(): Promise<ServerInfo>;
  close(): Promise<void>;
}

const defaults = { timeoutMs: 15_000, maxRows: 50_000 } satisfies Required<QueryOptions>;

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
  // What is left after the driver's own retries of a transient error (a database going down, a leader lost).
  if (code.startsWith('Neo.TransientError.') || code.includes('DatabaseUnavailable')) return 'unavailable';
  if (code.includes('TransactionTimedOut') || code.includes('Terminated')) return 'timeout';
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return 'constraint';
  return 'other';
}

const connectionLossCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const isConnectionLoss = (code: unknown) => typeof code === 'string' && connectionLossCodes.has(code);

export function connectGraph(connection: GraphConnection): Graph {
  const driver: Driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5_000,
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

  return {
    read: (query, params, options = {}) => inSession('READ', (tx) => tx.run(query, params), options),
    write: (query, params, options = {}) => inSession('WRITE', (tx) => tx.run(query, params), options),
    writeTransaction: (work, options = {}) => inSession('WRITE', work, options),
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
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isDate(value)) return value.toString();
  if (isDateTime(value)) return value.toStandardDate().toISOString();
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}
