import { Alert, Button, Group, Modal, NativeSelect, Text, Textarea, Title } from '@mantine/core';
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

interface NotDuplicate {
  decision: { id: string; version: number; reason?: string; createdBy: string; createdAt: string };
  records: [DuplicateRecord, DuplicateRecord];
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

const fetchKeptApart = (label: string) =>
  call<{ items: NotDuplicate[] }>('GET', `/api/duplicates/not-duplicates?label=${encodeURIComponent(label)}`);

const keepApart = ({ records, reason }: { records: [DuplicateRecord, DuplicateRecord]; reason: string }) =>
  call<NotDuplicate>('POST', '/api/duplicates/not-duplicates', {
    records: records.map((record) => record.id),
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });

const reverseDecision = (decision: NotDuplicate['decision']) =>
  call<NotDuplicate>('POST', `/api/duplicates/not-duplicates/${decision.id}/reverse`, { version: decision.version });

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
  const [apart, setApart] = useState<[DuplicateRecord, DuplicateRecord] | undefined>();
  const [reason, setReason] = useState('');
  const proposals = useQuery({ queryKey: ['duplicates', label], queryFn: () => fetchProposals(label) });
  const keptApart = useQuery({ queryKey: ['duplicates', label, 'kept-apart'], queryFn: () => fetchKeptApart(label) });
  const judge = useMutation({
    mutationFn: keepApart,
    onSettled: () => {
      setApart(undefined);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['duplicates', label] });
    },
  });
  const reverse = useMutation({
    mutationFn: reverseDecision,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['duplicates', label] }),
  });
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
      <ul className="results" data-testid="duplicate-proposals">
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
              <Button size="compact-xs" variant="default" onClick={() => setApart([first, second])}>
                Not the same
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      {proposals.data?.items.length === 0 && <Text size="sm">No likely duplicates.</Text>}
      {judge.isError && (
        <Alert color="red" title="Not recorded">
          {errorText(judge.error)}
        </Alert>
      )}
      <Title order={3} mt="md" id="kept-apart-title">
        Judged not the same
      </Title>
      {keptApart.isError && <Alert color="red">{errorText(keptApart.error)}</Alert>}
      {reverse.isError && (
        <Alert color="red" title="Not reversed">
          {errorText(reverse.error)}
        </Alert>
      )}
      <ul className="results" aria-labelledby="kept-apart-title" data-testid="kept-apart">
        {keptApart.data?.items.map(({ decision, records: [first, second] }) => (
          <li key={decision.id}>
            <Text size="sm">
              {describe(first)} and {describe(second)}
            </Text>
            <Text size="xs">
              By {decision.createdBy} on {decision.createdAt.slice(0, 10)}
              {decision.reason ? `: ${decision.reason}` : ''}
            </Text>
            <Button
              size="compact-xs"
              variant="default"
              loading={reverse.isPending && reverse.variables?.id === decision.id}
              onClick={() => reverse.mutate(decision)}
            >
              Reverse: they may be the same
            </Button>
          </li>
        ))}
      </ul>
      {keptApart.data?.items.length === 0 && <Text size="sm">No pairs judged not the same.</Text>}
      <Modal
        opened={apart !== undefined}
        onClose={() => setApart(undefined)}
        title="Not the same?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {apart && (
          <>
            <Text size="sm">
              “{describe(apart[0])}” and “{describe(apart[1])}” will not be proposed as duplicates again, and cannot be
              merged, until the judgement is reversed.
            </Text>
            <Textarea
              mt="sm"
              label="Why (optional)"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group mt="md" justify="flex-end">
              <Button variant="default" onClick={() => setApart(undefined)}>
                Cancel
              </Button>
              <Button loading={judge.isPending} onClick={() => judge.mutate({ records: apart, reason })}>
                Keep them apart
              </Button>
            </Group>
          </>
        )}
      </Modal>
      <Modal
        opened={pending !== undefined}
        onClose={() => setPending(undefined)}
        title="Merge these records?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
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
