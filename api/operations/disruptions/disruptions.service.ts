import { todayIso } from '../../../graph-schema/calendar.ts';
import { disruption, type disruptionTactics } from '../../../graph-schema/casework/index.ts';
import { type EntitySummary, summarise } from '../../analysis/summary.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import type { Graph, GraphTransaction } from '../../db/neo4j.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { type CaseworkNode, caseworkStore } from '../casework/casework-store.ts';
import { type DisruptionDates, disruptionProblems, isActiveDisruption } from './disruption-rules.ts';
import * as cypher from './disruptions.cypher.ts';

export const disruptions = caseworkStore(disruption);

export interface Breach {
  on: string;
  note?: string | undefined;
}

export interface NewDisruption {
  subject: string;
  tactic: (typeof disruptionTactics)[number];
  tacticDetail?: string | undefined;
  agency: string;
  servedOn: string;
  expiresOn?: string | undefined;
  reviewOn?: string | undefined;
  outcome?: string | undefined;
}

export type DisruptionChange = Partial<{
  [K in Exclude<keyof NewDisruption, 'subject'>]: NewDisruption[K] | null;
}> & { version: number };

export type DisruptionView = CaseworkNode & {
  breaches: Breach[];
  active: boolean;
  subject: EntitySummary;
};

interface DisruptionRow {
  disruption: CaseworkNode;
  subject: Record<string, unknown> & { id: string };
  subjectLabel: string;
}

const breachesOf = (node: Record<string, unknown>): Breach[] => (Array.isArray(node.breaches) ? node.breaches : []);

function toView(row: DisruptionRow, visibility: Visibility, today: string): DisruptionView {
  const node = disruptions.fromGraph(row.disruption);
  return {
    ...node,
    breaches: breachesOf(node),
    active: isActiveDisruption({ expiresOn: node.expiresOn }, today),
    subject: summarise({ ...row.subject, label: row.subjectLabel }, visibility),
  };
}

function refuseIf(problems: { field: string; message: string }[]) {
  const [first] = problems;
  if (first) throw badRequest(first.message, problems);
}

const asDates = (values: Record<string, unknown>): DisruptionDates => ({
  tactic: String(values.tactic),
  tacticDetail: values.tacticDetail as string | null | undefined,
  servedOn: String(values.servedOn),
  expiresOn: values.expiresOn as string | null | undefined,
  reviewOn: values.reviewOn as string | null | undefined,
  breaches: breachesOf(values),
});

export function disruptionsService(graph: Graph) {
  async function read(tx: Pick<GraphTransaction, 'run'>, id: string, visibility: Visibility, today: string) {
    const [row] = await tx.run<{ view: DisruptionRow }>(cypher.getDisruption, {
      id,
      policeIntelligence: visibility.policeIntelligence,
    });
    if (!row) throw notFound('disruption', id);
    return toView(row.view, visibility, today);
  }

  /** A versioned change whose result must still make sense as a whole (dates, "other", breaches). */
  function change(
    id: string,
    version: number,
    actor: Actor,
    next: (current: CaseworkNode) => Record<string, unknown>,
    field: (problem: string) => string = (problem) => problem,
  ) {
    const visibility = visibilityOf(actor);
    const today = todayIso();
    return graph.writeTransaction(async (tx) => {
      await read(tx, id, visibility, today);
      // Filled by `allow`, which sees the node under its lock, so the rules judge what will be stored.
      const pending: Record<string, unknown> = {};
      await disruptions.update(
        tx,
        id,
        {
          version,
          changes: pending,
          allow: (current) => {
            const changes = next(current);
            const problems = disruptionProblems(asDates({ ...current, ...changes }), today);
            refuseIf(problems.map((problem) => ({ ...problem, field: field(problem.field) })));
            Object.assign(pending, changes);
          },
        },
        actor,
      );
      return read(tx, id, visibility, today);
    });
  }

  return {
    create(input: NewDisruption, actor: Actor): Promise<DisruptionView> {
      const visibility = visibilityOf(actor);
      const today = todayIso();
      const { subject, ...properties } = input;
      refuseIf(disruptionProblems({ ...properties, breaches: [] }, today));
      return graph.writeTransaction(async (tx) => {
        const created = await disruptions.create(
          tx,
          { properties: { ...properties, breaches: [] }, links: { DISRUPTS: subject } },
          actor,
        );
        return read(tx, created.id, visibility, today);
      });
    },

    get: (id: string, visibility: Visibility) =>
      read({ run: (query, params) => graph.read(query, params) }, id, visibility, todayIso()),

    async list(
      options: { subject?: string | undefined; activeOnly: boolean; limit: number; offset: number },
      visibility: Visibility,
    ) {
      const today = todayIso();
      const [page] = await graph.read<{ items: DisruptionRow[]; total: number }>(cypher.listDisruptions, {
        subject: options.subject ?? null,
        activeOnly: options.activeOnly,
        today,
        policeIntelligence: visibility.policeIntelligence,
        limit: options.limit,
        offset: options.offset,
      });
      return { items: (page?.items ?? []).map((row) => toView(row, visibility, today)), total: page?.total ?? 0 };
    },

    update(id: string, input: DisruptionChange, actor: Actor): Promise<DisruptionView> {
      const { version, ...changes } = input;
      return change(id, version, actor, () => changes);
    },

    /** Records a breach; breaches are kept in date order. The ones already there were judged when added. */
    addBreach(id: string, input: Breach & { version: number }, actor: Actor): Promise<DisruptionView> {
      const { version, ...breach } = input;
      return change(
        id,
        version,
        actor,
        (current) => ({ breaches: [...breachesOf(current), breach].sort((a, b) => a.on.localeCompare(b.on)) }),
        (problem) => (problem.startsWith('breaches.') ? 'on' : problem),
      );
    },
  };
}

/** The records under a disruption that has not expired: the chart marks them. */
export async function activelyDisrupted(graph: Graph): Promise<Set<string>> {
  const rows = await graph.read<{ id: string }>(cypher.activelyDisrupted, { today: todayIso() });
  return new Set(rows.map((row) => row.id));
}

export type DisruptionsService = ReturnType<typeof disruptionsService>;
