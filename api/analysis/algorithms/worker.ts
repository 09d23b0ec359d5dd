import { parentPort } from 'node:worker_threads';
import { centrality } from './centrality.ts';
import { detectCommunities, RefinementCache } from './communities.ts';
import { keyPlayers } from './key-players.ts';
import type { AlgorithmTask } from './tasks.ts';

/**
 * The worker thread that runs the whole-network algorithms, so that a second of Louvain or Brandes at 100k
 * records never stalls the API's event loop. Each message is one task; the answer carries its id.
 */
/** Refinements of communities, kept across runs: after a change most communities are looked at as before. */
const refinements = new RefinementCache(20_000);

function run(task: AlgorithmTask): unknown {
  const projection = { ...task.projection, index: new Map(task.projection.ids.map((id, i) => [id, i])) };
  switch (task.kind) {
    case 'communities':
      return detectCommunities(projection, task.options, refinements);
    case 'centrality':
      return centrality(projection, task.options);
    case 'key-players': {
      const { candidates, ...options } = task.options;
      return keyPlayers(projection, { ...options, isCandidate: (i) => candidates[i] === 1 });
    }
  }
}

parentPort?.postMessage({ ready: true });
parentPort?.on('message', ({ id, task }: { id: number; task: AlgorithmTask }) => {
  try {
    parentPort?.postMessage({ id, result: run(task) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
