import type { z } from 'zod';
import { todayIso } from '../../../graph-schema/calendar.ts';
import { riskAssessment, type riskAssessmentShape } from '../../../graph-schema/casework/risk-assessment.ts';
import { youngPerson as youngPersonDeclaration } from '../../../graph-schema/index.ts';
import { present } from '../../auth/pseudonymise.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import type { Graph, GraphTransaction } from '../../db/neo4j.ts';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../casework/casework-store.ts';
import { type IndicatorGroup, loadRiskIndicators, type RiskIndicatorsConfig } from '../config/risk-indicators.ts';
import * as cypher from './assessments.cypher.ts';
import { type ActionOwner, cafActionOwner, createCafAction } from './caf-referral.ts';
import { type LevelSuggestion, suggestLevel } from './level-suggestion.ts';
import { reviewsDue } from './reviews.ts';

export type AssessmentInput = z.infer<typeof riskAssessmentShape>;

export interface CreateAssessment extends AssessmentInput {
  /** For a CAF referral: who completes the CSE risk assessment, if not the young person's lead professional. */
  actionOwner?: ActionOwner | undefined;
}

export type UpdateAssessment = Partial<AssessmentInput> & { version: number; actionOwner?: ActionOwner | undefined };

/** The young person an assessment is about, as the viewer may see them. */
export interface YoungPersonSummary {
  id: string;
  reference: string;
  name: string;
  levelOfConcern: 1 | 2 | 3 | 'archived';
  reviewDue: string | null;
  pseudonymised?: boolean;
}

/** An assessment as the API answers with it: the stored node, the suggestion, and whether a meeting discussed it. */
export type AssessmentView = CaseworkNode & {
  youngPersonId: string;
  suggestedLevel: 1 | 2 | 3;
  suggestionReasons: string[];
  meetingId: string | null;
  discussedOn: string | null;
  /** The status of the meeting that discussed it: once 'closed', the assessment no longer changes. */
  meetingStatus: 'open' | 'closed' | null;
  awaitingDiscussion: boolean;
};

export interface AssessmentSaved {
  assessment: AssessmentView;
  /** The action a CAF referral created in the same transaction, if this save made one. */
  action: CaseworkNode | null;
}

export interface AssessmentListItem {
  assessment: AssessmentView;
  youngPerson: YoungPersonSummary;
}

/** Reads through a graph (own read transaction) or inside the caller's transaction. */
export type GraphReader = Pick<Graph, 'read'> | GraphTransaction;
const readWith = <Row>(reader: GraphReader, query: string, params: Record<string, unknown>): Promise<Row[]> =>
  'run' in reader ? reader.run<Row>(query, params) : reader.read<Row>(query, params);

const store = caseworkStore(riskAssessment);

interface Problem {
  code: string;
  field: string;
  message: string;
}

/** What is wrong with an assessment as a whole: unknown, repeated or future indicators, a future date, a missing route detail. */
export function assessmentProblems(input: AssessmentInput, config: RiskIndicatorsConfig, on = todayIso()): Problem[] {
  const known = new Set(config.indicators.map((indicator) => indicator.id));
  const problems: Problem[] = [];
  if (input.assessedOn > on) {
    problems.push({
      code: 'assessed_in_future',
      field: 'assessedOn',
      message: 'An assessment cannot be dated in the future',
    });
  }
  const seen = new Set<string>();
  input.indicators.forEach(({ indicator, lastSeen }, index) => {
    if (!known.has(indicator)) {
      problems.push({
        code: 'unknown_indicator',
        field: `indicators.${index}.indicator`,
        message: `${indicator} is not a configured risk indicator`,
      });
    } else if (seen.has(indicator)) {
      problems.push({
        code: 'duplicate_indicator',
        field: `indicators.${index}.indicator`,
        message: `${indicator} is listed more than once`,
      });
    }
    seen.add(indicator);
    if (lastSeen > input.assessedOn) {
      problems.push({
        code: 'seen_after_assessment',
        field: `indicators.${index}.lastSeen`,
        message: `${indicator} cannot be last seen after the assessment date (${input.assessedOn})`,
      });
    }
  });
  if (input.route === 'other' && !input.routeDetail) {
    problems.push({
      code: 'route_detail_required',
      field: 'routeDetail',
      message: 'Say which referral route ("other")',
    });
  }
  if (input.route !== 'other' && input.routeDetail) {
    problems.push({
      code: 'route_detail_only_for_other',
      field: 'routeDetail',
      message: 'A route detail is only for the "other" referral route',
    });
  }
  return problems;
}

