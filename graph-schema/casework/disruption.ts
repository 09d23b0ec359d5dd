import { z } from 'zod';
import { agency, isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

export const disruptionTactics = [
  'child-abduction-warning-notice',
  'sexual-risk-order',
  'sexual-harm-prevention-order',
  'slavery-trafficking-risk-order',
  'closure-order',
  'licensing-referral',
  'anpr-marker',
  'other',
] as const;

export const disruptionShape = z.object({
  tactic: z.enum(disruptionTactics),
  tacticDetail: shortText.optional().describe('For "other": which tactic'),
  agency: agency.describe('The agency that owns the tactic'),
  servedOn: isoDate,
  expiresOn: isoDate.optional(),
  reviewOn: isoDate.optional(),
  breaches: z
    .array(z.object({ on: isoDate, note: shortText.optional() }))
    .max(100)
    .default([])
    .describe('Each breach, with its date'),
  outcome: longText.optional(),
});

export const disruption = defineCasework({
  label: 'Disruption',
  title: 'disruption',
  plural: 'disruptions',
  description: 'A tactic served against a person of interest or a location, with its dates, breaches and outcome.',
  shape: disruptionShape,
  indexed: ['servedOn', 'tactic'],
  dates: ['servedOn', 'expiresOn', 'reviewOn'],
  links: [
    {
      type: 'DISRUPTS',
      to: ['PersonOfInterest', 'Location'],
      required: true,
      description: 'The adult or location disrupted',
    },
  ],
});
