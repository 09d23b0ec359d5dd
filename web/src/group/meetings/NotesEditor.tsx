import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { errorText } from '../../queries.ts';
import { type Meeting, type MeetingRecords, updateMeeting } from './meetings-api.ts';

/** Keeps an answer from the API as the meeting everyone on the page reads, so the next save sends its version. */
export function useMeetingSaved(meetingId: string) {
  const queryClient = useQueryClient();
  return (meeting: Meeting) => {
    queryClient.setQueryData<MeetingRecords>(['meeting', meetingId], (old) => (old ? { ...old, meeting } : old));
    void queryClient.invalidateQueries({ queryKey: ['agenda', meetingId] });
  };
}

/** A stale version means someone else saved first: reload, and say so. */
export function staleText(error: unknown): string {
  if (error instanceof ApiError && error.status === 409)
    return `${error.message}. The meeting has been reloaded: check and save again.`;
  return errorText(error);
}

/** The minutes' note on one agenda item: editable while the meeting is open, read-only once it is closed. */
export function NotesEditor({
  meeting,
  item,
  label,
  editable,
}: {
  meeting: Meeting;
  item: string;
  label: string;
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const saved = useMeetingSaved(meeting.id);
  const stored = meeting.notes.find((note) => note.item === item)?.text ?? '';
  const [text, setText] = useState(stored);
  const save = useMutation({
    mutationFn: () => {
      const others = meeting.notes.filter((note) => note.item !== item);
      const notes = text.trim() ? [...others, { item, text: text.trim() }] : others;
      return updateMeeting(meeting.id, meeting.version, { notes });
    },
    onSuccess: saved,
    onError: () => queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] }),
  });
  if (!editable)
    return (
      <div className="minutes-note">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm" className="preserve-lines" data-testid={`note-${item}`}>
          {stored || 'No notes.'}
        </Text>
      </div>
    );
  return (
    <div className="minutes-note no-print">
      <Textarea label={label} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Group gap="xs" mt={4}>
        <Button
          size="xs"
          variant="default"
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={text === stored}
        >
          Save notes
        </Button>
        {save.isSuccess && text === stored && (
          <Text size="xs" role="status">
            Saved
          </Text>
        )}
      </Group>
      {save.isError && (
        <Alert color="red" mt={4}>
          {staleText(save.error)}
        </Alert>
      )}
    </div>
  );
}
