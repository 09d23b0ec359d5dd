import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const familyOf = defineRelationship({
  type: 'FAMILY_OF',
  caption: 'is family of',
  description: 'A family tie between two people.',
  endpoints: [
    { from: 'PersonOfInterest', to: 'YoungPerson' },
    { from: 'PersonOfInterest', to: 'PersonOfInterest' },
    { from: 'YoungPerson', to: 'YoungPerson' },
  ],
  shape: z.object({}),
  dates: [],
});
