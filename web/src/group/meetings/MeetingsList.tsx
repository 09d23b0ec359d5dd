import { Alert, Badge, Button, Group, Loader, Table, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../queries.ts';
import { parseAttendees } from './attendees.ts';
import { createMeeting, fetchMeetings } from './meetings-api.ts';
import { useCan } from './useSignedIn.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The meetings, newest first, and a form to set up the next one. */
export function MeetingsList() {
  const meetings = useQuery({ queryKey: ['meetings'], queryFn: fetchMeetings });
  const canRun = useCan('meetings:run');
  return (
    <section aria-labelledby="meetings-title" className="meetings">
      <Title order={2} id="meetings-title">
        Meetings
      </Title>
      {canRun && <NewMeetingForm />}
      {meetings.isPending && <Loader role="status" aria-label="Loading meetings" />}
      {meetings.isError && <Alert color="red">{errorText(meetings.error)}</Alert>}
      {meetings.data && meetings.data.items.length === 0 && <p className="hint">No meetings yet.</p>}
      {meetings.data && meetings.data.items.length > 0 && (
        <Table striped mt="md" data-testid="meetings-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Meeting</Table.Th>
              <Table.Th scope="col">Chair</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meetings.data.items.map((meeting) => (
              <Table.Tr key={meeting.id}>
                <Table.Td>{meeting.heldOn}</Table.Td>
                <Table.Td>
                  <Link to={`/group/meetings/${meeting.id}`}>{meeting.title}</Link>
                </Table.Td>
                <Table.Td>{meeting.chair}</Table.Td>
                <Table.Td>
                  <Badge color={meeting.status === 'closed' ? '#343a40' : '#1e5b2c'}>{meeting.status}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function NewMeetingForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [heldOn, setHeldOn] = useState(today());
  const [chair, setChair] = useState('');
  const [attendees, setAttendees] = useState('');
  const parsed = parseAttendees(attendees);
  const create = useMutation({
    mutationFn: () => createMeeting({ heldOn, chair, attendees: parsed.attendees }),
    onSuccess: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void navigate(`/group/meetings/${meeting.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.bad.length) create.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-meeting-title" className="new-meeting">
      <Title order={3} id="new-meeting-title">
        New meeting
      </Title>
      <Group align="start" gap="sm">
        <TextInput
          label="Date"
          type="date"
          required
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
        />
        <TextInput label="Chair" required value={chair} onChange={(e) => setChair(e.currentTarget.value)} />
        <Textarea
          label="Attendees"
          description='One a line: "Name, Agency"'
          autosize
          minRows={2}
          value={attendees}
          onChange={(e) => setAttendees(e.currentTarget.value)}
          error={parsed.bad.length ? `Give the agency after a comma: ${parsed.bad.join('; ')}` : undefined}
        />
      </Group>
      <Button type="submit" mt="sm" loading={create.isPending}>
        Create meeting
      </Button>
      {create.isError && (
        <Alert color="red" mt="sm">
          {errorText(create.error)}
        </Alert>
      )}
    </form>
  );
}
