import { z } from 'zod';
import { disruptionShape } from '../../../graph-schema/casework/disruption.ts';
import { disruptionTactics } from '../../../graph-schema/casework/index.ts';
import { agency, isoDate, longText, shortText } from '../../../graph-schema/properties.ts';
import { entitySummary } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { booleanQuery, idParams, pageOf, pageQuery } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkSystemShape } from '../casework/casework-store.ts';
import type { DisruptionsService } from './disruptions.service.ts';

const disruptionView = disruptionShape.extend(caseworkSystemShape.shape).extend({
  active: z.boolean().describe('Not expired: no expiry date, or it expires today or later'),
  subject: entitySummary,
});

const newDisruption = disruptionShape
  .omit({ breaches: true })
  .extend({ subject: z.uuid().describe('The person of interest or location disrupted') })
  .strict();

const disruptionChange = z
  .object({
    tactic: z.enum(disruptionTactics),
    tacticDetail: shortText.nullable(),
    agency,
    servedOn: isoDate,
    expiresOn: isoDate.nullable(),
    reviewOn: isoDate.nullable(),
    outcome: longText.nullable(),
  })
  .partial()
  .extend({ version: z.int().min(1) })
  .strict();

const newBreach = z
  .object({ on: isoDate.describe('The day of the breach'), note: shortText.optional(), version: z.int().min(1) })
  .strict();

export function disruptionsRoutes(service: DisruptionsService): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/disruptions',
      summary: 'Log a disruption tactic served against a person of interest or a location',
      tag: 'casework',
      permission: 'casework:write',
      body: newDisruption,
      status: 201,
      response: disruptionView,
      errors: [404],
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/disruptions',
      summary: 'The disruption log, newest served first: of one subject, or only the active ones',
      tag: 'casework',
      permission: 'casework:read',
      query: pageQuery.extend({ subject: z.uuid().optional(), active: booleanQuery }),
      response: pageOf(disruptionView),
      handler: ({ query, viewer }) => service.list({ ...query, activeOnly: query.active }, visibilityOf(viewer)),
      audit: ({ query }) =>
        query.subject ? { action: 'view', subjectType: 'Disruption', subjectId: query.subject } : undefined,
    }),
    route({
      method: 'get',
      path: '/api/disruptions/:id',
      summary: 'Read a disruption',
      tag: 'casework',
      permission: 'casework:read',
      params: idParams,
      response: disruptionView,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Disruption', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/disruptions/:id',
      summary: 'Change a disruption: its dates, owner or outcome (send the version you read)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: disruptionChange,
      response: disruptionView,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
    route({
      method: 'post',
      path: '/api/disruptions/:id/breaches',
      summary: 'Record a breach of a disruption (send the version you read)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: newBreach,
      response: disruptionView,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.addBreach(params.id, body, viewer),
    }),
  ];
}
