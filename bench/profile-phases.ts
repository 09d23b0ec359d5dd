// Times the steps of group detection's projection one by one, then a patch of it after a change (the
// minimum of several runs, which the machine's other work inflates least): npx tsx bench/profile-phases.ts [runs]
import { buildAdultProjection, patchAdultProjection, projectionOfSlots } from '../api/analysis/adult-projection.ts';
import { analysisQueries } from '../api/analysis/analysis.routes.ts';
import { slotBonds } from '../api/analysis/bonds.ts';
import { countingRules } from '../api/analysis/filters.ts';
import { Mirror } from '../api/analysis/mirror/mirror.ts';
import { adultTies } from '../api/analysis/weighted-ties.ts';
import { systemVisibility } from '../api/auth/viewer.ts';
import { generateSynthetic } from '../seed/synthetic.ts';

const network = generateSynthetic({ youngPeople: 30_000, adults: 40_000, locations: 30_000, groups: 600, seed: 7 });
const mirror = new Mirror();
for (const r of network.youngPeople) mirror.upsertRecord({ ...r, label: 'YoungPerson' } as never);
for (const r of network.personsOfInterest) mirror.upsertRecord({ ...r, label: 'PersonOfInterest' } as never);
for (const r of network.locations) mirror.upsertRecord({ ...r, label: 'Location' } as never);
for (const l of network.links) mirror.upsertLink({ ...l, lastSeen: l.lastSeen ?? null } as never);
network.links.length = 0;
const groups = analysisQueries.groups.parse({});
const how = { rules: countingRules(groups, systemVisibility), asOf: '2026-12-01', halfLifeDays: groups.halfLifeDays };
const rank = mirror.idRank();
mirror.adjacency();
const options = {
  hubLimit: groups.hubLimit,
  compare: (a: number, b: number) => (rank[a] as number) - (rank[b] as number),
};
const best: Record<string, number> = {};
const timed = <T>(name: string, work: () => T): T => {
  const start = performance.now();
  const result = work();
  best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, performance.now() - start);
  return result;
};
for (let run = 0; run < Number(process.argv[2] ?? 7); run++) {
  const ties = timed('ties', () => adultTies(mirror, how));
  const { edges } = timed('bonds', () => slotBonds(ties, options));
  timed('projection', () => projectionOfSlots(mirror, edges, groups.minBond));
}
// A patch after one link is created, and after it is deleted again (see adult-projection.ts).
let state = buildAdultProjection(mirror, { how, hubLimit: groups.hubLimit, minBond: groups.minBond });
const adult = mirror.recordIndex.get(network.groundTruth.groups[0]?.members[0] as string) as number;
for (let run = 0; run < Number(process.argv[2] ?? 7); run++) {
  const id = `bench-link-${run}`;
  mirror.upsertLink({
    id,
    type: 'CONTROLS',
    from: mirror.recordId(adult),
    to: (network.youngPeople[run] as { id: string }).id,
    sourceAgency: 'Police',
    sourceReference: null,
    gradingSource: 2,
    gradingInformation: 'B',
    gradingHandling: 'P',
    firstSeen: '2026-06-01',
    lastSeen: null,
  });
  timed('adjacency', () => mirror.adjacency());
  state = timed('patch (link created)', () => patchAdultProjection(state, mirror)) ?? state;
  mirror.removeLink(id);
  mirror.adjacency();
  state = timed('patch (link deleted)', () => patchAdultProjection(state, mirror)) ?? state;
}
console.log(
  Object.entries(best)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
    .join(', '),
);
