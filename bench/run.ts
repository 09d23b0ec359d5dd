import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { algorithmRunner } from '../api/analysis/algorithm-runner.ts';
import { adjustedRandIndex, normalizedMutualInformation } from '../api/analysis/algorithms/quality.ts';
import { analysisQueries } from '../api/analysis/analysis.routes.ts';
import { type AnalysisService, analysisService } from '../api/analysis/analysis.service.ts';
import { analysisMirror, type MirrorLoadReport } from '../api/analysis/mirror/mirror-sync.ts';
import { auditService } from '../api/audit/audit.service.ts';
import { usersService } from '../api/auth/users.service.ts';
import { systemVisibility } from '../api/auth/viewer.ts';
import { repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { type LoadReport, loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic, type SyntheticNetwork } from '../seed/synthetic.ts';
import { analysisCases } from './cases.ts';
import { serveApp } from './serve.ts';
import { markdownTable, ms, summarise, type Timing, time } from './stats.ts';
import { warmUpLoader, warmUpRecords } from './warm-up.ts';

/**
 * `npm run bench`: loads synthetic networks of about 1k, 10k and 100k records, each into a Neo4j of its
 * own after an unmeasured warm-up load (bench/warm-up.ts), then times every analysis three ways — the
 * bare Cypher through the driver, the service in process (Cypher plus any algorithm), and the HTTP API
 * (plus sign-in check, validation, audit and JSON) — and scores group detection against the planted
 * groups. Prints Markdown tables for the README.
 */

const sizes = {
  '1k': { youngPeople: 300, adults: 400, locations: 300, groups: 10 },
  '10k': { youngPeople: 3_000, adults: 4_000, locations: 3_000, groups: 80 },
  '100k': { youngPeople: 30_000, adults: 40_000, locations: 30_000, groups: 600 },
} as const;
type Size = keyof typeof sizes;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    runs: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    only: { type: 'string', default: '' },
    /** Records in the network loaded and wiped before each size's timed load (0: none; see bench/warm-up.ts). */
    'warm-up': { type: 'string', default: String(warmUpRecords) },
  },
});

const chosen = (values.sizes ?? '').split(',').filter(Boolean);
for (const size of chosen) {
  if (!(size in sizes)) throw new Error(`--sizes takes a list of ${Object.keys(sizes).join(', ')}; got ${size}`);
}
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 3) throw new Error('--runs must be an integer of at least 3');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const warmUp = Number(values['warm-up']);
if (!Number.isInteger(warmUp) || warmUp < 0) throw new Error('--warm-up takes a number of records');

/** Case names to time, by any part of their name (e.g. `--only paths,neighbourhood`); all by default. */
const only = (values.only ?? '').split(',').filter(Boolean);
const chosenCase = (name: string) => only.length === 0 || only.some((part) => name.includes(part));

const password = `bench-${crypto.randomUUID()}`;

interface SizeResult {
  size: Size;
  nodes: number;
  links: number;
  load: LoadReport;
  /** The warm-up load into the fresh Neo4j, if there was one. */
  warmUp: LoadReport | undefined;
  mirror: MirrorLoadReport & { heapMiB: number };
  cases: { name: string; cypher: Measured; inProcess: Measured; api: Measured; note: string }[];
  quality: Awaited<ReturnType<typeof groupQuality>>;
}

/** A timing, or what stopped it (e.g. the API's 503 when a query runs past its timeout). */
type Measured = Timing | { error: string };

/**
 * Times each way in turn, run by run (cypher, in-process, API, then again), so that whatever else the
 * machine is doing weighs on the three alike rather than on whichever ran during a busy spell. A way
 * that fails is reported as failed and left out of the later rounds.
 */
async function timeInTurn(
  ways: [() => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>],
  runs: number,
  before: (() => Promise<unknown>) | undefined,
): Promise<[Measured, Measured, Measured]> {
  const samples: number[][] = ways.map(() => []);
  const failed: (string | undefined)[] = ways.map(() => undefined);
  for (let round = -2; round < runs; round += 1) {
    for (const [i, way] of ways.entries()) {
      if (failed[i] !== undefined) continue;
      try {
        const [sample] = await time(way, 1, { warmup: 0, before });
        // Rounds below zero warm up, unmeasured.
        if (round >= 0) samples[i]?.push(sample as number);
      } catch (error) {
        failed[i] = error instanceof Error ? error.message.slice(0, 80) : String(error);
      }
    }
  }
  const result = (i: number): Measured => {
    const error = failed[i];
    return error !== undefined ? { error } : summarise(samples[i] ?? []);
  };
  return [result(0), result(1), result(2)];
}