const headline: Record<string, string> = {
  unknown_indicator: 'Unknown risk indicators',
  duplicate_indicator: 'Indicators listed more than once',
  seen_after_assessment: 'Indicators last seen after the assessment date',
};

function refuse(problems: Problem[], input: AssessmentInput): never {
  const parts = [...new Set(problems.map((p) => p.code))].map((code) => {
    const ids = problems
      .filter((p) => p.code === code && p.field.startsWith('indicators.'))
      .map((p) => input.indicators[Number(p.field.split('.')[1])]?.indicator);
    return ids.length
      ? `${headline[code]}: ${[...new Set(ids)].join(', ')}`
      : problems.find((p) => p.code === code)?.message;
  });
  throw new HttpError(
    400,
    problems[0]?.code ?? 'invalid_input',
    parts.join('; '),
    problems.map(({ field, message }) => ({ field, message })),
  );
}

const declaredKeys = Object.keys(riskAssessment.shape.shape) as (keyof AssessmentInput)[];

/** The declared properties of a stored assessment, to merge a change into. */
const declaredOf = (node: CaseworkNode): AssessmentInput =>
  Object.fromEntries(
    declaredKeys.filter((key) => node[key] !== undefined).map((key) => [key, node[key]]),
  ) as AssessmentInput;

export interface SuggestionContext {
  youngPerson: { id: string; reference: string; leadProfessional?: string | null; leadAgency?: string | null };
  missingEpisodes: string[];
  knownPerpetratorContacts: string[];
}

/**
 * What the young person's records add to a suggestion. The suggestion is stored and read by every casework role,
 * so police-only links and events count only when the young person is police-only too.
 */
async function suggestionContext(tx: GraphTransaction, youngPersonId: string, assessedOn: string, actor: Actor) {
  const visibility = visibilityOf(actor);
  const params = { id: youngPersonId, policeIntelligence: visibility.policeIntelligence };
  const [row] = await tx.run<{
    youngPerson: SuggestionContext['youngPerson'] & { gradingHandling?: string };
    missingEpisodes: string[];
    contacts: { adult: string; firstSeen: string | null; lastSeen: string | null }[];
  }>(cypher.suggestionContext, { ...params, evidencePolice: false });
  if (!row) throw notFound('young person', youngPersonId);
  const context =
    row.youngPerson.gradingHandling === 'C'
      ? ((await tx.run<typeof row>(cypher.suggestionContext, { ...params, evidencePolice: true }))[0] ?? row)
      : row;
  // Per adult, the newest contact seen by the assessment date (a link still current then counts as seen on it).
  const contactByAdult = new Map<string, string>();
  for (const contact of context.contacts) {
    if (!contact.firstSeen || contact.firstSeen > assessedOn) continue;
    const seen = contact.lastSeen && contact.lastSeen < assessedOn ? contact.lastSeen : assessedOn;
    const before = contactByAdult.get(contact.adult);
    if (!before || seen > before) contactByAdult.set(contact.adult, seen);
  }
  return {
    youngPerson: context.youngPerson,
    missingEpisodes: context.missingEpisodes.filter(Boolean),
    knownPerpetratorContacts: [...contactByAdult.values()],
  };
}

const derivedOf = (suggestion: LevelSuggestion) => ({
  suggestedLevel: suggestion.suggestedLevel,
  suggestionReasons: suggestion.suggestionReasons,
  suggestionScore: suggestion.score,
});

