import { z } from 'zod';
import { nodeLabels } from '../../graph-schema/index.ts';
import { booleanQuery } from '../http/common-schemas.ts';
import { badRequest } from '../http/errors.ts';
import { addressOf, Reply, type RouteDeclaration, route } from '../http/route.ts';
import { type ExportService, exportFormats } from './export.service.ts';

const exportQuery = z.object({
  format: z.enum(exportFormats).default('json'),
  labels: z
    .string()
    .max(200)
    .optional()
    .transform((text) => (text ? text.split(',').map((label) => label.trim()) : []))
    .pipe(z.array(z.enum(nodeLabels)).max(nodeLabels.length))
    .describe('Comma-separated node labels, e.g. YoungPerson,PersonOfInterest (all when absent)'),
  from: z.iso.date().optional().describe('Only links seen on or after this date'),
  to: z.iso.date().optional().describe('Only links first seen on or before this date'),
  includeArchived: booleanQuery.default(true),
  file: z
    .string()
    .regex(/^[a-z-]+\.csv$/)
    .optional()
    .describe('For CSV: one file of the import format, e.g. young-people.csv, as text/csv'),
});

const exportResponse = z.union([
  z.object({ files: z.record(z.string(), z.string()).describe('CSV files of the import format, by name') }),
  z.object({ nodes: z.array(z.record(z.string(), z.unknown())), links: z.array(z.record(z.string(), z.unknown())) }),
  z.string().describe('GraphML, or one CSV file'),
]);

const attachment = (type: string, name: string) => ({
  'content-type': type,
  'content-disposition': `attachment; filename="${name}"`,
});

export function exportRoutes(service: ExportService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/exports/network',
      summary: 'Export the whole graph or a filtered part as CSV (the import format), GraphML or JSON; audited',
      tag: 'exports',
      permission: 'network:read',
      query: exportQuery,
      response: exportResponse,
      handler: async ({ query, viewer, request }) => {
        if (query.from && query.to && query.from > query.to) throw badRequest('from must not be after to');
        if (query.file && query.format !== 'csv') throw badRequest('file is for the CSV format');
        const { format, file, ...filters } = query;
        const result = await service.export({ format, file, filters, address: addressOf(request) }, viewer);
        switch (result.format) {
          case 'csv':
            return { files: result.files };
          case 'csv-file':
            return new Reply(200, result.text, attachment('text/csv; charset=utf-8', result.name));
          case 'graphml':
            return new Reply(200, result.text, attachment('application/graphml+xml; charset=utf-8', 'patmap.graphml'));
          default:
            return result.body;
        }
      },
    }),
  ];
}
