import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analysisMirror } from '../api/analysis/mirror/mirror-sync.ts';
import { auditService } from '../api/audit/audit.service.ts';
import { usersService } from '../api/auth/users.service.ts';
import { loadConfig, repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph, defaultWriteSlots, type Graph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';
import type { LoadPlan, MixName, ReadPath, RunResult } from './load-client.ts';
import { compilerThreadsCpuMs, processCpuMs, threadCpuBetween } from './proc-cpu.ts';
import { serveApp } from './serve.ts';
import { type StallReading, stallMonitor, timedGraph } from './stalls.ts';
import { markdownTable, ms } from './stats.ts';

/**
 * `npm run bench:load`: a Neo4j and the app of its own, the 10k-record synthetic network, then a load generator
 * in a second process with read, write and mixed loads at 10, 50 and 100 clients; prints a table of throughput,
 * latencies and errors, and checks that every write the app acknowledged is in the database.
 */

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    /** The most seconds of warm-up: rounds of mixed load until Neo4j's JIT compilers have settled. */
    warmup: { type: 'string', default: '300' },
    'think-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '10,50,100' },
    mixes: { type: 'string', default: 'read,write,mixed' },
    seed: { type: 'string', default: '7' },
    /** Only the reads whose kind contains one of these words (e.g. `--reads hotspots,slice`), to profile one. */
    reads: { type: 'string' },
    /** How many write transactions the app runs at once (see writeGate in api/db/neo4j.ts). */
    'write-slots': { type: 'string', default: String(defaultWriteSlots) },
    /** How often the mirror reads in changes in the background, as `npm start` does (0: only when asked). */
    'mirror-refresh-ms': { type: 'string', default: String(loadConfig({}).PATMAP_MIRROR_REFRESH_SECONDS * 1000) },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const thinkMs = Number(values['think-ms']);
const writeSlots = Number(values['write-slots']);
const mirrorRefreshMs = Number(values['mirror-refresh-ms']);
if (!(mirrorRefreshMs >= 0)) throw new Error('--mirror-refresh-ms takes a number of milliseconds, 0 for none');
const concurrencies = (values.concurrency ?? '').split(',').map(Number);
const mixes = (values.mixes ?? '').split(',') as MixName[];
if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--seconds must be a whole number of at least 1');
if (!Number.isFinite(thinkMs) || thinkMs < 0) throw new Error('--think-ms must be a number of milliseconds');
if (!Number.isInteger(warmupSeconds) || warmupSeconds < 0)
  throw new Error('--warmup must be a whole number of seconds');
if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency takes e.g. 10,50,100');
if (mixes.some((m) => !['read', 'write', 'mixed'].includes(m))) throw new Error('--mixes takes read, write, mixed');

const network10k = { youngPeople: 3_000, adults: 4_000, locations: 3_000, groups: 80 };
const password = `load-${crypto.randomUUID()}`;
const log = (line: string) => console.error(`[load] ${line}`);

async function signIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'load', password }),
  });
  const cookie = answer.headers.get('set-cookie')?.split(';')[0];
  if (answer.status !== 200 || !cookie) throw new Error(`load sign-in failed: ${answer.status}`);
  return cookie;
}

/** CPU time so far, in milliseconds: this process (the app), the Neo4j process and the load generator's. */
function cpuMs(neo4jPid: number | undefined, generatorPid: number | undefined) {
  const { user, system } = process.cpuUsage();
  return { app: (user + system) / 1000, neo4j: processCpuMs(neo4jPid), generator: processCpuMs(generatorPid) };
}

export interface MeasuredRun extends RunResult {
  /**
   * CPU milliseconds per request spent by the app, by Neo4j and by the load generator during the run: all
   * three share the machine's cores, so the generator's share is taken from what the app could have had.
   */
  cpuPerRequest: { app: number; neo4j: number; generator: number };
  /** What held requests up during the run besides queueing (see bench/stalls.ts). */
  stalls: StallReading;
}

/**
 * Runs the load generator as a second process and collects its results, one JSON line per run, each with the
 * CPU time the app and Neo4j spent on it (read when the line arrives, so the gap between runs counts too).
 */
