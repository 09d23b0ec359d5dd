import type { EventInput, LocationInput, PersonOfInterestInput, YoungPersonInput } from '../graph-schema/index.ts';

/**
 * The demo data set: Millbrook-on-Sea, a fictional town. Every name, reference, phone, vehicle and
 * postcode here is invented (ZZ99 is the pseudo-postcode kept for "no fixed abode" and never issued).
 * Eight current cases — four at level 1, two at level 2, two at level 3 — and two archived; ten persons
 * of interest, four of whom form one group that shares several of the young people and two hotspots;
 * and three events (two missing episodes and a sighting) that each put a child, an adult and a place together.
 */

type Keyed<T> = T & { key: string };

export interface DemoLink {
  type: string;
  from: string;
  to: string;
  sourceAgency: string;
  sourceReference?: string;
  gradingSource: 1 | 2 | 3;
  gradingInformation: 'A' | 'B' | 'C' | 'D' | 'E';
  gradingHandling: 'P' | 'C';
  firstSeen: string;
  lastSeen?: string;
  notes?: string;
  supplied?: string[];
}

export const demoYoungPeople: Keyed<YoungPersonInput & { archiveReason?: string }>[] = [
  {
    key: 'amber',
    reference: 'YP-0001',
    name: 'Amber Placeholder',
    dateOfBirth: '2010-03-14',
    gender: 'female',
    school: 'Millbrook Academy (fictional)',
    placement: 'Home with mother',
    legalStatus: 'child-protection',
    levelOfConcern: 3,
    leadProfessional: 'Social worker A. Example',
    leadAgency: "Children's Social Care",
    reviewDue: '2026-12-10',
    exploitationModel: 'group-gang',
  },
  {
    key: 'bella',
    reference: 'YP-0002',
    name: 'Bella Madeup',
    dateOfBirth: '2009-11-02',
    gender: 'female',
    school: 'Millbrook Academy (fictional)',
    placement: 'Residential unit',
    legalStatus: 'looked-after',
    levelOfConcern: 3,
    leadProfessional: 'Social worker B. Sample',
    leadAgency: "Children's Social Care",
    reviewDue: '2026-12-10',
    exploitationModel: 'boyfriend',
  },
  {
    key: 'callum',
    reference: 'YP-0003',
    name: 'Callum Notreal',
    dateOfBirth: '2011-06-21',
    gender: 'male',
    school: 'Seafront High (fictional)',
    placement: 'Home with both parents',
    legalStatus: 'child-in-need',
    levelOfConcern: 2,
    leadProfessional: 'Youth worker C. Test',
    leadAgency: 'Youth Offending Service',
    reviewDue: '2027-01-05',
    exploitationModel: 'peer',
  },
  {
    key: 'daisy',
    reference: 'YP-0004',
    name: 'Daisy Fictional',
    dateOfBirth: '2010-09-30',
    gender: 'female',
    school: 'Seafront High (fictional)',
    placement: 'Foster placement',
    legalStatus: 'looked-after',
    levelOfConcern: 2,
    leadProfessional: 'Social worker D. Dummy',
    leadAgency: "Children's Social Care",
    reviewDue: '2027-01-05',
    exploitationModel: 'group-gang',
  },
  {
    key: 'ellie',
    reference: 'YP-0005',
    name: 'Ellie Imaginary',
    dateOfBirth: '2011-01-17',
    gender: 'female',
    school: 'Millbrook Academy (fictional)',
    placement: 'Home with father',
    legalStatus: 'none',
    levelOfConcern: 1,
    leadProfessional: 'School nurse E. Invented',
    leadAgency: 'Health',
    reviewDue: '2027-02-20',
    exploitationModel: 'online',
  },
  {
    key: 'freya',
    reference: 'YP-0006',
    name: 'Freya Invented',
    dateOfBirth: '2012-04-08',
    gender: 'female',
    school: 'Seafront High (fictional)',
    placement: 'Home with grandmother',
    legalStatus: 'none',
    levelOfConcern: 1,
    leadProfessional: 'Teacher F. Pretend',
    leadAgency: 'Education',
    reviewDue: '2027-02-20',
    exploitationModel: 'opportunistic',
  },
  {
    key: 'georgia',
    reference: 'YP-0007',
    name: 'Georgia Pretend',
    dateOfBirth: '2010-12-12',
    gender: 'female',
    school: 'Millbrook Academy (fictional)',
    placement: 'Home with mother',
    legalStatus: 'child-in-need',
    levelOfConcern: 1,
    leadProfessional: 'Early help worker G. Sample',
    leadAgency: 'Early Help',
    reviewDue: '2027-02-20',
    exploitationModel: 'boyfriend',
  },
  {
    key: 'harley',
    reference: 'YP-0008',
    name: 'Harley Dummy',
    dateOfBirth: '2011-08-03',
    gender: 'male',
    school: 'Pupil referral unit (fictional)',
    placement: 'Home with mother',
    legalStatus: 'none',
    levelOfConcern: 1,
    leadProfessional: 'Youth worker H. Example',
    leadAgency: 'Voluntary sector',
    reviewDue: '2027-02-20',
    exploitationModel: 'peer',
  },
  {
    key: 'isla',
    reference: 'YP-0009',
    name: 'Isla Sampleton',
    dateOfBirth: '2008-02-25',
    gender: 'female',
    placement: 'Supported lodgings',
    legalStatus: 'none',
    levelOfConcern: 1,
    leadAgency: "Children's Social Care",
    archiveReason: 'Turned 18; risk reduced, transferred to adult services',
  },
  {
    key: 'jake',
    reference: 'YP-0010',
    name: 'Jake Specimen',
    dateOfBirth: '2009-05-19',
    gender: 'male',
    placement: 'Home with father',
    legalStatus: 'none',
    levelOfConcern: 1,
    leadAgency: 'Education',
    archiveReason: 'No concerns for six months; stepped down and closed',
  },
];

