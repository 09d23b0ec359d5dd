import { z } from 'zod';
import { agency, isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

/** Stored statuses; "overdue" is derived (open and past its due date), never stored. */
export const actionStatuses = ['open', 'done', 'cancelled'] as const;
export const actionCategories = ['prepare', 'prevent', 'protect', 'pursue'] as const;

export const actionShape = z.object({
  what: longText.min(1).max(1000).describe('What is to be done'),
  ownerName: shortText.describe('The person responsible'),
  ownerAgency: agency,
  dueOn: isoDate,
  status: z.enum(actionStatuses).default('open'),
  category: z.enum(actionCategories).describe('Prepare, Prevent, Protect or Pursue'),
  outcome: longText.optional().describe('What the action achieved'),
  completedOn: isoDate.optional(),
});

export const action = defineCasework({
  label: 'Action',
  title: 'action',
  plural: 'actions',
  description: 'An action plan item: what, who and which agency, by when, and what it achieved.',
  shape: actionShape,
  indexed: ['dueOn', 'status'],
  dates: ['dueOn', 'completedOn'],
  identifying: ['what', 'outcome'],
  links: [
    {
      type: 'TARGETS',
      to: ['YoungPerson', 'PersonOfInterest', 'Location'],
      required: true,
      description: 'The young person, adult or location the action is about',
    },
    { type: 'PART_OF', to: ['Plan'], required: false, description: "The young person's plan it belongs to" },
    { type: 'RAISED_AT', to: ['Meeting'], required: false, description: 'The meeting that raised it' },
  ],
});
