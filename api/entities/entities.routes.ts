import { z } from 'zod';
import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import { archiveSchema, createSchema, recordSchema, updateSchema } from '../../graph-schema/records.ts';
import { actorOf } from '../http/actor.ts';
import { booleanQuery, idParams, pageOf, pageQuery } from '../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { EntityService } from './entities.service.ts';

/** The five routes of one node label, e.g. /api/young-people, all derived from its declaration. */
export function entityRoutes(declaration: AnyNodeDeclaration, service: EntityService): RouteDeclaration[] {
  const base = `/api/${declaration.pathSegment}`;
  const record = recordSchema(declaration);
  const tag = declaration.plural;
  return [
    route({
      method: 'get',
      path: base,
      summary: `List ${declaration.plural}`,
      tag,
      query: pageQuery.extend({
        search: z.string().trim().min(1).max(200).optional(),
        includeArchived: booleanQuery,
      }),
      response: pageOf(record),
      handler: ({ query }) => service.list(query),
    }),
    route({
      method: 'post',
      path: base,
      summary: `Create a ${declaration.title}`,
      tag,
      body: createSchema(declaration),
      status: 201,
      response: record,
      errors: [409],
      handler: ({ body, request }) => service.create(body, actorOf(request)),
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      summary: `Read a ${declaration.title}`,
      tag,
      params: idParams,
      response: record,
      errors: [404],
      handler: ({ params }) => service.get(params.id),
    }),
    route({
      method: 'patch',
      path: `${base}/:id`,
      summary: `Update a ${declaration.title} (send the version you read; null clears an optional field)`,
      tag,
      params: idParams,
      body: updateSchema(declaration),
      response: record,
      errors: [404, 409],
      handler: ({ params, body, request }) =>
        service.update(params.id, body as Record<string, unknown> & { version: number }, actorOf(request)),
    }),
    route({
      method: 'post',
      path: `${base}/:id/archive`,
      summary: `Archive a ${declaration.title}, with the reason`,
      tag,
      params: idParams,
      body: archiveSchema,
      response: record,
      errors: [404, 409],
      handler: ({ params, body, request }) => service.archive(params.id, body, actorOf(request)),
    }),
  ];
}
