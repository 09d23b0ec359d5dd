import { z } from 'zod';
import { agency, isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

/** How the young person came to the group's attention. */
export const referralRoutes = ['cse-risk-assessment', 'caf-referral', 'other'] as const;

export const riskAssessmentShape = z.object({
  assessor: shortText.describe('Who completed the assessment'),
  assessorAgency: agency,
  assessedOn: isoDate,
  route: z.enum(referralRoutes).describe('The referral route: a CSE risk assessment, a CAF referral, or other'),
  routeDetail: shortText.optional().describe('For "other": which route'),
  indicators: z
    .array(
      z.object({
        indicator: shortText.describe('An indicator id from the configured indicator list'),
        lastSeen: isoDate.describe('When the indicator was last seen'),
      }),
    )
    .max(100)
    .describe('The indicators present, each with when it was last seen'),
  notes: longText.optional(),
});

export const riskAssessment = defineCasework({
  label: 'RiskAssessment',
  title: 'risk assessment',
  plural: 'risk assessments',
  description: 'A CSE risk assessment of a young person: the indicators present and when each was last seen.',
  shape: riskAssessmentShape,
  indexed: ['assessedOn'],
  dates: ['assessedOn'],
  identifying: ['notes'],
  links: [
    { type: 'ASSESSES', to: ['YoungPerson'], required: true, description: 'The young person assessed' },
    { type: 'DISCUSSED_AT', to: ['Meeting'], required: false, description: 'The meeting that discussed it' },
  ],
});
