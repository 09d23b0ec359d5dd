import { z } from 'zod';
import { actionShape } from '../../../graph-schema/casework/action.ts';
import { actionCategories, actionStatuses } from '../../../graph-schema/casework/index.ts';
import { agency, isoDate, longText, shortText } from '../../../graph-schema/properties.ts';
import { entitySummary } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams, pageOf, pageQuery } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkSystemShape } from '../casework/casework-store.ts';
import type { ActionsService } from './actions.service.ts';

const shownStatuses = [...actionStatuses, 'overdue'] as const;

export const newActionBody = actionShape
  .omit({ status: true, completedOn: true })
  .extend({
    subject: z.uuid().describe('The young person, person of interest or location the action targets'),
    plan: z.uuid().optional().describe("The plan it belongs to (default: the young person's current plan)"),
    meeting: z.uuid().optional().describe('The meeting that raised it'),
  })
  .strict();

const actionChangeBody = z
  .object({
    what: actionShape.shape.what,
    ownerName: shortText,
    ownerAgency: agency,
    dueOn: isoDate,
    category: z.enum(actionCategories),
    status: z.enum(actionStatuses).describe('open, done or cancelled; overdue is derived and cannot be set'),
    completedOn: isoDate.nullable().describe('For done: the day it was done (default today)'),
    outcome: longText.nullable(),
    reopenReason: shortText.describe('Why a done or cancelled action is opened again (required then)'),
  })
  .partial()
  .extend({ version: z.int().min(1) })
  .strict();

export const actionView = actionShape
  .partial({ what: true })
  .extend(caseworkSystemShape.shape)
  .extend({
    reopenReason: z.string().optional(),
    currentStatus: z.enum(shownStatuses).describe('The status with "overdue" derived: open and due before today'),
    overdue: z.boolean(),
    subject: entitySummary,
    planId: z.uuid().nullable(),
    meetingId: z.uuid().nullable(),
    pseudonymised: z.boolean().optional(),
  });

const actionsQuery = pageQuery.extend({
  subject: z.uuid().optional().describe("A record's actions; for a young person, those in their plan too"),
  plan: z.uuid().optional(),
  status: z.enum(shownStatuses).optional().describe('open includes the overdue ones; overdue only those'),
  agency: agency.optional().describe("The owner's agency (any case)"),
  dueBefore: isoDate.optional().describe('Due before this day'),
});

export function actionsRoutes(service: ActionsService): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/actions',
      summary: 'Add an action (open) targeting a young person, an adult or a location',
      tag: 'casework',
      permission: 'casework:write',
      body: newActionBody,
      status: 201,
      response: actionView,
      errors: [404, 409],
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/actions',
      summary: 'Actions by subject, plan, status (overdue derived), owner agency or due date, soonest due first',
      tag: 'casework',
      permission: 'casework:read',
      query: actionsQuery,
      response: pageOf(actionView),
      handler: ({ query, viewer }) => service.list(query, visibilityOf(viewer)),
      audit: ({ query }) =>
        query.subject ? { action: 'view', subjectType: 'Action', subjectId: query.subject } : undefined,
    }),
    route({
      method: 'get',
      path: '/api/actions/:id',
      summary: 'Read an action',
      tag: 'casework',
      permission: 'casework:read',
      params: idParams,
      response: actionView,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Action', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/actions/:id',
      summary: 'Change an action, complete, cancel or reopen it (send the version you read)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: actionChangeBody,
      response: actionView,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
  ];
}
