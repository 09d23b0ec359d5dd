import { Alert, Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../queries.ts';
import { CompleteActionForm } from './CompleteActionForm.tsx';
import { type ActionView, changeAction } from './casework-api.ts';
import { categoryLabels } from './labels.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** One action: its status, what, who and by when; an open one can be marked done or cancelled. */
export function ActionItem({
  action,
  listedFor,
  canWrite,
}: {
  action: ActionView;
  listedFor: string;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => changeAction(action.id, { status: 'cancelled', version: action.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions', listedFor] }),
  });
  const what = typeof action.what === 'string' ? action.what : 'Action (details hidden)';
  return (
    <li>
      <StatusBadge status={action.currentStatus} />
      {what}
      <div className="meta">
        {categoryLabels[String(action.category)]} · {String(action.ownerName)} ({String(action.ownerAgency)}) · due{' '}
        {String(action.dueOn)}
        {action.completedOn ? ` · done ${String(action.completedOn)}` : ''}
        {action.subject.id === listedFor ? '' : ` · about ${action.subject.caption}`}
        {action.outcome ? ` · outcome: ${String(action.outcome)}` : ''}
      </div>
      {canWrite && action.status === 'open' && (
        <>
          <details className="casework-form">
            <summary>Complete</summary>
            <CompleteActionForm action={action} listedFor={listedFor} />
          </details>
          <Button size="compact-xs" variant="subtle" mt={4} onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Cancel action
          </Button>
        </>
      )}
      {cancel.isError && (
        <Alert color="red" mt="xs">
          {errorText(cancel.error)}
        </Alert>
      )}
    </li>
  );
}
