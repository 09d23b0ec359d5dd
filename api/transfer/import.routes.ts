import { z } from 'zod';
import { viewerCan } from '../auth/viewer.ts';
import { HttpError } from '../http/errors.ts';
import { type RouteDeclaration, route } from '../http/route.ts';
import type { ImportService } from './import.service.ts';
import { importFileSchema, tableKinds } from './import-files.ts';

const importBody = z
  .object({
    files: z.array(importFileSchema).min(1).max(20),
    validOnly: z
      .boolean()
      .default(false)
      .describe('Commit the valid rows and leave the rejected ones out; otherwise any rejected row refuses the commit'),
  })
  .strict();

const endMatch = z.object({
  id: z.uuid(),
  label: z.string(),
  caption: z.string(),
  by: z.enum(['id', 'reference', 'name']),
  inImport: z.boolean(),
});

const importReport = z.object({
  committed: z.boolean(),
  files: z.array(
    z.object({
      file: z.string(),
      sheet: z.string().optional(),
      kind: z.enum(tableKinds),
      headers: z.array(z.string()),
      mapped: z.record(z.string(), z.string()),
      unknownHeaders: z.array(z.string()),
      rows: z.int(),
    }),
  ),
  summary: z.object({ create: z.int(), update: z.int(), unchanged: z.int(), reject: z.int() }),
  rows: z.array(
    z.object({
      file: z.string(),
      sheet: z.string().optional(),
      row: z.int(),
      kind: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'reject']),
      id: z.uuid().optional(),
      caption: z.string().optional(),
      type: z.string().optional(),
      matchedBy: z
        .enum(['id', 'reference', 'name', 'ends'])
        .optional()
        .describe('ends: a link without an id matched to one of the same type, ends and source reference'),
      changes: z
        .array(
          z.object({
            field: z.string(),
            from: z.unknown(),
            to: z.unknown(),
            clear: z.literal(true).optional().describe('The cell said (clear): the property is removed'),
            by: z.literal('level decision').optional().describe('Written by a level decision, not directly'),
          }),
        )
        .optional(),
      from: endMatch.optional(),
      to: endMatch.optional(),
      problems: z.array(z.object({ column: z.string().optional(), message: z.string() })).optional(),
      likelyDuplicates: z
        .array(
          z.object({
            id: z.uuid(),
            caption: z.string(),
            inImport: z.boolean().describe('Created by an earlier row of this import'),
            reasons: z.array(z.string()),
          }),
        )
        .optional()
        .describe(
          'A row to be created that looks like these records (same name and date of birth, a shared phone, the same ' +
            'name with a date missing): it is still created; give the id to update one instead, or merge afterwards',
        ),
    }),
  ),
  audit: z.enum(['per-row', 'data-reload']).optional(),
});

/** Importing writes records and links both: the route needs records:write, and links:write is checked here. */
function needLinksWrite(viewer: Parameters<typeof viewerCan>[0]) {
  if (!viewerCan(viewer, 'links:write')) throw new HttpError(403, 'forbidden', 'Importing needs links:write too');
}

export function importRoutes(service: ImportService): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/imports/dry-run',
      summary: 'What an import would create, update, match or reject, row by row, without writing anything',
      tag: 'imports',
      permission: 'records:write',
      body: importBody,
      response: importReport,
      errors: [413],
      handler: ({ body, viewer }) => {
        needLinksWrite(viewer);
        return service.dryRun(body, viewer);
      },
    }),
    route({
      method: 'post',
      path: '/api/imports',
      summary: 'Import: planned again and written all or nothing in one transaction (422 when a row is rejected)',
      tag: 'imports',
      permission: 'records:write',
      body: importBody,
      status: 201,
      response: importReport,
      errors: [409, 413, 422],
      handler: ({ body, viewer }) => {
        needLinksWrite(viewer);
        return service.commit(body, viewer);
      },
    }),
  ];
}
