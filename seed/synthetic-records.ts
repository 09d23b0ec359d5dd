import { epochDay, isoDay } from '../graph-schema/calendar.ts';
import type {
  gradingInformation,
  LocationInput,
  legalStatuses,
  PersonOfInterestInput,
  YoungPersonInput,
} from '../graph-schema/index.ts';
import type { locationTypes } from '../graph-schema/nodes/location.ts';
import { exploitationModels } from '../graph-schema/nodes/young-person.ts';
import { suppliedItems } from '../graph-schema/relationships/supplies.ts';
import type { Random, Weighted } from './synthetic-random.ts';

/**
 * The synthetic network's records and evidence: every value is obviously fictional ("Synthetic …",
 * SYN- references, ZZ postcodes and registrations, SYN-TEL phones) and valid for graph-schema.
 */

export type SyntheticYoungPerson = YoungPersonInput & { id: string };
export type SyntheticPersonOfInterest = PersonOfInterestInput & { id: string };
export type SyntheticLocation = LocationInput & { id: string };

export interface SyntheticLink {
  id: string;
  /** A declared relationship type; the generator only uses (type, from, to) triples the schema allows. */
  type: string;
  from: string;
  to: string;
  sourceAgency: string;
  sourceReference: string;
  gradingSource: 1 | 2 | 3;
  gradingInformation: (typeof gradingInformation)[number];
  gradingHandling: 'P' | 'C';
  firstSeen: string;
  lastSeen?: string;
  supplied?: (typeof suppliedItems)[number][];
}

/** Days since 1970-01-01, so date ranges are plain integers. */
export interface DayRange {
  from: number;
  to: number;
}

/** Every link is first seen within this range, as the brief for the synthetic data asks. */
export const evidenceRange: DayRange = { from: epochDay('2023-01-01'), to: epochDay('2026-10-31') };

export const pad = (n: number, width = 6): string => String(n).padStart(width, '0');

const agencies: Weighted<string> = [
  ['Police', 40],
  ["Children's Social Care", 25],
  ['Education', 10],
  ['Health', 10],
  ['Youth Offending Service', 6],
  ['Housing', 4],
  ['Voluntary sector', 5],
];

export function youngPersonRecord(
  random: Random,
  { id, number, reference, inGroup }: { id: string; number: number; reference: string; inGroup: boolean },
): SyntheticYoungPerson {
  // Young people a planted group shares are, as in life, more often at the higher levels and looked after.
  const levelOfConcern = random.weighted<1 | 2 | 3>(
    inGroup
      ? [
          [1, 20],
          [2, 35],
          [3, 45],
        ]
      : [
          [1, 55],
          [2, 30],
          [3, 15],
        ],
  );
  return {
    id,
    reference,
    name: `Synthetic Young Person ${pad(number)}`,
    dateOfBirth: isoDay(random.int(epochDay('2008-01-01'), epochDay('2014-12-31'))),
    gender: random.weighted([
      ['female', 60],
      ['male', 35],
      ['non-binary', 3],
      ['not-known', 2],
    ]),
    school: `Synthetic School ${pad(random.int(1, 60), 3)}`,
    placement: random.weighted([
      ['Home with parent', 55],
      ['Foster placement', 15],
      ['Kinship care', 10],
      ['Residential unit', 12],
      ['Supported accommodation', 8],
    ]),
    legalStatus: random.weighted<(typeof legalStatuses)[number]>([
      ['none', inGroup ? 20 : 40],
      ['child-in-need', 30],
      ['child-protection', inGroup ? 20 : 15],
      ['looked-after', inGroup ? 30 : 15],
    ]),
    levelOfConcern,
    leadProfessional: `Synthetic Lead Professional ${pad(random.int(1, 400), 4)}`,
    leadAgency: random.weighted(agencies.filter(([agency]) => agency !== 'Housing')),
    reviewDue: isoDay(random.int(epochDay('2026-11-01'), epochDay('2027-03-31'))),
    exploitationModel: inGroup
      ? random.weighted([
          ['group-gang', 70],
          ['boyfriend', 20],
          ['online', 10],
        ])
      : random.pick(exploitationModels),
    gradingHandling: 'P',
  };
}

