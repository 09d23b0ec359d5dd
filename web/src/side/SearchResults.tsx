import { Alert, Button, Group, Loader, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { searchEntities } from '../api.ts';
import { useKeepFilters } from '../links.ts';
import { levelText } from '../panels/panel.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { type ChartRecord, recordFromEntity } from '../workspace/contents.ts';
import { useExpand } from '../workspace/useExpand.ts';

/** Search results across young people, persons of interest and locations, each one a click from the chart. */
export function SearchResults() {
  const [search] = useSearchParams();
  const term = search.get('q') ?? '';
  const { schema, contents, dispatch, setSelected, chart } = useChartWorkspace();
  const expand = useExpand();
  const keepFilters = useKeepFilters();
  const answers = useQueries({
    queries: schema.nodes.map((node) => ({
      queryKey: ['search', node.pathSegment, term],
      queryFn: () => searchEntities(node.pathSegment, term),
      enabled: term.length > 0,
    })),
  });
  const results: ChartRecord[] = answers.flatMap((answer, index) => {
    const node = schema.nodes[index];
    return node ? (answer.data?.items ?? []).map((record) => recordFromEntity(node.label, record, schema)) : [];
  });
  const failed = answers.find((a) => a.isError);

  function focus(record: ChartRecord) {
    if (!contents.records[record.id]) dispatch({ type: 'add', records: [record], links: [] });
    setSelected([record.id]);
    setTimeout(() => chart.current?.focus(record.id), 50);
  }

  return (
    <section aria-labelledby="search-title" data-testid="search-results">
      <Title order={2} id="search-title">
        Search: {term}
      </Title>
      {answers.some((a) => a.isPending) && <Loader size="sm" role="status" aria-label="Searching" />}
      {failed && <Alert color="red">{errorText(failed.error)}</Alert>}
      {!answers.some((a) => a.isPending) && results.length === 0 && <Text>Nothing found.</Text>}
      <ul className="results">
        {results.map((record) => (
          <li key={record.id}>
            <Text fw={600}>
              {record.caption} {levelText(record.levelOfConcern) && `(${levelText(record.levelOfConcern)})`}
            </Text>
            <Text size="sm">
              {schema.nodes.find((n) => n.label === record.label)?.title}
              {record.reference && record.reference !== record.caption ? ` · ${record.reference}` : ''}
            </Text>
            <Group gap={4}>
              <Button size="compact-xs" onClick={() => focus(record)}>
                Focus on the chart
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => {
                  dispatch({ type: 'add', records: [record], links: [] });
                  dispatch({ type: 'keep-only', ids: [record.id] });
                  setSelected([record.id]);
                }}
              >
                Start the chart from here
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => expand.mutate([record.id])}>
                Expand
              </Button>
              <Button size="compact-xs" variant="default" component={Link} to={keepFilters(`/records/${record.id}`)}>
                Details
              </Button>
            </Group>
          </li>
        ))}
      </ul>
    </section>
  );
}
