import { z } from 'zod';
import { defineNode } from '../define.ts';
import { longText, pastDate, shortText, textList } from '../properties.ts';

export const personOfInterestShape = z.object({
  name: shortText.describe('The name the adult is best known by'),
  aliases: textList.default([]),
  dateOfBirth: pastDate.optional(),
  description: longText.optional().describe('Physical description and anything that helps identify them'),
  phones: textList.default([]).describe('Phone numbers: a shared number links adults'),
  vehicles: textList.default([]).describe('Vehicle registrations: a shared vehicle links adults'),
  onlineHandles: textList.default([]),
  knownPerpetrator: z.boolean().default(false),
  registeredOffender: z.boolean().default(false),
});

export const personOfInterest = defineNode({
  label: 'PersonOfInterest',
  title: 'person of interest',
  plural: 'persons of interest',
  pathSegment: 'persons-of-interest',
  side: 'offender',
  description: 'An adult of concern linked to young people: the offender side of the triangle.',
  caption: 'name',
  shape: personOfInterestShape,
  unique: [],
  indexed: ['name'],
  searchable: ['name', 'aliases', 'phones', 'vehicles', 'onlineHandles'],
  dates: ['dateOfBirth'],
});
