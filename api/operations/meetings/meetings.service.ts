import type { z } from 'zod';
import { todayIso } from '../../../graph-schema/calendar.ts';
import { action, levelDecision, meeting, riskAssessment } from '../../../graph-schema/casework/index.ts';
import type { meetingShape } from '../../../graph-schema/casework/meeting.ts';
import type { LevelOfConcern } from '../../../graph-schema/index.ts';
import type { AnalysisService } from '../../analysis/analysis.service.ts';
import { type LabelledRecord, summarise } from '../../analysis/summary.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphNow } from '../../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { type ActionChange, applyActionChange } from '../actions/action-rules.ts';
import { createAction, type NewAction } from '../actions/actions.service.ts';
import { type CaseworkNode, caseworkStore, presentCasework } from '../casework/casework-store.ts';
import type { EscalationService } from '../escalation/escalation.service.ts';
import { recordLevelDecision } from '../levels/levels.service.ts';
import { type AgendaContext, buildAgenda, networkSnapshot } from './agenda.ts';
import { meetingView, refuseIfClosed } from './meeting-view.ts';
import * as cypher from './meetings.cypher.ts';
import type { MeetingSnapshot } from './snapshot.ts';

export type MeetingInput = z.output<typeof meetingShape>;
export type MeetingChanges = Partial<MeetingInput> & { version: number };
export type ActionInput = Omit<NewAction, 'meeting'>;
export type ActionChanges = ActionChange & { version: number };

export interface LevelAtMeeting {
  youngPersonId: string;
  level: LevelOfConcern;
  reason?: string | undefined;
  assessmentId?: string | undefined;
}

const meetings = caseworkStore(meeting);
const actions = caseworkStore(action);
const assessments = caseworkStore(riskAssessment);

/**
 * The monthly meeting: create and edit it while it is open, record levels and actions through it, close it
 * (marking the assessments discussed and keeping a snapshot of hotspots and groups), and build its agenda
 * and pack from the data. Every write goes through the casework store, in one transaction per request.
 */
