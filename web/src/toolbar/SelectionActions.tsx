import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useKeepFilters } from '../links.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { useExpand } from '../workspace/useExpand.ts';

/** What can be done to the records selected on the chart or in the list. */
export function SelectionActions() {
  const { selected, setSelected, dispatch, contents, chart } = useChartWorkspace();
  const expand = useExpand();
  const navigate = useNavigate();
  const keepFilters = useKeepFilters();
  const records = selected.filter((id) => contents.records[id]);
  const none = records.length === 0;
  const allPinned = !none && records.every((id) => contents.pinned.includes(id));
  return (
    <Group gap="xs" className="selection-actions" aria-label="Selected records">
      <Text size="sm" data-testid="selection-count">
        {records.length} selected
      </Text>
      <Button size="xs" disabled={none} loading={expand.isPending} onClick={() => expand.mutate(records)}>
        Expand
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => {
          for (const id of records) dispatch({ type: 'collapse', id });
        }}
      >
        Collapse
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => {
          dispatch({ type: 'hide', ids: records });
          setSelected([]);
        }}
      >
        Hide
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => {
          for (const id of records) {
            if (contents.pinned.includes(id) === allPinned) dispatch({ type: 'toggle-pin', id });
          }
        }}
      >
        {allPinned ? 'Unpin' : 'Pin'}
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={records.length !== 2}
        onClick={() => {
          const [source, target] = records;
          if (source && target) navigate(keepFilters('/analysis/paths', { source, target }));
        }}
      >
        Find paths
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={!contents.hidden.length}
        onClick={() => dispatch({ type: 'show-all' })}
      >
        Show hidden ({contents.hidden.length})
      </Button>
      <Button size="xs" variant="subtle" onClick={() => chart.current?.fit()}>
        Fit
      </Button>
      {expand.isError && (
        <Text size="sm" c="red.9" role="alert">
          Could not expand: {errorText(expand.error)}
        </Text>
      )}
    </Group>
  );
}
