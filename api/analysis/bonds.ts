import { TopK } from './top.ts';

/**
 * What binds two adults, for organised-group detection. Pure: the service fetches the ties, this turns
 * them into weighted adult–adult bonds and, for the groups found, into the evidence a user can read.
 */

export type BondKind = 'young-person' | 'event' | 'location' | 'associate' | 'phone' | 'vehicle';

/**
 * How much each kind of bond counts, relative to sharing a young person. Sharing a child or a phone is
 * strong; being tied to the same place is weaker, since places are shared by chance too.
 */
export const bondFactors: Readonly<Record<BondKind, number>> = {
  'young-person': 1,
  event: 1,
  associate: 1,
  phone: 1,
  vehicle: 0.8,
  location: 0.5,
};

/*
 * Adults are named by `Id`: their record ids (strings), or any other key that names one adult, such as a
 * slot in the analysis mirror, which spares a large network a string per bond. `compare` orders them.
 */

/** Adults tied to one young person, event or place, each with the weight of their strongest counted link to it. */
export interface SharedTie<Id = string> {
  via: string;
  kind: 'young-person' | 'event' | 'location';
  adults: Id[];
  weights: number[];
}

/** A direct link between two adults. */
export interface DirectTie<Id = string> {
  source: Id;
  target: Id;
  weight: number;
  link: string;
  type: string;
}

export interface AdultIdentifiers<Id = string> {
  adult: Id;
  phones: string[];
  vehicles: string[];
}

export interface BondOptions<Id = string> {
  /**
   * A young person, place, phone or vehicle shared by more adults than this binds none of them: a
   * shopping centre a thousand adults pass through says nothing about who works together, and its
   * pairs alone would swamp the work.
   */
  hubLimit: number;
  /** The order of adults (default: ids by code point, as Cypher orders them). */
  compare?: (a: Id, b: Id) => number;
}

const byCodePoint = <Id>(a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);

export interface BondReason {
  kind: BondKind;
  /** The shared young person or place, or the direct link's id. */
  via?: string;
  /** The shared phone number or vehicle registration. */
  value?: string;
  weight: number;
}

/** What a contribution comes from: made once per tie and shared by every pair it binds. */
type BondOrigin = Omit<BondReason, 'weight'>;

/** One pair's share of one tie. Positional, since it runs once per pair: millions of times in a large network. */
type Visit<Id> = (a: Id, b: Id, weight: number, origin: BondOrigin) => void;

/** Phone numbers compared by their digits, registrations without spaces or case. */
export function normaliseIdentifier(kind: 'phone' | 'vehicle', value: string): string {
  if (kind === 'vehicle') return value.replace(/\s+/g, '').toUpperCase();
  const digits = value.replace(/[^0-9+]/g, '');
  // +44 7700 …, +44 (0)7700 … and 07700 … are one UK number.
  return digits.startsWith('+44') ? `0${digits.slice(3).replace(/^0/, '')}` : digits;
}

/** Adults holding one phone number or vehicle registration. */
export type IdentifierTie<Id> = { kind: 'phone' | 'vehicle'; value: string; adults: Set<Id> };

/** The key a phone or vehicle is compared by, or undefined for a value too short to bind anyone. */
export function identifierKey(kind: 'phone' | 'vehicle', raw: string): string | undefined {
  const value = normaliseIdentifier(kind, raw);
  return value.length < 3 ? undefined : `${kind}:${value}`;
}

/** What each pair of the k adults sharing a young person, event or place gets, per unit of the weaker link. */
export function sharedFactor(kind: SharedTie['kind'], k: number): number {
  return bondFactors[kind] / (k - 1);
}

/** What each pair of the k adults sharing a phone or vehicle gets. */
export function identifierWeight(kind: 'phone' | 'vehicle', k: number): number {
  return bondFactors[kind] / (k - 1);
}
/** Identifier ties by the list they were found in: bonds and their evidence read the same list. */
const identifierTiesOf = new WeakMap<readonly AdultIdentifiers<unknown>[], IdentifierTie<unknown>[]>();

/** Adults sharing a phone or vehicle, worked out once per list of identifiers. */
export function identifierTies<Id>(identifiers: readonly AdultIdentifiers<Id>[]): IdentifierTie<Id>[] {
  let found = identifierTiesOf.get(identifiers) as IdentifierTie<Id>[] | undefined;
  if (!found) {
    found = findIdentifierTies(identifiers);
    identifierTiesOf.set(identifiers, found);
  }
  return found;
}

