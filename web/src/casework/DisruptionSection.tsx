import { Alert, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../queries.ts';
import { AddDisruptionForm } from './AddDisruptionForm.tsx';
import { fetchDisruptionsOf } from './casework-api.ts';
import { DisruptionItem } from './DisruptionItem.tsx';
import { useCan } from './use-can.ts';
import './casework.css';

/** The disruption log of a person of interest or a location: newest served first, with breaches. */
export function DisruptionSection({ subject }: { subject: string }) {
  const canWrite = useCan('casework:write');
  const disruptions = useQuery({ queryKey: ['disruptions', subject], queryFn: () => fetchDisruptionsOf(subject) });
  return (
    <section className="casework" aria-labelledby="disruption-title" data-testid="disruption-section">
      <Title order={3} id="disruption-title">
        Disruption
      </Title>
      {disruptions.isError && <Alert color="red">{errorText(disruptions.error)}</Alert>}
      {disruptions.data && !disruptions.data.items.length && <Text size="sm">No disruption logged.</Text>}
      {disruptions.data && disruptions.data.items.length > 0 && (
        <ol aria-label="Disruption log" data-testid="disruptions">
          {disruptions.data.items.map((disruption) => (
            <DisruptionItem key={disruption.id} disruption={disruption} subject={subject} canWrite={canWrite} />
          ))}
        </ol>
      )}
      {canWrite && (
        <details className="casework-form">
          <summary>Log a disruption</summary>
          <AddDisruptionForm subject={subject} />
        </details>
      )}
    </section>
  );
}
