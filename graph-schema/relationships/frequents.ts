import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const frequents = defineRelationship({
  type: 'FREQUENTS',
  caption: 'frequents',
  description: 'A person who goes to a place regularly.',
  endpoints: [
    { from: 'YoungPerson', to: 'Location' },
    { from: 'PersonOfInterest', to: 'Location' },
  ],
  shape: z.object({}),
  dates: [],
});