function viewOf(stored: Record<string, unknown>, visibility: Visibility): AssessmentView {
  const node = store.fromGraph(stored);
  return {
    ...presentCasework(riskAssessment, node, visibility),
    meetingStatus: (node.meetingStatus as string | null) ?? null,
    suggestionReasons: (node.suggestionReasons as string[] | undefined) ?? [],
    meetingId: (node.meetingId as string | null) ?? null,
    discussedOn: (node.discussedOn as string | null) ?? null,
    awaitingDiscussion: !node.meetingId,
  } as AssessmentView;
}

const summaryOf = (youngPerson: YoungPersonSummary, visibility: Visibility): YoungPersonSummary => {
  const shown = present(
    youngPersonDeclaration,
    youngPerson as YoungPersonSummary & Record<string, unknown>,
    visibility,
  );
  return { ...shown, reviewDue: shown.reviewDue ?? null };
};

/**
 * The assessments no meeting has discussed yet (no DISCUSSED_AT link), oldest first, as the viewer may see them:
 * for the meeting's agenda and the dashboard.
 */
export async function assessmentsAwaitingDiscussion(
  reader: GraphReader,
  visibility: Visibility,
  page: { limit?: number; offset?: number } = {},
): Promise<{ items: AssessmentListItem[]; total: number }> {
  return listAssessments(reader, visibility, { awaitingDiscussion: true, ...page });
}

export async function listAssessments(
  reader: GraphReader,
  visibility: Visibility,
  options: { awaitingDiscussion?: boolean | undefined; limit?: number; offset?: number },
): Promise<{ items: AssessmentListItem[]; total: number }> {
  const [row] = await readWith<{
    total: number;
    items: { assessment: Record<string, unknown>; youngPerson: YoungPersonSummary }[];
  }>(reader, cypher.listAssessments, {
    policeIntelligence: visibility.policeIntelligence,
    awaitingDiscussion: options.awaitingDiscussion ?? null,
    limit: options.limit ?? 100,
    offset: options.offset ?? 0,
  });
  return {
    total: row?.total ?? 0,
    items: (row?.items ?? []).map((item) => ({
      assessment: viewOf(item.assessment, visibility),
      youngPerson: summaryOf(item.youngPerson, visibility),
    })),
  };
}

/** The configured indicators, grouped as the form shows them, with the scoring that turns them into a suggestion. */
export function indicatorList(config: RiskIndicatorsConfig) {
  const groups = (Object.keys(config.groups) as IndicatorGroup[]).map((group) => ({
    group,
    label: config.groups[group].label,
    weight: config.groups[group].weight,
    indicators: config.indicators.filter((indicator) => indicator.group === group),
  }));
  return {
    groups,
    recency: config.recency,
    thresholds: config.thresholds,
    missingEpisodes: config.missingEpisodes,
    knownPerpetratorContact: config.knownPerpetratorContact,
    cafReferral: config.cafReferral,
  };
}

/** One assessment and its young person, or a 404 when either is missing or unseen. */
export async function readAssessment(
  reader: GraphReader,
  id: string,
  visibility: Visibility,
): Promise<AssessmentListItem> {
  const [row] = await readWith<{ assessment: Record<string, unknown>; youngPerson: YoungPersonSummary }>(
    reader,
    cypher.getAssessment,
    { id, policeIntelligence: visibility.policeIntelligence },
  );
  if (!row) throw notFound('risk assessment', id);
  return { assessment: viewOf(row.assessment, visibility), youngPerson: summaryOf(row.youngPerson, visibility) };
}

