import { addDays, todayIso } from '../../../graph-schema/calendar.ts';
import { action, levelDecision, riskAssessment } from '../../../graph-schema/casework/index.ts';
import type { planTypes } from '../../../graph-schema/casework/plan.ts';
import { analysisQueries } from '../../analysis/analysis.routes.ts';
import type { AnalysisService } from '../../analysis/analysis.service.ts';
import { type EntitySummary, type LabelledRecord, type LinkEvidence, summarise } from '../../analysis/summary.ts';
import type { Visibility } from '../../auth/viewer.ts';
import type { Graph } from '../../db/neo4j.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../casework/casework-store.ts';
import {
  type EscalationAlert,
  type EscalationService,
  firstMeetingLookbackDays,
} from '../escalation/escalation.service.ts';
import type { LevelDecisionNode } from '../levels/levels.service.ts';
import { meetingView } from './meeting-view.ts';
import * as cypher from './meetings.cypher.ts';
import {
  type GroupChanges,
  groupChanges,
  type HotspotChanges,
  hotspotChanges,
  type NetworkSnapshot,
  readSnapshot,
  type SnapshotGroup,
  type SnapshotHotspot,
  snapshotFor,
} from './snapshot.ts';

/** How many hotspots and groups the agenda discusses, and how many new links it lists per young person. */
export const agendaHotspots = 10;
export const agendaGroups = 10;
const listLimit = 20;

export interface AgendaContext {
  graph: Graph;
  analysis: AnalysisService;
  escalation: EscalationService;
  visibility: Visibility;
  meeting: CaseworkNode;
  previous: { id: string; title: string; heldOn: string; closedAt: string; snapshot?: string } | null;
}

const planWords: Record<(typeof planTypes)[number], string> = {
  'child-in-need': 'Child in Need plan',
  'child-protection': 'Child Protection plan',
  'looked-after-child': 'Looked After Child plan',
  'cse-action-plan': 'CSE action plan',
};

/** The top hotspots and organised groups as this viewer may see them now, in the snapshot's terms. */
export async function networkSnapshot(analysis: AnalysisService, visibility: Visibility): Promise<NetworkSnapshot> {
  const [hotspots, groups] = await Promise.all([
    analysis.hotspots(analysisQueries.hotspots.parse({ limit: String(agendaHotspots) }), visibility),
    analysis.groups(analysisQueries.groups.parse({ limit: String(agendaGroups) }), visibility),
  ]);
  return {
    hotspots: hotspots.items.map((item) => ({
      id: item.location.id,
      caption: item.location.caption,
      youngPeopleCount: item.youngPeopleCount,
      adultCount: item.adultCount,
      people: [...item.youngPeople, ...item.adults].map((person) => person.id),
    })),
    groups: groups.items.map((group) => ({
      id: group.id,
      members: group.members.map((member) => ({ id: member.id, caption: member.caption })),
      youngPeople: group.youngPeople.map((youngPerson) => youngPerson.id),
      youngPeopleCount: group.youngPeopleCount,
    })),
  };
}

interface YoungPersonRow {
  youngPerson: LabelledRecord;
  lastReview: Record<string, unknown> | null;
  since: string | null;
  levelChanges: Record<string, unknown>[];
  newLinks: { link: LinkEvidence; createdAt: string; other: LabelledRecord }[];
  newLinkCount: number;
  missingEpisodes: {
    id: string;
    title: string;
    occurredOn: string;
    endedOn: string | null;
    returnInterviewOffered: string | null;
    returnInterviewDone: string | null;
    foundAt: { id: string; name: string } | null;
    withAdults: { id: string; name: string }[];
  }[];
  actions: (Record<string, unknown> & { raisedHere: boolean })[];
  plan: Record<string, unknown> | null;
  latestAssessment: {
    id: string;
    assessedOn: string;
    suggestedLevel?: number | string | null;
    suggestionReasons?: string[] | null;
  } | null;
  agreedHere: Record<string, unknown> | null;
}

const decisions = caseworkStore(levelDecision);
const actionStore = caseworkStore(action);
const assessmentStore = caseworkStore(riskAssessment);

function youngPersonItem(row: YoungPersonRow, visibility: Visibility, now: string) {
  const decision = (stored: Record<string, unknown>) =>
    presentCasework(
      levelDecision,
      { suggestedLevel: null, ...decisions.fromGraph(stored) } as LevelDecisionNode,
      visibility,
    );
  const actions = row.actions.map((stored) => {
    const { raisedHere, ...node } = stored;
    const shown = presentCasework(action, actionStore.fromGraph(node), visibility);
    const overdue = shown.status === 'open' && String(shown.dueOn) < now;
    return { ...shown, raisedHere, overdue } as CaseworkNode & { raisedHere: boolean; overdue: boolean };
  });
  const open = actions.filter((a) => a.status === 'open');
  const reviewDue = typeof row.youngPerson.reviewDue === 'string' ? row.youngPerson.reviewDue : null;
  const planType = row.plan?.type as (typeof planTypes)[number] | undefined;
  return {
    youngPerson: {
      ...summarise(row.youngPerson, visibility),
      reviewDue,
      reviewOverdue: Boolean(reviewDue && reviewDue < now),
    },
    since: row.since,
    lastReview: row.lastReview ? decision(row.lastReview) : null,
    changes: {
      levelChanges: row.levelChanges.map(decision),
      newLinks: row.newLinks.map((link) => ({
        link: link.link,
        createdAt: link.createdAt,
        other: summarise(link.other, visibility),
      })),
      newLinkCount: row.newLinkCount,
      missingEpisodes: row.missingEpisodes.map((episode) => ({
        ...episode,
        foundAt: episode.foundAt ?? null,
        returnInterviewWithin72Hours:
          episode.endedOn && episode.returnInterviewDone
            ? episode.returnInterviewDone <= addDays(episode.endedOn, 3)
            : null,
      })),
    },
    actions,
    openActions: open.length,
    overdueActions: open.filter((a) => a.overdue).length,
    plan: row.plan ? { ...row.plan, type: planType } : null,
    planStatus: planType ? planWords[planType] : 'no plan',
    suggestion: row.latestAssessment?.suggestedLevel
      ? {
          assessmentId: row.latestAssessment.id,
          assessedOn: row.latestAssessment.assessedOn,
          suggestedLevel: row.latestAssessment.suggestedLevel,
          suggestionReasons: row.latestAssessment.suggestionReasons ?? [],
        }
      : null,
    agreedHere: row.agreedHere ? decision(row.agreedHere) : null,
  };
}

