import { Alert, Loader, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { errorText, useNetwork } from '../queries.ts';
import { useOpenView } from './useOpenView.ts';

/** /views/:viewId opens that saved view, so a view can be bookmarked. */
export function OpenView() {
  const { viewId = '' } = useParams();
  const network = useNetwork(true);
  const open = useOpenView();
  const { mutate } = open;
  const ready = Boolean(network.data);
  useEffect(() => {
    if (ready) mutate(viewId);
  }, [viewId, ready, mutate]);
  if (open.isError) return <Alert color="red">Could not open the view: {errorText(open.error)}</Alert>;
  if (!open.data) return <Loader size="sm" role="status" aria-label="Opening the view" />;
  return (
    <section data-testid="opened-view" aria-live="polite">
      <Text fw={600}>Opened “{open.data.view.name}”</Text>
      {open.data.missing > 0 && (
        <Text size="sm">{open.data.missing} of its records are gone or no longer visible to you.</Text>
      )}
    </section>
  );
}