export const demoPersonsOfInterest: Keyed<PersonOfInterestInput>[] = [
  {
    key: 'barry',
    name: 'Barry Fakename',
    aliases: ['Baz'],
    dateOfBirth: '1988-07-01',
    description: 'Runs the Kebab Kingdom (fictional); drives a silver hatchback',
    phones: ['07700 900001'],
    vehicles: ['ZZ11 AAA'],
    knownPerpetrator: true,
  },
  {
    key: 'colin',
    name: 'Colin Madeup',
    aliases: ['Col'],
    dateOfBirth: '1991-02-11',
    phones: ['07700 900002', '07700 900009'],
    vehicles: ['ZZ11 AAA'],
  },
  {
    key: 'dean',
    name: 'Dean Placeholder',
    aliases: ['Deano'],
    dateOfBirth: '1985-10-23',
    description: 'Works nights at the Seaview B&B (fictional)',
    phones: ['07700 900003'],
    registeredOffender: true,
  },
  {
    key: 'eddie',
    name: 'Eddie Notreal',
    dateOfBirth: '1993-12-05',
    phones: ['07700 900009'],
    onlineHandles: ['@eddie_fictional'],
  },
  {
    key: 'frank',
    name: 'Frank Fictitious',
    dateOfBirth: '1979-03-30',
    description: 'Taxi driver at the Station Road rank',
    vehicles: ['ZZ22 BBB'],
  },
  { key: 'gary', name: 'Gary Imaginary', aliases: ['G'], dateOfBirth: '2004-06-14', onlineHandles: ['@g_imaginary'] },
  { key: 'howard', name: 'Howard Testcase', dateOfBirth: '1970-01-20', phones: ['07700 900005'] },
  { key: 'ivan', name: 'Ivan Exampleson', dateOfBirth: '1998-09-09', onlineHandles: ['whisperly:ivan_x'] },
  {
    key: 'jerry',
    name: 'Jerry Dummy',
    dateOfBirth: '2001-11-11',
    description: 'Older brother of a peer; sells cannabis in the park',
  },
  {
    key: 'lorraine',
    name: 'Lorraine Invented',
    dateOfBirth: '1982-05-05',
    description: 'Lets rooms at 14 Nowhere Street (fictional)',
  },
];

export const demoLocations: Keyed<LocationInput>[] = [
  {
    key: 'kebab',
    name: 'Kebab Kingdom (fictional)',
    type: 'takeaway',
    address: '3 Promenade Parade, Millbrook-on-Sea',
    postcode: 'ZZ99 1AA',
  },
  {
    key: 'seaview',
    name: 'Seaview B&B (fictional)',
    type: 'hotel-bnb',
    address: '27 Cliff Road, Millbrook-on-Sea',
    postcode: 'ZZ99 1AB',
  },
  { key: 'park', name: 'Millbrook Park (fictional)', type: 'park', postcode: 'ZZ99 1AC' },
  {
    key: 'harbourside',
    name: 'Harbourside Shopping Centre (fictional)',
    type: 'shopping-centre',
    postcode: 'ZZ99 1AD',
  },
  { key: 'rank', name: 'Station Road taxi rank (fictional)', type: 'taxi-rank', postcode: 'ZZ99 1AE' },
  { key: 'bus', name: 'Millbrook bus station (fictional)', type: 'bus-station', postcode: 'ZZ99 1AF' },
  {
    key: 'nowhere',
    name: '14 Nowhere Street (fictional)',
    type: 'private-address',
    address: '14 Nowhere Street, Millbrook-on-Sea',
    postcode: 'ZZ99 1AG',
  },
  { key: 'whisperly', name: 'Whisperly chat app (fictional)', type: 'online-platform' },
];

