import { z } from 'zod';
import { agency, isoDate, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

/** A CSE action plan is the plan where none of the statutory ones applies. */
export const planTypes = ['child-in-need', 'child-protection', 'looked-after-child', 'cse-action-plan'] as const;

export const planShape = z.object({
  type: z.enum(planTypes),
  startedOn: isoDate,
  endedOn: isoDate.optional(),
  leadProfessional: shortText.optional(),
  leadAgency: agency.optional(),
});

export const plan = defineCasework({
  label: 'Plan',
  title: 'plan',
  plural: 'plans',
  description: 'The plan a young person at risk is under, so everyone is clear who is doing what.',
  shape: planShape,
  indexed: ['startedOn'],
  dates: ['startedOn', 'endedOn'],
  links: [{ type: 'PLAN_FOR', to: ['YoungPerson'], required: true, description: 'The young person' }],
});
