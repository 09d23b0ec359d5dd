import { todayIso } from '../../../graph-schema/calendar.ts';
import { action } from '../../../graph-schema/casework/index.ts';
import { type EntitySummary, summarise } from '../../analysis/summary.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import type { Graph, GraphTransaction } from '../../db/neo4j.ts';
import { badRequest, conflict, HttpError, notFound } from '../../http/errors.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../casework/casework-store.ts';
import { type ActionChange, type ActionStatus, applyActionChange, shownStatus } from './action-rules.ts';
import * as cypher from './actions.cypher.ts';

export const actions = caseworkStore(action);

export interface NewAction {
  what: string;
  ownerName: string;
  ownerAgency: string;
  dueOn: string;
  category: 'prepare' | 'prevent' | 'protect' | 'pursue';
  outcome?: string | undefined;
  /** The young person, adult or location the action targets. */
  subject: string;
  /** The plan it belongs to; for a young person with a current plan, that plan unless another is named. */
  plan?: string | undefined;
  /** The meeting that raised it. */
  meeting?: string | undefined;
}

/** An action as the API returns it: what is stored, its status with "overdue" derived, and what it is about. */
export type ActionView = CaseworkNode & {
  currentStatus: ActionStatus;
  overdue: boolean;
  subject: EntitySummary;
  planId: string | null;
  meetingId: string | null;
};

interface ActionRow {
  action: CaseworkNode;
  subject: Record<string, unknown> & { id: string };
  subjectLabel: string;
  planId: string | null;
  meetingId: string | null;
}

function toView(row: ActionRow, visibility: Visibility, today: string): ActionView {
  const node = presentCasework(action, actions.fromGraph(row.action), visibility);
  const currentStatus = shownStatus({ status: node.status, dueOn: node.dueOn }, today);
  return {
    ...node,
    currentStatus,
    overdue: currentStatus === 'overdue',
    subject: summarise({ ...row.subject, label: row.subjectLabel }, visibility),
    planId: row.planId,
    meetingId: row.meetingId,
  };
}

async function readAction(tx: GraphTransaction, id: string, visibility: Visibility, today: string) {
  const [row] = await tx.run<{ view: ActionRow }>(cypher.getAction, {
    id,
    policeIntelligence: visibility.policeIntelligence,
  });
  if (!row) throw notFound('action', id);
  return toView(row.view, visibility, today);
}

/** A young person's current plan (started, not ended before today), for a new action about them to join. */
export async function currentPlanId(tx: GraphTransaction, subject: string, today: string): Promise<string | undefined> {
  const [current] = await tx.run<{ id: string }>(cypher.currentPlanOf, { subject, today });
  return current?.id;
}

/**
 * Creates an open action inside the caller's transaction, so a rule that raises one (a CAF referral, a
 * meeting) is all or nothing. A subject, plan or meeting the actor cannot see is a 404; a closed meeting a 409.
 */
export async function createAction(tx: GraphTransaction, input: NewAction, actor: Actor): Promise<ActionView> {
  const visibility = visibilityOf(actor);
  const today = todayIso();
  const { subject, plan, meeting, ...properties } = input;
  if (plan) {
    const [visible] = await tx.run(cypher.visiblePlan, { plan, policeIntelligence: visibility.policeIntelligence });
    if (!visible) throw new HttpError(404, 'not_found', `No plan with id ${plan}`, { field: 'plan' });
  }
  if (meeting) {
    const [held] = await tx.run<{ status: string }>(cypher.meetingStatus, { meeting });
    if (!held) throw new HttpError(404, 'not_found', `No meeting with id ${meeting}`, { field: 'meeting' });
    if (held.status === 'closed') throw conflict('The meeting is closed: its actions can no longer change');
  }
  const currentPlan = plan ? undefined : await currentPlanId(tx, subject, today);
  const created = await actions.create(
    tx,
    {
      properties: { ...properties, status: 'open' },
      links: { TARGETS: subject, PART_OF: plan ?? currentPlan, RAISED_AT: meeting },
    },
    actor,
  );
  return readAction(tx, created.id, visibility, today);
}

export interface ActionListOptions {
  subject?: string | undefined;
  plan?: string | undefined;
  status?: ActionStatus | undefined;
  agency?: string | undefined;
  dueBefore?: string | undefined;
  limit: number;
  offset: number;
}

export function actionsService(graph: Graph) {
  return {
    create: (input: NewAction, actor: Actor) => graph.writeTransaction((tx) => createAction(tx, input, actor)),

    async get(id: string, visibility: Visibility): Promise<ActionView> {
      const [row] = await graph.read<{ view: ActionRow }>(cypher.getAction, {
        id,
        policeIntelligence: visibility.policeIntelligence,
      });
      if (!row) throw notFound('action', id);
      return toView(row.view, visibility, todayIso());
    },

    async list(options: ActionListOptions, visibility: Visibility) {
      const today = todayIso();
      const [page] = await graph.read<{ items: ActionRow[]; total: number }>(cypher.listActions, {
        subject: options.subject ?? null,
        plan: options.plan ?? null,
        status: options.status ?? null,
        agency: options.agency ?? null,
        dueBefore: options.dueBefore ?? null,
        today,
        policeIntelligence: visibility.policeIntelligence,
        limit: options.limit,
        offset: options.offset,
      });
      return {
        items: (page?.items ?? []).map((row) => toView(row, visibility, today)),
        total: page?.total ?? 0,
      };
    },

    /** A change under the version the client read; the status rules are in action-rules.ts. */
    update(id: string, input: ActionChange & { version: number }, actor: Actor): Promise<ActionView> {
      const visibility = visibilityOf(actor);
      const today = todayIso();
      const { version, ...change } = input;
      return graph.writeTransaction(async (tx) => {
        await readAction(tx, id, visibility, today);
        // Filled by `allow`, which sees the node under its lock: the rules must judge the status as it stands.
        const pending: Record<string, unknown> = {};
        await actions.update(
          tx,
          id,
          {
            version,
            changes: pending,
            allow: (current) => {
              const decided = applyActionChange(current as CaseworkNode & { status: 'open' }, change, today);
              if ('refused' in decided) {
                const { field, message } = decided.refused;
                throw field ? badRequest(message, [{ field, message }]) : conflict(message, { current });
              }
              Object.assign(pending, decided.changes);
            },
          },
          actor,
        );
        return readAction(tx, id, visibility, today);
      });
    },
  };
}

export type ActionsService = ReturnType<typeof actionsService>;
