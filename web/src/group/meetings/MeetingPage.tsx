import { Alert, Badge, Button, Group, List, Loader, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText } from '../../queries.ts';
import { Alerts, Assessments, Groups, Hotspots, Standing } from './agenda-parts.tsx';
import { attendeesText, parseAttendees } from './attendees.ts';
import {
  type AgendaItem,
  closeMeeting,
  fetchAgenda,
  fetchMeeting,
  type Meeting,
  type MeetingAgenda,
  updateMeeting,
} from './meetings-api.ts';
import { NotesEditor, staleText, useMeetingSaved } from './NotesEditor.tsx';
import { useCan } from './useSignedIn.ts';
import './meetings.css';
import { YoungPersonReview } from './YoungPersonReview.tsx';

/** One meeting: its agenda in order, and while it is open the chair's forms; once closed, the read-only minutes. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: ['meeting', id], queryFn: () => fetchMeeting(id) });
  const agenda = useQuery({ queryKey: ['agenda', id], queryFn: () => fetchAgenda(id) });
  const canRun = useCan('meetings:run');

  if (meeting.isError) return <Alert color="red">{errorText(meeting.error)}</Alert>;
  if (!meeting.data) return <Loader role="status" aria-label="Loading the meeting" />;
  const current = meeting.data.meeting;
  const editable = canRun && current.status === 'open';
  return (
    <article aria-labelledby="meeting-title" className="meeting" data-status={current.status}>
      <Group justify="space-between" align="baseline">
        <Title order={2} id="meeting-title">
          {current.title}, {current.heldOn}
        </Title>
        <Group gap="sm">
          <Badge color={current.status === 'closed' ? '#343a40' : '#1e5b2c'} data-testid="meeting-status">
            {current.status}
          </Badge>
          <Link to={`/group/meetings/${id}/pack`}>Meeting pack</Link>
          <Link to="/group/meetings">All meetings</Link>
        </Group>
      </Group>
      {current.status === 'closed' && (
        <Alert color="gray" title="Minutes" data-testid="minutes-read-only">
          Closed on {current.closedAt?.slice(0, 10)} by {current.closedBy}. The minutes are read-only.
        </Alert>
      )}
      <Text>Chair: {current.chair}</Text>
      <Attendees meeting={current} editable={editable} />
      {agenda.isPending && <Loader role="status" aria-label="Building the agenda" />}
      {agenda.isError && <Alert color="red">{errorText(agenda.error)}</Alert>}
      {agenda.data?.items.map((item) => (
        <AgendaSection key={item.key} item={item} meeting={current} editable={editable} />
      ))}
      {editable && agenda.data && <CloseMeeting meeting={current} agenda={agenda.data} />}
    </article>
  );
}

function Attendees({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const saved = useMeetingSaved(meeting.id);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(attendeesText(meeting.attendees));
  const parsed = parseAttendees(text);
  const save = useMutation({
    mutationFn: () => updateMeeting(meeting.id, meeting.version, { attendees: parsed.attendees }),
    onSuccess: (updated) => {
      saved(updated);
      setEditing(false);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] }),
  });
  return (
    <section aria-labelledby="attendees-title">
      <Title order={3} id="attendees-title">
        Attendees
      </Title>
      {!editing && (
        <List size="sm">
          {meeting.attendees.map((a) => (
            <List.Item key={`${a.name}:${a.agency}`}>
              {a.name} ({a.agency})
            </List.Item>
          ))}
          {meeting.attendees.length === 0 && <List.Item>None recorded</List.Item>}
        </List>
      )}
      {editable && !editing && (
        <Button size="xs" variant="default" className="no-print" onClick={() => setEditing(true)}>
          Change attendees
        </Button>
      )}
      {editing && (
        <div className="no-print">
          <Textarea
            label="Attendees"
            description='One a line: "Name, Agency"'
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={parsed.bad.length ? `Give the agency after a comma: ${parsed.bad.join('; ')}` : undefined}
          />
          <Group gap="xs" mt={4}>
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={parsed.bad.length > 0}>
              Save attendees
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
          {save.isError && <Alert color="red">{staleText(save.error)}</Alert>}
        </div>
      )}
    </section>
  );
}

function AgendaSection({ item, meeting, editable }: { item: AgendaItem; meeting: Meeting; editable: boolean }) {
  const headingId = `agenda-${item.key}`;
  const notes = (key: string, label: string) => (
    <NotesEditor key={key} meeting={meeting} item={key} label={label} editable={editable} />
  );
  let body: ReactNode;
  switch (item.key) {
    case 'new-assessments':
      body = <Assessments item={item} />;
      break;
    case 'young-people':
      body = item.levels.map((level) => (
        <section key={level.level} aria-labelledby={`level-${level.level}`}>
          <Title order={4} id={`level-${level.level}`} mt="sm">
            Level {level.level} ({level.youngPeople.length})
          </Title>
          {level.youngPeople.length === 0 && <p className="hint">None.</p>}
          {level.youngPeople.map((entry) => (
            <YoungPersonReview
              key={entry.youngPerson.id}
              entry={entry}
              meetingId={meeting.id}
              editable={editable}
              notes={notes(`young-person:${entry.youngPerson.id}`, `Notes on ${entry.youngPerson.caption}`)}
            />
          ))}
        </section>
      ));
      break;
    case 'escalation-alerts':
      body = <Alerts item={item} />;
      break;
    case 'hotspots':
      body = <Hotspots item={item} />;
      break;
    case 'groups':
      body = <Groups item={item} />;
      break;
    case 'standing':
      body = editable ? <StandingEditor meeting={meeting} /> : <Standing item={item} />;
      break;
  }
  return (
    <section aria-labelledby={headingId} className="agenda-item" data-testid={`agenda-${item.key}`}>
      <Title order={3} id={headingId} mt="md">
        {item.title}
      </Title>
      {body}
      {item.key !== 'young-people' && notes(item.key, `Notes: ${item.title}`)}
    </section>
  );
}

function StandingEditor({ meeting }: { meeting: Meeting }) {
  const saved = useMeetingSaved(meeting.id);
  const [training, setTraining] = useState(meeting.training ?? '');
  const [links, setLinks] = useState(meeting.learningLinks.join('\n'));
  const save = useMutation({
    mutationFn: () =>
      updateMeeting(meeting.id, meeting.version, {
        training: training.trim() || null,
        learningLinks: links
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      }),
    onSuccess: saved,
  });
  return (
    <div className="no-print">
      <Textarea
        label="Training, and learning from audits and reviews"
        autosize
        minRows={2}
        value={training}
        onChange={(e) => setTraining(e.currentTarget.value)}
      />
      <Textarea
        label="Links (one a line)"
        autosize
        minRows={1}
        value={links}
        onChange={(e) => setLinks(e.currentTarget.value)}
      />
      <Button size="xs" variant="default" mt={4} onClick={() => save.mutate()} loading={save.isPending}>
        Save standing item
      </Button>
      {save.isError && <Alert color="red">{staleText(save.error)}</Alert>}
    </div>
  );
}

function CloseMeeting({ meeting, agenda }: { meeting: Meeting; agenda: MeetingAgenda }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const assessments = agenda.items.find((item) => item.key === 'new-assessments');
  const discussed = assessments?.key === 'new-assessments' ? assessments.assessments.map((a) => a.id) : [];
  const close = useMutation({
    mutationFn: () => closeMeeting(meeting.id, meeting.version, discussed),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] });
      void queryClient.invalidateQueries({ queryKey: ['agenda', meeting.id] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
  });
  return (
    <section aria-labelledby="close-title" className="close-meeting no-print">
      <Title order={3} id="close-title" mt="md">
        Close the meeting
      </Title>
      {!confirming ? (
        <Button color="red.9" onClick={() => setConfirming(true)}>
          Close meeting
        </Button>
      ) : (
        <Alert color="red" title="Close the meeting?" role="alertdialog" aria-labelledby="close-title">
          <Text size="sm">
            The {discussed.length} assessments listed will be marked discussed, the hotspots and groups kept for the
            next meeting, and the minutes become read-only: nothing about this meeting can be changed afterwards.
          </Text>
          <Group gap="xs" mt="xs">
            <Button color="red.9" onClick={() => close.mutate()} loading={close.isPending}>
              Yes, close the meeting
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              Not yet
            </Button>
          </Group>
        </Alert>
      )}
      {close.isError && <Alert color="red">{staleText(close.error)}</Alert>}
    </section>
  );
}
