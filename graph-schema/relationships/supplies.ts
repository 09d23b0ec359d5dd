import { z } from 'zod';
import { defineRelationship } from '../define.ts';

export const suppliedItems = ['gifts', 'money', 'drugs', 'alcohol', 'accommodation', 'phone', 'transport'] as const;

export const supplies = defineRelationship({
  type: 'SUPPLIES',
  caption: 'supplies',
  description: 'An adult who gives a young person gifts, money, drugs, alcohol or somewhere to stay.',
  endpoints: [{ from: 'PersonOfInterest', to: 'YoungPerson' }],
  shape: z.object({ supplied: z.array(z.enum(suppliedItems)).min(1).max(suppliedItems.length) }),
  dates: [],
});
