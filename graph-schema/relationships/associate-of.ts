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
  shape: z.object({}),
  dates: [],
});
