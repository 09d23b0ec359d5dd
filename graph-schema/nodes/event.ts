import { z } from 'zod';
import { defineNode } from '../define.ts';
import { isoDate, longText, shortText } from '../properties.ts';
import { eventDateProblems } from './event-dates.ts';

export const eventTypes = ['missing-episode', 'sighting', 'incident', 'intelligence-report'] as const;

export const eventShape = z.object({
  title: shortText.describe('What happened, in a few words, e.g. "Missing overnight, found at a takeaway"'),
  type: z.enum(eventTypes),
  occurredOn: isoDate.describe('The day it happened (or began)'),
  endedOn: isoDate.optional().describe('The day it ended, for a missing episode'),
  description: longText.optional(),
  returnInterviewOffered: isoDate
    .optional()
    .describe('For a missing episode: when a return home interview was offered'),
  returnInterviewDone: isoDate.optional().describe('For a missing episode: when the return home interview was done'),
});

export const event = defineNode({
  label: 'Event',
  title: 'event',
  plural: 'events',
  pathSegment: 'events',
  side: 'event',
  description:
    'A missing episode, sighting, incident or intelligence report that ties young people, adults and a place together at one time: one PAT triangle observed.',
  caption: 'title',
  shape: eventShape,
  unique: [],
  indexed: ['occurredOn', 'type'],
  searchable: ['title'],
  dates: ['occurredOn', 'endedOn', 'returnInterviewOffered', 'returnInterviewDone'],
  // The account of what happened may name a child, so roles that see young people by reference do not see it.
  identifying: ['description'],
  consistency: eventDateProblems,
});
