import type { AdultIdentifiers, AdultTies, BondEdges, DirectTie, SharedTie } from './bonds.ts';
import { type CountedNetwork, type CountingRules, countedNetwork } from './filters.ts';
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

/** A shared tie with the mirror slot of the young person, event or place it goes through. */
export interface SlotSharedTie extends SharedTie<number> {
  slot: number;
}

/** The ties as adultTies gives them: shared ties with the slot they go through. */
export interface SlotAdultTies extends AdultTies<number> {
  shared: readonly SlotSharedTie[];
}

/** Scratch for sharedTieAt, sized to the mirror's record slots and reused from record to record. */
export interface TieScratch {
  stamp: Int32Array;
  strongest: Float64Array;
}

export function tieScratch(mirror: Mirror): TieScratch {
  return {
    stamp: new Int32Array(mirror.recordSlots).fill(-1),
    strongest: new Float64Array(mirror.recordSlots),
  };
}

/**
 * The adults sharing record n (a young person, event or place), each with the weight of their strongest
 * counted link to it, in id order; undefined unless n counts and at least two adults share it.
 */
export function sharedTieAt(
  mirror: Mirror,
  network: CountedNetwork,
  n: number,
  asOfDay: number,
  halfLifeDays: number,
  scratch: TieScratch,
): SlotSharedTie | undefined {
  const label = mirror.label(n);
  if (network.records[n] !== 1) return undefined;
  const kind = sharedKinds[label];
  if (kind === undefined) return undefined;
  const { stamp, strongest } = scratch;
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
  if (adults.length < 2) return undefined;
  const rank = mirror.idRank();
  adults.sort((a, b) => (rank[a] as number) - (rank[b] as number));
  return {
    slot: n,
    via: mirror.recordId(n),
    kind,
    adults,
    weights: adults.map((adult) => strongest[adult] as number),
  };
}

/** The direct ties of counted link l between counted adults (each once from its start; a loop twice, as it has two ends). */
export function directTiesAt(
  mirror: Mirror,
  network: CountedNetwork,
  l: number,
  asOfDay: number,
  halfLifeDays: number,
): DirectTie<number>[] {
  if (network.links[l] !== 1) return [];
  const source = mirror.from(l);
  const target = mirror.to(l);
  const counts = (n: number) => network.records[n] === 1 && mirror.label(n) === PERSON_OF_INTEREST;
  if (!counts(source) || !counts(target)) return [];
  const tie = {
    source,
    target,
    weight: linkWeight(mirror, l, asOfDay, halfLifeDays),
    link: mirror.linkId(l),
    type: mirrorTypes[mirror.type(l)] as string,
  };
  return source === target ? [tie, { ...tie }] : [tie];
}

/** The phones and vehicles of counted adult n, if it has any. */
export function identifiersAt(
  mirror: Mirror,
  network: CountedNetwork,
  n: number,
): AdultIdentifiers<number> | undefined {
  if (network.records[n] !== 1 || mirror.label(n) !== PERSON_OF_INTEREST) return undefined;
  const { phones, vehicles } = mirror.record(n);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  if (!list(phones).length && !list(vehicles).length) return undefined;
  return { adult: n, phones: list(phones), vehicles: list(vehicles) };
}

/**
 * The ties that bind adults, for group detection: adults sharing a young person, an event or a place (each with the
 * weight of their strongest counted link to it), direct links between adults, and adults' phones and
 * vehicles. Adults are named by their mirror slot; everything is sorted by id, so the bonds and the sums
 * made of them come out the same every time, whatever order the records arrived in.
 */
export function adultTies(mirror: Mirror, { rules, asOf, halfLifeDays }: Weighing): SlotAdultTies {
  const asOfDay = epochDay(asOf);
  const rank = mirror.idRank();
  const byRank = (a: number, b: number) => (rank[a] as number) - (rank[b] as number);
  const network = countedNetwork(mirror, rules);
  const shared: SlotSharedTie[] = [];
  const direct: DirectTie<number>[] = [];
  const identifiers: AdultIdentifiers<number>[] = [];
  const scratch = tieScratch(mirror);
  for (let n = 0; n < mirror.recordSlots; n++) {
    if (network.records[n] !== 1) continue;
    if (mirror.label(n) === PERSON_OF_INTEREST) {
      const found = identifiersAt(mirror, network, n);
      if (found) identifiers.push(found);
      network.forEachTie(
        n,
        (_, l) => {
          // Each direct link once, from its start (a loop is met at both its ends, and counted twice).
          if (mirror.from(l) !== n) return;
          const [tie] = directTiesAt(mirror, network, l, asOfDay, halfLifeDays);
          if (tie) direct.push(tie);
        },
        PERSON_OF_INTEREST,
      );
      continue;
    }
    const tie = sharedTieAt(mirror, network, n, asOfDay, halfLifeDays, scratch);
    if (tie) shared.push(tie);
  }
  shared.sort((a, b) => byRank(a.slot, b.slot));
  identifiers.sort((a, b) => byRank(a.adult, b.adult));
  direct.sort((a, b) => byId(a.link, b.link));
  return { shared, direct, identifiers };
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
