import { readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../api/config.ts';
import { freePort, type LocalNeo4j, startLocalNeo4j } from '../../api/db/local-neo4j.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';
import { applySchema } from '../../api/db/schema.ts';
import * as importCypher from '../../api/transfer/import.cypher.ts';
import { importService } from '../../api/transfer/import.service.ts';
import { createDemoAccounts } from '../../seed/demo-accounts.ts';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * Faults on a Neo4j of this file's own (its own data folder and port), so that stopping and killing it disturbs no
 * other test: stopped, the API answers 503 and health says so; started again, the same app recovers by itself.
 */

type Row = Record<string, unknown> & { id: string; version: number };
type Health = { status: string; neo4j: { answering: boolean; error?: string } };
type ErrorBody = { error: { code: string; message: string } };

const dataDir = path.join(repoRoot, '.patmap', `test-faults-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
const password = `test-${crypto.randomUUID()}`;
let port: number;
let neo4j: LocalNeo4j | undefined;
let graph: Graph;
let api: TestApi;

const start = async () => {
  neo4j = await startLocalNeo4j({ dataDir, boltPort: port, password, heap: '512m', pageCache: '64m' });
};

/** The Neo4j JVM this file started, found by its own data folder: the only process given that folder. */
function neo4jPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('--data-dir');
      if (at >= 0 && args[at + 1] === dataDir) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`No Neo4j running on ${dataDir}`);
}

/** Asks until the answer passes CHECK (a bounded number of times, never against a clock). */
async function eventually<T>(ask: () => Promise<T>, check: (answer: T) => boolean, attempts = 120): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < attempts && !check(answer); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer = await ask();
  }
  return answer;
}

beforeAll(async () => {
  port = await freePort();
  await start();
  graph = connectGraph({ uri: neo4j?.uri ?? '', user: 'neo4j', password });
  await applySchema(graph);
  await createDemoAccounts(graph, inject('testPassword'));
  api = await startTestApi(graph);
}, 240_000);

afterAll(async () => {
  await api?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('Neo4j stops and comes back', () => {
  it('answers 503 with a clear error while Neo4j is down, health reports it, and the same app recovers', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    expect((await api.request<Health>('GET', '/api/health')).body.neo4j.answering).toBe(true);

    // Requests in flight while it stops: each is answered, with its data or with a 503, never a 500.
    const inFlight = Array.from({ length: 6 }, () => api.request<ErrorBody>('GET', `/api/young-people/${child.id}`));
    await neo4j?.stop();
    for (const answer of await Promise.all(inFlight)) expect([200, 503]).toContain(answer.status);

    const read = await api.request<ErrorBody>('GET', `/api/young-people/${child.id}`);
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('database_unavailable');
    expect(read.body.error.message).toMatch(/database is not answering/);
    const write = await api.request<ErrorBody>('PATCH', `/api/young-people/${child.id}`, {
      version: child.version,
      school: 'Test School While Down',
    });
    expect(write.status).toBe(503);
    const health = await api.request<Health>('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', neo4j: { answering: false } });

    await start();
    const back = await eventually(
      () => api.request<Health>('GET', '/api/health'),
      (answer) => answer.status === 200,
    );
    expect(back.body).toMatchObject({ status: 'ok', neo4j: { answering: true } });
    const again = await api.request<Row>('GET', `/api/young-people/${child.id}`);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const patched = await api.request<Row>('PATCH', `/api/young-people/${child.id}`, {
      version: 1,
      school: 'Test School After',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
  }, 240_000);

  it('retries a transaction that hit a transient error (a deadlock) through the managed transaction', async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    await graph.write('CREATE (:FaultProbe {id: $a, n: 0}), (:FaultProbe {id: $b, n: 0})', { a, b });
    let attempts = 0;
    let firstLocked = 0;
    let release: () => void = () => undefined;
    const bothLocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Each takes one node's lock, waits until the other holds the other node's, then asks for it: a deadlock
    // Neo4j breaks by failing one with a transient error, which the driver runs again.
    const lockInOrder = (first: string, second: string) =>
      graph.writeTransaction(async (tx) => {
        attempts += 1;
        await tx.run('MATCH (p:FaultProbe {id: $id}) SET p.n = p.n + 1', { id: first });
        firstLocked += 1;
        if (firstLocked === 2) release();
        await bothLocked;
        await tx.run('MATCH (p:FaultProbe {id: $id}) SET p.n = p.n + 1', { id: second });
      });
    await Promise.all([lockInOrder(a, b), lockInOrder(b, a)]);
    expect(attempts).toBeGreaterThanOrEqual(3);
    const counts = await graph.read<{ n: number }>('MATCH (p:FaultProbe) WHERE p.id IN [$a, $b] RETURN p.n AS n', {
      a,
      b,
    });
    // Both transactions committed once each: every node counted twice, not three times.
    expect(counts.map((c) => c.n)).toEqual([2, 2]);
  }, 120_000);

  it('after SIGKILL during a write transaction, the write is wholly absent and a committed one wholly there', async () => {
    const committed = crypto.randomUUID();
    const killed = crypto.randomUUID();
    const batch = Array.from({ length: 500 }, (_, i) => i);
    await graph.writeTransaction(async (tx) => {
      for (let round = 0; round < 4; round++) {
        await tx.run('UNWIND $batch AS i CREATE (:FaultProbe {tag: $tag, round: $round, i: i})', {
          batch,
          tag: committed,
          round,
        });
      }
    });

    let killedNow = false;
    const pid = neo4jPid();
    const inFlight = graph.writeTransaction(async (tx) => {
      for (let round = 0; round < 20; round++) {
        await tx.run('UNWIND $batch AS i CREATE (:FaultProbe {tag: $tag, round: $round, i: i})', {
          batch,
          tag: killed,
          round,
        });
        // Half-way through the first attempt, the database process dies.
        if (round === 5 && !killedNow) {
          killedNow = true;
          process.kill(pid, 'SIGKILL');
        }
      }
    });
    await expect(inFlight).rejects.toThrow();
    expect(killedNow).toBe(true);
    await neo4j?.stop();

    await start();
    const counts = await eventually(
      () =>
        graph
          .read<{ committed: number; killed: number }>(
            `MATCH (p:FaultProbe) WHERE p.tag IN [$committed, $killed]
             RETURN count(CASE WHEN p.tag = $committed THEN 1 END) AS committed,
               count(CASE WHEN p.tag = $killed THEN 1 END) AS killed`,
            { committed, killed },
          )
          .catch(() => []),
      (rows) => rows.length === 1,
    );
    expect(counts).toEqual([{ committed: 2000, killed: 0 }]);
  }, 240_000);
  it('after SIGKILL during an import, the import is wholly absent; run again, it is wholly there', async () => {
    // A reference is two to five capitals, a dash and digits: this run's own capitals, then the row.
    const letters = Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
    const tag = `F${letters}-`;
    const lines = Array.from({ length: 500 }, (_, i) => `${tag}${i},Test Fault Child ${tag}${i},2`);
    const request = {
      files: [{ name: 'young-people.csv', text: `reference,name,levelOfConcern\n${lines.join('\n')}\n`, mapping: {} }],
    };
    const actor = { username: 'analyst', role: 'analyst' as const };
    const imported = () =>
      graph.read<{ records: number; events: number }>(
        `OPTIONAL MATCH (n:YoungPerson) WHERE n.reference STARTS WITH $tag
         WITH count(n) AS records
         OPTIONAL MATCH (e:AuditEvent) WHERE e.subjectType = 'YoungPerson' AND e.details CONTAINS $tag
         RETURN records, count(e) AS events`,
        { tag },
      );

    // The import's own code, through a graph that kills the database once the records are written in its
    // transaction and before the next statement (the audit events, the commit) runs.
    let killedNow = false;
    let recordsWritten = false;
    const pid = neo4jPid();
    const killing: Graph = {
      ...graph,
      writeTransaction: (work, options) =>
        graph.writeTransaction(
          (tx) =>
            work({
              run: async (query, params) => {
                if (recordsWritten && !killedNow) {
                  killedNow = true;
                  process.kill(pid, 'SIGKILL');
                }
                const rows = await tx.run(query, params);
                if (query === importCypher.createRecords) recordsWritten = true;
                return rows as never;
              },
            }),
          options,
        ),
    };
    await expect(importService(killing).commit(request, actor)).rejects.toThrow();
    expect(killedNow).toBe(true);
    await neo4j?.stop();

    await start();
    const after = await eventually(
      () => imported().catch(() => []),
      (rows) => rows.length === 1,
    );
    expect(after).toEqual([{ records: 0, events: 0 }]);

    const again = await importService(graph).commit(request, actor);
    expect(again.summary).toMatchObject({ create: 500, reject: 0 });
    // Under the 1,000 writes past which one summary event stands for the import, each record has its own.
    expect(await imported()).toEqual([{ records: 500, events: 500 }]);
  }, 240_000);
});

/**
 * A TCP proxy in front of Neo4j that can cut the connection a statement arrives on: the driver then loses its
 * connection in the middle of a read, as it does when a network or a server fails.
 */
async function cuttingProxy(target: URL) {
  let armed: string | undefined;
  const stats = { connections: 0, cuts: 0 };
  const server = net.createServer((client) => {
    stats.connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    client.on('data', (chunk) => {
      if (armed && chunk.includes(armed)) {
        armed = undefined;
        stats.cuts += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    uri: `bolt://127.0.0.1:${port}`,
    stats,
    /** The next statement whose text holds `marker` cuts the connection it came on, before Neo4j sees it. */
    arm: (marker: string) => {
      armed = marker;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a connection lost under a read', () => {
  it('runs the read again on a new connection, as a managed transaction would, and answers', async () => {
    const proxy = await cuttingProxy(new URL(neo4j?.uri ?? ''));
    const viaProxy = connectGraph({ uri: proxy.uri, user: 'neo4j', password });
    try {
      const id = crypto.randomUUID();
      await viaProxy.write('CREATE (:FaultProbe {id: $id, n: 42})', { id });
      const connectionsBefore = proxy.stats.connections;
      proxy.arm('RETURN p.n AS n');
      const rows = await viaProxy.read<{ n: number }>('MATCH (p:FaultProbe {id: $id}) RETURN p.n AS n', { id });
      expect(rows).toEqual([{ n: 42 }]);
      expect(proxy.stats.cuts).toBe(1);
      expect(proxy.stats.connections).toBeGreaterThan(connectionsBefore);
      // An error no retry can mend comes back at once, once.
      await expect(viaProxy.read('RETURN nosuchfunction(1)')).rejects.toMatchObject({
        code: 'Neo.ClientError.Statement.SyntaxError',
      });
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  }, 60_000);
});
