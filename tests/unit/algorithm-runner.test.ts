import { afterAll, describe, expect, it } from 'vitest';
import { algorithmRunner, projectionMessage } from '../../api/analysis/algorithm-runner.ts';
import { centrality } from '../../api/analysis/algorithms/centrality.ts';
import { detectCommunities } from '../../api/analysis/algorithms/communities.ts';
import { buildProjection, type WeightedEdge } from '../../api/analysis/algorithms/projection.ts';
import { createRandom } from '../../api/analysis/algorithms/random.ts';
import { HttpError } from '../../api/http/errors.ts';

/** A seeded random graph of n nodes and m edges. */
function randomGraph(n: number, m: number, seed: number) {
  const random = createRandom(seed);
  const ids = Array.from({ length: n }, (_, i) => `n${String(i).padStart(6, '0')}`);
  const edges: WeightedEdge[] = Array.from({ length: m }, () => ({
    source: ids[Math.floor(random() * n)] as string,
    target: ids[Math.floor(random() * n)] as string,
    weight: 0.1 + random(),
  }));
  return buildProjection(ids, edges);
}

/** Two cliques of five joined by one edge. */
const barbell = buildProjection(
  Array.from({ length: 10 }, (_, i) => `b${i}`),
  [
    ...[0, 5].flatMap((start) =>
      [0, 1, 2, 3, 4].flatMap((i) =>
        [0, 1, 2, 3, 4]
          .filter((j) => j > i)
          .map((j) => ({ source: `b${start + i}`, target: `b${start + j}`, weight: 1 })),
      ),
    ),
    { source: 'b4', target: 'b5', weight: 1 },
  ],
);

describe('the algorithm worker', () => {
  const runner = algorithmRunner({ timeoutMs: 20_000 });
  afterAll(() => runner.close());

  it('answers as the algorithms do in process', async () => {
    const graph = randomGraph(300, 900, 3);
    const [communities, measured] = await Promise.all([
      runner.run({ kind: 'communities', projection: projectionMessage(barbell), options: { seed: 5 } }),
      runner.run({ kind: 'centrality', projection: projectionMessage(graph), options: { seed: 5 } }),
    ]);
    expect(communities).toEqual(detectCommunities(barbell, { seed: 5 }));
    expect(communities.count).toBe(2);
    expect(measured).toEqual(centrality(graph, { seed: 5 }));
  });

  it('stops a task that runs past the limit with a 503, and runs the next one in a new worker', async () => {
    const strict = algorithmRunner({ timeoutMs: 1_000 });
    try {
      // Exact betweenness on 8,000 nodes and 80,000 edges: seconds of work on any machine this runs on.
      const heavy = randomGraph(8_000, 80_000, 11);
      const stopped = await strict
        .run({ kind: 'centrality', projection: projectionMessage(heavy), options: { exactUpTo: 1_000_000 } })
        .catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(HttpError);
      expect(stopped).toMatchObject({ status: 503, code: 'analysis_timeout' });
      const next = await strict.run({ kind: 'communities', projection: projectionMessage(barbell), options: {} });
      expect(next.count).toBe(2);
    } finally {
      await strict.close();
    }
  });
});
