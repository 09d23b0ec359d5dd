import { z } from 'zod';
import { nodeLabels } from '../define.ts';
import { longText } from '../properties.ts';
import { defineCasework } from './define.ts';

export const notDuplicateShape = z.object({
  reason: longText.optional().describe('Why the two are not one, e.g. "different dates of birth on the school roll"'),
});

/**
 * An analyst's judgement that two records of one label are not duplicates, so they are not proposed again. It is
 * reversed (reversedAt, reversedBy), never removed, so the judgement and its undoing stay on record.
 */
export const notDuplicate = defineCasework({
  label: 'NotDuplicateDecision',
  title: 'not-a-duplicate decision',
  plural: 'not-a-duplicate decisions',
  description: 'Two records an analyst judged not to be the same person, place or event.',
  shape: notDuplicateShape,
  indexed: [],
  dates: [],
  identifying: ['reason'],
  links: [
    { type: 'CONCERNS', to: nodeLabels, required: true, description: 'One of the two records' },
    { type: 'DISTINCT_FROM', to: nodeLabels, required: true, description: 'The other record' },
  ],
});
