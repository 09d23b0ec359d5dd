import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const peerOf = defineRelationship({
  type: 'PEER_OF',
  caption: 'is a peer of',
  description: 'Two young people in the same peer group.',
  endpoints: [{ from: 'YoungPerson', to: 'YoungPerson' }],
  shape: z.object({}),
  dates: [],
});
