import type { WeightedEdge } from './algorithms/projection.ts';
import type { AdultIdentifiers, DirectTie, SharedTie } from './bonds.ts';
import { type CountingRules, mirrorLinkCounts, mirrorRecordCounts } from './filters.ts';
import { epochDay, LOCATION, type Mirror, mirrorTypes, PERSON_OF_INTEREST, YOUNG_PERSON } from './mirror/mirror.ts';
import { byId } from './top.ts';

/** What the whole-network analyses weigh links by: how good the intelligence is, and how recent. */
export interface Weighing {
  rules: CountingRules;
  /** The date recency is measured from (ISO). */
  asOf: string;
  halfLifeDays: number;
}

const sourceFactor = [0, 1, 0.75, 0.5];
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
 * The ties that bind adults, for group detection: adults sharing a young person or a place (each with the
 * weight of their strongest counted link to it), direct links between adults, and adults' phones and
 * vehicles. Sorted by id, so the bonds and the sums made of them come out the same every time.
 */
export function adultTies(mirror: Mirror, { rules, asOf, halfLifeDays }: Weighing) {
  const asOfDay = epochDay(asOf);
  const { offsets, other, link } = mirror.adjacency();
  const counts = (n: number) => mirrorRecordCounts(mirror, n, rules);
  const shared: SharedTie[] = [];
  const direct: DirectTie[] = [];
  const identifiers: AdultIdentifiers[] = [];
  const strongest = new Map<number, number>();
  for (let n = 0; n < mirror.recordSlots; n++) {
    const label = mirror.label(n);
    if (!counts(n)) continue;
    if (label === PERSON_OF_INTEREST) {
      const { phones, vehicles } = mirror.record(n);
      const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
      if (list(phones).length || list(vehicles).length) {
        identifiers.push({ adult: mirror.recordId(n), phones: list(phones), vehicles: list(vehicles) });
      }
      for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) {
        const l = link[a] as number;
        // Each direct link once, from its start.
        if (mirror.from(l) !== n || mirror.label(other[a] as number) !== PERSON_OF_INTEREST) continue;
        if (!mirrorLinkCounts(mirror, l, rules) || !counts(other[a] as number)) continue;
        direct.push({
          source: mirror.recordId(n),
          target: mirror.recordId(other[a] as number),
          weight: linkWeight(mirror, l, asOfDay, halfLifeDays),
          link: mirror.linkId(l),
          type: mirrorTypes[mirror.type(l)] as string,
        });
      }
      continue;
    }
    if (label !== YOUNG_PERSON && label !== LOCATION) continue;
    strongest.clear();
    for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) {
      const adult = other[a] as number;
      const l = link[a] as number;
      if (mirror.label(adult) !== PERSON_OF_INTEREST || !mirrorLinkCounts(mirror, l, rules) || !counts(adult)) continue;
      strongest.set(adult, Math.max(strongest.get(adult) ?? 0, linkWeight(mirror, l, asOfDay, halfLifeDays)));
    }
    if (strongest.size < 2) continue;
    const adults = [...strongest.keys()].map((adult) => ({
      id: mirror.recordId(adult),
      weight: strongest.get(adult) ?? 0,
    }));
    adults.sort((a, b) => byId(a.id, b.id));
    shared.push({
      via: mirror.recordId(n),
      kind: label === YOUNG_PERSON ? 'young-person' : 'location',
      adults: adults.map((adult) => adult.id),
      weights: adults.map((adult) => adult.weight),
    });
  }
  shared.sort((a, b) => byId(a.via, b.via));
  direct.sort((a, b) => byId(a.link, b.link));
  identifiers.sort((a, b) => byId(a.adult, b.adult));
  return { shared, direct, identifiers };
}

/** Every counted link between counted records of the given labels, weighed; and which of its ends are adults. */
export function weightedLinks(mirror: Mirror, labels: readonly number[], { rules, asOf, halfLifeDays }: Weighing) {
  const asOfDay = epochDay(asOf);
  const wanted = (n: number) => labels.includes(mirror.label(n)) && mirrorRecordCounts(mirror, n, rules);
  const edges: WeightedEdge[] = [];
  const ids = new Set<string>();
  const adults = new Set<string>();
  for (let l = 0; l < mirror.linkSlots; l++) {
    if (!mirror.isLink(l) || !mirrorLinkCounts(mirror, l, rules)) continue;
    const from = mirror.from(l);
    const to = mirror.to(l);
    if (!wanted(from) || !wanted(to)) continue;
    const source = mirror.recordId(from);
    const target = mirror.recordId(to);
    edges.push({ source, target, weight: linkWeight(mirror, l, asOfDay, halfLifeDays) });
    ids.add(source);
    ids.add(target);
    if (mirror.label(from) === PERSON_OF_INTEREST) adults.add(source);
    if (mirror.label(to) === PERSON_OF_INTEREST) adults.add(target);
  }
  return { edges, ids, adults };
}
