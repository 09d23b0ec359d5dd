import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const recruits = defineRelationship({
  type: 'RECRUITS',
  caption: 'recruits',
  description: 'Someone who draws a young person in: an adult, or a peer who introduces others.',
  endpoints: [
    { from: 'PersonOfInterest', to: 'YoungPerson' },
    { from: 'YoungPerson', to: 'YoungPerson' },
  ],
  shape: z.object({}),
  dates: [],
});
