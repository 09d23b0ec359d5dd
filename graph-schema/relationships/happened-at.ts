import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const happenedAt = defineRelationship({
  type: 'HAPPENED_AT',
  caption: 'happened at',
  description: 'Where an event took place (for a missing episode: where the young person was found).',
  endpoints: [{ from: 'Event', to: 'Location' }],
  shape: z.object({}),
  dates: [],
});
