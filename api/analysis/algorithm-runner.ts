import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/errors.ts';
import type { Projection } from './algorithms/projection.ts';
import type { AlgorithmResults, AlgorithmTask, ProjectionMessage } from './algorithms/tasks.ts';

/** Runs the whole-network algorithms off the event loop, one at a time, each within a time limit. */
export interface AlgorithmRunner {
  run<K extends AlgorithmTask['kind']>(task: Extract<AlgorithmTask, { kind: K }>): Promise<AlgorithmResults[K]>;
  close(): Promise<void>;
}

export const defaultAlgorithmTimeoutMs = 30_000;

const boot = new URL('./algorithms/worker-boot.mjs', import.meta.url);
const entry = new URL('./algorithms/worker.ts', import.meta.url).href;

/** A projection without its index (a Map), which the worker rebuilds rather than receives. */
export function projectionMessage({ ids, offsets, targets, weights, edgeCount }: Projection): ProjectionMessage {
  return { ids, offsets, targets, weights, edgeCount };
}

interface Pending {
  id: number;
  /** The worker running it: only that worker's end fails it. */
  on: Worker;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One worker thread, started on first use. A task that runs past `timeoutMs` is stopped by ending the
 * worker (JavaScript cannot be interrupted any other way) and answers 503; the next task starts a new one.
 * Tasks queue rather than run side by side: on two cores a second Louvain beside the first only slows both.
 */
export function algorithmRunner({ timeoutMs = defaultAlgorithmTimeoutMs } = {}): AlgorithmRunner {
  let worker: Promise<Worker> | undefined;
  let pending: Pending | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const fail = (error: Error) => {
    const current = pending;
    pending = undefined;
    if (!current) return;
    clearTimeout(current.timer);
    current.reject(error);
  };

  /** The worker, once it has loaded its code (the time limit is for the algorithm, not the start). */
  function started(): Promise<Worker> {
    if (worker) return worker;
    const fresh = new Worker(boot, { workerData: { entry } });
    fresh.unref();
    const ready = new Promise<Worker>((resolve, reject) => {
      fresh.on('message', (message: { ready?: true; id?: number; result?: unknown; error?: string }) => {
        if (message.ready) {
          resolve(fresh);
          return;
        }
        const current = pending;
        if (!current || current.id !== message.id) return;
        pending = undefined;
        clearTimeout(current.timer);
        if (message.error !== undefined) current.reject(new Error(`The analysis failed: ${message.error}`));
        else current.resolve(message.result);
      });
      const stopped = (error: Error) => {
        if (worker === ready) worker = undefined;
        reject(error);
        if (pending?.on === fresh) fail(error);
      };
      fresh.on('error', stopped);
      fresh.on('exit', () => stopped(new Error('The analysis worker stopped')));
    });
    worker = ready;
    return ready;
  }

  async function runNow(task: AlgorithmTask): Promise<unknown> {
    const target = await started();
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        fail(
          new HttpError(
            503,
            'analysis_timeout',
            `The analysis took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; narrow it (within, a time window, a higher minimum grading) and try again`,
          ),
        );
        worker = undefined;
        void target.terminate();
      }, timeoutMs);
      pending = { id, on: target, resolve, reject, timer };
      target.postMessage({ id, task });
    });
  }

  return {
    run(task) {
      const next = queue.then(
        () => runNow(task),
        () => runNow(task),
      );
      queue = next.catch(() => undefined);
      return next as Promise<never>;
    },
    async close() {
      const current = worker;
      worker = undefined;
      await (await current?.catch(() => undefined))?.terminate();
    },
  };
}
