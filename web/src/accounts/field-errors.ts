import { ApiError } from '../api.ts';

/** A 400's field problems by field name (the first message each), for the form inputs that hold them. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const problem of error.fields) byField[problem.field] ??= problem.message;
  return byField;
}
