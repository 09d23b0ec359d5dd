import type { AdultTies, BondEdges, DirectTie, SharedTie } from './bonds.ts';
import { type CountingRules, countedNetwork } from './filters.ts';
import {
  EVENT,
  epochDay,
  LOCATION,
  type Mirror,
  mirrorTypes,
  PERSON_OF_INTEREST,
  YOUNG_PERSON,
} from './mirror/mirror.ts';
import { byId } from './top.ts';

/** What the whole-network analyses weigh links by: how good the intelligence is, and how recent. */
export interface Weighing {
  rules: CountingRules;
  /** The date recency is measured from (ISO). */
  asOf: string;
  halfLifeDays: number;
}

const sourceFactor = [0, 1, 0.75, 0.5];
const sharedKinds: Record<number, SharedTie['kind']> = {
  [YOUNG_PERSON]: 'young-person',
  [EVENT]: 'event',
  [LOCATION]: 'location',
};
const informationFactor = [1, 0.8, 0.6, 0.4, 0.2];

/**
 * How a link weighs: source evaluation and information assessment as the 3x5x2 grading describes them,
 * then halved for every `halfLifeDays` since it was last seen before `asOfDay`.
 */
export function linkWeight(mirror: Mirror, l: number, asOfDay: number, halfLifeDays: number): number {
  const age = Math.max(0, asOfDay - mirror.seen(l));
  return (
    (sourceFactor[mirror.source(l)] ?? 0.5) *
    (informationFactor[mirror.information(l)] ?? 0.2) *
    0.5 ** (age / halfLifeDays)
  );
}

/**
 * The ties that bind adults, for group detection: adults sharing a young person, an event or a place (each with the
 * weight of their strongest counted link to it), direct links between adults, and adults' phones and
 * vehicles. Adults are named by their mirror slot; everything is sorted by id, so the bonds and the sums
 * made of them come out the same every time, whatever order the records arrived in.
 */
export function adultTies(mirror: Mirror, { rules, asOf, halfLifeDays }: Weighing): AdultTies<number> {
  const asOfDay = epochDay(asOf);
  const rank = mirror.idRank();
  const byRank = (a: number, b: number) => (rank[a] as number) - (rank[b] as number);
  const network = countedNetwork(mirror, rules);
  const shared: { via: number; adults: number[]; weights: number[] }[] = [];
  const direct: DirectTie<number>[] = [];
  const identifiers: { adult: number; phones: string[]; vehicles: string[] }[] = [];
  // The strongest counted link of each adult to the young person or place at hand, in reused scratch.
  const stamp = new Int32Array(mirror.recordSlots).fill(-1);
  const strongest = new Float64Array(mirror.recordSlots);
  for (let n = 0; n < mirror.recordSlots; n++) {
    const label = mirror.label(n);
    if (network.records[n] !== 1) continue;
    if (label === PERSON_OF_INTEREST) {
      const { phones, vehicles } = mirror.record(n);
      const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
      if (list(phones).length || list(vehicles).length) {
        identifiers.push({ adult: n, phones: list(phones), vehicles: list(vehicles) });
      }
      network.forEachTie(
        n,
        (target, l) => {
          // Each direct link once, from its start.
          if (mirror.from(l) !== n) return;
          direct.push({
            source: n,
            target,
            weight: linkWeight(mirror, l, asOfDay, halfLifeDays),
            link: mirror.linkId(l),
            type: mirrorTypes[mirror.type(l)] as string,
          });
        },
        PERSON_OF_INTEREST,
      );
      continue;
    }
    if (label !== YOUNG_PERSON && label !== LOCATION && label !== EVENT) continue;
    const adults: number[] = [];
    network.forEachTie(
      n,
      (adult, l) => {
        const weight = linkWeight(mirror, l, asOfDay, halfLifeDays);
        if (stamp[adult] !== n) {
          stamp[adult] = n;
          strongest[adult] = weight;
          adults.push(adult);
        } else if (weight > (strongest[adult] as number)) {
          strongest[adult] = weight;
        }
      },
      PERSON_OF_INTEREST,
    );
    if (adults.length < 2) continue;
    adults.sort(byRank);
    shared.push({ via: n, adults, weights: adults.map((adult) => strongest[adult] as number) });
  }
  shared.sort((a, b) => byRank(a.via, b.via));
  identifiers.sort((a, b) => byRank(a.adult, b.adult));
  direct.sort((a, b) => byId(a.link, b.link));
  return {
    shared: shared.map((tie) => ({
      ...tie,
      via: mirror.recordId(tie.via),
      kind: sharedKinds[mirror.label(tie.via)] ?? 'location',
    })),
    direct,
    identifiers,
  };
}

/** Every counted link between counted records of the given labels, weighed, between mirror slots. */
export function weightedLinks(
  mirror: Mirror,
  labels: readonly number[],
  { rules, asOf, halfLifeDays }: Weighing,
): BondEdges<number> {
  const asOfDay = epochDay(asOf);
  const counted = countedNetwork(mirror, rules);
  const wanted = (n: number) => counted.records[n] === 1 && labels.includes(mirror.label(n));
  const edges: BondEdges<number> = { from: [], to: [], weight: [] };
  for (let l = 0; l < mirror.linkSlots; l++) {
    if (counted.links[l] !== 1) continue;
    const from = mirror.from(l);
    const to = mirror.to(l);
    if (!wanted(from) || !wanted(to)) continue;
    edges.from.push(from);
    edges.to.push(to);
    edges.weight.push(linkWeight(mirror, l, asOfDay, halfLifeDays));
  }
  return edges;
}
