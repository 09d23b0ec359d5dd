import { Alert, Button, Group, Loader, NativeSelect, NumberInput, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { fetchAnalysis } from '../api.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { analysisParams } from '../workspace/filters.ts';
import { groupNodeId } from '../workspace/visible.ts';
import { type DataColumn, DataTable } from './DataTable.tsx';
import { type AnalysisPanel, isChoice, type PanelRow, panelParams } from './panel.ts';
import { panelById } from './registry.ts';

/** The panel of one registered analysis, at /analysis/:panelId; the selected row is in the URL too (?row=). */
export function AnalysisPanelView() {
  const { panelId } = useParams();
  const panel = panelById(panelId);
  if (!panel) return <Alert color="red">No analysis called {panelId}.</Alert>;
  return <PanelView key={panel.id} panel={panel} />;
}

function PanelView({ panel }: { panel: AnalysisPanel }) {
  const [search, setSearch] = useSearchParams();
  const { filters, contents, dispatch, setHighlight, selected } = useChartWorkspace();
  const params = panelParams(panel, search);
  const source = search.get('source') ?? selected[0];
  const target = search.get('target') ?? selected[1];
  const ready = !panel.needsTwoRecords || Boolean(source && target);
  const request: Record<string, string> = {
    ...analysisParams(filters),
    ...Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)])),
    ...(panel.needsTwoRecords && source && target ? { source, target } : {}),
  };
  const answer = useQuery({
    queryKey: ['analysis', panel.id, request],
    queryFn: () => fetchAnalysis<unknown>(panel.id, request),
    enabled: ready,
  });
  const rows = useMemo(() => (answer.data ? panel.rows(answer.data) : []), [answer.data, panel]);
  const rowKey = search.get('row') ?? undefined;
  const chosen = rows.find((row) => row.key === rowKey);

  // Highlight once per chosen row; the chart's own later changes must not re-add what the analyst removed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!chosen) {
      setHighlight(undefined);
      return;
    }
    dispatch({ type: 'add', records: chosen.records, links: chosen.links });
    const members = new Set(chosen.records.map((r) => r.id));
    const between = Object.values(contents.links)
      .filter((link) => members.has(link.from) && members.has(link.to))
      .map((link) => link.id);
    const groups = contents.collapsedGroups.filter((g) => g.members.some((id) => members.has(id)));
    setHighlight({
      records: [...members, ...groups.map((g) => groupNodeId(g.id))],
      links: [...chosen.links.map((l) => l.id), ...between],
    });
  }, [chosen, dispatch, setHighlight]);
  useEffect(() => () => setHighlight(undefined), [setHighlight]);

  // The address changes in a transition: just after the user leaves for another panel, this one is still on
  // screen for a moment, and a click on it would write its own parameters (source, target, row) into the next
  // panel's address. A panel that is no longer the address's changes nothing.
  const setParam = (name: string, value: string | undefined) =>
    window.location.pathname === `/analysis/${panel.id}` &&
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name !== 'row' },
    );

  const columns: DataColumn<PanelRow>[] = panel.columns.map((column) => ({
    id: column.id,
    header: column.header,
    numeric: column.numeric ?? false,
    value: (row) => row.cells[column.id] ?? '',
  }));
  const collapsed = new Set(contents.collapsedGroups.map((g) => g.id));

  return (
    <section aria-labelledby="panel-title" data-testid={`panel-${panel.id}`}>
      <Title order={2} id="panel-title">
        {panel.label}
      </Title>
      <Text size="sm">{panel.description}</Text>
      <Group gap="xs" align="end">
        {panel.params.map((field) =>
          isChoice(field) ? (
            <NativeSelect
              key={field.name}
              label={field.label}
              size="xs"
              data={[...field.choices]}
              value={String(params[field.name])}
              onChange={(event) => setParam(field.name, event.currentTarget.value)}
            />
          ) : (
            <NumberInput
              key={field.name}
              label={field.label}
              size="xs"
              min={field.min}
              max={field.max}
              step={field.step ?? 1}
              value={params[field.name]}
              onChange={(value) => setParam(field.name, value === '' ? undefined : String(value))}
            />
          ),
        )}
      </Group>
      {panel.needsTwoRecords && !ready && (
        <Text size="sm" role="status">
          Select two records on the chart (Shift-click, or the list's checkboxes), then choose Find paths.
        </Text>
      )}
      {answer.isFetching && <Loader size="sm" role="status" aria-label="Running the analysis" />}
      {answer.isError && <Alert color="red">{errorText(answer.error)}</Alert>}
      {answer.data !== undefined && rows.length === 0 && <Text>No results with these settings.</Text>}
      {chosen && (
        <Group gap="xs">
          <Text size="sm" role="status" data-testid="highlight-status">
            Highlighted on the chart: {chosen.records.length} records, the rest dimmed.
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setParam('row', undefined)}>
            Clear highlight
          </Button>
        </Group>
      )}
      {rows.length > 0 && (
        <DataTable
          caption={`${rows.length} results`}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.key}
          selectedKey={rowKey}
          testId="panel-table"
          actions={(row) => (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                variant={row.key === rowKey ? 'filled' : 'default'}
                onClick={() => setParam('row', row.key === rowKey ? undefined : row.key)}
                aria-pressed={row.key === rowKey}
              >
                Highlight
              </Button>
              {row.group && (
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => {
                    const group = row.group;
                    if (!group) return;
                    if (collapsed.has(group.id)) dispatch({ type: 'expand-group', groupId: group.id });
                    else {
                      dispatch({ type: 'add', records: row.records, links: row.links });
                      dispatch({ type: 'collapse-group', group });
                    }
                  }}
                >
                  {row.group && collapsed.has(row.group.id) ? 'Expand group' : 'Collapse into one node'}
                </Button>
              )}
            </Group>
          )}
        />
      )}
    </section>
  );
}
