import { MultiSelect, Select } from '@mantine/core';
import { gradingInformation } from '../../../graph-schema/evidence.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import type { ChartFilters } from '../workspace/filters.ts';

const levelOptions = [
  { value: '3', label: 'Level 3' },
  { value: '2', label: 'Level 2' },
  { value: '1', label: 'Level 1' },
  { value: 'archived', label: 'Archived' },
];

/** Filters by entity type, level of concern, link type and minimum grading; kept in the URL. */
export function FilterBar() {
  const { schema, filters, setFilters } = useChartWorkspace();
  const set = (change: Partial<ChartFilters>) => setFilters({ ...filters, ...change });
  return (
    <>
      <MultiSelect
        label="Records"
        placeholder="All kinds"
        size="xs"
        data={schema.nodes.map((n) => ({ value: n.label, label: n.plural }))}
        value={filters.labels}
        onChange={(labels) => set({ labels: labels as ChartFilters['labels'] })}
        clearable
      />
      <MultiSelect
        label="Level of concern"
        placeholder="All levels"
        size="xs"
        data={levelOptions}
        value={filters.levels}
        onChange={(levels) => set({ levels: levels as ChartFilters['levels'] })}
        clearable
      />
      <MultiSelect
        label="Link types"
        placeholder="All links"
        size="xs"
        data={schema.relationships.map((r) => ({ value: r.type, label: r.caption }))}
        value={filters.linkTypes}
        onChange={(linkTypes) => set({ linkTypes })}
        clearable
        searchable
      />
      <Select
        label="Weakest source"
        size="xs"
        data={[
          { value: '1', label: '1 reliable' },
          { value: '2', label: '2 mostly reliable' },
          { value: '3', label: '3 untested' },
        ]}
        value={String(filters.minSource)}
        onChange={(value) => set({ minSource: Number(value ?? 3) })}
        allowDeselect={false}
      />
      <Select
        label="Weakest information"
        size="xs"
        data={gradingInformation.map((g) => ({ value: g, label: g }))}
        value={filters.minInformation}
        onChange={(value) => set({ minInformation: (value ?? 'E') as ChartFilters['minInformation'] })}
        allowDeselect={false}
      />
    </>
  );
}
