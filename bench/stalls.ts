import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { Graph } from '../api/db/neo4j.ts';
import { collectorThreadsCpuMs, threadCpuBetween } from './proc-cpu.ts';
import { percentile } from './stats.ts';

/**
 * What holds requests up besides queueing, read between two looks: the app's event loop delays and garbage
 * collections, how long its Neo4j transactions took (the audit log's group commits among them), and the CPU of
 * Neo4j's own garbage collector. A slow tail with a machine far from busy is a stall somewhere in these.
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
  /**
   * CPU ms of Neo4j's garbage collector threads (from /proc: read without stopping anything, where jstat, a JVM
   * of its own started in the middle of the next run, cost more than what it measured).
   */
  neo4jGcCpuMs: number;
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

/** The largest sample (0 for none), without spreading a long run's samples into arguments. */
const largest = (samples: readonly number[]) => samples.reduce((most, sample) => Math.max(most, sample), 0);

const spread = (samples: number[]) =>
  samples.length === 0
    ? { count: 0, p95: 0, max: 0 }
    : { count: samples.length, p95: percentile(samples, 95), max: largest(samples) };

/** The machine's stolen CPU so far, in ms (the 8th figure of /proc/stat's cpu line, in 1/100 s); NaN off Linux. */
function stolenMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    return Number(cpu[8]) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Watches this process's event loop and collections, `times` (from `timedGraph`) and Neo4j's collector threads;
 * `take()` returns what happened since the last take and starts afresh.
 */
export function stallMonitor(times: ReturnType<typeof timedGraph>['times'], neo4jPid: number | undefined) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  let collectorsBefore = collectorThreadsCpuMs(neo4jPid);
  let stolenBefore = stolenMs();
  return {
    take(): StallReading {
      const collectorsNow = collectorThreadsCpuMs(neo4jPid);
      const stolenNow = stolenMs();
      const reading: StallReading = {
        loopDelayP99: loop.percentile(99) / 1e6,
        loopDelayMax: loop.max / 1e6,
        gcCount: pauses.length,
        gcMs: pauses.reduce((sum, pause) => sum + pause, 0),
        gcMaxMs: largest(pauses),
        readTx: spread(times.read),
        writeTx: spread(times.write),
        neo4jGcCpuMs: neo4jPid === undefined ? Number.NaN : threadCpuBetween(collectorsBefore, collectorsNow),
        stolenMs: stolenNow - stolenBefore,
      };
      loop.reset();
      pauses.length = 0;
      times.read.length = 0;
      times.write.length = 0;
      collectorsBefore = collectorsNow;
      stolenBefore = stolenNow;
      return reading;
    },
    stop() {
      loop.disable();
      observer.disconnect();
    },
  };
}
