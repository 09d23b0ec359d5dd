import { z } from 'zod';
import { isoDay } from '../graph-schema/calendar.ts';
import { type NodeLabel, relationshipDeclarations } from '../graph-schema/index.ts';

/** The labels the generator makes: the three sides of the triangle (it plants no events). */
export type SyntheticLabel = Exclude<NodeLabel, 'Event'>;

import {
  createRandom,
  popularityWeights,
  type Random,
  type Weighted,
  type WeightedDraw,
  weightedDraw,
} from './synthetic-random.ts';
import {
  type DayRange,
  evidenceRange,
  type IdentifierIssuer,
  identifierIssuer,
  linkRecord,
  locationRecord,
  personOfInterestRecord,
  type SyntheticLink,
  type SyntheticLocation,
  type SyntheticPersonOfInterest,
  type SyntheticYoungPerson,
  youngPersonRecord,
} from './synthetic-records.ts';

export type {
  SyntheticLink,
  SyntheticLocation,
  SyntheticPersonOfInterest,
  SyntheticYoungPerson,
} from './synthetic-records.ts';

/**
 * A synthetic network for benchmarks and for checking group detection: heavy-tailed background links,
 * organised groups of adults planted in it, and noise links that blur the groups' edges. Pure and
 * deterministic: the same options give the same network, ids included.
 */

/** A planted group has 4 to 12 adults, and at least two young people and one place of its own. */
const minimumGroupSize = 4;
const maximumGroupSize = 12;
const minimumPool = 2;

const count = z
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(1_000_000, { error: 'must be at most 1000000' });

export const syntheticOptionsSchema = z
  .object({
    youngPeople: count,
    adults: count,
    locations: count,
    groups: count,
    seed: z
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must not be negative' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' }),
    /** The share of the links touching a planted group that lead out of it (the mixing of LFR benchmarks). */
    noise: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be from 0 up to (not including) 1' })
      .lt(1, { error: 'must be from 0 up to (not including) 1' })
      .default(0.2),
    /** Links per node overall; twice this is the average degree. */
    linksPerNode: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must not be negative' })
      .max(100, { error: 'must be at most 100' })
      .default(5),
    /** The young people's reference codes are PREFIX-000001 …; another prefix keeps two loads apart. */
    referencePrefix: z
      .string()
      .regex(/^[A-Z]{2,5}$/, { error: 'must be 2 to 5 capital letters' })
      .default('SYN'),
  })
  .check((context) => {
    const { groups, adults, youngPeople, locations } = context.value;
    const need = (field: string, minimum: number, what: string) => {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: [field],
        message: `must be at least ${minimum} for ${groups} group${groups === 1 ? '' : 's'} (${what} per group)`,
      });
    };
    if (adults < groups * minimumGroupSize) need('adults', groups * minimumGroupSize, `${minimumGroupSize} adults`);
    if (youngPeople < groups * minimumPool) need('youngPeople', groups * minimumPool, `${minimumPool} young people`);
    if (locations < groups) need('locations', groups, 'one location');
  });

export type SyntheticOptionsInput = z.input<typeof syntheticOptionsSchema>;
export type SyntheticOptions = z.output<typeof syntheticOptionsSchema>;

export interface PlantedGroupTruth {
  id: string;
  /** The persons of interest in the group: what group detection should find together. */
  members: string[];
  /** The young people the group shares. */
  youngPeople: string[];
  /** The places the group uses. */
  locations: string[];
  /** Phones and vehicles held by two or more members. */
  phones: string[];
  vehicles: string[];
  /** The planted links were first seen within these dates. */
  activeFrom: string;
  activeTo: string;
}

export interface GroundTruth {
  seed: number;
  options: SyntheticOptions;
  /** Links binding the planted groups, links leading out of them, and links among everyone else. */
  linkCounts: { planted: number; noise: number; background: number };
  groups: PlantedGroupTruth[];
}

export interface SyntheticNetwork {
  youngPeople: SyntheticYoungPerson[];
  personsOfInterest: SyntheticPersonOfInterest[];
  locations: SyntheticLocation[];
  links: SyntheticLink[];
  groundTruth: GroundTruth;
}

/**
 * How steeply popularity falls with rank, by label. The busiest of n nodes has about n^e · (1 - e) times
 * the label's mean degree: at 100k records a hotspot with several hundred links, a young person with a
 * few hundred, rather than one node linked to everyone.
 */
