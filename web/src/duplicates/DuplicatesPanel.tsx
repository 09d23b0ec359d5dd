import { Alert, Button, Group, Modal, NativeSelect, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../api.ts';
import { errorText } from '../queries.ts';

type DuplicateRecord = Record<string, unknown> & { id: string; version: number };

interface Proposal {
  score: number;
  reasons: { kind: string; message: string }[];
  records: [DuplicateRecord, DuplicateRecord];
}

interface MergeAnswer {
  record: DuplicateRecord;
  linksMoved: number;
  linksRemoved: number;
  caseworkMoved: number;
}

const labels = [
  { value: 'PersonOfInterest', label: 'Persons of interest' },
  { value: 'YoungPerson', label: 'Young people' },
  { value: 'Location', label: 'Locations' },
  { value: 'Event', label: 'Events' },
];

const fetchProposals = (label: string) =>
  call<{ items: Proposal[] }>('GET', `/api/duplicates?label=${encodeURIComponent(label)}&limit=50`);

const mergeRecords = ({ keep, merge }: { keep: DuplicateRecord; merge: DuplicateRecord }) =>
  call<MergeAnswer>('POST', '/api/duplicates/merge', {
    keep: keep.id,
    merge: merge.id,
    versions: { keep: keep.version, merge: merge.version },
  });

/** What a record is called on this screen: its name (or title), its reference, its date of birth. */
function describe(record: DuplicateRecord): string {
  const name = String(record.name ?? record.title ?? record.id);
  const extra = [record.reference, record.dateOfBirth && `born ${record.dateOfBirth}`].filter(Boolean).join(', ');
  return extra ? `${name} (${extra})` : name;
}

/** Likely duplicates, with why they look alike; merging one into the other only after a confirm. */
export function DuplicatesPanel() {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('PersonOfInterest');
  const [pending, setPending] = useState<{ keep: DuplicateRecord; merge: DuplicateRecord } | undefined>();
  const proposals = useQuery({ queryKey: ['duplicates', label], queryFn: () => fetchProposals(label) });
  const merge = useMutation({
    mutationFn: mergeRecords,
    onSettled: () => {
      setPending(undefined);
      // The network, lists and analyses all change when two records become one.
      void queryClient.invalidateQueries();
    },
  });
  return (
    <section aria-labelledby="duplicates-title" data-testid="duplicates">
      <Title order={2} id="duplicates-title">
        Likely duplicates
      </Title>
      <NativeSelect
        label="Records of"
        data={labels}
        value={label}
        onChange={(event) => setLabel(event.currentTarget.value)}
      />
      {merge.isSuccess && (
        <Text role="status">
          Merged into “{describe(merge.data.record)}”: {merge.data.linksMoved} links and {merge.data.caseworkMoved}{' '}
          casework items moved.
        </Text>
      )}
      {merge.isError && (
        <Alert color="red" title="Not merged">
          {errorText(merge.error)}
        </Alert>
      )}
      {proposals.isError && <Alert color="red">{errorText(proposals.error)}</Alert>}
      {proposals.isPending && <p className="loading">Looking for duplicates …</p>}
      <ul className="results">
        {proposals.data?.items.map(({ score, reasons, records: [first, second] }) => (
          <li key={`${first.id}-${second.id}`}>
            <Text fw={600}>
              {describe(first)} and {describe(second)}
            </Text>
            <Text size="xs">
              {Math.round(score * 100)}% likely: {reasons.map((reason) => reason.message).join('; ')}
            </Text>
            <Group gap={4}>
              <Button size="compact-xs" variant="default" onClick={() => setPending({ keep: first, merge: second })}>
                Keep the first, merge the second into it
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setPending({ keep: second, merge: first })}>
                Keep the second, merge the first into it
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      {proposals.data?.items.length === 0 && <Text size="sm">No likely duplicates.</Text>}
      <Modal opened={pending !== undefined} onClose={() => setPending(undefined)} title="Merge these records?">
        {pending && (
          <>
            <Text size="sm">
              “{describe(pending.merge)}” will be merged into “{describe(pending.keep)}”: its links, events, casework
              and history move to the kept record, its name is kept as an alias, and it is then removed. This cannot be
              undone from here.
            </Text>
            <Group mt="md" justify="flex-end">
              <Button variant="default" onClick={() => setPending(undefined)}>
                Cancel
              </Button>
              <Button color="red" loading={merge.isPending} onClick={() => merge.mutate(pending)}>
                Merge
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </section>
  );
}
