import { z } from 'zod';
import { type Viewer, viewerCan } from '../auth/viewer.ts';
import { pageOf, pageQuery } from '../http/common-schemas.ts';
import { Reply, type RouteDeclaration, route } from '../http/route.ts';
import { type AuditService, auditActions } from './audit.service.ts';
import { type AuditEvent, chainBreakCauses } from './audit-chain.ts';

const auditQuery = z.object({
  username: z.string().trim().toLowerCase().min(1).max(100).optional(),
  action: z.enum(auditActions).optional(),
  subjectId: z.string().trim().min(1).max(100).optional(),
  from: z.iso.date().optional().describe('Events on or after this date'),
  to: z.iso.date().optional().describe('Events before this date'),
});

const eventSchema = z.object({
  seq: z.int(),
  at: z.string(),
  username: z.string(),
  role: z.string().nullish(),
  action: z.string(),
  subjectType: z.string().nullish(),
  subjectId: z.string().nullish(),
  reason: z.string().nullish(),
  details: z.string().nullish(),
  address: z.string().nullish(),
  restricted: z.boolean().nullish(),
  chain: z.string().nullish().describe('hmac-sha256 (sealed with the audit key); absent on events from before it'),
  prevHash: z.string(),
  hash: z.string(),
});

const csvColumns = [
  'seq',
  'at',
  'username',
  'role',
  'action',
  'subjectType',
  'subjectId',
  'reason',
  'details',
  'address',
  'hash',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, -, @, tab or carriage return can make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(events: readonly AuditEvent[]): string {
  return [csvColumns.join(','), ...events.map((event) => csvColumns.map((c) => csvCell(event[c])).join(','))].join(
    '\n',
  );
}

/** Details of restricted events are shown only to a viewer who may see police-only intelligence and names. */
function redact(events: AuditEvent[], viewer: Viewer): AuditEvent[] {
  const full = viewerCan(viewer, 'police-intelligence:read') && viewerCan(viewer, 'names:read');
  return full ? events : events.map((event) => (event.restricted ? { ...event, details: '[restricted]' } : event));
}

export function auditRoutes(audit: AuditService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/audit',
      summary: 'Search the audit log (newest first) by user, action, subject and date',
      tag: 'audit',
      permission: 'audit:read',
      query: pageQuery.extend(auditQuery.shape),
      response: pageOf(eventSchema),
      handler: async ({ query, viewer }) => {
        const page = await audit.search(query);
        return { ...page, items: redact(page.items, viewer) };
      },
      audit: ({ query }) => ({ action: 'search', subjectType: 'AuditEvent', details: query }),
    }),
    route({
      method: 'get',
      path: '/api/audit/export',
      summary: 'Export matching audit events as CSV (at most 100,000)',
      tag: 'audit',
      permission: 'audit:read',
      query: auditQuery,
      response: z.string(),
      handler: async ({ query, viewer }) => {
        const { items } = await audit.search({ ...query, limit: 100_000, offset: 0 });
        return new Reply(200, toCsv(redact(items, viewer)), {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="patmap-audit.csv"',
        });
      },
      audit: ({ query }) => ({ action: 'export', subjectType: 'AuditEvent', details: query }),
    }),
    route({
      method: 'get',
      path: '/api/audit/verify',
      summary: "Check the audit log's hash chain; reports the first event that does not fit",
      tag: 'audit',
      permission: 'audit:read',
      response: z.object({
        intact: z.boolean(),
        events: z.int(),
        unkeyed: z.int().describe('How many of the intact events predate the audit key (plain SHA-256)'),
        unkeyedUntil: z.string().nullable().describe('When the last of those was written'),
        firstBreak: z
          .object({
            seq: z.int(),
            cause: z.enum(chainBreakCauses),
            problem: z.string(),
          })
          .optional(),
      }),
      handler: () => audit.verify(),
    }),
  ];
}
