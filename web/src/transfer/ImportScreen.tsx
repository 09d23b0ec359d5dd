import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import './import.css';
import { type DataColumn, DataTable } from '../panels/DataTable.tsx';
import { errorText } from '../queries.ts';
import { columnsOf, importFileOf, kindNames, kindOfName, type TableKind, tableKinds } from './import-files.ts';
import {
  commitImport,
  dryRunImport,
  type ImportFileInput,
  type ImportReport,
  type ImportReportRow,
} from './transfer-api.ts';

const show = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

function details(row: ImportReportRow): string {
  const problems = (row.problems ?? []).map((p) => (p.column ? `${p.column}: ${p.message}` : p.message));
  const changes = (row.changes ?? []).map((c) => {
    if (c.clear) return `would clear ${c.field} (now ${show(c.from)})`;
    const by = c.by ? ` by a ${c.by}` : '';
    return `${c.field}: ${show(c.from)} → ${show(c.to)}${by}`;
  });
  const matched = row.matchedBy
    ? [
        row.matchedBy === 'ends'
          ? 'matched the existing link of this type, ends and source reference'
          : `matched by ${row.matchedBy}`,
      ]
    : [];
  const alike = (row.likelyDuplicates ?? []).map(
    (other) =>
      `looks like ${other.caption} (${other.inImport ? 'created by this import' : `id ${other.id}`}): ` +
      `${other.reasons.join(', ')}; give its id to update it instead, or merge them afterwards in Duplicates`,
  );
  return [...problems, ...changes, ...matched, ...alike].join('; ');
}

const what = (row: ImportReportRow) =>
  row.kind === 'link'
    ? `${row.type ?? 'link'}: ${row.from?.caption ?? '?'} → ${row.to?.caption ?? '?'}`
    : `${row.kind}: ${row.caption ?? ''}`;

const reportColumns: DataColumn<ImportReportRow>[] = [
  { id: 'row', header: 'Row', value: (row) => `${row.sheet ?? row.file} ${row.row}` },
  { id: 'action', header: 'Action', value: (row) => row.action },
  { id: 'what', header: 'Record or link', value: what },
  { id: 'details', header: 'Why / what changes', value: details },
];

const summaryText = ({ summary, rows }: ImportReport, done: boolean) => {
  const alike = rows.filter((row) => row.likelyDuplicates?.length).length;
  return (
    `${done ? 'Imported' : 'Would import'}: ${summary.create} created, ${summary.update} updated, ` +
    `${summary.unchanged} unchanged, ${summary.reject} rejected` +
    (alike ? `; ${alike} ${alike === 1 ? 'row looks' : 'rows look'} like another record (see the row's Why)` : '')
  );
};

const defaultEvidence = {
  sourceAgency: '',
  gradingSource: '3',
  gradingInformation: 'C',
  gradingHandling: 'P',
  firstSeen: '',
};

