import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../queries.ts';
import { ActionItem } from './ActionItem.tsx';
import { fetchActionsOf } from './casework-api.ts';

/** The actions about a record (for a young person, those in their plan too), soonest due first. */
export function ActionList({ subject, canWrite }: { subject: string; canWrite: boolean }) {
  const actions = useQuery({ queryKey: ['actions', subject], queryFn: () => fetchActionsOf(subject) });
  if (actions.isError) return <Alert color="red">{errorText(actions.error)}</Alert>;
  if (!actions.data) return null;
  if (!actions.data.items.length) return <Text size="sm">No actions yet.</Text>;
  return (
    <ol aria-label="Actions" data-testid="actions">
      {actions.data.items.map((action) => (
        <ActionItem key={action.id} action={action} listedFor={subject} canWrite={canWrite} />
      ))}
    </ol>
  );
}
