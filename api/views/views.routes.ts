import { z } from 'zod';
import { idParams } from '../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import { viewName, viewState } from './view-state.ts';
import type { ViewsService } from './views.service.ts';

const summary = z.object({ id: z.uuid(), name: z.string(), version: z.int(), updatedAt: z.string() });
const savedView = summary.extend({ state: viewState, createdAt: z.string() });

/** Saved chart views under /api/views: anyone who sees the network keeps their own. */
export function viewsRoutes(service: ViewsService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/views',
      summary: 'Your saved chart views, most recently saved first',
      tag: 'views',
      permission: 'network:read',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.object({ items: z.array(summary) }),
      handler: async ({ query, viewer }) => ({ items: await service.list(viewer, query.limit) }),
    }),
    route({
      method: 'post',
      path: '/api/views',
      summary: 'Save the chart as a named view (records, positions, filters)',
      tag: 'views',
      permission: 'network:read',
      body: z.object({ name: viewName, state: viewState }),
      status: 201,
      response: savedView,
      handler: ({ body, viewer }) => service.create(body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/views/:id',
      summary: 'One of your saved views',
      tag: 'views',
      permission: 'network:read',
      params: idParams,
      response: savedView,
      errors: [404],
      handler: ({ params, viewer }) => service.get(params.id, viewer),
      audit: ({ params }) => ({ action: 'view', subjectType: 'SavedView', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/views/:id',
      summary: 'Save over one of your views (send the version you read)',
      tag: 'views',
      permission: 'network:read',
      params: idParams,
      body: z.object({ name: viewName, state: viewState, version: z.int().min(1) }),
      response: savedView,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
    route({
      method: 'delete',
      path: '/api/views/:id',
      summary: 'Delete one of your saved views',
      tag: 'views',
      permission: 'network:read',
      params: idParams,
      response: z.object({ deleted: z.literal(true) }),
      errors: [404],
      handler: ({ params, viewer }) => service.remove(params.id, viewer),
    }),
  ];
}
