import { Menu } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { download } from '../toolbar/download.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { type DataExportFormat, exportNetwork } from './transfer-api.ts';

/**
 * The network's data, not the chart's picture: the records and links the chart's label and time filters choose, as
 * the API exports them (audited there), in the import's CSV format, GraphML for Gephi and yEd, or JSON.
 */
export function DataExportItems() {
  const { filters } = useChartWorkspace();
  const exporting = useMutation({
    mutationFn: async (format: DataExportFormat) => {
      for (const file of await exportNetwork(format, filters)) {
        download(new Blob([file.text], { type: file.type }), file.name);
      }
    },
  });
  return (
    <>
      <Menu.Label>Network data{exporting.isError ? ' (the last export failed)' : ''}</Menu.Label>
      <Menu.Item onClick={() => exporting.mutate('csv')}>CSV files (the import format)</Menu.Item>
      <Menu.Item onClick={() => exporting.mutate('graphml')}>GraphML (Gephi, yEd)</Menu.Item>
      <Menu.Item onClick={() => exporting.mutate('json')}>JSON</Menu.Item>
    </>
  );
}
