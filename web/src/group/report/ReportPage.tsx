import { Alert, Anchor, Button, Group, Loader, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { errorText } from '../../queries.ts';
import {
  defaultPeriod,
  fetchStrategicReport,
  type ReportTable,
  type StrategicReport,
  strategicReportCsvPath,
} from './report-api.ts';
import './report.css';

const isTotalRow = (table: ReportTable, index: number) =>
  index === table.rows.length - 1 && /^All/.test(table.rows[index]?.label ?? '') && table.rows.length > 1;

function FigureTable({ table }: { table: ReportTable }) {
  return (
    <section className="report-table" aria-labelledby={`${table.id}-title`} data-testid={`report-${table.id}`}>
      <Title order={3} id={`${table.id}-title`}>
        {table.title}
      </Title>
      <Table withTableBorder withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{table.rowHeader}</Table.Th>
            {table.columns.map((column) => (
              <Table.Th key={column} scope="col" className="numeric">
                {column}
              </Table.Th>
            ))}
            {table.totalHeader && (
              <Table.Th scope="col" className="numeric">
                {table.totalHeader}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, index) => (
            <Table.Tr key={row.label} className={isTotalRow(table, index) ? 'total-row' : undefined}>
              <Table.Th scope="row">{row.label}</Table.Th>
              {row.cells.map((cell, c) => (
                <Table.Td key={table.columns[c]} className="numeric">
                  {cell}
                </Table.Td>
              ))}
              {row.total !== undefined && <Table.Td className="numeric total">{row.total}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {table.note && <Text size="sm">{table.note}</Text>}
    </section>
  );
}

function Report({ report }: { report: StrategicReport }) {
  return (
    <div data-testid="strategic-report">
      <Text>
        {report.period.firstDay} to {report.period.lastDay} ({report.period.months} months). Made on{' '}
        {report.generatedOn}.
      </Text>
      <Text size="sm" className="suppression-note">
        {report.suppression.note} No names, references or dates of birth are shown.
      </Text>
      {report.tables.map((table) => (
        <FigureTable key={table.id} table={table} />
      ))}
    </div>
  );
}

/** The strategic group's report: pick whole months, read the anonymised tables, print them or download the CSV. */
export function ReportPage() {
  const [search, setSearch] = useSearchParams();
  const fallback = defaultPeriod();
  const from = search.get('from') ?? fallback.from;
  const to = search.get('to') ?? fallback.to;
  const [draft, setDraft] = useState({ from, to });
  const report = useQuery({
    queryKey: ['strategic-report', from, to],
    queryFn: () => fetchStrategicReport(from, to),
    retry: false,
  });
  const fields = report.error instanceof ApiError ? report.error.fields : [];
  const problem = (field: string) => fields.find((f) => f.field === field)?.message;

  function show(event: FormEvent) {
    event.preventDefault();
    setSearch({ from: draft.from, to: draft.to });
  }

  return (
    <div className="strategic-report-page">
      <Title order={2}>Strategic group report</Title>
      <Text className="print-only">
        patmap, CSE operations group: figures for the LSCB strategic group, {from} to {to}.
      </Text>
      <form onSubmit={show} className="report-period no-print" aria-label="Report period">
        <Group align="flex-end" gap="sm">
          <TextInput
            type="month"
            label="From month"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
            error={problem('from')}
            required
          />
          <TextInput
            type="month"
            label="To month"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })}
            error={problem('to')}
            required
          />
          <Button type="submit">Show report</Button>
          <Button variant="default" onClick={() => window.print()} disabled={!report.data}>
            Print
          </Button>
          {report.data ? (
            <Anchor href={strategicReportCsvPath(from, to)} download className="csv-link">
              Download CSV
            </Anchor>
          ) : null}
        </Group>
      </form>
      {report.isPending && <Loader role="status" aria-label="Loading the report" />}
      {report.isError && (
        <Alert color="red" title="Could not make the report" className="no-print">
          {errorText(report.error)}
        </Alert>
      )}
      {report.data && <Report report={report.data} />}
    </div>
  );
}
