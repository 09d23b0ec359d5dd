import { z } from 'zod';
import { actionShape } from '../../../graph-schema/casework/action.ts';
import { action, levelDecision, meeting } from '../../../graph-schema/casework/index.ts';
import { meetingShape, meetingStatuses } from '../../../graph-schema/casework/meeting.ts';
import { levelOfConcern } from '../../../graph-schema/index.ts';
import { longText } from '../../../graph-schema/properties.ts';
import { entitySummary, linkEvidence } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams, pageOf, pageQuery } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkResponse } from '../casework/casework-store.ts';
import { escalationAlert } from '../escalation/escalation.routes.ts';
import type { MeetingsService } from './meetings.service.ts';

/** An update names only what it changes: defaults are not applied, and null clears an optional property. */
function updatable(shape: z.ZodObject) {
  const fields = Object.entries(shape.shape).map(([key, schema]) => {
    const field = schema as z.ZodType;
    if (field instanceof z.ZodDefault) return [key, (field.unwrap() as z.ZodType).optional()];
    return [key, field.safeParse(undefined).success ? field.nullable().optional() : field.optional()];
  });
  return z
    .object(Object.fromEntries(fields))
    .extend({ version: z.int().min(1) })
    .strict();
}

const meetingResponse = caseworkResponse(meeting).extend({
  status: z.enum(meetingStatuses),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
});
const decisionResponse = caseworkResponse(levelDecision);
const actionResponse = caseworkResponse(action);
const closeBody = z
  .object({
    version: z.int().min(1).describe('The version of the meeting you read'),
    assessmentIds: z
      .array(z.uuid())
      .max(1000)
      .optional()
      .describe('The assessments discussed (default: every one awaiting discussion); the others stay awaiting'),
  })
  .strict();

const youngPersonEntry = z
  .object({
    youngPerson: entitySummary.extend({ reviewDue: z.string().nullable(), reviewOverdue: z.boolean() }),
    since: z
      .string()
      .nullable()
      .describe("Changes are counted from here: the last review, or the previous meeting's closing"),
    lastReview: decisionResponse.nullable(),
    changes: z.object({
      levelChanges: z.array(decisionResponse),
      newLinks: z.array(z.object({ link: linkEvidence, createdAt: z.string(), other: entitySummary })),
      newLinkCount: z.int(),
      missingEpisodes: z.array(z.record(z.string(), z.unknown())),
    }),
    actions: z.array(actionResponse.extend({ raisedHere: z.boolean(), overdue: z.boolean() })),
    openActions: z.int(),
    overdueActions: z.int(),
    plan: z.record(z.string(), z.unknown()).nullable(),
    planStatus: z.string().describe('The plan type in words, or "no plan"'),
    suggestion: z
      .object({
        assessmentId: z.uuid(),
        assessedOn: z.string(),
        suggestedLevel: z.unknown(),
        suggestionReasons: z.array(z.string()),
      })
      .nullable(),
    agreedHere: decisionResponse.nullable().describe('The level agreed at this meeting, if any'),
  })
  .loose();

const agendaResponse = z.object({
  meeting: meetingResponse,
  previousMeeting: z.object({ id: z.uuid(), title: z.string(), heldOn: z.string(), closedAt: z.string() }).nullable(),
  items: z.array(
    z.discriminatedUnion('key', [
      z.object({ key: z.literal('new-assessments'), title: z.string(), assessments: z.array(z.looseObject({})) }),
      z.object({
        key: z.literal('young-people'),
        title: z.string(),
        levels: z.array(z.object({ level: z.int(), youngPeople: z.array(youngPersonEntry) })),
      }),
      z.object({
        key: z.literal('escalation-alerts'),
        title: z.string(),
        since: z.string().nullable(),
        until: z.string().nullable(),
        alerts: z.array(escalationAlert),
      }),
      z.object({
        key: z.literal('hotspots'),
        title: z.string(),
        current: z.array(z.looseObject({})),
        changes: z.looseObject({}).nullable(),
      }),
      z.object({
        key: z.literal('groups'),
        title: z.string(),
        current: z.array(z.looseObject({})),
        changes: z.looseObject({}).nullable(),
      }),
      z.object({
        key: z.literal('standing'),
        title: z.string(),
        training: z.string().nullable(),
        learningLinks: z.array(z.string()),
      }),
    ]),
  ),
});

const packResponse = agendaResponse.extend({
  casesByLevel: z.array(z.object({ level: z.int(), count: z.int() })),
  totalCases: z.int(),
  network: z.object({ nodes: z.array(entitySummary), links: z.array(linkEvidence), truncated: z.boolean() }),
});

const levelBody = z
  .object({
    youngPersonId: z.uuid(),
    level: levelOfConcern,
    reason: longText.optional().describe('Required when the level differs from the suggestion, and to archive'),
    assessmentId: z.uuid().optional().describe('The risk assessment whose suggestion the decision follows'),
  })
  .strict();

const actionBody = actionShape
  .extend({
    targetId: z.uuid().describe('The young person, adult or location the action is about'),
    planId: z.uuid().optional().describe("The young person's plan it belongs to"),
  })
  .strict();

const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });

