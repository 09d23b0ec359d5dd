import { Alert, Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { addDisruption, filled, todayIso } from './casework-api.ts';
import { options, tacticLabels } from './labels.ts';

const fields = ['tactic', 'tacticDetail', 'agency', 'servedOn', 'expiresOn', 'reviewOn', 'outcome'] as const;
type Values = Record<(typeof fields)[number], string>;
const empty = (): Values => ({
  tactic: 'child-abduction-warning-notice',
  tacticDetail: '',
  agency: 'Police',
  servedOn: todayIso(),
  expiresOn: '',
  reviewOn: '',
  outcome: '',
});

/** Logs a tactic against this person of interest or location; the chart marks it while it is active. */
export function AddDisruptionForm({ subject }: { subject: string }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const set = (key: keyof Values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: event.currentTarget.value });
  const add = useMutation({
    mutationFn: () => addDisruption({ ...filled(values), subject }),
    onSuccess: () => {
      setValues(empty());
      void queryClient.invalidateQueries({ queryKey: ['disruptions', subject] });
      void queryClient.invalidateQueries({ queryKey: ['network'] });
    },
  });
  const problems = fieldErrors(add.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form onSubmit={submit} aria-label="Log a disruption">
      <Stack gap="xs">
        <NativeSelect
          label="Tactic"
          data={options(tacticLabels)}
          value={values.tactic}
          onChange={set('tactic')}
          error={problems.tactic}
        />
        {values.tactic === 'other' && (
          <TextInput
            label="Which tactic"
            value={values.tacticDetail}
            onChange={set('tacticDetail')}
            error={problems.tacticDetail}
          />
        )}
        <TextInput label="Owning agency" value={values.agency} onChange={set('agency')} error={problems.agency} />
        <TextInput
          label="Served on"
          type="date"
          value={values.servedOn}
          onChange={set('servedOn')}
          error={problems.servedOn}
        />
        <TextInput
          label="Expires on"
          type="date"
          value={values.expiresOn}
          onChange={set('expiresOn')}
          error={problems.expiresOn}
        />
        <TextInput
          label="Review on"
          type="date"
          value={values.reviewOn}
          onChange={set('reviewOn')}
          error={problems.reviewOn}
        />
        <TextInput label="Outcome" value={values.outcome} onChange={set('outcome')} error={problems.outcome} />
        <Button type="submit" size="xs" loading={add.isPending}>
          Log disruption
        </Button>
        {add.isError && !fields.some((field) => problems[field]) && <Alert color="red">{errorText(add.error)}</Alert>}
      </Stack>
    </form>
  );
}
