import type { Graph } from '../api/db/neo4j.ts';
import { wipeGraph } from '../seed/load-demo.ts';
import { type LoadOptions, type LoadReport, loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';

/** The warm-up's size: enough links (about 150k) for Neo4j's C2 compiler to reach the write path. */
export const warmUpRecords = 30_000;

/**
 * Loads a synthetic network of `records` records (about five links each) and wipes it again, unmeasured,
 * so that a load timed after it runs on a Neo4j that has compiled its write path, as a server that has been
 * running has, rather than on a JVM still compiling itself: into a fresh Neo4j on 2 cores the JIT compilers
 * took 12-15 % of Neo4j's CPU while the benchmark's 500k links went in, and much of the rest ran on code not
 * yet optimised (76-102 µs of CPU a link, against 58-67 after this warm-up). `npm run bench:load-rate` measures the fresh case too.
 */
export async function warmUpLoader(
  graph: Graph,
  { records = warmUpRecords, seed, ...options }: { records?: number; seed: number } & LoadOptions,
): Promise<LoadReport> {
  const third = Math.round(records / 3);
  const network = generateSynthetic({
    youngPeople: third,
    adults: records - 2 * third,
    locations: third,
    groups: Math.max(2, Math.round(records / 200)),
    seed,
    referencePrefix: 'WARM',
  });
  const report = await loadSynthetic(graph, network, { ...options, createdBy: 'bench-warm-up' });
  await wipeGraph(graph, 'bench-warm-up');
  return report;
}