const popularityExponent: Record<SyntheticLabel, number> = { YoungPerson: 0.4, PersonOfInterest: 0.45, Location: 0.5 };

/** How tightly a planted group is bound: the chance of each tie among its members, young people and places. */
const groupTies = {
  adultPair: 0.35,
  adultToYoungPerson: 0.5,
  adultToPlace: 0.6,
  youngPersonToPlace: 0.4,
  youngPersonPair: 0.3,
};

const adultToYoungPersonTypes: Weighted<string> = [
  ['OLDER_PARTNER_OF', 2],
  ['CONTROLS', 2],
  ['SUPPLIES', 3],
  ['DRIVES', 2],
  ['RECRUITS', 1],
  ['ASSOCIATE_OF', 4],
  ['FAMILY_OF', 1],
];
const adultToAdultTypes: Weighted<string> = [
  ['ASSOCIATE_OF', 9],
  ['FAMILY_OF', 1],
];
const youngPersonToYoungPersonTypes: Weighted<string> = [
  ['PEER_OF', 8],
  ['RECRUITS', 1],
  ['FAMILY_OF', 1],
];
const personToPlaceTypes: Weighted<string> = [
  ['SEEN_AT', 5],
  ['FREQUENTS', 4],
  ['LIVES_AT', 1],
];

/** The kinds of link outside the planted structure, each with its share of the background. */
export const linkFamilies: readonly {
  from: SyntheticLabel;
  to: SyntheticLabel;
  weight: number;
  types: Weighted<string>;
}[] = [
  { from: 'PersonOfInterest', to: 'YoungPerson', weight: 16, types: adultToYoungPersonTypes },
  { from: 'PersonOfInterest', to: 'PersonOfInterest', weight: 9, types: adultToAdultTypes },
  { from: 'YoungPerson', to: 'YoungPerson', weight: 10, types: youngPersonToYoungPersonTypes },
  { from: 'YoungPerson', to: 'Location', weight: 20, types: personToPlaceTypes },
  { from: 'PersonOfInterest', to: 'Location', weight: 16, types: personToPlaceTypes },
];
type LinkFamily = (typeof linkFamilies)[number];

/** Types whose meaning has no direction between two nodes of one label, so A→B and B→A are one link. */
const undirected = new Set(['PEER_OF', 'FAMILY_OF', 'ASSOCIATE_OF']);

/** Nodes are numbered across labels — young people, then adults, then places — so links are pairs of numbers. */
interface Layout {
  total: number;
  start: Record<SyntheticLabel, number>;
  size: Record<SyntheticLabel, number>;
  labelOf(node: number): SyntheticLabel;
  nodesOf(label: SyntheticLabel): number[];
}

interface PlantedGroup {
  index: number;
  members: number[];
  youngPeople: number[];
  locations: number[];
  phones: string[];
  vehicles: string[];
  district: number;
  window: DayRange;
}

