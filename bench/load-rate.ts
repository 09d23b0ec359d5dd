import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { defaultBatchSize, loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';
import { compilerThreadsCpuMs, processCpuMs, threadCpuBetween } from './proc-cpu.ts';
import { warmUpLoader } from './warm-up.ts';

/**
 * `npm run bench:load-rate`: loads the benchmark's 100k-record network (`--scale` multiplies it) into a
 * fresh Neo4j of its own (with `--warm-up 30000`, after loading and wiping a warm-up network, as `npm run
 * bench` does), and prints the load rate with the CPU time Node and Neo4j each spent on the links. On a
 * shared machine the wall clock varies from run to run; the CPU split says where a change saved work.
 */

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: String(defaultBatchSize) },
    concurrency: { type: 'string', default: '2' },
    heap: { type: 'string', default: '4g' },
    'page-cache': { type: 'string', default: '4g' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
    /**
     * Load a network of this many records first and wipe it, unmeasured (0: none, a fresh Neo4j), so that the
     * measured load runs on a Neo4j that has compiled its write path, as `npm run bench` does with 30000.
     */
    'warm-up': { type: 'string', default: '0' },
  },
});
const warmUpRecords = Number(values['warm-up']);
if (!Number.isInteger(warmUpRecords) || warmUpRecords < 0) throw new Error('--warm-up takes a number of records');
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be a positive integer');
if (!(scale > 0)) throw new Error('--scale must be a positive number');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

/** The benchmark's 100k size (bench/run.ts). */
const size = {
  youngPeople: Math.round(30_000 * scale),
  adults: Math.round(40_000 * scale),
  locations: Math.round(30_000 * scale),
  groups: Math.max(1, Math.round(600 * scale)),
};

interface CpuMark {
  at: number;
  node: number;
  neo4j: number;
  /** Neo4j's JIT compiler threads, by thread id. */
  compilers: Map<string, number>;
}

function mark(neo4jPid: number | undefined): CpuMark {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    node: (own.user + own.system) / 1e6,
    neo4j: processCpuMs(neo4jPid) / 1000,
    compilers: compilerThreadsCpuMs(neo4jPid),
  };
}

function cpuBetween(from: CpuMark, to: CpuMark) {
  const neo4j = to.neo4j - from.neo4j;
  return {
    wallSeconds: round((to.at - from.at) / 1000),
    nodeCpuSeconds: round(to.node - from.node),
    neo4jCpuSeconds: Number.isNaN(neo4j) ? null : round(neo4j),
    /** Of Neo4j's CPU, what its JIT compilers took: a fresh JVM compiles itself while it loads. */
    neo4jCompilerCpuSeconds: Number.isNaN(neo4j) ? null : round(threadCpuBetween(from.compilers, to.compilers) / 1000),
  };
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;

async function main(): Promise<void> {
  const dataDir = path.join(repoRoot, '.patmap', `bench-load-rate-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const password = `neo4j-${crypto.randomUUID()}`;
  const neo4j = await startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    password,
    heap: values.heap,
    pageCache: values['page-cache'],
    log: (line) => console.error(line),
  });
  const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password });
  try {
    await applySchema(graph);
    if (warmUpRecords > 0) {
      const warmed = await warmUpLoader(graph, { records: warmUpRecords, seed: seed + 1, batchSize, concurrency });
      console.error(
        `warm-up: ${warmUpRecords} records and ${warmed.totalLinks} links loaded and wiped first, unmeasured`,
      );
    }
    const network = generateSynthetic({ ...size, seed });
    const started = mark(neo4j.pid);
    let linksStarted: CpuMark | undefined;
    const report = await loadSynthetic(graph, network, {
      batchSize,
      concurrency,
      onProgress: ({ phase, done, total }) => {
        if (phase === 'records' && done === total) linksStarted = mark(neo4j.pid);
      },
    });
    const finished = mark(neo4j.pid);
    const links = cpuBetween(linksStarted ?? started, finished);
    const perLink = (seconds: number | null) =>
      seconds === null ? null : Math.round((seconds / report.totalLinks) * 1e6);
    console.log(
      JSON.stringify({
        batchSize,
        concurrency,
        warmUpRecords,
        records: Object.values(report.records).reduce((sum, n) => sum + n, 0),
        links: report.totalLinks,
        recordSeconds: round(report.recordSeconds),
        linkSeconds: round(report.linkSeconds),
        linksPerSecond: Math.round(report.linksPerSecond),
        linkPhase: {
          ...links,
          nodeCpuMicrosecondsPerLink: perLink(links.nodeCpuSeconds),
          neo4jCpuMicrosecondsPerLink: perLink(links.neo4jCpuSeconds),
        },
        recordPhase: cpuBetween(started, linksStarted ?? finished),
      }),
    );
  } finally {
    await graph.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
