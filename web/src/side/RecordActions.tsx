import { Button, Checkbox, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useKeepFilters } from '../links.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import type { ChartRecord } from '../workspace/contents.ts';

/** The chart's actions for one record, as buttons: the keyboard way to do what the canvas does. */
export function RecordActions({ record }: { record: ChartRecord }) {
  const { selected, setSelected, dispatch, contents, chart } = useChartWorkspace();
  const keepFilters = useKeepFilters();
  const isSelected = selected.includes(record.id);
  const pinned = contents.pinned.includes(record.id);
  return (
    <Group gap={4} wrap="nowrap">
      <Checkbox
        aria-label={`Select ${record.caption}`}
        checked={isSelected}
        onChange={() => setSelected(isSelected ? selected.filter((id) => id !== record.id) : [...selected, record.id])}
        size="xs"
      />
      <Button size="compact-xs" variant="default" onClick={() => chart.current?.focus(record.id)}>
        Focus
      </Button>
      <Button size="compact-xs" variant="default" onClick={() => dispatch({ type: 'toggle-pin', id: record.id })}>
        {pinned ? 'Unpin' : 'Pin'}
      </Button>
      <Button size="compact-xs" variant="default" onClick={() => dispatch({ type: 'hide', ids: [record.id] })}>
        Hide
      </Button>
      <Button size="compact-xs" variant="default" component={Link} to={keepFilters(`/records/${record.id}`)}>
        Details
      </Button>
    </Group>
  );
}
