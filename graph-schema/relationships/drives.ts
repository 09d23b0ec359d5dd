import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const drives = defineRelationship({
  type: 'DRIVES',
  caption: 'drives',
  description: 'An adult who drives a young person about, often between places of concern.',
  endpoints: [{ from: 'PersonOfInterest', to: 'YoungPerson' }],
  shape: z.object({}),
  dates: [],
});
