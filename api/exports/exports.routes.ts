import { z } from 'zod';
import { type RouteDeclaration, route } from '../http/route.ts';
import { chartFilters } from '../views/view-state.ts';

/**
 * The web app exports the chart (PNG, SVG) and its visible elements (CSV) in the browser; before it hands
 * over the file it records here what left the system, so every export is in the audit log like any other.
 */
const exportRecord = z.object({
  format: z.enum(['png', 'svg', 'csv']),
  records: z.array(z.uuid()).max(10_000),
  links: z.int().min(0).max(100_000),
  filters: chartFilters.optional(),
});

export function exportsRoutes(): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/exports',
      summary: 'Record a chart export (PNG, SVG or CSV) in the audit log before the browser saves it',
      tag: 'exports',
      permission: 'network:read',
      body: exportRecord,
      status: 201,
      response: z.object({ recorded: z.literal(true), format: z.enum(['png', 'svg', 'csv']) }),
      handler: async ({ body }) => ({ recorded: true as const, format: body.format }),
      audit: ({ body }) => ({
        action: 'export',
        subjectType: 'Chart',
        details: { format: body.format, records: body.records, links: body.links, filters: body.filters },
      }),
    }),
  ];
}