function runClient(plan: LoadPlan, neo4jPid: number | undefined, stalls: Stalls): Promise<MeasuredRun[]> {
  const client = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-client.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', client], { stdio: ['pipe', 'pipe', 'inherit'] });
    let pending = '';
    const runs: MeasuredRun[] = [];
    let cpuBefore = cpuMs(neo4jPid, child.pid);
    stalls.take();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let end = pending.indexOf('\n');
      while (end >= 0) {
        const line = pending.slice(0, end).trim();
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
        if (!line) continue;
        const run = JSON.parse(line) as RunResult;
        const cpuNow = cpuMs(neo4jPid, child.pid);
        const perRequest = (spent: number) => spent / Math.max(1, run.requests);
        runs.push({
          ...run,
          cpuPerRequest: {
            app: perRequest(cpuNow.app - cpuBefore.app),
            neo4j: perRequest(cpuNow.neo4j - cpuBefore.neo4j),
            generator: perRequest(cpuNow.generator - cpuBefore.generator),
          },
          stalls: stalls.take(),
        });
        cpuBefore = cpuNow;
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
      else resolve(runs);
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

/** Warm-up rounds last this long; warming up stops once Neo4j's JIT compilers used less than `settledShare` of its CPU in one. */
const warmupRoundSeconds = 15;
const settledShare = 0.1;

type Stalls = ReturnType<typeof stallMonitor>;

/** Requests that got no answer or a non-2xx one, over some runs. */
const failures = (runs: readonly RunResult[]) => runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0);

interface WarmUp {
  seconds: number;
  /** The compilers' share of Neo4j's CPU in the last round. */
  compilerShare: number;
  settled: boolean;
  results: RunResult[];
}

/**
 * Mixed load, unreported, until Neo4j's JIT compilers have done their work, as in a Neo4j that has been running a
 * while. On two cores the JVM's C2 compiler was still taking 40-50 % of Neo4j's CPU a minute into the load, and
 * about a tenth after two: the fixed 15 s warm-up this replaces measured a Neo4j still compiling itself.
 */
async function warmUp(
  plan: LoadPlan,
  neo4jPid: number | undefined,
  stalls: Stalls,
  maxSeconds: number,
): Promise<WarmUp> {
  const clients = Math.min(50, plan.cookies.length);
  const warm: WarmUp = { seconds: 0, compilerShare: Number.NaN, settled: false, results: [] };
  for (let round = 1; warm.seconds < maxSeconds; round += 1) {
    const neo4jBefore = processCpuMs(neo4jPid);
    const compilersBefore = compilerThreadsCpuMs(neo4jPid);
    const seconds = Math.min(warmupRoundSeconds, maxSeconds - warm.seconds);
    const runs = await runClient(
      { ...plan, seconds, thinkMs: 0, mixes: ['mixed'], concurrencies: [clients] },
      neo4jPid,
      stalls,
    );
    warm.results.push(...runs);
    warm.seconds += seconds;
    const neo4jSpent = processCpuMs(neo4jPid) - neo4jBefore;
    warm.compilerShare = threadCpuBetween(compilersBefore, compilerThreadsCpuMs(neo4jPid)) / neo4jSpent;
    log(
      `warm-up round ${round} (mixed, ${clients} clients, ${seconds} s): ${runs[0]?.throughput.toFixed(0)} requests/s; ` +
        `Neo4j's JIT compilers took ${(100 * warm.compilerShare).toFixed(0)} % of its CPU`,
    );
    if (round >= 2 && warm.compilerShare < settledShare) {
      warm.settled = true;
      break;
    }
  }
  return warm;
}

/**
 * Every acknowledged write, looked for in the database: each acknowledged update by its audit event (written in
 * the same transaction as the change, so it is there exactly when the update is) and the record's version (never
 * behind it), and each acknowledged link by its id.
 */
async function lostWrites(graph: Graph, results: RunResult[]) {
  const updates = results.flatMap((r) => r.updates);
  const ids = [...new Set(updates.map((u) => u.id))];
  const events = await graph.read<{ id: string; details: string }>(
    "MATCH (e:AuditEvent {action: 'update'}) WHERE e.subjectId IN $ids RETURN e.subjectId AS id, e.details AS details",
    { ids },
    { maxRows: 10_000_000, timeoutMs: 300_000 },
  );
  const committed = new Set(
    events.map(({ id, details }) => {
      const after = (JSON.parse(details) as { after?: { version?: number; description?: string } }).after;
      return `${id}|${after?.version}|${after?.description}`;
    }),
  );
  const rows = await graph.read<{ id: string; version: number }>(
    'MATCH (p:PersonOfInterest) WHERE p.id IN $ids RETURN p.id AS id, p.version AS version',
    { ids },
  );
  const versions = new Map(rows.map((row) => [row.id, row.version]));
  const lostUpdates = updates.filter(
    (u) => !committed.has(`${u.id}|${u.version}|${u.description}`) || (versions.get(u.id) ?? 0) < u.version,
  ).length;
  const linkIds = results.flatMap((r) => r.links);
  const [found] = await graph.read<{ n: number }>(
    `UNWIND $ids AS id MATCH ()-[r:CONTROLS {id: id}]->() RETURN count(r) AS n`,
    { ids: linkIds },
    { maxRows: 1 },
  );
  return {
    updates: updates.length,
    lostUpdates,
    links: linkIds.length,
    lostLinks: linkIds.length - (found?.n ?? 0),
  };
}

/** Read latency by kind of read, one row per read run, so a slow kind shows itself. */
function readTable(results: RunResult[]): string {
  const reading = results.filter((r) => Object.keys(r.reads).length > 0);
  const kinds = [...new Set(reading.flatMap((r) => Object.keys(r.reads)))];
  return markdownTable(
    ['mix', 'clients', ...kinds.map((kind) => `${kind} p50 / p95`)],
    reading.map((r) => [
      r.mix,
      String(r.connections),
      ...kinds.map((kind) => {
        const l = r.reads[kind];
        return l ? `${ms(l.p50)} / ${ms(l.p95)}` : '–';
      }),
    ]),
  );
}

/**
 * Per run: how late the app's event loop ran, its collections, its Neo4j transactions and Neo4j's collector CPU, so
 * that a tail can be told from queueing (a busy machine) or a stall (a pause in one of these).
 */
function stallTable(results: MeasuredRun[]): string {
  return markdownTable(
    [
      'mix',
      'clients',
      'event loop delay p99 / max',
      'app GC: count, total, longest',
      'read tx: count, p95, max',
      'write tx: count, p95, max',
      'Neo4j GC CPU',
      'CPU stolen by the host',
    ],
    results.map(({ mix, connections, stalls: s }) => [
      mix,
      String(connections),
      `${ms(s.loopDelayP99)} / ${ms(s.loopDelayMax)}`,
      `${s.gcCount}, ${ms(s.gcMs)}, ${ms(s.gcMaxMs)}`,
      `${s.readTx.count}, ${ms(s.readTx.p95)}, ${ms(s.readTx.max)}`,
      `${s.writeTx.count}, ${ms(s.writeTx.p95)}, ${ms(s.writeTx.max)}`,
      Number.isNaN(s.neo4jGcCpuMs) ? '–' : ms(s.neo4jGcCpuMs),
      Number.isNaN(s.stolenMs) ? '–' : ms(s.stolenMs),
    ]),
  );
}

function table(results: MeasuredRun[]): string {
  const cell = (l: RunResult['latency']['read']) => (l ? `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}` : '–');
  return markdownTable(
    [
      'mix',
      'clients',
      'requests',
      'req/s',
      'read p50 / p95 / p99 ms',
      'write p50 / p95 / p99 ms',
      'CPU ms/request app / Neo4j / generator',
      'errors',
      'non-2xx',
    ],
    results.map((r) => [
      r.mix,
      String(r.connections),
      String(r.requests),
      r.throughput.toFixed(0),
      cell(r.latency.read),
      cell(r.latency.write),
      `${r.cpuPerRequest.app.toFixed(1)} / ${r.cpuPerRequest.neo4j.toFixed(1)} / ${r.cpuPerRequest.generator.toFixed(1)}`,
      String(r.errors),
      r.non2xx
        ? `${r.non2xx} (${Object.entries(r.statuses)
            .filter(([s]) => !s.startsWith('2'))
            .map(([s, n]) => `${n}×${s}`)
            .join(', ')})`
        : '0',
    ]),
  );
}

async function main(): Promise<void> {
  const dataDir = path.join(repoRoot, '.patmap', `bench-load-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const neo4jPassword = `neo4j-${crypto.randomUUID()}`;
  const neo4j = await startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    password: neo4jPassword,
    heap: '2g',
    log,
  });
  const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password: neo4jPassword, writeSlots });
  try {
    await applySchema(graph);
    const network = generateSynthetic({ ...network10k, seed: Number(values.seed) });
    log(
      `loading ${network.youngPeople.length + network.personsOfInterest.length + network.locations.length} records and ${network.links.length} links …`,
    );
    // Small batches: each is its own transaction, and must fit the default timeout on a busy machine.
    await loadSynthetic(graph, network, { batchSize: 1_000, concurrency: 1 });
    await usersService(graph).create({ username: 'load', role: 'police', password }, 'bench');
    // Many clients sign in from one address at once here: the login limiter is set for that crowd.
    // The app's transactions are timed, and its event loop and collections and Neo4j's watched, for the stalls table.
    const timed = timedGraph(graph);
    const stalls = stallMonitor(timed.times, neo4j.pid);
    const mirror = analysisMirror(timed.graph, auditService(timed.graph));
    const stopRefreshing =
      mirrorRefreshMs > 0
        ? mirror.keepCurrent(mirrorRefreshMs, (problem) => console.error(`[load] ${problem}`))
        : () => {};
    const app = await serveApp({
      graph: timed.graph,
      mirror,
      loginLimits: { perAccount: 10_000, perAddress: 10_000, windowSeconds: 60, lockoutSeconds: 1 },
    });
    try {
      const clients = Math.max(...concurrencies);
      const cookies: string[] = [];
      for (let i = 0; i < clients; i++) cookies.push(await signIn(app.url));
      const adults = network.personsOfInterest;
      const children = network.youngPeople;
      const pick = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length] as T;
      const readPaths: ReadPath[] = Array.from({ length: 200 }, (_, i) => {
        switch (i % 8) {
          case 0:
            return { kind: 'young person', path: `/api/young-people/${pick(children, i).id}` };
          case 1:
            return { kind: 'person of interest', path: `/api/persons-of-interest/${pick(adults, i).id}` };
          case 2: {
            const term = encodeURIComponent(`Adult ${String(i).padStart(3, '0')}`);
            return { kind: 'name search', path: `/api/persons-of-interest?search=${term}&limit=20` };
          }
          case 3:
            return { kind: "a record's links", path: `/api/links?entity=${pick(children, i).id}&limit=50` };
          case 4:
            return {
              kind: '1-hop neighbourhood',
              path: `/api/analysis/neighbourhood?ids=${pick(adults, i).id}&hops=1`,
            };
          case 5:
            return { kind: 'hotspots', path: '/api/analysis/hotspots?limit=20' };
          case 6:
            return { kind: 'shared adults', path: '/api/analysis/shared-adults?limit=20' };
          default: {
            const month = String((i % 12) + 1).padStart(2, '0');
            return { kind: 'network slice', path: `/api/network?from=2025-${month}-01&nodeLimit=300&linkLimit=1000` };
          }
        }
      });
      const readWords = values.reads?.split(',').filter(Boolean);
      const reads = readWords ? readPaths.filter((r) => readWords.some((w) => r.kind.includes(w))) : readPaths;
      if (reads.length === 0) throw new Error(`--reads ${values.reads} matches no kind of read`);
      const writable = adults.slice(0, clients).map((adult) => ({ id: adult.id, version: 1 }));
      const linkable = Array.from({ length: 500 }, (_, i) => ({
        adult: pick(adults, i + 1).id,
        youngPerson: pick(children, i + 3).id,
      }));
      // Warm the analysis mirror once, as a running app would have it.
      await fetch(`${app.url}/api/analysis/hotspots?limit=1`, { headers: { cookie: cookies[0] ?? '' } });
      const plan = { url: app.url, cookies, seconds, thinkMs, concurrencies, mixes, readPaths, writable, linkable };
      const warm = await warmUp(plan, neo4j.pid, stalls, warmupSeconds);
      const results = await runClient({ ...plan, readPaths: reads }, neo4j.pid, stalls);
      stalls.stop();
      const lost = await lostWrites(graph, [...warm.results, ...results]);
      const warmedUp =
        warm.seconds === 0
          ? 'no warm-up'
          : `warmed up for ${warm.seconds} s of mixed load, ${warm.settled ? 'until' : 'stopping before'} Neo4j's JIT ` +
            `compilers took under ${100 * settledShare} % of its CPU (${(100 * warm.compilerShare).toFixed(0)} % in the last round; ` +
            `${failures(warm.results)} errors or non-2xx answers in it)`;
      const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
      console.log(
        [
          `patmap load test, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, Node ${process.version}, ` +
            `10k synthetic network (seed ${values.seed}), ${seconds} s per run, ${writeSlots} write slots, ${mirrorRefreshMs ? `the mirror kept current every ${mirrorRefreshMs} ms` : 'the mirror read only when asked'}, load from a second process (one closed loop per client, ${thinkMs ? `pausing ${thinkMs} ms on average between requests` : 'no pause between requests'}), ${warmedUp}`,
          '',
          table(results),
          '',
          'Read latency by kind (ms):',
          '',
          readTable(results),
          '',
          "What held requests up, besides queueing (ms; the audit log's group commits are among the write transactions):",
          '',
          stallTable(results),
          '',
          `Acknowledged writes, the warm-up's too: ${lost.updates} updates (${lost.lostUpdates} lost) and ${lost.links} links (${lost.lostLinks} lost).`,
        ].join('\n'),
      );
      const errors = failures([...warm.results, ...results]);
      if (lost.lostUpdates || lost.lostLinks || errors) process.exitCode = 1;
    } finally {
      stopRefreshing();
      await app.close();
    }
  } finally {
    await graph.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
