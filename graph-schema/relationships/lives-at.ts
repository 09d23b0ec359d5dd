import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const livesAt = defineRelationship({
  type: 'LIVES_AT',
  caption: 'lives at',
  description: 'A person who lives (or stays) at an address.',
  endpoints: [
    { from: 'YoungPerson', to: 'Location' },
    { from: 'PersonOfInterest', to: 'Location' },
  ],
  shape: z.object({}),
  dates: [],
});
