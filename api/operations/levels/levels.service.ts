import { todayIso } from '../../../graph-schema/calendar.ts';
import { levelDecision } from '../../../graph-schema/casework/index.ts';
import type { LevelOfConcern } from '../../../graph-schema/index.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphDate, graphNow } from '../../db/neo4j.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../casework/casework-store.ts';
import { loadReviewIntervals, type ReviewIntervals } from '../config/operations-config.ts';
import * as cypher from './levels.cypher.ts';
import { nextReviewDue } from './review-due.ts';

export interface LevelDecisionInput {
  youngPersonId: string;
  level: LevelOfConcern;
  decidedOn: string;
  agreedBy: string;
  reason?: string | undefined;
  /** The assessment the decision follows; its suggestion is the one a differing level must give a reason against. */
  assessmentId?: string | undefined;
  /** The meeting that agreed it. */
  meetingId?: string | undefined;
}

/** One entry of the dated history, as stored with what the service derived beside it. */
export type LevelDecisionNode = CaseworkNode & {
  level: LevelOfConcern;
  decidedOn: string;
  agreedBy: string;
  reason?: string;
  previousLevel: LevelOfConcern;
  suggestedLevel: LevelOfConcern | null;
};

export interface LevelDecisionRecorded {
  decision: LevelDecisionNode;
  youngPerson: { id: string; version: number; levelOfConcern: LevelOfConcern; reviewDue: string | null };
}

export interface LevelHistory {
  youngPerson: {
    id: string;
    reference: string;
    levelOfConcern: LevelOfConcern;
    reviewDue: string | null;
    reviewOverdue: boolean;
    archivedAt: string | null;
    archiveReason: string | null;
  };
  history: LevelDecisionNode[];
}

const store = caseworkStore(levelDecision);

/** Neo4j keeps no null properties: a decision made without a suggestion says so plainly. */
const withSuggestion = (decision: CaseworkNode): LevelDecisionNode =>
  ({ ...decision, suggestedLevel: decision.suggestedLevel ?? null }) as LevelDecisionNode;

const refuse = (code: string, message: string, field: string) =>
  new HttpError(400, code, message, [{ field, message }]);

/**
 * Records the level the group agreed for a young person, in the caller's transaction: a LevelDecision in the
 * dated history, and the young person's current level and next review date. A level that differs from the
 * suggested one, and archiving, need a reason; a decision cannot be dated before the newest one, or in the future.
 */
export async function recordLevelDecision(
  tx: GraphTransaction,
  input: LevelDecisionInput,
  actor: Actor,
  intervals: ReviewIntervals = loadReviewIntervals(),
): Promise<LevelDecisionRecorded> {
  const visibility = visibilityOf(actor);
  const [locked] = await tx.run<{
    youngPerson: Record<string, unknown> & { version: number; levelOfConcern: LevelOfConcern };
    latestDecidedOn: string | null;
    assessment: { id: string; suggestedLevel: LevelOfConcern | null } | null;
  }>(cypher.lockForDecision, {
    id: input.youngPersonId,
    policeIntelligence: visibility.policeIntelligence,
    assessmentId: input.assessmentId ?? null,
  });
  if (!locked) throw notFound('young person', input.youngPersonId);
  if (input.assessmentId && !locked.assessment)
    throw notFound('risk assessment of this young person', input.assessmentId);
  if (input.decidedOn > todayIso())
    throw refuse('decided_in_future', 'A level cannot be agreed on a future date', 'decidedOn');
  if (locked.latestDecidedOn && input.decidedOn < locked.latestDecidedOn) {
    throw refuse(
      'decided_before_latest',
      `The newest level decision is dated ${locked.latestDecidedOn}; a new one cannot be dated before it`,
      'decidedOn',
    );
  }
  const suggestedLevel = locked.assessment?.suggestedLevel ?? null;
  const reason = input.reason?.trim() || undefined;
  if (!reason && input.level === 'archived') {
    throw refuse('reason_required', 'Archiving needs a reason', 'reason');
  }
  if (!reason && suggestedLevel !== null && input.level !== suggestedLevel) {
    throw refuse(
      'reason_required',
      `The level agreed (${input.level}) differs from the suggested level (${suggestedLevel}): give the reason`,
      'reason',
    );
  }

  const previousLevel = locked.youngPerson.levelOfConcern;
  const decision = await store.create(
    tx,
    {
      properties: { level: input.level, decidedOn: input.decidedOn, agreedBy: input.agreedBy, reason },
      derived: { previousLevel, suggestedLevel },
      links: {
        DECIDES_LEVEL_OF: input.youngPersonId,
        BASED_ON: locked.assessment && input.assessmentId ? locked.assessment.id : undefined,
        RECORDED_AT: input.meetingId,
      },
    },
    actor,
  );

  const reviewDue = nextReviewDue(input.level, input.decidedOn, intervals);
  const archived = input.level === 'archived';
  const changes: Record<string, unknown> = {
    levelOfConcern: input.level,
    reviewDue: reviewDue ? graphDate(reviewDue) : null,
    updatedBy: actor.username,
    ...(archived ? { archivedAt: graphNow(), archiveReason: reason } : { archivedAt: null, archiveReason: null }),
  };
  const [row] = await tx.run<{ youngPerson: Record<string, unknown> & { version: number } }>(cypher.updateYoungPerson, {
    id: input.youngPersonId,
    changes,
  });
  if (!row) throw notFound('young person', input.youngPersonId);
  const { _lock, ...before } = locked.youngPerson;
  await appendAudit(tx, {
    username: actor.username,
    role: actor.role,
    subjectType: 'YoungPerson',
    subjectId: input.youngPersonId,
    restricted: true,
    action: archived ? 'archive' : 'update',
    details: {
      levelDecision: decision.id,
      before: { levelOfConcern: previousLevel, reviewDue: before.reviewDue ?? null, version: before.version },
      after: { levelOfConcern: input.level, reviewDue, version: row.youngPerson.version },
    },
  });
  return {
    decision: withSuggestion(decision),
    youngPerson: {
      id: input.youngPersonId,
      version: row.youngPerson.version,
      levelOfConcern: input.level,
      reviewDue,
    },
  };
}

/** Levels of concern: the dated history of each young person, and recording a new decision. */
export function levelsService(graph: Graph) {
  return {
    record(input: LevelDecisionInput, actor: Actor): Promise<LevelDecisionRecorded> {
      return graph.writeTransaction((tx) => recordLevelDecision(tx, input, actor));
    },

    async history(youngPersonId: string, visibility: Visibility): Promise<LevelHistory> {
      const [row] = await graph.read<{
        youngPerson: Omit<LevelHistory['youngPerson'], 'reviewOverdue'>;
        history: Record<string, unknown>[];
      }>(cypher.levelHistory, { id: youngPersonId, policeIntelligence: visibility.policeIntelligence });
      if (!row) throw notFound('young person', youngPersonId);
      const { youngPerson } = row;
      return {
        youngPerson: {
          ...youngPerson,
          reviewDue: youngPerson.reviewDue ?? null,
          reviewOverdue:
            youngPerson.levelOfConcern !== 'archived' &&
            Boolean(youngPerson.reviewDue && youngPerson.reviewDue < todayIso()),
          archivedAt: youngPerson.archivedAt ?? null,
          archiveReason: youngPerson.archiveReason ?? null,
        },
        history: row.history.map((decision) =>
          presentCasework(levelDecision, withSuggestion(store.fromGraph(decision)), visibility),
        ),
      };
    },
  };
}

export type LevelsService = ReturnType<typeof levelsService>;
