import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const associateOf = defineRelationship({
  type: 'ASSOCIATE_OF',
  caption: 'is an associate of',
  description: 'A known association between an adult and a young person, or between two adults.',
  endpoints: [
    { from: 'PersonOfInterest', to: 'YoungPerson' },
    { from: 'PersonOfInterest', to: 'PersonOfInterest' },
  ],
  shape: z.object({
    // Kept from networks imported from other sources as edge lists (person, person, weight).
    weight: z.number().positive().max(1_000_000).optional().describe('The strength of the tie, as the source gave it'),
  }),
  dates: [],
});
