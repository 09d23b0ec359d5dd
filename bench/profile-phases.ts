// Times the steps of group detection's projection one by one (minimum of several runs, which the
// machine's other work inflates least): node --import tsx bench/profile-phases.ts [runs]
import { projectionFromIndices } from '../api/analysis/algorithms/projection.ts';
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
  timed('projection', () => {
    const position = new Int32Array(mirror.recordSlots).fill(-1);
    const slots: number[] = [];
    for (const ends of [edges.from, edges.to]) {
      for (let k = 0; k < ends.length; k++) {
        const slot = ends[k] as number;
        if (position[slot] !== -1) continue;
        position[slot] = 0;
        slots.push(slot);
      }
    }
    slots.sort((a, b) => (rank[a] as number) - (rank[b] as number));
    for (let i = 0; i < slots.length; i++) position[slots[i] as number] = i;
    const from = edges.from.map((slot) => position[slot] as number);
    const to = edges.to.map((slot) => position[slot] as number);
    return projectionFromIndices(
      slots.map((slot) => mirror.recordId(slot)),
      { from, to, weight: edges.weight },
      undefined,
      { minWeight: groups.minBond },
    );
  });
}
console.log(
  Object.entries(best)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
    .join(', '),
);
