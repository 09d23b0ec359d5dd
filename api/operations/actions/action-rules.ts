import type { actionStatuses } from '../../../graph-schema/casework/index.ts';

export type StoredActionStatus = (typeof actionStatuses)[number];
/** What a user sees: the stored status, with "overdue" for an open action past its due date. */
export type ActionStatus = StoredActionStatus | 'overdue';

/** Overdue is derived, never stored: open and due before today. */
export function isOverdue(action: { status: unknown; dueOn: unknown }, today: string): boolean {
  return action.status === 'open' && typeof action.dueOn === 'string' && action.dueOn < today;
}

export function shownStatus(action: { status: unknown; dueOn: unknown }, today: string): ActionStatus {
  if (isOverdue(action, today)) return 'overdue';
  return action.status as StoredActionStatus;
}

export interface ActionChange {
  status?: StoredActionStatus | undefined;
  completedOn?: string | null | undefined;
  outcome?: string | null | undefined;
  reopenReason?: string | undefined;
  what?: string | undefined;
  ownerName?: string | undefined;
  ownerAgency?: string | undefined;
  dueOn?: string | undefined;
  category?: string | undefined;
}

/** Why a change is refused: `field` names the input at fault (a 400), or none when the action's state forbids it (a 409). */
export interface Refusal {
  message: string;
  field?: string;
}

const plans = ['what', 'ownerName', 'ownerAgency', 'dueOn', 'category'] as const;

/**
 * The status rules. Open → done (completedOn, default today, not in the future) or cancelled. A done or
 * cancelled action is closed: only its outcome may still be written, and it reopens only with a reason
 * (`reopenReason`), which clears its completion date. Done ↔ cancelled goes through open, so the history says why.
 * Returns the properties to store, or the refusal.
 */
export function applyActionChange(
  current: { status: StoredActionStatus; completedOn?: unknown },
  change: ActionChange,
  today: string,
): { changes: Record<string, unknown> } | { refused: Refusal } {
  const target = change.status ?? current.status;
  const closed = current.status !== 'open';
  const changes: Record<string, unknown> = {};
  for (const key of plans) if (change[key] !== undefined) changes[key] = change[key];
  if (change.outcome !== undefined) changes.outcome = change.outcome;

  if (change.reopenReason !== undefined && !(closed && target === 'open')) {
    return {
      refused: { field: 'reopenReason', message: 'A reason is given only when reopening a done or cancelled action' },
    };
  }
  if (closed && target === current.status) {
    const planChanged = plans.find((key) => change[key] !== undefined);
    if (planChanged) {
      return {
        refused: {
          message: `The action is ${current.status}: reopen it (with a reason) before changing ${planChanged}`,
        },
      };
    }
    if (change.completedOn !== undefined && current.status === 'cancelled') {
      return { refused: { field: 'completedOn', message: 'A cancelled action has no completion date' } };
    }
  }
  if (closed && target !== current.status && target !== 'open') {
    return { refused: { message: `The action is ${current.status}: reopen it before marking it ${target}` } };
  }
  if (closed && target === 'open') {
    if (!change.reopenReason) {
      return { refused: { field: 'reopenReason', message: `Say why a ${current.status} action is reopened` } };
    }
    changes.status = 'open';
    changes.completedOn = null;
    changes.reopenReason = change.reopenReason;
    return { changes };
  }
  if (target === 'done') {
    const completedOn = change.completedOn ?? (closed ? current.completedOn : undefined) ?? today;
    if (completedOn === null)
      return { refused: { field: 'completedOn', message: 'A done action needs its completion date' } };
    if (typeof completedOn === 'string' && completedOn > today) {
      return { refused: { field: 'completedOn', message: 'The completion date cannot be in the future' } };
    }
    changes.status = 'done';
    changes.completedOn = completedOn;
    return { changes };
  }
  if (change.completedOn !== undefined && change.completedOn !== null) {
    return { refused: { field: 'completedOn', message: 'Only a done action has a completion date' } };
  }
  if (target === 'cancelled') changes.status = 'cancelled';
  return { changes };
}
