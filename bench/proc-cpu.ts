import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of other processes and of a JVM's JIT compiler threads, read from Linux's /proc: the benchmarks share
 * two cores between Node, Neo4j and a load generator, and the CPU each spends says where the time went when the
 * wall clock does not.
 */

const clockTicksPerSecond = 100;

/** User plus system CPU milliseconds in a /proc stat line (of a process or a thread). */
function statCpuMs(stat: string): number {
  // Fields 14 and 15 (after the command name in brackets, which may hold spaces) are user and system time.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
}

/** CPU milliseconds a process has used so far, or NaN without a pid or off Linux. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

/** CPU milliseconds so far of each of a process's threads whose name matches `name`, by thread id. */
function threadsCpuMs(pid: number | undefined, name: RegExp): Map<string, number> {
  const threads = new Map<string, number>();
  if (pid === undefined) return threads;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const task of tasks) {
    try {
      if (!name.test(readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8'))) continue;
      threads.set(task, statCpuMs(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')));
    } catch {
      // the thread ended meanwhile (the JVM starts and stops compiler threads as it needs them)
    }
  }
  return threads;
}

/** CPU milliseconds so far of each of a JVM's JIT compiler threads ("C1/C2 CompilerThread…"), by thread id. */
export const compilerThreadsCpuMs = (pid: number | undefined) => threadsCpuMs(pid, /^C[12] CompilerThre/);

/** The same of a JVM's garbage collector threads ("GC Thread#…" of the parallel collector and G1; G1's "G1 Conc#…", …). */
export const collectorThreadsCpuMs = (pid: number | undefined) => threadsCpuMs(pid, /^(GC Thread|G1 )/);

/** What some threads used between two looks (a thread that ended meanwhile takes its share with it). */
export function threadCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  let spent = 0;
  for (const [thread, ms] of after) spent += ms - (before.get(thread) ?? 0);
  return spent;
}
