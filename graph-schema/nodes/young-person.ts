import { z } from 'zod';
import { defineNode } from '../define.ts';
import { agency, isoDate, pastDate, shortText } from '../properties.ts';

export const activeLevels = [1, 2, 3] as const;
export const activeLevelOfConcern = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const levelOfConcern = z.union([activeLevelOfConcern, z.literal('archived')]);
export type LevelOfConcern = z.infer<typeof levelOfConcern>;

export const legalStatuses = ['none', 'child-in-need', 'child-protection', 'looked-after'] as const;
export const exploitationModels = ['boyfriend', 'peer', 'group-gang', 'online', 'familial', 'opportunistic'] as const;
export const genders = ['female', 'male', 'non-binary', 'not-known'] as const;

export const youngPersonShape = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,5}-[0-9]{1,8}$/, 'a reference code such as YP-0042')
    .describe('The case reference code, unique to the young person'),
  name: shortText.describe('Full name'),
  dateOfBirth: pastDate.optional(),
  gender: z.enum(genders).optional(),
  ethnicity: shortText.optional(),
  school: shortText.optional(),
  placement: shortText.optional().describe('Where the young person lives, e.g. "Home with mother", "Residential unit"'),
  legalStatus: z.enum(legalStatuses).default('none'),
  levelOfConcern: activeLevelOfConcern.describe('The level of concern agreed by the operations group: 1, 2 or 3'),
  leadProfessional: shortText.optional(),
  leadAgency: agency.optional(),
  reviewDue: isoDate.optional(),
  exploitationModel: z.enum(exploitationModels).optional(),
});

export const youngPerson = defineNode({
  label: 'YoungPerson',
  title: 'young person',
  plural: 'young people',
  pathSegment: 'young-people',
  side: 'victim',
  description: 'A child or young person at risk of sexual exploitation: the victim side of the triangle.',
  caption: 'name',
  shape: youngPersonShape,
  unique: ['reference'],
  indexed: ['name', 'levelOfConcern', 'reviewDue'],
  searchable: ['name', 'reference'],
  dates: ['dateOfBirth', 'reviewDue'],
  identifying: ['name', 'dateOfBirth', 'ethnicity', 'school', 'placement'],
  pseudonym: 'reference',
  setElsewhere: {
    properties: ['levelOfConcern', 'reviewDue'],
    how: 'record a level decision (POST /api/young-people/:id/levels), which keeps the dated history and sets the next review',
  },
  onArchive: { levelOfConcern: 'archived' },
  storedShape: z.object({ levelOfConcern }),
});