export function generateSynthetic(input: SyntheticOptionsInput): SyntheticNetwork {
  const parsed = syntheticOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid synthetic network options: ${problems.join('; ')}`);
  }
  const options = parsed.data;
  const random = createRandom(options.seed);
  const layout = layoutOf(options);
  const issue = identifierIssuer();
  const groups = planGroups(options, layout, issue, random);
  const groupOf = new Int32Array(layout.total).fill(-1);
  for (const group of groups) {
    for (const node of [...group.members, ...group.youngPeople, ...group.locations]) groupOf[node] = group.index;
  }
  const ids = Array.from({ length: layout.total }, () => random.uuid());
  const records = buildRecords({ options, layout, groups, groupOf, ids, issue, random });

  const book = linkBook({ layout, ids, random, referencePrefix: options.referencePrefix });
  const outsiders = outsidersByPopularity(layout, groupOf, random);
  const plantedByGroup = groups.map((group) => plantGroup(group, book, random));
  const planted = book.size();
  for (const links of plantedByGroup) addNoise({ links, noise: options.noise, book, layout, outsiders, random });
  const noise = book.size() - planted;
  const target = Math.round(options.linksPerNode * layout.total);
  addBackground({ target: target - book.size(), book, outsiders, random });

  const idsOf = (nodes: number[]) => nodes.map((node) => ids[node] as string);
  return {
    ...records,
    links: book.links,
    groundTruth: {
      seed: options.seed,
      options,
      linkCounts: { planted, noise, background: book.size() - planted - noise },
      groups: groups.map((group) => ({
        id: `group-${String(group.index + 1).padStart(4, '0')}`,
        members: idsOf(group.members),
        youngPeople: idsOf(group.youngPeople),
        locations: idsOf(group.locations),
        phones: group.phones,
        vehicles: group.vehicles,
        activeFrom: isoDay(group.window.from),
        activeTo: isoDay(group.window.to),
      })),
    },
  };
}

function layoutOf(options: SyntheticOptions): Layout {
  const size = { YoungPerson: options.youngPeople, PersonOfInterest: options.adults, Location: options.locations };
  const start = {
    YoungPerson: 0,
    PersonOfInterest: size.YoungPerson,
    Location: size.YoungPerson + size.PersonOfInterest,
  };
  return {
    total: start.Location + size.Location,
    start,
    size,
    labelOf: (node) =>
      node < start.PersonOfInterest ? 'YoungPerson' : node < start.Location ? 'PersonOfInterest' : 'Location',
    nodesOf: (label) => Array.from({ length: size[label] }, (_, i) => start[label] + i),
  };
}

/** Group sizes of 4 to 12 adults, each group with its own young people and places, none shared between groups. */
function planGroups(
  options: SyntheticOptions,
  layout: Layout,
  issue: IdentifierIssuer,
  random: Random,
): PlantedGroup[] {
  const count = options.groups;
  const sizes = fitWithin(
    Array.from({ length: count }, () => random.int(minimumGroupSize, maximumGroupSize)),
    options.adults,
    minimumGroupSize,
  );
  const youngPeople = fitWithin(
    sizes.map((size) => Math.max(minimumPool, Math.round(size * (0.75 + random.next() * 0.5)))),
    options.youngPeople,
    minimumPool,
  );
  const places = fitWithin(
    sizes.map((size) => random.int(2, 2 + Math.floor(size / 4))),
    options.locations,
    1,
  );
  const adultOrder = random.shuffle(layout.nodesOf('PersonOfInterest'));
  const youngPersonOrder = random.shuffle(layout.nodesOf('YoungPerson'));
  const placeOrder = random.shuffle(layout.nodesOf('Location'));
  const taken = { adults: 0, youngPeople: 0, places: 0 };
  const take = (order: number[], key: keyof typeof taken, n: number) => {
    const slice = order.slice(taken[key], taken[key] + n);
    taken[key] += n;
    return slice;
  };
  return sizes.map((size, index) => {
    const members = take(adultOrder, 'adults', size);
    const start = random.int(evidenceRange.from, evidenceRange.to - 180);
    return {
      index,
      members,
      youngPeople: take(youngPersonOrder, 'youngPeople', youngPeople[index] ?? minimumPool),
      locations: take(placeOrder, 'places', places[index] ?? 1),
      phones: Array.from({ length: size >= 8 ? 2 : 1 }, issue.phone),
      vehicles: [issue.vehicle()],
      district: random.int(1, 98),
      window: { from: start, to: Math.min(evidenceRange.to, start + random.int(180, 720)) },
    };
  });
}

/** Shrinks the sizes in proportion, none below the minimum, until they add up to no more than the limit. */
function fitWithin(sizes: number[], limit: number, minimum: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= limit) return sizes;
  const spare = limit - minimum * sizes.length;
  const scale = spare / (total - minimum * sizes.length);
  return sizes.map((size) => minimum + Math.floor((size - minimum) * scale));
}

function buildRecords({
  options,
  layout,
  groups,
  groupOf,
  ids,
  issue,
  random,
}: {
  options: SyntheticOptions;
  layout: Layout;
  groups: PlantedGroup[];
  groupOf: Int32Array;
  ids: string[];
  issue: IdentifierIssuer;
  random: Random;
}) {
  const holdings = sharedHoldings(groups, random);
  const nodeId = (node: number) => ids[node] as string;
  const youngPeople = layout.nodesOf('YoungPerson').map((node, i) =>
    youngPersonRecord(random, {
      id: nodeId(node),
      number: i + 1,
      reference: `${options.referencePrefix}-${String(i + 1).padStart(6, '0')}`,
      inGroup: (groupOf[node] as number) >= 0,
    }),
  );
  const personsOfInterest = layout.nodesOf('PersonOfInterest').map((node, i) => {
    const held = holdings.get(node);
    const phones = Array.from({ length: random.weighted(personalPhoneCounts) }, issue.phone);
    const vehicles = random.chance(0.3) ? [issue.vehicle()] : [];
    return personOfInterestRecord(random, {
      id: nodeId(node),
      number: i + 1,
      phones: [...phones, ...(held?.phones ?? [])],
      vehicles: [...vehicles, ...(held?.vehicles ?? [])],
      inGroup: (groupOf[node] as number) >= 0,
    });
  });
  const locations = layout.nodesOf('Location').map((node, i) => {
    const group = groups[groupOf[node] as number];
    return locationRecord(random, {
      id: nodeId(node),
      number: i + 1,
      // A group's places lie in one postcode district, as a local group's would.
      district: group?.district ?? random.int(1, 98),
      inGroup: group !== undefined,
    });
  });
  return { youngPeople, personsOfInterest, locations };
}

/** Most adults have one phone of their own, some none (or none known), a few two. */
const personalPhoneCounts: Weighted<number> = [
  [0, 20],
  [1, 65],
  [2, 15],
];

/** Each shared phone and vehicle goes to two to four members of its group: a pivot that binds them. */
function sharedHoldings(groups: PlantedGroup[], random: Random) {
  const holdings = new Map<number, { phones: string[]; vehicles: string[] }>();
  const holdingOf = (node: number) => {
    const existing = holdings.get(node);
    if (existing) return existing;
    const created = { phones: [] as string[], vehicles: [] as string[] };
    holdings.set(node, created);
    return created;
  };
  for (const group of groups) {
    const share = (value: string, kind: 'phones' | 'vehicles') => {
      const holders = random.shuffle([...group.members]).slice(0, random.int(2, Math.min(4, group.members.length)));
      for (const holder of holders) holdingOf(holder)[kind].push(value);
    };
    for (const phone of group.phones) share(phone, 'phones');
    for (const vehicle of group.vehicles) share(vehicle, 'vehicles');
  }
  return holdings;
}

type LinkBook = ReturnType<typeof linkBook>;

/** The links made so far, with their ends as node numbers, refusing self-links and duplicates. */
function linkBook({
  layout,
  ids,
  random,
  referencePrefix,
}: {
  layout: Layout;
  ids: string[];
  random: Random;
  referencePrefix: string;
}) {
  const links: SyntheticLink[] = [];
  const ends: number[] = [];
  const seen = new Set<number>();
  const typeNumber = new Map(relationshipDeclarations.map((declaration, i) => [declaration.type, i]));
  const n = layout.total;
  return {
    links,
    size: () => links.length,
    /** The node at one end of the i-th link: 0 for its start, 1 for its end. */
    endOf: (link: number, side: 0 | 1) => ends[link * 2 + side] as number,
    add(type: string, from: number, to: number, window: DayRange): boolean {
      if (from === to) return false;
      const sameLabel = layout.labelOf(from) === layout.labelOf(to);
      const [low, high] = undirected.has(type) && sameLabel && to < from ? [to, from] : [from, to];
      const typeIndex = typeNumber.get(type);
      if (typeIndex === undefined) throw new Error(`Undeclared link type ${type}`);
      // Below 2^53 for up to three million nodes and the schema's types, so the key is an exact number.
      const key = (typeIndex * n + low) * n + high;
      if (seen.has(key)) return false;
      seen.add(key);
      links.push(
        linkRecord(random, {
          id: random.uuid(),
          type,
          from: ids[from] as string,
          to: ids[to] as string,
          window,
          reference: `${referencePrefix}/${String(links.length + 1).padStart(7, '0')}`,
        }),
      );
      ends.push(from, to);
      return true;
    },
  };
}

/**
 * The ties that make a group: its adults associate (a ring, so none is left out, and more at random),
 * each young person it shares is linked to two or more members, and its places are used by members and
 * young people alike. Returns where the group's links sit in the book.
 */
function plantGroup(group: PlantedGroup, book: LinkBook, random: Random): { first: number; count: number } {
  const first = book.size();
  const { members, youngPeople, locations, window } = group;
  const tie = (types: Weighted<string>, from: number, to: number) => book.add(random.weighted(types), from, to, window);
  members.forEach((member, i) => {
    tie(adultToAdultTypes, member, members[(i + 1) % members.length] as number);
    for (const other of members.slice(i + 2)) {
      if (random.chance(groupTies.adultPair)) tie(adultToAdultTypes, member, other);
    }
  });
  for (const youngPerson of youngPeople) {
    for (const member of atLeastTwo(members, groupTies.adultToYoungPerson, random)) {
      tie(adultToYoungPersonTypes, member, youngPerson);
    }
  }
  for (const place of locations) {
    for (const member of atLeastTwo(members, groupTies.adultToPlace, random)) tie(personToPlaceTypes, member, place);
    for (const youngPerson of youngPeople) {
      if (random.chance(groupTies.youngPersonToPlace)) tie(personToPlaceTypes, youngPerson, place);
    }
  }
  youngPeople.forEach((youngPerson, i) => {
    for (const other of youngPeople.slice(i + 1)) {
      if (random.chance(groupTies.youngPersonPair)) tie(youngPersonToYoungPersonTypes, youngPerson, other);
    }
  });
  return { first, count: book.size() - first };
}

/** Each member with the given chance, topped up at random to two, so whatever they share is shared. */
function atLeastTwo(members: number[], chance: number, random: Random): number[] {
  const chosen = members.filter(() => random.chance(chance));
  const others = random.shuffle(members.filter((member) => !chosen.includes(member)));
  return chosen.length >= 2 ? chosen : [...chosen, ...others.slice(0, 2 - chosen.length)];
}

type Outsiders = Record<SyntheticLabel, WeightedDraw<number>>;

/**
 * The people and places in no planted group, each label drawn by its own Zipf-like popularity, so a
 * hub is a hub whether a noise or a background link is drawing it.
 */
function outsidersByPopularity(layout: Layout, groupOf: Int32Array, random: Random): Outsiders {
  return byLabel((label) => {
    const weights = popularityWeights(layout.size[label], random, popularityExponent[label]);
    const outsiders = layout.nodesOf(label).filter((node) => groupOf[node] === -1);
    return weightedDraw(outsiders, (node) => weights[node - layout.start[label]] as number, random);
  });
}

function byLabel<T>(make: (label: SyntheticLabel) => T): Record<SyntheticLabel, T> {
  return { YoungPerson: make('YoungPerson'), PersonOfInterest: make('PersonOfInterest'), Location: make('Location') };
}

/**
 * Noise: links from a group's people and places to people and places in no group, drawn by popularity.
 * The group end is an end of a random planted link, so each node gets noise in proportion to its ties
 * and about `noise` of every node's links lead out. Noise never joins two groups directly: with groups
 * this small, one such link is enough for modularity to merge them (its resolution limit).
 */
function addNoise({
  links,
  noise,
  book,
  layout,
  outsiders,
  random,
}: {
  links: { first: number; count: number };
  noise: number;
  book: LinkBook;
  layout: Layout;
  outsiders: Outsiders;
  random: Random;
}): void {
  if (links.count === 0) return;
  const wanted = Math.round((links.count * noise) / (1 - noise));
  let made = 0;
  for (let attempt = 0; made < wanted && attempt < wanted * 20; attempt += 1) {
    const node = book.endOf(links.first + random.int(0, links.count - 1), random.chance(0.5) ? 1 : 0);
    const label = layout.labelOf(node);
    const family = random.weighted(familiesTouching[label]);
    const nodeStarts = family.from === family.to ? random.chance(0.5) : family.from === label;
    const others = outsiders[nodeStarts ? family.to : family.from];
    if (others.size === 0) continue;
    const other = others.draw();
    const [from, to] = nodeStarts ? [node, other] : [other, node];
    if (book.add(random.weighted(family.types), from, to, evidenceRange)) made += 1;
  }
}

const familiesTouching = byLabel<Weighted<LinkFamily>>((label) =>
  linkFamilies
    .filter((family) => family.from === label || family.to === label)
    .map((family) => [family, family.weight]),
);

/** The rest of the network: links among people and places in no group, both ends drawn by popularity. */
function addBackground({
  target,
  book,
  outsiders,
  random,
}: {
  target: number;
  book: LinkBook;
  outsiders: Outsiders;
  random: Random;
}): void {
  const families: Weighted<LinkFamily> = linkFamilies
    .filter((family) => outsiders[family.from].size > 0 && outsiders[family.to].size > 0)
    .map((family) => [family, family.weight]);
  if (families.length === 0) return;
  let made = 0;
  // Small or crowded networks run out of new pairs; give up rather than loop for ever.
  for (let attempt = 0; made < target && attempt < target * 10; attempt += 1) {
    const family = random.weighted(families);
    const from = outsiders[family.from].draw();
    const to = outsiders[family.to].draw();
    if (book.add(random.weighted(family.types), from, to, evidenceRange)) made += 1;
  }
}