export type AgendaYoungPerson = ReturnType<typeof youngPersonItem>;

interface NetworkItem<T, C> {
  current: T[];
  /** Against the previous closed meeting's snapshot; null when there is none to compare with. */
  changes: C | null;
}

export type AgendaItem =
  | {
      key: 'new-assessments';
      title: string;
      assessments: (CaseworkNode & { youngPerson: EntitySummary })[];
    }
  | { key: 'young-people'; title: string; levels: { level: 1 | 2 | 3; youngPeople: AgendaYoungPerson[] }[] }
  | {
      key: 'escalation-alerts';
      title: string;
      since: string | null;
      until: string | null;
      alerts: EscalationAlert[];
    }
  | ({ key: 'hotspots'; title: string } & NetworkItem<SnapshotHotspot, HotspotChanges>)
  | ({ key: 'groups'; title: string } & NetworkItem<SnapshotGroup, GroupChanges>)
  | { key: 'standing'; title: string; training: string | null; learningLinks: string[] };

/**
 * The meeting's agenda, built from the data in the order the group takes it: new risk assessments; every
 * young person at level 3, then 2, then 1, with what changed, their actions and plan; escalation alerts;
 * hotspots and groups, and what changed in them since the previous meeting; the standing item. For a
 * closed meeting, what changed is counted up to its closing and the network is the one it kept.
 */
export async function buildAgenda(context: AgendaContext) {
  const { graph, visibility, meeting, previous } = context;
  const closed = meeting.status === 'closed';
  const until = closed && typeof meeting.closedAt === 'string' ? meeting.closedAt : null;
  const params = {
    meetingId: meeting.id,
    policeIntelligence: visibility.policeIntelligence,
    closed,
    previousClosedAt: previous?.closedAt ?? null,
    until,
    today: todayIso(),
    listLimit,
  };
  const alertsSince =
    previous?.closedAt ??
    new Date(Date.parse(`${String(meeting.heldOn)}T00:00:00Z`) - firstMeetingLookbackDays * 86_400_000).toISOString();
  const kept = closed ? readSnapshot(meeting.snapshot) : null;
  const previousSnapshot = previous ? readSnapshot(previous.snapshot) : null;

  const [assessmentRows, youngPeopleRows, alerts, network] = await Promise.all([
    graph.read<{ assessment: Record<string, unknown>; youngPerson: LabelledRecord }>(cypher.agendaAssessments, params),
    graph.read<YoungPersonRow>(cypher.agendaYoungPeople, params),
    context.escalation.alerts({ since: alertsSince, until, excludeMeetingId: meeting.id }, visibility),
    kept
      ? Promise.resolve(snapshotFor(kept, visibility.policeIntelligence))
      : networkSnapshot(context.analysis, visibility),
  ]);
  const before = previousSnapshot ? snapshotFor(previousSnapshot, visibility.policeIntelligence) : null;
  const now = todayIso();
  const youngPeople = youngPeopleRows.map((row) => youngPersonItem(row, visibility, now));

  const items: AgendaItem[] = [
    {
      key: 'new-assessments',
      title: closed ? 'Risk assessments discussed' : 'New risk assessments awaiting discussion',
      assessments: assessmentRows.map((row) => ({
        ...presentCasework(riskAssessment, assessmentStore.fromGraph(row.assessment), visibility),
        youngPerson: summarise(row.youngPerson, visibility),
      })),
    },
    {
      key: 'young-people',
      title: 'Young people by level of concern',
      levels: ([3, 2, 1] as const).map((level) => ({
        level,
        youngPeople: youngPeople.filter((item) => item.youngPerson.levelOfConcern === level),
      })),
    },
    { key: 'escalation-alerts', title: 'Escalation alerts', since: alertsSince, until, alerts },
    {
      key: 'hotspots',
      title: 'Hotspots',
      current: network.hotspots,
      changes: before ? hotspotChanges(network.hotspots, before.hotspots) : null,
    },
    {
      key: 'groups',
      title: 'Organised groups',
      current: network.groups,
      changes: before ? groupChanges(network.groups, before.groups) : null,
    },
    {
      key: 'standing',
      title: 'Training, and learning from audits and reviews',
      training: typeof meeting.training === 'string' ? meeting.training : null,
      learningLinks: Array.isArray(meeting.learningLinks) ? (meeting.learningLinks as string[]) : [],
    },
  ];
  return {
    meeting: meetingView(meeting),
    previousMeeting: previous
      ? { id: previous.id, title: previous.title, heldOn: previous.heldOn, closedAt: previous.closedAt }
      : null,
    items,
  };
}

export type Agenda = Awaited<ReturnType<typeof buildAgenda>>;