/** /import: choose files, see their kinds and headers, map unmatched headers, run the dry run, then commit. */
export function ImportScreen() {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<ImportFileInput[]>([]);
  const [report, setReport] = useState<ImportReport>();
  const [stale, setStale] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [committed, setCommitted] = useState<ImportReport>();
  const [evidence, setEvidence] = useState(defaultEvidence);

  const request = () =>
    files.map((file) =>
      file.kind === 'edge-list'
        ? {
            ...file,
            evidence: {
              ...evidence,
              gradingSource: Number(evidence.gradingSource),
            },
          }
        : file,
    );
  const dryRun = useMutation({
    mutationFn: () => dryRunImport(request()),
    onSuccess: (answer) => {
      setReport(answer);
      setStale(false);
      setCommitted(undefined);
    },
  });
  const commit = useMutation({
    mutationFn: () => commitImport(request(), validOnly),
    onSuccess: (answer) => {
      setCommitted(answer);
      setReport(undefined);
      void queryClient.invalidateQueries({ queryKey: ['network'] });
    },
  });

  const change = (index: number, next: Partial<ImportFileInput>) => {
    setFiles((current) => current.map((file, i) => (i === index ? { ...file, ...next } : file)));
    setStale(true);
  };
  const choose = async (chosen: FileList | null) => {
    setFiles(await Promise.all([...(chosen ?? [])].map(importFileOf)));
    setReport(undefined);
    setCommitted(undefined);
    setStale(false);
  };
  const hasEdgeList = files.some((file) => file.kind === 'edge-list');
  const rejected = (report?.summary.reject ?? 0) > 0;

  return (
    <section className="import-screen" aria-labelledby="import-title">
      <Title order={2} id="import-title">
        Import
      </Title>
      <Text size="sm">
        CSV files named by kind (young-people.csv, persons-of-interest.csv, locations.csv, events.csv, links.csv), or an
        XLSX workbook with a sheet per kind. Nothing is written until you commit. An empty cell leaves a value as it is;
        a cell reading (clear) removes it.
      </Text>
      <label className="file-choice">
        Files (CSV or XLSX)
        <input
          type="file"
          multiple
          accept=".csv,.xlsx,text/csv"
          onChange={(event) => void choose(event.currentTarget.files)}
        />
      </label>

      <Stack gap="xs" mt="sm">
        {files.map((file, index) => {
          const fileReport = report?.files.filter((f) => f.file === file.name) ?? [];
          const kind = (file.kind ?? fileReport[0]?.kind ?? kindOfName(file.name)) as TableKind | undefined;
          const headersToMap = [
            ...new Set(fileReport.flatMap((f) => f.unknownHeaders).concat(Object.keys(file.mapping))),
          ];
          return (
            <fieldset key={file.name} className="import-file" data-testid={`import-file-${file.name}`}>
              <legend>{file.name}</legend>
              <NativeSelect
                label="What it holds"
                value={file.kind ?? ''}
                data={[
                  { value: '', label: kind ? `As its name says (${kindNames[kind]})` : 'Choose' },
                  ...tableKinds.map((value) => ({ value, label: kindNames[value] })),
                ]}
                onChange={(event) => change(index, { kind: event.currentTarget.value || undefined })}
              />
              {fileReport.map((f) => (
                <Text size="xs" key={f.sheet ?? f.file}>
                  {f.sheet ? `Sheet ${f.sheet}: ` : ''}
                  {kindNames[f.kind]}, {f.rows} rows; headers: {f.headers.join(', ')}
                </Text>
              ))}
              {kind &&
                headersToMap.map((header) => (
                  <NativeSelect
                    key={header}
                    size="xs"
                    label={`Column “${header}”`}
                    value={file.mapping[header] ?? ''}
                    data={[
                      { value: '', label: 'Not imported' },
                      ...columnsOf(kind).map((column) => ({ value: column, label: column })),
                    ]}
                    onChange={(event) =>
                      change(index, { mapping: { ...file.mapping, [header]: event.currentTarget.value } })
                    }
                  />
                ))}
            </fieldset>
          );
        })}
      </Stack>

      {hasEdgeList && (
        <fieldset className="import-file">
          <legend>Evidence for every link of the edge list</legend>
          <TextInput
            size="xs"
            label="Source agency"
            value={evidence.sourceAgency}
            onChange={(event) => setEvidence({ ...evidence, sourceAgency: event.currentTarget.value })}
          />
          <Group gap="xs">
            <NativeSelect
              size="xs"
              label="Source"
              data={['1', '2', '3']}
              value={evidence.gradingSource}
              onChange={(event) => setEvidence({ ...evidence, gradingSource: event.currentTarget.value })}
            />
            <NativeSelect
              size="xs"
              label="Information"
              data={['A', 'B', 'C', 'D', 'E']}
              value={evidence.gradingInformation}
              onChange={(event) => setEvidence({ ...evidence, gradingInformation: event.currentTarget.value })}
            />
            <NativeSelect
              size="xs"
              label="Handling"
              data={['P', 'C']}
              value={evidence.gradingHandling}
              onChange={(event) => setEvidence({ ...evidence, gradingHandling: event.currentTarget.value })}
            />
          </Group>
          <TextInput
            size="xs"
            type="date"
            label="First seen"
            value={evidence.firstSeen}
            onChange={(event) => setEvidence({ ...evidence, firstSeen: event.currentTarget.value })}
          />
        </fieldset>
      )}

      <Group mt="sm" gap="xs">
        <Button size="xs" disabled={!files.length} loading={dryRun.isPending} onClick={() => dryRun.mutate()}>
          Dry run
        </Button>
        <Button
          size="xs"
          color="green.9"
          disabled={!report || stale || (rejected && !validOnly)}
          loading={commit.isPending}
          onClick={() => commit.mutate()}
        >
          Commit import
        </Button>
      </Group>
      {rejected && (
        <Checkbox
          mt="xs"
          size="xs"
          label="Commit the valid rows only, leaving the rejected ones out"
          checked={validOnly}
          onChange={(event) => setValidOnly(event.currentTarget.checked)}
        />
      )}
      {stale && report && (
        <Text size="sm" role="status">
          The files or their mapping changed: run the dry run again.
        </Text>
      )}
      {dryRun.isError && (
        <Alert color="red" mt="sm" title="The dry run failed">
          {errorText(dryRun.error)}
        </Alert>
      )}
      {commit.isError && (
        <Alert color="red" mt="sm" title="Nothing was imported">
          {errorText(commit.error)}
        </Alert>
      )}
      {committed && (
        <Alert color="green" mt="sm" title="Imported" data-testid="import-committed">
          {summaryText(committed, true)}
        </Alert>
      )}
      {(report ?? committed) && (
        <>
          {report && (
            <Text size="sm" mt="sm" data-testid="import-summary">
              {summaryText(report, false)}
            </Text>
          )}
          <DataTable
            caption={committed ? 'What was imported, row by row' : 'The dry run, row by row'}
            columns={reportColumns}
            rows={(report ?? committed)?.rows ?? []}
            rowKey={(row) => `${row.file}:${row.sheet ?? ''}:${row.row}:${row.kind}:${row.id ?? ''}`}
            testId="import-report"
          />
        </>
      )}
    </section>
  );
}
