import { z } from 'zod';
import { notDuplicate } from '../../graph-schema/casework/index.ts';
import { nodeDeclarations } from '../../graph-schema/index.ts';
import { recordSchema } from '../../graph-schema/records.ts';
import { type Viewer, viewerCan, visibilityOf } from '../auth/viewer.ts';
import { HttpError } from '../http/errors.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import { caseworkResponse } from '../operations/casework/casework-store.ts';
import type { DuplicatesService } from './duplicates.service.ts';
import type { NotDuplicatesService } from './not-duplicates.service.ts';

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

const notDuplicateAnswer = z.object({
  decision: caseworkResponse(notDuplicate).extend({
    reversedAt: z.string().optional().describe('When the decision was reversed: the two may be proposed again'),
    reversedBy: z.string().optional(),
  }),
  records: z.tuple([anyRecord, anyRecord]),
});

const labelQuery = z.enum(labels as [(typeof labels)[number], ...typeof labels]);

/** Deciding what is a duplicate is the merging permission: records:write (the route's) and links:write. */
function needLinksWrite(viewer: Viewer) {
  if (!viewerCan(viewer, 'links:write')) {
    throw new HttpError(403, 'forbidden', `Your role (${viewer.role}) may not do this`);
  }
}

export function duplicatesRoutes(service: DuplicatesService, notDuplicates: NotDuplicatesService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/duplicates',
      summary: 'Likely duplicate records of one kind, with the reasons and a score, best first (nothing is merged)',
      tag: 'duplicates',
      permission: 'records:write',
      query: z.object({
        label: labelQuery,
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
        needLinksWrite(viewer);
        return service.merge(body, viewer);
      },
    }),
    route({
      method: 'get',
      path: '/api/duplicates/not-duplicates',
      summary: 'Pairs of one kind judged not to be duplicates (left out of the proposals), newest first',
      tag: 'duplicates',
      permission: 'records:write',
      query: z.object({
        label: labelQuery,
        includeReversed: z
          .enum(['true', 'false'])
          .default('false')
          .transform((value) => value === 'true'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: z.object({ items: z.array(notDuplicateAnswer) }),
      handler: async ({ query, viewer }) => ({
        items: await notDuplicates.list(
          { label: query.label as never, includeReversed: query.includeReversed, limit: query.limit },
          visibilityOf(viewer),
        ),
      }),
      audit: ({ query }) => ({ action: 'search', subjectType: query.label, details: { notDuplicates: true } }),
    }),
    route({
      method: 'post',
      path: '/api/duplicates/not-duplicates',
      summary: 'Judge two records of one kind not to be duplicates: they are not proposed again until reversed',
      tag: 'duplicates',
      permission: 'records:write',
      body: z
        .object({
          records: z.tuple([z.uuid(), z.uuid()]).describe('The two records'),
          reason: notDuplicate.shape.shape.reason,
        })
        .strict(),
      status: 201,
      response: notDuplicateAnswer,
      errors: [404, 409],
      handler: ({ body, viewer }) => {
        needLinksWrite(viewer);
        return notDuplicates.decide({ records: body.records, reason: body.reason as string | undefined }, viewer);
      },
    }),
    route({
      method: 'post',
      path: '/api/duplicates/not-duplicates/:id/reverse',
      summary: 'Reverse a not-a-duplicate decision: the two may be proposed, and merged, again',
      tag: 'duplicates',
      permission: 'records:write',
      params: z.object({ id: z.uuid() }),
      body: z.object({ version: z.int().min(1).describe('The version of the decision you read') }).strict(),
      response: notDuplicateAnswer,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => {
        needLinksWrite(viewer);
        return notDuplicates.reverse(params.id, body.version, viewer);
      },
    }),
  ];
}
