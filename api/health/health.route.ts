import { z } from 'zod';
import type { Graph } from '../db/neo4j.ts';
import { Reply, type RouteDeclaration, route } from '../http/route.ts';

const healthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  neo4j: z.object({
    answering: z.boolean(),
    version: z.string().optional(),
    edition: z.string().optional(),
    error: z.string().optional(),
  }),
});

export function healthRoutes(graph: Graph): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/health',
      summary: 'Whether the API and Neo4j are answering (503 when Neo4j is not)',
      tag: 'health',
      permission: 'public',
      response: healthResponse,
      errors: [503],
      handler: async () => {
        try {
          const { version, edition } = await graph.serverInfo();
          return { status: 'ok', neo4j: { answering: true, version, edition } };
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0] : 'no answer';
          return new Reply(503, { status: 'unavailable', neo4j: { answering: false, error: message } });
        }
      },
    }),
  ];
}
