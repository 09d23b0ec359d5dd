import { z } from 'zod';
import { levelDecision, levelDecisionShape } from '../../../graph-schema/casework/level-decision.ts';
import { levelOfConcern } from '../../../graph-schema/index.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { caseworkResponse } from '../casework/casework-store.ts';
import type { LevelsService } from './levels.service.ts';

const decision = caseworkResponse(levelDecision);
const current = z.object({
  id: z.uuid(),
  version: z.int(),
  levelOfConcern,
  reviewDue: z.string().nullable(),
});

/** A young person's level of concern under /api/young-people/:id/levels: the dated history, and a new decision. */
export function levelsRoutes(service: LevelsService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/young-people/:id/levels',
      summary: "A young person's level of concern: current level, review due date and the dated history, newest first",
      tag: 'levels of concern',
      permission: 'casework:read',
      params: idParams,
      response: z.object({
        youngPerson: current.omit({ version: true }).extend({
          reference: z.string(),
          reviewOverdue: z.boolean(),
          archivedAt: z.string().nullable(),
          archiveReason: z.string().nullable(),
        }),
        history: z.array(decision),
      }),
      errors: [404],
      handler: ({ params, viewer }) => service.history(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({
        action: 'view',
        subjectType: 'YoungPerson',
        subjectId: params.id,
        details: { levels: true },
      }),
    }),
    route({
      method: 'post',
      path: '/api/young-people/:id/levels',
      summary:
        'Record the level the group agreed (a reason is required when it differs from the suggested level, and to archive)',
      tag: 'levels of concern',
      permission: 'casework:write',
      params: idParams,
      body: levelDecisionShape
        .extend({
          assessmentId: z.uuid().optional().describe('The risk assessment the decision follows'),
        })
        .strict(),
      status: 201,
      response: z.object({ decision, youngPerson: current }),
      errors: [404],
      handler: ({ params, body, viewer }) => service.record({ ...body, youngPersonId: params.id }, viewer),
    }),
  ];
}
