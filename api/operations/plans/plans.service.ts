import { todayIso } from '../../../graph-schema/calendar.ts';
import { plan } from '../../../graph-schema/casework/index.ts';
import { type EntitySummary, summarise } from '../../analysis/summary.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import type { Graph, GraphTransaction } from '../../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { type CaseworkNode, caseworkStore } from '../casework/casework-store.ts';
import {
  isCurrentPlan,
  type PlanDates,
  type PlanType,
  planProblems,
  planTypeFor,
  replacedPlanEnd,
} from './plan-rules.ts';
import * as cypher from './plans.cypher.ts';

export const plans = caseworkStore(plan);

export interface NewPlan {
  type: PlanType;
  startedOn: string;
  endedOn?: string | undefined;
  leadProfessional?: string | undefined;
  leadAgency?: string | undefined;
}

export type PlanChange = Partial<{ [K in keyof NewPlan]: NewPlan[K] | null }> & { version: number };

export type PlanView = CaseworkNode & { current: boolean };

export interface YoungPersonPlans {
  youngPerson: EntitySummary;
  /** Level 1–3 and not archived: such a young person must have a plan. */
  atRisk: boolean;
  current: PlanView | null;
  /** The flag: at risk with no current plan. */
  noCurrentPlan: boolean;
  legalStatus: string;
  /** The plan their legal status calls for. */
  expectedType: PlanType;
  plans: PlanView[];
}

interface PlansRow {
  youngPerson: Record<string, unknown> & { id: string };
  plans: CaseworkNode[];
}

const planDates = (node: CaseworkNode): PlanDates => ({
  startedOn: String(node.startedOn),
  endedOn: typeof node.endedOn === 'string' ? node.endedOn : null,
});

function refuseIf(problems: { field: string; message: string }[]) {
  const [first] = problems;
  if (first) throw badRequest(first.message, problems);
}

async function readPlans(
  tx: Pick<GraphTransaction, 'run'>,
  youngPerson: string,
  visibility: Visibility,
  today: string,
): Promise<YoungPersonPlans> {
  const [row] = await tx.run<PlansRow>(cypher.plansOf, {
    youngPerson,
    policeIntelligence: visibility.policeIntelligence,
  });
  if (!row) throw notFound('young person', youngPerson);
  const all = row.plans.map((stored) => {
    const node = plans.fromGraph(stored);
    return { ...node, current: isCurrentPlan(planDates(node), today) };
  });
  const current = all.find((p) => p.current) ?? null;
  const level = row.youngPerson.levelOfConcern;
  const atRisk = (level === 1 || level === 2 || level === 3) && !row.youngPerson.archivedAt;
  return {
    youngPerson: summarise({ ...row.youngPerson, label: 'YoungPerson' }, visibility),
    atRisk,
    current,
    noCurrentPlan: atRisk && !current,
    legalStatus: String(row.youngPerson.legalStatus ?? 'none'),
    expectedType: planTypeFor[String(row.youngPerson.legalStatus)] ?? 'cse-action-plan',
    plans: all,
  };
}

export function plansService(graph: Graph) {
  return {
    /** The young person's plans, newest first, and whether they are flagged for having none. */
    ofYoungPerson(youngPerson: string, visibility: Visibility): Promise<YoungPersonPlans> {
      return readPlans({ run: (query, params) => graph.read(query, params) }, youngPerson, visibility, todayIso());
    },

    /**
     * Starts a plan. A current one replaces the plan current before it, which ends the day before, in the
     * same transaction: a young person is under one plan at a time.
     */
    create(youngPerson: string, input: NewPlan, actor: Actor): Promise<YoungPersonPlans> {
      const visibility = visibilityOf(actor);
      const today = todayIso();
      return graph.writeTransaction(async (tx) => {
        const before = await readPlans(tx, youngPerson, visibility, today);
        refuseIf(planProblems(input, { legalStatus: before.legalStatus, today }));
        if (before.current && isCurrentPlan(input, today)) {
          const replaced = replacedPlanEnd(planDates(before.current), input);
          if ('refused' in replaced) throw conflict(replaced.refused, { current: before.current });
          await plans.update(
            tx,
            before.current.id,
            { version: before.current.version, changes: { endedOn: replaced.endedOn } },
            actor,
          );
        }
        await plans.create(
          tx,
          {
            properties: { ...input },
            links: { PLAN_FOR: youngPerson },
            auditDetails: { replaced: before.current?.id },
          },
          actor,
        );
        return readPlans(tx, youngPerson, visibility, today);
      });
    },

    /** Changes a plan (e.g. ends it) under the version the client read. */
    update(id: string, input: PlanChange, actor: Actor): Promise<YoungPersonPlans> {
      const visibility = visibilityOf(actor);
      const today = todayIso();
      const { version, ...changes } = input;
      return graph.writeTransaction(async (tx) => {
        const [owner] = await tx.run<{ youngPerson: string }>(cypher.planOf, {
          id,
          policeIntelligence: visibility.policeIntelligence,
        });
        if (!owner) throw notFound('plan', id);
        const { legalStatus } = await readPlans(tx, owner.youngPerson, visibility, today);
        await plans.update(
          tx,
          id,
          {
            version,
            changes,
            allow: (current) => {
              const merged = { ...current, ...changes } as CaseworkNode;
              // Only what changes is judged again: a legal status that moved on does not lock an old plan.
              const judged = new Set(['endedOn', ...Object.keys(changes)]);
              refuseIf(
                planProblems({ ...planDates(merged), type: String(merged.type) }, { legalStatus, today }).filter(
                  (problem) => judged.has(problem.field),
                ),
              );
            },
          },
          actor,
        );
        return readPlans(tx, owner.youngPerson, visibility, today);
      });
    },

    /** Young people at risk with no current plan: the dashboard lists them separately. */
    async withoutPlan(options: { limit: number; offset: number }, visibility: Visibility) {
      const [page] = await graph.read<{ items: (Record<string, unknown> & { id: string })[]; total: number }>(
        cypher.withoutPlan,
        { today: todayIso(), policeIntelligence: visibility.policeIntelligence, ...options },
      );
      return {
        items: (page?.items ?? []).map((child) => summarise({ ...child, label: 'YoungPerson' }, visibility)),
        total: page?.total ?? 0,
      };
    },
  };
}

export type PlansService = ReturnType<typeof plansService>;
