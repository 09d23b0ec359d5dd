import { createHash } from 'node:crypto';
import { algorithmRunner } from '../api/analysis/algorithm-runner.ts';
import { analysisQueries } from '../api/analysis/analysis.routes.ts';
import { analysisService } from '../api/analysis/analysis.service.ts';
import { Mirror } from '../api/analysis/mirror/mirror.ts';
import { systemVisibility } from '../api/auth/viewer.ts';
import { generateSynthetic } from '../seed/synthetic.ts';

const t = () => performance.now();
/** CPU time of the whole process (both threads), which the machine's other work does not inflate as much as wall time. */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const network = generateSynthetic({ youngPeople: 30_000, adults: 40_000, locations: 30_000, groups: 600, seed: 7 });
const mirror = new Mirror();
for (const r of network.youngPeople) mirror.upsertRecord({ ...r, label: 'YoungPerson' } as never);
for (const r of network.personsOfInterest) mirror.upsertRecord({ ...r, label: 'PersonOfInterest' } as never);
for (const r of network.locations) mirror.upsertRecord({ ...r, label: 'Location' } as never);
for (const l of network.links) mirror.upsertLink({ ...l, lastSeen: l.lastSeen ?? null } as never);
mirror.idRank();
mirror.adjacency();
const groups = analysisQueries.groups.parse({});
const algorithms = algorithmRunner({ timeoutMs: 600_000 });
const service = analysisService({ current: async () => mirror, status: () => ({}) as never }, algorithms);
const yp = network.youngPeople;
const adult = network.groundTruth.groups[0]?.members[0] as string;
const changedMs: number[] = [];
const changedCpu: number[] = [];
const unchangedCpu: number[] = [];
const unchangedMs: number[] = [];
for (let run = 0; run < Number(process.argv[2] ?? 6); run++) {
  const id = `bench-link-${run}`;
  mirror.upsertLink({
    id,
    type: 'CONTROLS',
    from: adult,
    to: (yp[run] as { id: string }).id,
    sourceAgency: 'Police',
    sourceReference: null,
    gradingSource: 2,
    gradingInformation: 'B',
    gradingHandling: 'P',
    firstSeen: '2026-06-01',
    lastSeen: null,
  });
  const s = t();
  const c = cpu();
  await service.groups(groups, systemVisibility);
  const changed = t() - s;
  changedCpu.push(cpu() - c);
  changedMs.push(changed);
  const s2 = t();
  const c2 = cpu();
  const result = await service.groups(groups, systemVisibility);
  unchangedMs.push(t() - s2);
  unchangedCpu.push(cpu() - c2);
  if (run === 0)
    console.log(
      `json ${JSON.stringify(result).length} bytes; sizes ${result.items
        .slice(0, 8)
        .map((g) => `${g.members.length}/${g.youngPeople.length}/${g.sharedLocations.length}/${g.bonds.length}`)
        .join(' ')}`,
    );
  console.log(
    `service groups after change ${changed.toFixed(0)} ms, unchanged ${(t() - s2).toFixed(0)} ms; ${result.items.length} groups, modularity ${result.method.modularity}, bonds ${result.method.bonds}, sha ${createHash('sha1').update(JSON.stringify(result)).digest('hex').slice(0, 12)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(0);
console.log(
  `median after a change ${median(changedMs)} ms (cpu ${median(changedCpu)} ms), unchanged ${median(unchangedMs)} ms (cpu ${median(unchangedCpu)} ms)`,
);
await algorithms.close();