/** Risk assessments: recorded with their suggested level and its reasons, a CAF referral's action beside them. */
export function assessmentsService(graph: Graph, config: RiskIndicatorsConfig = loadRiskIndicators()) {
  return {
    indicators: () => indicatorList(config),

    create(youngPersonId: string, input: CreateAssessment, actor: Actor): Promise<AssessmentSaved> {
      const { actionOwner, ...assessment } = input;
      const problems = assessmentProblems(assessment, config);
      if (problems.length) refuse(problems, assessment);
      return graph.writeTransaction(async (tx) => {
        const context = await suggestionContext(tx, youngPersonId, assessment.assessedOn, actor);
        const owner =
          assessment.route === 'caf-referral' ? cafActionOwner(actionOwner, context.youngPerson) : undefined;
        const suggestion = suggestLevel({ ...assessment, ...context }, config);
        const created = await store.create(
          tx,
          {
            properties: assessment,
            derived: derivedOf(suggestion),
            links: { ASSESSES: youngPersonId },
            auditDetails: { suggestion: { score: suggestion.score, indicators: suggestion.indicators } },
          },
          actor,
        );
        const action = owner
          ? await createCafAction(
              tx,
              { youngPersonId, owner, from: todayIso(), assessmentId: created.id },
              config,
              actor,
            )
          : null;
        if (action) await tx.run(cypher.setCafAction, { id: created.id, actionId: action.id });
        const saved = await readAssessment(tx, created.id, visibilityOf(actor));
        return { assessment: saved.assessment, action };
      });
    },

    /** Changes an assessment (with the version read) and suggests again; one discussed at a closed meeting stays as it was. */
    update(id: string, input: UpdateAssessment, actor: Actor): Promise<AssessmentSaved> {
      const { version, actionOwner, ...changes } = input;
      return graph.writeTransaction(async (tx) => {
        const visibility = visibilityOf(actor);
        const { assessment: current } = await readAssessment(tx, id, visibility);
        if (current.meetingStatus === 'closed') {
          throw conflict(
            'This assessment was discussed at a meeting whose minutes are closed: record a new assessment',
          );
        }
        const merged: AssessmentInput = { ...declaredOf(current), ...changes };
        const stored: Record<string, unknown> = { ...changes };
        // Moving away from "other" lets its detail go with it.
        if (merged.route !== 'other' && changes.routeDetail === undefined) {
          merged.routeDetail = undefined;
          if (current.routeDetail !== undefined) stored.routeDetail = null;
        }
        const problems = assessmentProblems(merged, config);
        if (problems.length) refuse(problems, merged);
        const context = await suggestionContext(tx, current.youngPersonId, merged.assessedOn, actor);
        const needsAction = merged.route === 'caf-referral' && !current.cafActionId;
        const owner = needsAction ? cafActionOwner(actionOwner, context.youngPerson) : undefined;
        const suggestion = suggestLevel({ ...merged, ...context }, config);
        await store.update(tx, id, { version, changes: { ...stored, ...derivedOf(suggestion) } }, actor);
        const action = owner
          ? await createCafAction(
              tx,
              { youngPersonId: current.youngPersonId, owner, from: todayIso(), assessmentId: id },
              config,
              actor,
            )
          : null;
        if (action) await tx.run(cypher.setCafAction, { id, actionId: action.id });
        const saved = await readAssessment(tx, id, visibility);
        return { assessment: saved.assessment, action };
      });
    },

    get: (id: string, visibility: Visibility) => readAssessment(graph, id, visibility),

    /** A young person's assessments, newest first. */
    async ofYoungPerson(
      youngPersonId: string,
      visibility: Visibility,
    ): Promise<{ youngPerson: YoungPersonSummary; items: AssessmentView[] }> {
      const [row] = await graph.read<{ youngPerson: YoungPersonSummary; assessments: Record<string, unknown>[] }>(
        cypher.assessmentsOfYoungPerson,
        { id: youngPersonId, policeIntelligence: visibility.policeIntelligence },
      );
      if (!row) throw notFound('young person', youngPersonId);
      return {
        youngPerson: summaryOf(row.youngPerson, visibility),
        items: row.assessments.map((assessment) => viewOf(assessment, visibility)),
      };
    },

    /** Reviews overdue or due within `within` days. */
    reviews: (options: { within: number; limit: number }, visibility: Visibility) =>
      reviewsDue(graph, visibility, options),

    list(options: { awaitingDiscussion?: boolean | undefined; limit: number; offset: number }, visibility: Visibility) {
      return listAssessments(graph, visibility, options);
    },
  };
}

export type AssessmentsService = ReturnType<typeof assessmentsService>;