function findIdentifierTies<Id>(identifiers: readonly AdultIdentifiers<Id>[]): IdentifierTie<Id>[] {
  const byValue = new Map<string, { kind: 'phone' | 'vehicle'; value: string; adults: Set<Id> }>();
  for (const { adult, phones, vehicles } of identifiers) {
    for (const [kind, values] of [
      ['phone', phones],
      ['vehicle', vehicles],
    ] as const) {
      for (const raw of values) {
        const key = identifierKey(kind, raw);
        if (key === undefined) continue;
        const value = key.slice(kind.length + 1);
        const entry = byValue.get(key) ?? { kind, value, adults: new Set<Id>() };
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
 * With `groupOf`, pairs are visited only between adults of one group (in the same order as without it),
 * so explaining a few groups does not walk every pair of a large network.
 */
function forEachContribution<Id>(
  { shared, direct, identifiers }: AdultTies<Id>,
  options: BondOptions<Id>,
  visit: Visit<Id>,
  groupOf?: (adult: Id) => number | undefined,
): { skippedHubs: number } {
  let skippedHubs = 0;
  const chosen: number[] = [];
  const groups: number[] = [];
  /** The positions of `adults` to pair up (all, or those in a group), with each one's group. */
  const positions = (adults: readonly Id[]) => {
    chosen.length = 0;
    groups.length = 0;
    for (let i = 0; i < adults.length; i++) {
      if (!groupOf) {
        chosen.push(i);
        continue;
      }
      const group = groupOf(adults[i] as Id);
      if (group === undefined) continue;
      chosen.push(i);
      groups.push(group);
    }
    return chosen;
  };
  for (const tie of shared) {
    const k = tie.adults.length;
    if (k < 2) continue;
    if (k > options.hubLimit) {
      skippedHubs += 1;
      continue;
    }
    const at = positions(tie.adults);
    if (at.length < 2) continue;
    const factor = sharedFactor(tie.kind, k);
    const origin = { kind: tie.kind, via: tie.via };
    for (let x = 0; x < at.length; x += 1) {
      const i = at[x] as number;
      for (let y = x + 1; y < at.length; y += 1) {
        if (groupOf && groups[x] !== groups[y]) continue;
        const j = at[y] as number;
        const a = tie.adults[i] as Id;
        const b = tie.adults[j] as Id;
        visit(a, b, Math.min(tie.weights[i] ?? 0, tie.weights[j] ?? 0) * factor, origin);
      }
    }
  }
  for (const link of direct) {
    if (groupOf) {
      const group = groupOf(link.source);
      if (group === undefined || groupOf(link.target) !== group) continue;
    }
    visit(link.source, link.target, link.weight * bondFactors.associate, { kind: 'associate', via: link.link });
  }
  for (const { kind, value, adults } of identifierTies(identifiers)) {
    const members = [...adults].sort(options.compare ?? byCodePoint);
    if (members.length > options.hubLimit) {
      skippedHubs += 1;
      continue;
    }
    const at = positions(members);
    if (at.length < 2) continue;
    const weight = identifierWeight(kind, members.length);
    const origin = { kind, value };
    for (let x = 0; x < at.length; x += 1) {
      for (let y = x + 1; y < at.length; y += 1) {
        if (groupOf && groups[x] !== groups[y]) continue;
        visit(members[at[x] as number] as Id, members[at[y] as number] as Id, weight, origin);
      }
    }
  }
  return { skippedHubs };
}

/** Everything that can bind two adults, as the service reads it. */
export interface AdultTies<Id = string> {
  shared: readonly SharedTie<Id>[];
  direct: readonly DirectTie<Id>[];
  identifiers: readonly AdultIdentifiers<Id>[];
}

/** Bonds as columns: bond k joins from[k] and to[k] with weight[k]; a pair may appear more than once. */
export interface BondEdges<Id = string> {
  from: Id[];
  to: Id[];
  weight: number[];
}

/** Bonds between adults named by number (mirror slots), in typed columns. */
export interface SlotBondEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * The same bonds as adultBonds, for adults named by mirror slot, written into typed columns: a large
 * network has most of a million, and plain arrays of them cost their growth and the collector's time.
 */
export function slotBonds(
  ties: AdultTies<number>,
  options: BondOptions<number>,
): { edges: SlotBondEdges; skippedHubs: number } {
  let from = new Int32Array(1024);
  let to = new Int32Array(1024);
  let weight = new Float64Array(1024);
  let length = 0;
  const { skippedHubs } = forEachContribution(ties, options, (a, b, w) => {
    if (a === b || w <= 0) return;
    if (length === from.length) {
      const grow = <T extends Int32Array | Float64Array>(column: T, make: (size: number) => T) => {
        const grown = make(column.length * 2);
        grown.set(column);
        return grown;
      };
      from = grow(from, (size) => new Int32Array(size));
      to = grow(to, (size) => new Int32Array(size));
      weight = grow(weight, (size) => new Float64Array(size));
    }
    from[length] = a;
    to[length] = b;
    weight[length] = w;
    length++;
  });
  return {
    edges: { from: from.subarray(0, length), to: to.subarray(0, length), weight: weight.subarray(0, length) },
    skippedHubs,
  };
}

/** The weighted adult–adult bonds (parallel bonds are summed when the projection is built). */
export function adultBonds<Id>(
  ties: AdultTies<Id>,
  options: BondOptions<Id>,
): { edges: BondEdges<Id>; skippedHubs: number } {
  const edges: BondEdges<Id> = { from: [], to: [], weight: [] };
  const { skippedHubs } = forEachContribution(ties, options, (a, b, weight) => {
    if (a === b || weight <= 0) return;
    edges.from.push(a);
    edges.to.push(b);
    edges.weight.push(weight);
  });
  return { edges, skippedHubs };
}

export interface Bond<Id = string> {
  adults: [Id, Id];
  weight: number;
  reasons: BondReason[];
}

/** What a group's bonds are listed as: the strongest, and how many there are in all. */
export interface GroupBonds<Id = string> {
  bonds: Bond<Id>[];
  /** Every bond of at least the minimum weight, listed or not. */
  count: number;
}

export interface ListedBonds {
  /** The most bonds listed per group (default: all). */
  limit?: number;
  /** Lighter bonds are neither listed nor counted (default 0). */
  minWeight?: number;
}

/**
 * The bonds inside each group, strongest first, each with every reason that makes it up. A large group has
 * tens of thousands of bonded pairs, so the pairs are weighed first and only the listed ones are explained:
 * a second walk over the ties collects the reasons of those alone, in the order the first walk summed them.
 */
export function explainGroups<Id>(
  groupOf: ReadonlyMap<Id, number>,
  ties: AdultTies<Id>,
  options: BondOptions<Id>,
  listed: ListedBonds = {},
): Map<number, GroupBonds<Id>> {
  const compare = options.compare ?? byCodePoint;
  const limit = listed.limit ?? Number.POSITIVE_INFINITY;
  const minWeight = listed.minWeight ?? 0;

  // Each pair's weight, under its first adult then its second.
  const weightOf = new Map<Id, Map<Id, number>>();
  forEachContribution(
    ties,
    options,
    (a, b, weight) => {
      const first = compare(a, b) < 0 ? a : b;
      const second = first === a ? b : a;
      let row = weightOf.get(first);
      if (!row) {
        row = new Map();
        weightOf.set(first, row);
      }
      row.set(second, (row.get(second) ?? 0) + weight);
    },
    (adult) => groupOf.get(adult),
  );

  const strongest = (x: Bond<Id>, y: Bond<Id>) =>
    y.weight - x.weight || compare(x.adults[0], y.adults[0]) || compare(x.adults[1], y.adults[1]);
  const tops = new Map<number, { top: TopK<Bond<Id>>; count: number }>();
  for (const [first, row] of weightOf) {
    const group = groupOf.get(first) as number;
    let entry = tops.get(group);
    if (!entry) {
      entry = { top: new TopK(limit, strongest), count: 0 };
      tops.set(group, entry);
    }
    for (const [second, weight] of row) {
      if (weight < minWeight) continue;
      entry.count += 1;
      entry.top.offer({ adults: [first, second], weight, reasons: [] });
    }
  }

  // The reasons of the listed bonds alone.
  const listedBond = new Map<Id, Map<Id, Bond<Id>>>();
  const byGroup = new Map<number, GroupBonds<Id>>();
  for (const [group, { top, count }] of tops) {
    const bonds = top.sorted();
    byGroup.set(group, { bonds, count });
    for (const bond of bonds) {
      const [first, second] = bond.adults;
      const row = listedBond.get(first) ?? new Map<Id, Bond<Id>>();
      row.set(second, bond);
      listedBond.set(first, row);
    }
  }
  const inListed = new Set<Id>();
  for (const [first, row] of listedBond) {
    inListed.add(first);
    for (const second of row.keys()) inListed.add(second);
  }
  const bondOf = (a: Id, b: Id) => (compare(a, b) < 0 ? listedBond.get(a)?.get(b) : listedBond.get(b)?.get(a));
  forEachContribution(
    ties,
    options,
    (a, b, weight, origin) => bondOf(a, b)?.reasons.push({ ...origin, weight }),
    (adult) => (inListed.has(adult) ? groupOf.get(adult) : undefined),
  );
  for (const { bonds } of byGroup.values()) for (const bond of bonds) bond.reasons.sort((x, y) => y.weight - x.weight);
  return byGroup;
}
