import type { ReportTable, StrategicReport } from './reports.service.ts';

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, -, @, tab or carriage return can make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (cells: readonly unknown[]) => cells.map(csvCell).join(',');

function tableLines(table: ReportTable): string[] {
  const header = [table.rowHeader, ...table.columns, ...(table.totalHeader ? [table.totalHeader] : [])];
  return [
    line([table.title]),
    line(header),
    ...table.rows.map((row) => line([row.label, ...row.cells, ...(row.total === undefined ? [] : [row.total])])),
    ...(table.note ? [line([table.note])] : []),
  ];
}

/** The report as CSV: a heading, then each table under its title, separated by blank lines. */
export function strategicReportCsv(report: StrategicReport): string {
  const { period } = report;
  return [
    [
      line(['patmap: the strategic group report', `${period.from} to ${period.to}`]),
      line(['Period', `${period.firstDay} to ${period.lastDay}`]),
      line(['Made on', report.generatedOn]),
      line([report.suppression.note]),
    ],
    ...report.tables.map(tableLines),
  ]
    .map((lines) => lines.join('\n'))
    .join('\n\n')
    .concat('\n');
}

export const strategicReportFilename = (report: StrategicReport) =>
  `patmap-strategic-report-${report.period.from}-to-${report.period.to}.csv`;
