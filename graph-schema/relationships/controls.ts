import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const controls = defineRelationship({
  type: 'CONTROLS',
  caption: 'controls',
  description: 'An adult who controls a young person: where they go, whom they see, what they do.',
  endpoints: [{ from: 'PersonOfInterest', to: 'YoungPerson' }],
  shape: z.object({}),
  dates: [],
});
