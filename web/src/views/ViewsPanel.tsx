import { Alert, Button, Group, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, createView, deleteView, fetchViews, type SavedViewSummary, updateView } from '../api.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { toViewState } from './saved-view.ts';

/** Save the chart under a name or over a saved view, and reopen or delete your views (in Neo4j, yours alone). */
export function ViewsPanel() {
  const { contents, filters, chart } = useChartWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const views = useQuery({ queryKey: ['views'], queryFn: fetchViews });
  const save = useMutation({
    mutationFn: () => createView(name.trim(), toViewState(contents, chart.current?.positions() ?? {}, filters)),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['views'] });
    },
  });
  // Sends the version the list was read at: if the view was saved elsewhere since, the API answers 409.
  const saveOver = useMutation({
    mutationFn: (view: SavedViewSummary) =>
      updateView(view.id, view.name, toViewState(contents, chart.current?.positions() ?? {}, filters), view.version),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['views'] }),
  });
  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['views'] }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) save.mutate();
  }
  return (
    <section aria-labelledby="views-title" data-testid="views">
      <Title order={2} id="views-title">
        Saved views
      </Title>
      <form onSubmit={submit} className="save-view">
        <TextInput
          label="Name for the current chart"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={120}
          required
        />
        <Button type="submit" loading={save.isPending}>
          Save view
        </Button>
      </form>
      {save.isSuccess && <Text role="status">Saved “{save.data.name}”.</Text>}
      {save.isError && <Alert color="red">{errorText(save.error)}</Alert>}
      {saveOver.isSuccess && <Text role="status">Saved over “{saveOver.data.name}”.</Text>}
      {saveOver.isError && (
        <Alert color="red" title="Not saved">
          {errorText(saveOver.error)}
          {saveOver.error instanceof ApiError && saveOver.error.status === 409
            ? '. The list now shows the latest save; save over it again to replace it with this chart.'
            : ''}
        </Alert>
      )}
      {views.isError && <Alert color="red">{errorText(views.error)}</Alert>}
      <ul className="results">
        {views.data?.items.map((view) => (
          <li key={view.id}>
            <Text fw={600}>{view.name}</Text>
            <Text size="xs">saved {new Date(view.updatedAt).toLocaleString('en-GB')}</Text>
            <Group gap={4}>
              <Button size="compact-xs" component={Link} to={`/views/${view.id}`}>
                Open {view.name}
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                loading={saveOver.isPending && saveOver.variables?.id === view.id}
                onClick={() => saveOver.mutate(view)}
              >
                Save over {view.name}
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => remove.mutate(view.id)}>
                Delete
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      {views.data?.items.length === 0 && <Text size="sm">No saved views yet.</Text>}
    </section>
  );
}
