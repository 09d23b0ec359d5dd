import { Alert, Loader, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { fetchEntity, fetchLinksOf, type LinkRecord, type SchemaDocument } from '../api.ts';
import { YoungPersonCasework } from '../casework/assessments/YoungPersonCasework.tsx';
import { DisruptionSection } from '../casework/DisruptionSection.tsx';
import { MissingEpisodesSection } from '../casework/MissingEpisodesSection.tsx';
import { PlanSection } from '../casework/PlanSection.tsx';
import { useCan } from '../casework/use-can.ts';
import { errorText } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import type { ChartRecord } from '../workspace/contents.ts';
import { Reveal } from './Reveal.tsx';

const hiddenProperties = new Set(['id', 'version', '_lock']);

export function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** The record's properties in the order the schema declares them, then anything else. */
function orderedProperties(record: Record<string, unknown>, declared: SchemaDocument['nodes'][number] | undefined) {
  const declaredOrder = Object.keys((declared?.properties as { properties?: object } | undefined)?.properties ?? {});
  const rank = (key: string) => {
    const index = declaredOrder.indexOf(key);
    return index === -1 ? declaredOrder.length : index;
  };
  return Object.entries(record).sort(([a], [b]) => rank(a) - rank(b));
}

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const byDate = (a: LinkRecord, b: LinkRecord) => String(a.firstSeen ?? '').localeCompare(String(b.firstSeen ?? ''));

/** The detail drawer at /records/:id: properties, links with their evidence, and a timeline of when they were seen. */
export function DetailsDrawer() {
  const { id = '' } = useParams();
  const { schema, contents } = useChartWorkspace();
  const queryClient = useQueryClient();
  const onChart = contents.records[id];
  const declared = schema.nodes.find((n) => n.label === onChart?.label);
  const record = useQuery({
    queryKey: ['record', id],
    queryFn: () => fetchEntity(declared?.pathSegment ?? '', id),
    enabled: Boolean(declared),
  });
  const links = useQuery({ queryKey: ['links-of', id], queryFn: () => fetchLinksOf(id) });
  const casework = useCan('casework:read');
  if (!onChart || !declared) return <Alert color="yellow">This record is not on the chart.</Alert>;
  const caption = (other: string) => contents.records[other]?.caption ?? 'a record not on the chart';
  const linkCaption = new Map(schema.relationships.map((r) => [r.type, r.caption]));
  const timeline = [...(links.data?.items ?? [])].sort(byDate);
  // The events this record was in (or happened at it), newest first: its own timeline of what happened.
  const events = [
    ...new Map(
      timeline
        .map((link) => contents.records[link.from === id ? link.to : link.from])
        .filter((other): other is ChartRecord => other?.label === 'Event')
        .map((event) => [event.id, event]),
    ).values(),
  ].sort((a, b) => String(b.occurredOn ?? '').localeCompare(String(a.occurredOn ?? '')));
  return (
    <section className="details" aria-labelledby="details-title" data-testid="details">
      <Title order={2} id="details-title">
        {record.data ? show(record.data[declared.caption]) : onChart.caption}
      </Title>
      <Text className="kind">{declared.title}</Text>
      {record.isPending && <Loader size="sm" role="status" aria-label="Loading the record" />}
      {record.isError && <Alert color="red">{errorText(record.error)}</Alert>}
      {record.data?.pseudonymised === true && (
        <Reveal
          id={id}
          onRevealed={() => {
            void queryClient.invalidateQueries({ queryKey: ['record', id] });
            void queryClient.invalidateQueries({ queryKey: ['network'] });
          }}
        />
      )}
      {record.data && (
        <dl>
          {orderedProperties(record.data, declared)
            .filter(([key]) => !hiddenProperties.has(key))
            .map(([key, value]) => (
              <div key={key}>
                <dt>{words(key)}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
        </dl>
      )}
      {casework && onChart.label === 'YoungPerson' && <YoungPersonCasework youngPersonId={id} />}
      {casework && onChart.label === 'YoungPerson' && (
        <>
          <PlanSection key={`plan-${id}`} youngPerson={id} />
          <MissingEpisodesSection key={`missing-${id}`} youngPerson={id} />
        </>
      )}
      {casework && (onChart.label === 'PersonOfInterest' || onChart.label === 'Location') && (
        <DisruptionSection key={`disruption-${id}`} subject={id} />
      )}
      <Title order={3}>Links and when they were seen ({links.data?.total ?? '…'})</Title>
      {links.isError && <Alert color="red">{errorText(links.error)}</Alert>}
      <ol className="links timeline">
        {timeline.map((link) => (
          <li key={link.id}>
            <time>{show(link.firstSeen)}</time> to <time>{show(link.lastSeen ?? 'now')}</time>: {caption(link.from)}{' '}
            <em>{linkCaption.get(link.type) ?? link.type}</em> {caption(link.to)}
            <br />
            <small>
              source {show(link.sourceAgency)}
              {link.sourceReference ? ` (${show(link.sourceReference)})` : ''} · grading {show(link.gradingSource)}
              {show(link.gradingInformation)}
              {show(link.gradingHandling)}
            </small>
          </li>
        ))}
      </ol>
      {onChart.label !== 'Event' && (
        <>
          <Title order={3}>Events ({events.length})</Title>
          <ol className="events timeline" data-testid="events">
            {events.map((event) => (
              <li key={event.id}>
                <time>{show(event.occurredOn)}</time> {show(event.type?.replaceAll('-', ' '))}: {event.caption}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
