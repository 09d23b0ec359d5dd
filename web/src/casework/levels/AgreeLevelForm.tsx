import { Alert, Button, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { fieldErrors } from '../../accounts/field-errors.ts';
import { errorText } from '../../queries.ts';
import { type Level, levelLabel, levelsKey, localToday, recordLevel } from './levels-api.ts';

const levels: Level[] = [1, 2, 3, 'archived'];

export interface Suggestion {
  level: 1 | 2 | 3;
  assessmentId: string;
  assessedOn: string;
}

/**
 * Records the level the group agreed. The suggestion (from the assessment it follows) is shown, and a reason is
 * asked for when the level differs from it, or to archive; the API checks both again.
 */
export function AgreeLevelForm({
  youngPersonId,
  suggestion,
  onAgreed,
}: {
  youngPersonId: string;
  suggestion?: Suggestion | undefined;
  onAgreed?: () => void;
}) {
  const queryClient = useQueryClient();
  const formId = useId();
  const [level, setLevel] = useState<Level | undefined>(suggestion?.level);
  const [decidedOn, setDecidedOn] = useState(localToday());
  const [agreedBy, setAgreedBy] = useState('CSE Operations Group');
  const [reason, setReason] = useState('');
  const differs = level !== undefined && suggestion !== undefined && level !== suggestion.level;
  const reasonNeeded = differs || level === 'archived';
  const [missingReason, setMissingReason] = useState(false);

  const record = useMutation({
    mutationFn: () =>
      recordLevel(youngPersonId, {
        level: level as Level,
        decidedOn,
        agreedBy,
        reason: reason.trim() || undefined,
        assessmentId: suggestion?.assessmentId,
      }),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries({ queryKey: levelsKey(youngPersonId) });
      void queryClient.invalidateQueries({ queryKey: ['record', youngPersonId] });
      void queryClient.invalidateQueries({ queryKey: ['network'] });
      onAgreed?.();
    },
  });
  const problems = fieldErrors(record.error);
  const listed = new Set(['level', 'decidedOn', 'agreedBy', 'reason']);
  const otherProblem = record.isError && !Object.keys(problems).some((field) => listed.has(field));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (level === undefined) return;
    if (reasonNeeded && !reason.trim()) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    record.mutate();
  }

  const reasonError =
    problems.reason ??
    (missingReason && reasonNeeded
      ? level === 'archived'
        ? 'Archiving needs a reason'
        : `Level ${String(level)} differs from the suggested level ${suggestion?.level}: give the reason`
      : undefined);

  return (
    <form onSubmit={submit} aria-labelledby={`${formId}-title`} className="casework-form" data-testid="agree-level">
      <Text fw={600} id={`${formId}-title`}>
        Agree a level
      </Text>
      {suggestion && (
        <Text size="sm" data-testid="agree-level-suggestion">
          Suggested: level {suggestion.level} (risk assessment of {suggestion.assessedOn})
        </Text>
      )}
      <Stack gap="xs">
        <Radio.Group
          label="Level agreed"
          value={level === undefined ? '' : String(level)}
          onChange={(value) => setLevel(value === 'archived' ? 'archived' : (Number(value) as Level))}
          error={problems.level}
          withAsterisk
        >
          <div className="casework-radios">
            {levels.map((option) => (
              <Radio key={String(option)} value={String(option)} label={levelLabel(option)} />
            ))}
          </div>
        </Radio.Group>
        <TextInput
          type="date"
          label="Agreed on"
          value={decidedOn}
          max={localToday()}
          onChange={(event) => setDecidedOn(event.currentTarget.value)}
          error={problems.decidedOn}
          required
        />
        <TextInput
          label="Agreed by"
          value={agreedBy}
          onChange={(event) => setAgreedBy(event.currentTarget.value)}
          error={problems.agreedBy}
          required
        />
        <Textarea
          label={reasonNeeded ? 'Reason (required)' : 'Reason'}
          description={
            differs
              ? 'The level differs from the suggestion: say why'
              : level === 'archived'
                ? 'Why the case is closed'
                : undefined
          }
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
          autosize
          minRows={2}
        />
      </Stack>
      <Button type="submit" size="xs" mt="xs" loading={record.isPending} disabled={level === undefined}>
        Record the level
      </Button>
      {otherProblem && (
        <Alert color="red" mt="xs">
          {errorText(record.error)}
        </Alert>
      )}
    </form>
  );
}