export const demoEvents: Keyed<EventInput>[] = [
  {
    key: 'amber-missing',
    title: 'Missing overnight, found at the B&B (fictional)',
    type: 'missing-episode',
    occurredOn: '2026-11-07',
    endedOn: '2026-11-08',
    description: 'Reported missing from home at 22:00; found by police at Seaview B&B the next morning.',
  },
  {
    key: 'bella-missing',
    title: 'Missing after school, found at the takeaway (fictional)',
    type: 'missing-episode',
    occurredOn: '2026-10-29',
    endedOn: '2026-10-29',
  },
  {
    key: 'harley-sighting',
    title: 'Seen getting into a car by the park (fictional)',
    type: 'sighting',
    occurredOn: '2026-11-12',
  },
];

const police = { sourceAgency: 'Police', gradingSource: 2, gradingInformation: 'B', gradingHandling: 'P' } as const;
const social = {
  sourceAgency: "Children's Social Care",
  gradingSource: 1,
  gradingInformation: 'B',
  gradingHandling: 'P',
} as const;
const school = { sourceAgency: 'Education', gradingSource: 2, gradingInformation: 'C', gradingHandling: 'P' } as const;
const intel = { sourceAgency: 'Police', gradingSource: 3, gradingInformation: 'C', gradingHandling: 'C' } as const;

