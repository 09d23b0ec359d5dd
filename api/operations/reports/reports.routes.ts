import { z } from 'zod';
import { todayIso } from '../../../graph-schema/calendar.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { Reply, type RouteDeclaration, route } from '../../http/route.ts';
import type { StrategicReportConfig } from './report-config.ts';
import { strategicReportCsv, strategicReportFilename } from './report-csv.ts';
import type { ReportsService } from './reports.service.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const monthIndex = (value: string) => Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1;

/** Whole months, oldest first, none in the future, at most the configured number. */
export function reportPeriodQuery(config: StrategicReportConfig) {
  return z
    .object({
      from: month.describe('The first month, YYYY-MM'),
      to: month.describe('The last month, YYYY-MM (this month at the latest)'),
      format: z.enum(['json', 'csv']).default('json').describe('csv: a file to download'),
    })
    .superRefine((period, context) => {
      if (period.from > period.to) {
        context.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
      } else if (monthIndex(period.to) - monthIndex(period.from) + 1 > config.maxMonths) {
        context.addIssue({
          code: 'custom',
          path: ['to'],
          message: `a report covers at most ${config.maxMonths} months`,
        });
      }
      if (period.to > todayIso().slice(0, 7)) {
        context.addIssue({ code: 'custom', path: ['to'], message: 'the period cannot end in the future' });
      }
    });
}

const shownCount = z.union([z.int(), z.string()]).describe('A count, or a marker where it is withheld');
const row = z.object({ label: z.string(), cells: z.array(shownCount), total: shownCount.optional() });

const report = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    firstDay: z.iso.date(),
    lastDay: z.iso.date(),
    months: z.int(),
  }),
  generatedOn: z.iso.date(),
  suppression: z.object({ threshold: z.int(), small: z.string(), secondary: z.string(), note: z.string() }),
  tables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rowHeader: z.string(),
      columns: z.array(z.string()),
      totalHeader: z.string().optional(),
      rows: z.array(row).describe('The last row holds the column totals, when the table has them'),
      note: z.string().optional(),
    }),
  ),
});

export function reportsRoutes(service: ReportsService, config: StrategicReportConfig): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/reports/strategic',
      summary:
        "The strategic group's anonymised report over whole months: counts only, small ones withheld (JSON, or CSV with format=csv)",
      tag: 'reports',
      permission: 'reports:read',
      query: reportPeriodQuery(config),
      response: report,
      handler: async ({ query, viewer }) => {
        const made = await service.strategic({ from: query.from, to: query.to }, visibilityOf(viewer));
        if (query.format === 'json') return made;
        return new Reply(200, strategicReportCsv(made), {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${strategicReportFilename(made)}"`,
        });
      },
      // Figures about the group's work leave the system for the strategic group: an export, printed or downloaded.
      audit: ({ query }) => ({
        action: 'export',
        subjectType: 'StrategicReport',
        details: { from: query.from, to: query.to, format: query.format },
      }),
    }),
  ];
}
