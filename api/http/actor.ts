import type { Request } from 'express';

/**
 * Who is making the request, for createdBy/updatedBy. Sign-in does not exist yet (issue: security,
 * privacy and audit); until it does every change is recorded as made by "unauthenticated".
 */
export function actorOf(_request: Request): string {
  return 'unauthenticated';
}
