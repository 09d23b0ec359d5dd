import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { type ActionView, changeAction, todayIso } from './casework-api.ts';

/** Marks an open action done (today unless another day is given), with what it achieved. */
export function CompleteActionForm({ action, listedFor }: { action: ActionView; listedFor: string }) {
  const queryClient = useQueryClient();
  const [completedOn, setCompletedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const complete = useMutation({
    mutationFn: () =>
      changeAction(action.id, {
        status: 'done',
        completedOn,
        ...(outcome ? { outcome } : {}),
        version: action.version,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['actions', listedFor] }),
  });
  const problems = fieldErrors(complete.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    complete.mutate();
  }
  const id = `complete-${action.id}`;
  return (
    <form onSubmit={submit} aria-label="Mark the action done">
      <Group align="end" gap="xs">
        <TextInput
          id={`${id}-on`}
          label="Done on"
          type="date"
          value={completedOn}
          onChange={(event) => setCompletedOn(event.currentTarget.value)}
          error={problems.completedOn}
        />
        <TextInput
          id={`${id}-outcome`}
          label="Outcome"
          value={outcome}
          onChange={(event) => setOutcome(event.currentTarget.value)}
          error={problems.outcome}
        />
        <Button type="submit" size="xs" loading={complete.isPending}>
          Mark done
        </Button>
      </Group>
      {complete.isError && !problems.completedOn && !problems.outcome && (
        <Alert color="red" mt="xs">
          {errorText(complete.error)}
        </Alert>
      )}
    </form>
  );
}
