import type { LocationInput, PersonOfInterestInput, YoungPersonInput } from '../graph-schema/index.ts';

/** Small builders of valid, obviously fictional records, for tests and the synthetic generator. */

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

/** A reference code unlikely to collide with another test's in the same database. */
export function uniqueReference(prefix = 'TEST'): string {
  return `${prefix}-${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export function youngPersonInput(overrides: Partial<YoungPersonInput> = {}): YoungPersonInput {
  const n = next();
  return {
    reference: uniqueReference(),
    name: `Test Child ${n}`,
    dateOfBirth: '2011-01-01',
    gender: 'not-known',
    levelOfConcern: 1,
    legalStatus: 'none',
    ...overrides,
  };
}

export function personOfInterestInput(overrides: Partial<PersonOfInterestInput> = {}): PersonOfInterestInput {
  return { name: `Test Adult ${next()}`, aliases: [], phones: [], vehicles: [], ...overrides };
}

export function locationInput(overrides: Partial<LocationInput> = {}): LocationInput {
  return { name: `Test Place ${next()}`, type: 'park', postcode: 'ZZ99 9ZZ', ...overrides };
}

export interface LinkFactoryInput {
  type: string;
  from: string;
  to: string;
  [property: string]: unknown;
}

export function linkInput(overrides: LinkFactoryInput) {
  return {
    sourceAgency: 'Police',
    gradingSource: 2,
    gradingInformation: 'B',
    gradingHandling: 'P',
    firstSeen: '2026-01-01',
    ...overrides,
  };
}
