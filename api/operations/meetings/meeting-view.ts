import { HttpError } from '../../http/errors.ts';
import type { CaseworkNode } from '../casework/casework-store.ts';

/** A meeting as the API answers with it: never its snapshot, which holds police-only intelligence. */
export function meetingView(node: CaseworkNode): CaseworkNode {
  const { snapshot, _lock, ...shown } = node;
  return { ...shown, status: shown.status ?? 'open' } as CaseworkNode;
}

/** Every change to a closed meeting, or recorded through it, is refused the same way, before anything is written. */
export function refuseIfClosed(node: Record<string, unknown>): void {
  if (node.status !== 'closed') return;
  const closedOn = typeof node.closedAt === 'string' ? node.closedAt.slice(0, 10) : 'an earlier day';
  throw new HttpError(409, 'meeting_closed', `The meeting was closed on ${closedOn}: its minutes are read-only`, {
    closedAt: node.closedAt ?? null,
    closedBy: node.closedBy ?? null,
  });
}
