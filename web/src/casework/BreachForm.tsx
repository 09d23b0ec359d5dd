import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { addBreach, type DisruptionView, todayIso } from './casework-api.ts';

/** Records a breach of one disruption, under the version the list was read at. */
export function BreachForm({ disruption, subject }: { disruption: DisruptionView; subject: string }) {
  const queryClient = useQueryClient();
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: () => addBreach(disruption.id, { on, ...(note ? { note } : {}), version: disruption.version }),
    onSuccess: () => setNote(''),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['disruptions', subject] }),
  });
  const problems = fieldErrors(record.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate();
  }
  const id = `breach-${disruption.id}`;
  return (
    <form onSubmit={submit} aria-label="Record a breach">
      <Group align="end" gap="xs">
        <TextInput
          id={`${id}-on`}
          label="Breach on"
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={problems.on}
        />
        <TextInput
          id={`${id}-note`}
          label="Breach note"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={problems.note}
        />
        <Button type="submit" size="xs" variant="default" loading={record.isPending}>
          Record breach
        </Button>
      </Group>
      {record.isError && !problems.on && !problems.note && (
        <Alert color="red" mt="xs">
          {errorText(record.error)}
        </Alert>
      )}
    </form>
  );
}
