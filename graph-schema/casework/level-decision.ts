import { z } from 'zod';
import { levelOfConcern } from '../nodes/young-person.ts';
import { isoDate, longText, shortText } from '../properties.ts';
import { defineCasework } from './define.ts';

export const levelDecisionShape = z.object({
  level: levelOfConcern.describe('The level agreed: 1, 2, 3 or "archived"'),
  decidedOn: isoDate,
  agreedBy: shortText.describe('Who agreed it, e.g. "CSE Operations Group" or the chair'),
  reason: longText
    .optional()
    .describe('Why: required when the level differs from the suggested one, and when archiving'),
});

/** One entry of a young person's dated level history; the newest is the current level. */
export const levelDecision = defineCasework({
  label: 'LevelDecision',
  title: 'level decision',
  plural: 'level decisions',
  description: "A dated decision on a young person's level of concern: who agreed it and why.",
  shape: levelDecisionShape,
  indexed: ['decidedOn', 'level'],
  dates: ['decidedOn'],
  identifying: ['reason'],
  links: [
    { type: 'DECIDES_LEVEL_OF', to: ['YoungPerson'], required: true, description: 'The young person' },
    { type: 'BASED_ON', to: ['RiskAssessment'], required: false, description: 'The assessment it followed' },
    { type: 'RECORDED_AT', to: ['Meeting'], required: false, description: 'The meeting that agreed it' },
  ],
});
