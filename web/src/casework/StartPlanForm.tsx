import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { startPlan, todayIso } from './casework-api.ts';
import { options, planTypeLabels } from './labels.ts';

/** Starts a plan; a new current plan replaces the one before it (the API ends that one the day before). */
export function StartPlanForm({
  youngPerson,
  expectedType,
  replacing,
}: {
  youngPerson: string;
  expectedType: string;
  replacing: boolean;
}) {
  const queryClient = useQueryClient();
  const [type, setType] = useState(expectedType);
  const [startedOn, setStartedOn] = useState(todayIso());
  const start = useMutation({
    mutationFn: () => startPlan(youngPerson, { type, startedOn }),
    onSuccess: (plans) => queryClient.setQueryData(['plans', youngPerson], plans),
  });
  const problems = fieldErrors(start.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate();
  }
  return (
    <form onSubmit={submit} aria-label={replacing ? 'Change the plan' : 'Start a plan'}>
      <Group align="end" gap="xs">
        <NativeSelect
          label="Plan type"
          data={options(planTypeLabels)}
          value={type}
          onChange={(event) => setType(event.currentTarget.value)}
          error={problems.type}
        />
        <TextInput
          label="Started on"
          type="date"
          value={startedOn}
          onChange={(event) => setStartedOn(event.currentTarget.value)}
          error={problems.startedOn}
        />
        <Button type="submit" size="xs" loading={start.isPending}>
          {replacing ? 'Change plan' : 'Start plan'}
        </Button>
      </Group>
      {start.isError && !Object.keys(problems).length && (
        <Alert color="red" mt="xs">
          {errorText(start.error)}
        </Alert>
      )}
    </form>
  );
}
