import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const olderPartnerOf = defineRelationship({
  type: 'OLDER_PARTNER_OF',
  caption: 'is the older partner ("boyfriend") of',
  description: 'An adult presenting as a boyfriend or older partner of a young person.',
  endpoints: [{ from: 'PersonOfInterest', to: 'YoungPerson' }],
  shape: z.object({}),
  dates: [],
});
