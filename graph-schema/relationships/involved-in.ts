import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const involvedIn = defineRelationship({
  type: 'INVOLVED_IN',
  caption: 'was involved in',
  description: 'A young person or adult present at an event: missing with, found with, seen together, reported.',
  endpoints: [
    { from: 'YoungPerson', to: 'Event' },
    { from: 'PersonOfInterest', to: 'Event' },
  ],
  shape: z.object({}),
  dates: [],
});
