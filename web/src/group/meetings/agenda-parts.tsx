import { List, Table, Text } from '@mantine/core';
import type { AgendaItem, AgendaYoungPerson } from './meetings-api.ts';

/** The agenda's items as read-only text and tables, shared by the meeting page and the printable pack. */

type Item<K extends AgendaItem['key']> = Extract<AgendaItem, { key: K }>;

const linkWords = (type: string) => type.toLowerCase().replaceAll('_', ' ');
const day = (instant: string | null | undefined) => (instant ? instant.slice(0, 10) : '');
export const levelWords = (level: unknown) => (level === 'archived' ? 'archived' : `level ${String(level)}`);

export function Assessments({ item }: { item: Item<'new-assessments'> }) {
  if (!item.assessments.length) return <p className="hint">None.</p>;
  return (
    <Table data-testid="agenda-assessments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Young person</Table.Th>
          <Table.Th scope="col">Assessed</Table.Th>
          <Table.Th scope="col">By</Table.Th>
          <Table.Th scope="col">Suggested level</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {item.assessments.map((assessment) => (
          <Table.Tr key={assessment.id}>
            <Table.Td>{assessment.youngPerson.caption}</Table.Td>
            <Table.Td>{String(assessment.assessedOn ?? '')}</Table.Td>
            <Table.Td>
              {String(assessment.assessor ?? '')} ({String(assessment.assessorAgency ?? '')})
            </Table.Td>
            <Table.Td>{assessment.suggestedLevel ? levelWords(assessment.suggestedLevel) : 'none'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What changed for one young person, their actions and plan. */
export function YoungPersonFacts({ entry }: { entry: AgendaYoungPerson }) {
  const { changes } = entry;
  const nothing = !changes.levelChanges.length && !changes.newLinkCount && !changes.missingEpisodes.length;
  return (
    <div className="young-person-facts">
      <Text size="sm">
        Plan: {entry.planStatus}. Review due: {entry.youngPerson.reviewDue ?? 'not set'}
        {entry.youngPerson.reviewOverdue ? ' (overdue)' : ''}.{' '}
        {entry.lastReview
          ? `Last reviewed ${String(entry.lastReview.decidedOn)} at ${levelWords(entry.lastReview.level)}.`
          : 'Not reviewed before.'}
      </Text>
      <Text size="sm" fw={600} mt="xs">
        What changed{entry.since ? ` since ${day(entry.since)}` : ''}
      </Text>
      {nothing && <Text size="sm">Nothing new.</Text>}
      <List size="sm">
        {changes.levelChanges.map((decision) => (
          <List.Item key={decision.id}>
            Level changed from {levelWords(decision.previousLevel)} to {levelWords(decision.level)} on{' '}
            {String(decision.decidedOn)}
          </List.Item>
        ))}
        {changes.newLinks.map(({ link, other, createdAt }) => (
          <List.Item key={link.id}>
            New link: {linkWords(link.type)} {other.caption} ({day(createdAt)}, graded {link.gradingSource}
            {link.gradingInformation}
            {link.gradingHandling})
          </List.Item>
        ))}
        {changes.newLinkCount > changes.newLinks.length && (
          <List.Item>and {changes.newLinkCount - changes.newLinks.length} more new links</List.Item>
        )}
        {changes.missingEpisodes.map((episode) => (
          <List.Item key={episode.id}>
            Missing {episode.occurredOn}
            {episode.endedOn ? ` to ${episode.endedOn}` : ' (not yet returned)'}
            {episode.foundAt ? `, found at ${episode.foundAt.name}` : ''}
            {episode.withAdults.length ? `, with ${episode.withAdults.map((a) => a.name).join(', ')}` : ''}
            {episode.returnInterviewWithin72Hours === true && '; return interview within 72 hours'}
            {episode.returnInterviewWithin72Hours === false && '; return interview later than 72 hours'}
          </List.Item>
        ))}
      </List>
      <Text size="sm" fw={600} mt="xs">
        Actions: {entry.openActions} open, {entry.overdueActions} overdue
      </Text>
      {entry.actions.length > 0 && (
        <List size="sm">
          {entry.actions.map((action) => (
            <List.Item key={action.id}>
              {String(action.what ?? 'Action (details hidden)')}: {String(action.ownerName)} (
              {String(action.ownerAgency)}), due {String(action.dueOn)}, {String(action.status)}
              {action.overdue ? ', OVERDUE' : ''}
              {action.raisedHere ? ' (raised at this meeting)' : ''}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

export function Alerts({ item }: { item: Item<'escalation-alerts'> }) {
  if (!item.alerts.length) return <p className="hint">No escalation alerts since {day(item.since)}.</p>;
  return (
    <List size="sm" data-testid="agenda-alerts">
      {item.alerts.map((alert) => (
        <List.Item
          key={`${alert.rule}:${alert.youngPerson.id}:${alert.evidence.link?.id ?? alert.evidence.decision?.id}`}
        >
          <strong>{alert.youngPerson.caption}</strong>: {alert.reason}
        </List.Item>
      ))}
    </List>
  );
}

export function Hotspots({ item }: { item: Item<'hotspots'> }) {
  const changes = item.changes;
  return (
    <>
      {item.current.length === 0 ? (
        <p className="hint">No hotspots.</p>
      ) : (
        <Table data-testid="agenda-hotspots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Place</Table.Th>
              <Table.Th scope="col">Young people</Table.Th>
              <Table.Th scope="col">Adults</Table.Th>
              <Table.Th scope="col">Since the last meeting</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.current.map((hotspot) => {
              const grown = changes?.grown.find((h) => h.id === hotspot.id);
              const isNew = changes?.new.some((h) => h.id === hotspot.id);
              return (
                <Table.Tr key={hotspot.id}>
                  <Table.Td>{hotspot.caption}</Table.Td>
                  <Table.Td>{hotspot.youngPeopleCount}</Table.Td>
                  <Table.Td>{hotspot.adultCount}</Table.Td>
                  <Table.Td>
                    {!changes
                      ? 'no earlier meeting'
                      : isNew
                        ? 'new'
                        : grown
                          ? `grown (was ${grown.before.youngPeopleCount} young people, ${grown.before.adultCount} adults)`
                          : 'as before'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {changes && changes.gone.length > 0 && (
        <Text size="sm">No longer among the hotspots: {changes.gone.map((h) => h.caption).join(', ')}</Text>
      )}
    </>
  );
}

export function Groups({ item }: { item: Item<'groups'> }) {
  const changes = item.changes;
  return (
    <>
      {item.current.length === 0 ? (
        <p className="hint">No organised groups found.</p>
      ) : (
        <List size="sm" data-testid="agenda-groups">
          {item.current.map((group) => {
            const grown = changes?.grown.find((g) => g.id === group.id);
            const isNew = changes?.new.some((g) => g.id === group.id);
            return (
              <List.Item key={group.id}>
                <strong>{group.id}</strong> ({group.members.length} adults,{' '}
                {group.youngPeopleCount ?? group.youngPeople.length} young people):{' '}
                {group.members.map((m) => m.caption).join(', ')}
                {isNew && ' — new'}
                {grown && ` — grown: ${grown.joined.map((m) => m.caption).join(', ')} joined`}
              </List.Item>
            );
          })}
        </List>
      )}
      {changes && changes.gone.length > 0 && (
        <Text size="sm">
          No longer found:{' '}
          {changes.gone.map((g) => `${g.id} (${g.members.map((m) => m.caption).join(', ')})`).join('; ')}
        </Text>
      )}
    </>
  );
}

export function Standing({ item }: { item: Item<'standing'> }) {
  return (
    <>
      <Text size="sm" className="preserve-lines">
        {item.training || 'Nothing recorded.'}
      </Text>
      {item.learningLinks.length > 0 && (
        <List size="sm">
          {item.learningLinks.map((href) => (
            <List.Item key={href}>
              <a href={href} rel="noreferrer noopener" target="_blank">
                {href}
              </a>
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
