import { z } from 'zod';
import { agency, isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

/** Open while the group meets; closed, its minutes are read-only. Derived, never written by a user. */
export const meetingStatuses = ['open', 'closed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/**
 * The agenda's items, in the order the group takes them. Notes are kept per item; a young person's item is
 * `young-person:<id>`.
 */
export const agendaSections = [
  'new-assessments',
  'young-people',
  'escalation-alerts',
  'hotspots',
  'groups',
  'standing',
  'other',
] as const;
export type AgendaSection = (typeof agendaSections)[number];

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const agendaItemKey = z
  .string()
  .regex(
    new RegExp(`^(${agendaSections.join('|')}|young-person:${uuidPattern})$`),
    'an agenda item: new-assessments, young-people, young-person:<id>, escalation-alerts, hotspots, groups, standing or other',
  )
  .describe('The agenda item a note is about');

export const meetingNote = z.object({ item: agendaItemKey, text: longText.min(1) });

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
  learningLinks: z
    .array(z.url({ protocol: /^https?$/, error: 'a web address starting https:// or http://' }).max(500))
    .max(50)
    .default([]),
  // Minutes as JSON on the meeting (one note per agenda item), so closing the meeting freezes them with it.
  notes: z
    .array(meetingNote)
    .max(500)
    .refine((notes) => new Set(notes.map((n) => n.item)).size === notes.length, 'one note per agenda item')
    .default([])
    .describe('The minutes: a note per agenda item'),
});

/**
 * The monthly review. Derived and kept beside the written properties: `status` (open | closed), `closedAt`,
 * `closedBy`, and `snapshot` (JSON text: the top hotspots and groups when it closed, one view for the police
 * and one without police-only intelligence, so the next agenda can say what is new, grown or gone).
 */
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
