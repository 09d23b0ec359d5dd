import { Table } from '@mantine/core';
import type { RowData } from '@tanstack/react-table';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { type ReactNode, useMemo, useState } from 'react';

export interface DataColumn<Row extends RowData> {
  id: string;
  header: string;
  numeric?: boolean;
  value(row: Row): string | number;
}

export interface DataTableProps<Row extends RowData> {
  caption: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** Buttons for a row, in a last column, reachable by Tab. */
  actions?(row: Row): ReactNode;
  selectedKey?: string | undefined;
  testId?: string;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

/** A sortable table (TanStack Table, drawn with Mantine): headers are buttons, so sorting works by keyboard. */
export function DataTable<Row extends RowData>({
  caption,
  columns,
  rows,
  rowKey,
  actions,
  selectedKey,
  testId,
}: DataTableProps<Row>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columnDefs = useMemo(() => {
    const helper = createColumnHelper<typeof features, Row>();
    return helper.columns(
      columns.map((column) =>
        helper.accessor((row) => column.value(row), {
          id: column.id,
          header: column.header,
          sortFn: column.numeric ? 'basic' : 'alphanumeric',
          sortDescFirst: Boolean(column.numeric),
        }),
      ),
    );
  }, [columns]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features,
    columns: columnDefs,
    data,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => rowKey(row),
  });
  return (
    <Table striped highlightOnHover data-testid={testId} className="data-table">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <Table.Th
                  key={header.id}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                    <table.FlexRender header={header} />
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                </Table.Th>
              );
            })}
            {actions && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {table.getRowModel().rows.map((row) => (
          <Table.Tr
            key={row.id}
            aria-selected={row.id === selectedKey}
            className={row.id === selectedKey ? 'selected-row' : undefined}
          >
            {row.getAllCells().map((cell) => (
              <Table.Td key={cell.id}>
                <table.FlexRender cell={cell} />
              </Table.Td>
            ))}
            {actions && <Table.Td className="row-actions">{actions(row.original)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
