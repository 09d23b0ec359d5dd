import { Mirror, type MirrorLinkRow, type MirrorRecordRow } from '../../api/analysis/mirror/mirror.ts';

/** Small builders of mirror rows, as the mirror reads them from Neo4j, for tests of the in-memory analyses. */

let sequence = 0;
/** A fixed-width id, so that ids sort in the order they were made. */
const nextId = (prefix: string) => {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
};

export function youngPersonRow(overrides: Partial<MirrorRecordRow> = {}): MirrorRecordRow {
  const id = nextId('yp');
  return {
    id,
    label: 'YoungPerson',
    name: `Test Child ${id}`,
    reference: `YP-${id.slice(3)}`,
    levelOfConcern: 1,
    ...overrides,
  };
}

export function adultRow(overrides: Partial<MirrorRecordRow> = {}): MirrorRecordRow {
  const id = nextId('poi');
  return { id, label: 'PersonOfInterest', name: `Test Adult ${id}`, phones: [], vehicles: [], ...overrides };
}

export function placeRow(overrides: Partial<MirrorRecordRow> = {}): MirrorRecordRow {
  const id = nextId('loc');
  return { id, label: 'Location', name: `Test Place ${id}`, type: 'park', ...overrides };
}

export function linkRow(
  type: string,
  from: MirrorRecordRow,
  to: MirrorRecordRow,
  overrides: Partial<MirrorLinkRow> = {},
): MirrorLinkRow {
  return {
    id: nextId('link'),
    type,
    from: from.id,
    to: to.id,
    sourceAgency: 'Police',
    sourceReference: null,
    gradingSource: 2,
    gradingInformation: 'B',
    gradingHandling: 'P',
    firstSeen: '2026-01-01',
    lastSeen: null,
    ...overrides,
  };
}

/** A mirror holding the given records and links. */
export function mirrorOf(records: MirrorRecordRow[], links: MirrorLinkRow[]): Mirror {
  const mirror = new Mirror();
  for (const record of records) mirror.upsertRecord(record);
  for (const link of links) mirror.upsertLink(link);
  return mirror;
}
