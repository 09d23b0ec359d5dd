// Scores group detection against the planted groups on synthetic networks held in memory (no Neo4j), as
// `npm run bench` scores it, but in seconds: npx tsx bench/score-groups.ts [--sizes 1k,10k,100k] [--resolutions 1,2]
import { parseArgs } from 'node:util';
import { algorithmRunner } from '../api/analysis/algorithm-runner.ts';
import { adjustedRandIndex, normalizedMutualInformation } from '../api/analysis/algorithms/quality.ts';
import { analysisQueries } from '../api/analysis/analysis.routes.ts';
import { analysisService } from '../api/analysis/analysis.service.ts';
import { Mirror } from '../api/analysis/mirror/mirror.ts';
import { systemVisibility } from '../api/auth/viewer.ts';
import { generateSynthetic } from '../seed/synthetic.ts';

const sizes = {
  '1k': { youngPeople: 300, adults: 400, locations: 300, groups: 10 },
  '10k': { youngPeople: 3_000, adults: 4_000, locations: 3_000, groups: 80 },
  '100k': { youngPeople: 30_000, adults: 40_000, locations: 30_000, groups: 600 },
} as const;
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    resolutions: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
  },
});
const algorithms = algorithmRunner({ timeoutMs: 600_000 });
for (const size of (values.sizes ?? '').split(',') as (keyof typeof sizes)[]) {
  const network = generateSynthetic({ ...sizes[size], seed: Number(values.seed) });
  const mirror = new Mirror();
  for (const r of network.youngPeople) mirror.upsertRecord({ ...r, label: 'YoungPerson' } as never);
  for (const r of network.personsOfInterest) mirror.upsertRecord({ ...r, label: 'PersonOfInterest' } as never);
  for (const r of network.locations) mirror.upsertRecord({ ...r, label: 'Location' } as never);
  for (const l of network.links) mirror.upsertLink({ ...l, lastSeen: l.lastSeen ?? null } as never);
  const service = analysisService({ current: async () => mirror, status: () => ({}) as never }, algorithms);
  for (const resolution of (values.resolutions ?? '').split(',').map(Number)) {
    // As bench/run.ts scores it: over the planted members, one left out of every group found alone.
    const query = analysisQueries.groups.parse({ minSize: 2, limit: 2000, resolution });
    const started = performance.now();
    const found = await service.groups(query, systemVisibility);
    const ms = performance.now() - started;
    const groupOf = new Map<string, string>();
    for (const group of found.items) for (const member of group.members) groupOf.set(member.id, group.id);
    const planted: string[] = [];
    const detected: string[] = [];
    for (const group of network.groundTruth.groups) {
      for (const member of group.members) {
        planted.push(group.id);
        detected.push(groupOf.get(member) ?? `alone:${member}`);
      }
    }
    const sizesFound = found.items.map((g) => g.members.length);
    console.log(
      `${size} resolution ${resolution}: NMI ${normalizedMutualInformation(planted, detected).toFixed(3)}, ARI ${adjustedRandIndex(planted, detected).toFixed(3)}, ${found.items.length}${found.truncated ? '+' : ''} groups (largest ${sizesFound[0]}, median ${sizesFound[Math.floor(sizesFound.length / 2)]}), modularity ${found.method.modularity}, ${ms.toFixed(0)} ms`,
    );
  }
}
await algorithms.close();
