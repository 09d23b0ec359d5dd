import type { WeightedEdge } from './algorithms/projection.ts';

/**
 * What binds two adults, for organised-group detection. Pure: the service fetches the ties, this turns
 * them into weighted adult–adult bonds and, for the groups found, into the evidence a user can read.
 */

export type BondKind = 'young-person' | 'location' | 'associate' | 'phone' | 'vehicle';

/**
 * How much each kind of bond counts, relative to sharing a young person. Sharing a child or a phone is
 * strong; being tied to the same place is weaker, since places are shared by chance too.
 */
export const bondFactors: Readonly<Record<BondKind, number>> = {
  'young-person': 1,
  associate: 1,
  phone: 1,
  vehicle: 0.8,
  location: 0.5,
};

/** Adults tied to one young person or place, each with the weight of their strongest counted link to it. */
export interface SharedTie {
  via: string;
  kind: 'young-person' | 'location';
  adults: string[];
  weights: number[];
}

/** A direct link between two adults. */
export interface DirectTie {
  source: string;
  target: string;
  weight: number;
  link: string;
  type: string;
}

export interface AdultIdentifiers {
  adult: string;
  phones: string[];
  vehicles: string[];
}

export interface BondOptions {
  /**
   * A young person, place, phone or vehicle shared by more adults than this binds none of them: a
   * shopping centre a thousand adults pass through says nothing about who works together, and its
   * pairs alone would swamp the work.
   */
  hubLimit: number;
}

export interface BondReason {
  kind: BondKind;
  /** The shared young person or place, or the direct link's id. */
  via?: string;
  /** The shared phone number or vehicle registration. */
  value?: string;
  weight: number;
}

interface Contribution {
  a: string;
  b: string;
  reason: BondReason;
}

/** Phone numbers compared by their digits, registrations without spaces or case. */
export function normaliseIdentifier(kind: 'phone' | 'vehicle', value: string): string {
  if (kind === 'vehicle') return value.replace(/\s+/g, '').toUpperCase();
  const digits = value.replace(/[^0-9+]/g, '');
  // +44 7700 …, +44 (0)7700 … and 07700 … are one UK number.
  return digits.startsWith('+44') ? `0${digits.slice(3).replace(/^0/, '')}` : digits;
}

function identifierTies(identifiers: readonly AdultIdentifiers[]) {
  const byValue = new Map<string, { kind: 'phone' | 'vehicle'; value: string; adults: Set<string> }>();
  for (const { adult, phones, vehicles } of identifiers) {
    for (const [kind, values] of [
      ['phone', phones],
      ['vehicle', vehicles],
    ] as const) {
      for (const raw of values) {
        const value = normaliseIdentifier(kind, raw);
        if (value.length < 3) continue;
        const key = `${kind}:${value}`;
        const entry = byValue.get(key) ?? { kind, value, adults: new Set<string>() };
        entry.adults.add(adult);
        byValue.set(key, entry);
      }
    }
  }
  return [...byValue.values()].filter((entry) => entry.adults.size >= 2);
}

/**
 * Every pairwise contribution, through one callback so the bonds and their evidence cannot disagree.
 * A tie shared by k adults adds min(wa, wb) / (k - 1) to each pair (Newman's weighting for shared
 * membership), so one child or place shared by many adults does not outweigh a few shared closely.
 */
function forEachContribution(
  shared: readonly SharedTie[],
  direct: readonly DirectTie[],
  identifiers: readonly AdultIdentifiers[],
  options: BondOptions,
  keep: (a: string, b: string) => boolean,
  visit: (contribution: Contribution) => void,
): { skippedHubs: number } {
  let skippedHubs = 0;
  for (const tie of shared) {
    const k = tie.adults.length;
    if (k < 2) continue;
    if (k > options.hubLimit) {
      skippedHubs += 1;
      continue;
    }
    const factor = bondFactors[tie.kind] / (k - 1);
    for (let i = 0; i < k; i += 1) {
      for (let j = i + 1; j < k; j += 1) {
        const a = tie.adults[i] as string;
        const b = tie.adults[j] as string;
        if (!keep(a, b)) continue;
        const weight = Math.min(tie.weights[i] ?? 0, tie.weights[j] ?? 0) * factor;
        visit({ a, b, reason: { kind: tie.kind, via: tie.via, weight } });
      }
    }
  }
  for (const link of direct) {
    if (!keep(link.source, link.target)) continue;
    const weight = link.weight * bondFactors.associate;
    visit({ a: link.source, b: link.target, reason: { kind: 'associate', via: link.link, weight } });
  }
  for (const { kind, value, adults } of identifierTies(identifiers)) {
    const members = [...adults].sort();
    if (members.length > options.hubLimit) {
      skippedHubs += 1;
      continue;
    }
    const weight = bondFactors[kind] / (members.length - 1);
    for (let i = 0; i < members.length; i += 1) {
      for (let j = i + 1; j < members.length; j += 1) {
        const a = members[i] as string;
        const b = members[j] as string;
        if (keep(a, b)) visit({ a, b, reason: { kind, value, weight } });
      }
    }
  }
  return { skippedHubs };
}

/** The weighted adult–adult bonds (parallel bonds are summed when the projection is built). */
export function adultBonds(
  shared: readonly SharedTie[],
  direct: readonly DirectTie[],
  identifiers: readonly AdultIdentifiers[],
  options: BondOptions,
): { edges: WeightedEdge[]; skippedHubs: number } {
  const edges: WeightedEdge[] = [];
  const { skippedHubs } = forEachContribution(
    shared,
    direct,
    identifiers,
    options,
    () => true,
    ({ a, b, reason }) => {
      if (a !== b && reason.weight > 0) edges.push({ source: a, target: b, weight: reason.weight });
    },
  );
  return { edges, skippedHubs };
}

export interface Bond {
  adults: [string, string];
  weight: number;
  reasons: BondReason[];
}

/** The bonds inside each group, strongest first, with every reason that makes them up. */
export function explainGroups(
  groupOf: ReadonlyMap<string, number>,
  shared: readonly SharedTie[],
  direct: readonly DirectTie[],
  identifiers: readonly AdultIdentifiers[],
  options: BondOptions,
): Map<number, Bond[]> {
  const bonds = new Map<string, Bond & { group: number }>();
  const sameGroup = (a: string, b: string) => groupOf.has(a) && groupOf.get(a) === groupOf.get(b);
  forEachContribution(shared, direct, identifiers, options, sameGroup, ({ a, b, reason }) => {
    const pair: [string, string] = a < b ? [a, b] : [b, a];
    const key = pair.join(' ');
    const bond = bonds.get(key) ?? { adults: pair, weight: 0, reasons: [], group: groupOf.get(a) as number };
    bond.weight += reason.weight;
    bond.reasons.push(reason);
    bonds.set(key, bond);
  });
  const byGroup = new Map<number, Bond[]>();
  for (const { group, ...bond } of bonds.values()) {
    bond.reasons.sort((x, y) => y.weight - x.weight);
    const list = byGroup.get(group) ?? [];
    list.push(bond);
    byGroup.set(group, list);
  }
  for (const list of byGroup.values()) {
    list.sort(
      (x, y) => y.weight - x.weight || x.adults[0].localeCompare(y.adults[0]) || x.adults[1].localeCompare(y.adults[1]),
    );
  }
  return byGroup;
}
