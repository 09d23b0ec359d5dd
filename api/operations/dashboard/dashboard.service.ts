import { addDays, todayIso } from '../../../graph-schema/calendar.ts';
import { action as actionDeclaration } from '../../../graph-schema/casework/index.ts';
import { nodeLabels } from '../../../graph-schema/index.ts';
import { analysisQueries } from '../../analysis/analysis.routes.ts';
import type { AnalysisService } from '../../analysis/analysis.service.ts';
import { type EntitySummary, type LabelledRecord, summarise } from '../../analysis/summary.ts';
import type { Visibility } from '../../auth/viewer.ts';
import { type Graph, graphDate } from '../../db/neo4j.ts';
import { HttpError } from '../../http/errors.ts';
import * as cypher from './dashboard.cypher.ts';
import {
  type ActiveLevel,
  addMonthsTo,
  type LevelCounts,
  type MonthlyLevels,
  monthlyLevels,
  monthsBetween,
  type YoungPersonLevels,
} from './level-history.ts';

/** How far ahead "reviews due" looks, and how many rows each list shows (its total is always complete). */
export const reviewWindowDays = 30;
export const listLimit = 50;
const trendMonths = 12;
const analysisRows = 5;

export interface Listed<T> {
  total: number;
  items: T[];
}

export interface ReviewItem {
  youngPerson: EntitySummary;
  reviewDue: string;
}

export interface OverdueAction {
  id: string;
  /** What is to be done; left out for roles that see young people by reference, as it may name one. */
  what?: string;
  ownerName: string;
  ownerAgency: string;
  dueOn: string;
  daysOverdue: number;
  category: string;
  target: EntitySummary;
}

export interface Dashboard {
  asOf: string;
  levels: { current: LevelCounts; trend: MonthlyLevels[] };
  reviews: { windowDays: number; overdue: Listed<ReviewItem>; dueSoon: Listed<ReviewItem> };
  overdueActions: { total: number; byAgency: (Listed<OverdueAction> & { agency: string })[] };
  withoutPlan: Listed<EntitySummary>;
  awaitingDiscussion: Listed<{
    id: string;
    assessedOn: string;
    assessorAgency: string;
    suggestedLevel: number | string | null;
    youngPerson: EntitySummary;
  }>;
  nextMeeting: { id: string; heldOn: string; title: string } | null;
  hotspots: { items: HotspotItem[]; unavailable?: string };
  groups: { items: GroupItem[]; unavailable?: string };
}

interface HotspotItem {
  location: EntitySummary;
  youngPeopleCount: number;
  adultCount: number;
  eventCount: number;
  lastSeen: string;
}

interface GroupItem {
  id: string;
  memberCount: number;
  youngPeopleCount: number;
  members: EntitySummary[];
}

const listed = <T>(items: T[]): Listed<T> => ({ total: items.length, items: items.slice(0, listLimit) });

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The hotspots and groups come from the whole-network analyses: a timeout leaves their card empty, not the page. */
async function unlessTimedOut<T>(work: Promise<T[]>): Promise<{ items: T[]; unavailable?: string }> {
  try {
    return { items: await work };
  } catch (error) {
    if (error instanceof HttpError && error.status === 503) return { items: [], unavailable: error.message };
    throw error;
  }
}

/** Without names, casework properties that may name a child are left out (as presentCasework does). */
function presentAction(row: Record<string, unknown>, visibility: Visibility): Record<string, unknown> {
  if (visibility.names) return row;
  const shown = { ...row };
  for (const property of actionDeclaration.identifying ?? []) delete shown[property];
  return shown;
}

