import { Alert, Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { addAction, filled } from './casework-api.ts';
import { categoryLabels, options } from './labels.ts';

const empty = { what: '', ownerName: '', ownerAgency: '', dueOn: '', category: 'protect' };
const fields = new Set(Object.keys(empty));

/** A new open action targeting this record; the API's 400s show beside the fields. */
export function AddActionForm({ subject }: { subject: string }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof empty) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: event.currentTarget.value });
  const add = useMutation({
    mutationFn: () => addAction({ ...filled(values), subject }),
    onSuccess: () => {
      setValues(empty);
      void queryClient.invalidateQueries({ queryKey: ['actions', subject] });
    },
  });
  const problems = fieldErrors(add.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form onSubmit={submit} aria-label="Add an action">
      <Stack gap="xs">
        <TextInput label="What is to be done" value={values.what} onChange={set('what')} error={problems.what} />
        <TextInput label="Owner" value={values.ownerName} onChange={set('ownerName')} error={problems.ownerName} />
        <TextInput
          label="Owner's agency"
          value={values.ownerAgency}
          onChange={set('ownerAgency')}
          error={problems.ownerAgency}
        />
        <TextInput label="Due on" type="date" value={values.dueOn} onChange={set('dueOn')} error={problems.dueOn} />
        <NativeSelect
          label="Category"
          data={options(categoryLabels)}
          value={values.category}
          onChange={set('category')}
          error={problems.category}
        />
        <Button type="submit" size="xs" loading={add.isPending}>
          Add action
        </Button>
        {add.isError && !Object.keys(problems).some((field) => fields.has(field)) && (
          <Alert color="red">{errorText(add.error)}</Alert>
        )}
      </Stack>
    </form>
  );
}
