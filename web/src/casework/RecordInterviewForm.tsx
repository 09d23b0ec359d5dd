import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { changeEpisode, filled, type MissingEpisode } from './casework-api.ts';

const fields = ['endedOn', 'returnInterviewOffered', 'returnInterviewDone'] as const;
const labels = {
  endedOn: 'Came back on',
  returnInterviewOffered: 'Interview offered on',
  returnInterviewDone: 'Interview done on',
};

/** Records the return, or the return home interview, after the episode was logged. */
export function RecordInterviewForm({ episode, youngPerson }: { episode: MissingEpisode; youngPerson: string }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((field) => [field, String(episode[field] ?? '')])),
  );
  const save = useMutation({
    mutationFn: () => changeEpisode(episode.id, { ...filled(values), version: episode.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['missing-episodes', youngPerson] }),
  });
  const problems = fieldErrors(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} aria-label="Record the return and the interview">
      <Group align="end" gap="xs">
        {fields.map((field) => (
          <TextInput
            key={field}
            id={`${episode.id}-${field}`}
            label={labels[field]}
            type="date"
            value={values[field]}
            onChange={(event) => setValues({ ...values, [field]: event.currentTarget.value })}
            error={problems[field]}
          />
        ))}
        <Button type="submit" size="xs" variant="default" loading={save.isPending}>
          Save
        </Button>
      </Group>
      {save.isError && !fields.some((field) => problems[field]) && (
        <Alert color="red" mt="xs">
          {errorText(save.error)}
        </Alert>
      )}
    </form>
  );
}
