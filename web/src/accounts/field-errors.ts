import { ApiError } from '../api.ts';

/** A 400's field problems by field name (the first message each), for the form inputs that hold them. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const problem of error.fields) byField[problem.field] ??= problem.message;
  return byField;
}

/**
 * Mantine's PasswordInput leaves its error and description unlinked from the input (it renders with
 * `withAria: false`), so a screen reader would not hear why a password was refused; this links them.
 */
export function passwordAria(id: string, error: string | undefined, { described = false } = {}) {
  const ids = [error ? `${id}-error` : '', described ? `${id}-description` : ''].filter(Boolean);
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids.join(' ') || undefined };
}
