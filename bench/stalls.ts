import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { Graph } from '../api/db/neo4j.ts';
import { percentile } from './stats.ts';

/**
 * What holds requests up besides queueing, read between two looks: the app's event loop delays and garbage
 * collections, how long its Neo4j transactions took (the audit log's group commits among them), and Neo4j's own
 * garbage collection pauses. A slow tail with a machine far from busy is a stall somewhere in these.
 */

export interface StallReading {
  /** The app's event loop: how late its timers ran, p99 and worst, in ms. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** The app's garbage collections: how many, their total and their longest pause, in ms. */
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  /** Neo4j transactions from the app: read and write, p95 and worst, in ms. */
  readTx: { count: number; p95: number; max: number };
  writeTx: { count: number; p95: number; max: number };
  /** Neo4j's JVM: collections and the time they paused it, in ms (from jstat; NaN without it). */
  neo4jGcCount: number;
  neo4jGcMs: number;
  /** CPU time the machine's host took from this virtual machine (steal, from /proc/stat), in ms over all cores. */
  stolenMs: number;
}

/** Times every transaction that passes through `graph`, by kind, for `stallMonitor` to read. */
export function timedGraph(graph: Graph) {
  const times = { read: [] as number[], write: [] as number[] };
  const timed = async <T>(kind: 'read' | 'write', work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      times[kind].push(performance.now() - started);
    }
  };
  const wrapped: Graph = {
    ...graph,
    read: (query, params, options) => timed('read', () => graph.read(query, params, options)),
    write: (query, params, options) => timed('write', () => graph.write(query, params, options)),
    writeTransaction: (work, options) => timed('write', () => graph.writeTransaction(work, options)),
  };
  return { graph: wrapped, times };
}

const spread = (samples: number[]) =>
  samples.length === 0
    ? { count: 0, p95: 0, max: 0 }
    : { count: samples.length, p95: percentile(samples, 95), max: Math.max(...samples) };

/** The machine's stolen CPU so far, in ms (the 8th figure of /proc/stat's cpu line, in 1/100 s); NaN off Linux. */
function stolenMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    return Number(cpu[8]) * 10;
  } catch {
    return Number.NaN;
  }
}

/** jstat's collection count and time (GCT, seconds) of a JVM, or NaN where jstat or the JVM is not there. */
function jvmGc(jstat: string | undefined, pid: number | undefined): { count: number; ms: number } {
  if (!jstat || pid === undefined) return { count: Number.NaN, ms: Number.NaN };
  try {
    const [header, values] = execFileSync(jstat, ['-gc', String(pid)], { encoding: 'utf8', timeout: 10_000 })
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/));
    const field = (name: string) => Number(values?.[header?.indexOf(name) ?? -1]);
    return { count: field('YGC') + field('FGC') + (field('CGC') || 0), ms: field('GCT') * 1000 };
  } catch {
    return { count: Number.NaN, ms: Number.NaN };
  }
}

/**
 * Watches this process's event loop and collections, `times` (from `timedGraph`) and, with its pid and a jstat,
 * a JVM's collections; `take()` returns what happened since the last take and starts afresh.
 */
export function stallMonitor(times: ReturnType<typeof timedGraph>['times'], jvm: { pid?: number; jstat?: string }) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  let jvmBefore = jvmGc(jvm.jstat, jvm.pid);
  let stolenBefore = stolenMs();
  return {
    take(): StallReading {
      const jvmNow = jvmGc(jvm.jstat, jvm.pid);
      const stolenNow = stolenMs();
      const reading: StallReading = {
        loopDelayP99: loop.percentile(99) / 1e6,
        loopDelayMax: loop.max / 1e6,
        gcCount: pauses.length,
        gcMs: pauses.reduce((sum, pause) => sum + pause, 0),
        gcMaxMs: pauses.length ? Math.max(...pauses) : 0,
        readTx: spread(times.read),
        writeTx: spread(times.write),
        neo4jGcCount: jvmNow.count - jvmBefore.count,
        neo4jGcMs: jvmNow.ms - jvmBefore.ms,
        stolenMs: stolenNow - stolenBefore,
      };
      loop.reset();
      pauses.length = 0;
      times.read.length = 0;
      times.write.length = 0;
      jvmBefore = jvmNow;
      stolenBefore = stolenNow;
      return reading;
    },
    stop() {
      loop.disable();
      observer.disconnect();
    },
  };
}
