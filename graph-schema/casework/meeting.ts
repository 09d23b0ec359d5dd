import { z } from 'zod';
import { agency, isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

export const meetingShape = z.object({
  heldOn: isoDate,
  title: shortText.default('CSE Operations Group'),
  chair: shortText,
  attendees: z
    .array(z.object({ name: shortText, agency }))
    .max(100)
    .default([])
    .describe('Who attended, by agency'),
  training: longText.optional().describe('Standing item: training, and learning from audits and reviews'),
  learningLinks: z.array(z.url().max(500)).max(50).default([]),
});

/** The monthly review. Once closed, its minutes are read-only. */
export const meeting = defineCasework({
  label: 'Meeting',
  title: 'meeting',
  plural: 'meetings',
  description: "The operations group's monthly meeting: its agenda, the decisions taken and the minutes.",
  shape: meetingShape,
  indexed: ['heldOn'],
  dates: ['heldOn'],
  links: [],
});
