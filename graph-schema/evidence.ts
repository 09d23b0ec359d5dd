import { z } from 'zod';
import { agency, isoDate, longText, shortText } from './properties.ts';

/**
 * The 3x5x2 grading: source evaluation 1-3, information assessment A-E, handling code P
 * (lawful sharing permitted) or C (conditions apply: police-only intelligence).
 */
export const gradingSources = [1, 2, 3] as const;
export const gradingInformation = ['A', 'B', 'C', 'D', 'E'] as const;
export const handlingCodes = ['P', 'C'] as const;

/** What every link carries, so analysis can weigh it and a reader can trace it. */
export const evidenceShape = z.object({
  sourceAgency: agency.describe('The agency the information came from'),
  sourceReference: shortText.optional().describe("The agency's own reference for the information"),
  gradingSource: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .describe('Source evaluation: 1 reliable … 3 untested'),
  gradingInformation: z
    .enum(gradingInformation)
    .describe('Information assessment: A known directly … E suspected false'),
  gradingHandling: z.enum(handlingCodes).describe('Handling code: P lawful sharing permitted, C conditions apply'),
  firstSeen: isoDate,
  lastSeen: isoDate.optional(),
  notes: longText.optional(),
});

export const evidenceDates = ['firstSeen', 'lastSeen'] as const;
