import { Alert, Button, MultiSelect, NativeSelect, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { fieldErrors } from '../accounts/field-errors.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { filled, logEpisode } from './casework-api.ts';

const dates = ['occurredOn', 'endedOn', 'returnInterviewOffered', 'returnInterviewDone'] as const;
const emptyDates = { occurredOn: '', endedOn: '', returnInterviewOffered: '', returnInterviewDone: '' };
const grades = {
  source: [
    { value: '1', label: '1 reliable' },
    { value: '2', label: '2 untested, usually reliable' },
    { value: '3', label: '3 untested' },
  ],
  information: ['A', 'B', 'C', 'D', 'E'],
  handling: [
    { value: 'P', label: 'P lawful sharing permitted' },
    { value: 'C', label: 'C police only' },
  ],
};

/** Logs a missing episode: when, where found and with whom (records on the chart), and the return interview. */
export function LogEpisodeForm({ youngPerson }: { youngPerson: string }) {
  const queryClient = useQueryClient();
  const { contents } = useChartWorkspace();
  const choices = useMemo(() => {
    const of = (label: string) =>
      Object.values(contents.records)
        .filter((record) => record.label === label)
        .map((record) => ({ value: record.id, label: record.caption }))
        .sort((a, b) => a.label.localeCompare(b.label));
    return { places: of('Location'), adults: of('PersonOfInterest') };
  }, [contents.records]);
  const [when, setWhen] = useState(emptyDates);
  const [foundAt, setFoundAt] = useState<string | null>(null);
  const [withWhom, setWithWhom] = useState<string[]>([]);
  const [evidence, setEvidence] = useState({
    sourceAgency: 'Police',
    gradingSource: '2',
    gradingInformation: 'B',
    gradingHandling: 'P',
  });
  const log = useMutation({
    mutationFn: () =>
      logEpisode(youngPerson, {
        ...filled(when),
        ...(foundAt ? { foundAt } : {}),
        withWhom,
        evidence: { ...evidence, gradingSource: Number(evidence.gradingSource) },
      }),
    onSuccess: () => {
      setWhen(emptyDates);
      setFoundAt(null);
      setWithWhom([]);
      void queryClient.invalidateQueries({ queryKey: ['missing-episodes', youngPerson] });
      void queryClient.invalidateQueries({ queryKey: ['links-of', youngPerson] });
    },
  });
  const problems = fieldErrors(log.error);
  const shown = new Set<string>([...dates, 'foundAt', 'withWhom']);
  function submit(event: FormEvent) {
    event.preventDefault();
    log.mutate();
  }
  const labels: Record<(typeof dates)[number], string> = {
    occurredOn: 'Went missing on',
    endedOn: 'Came back on',
    returnInterviewOffered: 'Return interview offered on',
    returnInterviewDone: 'Return interview done on',
  };
  return (
    <form onSubmit={submit} aria-label="Log a missing episode">
      <Stack gap="xs">
        {dates.map((field) => (
          <TextInput
            key={field}
            label={labels[field]}
            type="date"
            value={when[field]}
            onChange={(event) => setWhen({ ...when, [field]: event.currentTarget.value })}
            error={problems[field]}
          />
        ))}
        <Select
          label="Found at"
          placeholder="A place on the chart"
          data={choices.places}
          value={foundAt}
          onChange={setFoundAt}
          searchable
          clearable
          error={problems.foundAt}
        />
        <MultiSelect
          label="With whom"
          placeholder="Adults on the chart"
          data={choices.adults}
          value={withWhom}
          onChange={setWithWhom}
          searchable
          error={problems.withWhom}
        />
        <TextInput
          label="Source agency"
          value={evidence.sourceAgency}
          onChange={(event) => setEvidence({ ...evidence, sourceAgency: event.currentTarget.value })}
          error={problems['evidence.sourceAgency']}
        />
        <NativeSelect
          label="Source grading"
          data={grades.source}
          value={evidence.gradingSource}
          onChange={(event) => setEvidence({ ...evidence, gradingSource: event.currentTarget.value })}
        />
        <NativeSelect
          label="Information grading"
          data={grades.information}
          value={evidence.gradingInformation}
          onChange={(event) => setEvidence({ ...evidence, gradingInformation: event.currentTarget.value })}
        />
        <NativeSelect
          label="Handling code"
          data={grades.handling}
          value={evidence.gradingHandling}
          onChange={(event) => setEvidence({ ...evidence, gradingHandling: event.currentTarget.value })}
        />
        <Button type="submit" size="xs" loading={log.isPending}>
          Log missing episode
        </Button>
        {log.isError && !Object.keys(problems).some((field) => shown.has(field)) && (
          <Alert color="red">{errorText(log.error)}</Alert>
        )}
      </Stack>
    </form>
  );
}
