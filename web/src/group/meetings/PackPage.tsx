import { Alert, Button, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, useSchema } from '../../queries.ts';
import { Alerts, Assessments, Groups, Hotspots, levelWords, Standing, YoungPersonFacts } from './agenda-parts.tsx';
import { fetchPack, type Meeting, recordPrint } from './meetings-api.ts';
import { PackNetwork } from './PackNetwork.tsx';
import './meetings.css';

/**
 * The printable meeting pack: the agenda, the current cases by level and the network picture. Every print
 * is recorded in the audit log: the Print button records first and prints after; a print from the
 * browser's own menu is recorded as it starts.
 */
export function PackPage() {
  const { id = '' } = useParams();
  const pack = useQuery({ queryKey: ['pack', id], queryFn: () => fetchPack(id) });
  const schema = useSchema(true);
  const recordedByButton = useRef(false);
  const print = useMutation({
    mutationFn: () => recordPrint(id),
    onSuccess: () => {
      recordedByButton.current = true;
      window.print();
      recordedByButton.current = false;
    },
  });

  useEffect(() => {
    const beforePrint = () => {
      if (!recordedByButton.current) void recordPrint(id).catch(() => undefined);
    };
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, [id]);

  if (pack.isError) return <Alert color="red">{errorText(pack.error)}</Alert>;
  if (!pack.data) return <Loader role="status" aria-label="Preparing the pack" />;
  const { meeting, items, casesByLevel, totalCases, network } = pack.data;
  const noteOn = (item: string) => meeting.notes.find((note) => note.item === item)?.text;
  return (
    <article className="meeting-pack" aria-labelledby="pack-title">
      <Group justify="space-between" className="no-print">
        <Link to={`/group/meetings/${id}`}>Back to the meeting</Link>
        <Button onClick={() => print.mutate()} loading={print.isPending}>
          Print the pack
        </Button>
      </Group>
      {print.isError && (
        <Alert color="red" className="no-print">
          The print could not be recorded, so it was not started: {errorText(print.error)}
        </Alert>
      )}
      <Title order={2} id="pack-title">
        {meeting.title}: meeting pack, {meeting.heldOn}
      </Title>
      <PackHeader meeting={meeting} />

      <section aria-labelledby="cases-title" className="pack-section">
        <Title order={3} id="cases-title">
          Current cases by level
        </Title>
        <Table className="cases-by-level" data-testid="cases-by-level">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Level</Table.Th>
              <Table.Th scope="col">Young people</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {casesByLevel.map((row) => (
              <Table.Tr key={row.level}>
                <Table.Th scope="row">Level {row.level}</Table.Th>
                <Table.Td>{row.count}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">Total</Table.Th>
              <Table.Td>{totalCases}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </section>

      {items.map((item) => (
        <section key={item.key} aria-labelledby={`pack-${item.key}`} className="pack-section">
          <Title order={3} id={`pack-${item.key}`}>
            {item.title}
          </Title>
          {item.key === 'new-assessments' && <Assessments item={item} />}
          {item.key === 'young-people' &&
            item.levels.map((level) => (
              <section key={level.level} aria-labelledby={`pack-level-${level.level}`}>
                <Title order={4} id={`pack-level-${level.level}`}>
                  Level {level.level} ({level.youngPeople.length})
                </Title>
                {level.youngPeople.map((entry) => (
                  <div key={entry.youngPerson.id} className="pack-young-person">
                    <Text fw={700}>
                      {entry.youngPerson.caption} ({levelWords(entry.youngPerson.levelOfConcern)})
                    </Text>
                    <YoungPersonFacts entry={entry} />
                    {entry.agreedHere && (
                      <Text size="sm">Agreed at this meeting: {levelWords(entry.agreedHere.level)}</Text>
                    )}
                    {noteOn(`young-person:${entry.youngPerson.id}`) && (
                      <Text size="sm" className="preserve-lines">
                        Notes: {noteOn(`young-person:${entry.youngPerson.id}`)}
                      </Text>
                    )}
                  </div>
                ))}
              </section>
            ))}
          {item.key === 'escalation-alerts' && <Alerts item={item} />}
          {item.key === 'hotspots' && <Hotspots item={item} />}
          {item.key === 'groups' && (
            <>
              <Groups item={item} />
              <Title order={4} mt="sm">
                The network of the hotspots and groups
              </Title>
              {schema.data ? (
                <PackNetwork network={network} schema={schema.data} />
              ) : (
                <Loader role="status" aria-label="Loading the schema" />
              )}
            </>
          )}
          {item.key === 'standing' && <Standing item={item} />}
          {noteOn(item.key) && (
            <Text size="sm" className="preserve-lines">
              Notes: {noteOn(item.key)}
            </Text>
          )}
        </section>
      ))}
    </article>
  );
}

function PackHeader({ meeting }: { meeting: Meeting }) {
  return (
    <Text size="sm">
      Chair: {meeting.chair}. Attendees:{' '}
      {meeting.attendees.length ? meeting.attendees.map((a) => `${a.name} (${a.agency})`).join(', ') : 'none recorded'}.{' '}
      {meeting.status === 'closed'
        ? `Minutes closed on ${meeting.closedAt?.slice(0, 10)} by ${meeting.closedBy}.`
        : 'The meeting is open: the pack shows the data as it stands now.'}{' '}
      Official – sensitive: contains information about children; do not leave unattended.
    </Text>
  );
}
