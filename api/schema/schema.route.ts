import { z } from 'zod';
import { schemaDocument } from '../../graph-schema/document.ts';
import { type RouteDeclaration, route } from '../http/route.ts';

export function schemaRoutes(): RouteDeclaration[] {
  const document = schemaDocument();
  return [
    route({
      method: 'get',
      path: '/api/schema',
      summary: 'The graph schema: node labels and link types, their properties and allowed endpoints',
      tag: 'schema',
      permission: 'signed-in',
      response: z.record(z.string(), z.unknown()),
      handler: async () => document,
    }),
  ];
}
