import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const seenAt = defineRelationship({
  type: 'SEEN_AT',
  caption: 'was seen at',
  description: 'A person seen at a place (a sighting, between first and last seen).',
  endpoints: [
    { from: 'YoungPerson', to: 'Location' },
    { from: 'PersonOfInterest', to: 'Location' },
  ],
  shape: z.object({}),
  dates: [],
});
