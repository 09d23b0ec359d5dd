import { Alert, Anchor, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../queries.ts';
import {
  type Dashboard,
  type EntitySummary,
  fetchDashboard,
  groupPath,
  meetingPath,
  recordPath,
} from './dashboard-api.ts';
import { LevelTrend } from './LevelTrend.tsx';
import './dashboard.css';

const levelText = (level: EntitySummary['levelOfConcern']) =>
  level === undefined ? '' : level === 'archived' ? 'archived' : `L${level}`;

/** A young person, adult or place, linked to its record on the chart. */
function RecordLink({ record }: { record: EntitySummary }) {
  return (
    <Anchor component={Link} to={recordPath(record.id)}>
      {record.caption}
      {record.levelOfConcern !== undefined && ` (${levelText(record.levelOfConcern)})`}
    </Anchor>
  );
}

function Count({ label, value, className }: { label: string; value: number; className?: string }) {
  return (
    <div className={`dashboard-count${className ? ` ${className}` : ''}`}>
      <div className="value">{value}</div>
      <div>{label}</div>
    </div>
  );
}

/** One card of the dashboard: a heading, how many there are, and the list (or a word when there is none). */
function Section({
  id,
  title,
  total,
  shown,
  empty,
  children,
}: {
  id: string;
  title: string;
  total?: number;
  shown?: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="dashboard-section" data-testid={id}>
      <Title order={3} id={`${id}-title`}>
        {title}
        {total !== undefined && ` (${total})`}
      </Title>
      {total === 0 ? <Text>{empty}</Text> : children}
      {total !== undefined && shown !== undefined && shown < total && (
        <Text size="sm">
          The first {shown} of {total}.
        </Text>
      )}
    </section>
  );
}

function ListTable({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <Table striped withTableBorder>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {headers.map((header) => (
            <Table.Th key={header} scope="col">
              {header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

function Reviews({
  id,
  title,
  caption,
  list,
  empty,
}: {
  id: string;
  title: string;
  caption: string;
  list: Dashboard['reviews']['overdue'];
  empty: string;
}) {
  return (
    <Section id={id} title={title} total={list.total} shown={list.items.length} empty={empty}>
      <ListTable caption={caption} headers={['Young person', 'Review due']}>
        {list.items.map((row) => (
          <Table.Tr key={row.youngPerson.id}>
            <Table.Td>
              <RecordLink record={row.youngPerson} />
            </Table.Td>
            <Table.Td>{row.reviewDue}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Section>
  );
}

function OverdueActions({ overdue }: { overdue: Dashboard['overdueActions'] }) {
  return (
    <Section
      id="overdue-actions"
      title="Actions overdue, by agency"
      total={overdue.total}
      empty="No action is overdue."
    >
      <ListTable
        caption="Open actions past their due date, by the agency that owns them"
        headers={['Action', 'About', 'Due', 'Days over']}
      >
        {overdue.byAgency.map((group) => [
          <Table.Tr key={`agency-${group.agency}`} className="agency-row">
            <Table.Th scope="rowgroup" colSpan={4}>
              {group.agency}: {group.total} overdue
            </Table.Th>
          </Table.Tr>,
          ...group.items.map((action) => (
            <Table.Tr key={action.id}>
              <Table.Td>
                {action.what ?? `${action.category} action`} ({action.ownerName})
              </Table.Td>
              <Table.Td>
                <RecordLink record={action.target} />
              </Table.Td>
              <Table.Td>{action.dueOn}</Table.Td>
              <Table.Td className="numeric">{action.daysOverdue}</Table.Td>
            </Table.Tr>
          )),
        ])}
      </ListTable>
    </Section>
  );
}

/** The operations group's landing page: what needs the group's attention now, each item linking to its record. */
export function DashboardPage() {
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: fetchDashboard, staleTime: 30_000 });
  if (dashboard.isPending) return <Loader role="status" aria-label="Loading the dashboard" />;
  if (dashboard.isError)
    return (
      <Alert color="red" title="Could not load the dashboard">
        {errorText(dashboard.error)}
      </Alert>
    );
  const data = dashboard.data;
  const { current } = data.levels;
  return (
    <div className="dashboard" data-testid="dashboard">
      <Title order={2}>Operations group dashboard</Title>
      <Text size="sm">As of {data.asOf}. Counts include only the records your role may see.</Text>

      <div className="dashboard-counts" data-testid="dashboard-counts">
        <Count label="at level 3" value={current[3]} className="level-3" />
        <Count label="at level 2" value={current[2]} className="level-2" />
        <Count label="at level 1" value={current[1]} className="level-1" />
        <Count label="reviews overdue" value={data.reviews.overdue.total} />
        <Count label={`reviews due in ${data.reviews.windowDays} days`} value={data.reviews.dueSoon.total} />
        <Count label="actions overdue" value={data.overdueActions.total} />
        <Count label="at risk without a plan" value={data.withoutPlan.total} />
        <Count label="assessments to discuss" value={data.awaitingDiscussion.total} />
      </div>

      <div className="dashboard-sections">
        <section aria-labelledby="trend-heading" className="dashboard-section">
          <Title order={3} id="trend-heading">
            Cases by level, last 12 months
          </Title>
          <LevelTrend trend={data.levels.trend} />
        </section>

        <Section id="next-meeting" title="Next meeting" empty="">
          {data.nextMeeting ? (
            <Text>
              <Anchor component={Link} to={meetingPath(data.nextMeeting.id)}>
                {data.nextMeeting.title}, {data.nextMeeting.heldOn}
              </Anchor>
            </Text>
          ) : (
            <Text>No meeting is planned yet.</Text>
          )}
        </Section>

        <Reviews
          id="reviews-overdue"
          title="Reviews overdue"
          caption="Current cases whose review date has passed, most overdue first"
          list={data.reviews.overdue}
          empty="No review is overdue."
        />
        <Reviews
          id="reviews-due"
          title={`Reviews due in the next ${data.reviews.windowDays} days`}
          caption="Current cases whose review falls due soon, soonest first"
          list={data.reviews.dueSoon}
          empty="No review falls due in that time."
        />
        <OverdueActions overdue={data.overdueActions} />

        <Section
          id="without-plan"
          title="At risk without a plan"
          total={data.withoutPlan.total}
          shown={data.withoutPlan.items.length}
          empty="Every young person at risk has a plan."
        >
          <ListTable caption="Young people at level 1 to 3 with no running plan" headers={['Young person']}>
            {data.withoutPlan.items.map((youngPerson) => (
              <Table.Tr key={youngPerson.id}>
                <Table.Td>
                  <RecordLink record={youngPerson} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Section>

        <Section
          id="awaiting-discussion"
          title="New assessments awaiting discussion"
          total={data.awaitingDiscussion.total}
          shown={data.awaitingDiscussion.items.length}
          empty="Every assessment has been discussed."
        >
          <ListTable
            caption="Risk assessments no meeting has discussed yet"
            headers={['Young person', 'Assessed', 'By', 'Suggested level']}
          >
            {data.awaitingDiscussion.items.map((assessment) => (
              <Table.Tr key={assessment.id}>
                <Table.Td>
                  <RecordLink record={assessment.youngPerson} />
                </Table.Td>
                <Table.Td>{assessment.assessedOn}</Table.Td>
                <Table.Td>{assessment.assessorAgency}</Table.Td>
                <Table.Td>{assessment.suggestedLevel ?? 'none'}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Section>

        <Section
          id="top-hotspots"
          title="Top hotspots"
          total={data.hotspots.items.length}
          empty={data.hotspots.unavailable ?? 'No hotspots.'}
        >
          <ListTable
            caption="Places tied to the most young people and adults"
            headers={['Place', 'Young people', 'Adults', 'Last seen']}
          >
            {data.hotspots.items.map((hotspot) => (
              <Table.Tr key={hotspot.location.id}>
                <Table.Td>
                  <RecordLink record={hotspot.location} />
                </Table.Td>
                <Table.Td className="numeric">{hotspot.youngPeopleCount}</Table.Td>
                <Table.Td className="numeric">{hotspot.adultCount}</Table.Td>
                <Table.Td>{hotspot.lastSeen}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Section>

        <Section
          id="top-groups"
          title="Organised groups"
          total={data.groups.items.length}
          empty={data.groups.unavailable ?? 'No organised groups found.'}
        >
          <ListTable
            caption="The largest groups of adults bound together"
            headers={['Group', 'Adults', 'Young people']}
          >
            {data.groups.items.map((group, index) => (
              <Table.Tr key={group.id}>
                <Table.Td>
                  <Anchor component={Link} to={groupPath(group.id)}>
                    Group {index + 1}: {group.members.map((member) => member.caption).join(', ')}
                    {group.memberCount > group.members.length ? ' …' : ''}
                  </Anchor>
                </Table.Td>
                <Table.Td className="numeric">{group.memberCount}</Table.Td>
                <Table.Td className="numeric">{group.youngPeopleCount}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Section>
      </div>
    </div>
  );
}
