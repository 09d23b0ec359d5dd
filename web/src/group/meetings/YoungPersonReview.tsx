import { Alert, Button, Group, NativeSelect, Paper, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorText } from '../../queries.ts';
import { levelWords, YoungPersonFacts } from './agenda-parts.tsx';
import {
  type AgendaYoungPerson,
  agreeLevel,
  changeAction,
  type Level,
  type NewAction,
  raiseAction,
} from './meetings-api.ts';

const levelOptions = [
  { value: '3', label: 'Level 3' },
  { value: '2', label: 'Level 2' },
  { value: '1', label: 'Level 1' },
  { value: 'archived', label: 'Archive (close the case)' },
];
const asLevel = (value: string): Level => (value === 'archived' ? 'archived' : (Number(value) as 1 | 2 | 3));
const categories = ['prepare', 'prevent', 'protect', 'pursue'] as const;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** One young person's item: what changed, and (while the meeting is open) the level agreed and the actions. */
export function YoungPersonReview({
  entry,
  meetingId,
  editable,
  notes,
}: {
  entry: AgendaYoungPerson;
  meetingId: string;
  editable: boolean;
  notes: ReactNode;
}) {
  const { youngPerson } = entry;
  const headingId = `review-${youngPerson.id}-title`;
  return (
    <Paper
      withBorder
      p="sm"
      mb="sm"
      component="article"
      aria-labelledby={headingId}
      data-testid={`review-${youngPerson.id}`}
    >
      <Title order={4} id={headingId}>
        {youngPerson.caption} ({levelWords(youngPerson.levelOfConcern)})
      </Title>
      <YoungPersonFacts entry={entry} />
      {entry.agreedHere && (
        <Text size="sm" mt="xs" data-testid="agreed-here">
          Agreed at this meeting: {levelWords(entry.agreedHere.level)}
          {typeof entry.agreedHere.reason === 'string' ? `. Reason: ${entry.agreedHere.reason}` : ''}
        </Text>
      )}
      {editable && <LevelForm entry={entry} meetingId={meetingId} />}
      {editable && <ActionForm entry={entry} meetingId={meetingId} />}
      {notes}
    </Paper>
  );
}

function useAgendaChanged(meetingId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['agenda', meetingId] });
    void queryClient.invalidateQueries({ queryKey: ['meeting', meetingId] });
  };
}

function LevelForm({ entry, meetingId }: { entry: AgendaYoungPerson; meetingId: string }) {
  const changed = useAgendaChanged(meetingId);
  const suggestion = entry.suggestion;
  const start = String(suggestion?.suggestedLevel ?? entry.youngPerson.levelOfConcern ?? 1);
  const [level, setLevel] = useState(start);
  const [reason, setReason] = useState('');
  const differs = suggestion ? String(suggestion.suggestedLevel) !== level : false;
  const needsReason = differs || level === 'archived';
  const agree = useMutation({
    mutationFn: () =>
      agreeLevel(meetingId, {
        youngPersonId: entry.youngPerson.id,
        level: asLevel(level),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(suggestion ? { assessmentId: suggestion.assessmentId } : {}),
      }),
    onSuccess: () => {
      setReason('');
      changed();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    agree.mutate();
  };
  return (
    <form
      onSubmit={submit}
      className="level-form no-print"
      aria-label={`Agree the level for ${entry.youngPerson.caption}`}
    >
      <Text size="sm" mt="xs">
        {suggestion
          ? `Suggested: ${levelWords(suggestion.suggestedLevel)} (assessment of ${suggestion.assessedOn}${
              suggestion.suggestionReasons.length ? `: ${suggestion.suggestionReasons.join('; ')}` : ''
            })`
          : 'No assessment suggests a level.'}
      </Text>
      <Group align="end" gap="sm">
        <NativeSelect
          label="Level agreed"
          data={levelOptions}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value)}
        />
        <Textarea
          label="Reason"
          description={
            needsReason ? 'Required: the level differs from the suggestion, or the case is archived' : 'Optional'
          }
          required={needsReason}
          autosize
          minRows={1}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          className="grow"
        />
        <Button type="submit" size="sm" loading={agree.isPending} disabled={needsReason && !reason.trim()}>
          Agree level
        </Button>
      </Group>
      {agree.isError && (
        <Alert color="red" mt={4}>
          {errorText(agree.error)}
        </Alert>
      )}
    </form>
  );
}

function ActionForm({ entry, meetingId }: { entry: AgendaYoungPerson; meetingId: string }) {
  const changed = useAgendaChanged(meetingId);
  const blank = { what: '', ownerName: '', ownerAgency: '', dueOn: inAWeek(), category: 'protect' as const };
  const [action, setAction] = useState<Omit<NewAction, 'targetId'>>(blank);
  const set = (field: keyof typeof action) => (event: { currentTarget: { value: string } }) =>
    setAction({ ...action, [field]: event.currentTarget.value });
  const raise = useMutation({
    mutationFn: () => raiseAction(meetingId, { ...action, targetId: entry.youngPerson.id }),
    onSuccess: () => {
      setAction(blank);
      changed();
    },
  });
  const done = useMutation({
    mutationFn: (target: { id: string; version: number }) =>
      changeAction(meetingId, target.id, target.version, { status: 'done' }),
    onSuccess: changed,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    raise.mutate();
  };
  const open = entry.actions.filter((a) => a.status === 'open');
  return (
    <div className="no-print">
      {open.length > 0 && (
        <Group gap="xs" mt="xs">
          {open.map((a) => (
            <Button
              key={a.id}
              size="xs"
              variant="default"
              onClick={() => done.mutate({ id: a.id, version: a.version })}
            >
              Mark done: {String(a.what ?? a.dueOn)}
            </Button>
          ))}
        </Group>
      )}
      {done.isError && <Alert color="red">{errorText(done.error)}</Alert>}
      <form onSubmit={submit} className="action-form" aria-label={`New action for ${entry.youngPerson.caption}`}>
        <Group align="end" gap="sm" mt="xs">
          <TextInput label="What is to be done" required value={action.what} onChange={set('what')} className="grow" />
          <TextInput label="Owner" required value={action.ownerName} onChange={set('ownerName')} />
          <TextInput label="Agency" required value={action.ownerAgency} onChange={set('ownerAgency')} />
          <TextInput label="Due" type="date" required value={action.dueOn} onChange={set('dueOn')} />
          <NativeSelect label="Category" data={[...categories]} value={action.category} onChange={set('category')} />
          <Button type="submit" size="sm" variant="default" loading={raise.isPending}>
            Add action
          </Button>
        </Group>
        {raise.isError && (
          <Alert color="red" mt={4}>
            {errorText(raise.error)}
          </Alert>
        )}
      </form>
    </div>
  );
}