const cell = (m: Measured) => ('error' in m ? `failed: ${m.error}` : `${ms(m.p50)} / ${ms(m.p95)}`);
const ratio = (a: Measured, b: Measured) => ('error' in a || 'error' in b ? '–' : (a.p50 / b.p50).toFixed(2));

async function main(): Promise<void> {
  const results: SizeResult[] = [];
  for (const size of chosen as Size[]) {
    results.push(await benchSize(size));
    // Each size's table as soon as it is done, so a long run that fails later still leaves its numbers.
    console.error(report(results));
  }
  console.log(report(results));
}

async function benchSize(size: Size): Promise<SizeResult> {
  const dataDir = path.join(repoRoot, '.patmap', `bench-${size}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const neo4jPassword = `neo4j-${crypto.randomUUID()}`;
  const log = (line: string) => console.error(`[${size}] ${line}`);
  const neo4j = await startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    password: neo4jPassword,
    heap: '4g',
    pageCache: '4g',
    log,
  });
  const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password: neo4jPassword });
  try {
    await applySchema(graph);
    let warmUpLoad: LoadReport | undefined;
    if (warmUp > 0) {
      warmUpLoad = await warmUpLoader(graph, { records: warmUp, seed: seed + 1 });
      log(`warm-up: ${warmUp} records and ${warmUpLoad.totalLinks} links loaded and wiped, unmeasured`);
    }
    const network = generateSynthetic({ ...sizes[size], seed });
    const nodes = network.youngPeople.length + network.personsOfInterest.length + network.locations.length;
    log(`generated ${nodes} records and ${network.links.length} links; loading …`);
    const load = await loadSynthetic(graph, network);
    log(`loaded records in ${load.recordSeconds.toFixed(1)} s, links in ${load.linkSeconds.toFixed(1)} s`);
    // The links are in Neo4j now: let them go, so that collecting the benchmark's own garbage (half a
    // million link objects at 100k) does not show in the timings of the server it runs beside.
    const linkCount = network.links.length;
    network.links.length = 0;
    await usersService(graph).create({ username: 'bench', role: 'police', password }, 'bench');
    const mirrorLoads: MirrorLoadReport[] = [];
    const mirror = analysisMirror(graph, auditService(graph), { onLoad: (report) => mirrorLoads.push(report) });
    const heapBefore = heapUsed();
    await mirror.current();
    const mirrorLoad = { ...(mirrorLoads[0] as MirrorLoadReport), heapMiB: (heapUsed() - heapBefore) / 2 ** 20 };
    log(`mirror: ${mirrorLoad.records} records, ${mirrorLoad.links} links in ${mirrorLoad.seconds.toFixed(1)} s`);
    // Generous: the benchmark measures how long the algorithms take, not where they are cut off.
    const algorithms = algorithmRunner({ timeoutMs: 600_000 });
    const service = analysisService(mirror, algorithms);
    const { url, close } = await serveApp({ graph, mirror, algorithms });
    try {
      const cookie = await signIn(url);
      // Scored first, on the network as generated: the timed cases below change it by a link or two.
      const quality = chosenCase('groups')
        ? await groupQuality(network, service)
        : { planted: network.groundTruth.groups.length, scores: [] };
      const cases = analysisCases(network, graph, service).filter((benchCase) => chosenCase(benchCase.name));
      const timed: SizeResult['cases'] = [];
      for (const benchCase of cases) {
        const caseRuns = benchCase.heavy ? Math.max(3, Math.ceil(runs / 4)) : runs;
        log(`${benchCase.name}: ${caseRuns} runs each way`);
        const [cypher, inProcess, api] = await timeInTurn(
          [benchCase.cypher, () => benchCase.service(systemVisibility), () => getJson(url, benchCase.apiPath, cookie)],
          caseRuns,
          benchCase.before,
        );
        timed.push({ name: benchCase.name, cypher, inProcess, api, note: benchCase.note ?? '' });
        // Each result as soon as it is measured, so a run stopped later still leaves it behind.
        log(`${benchCase.name}: cypher ${cell(cypher)}, in-process ${cell(inProcess)}, API ${cell(api)} ms`);
      }
      return {
        size,
        nodes,
        links: linkCount,
        load,
        warmUp: warmUpLoad,
        mirror: mirrorLoad,
        cases: timed,
        quality,
      };
    } finally {
      await close();
      await algorithms.close();
    }
  } finally {
    await graph.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The Louvain resolutions group detection is scored at: 1 is the default; higher finds smaller groups. */
const resolutions = [1, 2, 3] as const;

/**
 * NMI and adjusted Rand index of the groups found against the planted groups, over the planted members:
 * a planted member left out of every group found counts as a group of its own.
 */
async function groupQuality(network: SyntheticNetwork, service: AnalysisService) {
  const scores = [];
  for (const resolution of resolutions) {
    const query = analysisQueries.groups.parse({ minSize: 2, limit: 2000, resolution });
    const found = await service.groups(query, systemVisibility).catch((error: unknown) => error as Error);
    if (found instanceof Error) {
      scores.push({ resolution, nmi: Number.NaN, ari: Number.NaN, found: -1, error: found.message.slice(0, 80) });
      continue;
    }
    const foundGroupOf = new Map<string, string>();
    for (const group of found.items) for (const member of group.members) foundGroupOf.set(member.id, group.id);
    const planted: string[] = [];
    const detected: string[] = [];
    for (const group of network.groundTruth.groups) {
      for (const member of group.members) {
        planted.push(group.id);
        detected.push(foundGroupOf.get(member) ?? `alone:${member}`);
      }
    }
    scores.push({
      resolution,
      nmi: normalizedMutualInformation(planted, detected),
      ari: adjustedRandIndex(planted, detected),
      found: found.items.length,
      error: '',
    });
  }
  return { planted: network.groundTruth.groups.length, scores };
}

/** Heap in use after a full collection where the runtime allows one (node --expose-gc), else as it stands. */
function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function signIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'bench', password }),
  });
  const cookie = answer.headers.get('set-cookie')?.split(';')[0];
  if (answer.status !== 200 || !cookie) throw new Error(`bench sign-in failed: ${answer.status}`);
  return cookie;
}

async function getJson(url: string, apiPath: string, cookie: string): Promise<unknown> {
  const answer = await fetch(`${url}${apiPath}`, { headers: { cookie } });
  const body = await answer.json();
  if (answer.status !== 200) throw new Error(`${apiPath}: ${answer.status} ${JSON.stringify(body)}`);
  return body;
}

function report(results: SizeResult[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `patmap benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, seed ${seed}`,
    '',
    warmUp > 0
      ? `Each size loads into a Neo4j of its own after a warm-up: a network of ${warmUp} records loaded and wiped first, unmeasured, so that the JIT has compiled the write path, as on a server that has been running. Warm-up links/s: that first load, into the fresh Neo4j.`
      : 'Each size loads into a fresh Neo4j of its own, no warm-up: the load rate includes the JVM compiling its write path.',
    '',
    markdownTable(
      [
        'size',
        'records',
        'links',
        'records load s',
        'links load s',
        'links/s',
        'warm-up links/s',
        'mirror read s',
        'mirror heap MiB',
      ],
      results.map((r) => [
        r.size,
        String(r.nodes),
        String(r.links),
        r.load.recordSeconds.toFixed(1),
        r.load.linkSeconds.toFixed(1),
        String(Math.round(r.load.linksPerSecond)),
        r.warmUp ? String(Math.round(r.warmUp.linksPerSecond)) : '–',
        r.mirror.seconds.toFixed(1),
        String(Math.round(r.mirror.heapMiB)),
      ]),
    ),
    '',
    'Group detection against the planted groups (over their members), by Louvain resolution:',
    '',
    markdownTable(
      ['size', 'groups planted', 'resolution', 'groups found', 'NMI', 'ARI'],
      results.flatMap((r) =>
        r.quality.scores.map((q) => [
          r.size,
          String(r.quality.planted),
          String(q.resolution),
          q.error ? `failed: ${q.error}` : String(q.found),
          q.nmi.toFixed(3),
          q.ari.toFixed(3),
        ]),
      ),
    ),
    '',
    'Milliseconds, p50 / p95. cypher: straight through the driver (see each note); in-process: the service (a',
    'freshness check against the audit log, then the mirror or Cypher, then any algorithm in Node); API: over',
    'HTTP with session check, validation, audit and JSON.',
    '',
    markdownTable(
      [
        'size',
        'analysis',
        'cypher p50/p95',
        'in-process p50/p95',
        'API p50/p95',
        'API ÷ in-process',
        'API ÷ cypher',
        'note',
      ],
      results.flatMap((r) =>
        r.cases.map((c) => [
          r.size,
          c.name,
          cell(c.cypher),
          cell(c.inProcess),
          cell(c.api),
          ratio(c.api, c.inProcess),
          ratio(c.api, c.cypher),
          c.note,
        ]),
      ),
    ),
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