export function meetingsService(graph: Graph, analysis: AnalysisService, escalation: EscalationService) {
  /** Takes the meeting's lock and refuses when it is closed: for writes recorded through the meeting. */
  async function lockOpenMeeting(tx: GraphTransaction, id: string): Promise<CaseworkNode> {
    const [row] = await tx.run<{ meeting: Record<string, unknown> }>(cypher.lockMeeting, { id });
    if (!row) throw notFound('meeting', id);
    const node = meetings.fromGraph(row.meeting);
    refuseIfClosed(node);
    return node;
  }

  async function context(id: string, visibility: Visibility): Promise<AgendaContext> {
    const [row] = await graph.read<{
      meeting: Record<string, unknown>;
      previous: { id: string; title: string; heldOn: string; closedAt: string; snapshot?: string } | null;
    }>(cypher.meetingWithPrevious, { id });
    if (!row) throw notFound('meeting', id);
    return {
      graph,
      analysis,
      escalation,
      visibility,
      meeting: meetings.fromGraph(row.meeting),
      previous: row.previous,
    };
  }

  return {
    async create(input: MeetingInput, actor: Actor): Promise<CaseworkNode> {
      const node = await graph.writeTransaction((tx) =>
        meetings.create(tx, { properties: input, derived: { status: 'open' }, links: {} }, actor),
      );
      return meetingView(node);
    },

    async list(options: { status?: 'open' | 'closed' | undefined; limit: number; offset: number }) {
      const [row] = await graph.read<{ total: number; items: Record<string, unknown>[] }>(cypher.listMeetings, {
        status: options.status ?? null,
        limit: options.limit,
        offset: options.offset,
      });
      return {
        items: (row?.items ?? []).map((item) => meetingView(meetings.fromGraph(item))),
        total: row?.total ?? 0,
      };
    },

    /** The meeting with what it recorded: the levels agreed at it and the actions raised at it. */
    async get(id: string, visibility: Visibility) {
      const [node] = await graph.read<{ meeting: Record<string, unknown> }>(cypher.meetingWithPrevious, { id });
      if (!node) throw notFound('meeting', id);
      const [records] = await graph.read<{
        decisions: { decision: Record<string, unknown>; youngPerson: LabelledRecord }[];
        actions: { action: Record<string, unknown>; target: LabelledRecord }[];
      }>(cypher.meetingRecords, { id, policeIntelligence: visibility.policeIntelligence });
      return {
        meeting: meetingView(meetings.fromGraph(node.meeting)),
        decisions: (records?.decisions ?? []).map((row) => ({
          decision: presentCasework(levelDecision, caseworkStore(levelDecision).fromGraph(row.decision), visibility),
          youngPerson: summarise(row.youngPerson, visibility),
        })),
        actions: (records?.actions ?? []).map((row) => ({
          action: presentCasework(action, actions.fromGraph(row.action), visibility),
          target: summarise(row.target, visibility),
        })),
      };
    },

    async update(id: string, changes: MeetingChanges, actor: Actor): Promise<CaseworkNode> {
      const { version, ...rest } = changes;
      const node = await graph.writeTransaction((tx) =>
        meetings.update(tx, id, { version, changes: rest, allow: refuseIfClosed }, actor),
      );
      return meetingView(node);
    },

    /** The level the group agreed for a young person at this meeting, dated the meeting's day. */
    async recordLevel(id: string, input: LevelAtMeeting, actor: Actor) {
      return graph.writeTransaction(async (tx) => {
        const held = await lockOpenMeeting(tx, id);
        const recorded = await recordLevelDecision(
          tx,
          {
            youngPersonId: input.youngPersonId,
            level: input.level,
            reason: input.reason,
            assessmentId: input.assessmentId,
            decidedOn: String(held.heldOn),
            agreedBy: `${String(held.title)} (chair: ${String(held.chair)})`,
            meetingId: id,
          },
          actor,
        );
        return { ...recorded, decision: presentCasework(levelDecision, recorded.decision, visibilityOf(actor)) };
      });
    },

    /** A new action raised at this meeting, about a young person, an adult or a place (the actions service's rules). */
    async addAction(id: string, input: ActionInput, actor: Actor) {
      return graph.writeTransaction(async (tx) => {
        await lockOpenMeeting(tx, id);
        return createAction(tx, { ...input, meeting: id }, actor);
      });
    },

    /** An existing action updated during this meeting (its status, owner, due date, outcome). */
    async updateAction(id: string, actionId: string, input: ActionChanges, actor: Actor) {
      const { version, ...changes } = input;
      return graph.writeTransaction(async (tx) => {
        await lockOpenMeeting(tx, id);
        const [seen] = await tx.run<{ id: string }>(cypher.visibleAction, {
          id: actionId,
          policeIntelligence: visibilityOf(actor).policeIntelligence,
        });
        if (!seen) throw notFound('action', actionId);
        // The actions service's status rules, judged under the action's lock as it stands.
        const pending: Record<string, unknown> = {};
        const updated = await actions.update(
          tx,
          actionId,
          {
            version,
            changes: pending,
            allow: (current) => {
              const decided = applyActionChange(current as CaseworkNode & { status: 'open' }, changes, todayIso());
              if ('refused' in decided) {
                const { field, message } = decided.refused;
                throw field ? badRequest(message, [{ field, message }]) : conflict(message, { current });
              }
              Object.assign(pending, decided.changes);
            },
          },
          actor,
        );
        return presentCasework(action, updated, visibilityOf(actor));
      });
    },

    /**
     * Closes the meeting: the assessments awaiting discussion (those the chair can see, or the ones named, so
     * one not reached stays awaiting) are marked discussed at it, the top hotspots and groups are kept, and status, closedAt and closedBy are set. All or nothing.
     */
    async close(
      id: string,
      input: { version: number; assessmentIds?: string[] | undefined },
      actor: Actor,
    ): Promise<CaseworkNode> {
      const { version } = input;
      const [current] = await graph.read<{ meeting: Record<string, unknown> }>(cypher.meetingWithPrevious, { id });
      if (!current) throw notFound('meeting', id);
      refuseIfClosed(current.meeting);
      const [police, shared] = await Promise.all([
        networkSnapshot(analysis, { policeIntelligence: true, names: false, revealed: new Set() }),
        networkSnapshot(analysis, { policeIntelligence: false, names: false, revealed: new Set() }),
      ]);
      const snapshot: MeetingSnapshot = { takenAt: new Date().toISOString(), police, shared };
      const visibility = visibilityOf(actor);
      const closed = await graph.writeTransaction(async (tx) => {
        const node = await meetings.update(
          tx,
          id,
          {
            version,
            changes: { status: 'closed', closedAt: graphNow(), closedBy: actor.username },
            allow: refuseIfClosed,
          },
          actor,
        );
        // Kept apart from the audited change: the police view may hold police-only intelligence.
        await tx.run(cypher.keepSnapshot, { id, snapshot: JSON.stringify(snapshot) });
        const awaiting = await tx.run<{ assessment: { id: string } }>(cypher.agendaAssessments, {
          closed: false,
          meetingId: id,
          policeIntelligence: visibility.policeIntelligence,
        });
        const chosen = input.assessmentIds ? new Set(input.assessmentIds) : undefined;
        const discussed = awaiting.filter(({ assessment }) => !chosen || chosen.has(assessment.id));
        for (const { assessment } of discussed) {
          await assessments.relink(tx, assessment.id, 'DISCUSSED_AT', id, actor);
          await appendAudit(tx, {
            username: actor.username,
            role: actor.role,
            subjectType: 'RiskAssessment',
            subjectId: assessment.id,
            action: 'update',
            restricted: true,
            details: { discussedAt: id },
          });
        }
        return { ...node, discussedAssessments: discussed.length };
      });
      return meetingView(closed);
    },

    async agenda(id: string, visibility: Visibility) {
      return buildAgenda(await context(id, visibility));
    },

    /** The printable pack: the agenda, the current cases by level, and the picture of the network discussed. */
    async pack(id: string, visibility: Visibility) {
      const agendaContext = await context(id, visibility);
      const agenda = await buildAgenda(agendaContext);
      const rows = await graph.read<{ level: number; count: number }>(cypher.casesByLevel, {
        policeIntelligence: visibility.policeIntelligence,
      });
      const casesByLevel = ([1, 2, 3] as const).map((level) => ({
        level,
        count: rows.find((row) => row.level === level)?.count ?? 0,
      }));
      const ids = new Set<string>();
      const hotspots = agenda.items.find((item) => item.key === 'hotspots');
      const groups = agenda.items.find((item) => item.key === 'groups');
      for (const hotspot of hotspots?.key === 'hotspots' ? hotspots.current.slice(0, packHotspots) : []) {
        ids.add(hotspot.id);
        for (const person of hotspot.people) ids.add(person);
      }
      for (const group of groups?.key === 'groups' ? groups.current.slice(0, packGroups) : []) {
        for (const member of group.members) ids.add(member.id);
        for (const youngPerson of group.youngPeople) ids.add(youngPerson);
      }
      const wanted = [...ids].slice(0, packRecordLimit);
      const [records, links] = await Promise.all([
        graph.read<{ record: LabelledRecord }>(cypher.recordsById, {
          ids: wanted,
          policeIntelligence: visibility.policeIntelligence,
        }),
        graph.read<{ link: Record<string, unknown> }>(cypher.linksAmong, {
          ids: wanted,
          policeIntelligence: visibility.policeIntelligence,
          linkLimit: packLinkLimit,
        }),
      ]);
      return {
        ...agenda,
        casesByLevel,
        totalCases: casesByLevel.reduce((sum, row) => sum + row.count, 0),
        network: {
          nodes: records
            .map(({ record }) => summarise(record, visibility))
            .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
          links: links.map((row) => row.link),
          truncated: ids.size > packRecordLimit || links.length >= packLinkLimit,
        },
      };
    },

    /** Checks the meeting exists before its print is recorded in the audit log. */
    async exists(id: string): Promise<void> {
      const [row] = await graph.read<{ meeting: Record<string, unknown> }>(cypher.meetingWithPrevious, { id });
      if (!row) throw notFound('meeting', id);
    },
  };
}

/** How much of the network discussed the pack draws: the top places and groups, and a readable number of records. */
const packHotspots = 5;
const packGroups = 5;
const packRecordLimit = 150;
const packLinkLimit = 600;

export type MeetingsService = ReturnType<typeof meetingsService>;