/** The monthly meeting under /api/meetings: create, list, open, edit, record levels and actions, close, agenda, pack. */
export function meetingsRoutes(service: MeetingsService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/meetings',
      summary: 'The meetings, newest first',
      tag: 'meetings',
      permission: 'casework:read',
      query: pageQuery.extend({ status: z.enum(meetingStatuses).optional() }).strict(),
      response: pageOf(meetingResponse),
      handler: ({ query }) => service.list(query),
    }),
    route({
      method: 'post',
      path: '/api/meetings',
      summary: 'Create a meeting: its date, chair and attendees by agency',
      tag: 'meetings',
      permission: 'meetings:run',
      body: meetingShape.strict(),
      status: 201,
      response: meetingResponse,
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/meetings/:id',
      summary: 'One meeting, with the levels agreed and the actions raised at it',
      tag: 'meetings',
      permission: 'casework:read',
      params: idParams,
      response: z.object({
        meeting: meetingResponse,
        decisions: z.array(z.object({ decision: decisionResponse, youngPerson: entitySummary })),
        actions: z.array(z.object({ action: actionResponse, target: entitySummary })),
      }),
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Meeting', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/meetings/:id',
      summary: 'Change an open meeting: chair, attendees, the minutes (a note per agenda item), the standing item',
      tag: 'meetings',
      permission: 'meetings:run',
      params: idParams,
      body: updatable(meetingShape),
      response: meetingResponse,
      errors: [404, 409],
      handler: ({ params, body, viewer }) =>
        service.update(params.id, body as Parameters<MeetingsService['update']>[1], viewer),
    }),
    route({
      method: 'get',
      path: '/api/meetings/:id/agenda',
      summary:
        'The agenda, built from the data: new assessments; young people at level 3, 2, 1 with what changed; escalation alerts; hotspots and groups; the standing item',
      tag: 'meetings',
      permission: 'casework:read',
      params: idParams,
      response: agendaResponse,
      errors: [404],
      handler: ({ params, viewer }) => service.agenda(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({
        action: 'view',
        subjectType: 'Meeting',
        subjectId: params.id,
        details: { agenda: true },
      }),
    }),
    route({
      method: 'get',
      path: '/api/meetings/:id/pack',
      summary: 'The meeting pack: the agenda, the current cases by level and the network picture of what is discussed',
      tag: 'meetings',
      permission: 'casework:read',
      params: idParams,
      response: packResponse,
      errors: [404],
      handler: ({ params, viewer }) => service.pack(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({
        action: 'view',
        subjectType: 'Meeting',
        subjectId: params.id,
        details: { pack: true },
      }),
    }),
    route({
      method: 'post',
      path: '/api/meetings/:id/pack/prints',
      summary: 'Record a print of the meeting pack in the audit log, before the browser prints it',
      tag: 'meetings',
      permission: 'casework:read',
      params: idParams,
      body: z.object({}).strict(),
      status: 201,
      response: z.object({ recorded: z.literal(true) }),
      errors: [404],
      handler: async ({ params }) => {
        await service.exists(params.id);
        return { recorded: true as const };
      },
      audit: ({ params }) => ({
        action: 'export',
        subjectType: 'Meeting',
        subjectId: params.id,
        details: { format: 'print', what: 'meeting pack', meetingId: params.id },
      }),
    }),
    route({
      method: 'post',
      path: '/api/meetings/:id/levels',
      summary:
        "Record the level the group agreed for a young person at this meeting (a reason when it differs from the suggestion); updates the young person's history",
      tag: 'meetings',
      permission: 'meetings:run',
      params: idParams,
      body: levelBody,
      status: 201,
      response: z.object({
        decision: decisionResponse,
        youngPerson: z.object({
          id: z.uuid(),
          version: z.int(),
          levelOfConcern,
          reviewDue: z.string().nullable(),
        }),
      }),
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.recordLevel(params.id, body, viewer),
    }),
    route({
      method: 'post',
      path: '/api/meetings/:id/actions',
      summary: 'Raise an action at this meeting, about a young person, an adult or a place',
      tag: 'meetings',
      permission: 'meetings:run',
      params: idParams,
      body: actionBody,
      status: 201,
      response: actionResponse,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.addAction(params.id, body, viewer),
    }),
    route({
      method: 'patch',
      path: '/api/meetings/:id/actions/:actionId',
      summary: 'Update an action during this meeting: its status, owner, due date or outcome',
      tag: 'meetings',
      permission: 'meetings:run',
      params: actionParams,
      body: updatable(actionShape),
      response: actionResponse,
      errors: [404, 409],
      handler: ({ params, body, viewer }) =>
        service.updateAction(
          params.id,
          params.actionId,
          body as Parameters<MeetingsService['updateAction']>[2],
          viewer,
        ),
    }),
    route({
      method: 'post',
      path: '/api/meetings/:id/close',
      summary:
        'Close the meeting: marks the assessments discussed, keeps the hotspots and groups, and makes the minutes read-only',
      tag: 'meetings',
      permission: 'meetings:run',
      params: idParams,
      body: closeBody,
      response: meetingResponse.extend({ discussedAssessments: z.int() }),
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.close(params.id, body, viewer),
    }),
  ];
}