export const demoLinks: DemoLink[] = [
  // The group: Barry, Colin, Dean and Eddie share Amber, Bella and Daisy, and the takeaway and the B&B.
  {
    type: 'OLDER_PARTNER_OF',
    from: 'barry',
    to: 'amber',
    ...police,
    sourceReference: 'MIL/INT/0001',
    firstSeen: '2026-03-02',
    lastSeen: '2026-11-14',
  },
  {
    type: 'SUPPLIES',
    from: 'barry',
    to: 'bella',
    ...social,
    firstSeen: '2026-05-10',
    lastSeen: '2026-10-30',
    supplied: ['gifts', 'alcohol'],
  },
  { type: 'DRIVES', from: 'colin', to: 'amber', ...police, firstSeen: '2026-04-18', lastSeen: '2026-11-01' },
  { type: 'DRIVES', from: 'colin', to: 'daisy', ...police, firstSeen: '2026-07-07', lastSeen: '2026-11-20' },
  {
    type: 'CONTROLS',
    from: 'dean',
    to: 'bella',
    ...intel,
    sourceReference: 'MIL/INT/0007',
    firstSeen: '2026-06-01',
    lastSeen: '2026-11-18',
  },
  {
    type: 'SUPPLIES',
    from: 'dean',
    to: 'amber',
    ...police,
    firstSeen: '2026-08-12',
    supplied: ['accommodation', 'drugs'],
  },
  { type: 'ASSOCIATE_OF', from: 'eddie', to: 'daisy', ...school, firstSeen: '2026-09-03', lastSeen: '2026-11-10' },
  { type: 'RECRUITS', from: 'eddie', to: 'callum', ...police, firstSeen: '2026-09-21' },
  { type: 'ASSOCIATE_OF', from: 'barry', to: 'colin', ...police, firstSeen: '2025-12-01' },
  { type: 'ASSOCIATE_OF', from: 'colin', to: 'dean', ...intel, firstSeen: '2026-02-14' },
  { type: 'ASSOCIATE_OF', from: 'dean', to: 'eddie', ...police, firstSeen: '2026-05-30' },
  { type: 'FREQUENTS', from: 'barry', to: 'kebab', ...police, firstSeen: '2025-10-01', lastSeen: '2026-11-20' },
  { type: 'FREQUENTS', from: 'colin', to: 'kebab', ...police, firstSeen: '2026-01-15', lastSeen: '2026-11-12' },
  { type: 'FREQUENTS', from: 'dean', to: 'seaview', ...police, firstSeen: '2025-11-20', lastSeen: '2026-11-19' },
  { type: 'SEEN_AT', from: 'eddie', to: 'seaview', ...intel, firstSeen: '2026-10-04', lastSeen: '2026-11-08' },
  { type: 'SEEN_AT', from: 'amber', to: 'kebab', ...police, firstSeen: '2026-03-20', lastSeen: '2026-11-14' },
  { type: 'SEEN_AT', from: 'bella', to: 'kebab', ...social, firstSeen: '2026-05-22', lastSeen: '2026-11-02' },
  { type: 'SEEN_AT', from: 'daisy', to: 'kebab', ...school, firstSeen: '2026-08-01', lastSeen: '2026-11-16' },
  { type: 'SEEN_AT', from: 'amber', to: 'seaview', ...police, firstSeen: '2026-08-15', lastSeen: '2026-11-15' },
  { type: 'SEEN_AT', from: 'bella', to: 'seaview', ...intel, firstSeen: '2026-06-20', lastSeen: '2026-11-18' },
  // Peers and the wider picture.
  { type: 'PEER_OF', from: 'amber', to: 'bella', ...school, firstSeen: '2025-09-05' },
  { type: 'PEER_OF', from: 'daisy', to: 'ellie', ...school, firstSeen: '2026-01-10' },
  { type: 'PEER_OF', from: 'callum', to: 'harley', ...school, firstSeen: '2026-02-02' },
  { type: 'RECRUITS', from: 'callum', to: 'harley', ...social, firstSeen: '2026-10-12' },
  { type: 'DRIVES', from: 'frank', to: 'georgia', ...police, firstSeen: '2026-09-09', lastSeen: '2026-10-28' },
  { type: 'FREQUENTS', from: 'frank', to: 'rank', ...police, firstSeen: '2024-06-01' },
  { type: 'OLDER_PARTNER_OF', from: 'gary', to: 'georgia', ...school, firstSeen: '2026-07-14', lastSeen: '2026-11-05' },
  { type: 'FREQUENTS', from: 'georgia', to: 'harbourside', ...school, firstSeen: '2026-06-01', lastSeen: '2026-11-21' },
  { type: 'FREQUENTS', from: 'gary', to: 'harbourside', ...police, firstSeen: '2026-05-01' },
  { type: 'FREQUENTS', from: 'harley', to: 'park', ...social, firstSeen: '2026-04-04', lastSeen: '2026-11-19' },
  { type: 'FREQUENTS', from: 'jerry', to: 'park', ...police, firstSeen: '2025-08-08', lastSeen: '2026-11-19' },
  { type: 'SUPPLIES', from: 'jerry', to: 'harley', ...police, firstSeen: '2026-09-30', supplied: ['drugs'] },
  { type: 'FAMILY_OF', from: 'jerry', to: 'callum', ...social, firstSeen: '2020-01-01', notes: 'Cousin' },
  {
    type: 'ASSOCIATE_OF',
    from: 'ivan',
    to: 'ellie',
    ...school,
    firstSeen: '2026-10-01',
    notes: 'Messages on Whisperly',
  },
  { type: 'FREQUENTS', from: 'ivan', to: 'whisperly', ...police, firstSeen: '2026-03-01' },
  { type: 'FREQUENTS', from: 'ellie', to: 'whisperly', ...school, firstSeen: '2026-09-15', lastSeen: '2026-11-22' },
  { type: 'SEEN_AT', from: 'freya', to: 'bus', ...social, firstSeen: '2026-10-20', lastSeen: '2026-11-17' },
  { type: 'SEEN_AT', from: 'howard', to: 'bus', ...police, firstSeen: '2026-10-20', lastSeen: '2026-11-17' },
  { type: 'LIVES_AT', from: 'lorraine', to: 'nowhere', ...social, firstSeen: '2023-01-01' },
  { type: 'LIVES_AT', from: 'isla', to: 'nowhere', ...social, firstSeen: '2025-02-01', lastSeen: '2025-12-01' },
  { type: 'ASSOCIATE_OF', from: 'lorraine', to: 'dean', ...intel, firstSeen: '2026-04-01' },
  { type: 'SEEN_AT', from: 'jake', to: 'park', ...school, firstSeen: '2025-03-01', lastSeen: '2025-06-30' },
  // Events: who was there, and where it happened.
  {
    type: 'INVOLVED_IN',
    from: 'amber',
    to: 'amber-missing',
    ...police,
    firstSeen: '2026-11-07',
    lastSeen: '2026-11-08',
  },
  { type: 'INVOLVED_IN', from: 'dean', to: 'amber-missing', ...police, firstSeen: '2026-11-08' },
  { type: 'HAPPENED_AT', from: 'amber-missing', to: 'seaview', ...police, firstSeen: '2026-11-08' },
  { type: 'INVOLVED_IN', from: 'bella', to: 'bella-missing', ...social, firstSeen: '2026-10-29' },
  { type: 'INVOLVED_IN', from: 'barry', to: 'bella-missing', ...police, firstSeen: '2026-10-29' },
  { type: 'INVOLVED_IN', from: 'colin', to: 'bella-missing', ...police, firstSeen: '2026-10-29' },
  { type: 'HAPPENED_AT', from: 'bella-missing', to: 'kebab', ...police, firstSeen: '2026-10-29' },
  { type: 'INVOLVED_IN', from: 'harley', to: 'harley-sighting', ...school, firstSeen: '2026-11-12' },
  { type: 'INVOLVED_IN', from: 'jerry', to: 'harley-sighting', ...school, firstSeen: '2026-11-12' },
  { type: 'HAPPENED_AT', from: 'harley-sighting', to: 'park', ...school, firstSeen: '2026-11-12' },
];
