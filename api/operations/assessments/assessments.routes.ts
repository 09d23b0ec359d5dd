import { z } from 'zod';
import { action } from '../../../graph-schema/casework/index.ts';
import { riskAssessment, riskAssessmentShape } from '../../../graph-schema/casework/risk-assessment.ts';
import { agency, shortText } from '../../../graph-schema/properties.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams, pageOf, pageQuery } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkResponse } from '../casework/casework-store.ts';
import type { AssessmentsService } from './assessments.service.ts';

const tag = 'risk assessments';

const actionOwner = z
  .object({ name: shortText, agency })
  .strict()
  .optional()
  .describe("For a CAF referral: who completes the CSE risk assessment, if not the young person's lead professional");

const assessment = caseworkResponse(riskAssessment).extend({
  youngPersonId: z.uuid(),
  suggestedLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  suggestionReasons: z.array(z.string()).describe('Why that level: plain sentences, the verdict first'),
  suggestionScore: z.number(),
  cafActionId: z.uuid().optional().describe('The action the CAF referral created'),
  meetingId: z.uuid().nullable(),
  discussedOn: z.string().nullable(),
  meetingStatus: z.enum(['open', 'closed']).nullable(),
  awaitingDiscussion: z.boolean().describe('True until a meeting has discussed it'),
});

const youngPerson = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    name: z.string().describe('The reference code for roles that see young people by reference'),
    levelOfConcern: z.union([z.int(), z.literal('archived')]),
    reviewDue: z.string().nullable(),
    pseudonymised: z.boolean().optional(),
  })
  .loose();

const saved = z.object({
  assessment,
  action: caseworkResponse(action).nullable().describe('The action a CAF referral created in the same transaction'),
});

const listItem = z.object({ assessment, youngPerson });

const savedErrors = [404, 409];

/** Risk assessments of a young person, the list awaiting discussion, the configured indicators, and reviews due. */
export function assessmentsRoutes(service: AssessmentsService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/risk-indicators',
      summary: 'The configured risk indicators, grouped, and how a level is suggested from them',
      tag,
      permission: 'casework:read',
      response: z.object({ groups: z.array(z.object({ group: z.string(), label: z.string() }).loose()) }).loose(),
      handler: async () => service.indicators(),
    }),
    route({
      method: 'post',
      path: '/api/young-people/:id/assessments',
      summary:
        'Record a risk assessment: the indicators present and when each was last seen. Answers with the suggested ' +
        'level and why; a CAF referral also creates an action to complete a CSE risk assessment',
      tag,
      permission: 'casework:write',
      params: idParams,
      body: riskAssessmentShape.extend({ actionOwner }).strict(),
      status: 201,
      response: saved,
      errors: savedErrors,
      handler: ({ params, body, viewer }) => service.create(params.id, body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/young-people/:id/assessments',
      summary: "A young person's risk assessments, newest first, each with its suggested level and reasons",
      tag,
      permission: 'casework:read',
      params: idParams,
      response: z.object({ youngPerson, items: z.array(assessment) }),
      errors: [404],
      handler: ({ params, viewer }) => service.ofYoungPerson(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({
        action: 'view',
        subjectType: 'YoungPerson',
        subjectId: params.id,
        details: { assessments: true },
      }),
    }),
    route({
      method: 'get',
      path: '/api/assessments',
      summary:
        'Risk assessments, oldest first; awaitingDiscussion=true lists those no meeting has discussed yet, for the agenda',
      tag,
      permission: 'casework:read',
      query: pageQuery.extend({
        awaitingDiscussion: z
          .stringbool()
          .optional()
          .describe('true: not yet discussed at a meeting; false: discussed'),
      }),
      response: pageOf(listItem),
      handler: ({ query, viewer }) => service.list(query, visibilityOf(viewer)),
      audit: ({ query }, result) => ({
        action: 'view',
        subjectType: 'RiskAssessment',
        details: {
          list: true,
          awaitingDiscussion: query.awaitingDiscussion ?? null,
          total: (result as { total: number }).total,
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/assessments/:id',
      summary: 'One risk assessment, with the young person it is about',
      tag,
      permission: 'casework:read',
      params: idParams,
      response: listItem,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'RiskAssessment', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/assessments/:id',
      summary:
        'Change a risk assessment, with the version read (409 if stale), and suggest the level again; one discussed ' +
        'at a closed meeting cannot change (409)',
      tag,
      permission: 'casework:write',
      params: idParams,
      body: riskAssessmentShape
        .partial()
        .extend({ version: z.int().min(1).describe('The version the change was made against'), actionOwner })
        .strict(),
      response: saved,
      errors: savedErrors,
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/reviews',
      summary:
        'Young people whose review is overdue or due within the next `within` days (30 unless said), soonest first',
      tag: 'levels of concern',
      permission: 'casework:read',
      query: z.object({
        within: z.coerce.number().int().min(0).max(366).default(30),
        limit: z.coerce.number().int().min(1).max(1000).default(500),
      }),
      response: z
        .object({
          today: z.string(),
          until: z.string(),
          total: z.int(),
          overdue: z.int(),
          withoutReviewDate: z.int(),
          items: z.array(z.object({ youngPerson, reviewDue: z.string(), overdue: z.boolean(), days: z.int() })),
        })
        .describe('Archived young people have no review'),
      handler: ({ query, viewer }) => service.reviews(query, visibilityOf(viewer)),
      audit: ({ query }, result) => ({
        action: 'view',
        subjectType: 'YoungPerson',
        details: { reviews: true, within: query.within, total: (result as { total: number }).total },
      }),
    }),
  ];
}
