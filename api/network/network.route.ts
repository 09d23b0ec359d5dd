import { z } from 'zod';
import { nodeLabels } from '../../graph-schema/index.ts';
import { linkEvidence } from '../analysis/summary.ts';
import { visibilityOf } from '../auth/viewer.ts';
import { booleanQuery } from '../http/common-schemas.ts';
import { badRequest } from '../http/errors.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { networkService } from './network.service.ts';

const networkQuery = z.object({
  from: z.iso.date().optional().describe('Only links seen on or after this date'),
  to: z.iso.date().optional().describe('Only links first seen on or before this date'),
  includeArchived: booleanQuery.default(true),
  nodeLimit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  linkLimit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});

const networkResponse = z.object({
  nodes: z.array(
    z.object({
      id: z.uuid(),
      label: z.enum(nodeLabels),
      record: z
        .record(z.string(), z.unknown())
        .describe(
          'What the chart draws: id, the caption property (a pseudonym where names are hidden), reference, levelOfConcern, type, archivedAt, occurredOn, pseudonymised, disrupted; the whole record is at its own route',
        ),
    }),
  ),
  links: z.array(linkEvidence),
  truncated: z.boolean(),
});

export function networkRoutes(service: ReturnType<typeof networkService>): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/network',
      summary: "The chart's elements: records and the links between them, optionally within a time window",
      tag: 'network',
      permission: 'network:read',
      query: networkQuery,
      response: networkResponse,
      handler: ({ query, viewer }) => {
        if (query.from && query.to && query.from > query.to) throw badRequest('from must not be after to');
        return service.network(query, visibilityOf(viewer));
      },
      audit: ({ query }) => ({ action: 'view', subjectType: 'Network', details: query }),
    }),
  ];
}
