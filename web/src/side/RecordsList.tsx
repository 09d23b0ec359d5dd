import { Text, Title } from '@mantine/core';
import { type DataColumn, DataTable } from '../panels/DataTable.tsx';
import { levelText } from '../panels/panel.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import type { ChartRecord } from '../workspace/contents.ts';
import { RecordActions } from './RecordActions.tsx';

const listLimit = 500;

/** Everything on the chart as a sortable table with per-record actions: the canvas alone is not accessible. */
export function RecordsList() {
  const { visible, schema } = useChartWorkspace();
  const title = new Map<string, string>(schema.nodes.map((n) => [n.label, n.title]));
  const linkCount = new Map<string, number>();
  for (const link of visible.links) {
    linkCount.set(link.from, (linkCount.get(link.from) ?? 0) + 1);
    linkCount.set(link.to, (linkCount.get(link.to) ?? 0) + 1);
  }
  const columns: DataColumn<ChartRecord>[] = [
    { id: 'caption', header: 'Name', value: (r) => r.caption },
    { id: 'kind', header: 'Kind', value: (r) => title.get(r.label) ?? 'group' },
    { id: 'level', header: 'Level', value: (r) => `${levelText(r.levelOfConcern)}${r.archived ? ' archived' : ''}` },
    { id: 'links', header: 'Links', numeric: true, value: (r) => linkCount.get(r.id) ?? 0 },
  ];
  const records = visible.records.filter((r) => !r.id.startsWith('group:')).slice(0, listLimit);
  return (
    <section aria-labelledby="records-title">
      <Title order={2} id="records-title">
        On the chart
      </Title>
      {visible.records.length > listLimit && (
        <Text size="sm">
          Showing the first {listLimit} of {visible.records.length}; search or filter to find others.
        </Text>
      )}
      <DataTable
        caption={`${visible.records.length} records and ${visible.links.length} links on the chart`}
        columns={columns}
        rows={records}
        rowKey={(r) => r.id}
        actions={(record) => <RecordActions record={record} />}
        testId="records-list"
      />
    </section>
  );
}
