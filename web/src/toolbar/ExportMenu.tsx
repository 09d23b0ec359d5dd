import { Button, Menu, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { recordExport } from '../api.ts';
import { errorText } from '../queries.ts';
import { DataExportItems } from '../transfer/DataExportItems.tsx';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { visibleChartCsv } from '../workspace/csv.ts';
import { download, exportName } from './download.ts';

type Format = 'png' | 'svg' | 'csv';

/** Exports what is visible. Each export is recorded in the audit log first; no record, no file. */
export function ExportMenu() {
  const { chart, visible, schema, filters } = useChartWorkspace();
  const exporting = useMutation({
    mutationFn: async (format: Format) => {
      const records = visible.records.map((r) => r.id).filter((id) => !id.startsWith('group:'));
      await recordExport({ format, records, links: visible.links.length, filters });
      if (format === 'png') {
        const image = await chart.current?.png();
        if (image) download(image, exportName('png'));
      } else if (format === 'svg') {
        const drawing = chart.current?.svg();
        if (drawing) download(new Blob([drawing], { type: 'image/svg+xml' }), exportName('svg'));
      } else {
        download(new Blob([visibleChartCsv(visible, schema)], { type: 'text/csv' }), exportName('csv'));
      }
    },
  });
  return (
    <>
      <Menu>
        <Menu.Target>
          <Button size="xs" variant="default" loading={exporting.isPending}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => exporting.mutate('png')}>Chart as PNG</Menu.Item>
          <Menu.Item onClick={() => exporting.mutate('svg')}>Chart as SVG</Menu.Item>
          <Menu.Item onClick={() => exporting.mutate('csv')}>Visible records and links as CSV</Menu.Item>
          <DataExportItems />
        </Menu.Dropdown>
      </Menu>
      {exporting.isError && (
        <Text size="sm" c="red.9" role="alert">
          Export failed: {errorText(exporting.error)}
        </Text>
      )}
    </>
  );
}
