import { z } from 'zod';
import { nodeDeclarations } from '../../graph-schema/index.ts';
import { recordSchema } from '../../graph-schema/records.ts';
import { viewerCan, visibilityOf } from '../auth/viewer.ts';
import { HttpError } from '../http/errors.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { DuplicatesService } from './duplicates.service.ts';

const labels = nodeDeclarations.map((d) => d.label) as [string, ...string[]];
const anyRecord = z.union(
  nodeDeclarations.map((d) => recordSchema(d).extend({ mergedFrom: z.array(z.uuid()).optional() })),
);

const proposal = z.object({
  score: z.number().min(0).max(1).describe('How likely the two are one: 1 for the same name and date of birth'),
  reasons: z.array(
    z.object({ kind: z.enum(['same-name-and-date-of-birth', 'shared-phone', 'similar-name']), message: z.string() }),
  ),
  records: z.tuple([anyRecord, anyRecord]),
});

const mergeBody = z
  .object({
    keep: z.uuid().describe('The record that stays'),
    merge: z.uuid().describe('The record merged into it, then removed'),
    versions: z
      .object({ keep: z.int().min(1), merge: z.int().min(1) })
      .strict()
      .describe('The versions you read each record at'),
  })
  .strict();

export function duplicatesRoutes(service: DuplicatesService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/duplicates',
      summary: 'Likely duplicate records of one kind, with the reasons and a score, best first (nothing is merged)',
      tag: 'duplicates',
      permission: 'records:write',
      query: z.object({
        label: z.enum(labels as [(typeof labels)[number], ...typeof labels]),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: z.object({ items: z.array(proposal) }),
      handler: async ({ query, viewer }) => ({
        items: await service.propose(query.label as never, query.limit, visibilityOf(viewer)),
      }),
      audit: ({ query }) => ({ action: 'search', subjectType: query.label, details: { duplicates: true } }),
    }),
    route({
      method: 'post',
      path: '/api/duplicates/merge',
      summary:
        'Merge two records of one kind: every link, event, casework node and audit trail moves to the kept record',
      tag: 'duplicates',
      permission: 'records:write',
      body: mergeBody,
      response: z.object({
        record: anyRecord,
        mergedFrom: z.array(z.uuid()),
        linksRemoved: z.int(),
        linksMoved: z.int(),
        caseworkMoved: z.int(),
      }),
      errors: [404, 409],
      handler: ({ body, viewer }) => {
        if (!viewerCan(viewer, 'links:write'))
          throw new HttpError(403, 'forbidden', `Your role (${viewer.role}) may not do this`);
        return service.merge(body, viewer);
      },
    }),
  ];
}
