import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../../config.ts';

/** The operations group's policy, kept as JSON files under graph-schema/config/ so it changes without code. */
export const configDirectory = path.join(repoRoot, 'graph-schema', 'config');

const months = z.int().min(1).max(24);

export const reviewIntervalsSchema = z.object({
  description: z.string().optional(),
  reviewAfterMonths: z.object({ '1': months, '2': months, '3': months }).strict(),
});
export type ReviewIntervals = z.infer<typeof reviewIntervalsSchema>;

/** Reads and checks one configuration file; a broken file stops the server with the file and field named. */
export function readConfigFile<T>(file: string, schema: z.ZodType<T>, directory = configDirectory): T {
  const where = path.join(directory, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(where, 'utf8'));
  } catch (error) {
    throw new Error(`${where} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`${where} is not valid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

let reviewIntervals: ReviewIntervals | undefined;

export function loadReviewIntervals(): ReviewIntervals {
  reviewIntervals ??= readConfigFile('review-intervals.json', reviewIntervalsSchema);
  return reviewIntervals;
}