/** The operations group's dashboard: what needs the group's attention now, as this viewer may see it. */
export function dashboardService(graph: Graph, analysis: AnalysisService) {
  const read = <Row>(query: string, params: Record<string, unknown>, visibility: Visibility) =>
    graph.read<Row>(
      query,
      { ...params, policeIntelligence: visibility.policeIntelligence, recordLabels: nodeLabels },
      { maxRows: 500_000, timeoutMs: 20_000 },
    );

  /** Every visible young person's level history, for the trend here and the strategic report. */
  async function levelHistories(visibility: Visibility) {
    return read<YoungPersonLevels & { dateOfBirth: string | null; gender: string | null }>(
      cypher.levelHistories,
      {},
      visibility,
    );
  }

  return {
    levelHistories,

    async dashboard(visibility: Visibility): Promise<Dashboard> {
      const asOf = todayIso();
      const params = { today: graphDate(asOf) };
      const thisMonth = asOf.slice(0, 7);
      const [histories, reviews, actions, unplanned, assessments, meetings, hotspots, groups] = await Promise.all([
        levelHistories(visibility),
        read<{ youngPerson: LabelledRecord; reviewDue: string }>(
          cypher.reviewsDue,
          { dueBy: graphDate(addDays(asOf, reviewWindowDays)) },
          visibility,
        ),
        read<{ action: Record<string, unknown> & { ownerAgency: string; dueOn: string }; target: LabelledRecord }>(
          cypher.overdueActions,
          params,
          visibility,
        ),
        read<{ youngPerson: LabelledRecord }>(cypher.withoutPlan, params, visibility),
        read<{ assessment: Record<string, unknown> & { id: string }; youngPerson: LabelledRecord }>(
          cypher.awaitingDiscussion,
          params,
          visibility,
        ),
        read<{ meeting: Dashboard['nextMeeting'] }>(cypher.nextMeeting, params, visibility),
        unlessTimedOut(
          analysis
            .hotspots(analysisQueries.hotspots.parse({ limit: String(analysisRows), memberLimit: '1' }), visibility)
            .then((answer) =>
              answer.items.map(
                (item): HotspotItem => ({
                  location: item.location,
                  youngPeopleCount: item.youngPeopleCount,
                  adultCount: item.adultCount,
                  eventCount: item.eventCount,
                  lastSeen: item.lastSeen,
                }),
              ),
            ),
        ),
        unlessTimedOut(
          analysis.groups(analysisQueries.groups.parse({ limit: String(analysisRows) }), visibility).then((answer) =>
            answer.items.map(
              (item): GroupItem => ({
                id: item.id,
                memberCount: item.members.length,
                youngPeopleCount: item.youngPeopleCount,
                members: item.members.slice(0, 3),
              }),
            ),
          ),
        ),
      ]);

      const current: LevelCounts = { 1: 0, 2: 0, 3: 0 };
      for (const youngPerson of histories) {
        if (youngPerson.levelOfConcern !== 'archived') current[youngPerson.levelOfConcern as ActiveLevel] += 1;
      }
      const review = (row: (typeof reviews)[number]): ReviewItem => ({
        youngPerson: summarise(row.youngPerson, visibility),
        reviewDue: row.reviewDue,
      });

      const byAgency = new Map<string, OverdueAction[]>();
      for (const { action, target } of actions) {
        const shown = presentAction(action, visibility) as Omit<OverdueAction, 'daysOverdue' | 'target'>;
        const list = byAgency.get(action.ownerAgency) ?? [];
        byAgency.set(action.ownerAgency, list);
        list.push({ ...shown, daysOverdue: daysBetween(action.dueOn, asOf), target: summarise(target, visibility) });
      }

      return {
        asOf,
        levels: {
          current,
          trend: monthlyLevels(histories, monthsBetween(addMonthsTo(thisMonth, 1 - trendMonths), thisMonth), asOf),
        },
        reviews: {
          windowDays: reviewWindowDays,
          overdue: listed(reviews.filter((row) => row.reviewDue < asOf).map(review)),
          dueSoon: listed(reviews.filter((row) => row.reviewDue >= asOf).map(review)),
        },
        overdueActions: {
          total: actions.length,
          byAgency: [...byAgency]
            .map(([agency, items]) => ({ agency, ...listed(items) }))
            .sort((a, b) => b.total - a.total || a.agency.localeCompare(b.agency)),
        },
        withoutPlan: listed(unplanned.map((row) => summarise(row.youngPerson, visibility))),
        awaitingDiscussion: listed(
          assessments.map(({ assessment, youngPerson }) => ({
            id: assessment.id,
            assessedOn: String(assessment.assessedOn),
            assessorAgency: String(assessment.assessorAgency),
            suggestedLevel: (assessment.suggestedLevel as number | string | undefined) ?? null,
            youngPerson: summarise(youngPerson, visibility),
          })),
        ),
        nextMeeting: meetings[0]?.meeting ?? null,
        hotspots,
        groups,
      };
    },
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;
