import { z } from 'zod';
import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import { archiveSchema, createSchema, recordSchema, updateSchema } from '../../graph-schema/records.ts';
import { visibilityOf } from '../auth/viewer.ts';
import { booleanQuery, idParams, pageOf, pageQuery } from '../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { EntityService } from './entities.service.ts';

/** The routes of one node label, e.g. /api/young-people, all derived from its declaration. */
export function entityRoutes(declaration: AnyNodeDeclaration, service: EntityService): RouteDeclaration[] {
  const base = `/api/${declaration.pathSegment}`;
  const record = recordSchema(declaration);
  const tag = declaration.plural;
  const subjectType = declaration.label;
  return [
    route({
      method: 'get',
      path: base,
      summary: `List ${declaration.plural}`,
      tag,
      permission: 'records:read',
      query: pageQuery.extend({
        search: z.string().trim().min(1).max(200).optional(),
        includeArchived: booleanQuery,
      }),
      response: pageOf(record),
      handler: ({ query, viewer }) => service.list(query, visibilityOf(viewer)),
      audit: ({ query }) =>
        query.search ? { action: 'search', subjectType, details: { search: query.search } } : undefined,
    }),
    route({
      method: 'post',
      path: base,
      summary: `Create a ${declaration.title}`,
      tag,
      permission: 'records:write',
      body: createSchema(declaration),
      status: 201,
      response: record,
      errors: [409],
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      summary: `Read a ${declaration.title}`,
      tag,
      permission: 'records:read',
      params: idParams,
      response: record,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType, subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: `${base}/:id`,
      summary: `Update a ${declaration.title} (send the version you read; null clears an optional field)`,
      tag,
      permission: 'records:write',
      params: idParams,
      body: updateSchema(declaration),
      response: record,
      errors: [404, 409],
      handler: ({ params, body, viewer }) =>
        service.update(params.id, body as Record<string, unknown> & { version: number }, viewer),
    }),
    route({
      method: 'post',
      path: `${base}/:id/archive`,
      summary: `Archive a ${declaration.title}, with the reason`,
      tag,
      permission: 'records:write',
      params: idParams,
      body: archiveSchema,
      response: record,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.archive(params.id, body, viewer),
    }),
  ];
}
