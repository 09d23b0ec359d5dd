import { z } from 'zod';
import { relationshipDeclarations } from '../../graph-schema/index.ts';
import { linkInputSchema, linkRecordSchema } from '../../graph-schema/records.ts';
import { visibilityOf } from '../auth/viewer.ts';
import { idParams, pageOf, pageQuery } from '../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { LinkService } from './links.service.ts';

const linkType = z.enum(relationshipDeclarations.map((d) => d.type) as [string, ...string[]]);

export function linkRoutes(service: LinkService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/links',
      summary: 'List links, newest first: all of them, or those of one record',
      tag: 'links',
      permission: 'links:read',
      query: pageQuery.extend({ entity: z.uuid().optional(), type: linkType.optional() }),
      response: pageOf(linkRecordSchema),
      handler: ({ query, viewer }) => service.list(query, visibilityOf(viewer)),
      audit: ({ query }) =>
        query.entity ? { action: 'view', subjectType: 'Link', subjectId: query.entity } : undefined,
    }),
    route({
      method: 'post',
      path: '/api/links',
      summary: 'Link two records, with the evidence for the link',
      tag: 'links',
      permission: 'links:write',
      body: linkInputSchema,
      status: 201,
      response: linkRecordSchema,
      errors: [404],
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/links/:id',
      summary: 'Read a link',
      tag: 'links',
      permission: 'links:read',
      params: idParams,
      response: linkRecordSchema,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Link', subjectId: params.id }),
    }),
    route({
      method: 'delete',
      path: '/api/links/:id',
      summary: 'Remove a link, given the version it was read at (409 with the current link if it has changed since)',
      tag: 'links',
      permission: 'links:write',
      params: idParams,
      query: z.object({
        version: z.coerce.number().int().min(1).describe('The version of the link the user saw'),
      }),
      response: z.object({ removed: z.literal(true) }),
      errors: [404, 409],
      handler: async ({ params, query, viewer }) => {
        await service.remove(params.id, query.version, viewer);
        return { removed: true as const };
      },
    }),
  ];
}
