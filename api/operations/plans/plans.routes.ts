import { z } from 'zod';
import { planTypes } from '../../../graph-schema/casework/index.ts';
import { planShape } from '../../../graph-schema/casework/plan.ts';
import { agency, isoDate, shortText } from '../../../graph-schema/properties.ts';
import { entitySummary } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams, pageOf, pageQuery } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkSystemShape } from '../casework/casework-store.ts';
import type { PlansService } from './plans.service.ts';

const planView = planShape.extend(caseworkSystemShape.shape).extend({
  current: z.boolean().describe('Started, and not ended before today'),
});

const youngPersonPlans = z.object({
  youngPerson: entitySummary,
  atRisk: z.boolean().describe('Level 1–3 and not archived'),
  current: planView.nullable(),
  noCurrentPlan: z.boolean().describe('Flagged: at risk and under no current plan'),
  legalStatus: z.string(),
  expectedType: z.enum(planTypes).describe('The plan the legal status calls for'),
  plans: z.array(planView),
});

const planChange = z
  .object({
    type: z.enum(planTypes),
    startedOn: isoDate,
    endedOn: isoDate.nullable().describe('The plan ends (null: it goes on)'),
    leadProfessional: shortText.nullable(),
    leadAgency: agency.nullable(),
  })
  .partial()
  .extend({ version: z.int().min(1) })
  .strict();

export function plansRoutes(service: PlansService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/young-people/:id/plans',
      summary: "A young person's plans, newest first, flagged when at risk with no current plan",
      tag: 'casework',
      permission: 'casework:read',
      params: idParams,
      response: youngPersonPlans,
      errors: [404],
      handler: ({ params, viewer }) => service.ofYoungPerson(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Plan', subjectId: params.id }),
    }),
    route({
      method: 'post',
      path: '/api/young-people/:id/plans',
      summary: 'Start a plan; a current one replaces the plan current before it (which ends the day before)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: planShape.strict(),
      status: 201,
      response: youngPersonPlans,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.create(params.id, body, viewer),
    }),
    route({
      method: 'patch',
      path: '/api/plans/:id',
      summary: 'Change or end a plan (send the version you read)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: planChange,
      response: youngPersonPlans,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/plans/missing',
      summary: 'Young people at risk (level 1–3) with no current plan, highest level first',
      tag: 'casework',
      permission: 'casework:read',
      query: pageQuery,
      response: pageOf(entitySummary),
      handler: ({ query, viewer }) => service.withoutPlan(query, visibilityOf(viewer)),
    }),
  ];
}