export function personOfInterestRecord(
  random: Random,
  {
    id,
    number,
    phones,
    vehicles,
    inGroup,
  }: { id: string; number: number; phones: string[]; vehicles: string[]; inGroup: boolean },
): SyntheticPersonOfInterest {
  return {
    id,
    name: `Synthetic Adult ${pad(number)}`,
    aliases: random.chance(0.2) ? [`Synthetic Alias ${pad(number)}`] : [],
    dateOfBirth: isoDay(random.int(epochDay('1965-01-01'), epochDay('2004-12-31'))),
    phones,
    vehicles,
    onlineHandles: random.chance(0.15) ? [`@synthetic_${pad(number)}`] : [],
    knownPerpetrator: random.chance(inGroup ? 0.3 : 0.05),
    registeredOffender: random.chance(inGroup ? 0.1 : 0.02),
    gradingHandling: 'P',
  };
}

const locationTypeWeights: Weighted<(typeof locationTypes)[number]> = [
  ['private-address', 35],
  ['takeaway', 12],
  ['park', 10],
  ['hotel-bnb', 8],
  ['car-park', 8],
  ['school', 6],
  ['shopping-centre', 5],
  ['taxi-rank', 4],
  ['other', 4],
  ['bus-station', 3],
  ['online-platform', 3],
  ['train-station', 2],
];

/** Where planted groups take young people: the places grooming reviews keep finding. */
const groupLocationTypeWeights: Weighted<(typeof locationTypes)[number]> = [
  ['private-address', 35],
  ['hotel-bnb', 20],
  ['takeaway', 20],
  ['car-park', 10],
  ['taxi-rank', 5],
  ['online-platform', 10],
];

export function locationRecord(
  random: Random,
  { id, number, district, inGroup }: { id: string; number: number; district: number; inGroup: boolean },
): SyntheticLocation {
  const type = random.weighted(inGroup ? groupLocationTypeWeights : locationTypeWeights);
  const record: SyntheticLocation = { id, name: `Synthetic Place ${pad(number)}`, type, gradingHandling: 'P' };
  if (type === 'online-platform') return record;
  if (type === 'private-address') record.address = `${random.int(1, 199)} Synthetic Road`;
  // ZZ is not a postcode area, so these can never name a real place; ZZ99 is the demo's "no fixed abode".
  record.postcode = `ZZ${district} ${random.int(1, 9)}${letter(random)}${letter(random)}`;
  return record;
}

/**
 * Phone numbers and vehicle registrations, each issued once, so that two adults share one only where
 * the generator planted it. Registrations take the form ZZ00 AAA, which the DVLA never issues.
 */
export function identifierIssuer() {
  let phones = 0;
  let vehicles = 0;
  const letterOf = (n: number) => String.fromCharCode(65 + (n % 26));
  return {
    phone(): string {
      phones += 1;
      return `SYN-TEL-${pad(phones)}`;
    },
    vehicle(): string {
      const n = vehicles;
      vehicles += 1;
      const letters = Math.floor(n / 100);
      return `ZZ${pad(n % 100, 2)} ${letterOf(letters / 676)}${letterOf(Math.floor(letters / 26))}${letterOf(letters)}`;
    },
  };
}
export type IdentifierIssuer = ReturnType<typeof identifierIssuer>;

const letter = (random: Random): string => String.fromCharCode(65 + random.int(0, 25));

/** The evidence a link carries: who reported it, how it is graded, and when it was seen. */
export function linkRecord(
  random: Random,
  {
    id,
    type,
    from,
    to,
    window,
    reference,
  }: { id: string; type: string; from: string; to: string; window: DayRange; reference: string },
): SyntheticLink {
  const firstSeen = random.int(window.from, window.to);
  const link: SyntheticLink = {
    id,
    type,
    from,
    to,
    sourceAgency: random.weighted(agencies),
    sourceReference: reference,
    gradingSource: random.weighted<1 | 2 | 3>([
      [1, 25],
      [2, 50],
      [3, 25],
    ]),
    gradingInformation: random.weighted<SyntheticLink['gradingInformation']>([
      ['A', 15],
      ['B', 35],
      ['C', 35],
      ['D', 10],
      ['E', 5],
    ]),
    // About one link in twenty is police-only intelligence, which only the police role sees.
    gradingHandling: random.chance(0.05) ? 'C' : 'P',
    firstSeen: isoDay(firstSeen),
  };
  if (random.chance(0.8)) link.lastSeen = isoDay(random.int(firstSeen, window.to));
  if (type === 'SUPPLIES') link.supplied = random.shuffle([...suppliedItems]).slice(0, random.int(1, 3));
  return link;
}
