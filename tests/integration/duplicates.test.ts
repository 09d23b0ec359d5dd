import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { caseworkStore } from '../../api/operations/casework/casework-store.ts';
import { action } from '../../graph-schema/casework/index.ts';
import {
  linkInput,
  locationInput,
  personOfInterestInput,
  uniqueReference,
  youngPersonInput,
} from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Proposal = { score: number; reasons: { kind: string; message: string }[]; records: Row[] };
type Merged = { record: Row; mergedFrom: string[]; linksRemoved: number; linksMoved: number; caseworkMoved: number };

let api: TestApi;
let member: TestClient;
const analyst: Actor = { username: 'analyst', role: 'analyst' };

beforeAll(async () => {
  api = await startTestApi();
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

const unique = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

async function create(path: string, body: unknown): Promise<Row> {
  const answer = await api.request<Row>('POST', path, body);
  if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function proposals(label: string): Promise<Proposal[]> {
  const answer = await api.request<{ items: Proposal[] }>('GET', `/api/duplicates?label=${label}&limit=500`);
  expect(answer.status).toBe(200);
  return answer.body.items;
}

const pairOf = (items: Proposal[], a: Row, b: Row) =>
  items.find(
    (p) =>
      p.records
        .map((r) => r.id)
        .sort()
        .join() === [a.id, b.id].sort().join(),
  );

const merge = (keep: Row, merged: Row, client: TestClient = api) =>
  client.request<Merged & ErrorBody>('POST', '/api/duplicates/merge', {
    keep: keep.id,
    merge: merged.id,
    versions: { keep: keep.version, merge: merged.version },
  });

const sharedAdultCount = async (adult: Row) => {
  const answer = await api.request<{ items: { adult: { id: string }; youngPeopleCount: number }[] }>(
    'GET',
    '/api/analysis/shared-adults?minYoungPeople=1&limit=500',
  );
  expect(answer.status).toBe(200);
  return answer.body.items.find((item) => item.adult.id === adult.id)?.youngPeopleCount ?? 0;
};

describe('GET /api/duplicates', () => {
  it('proposes the same name and date of birth, a shared phone and a near-identical name, with reasons; merges nothing', async () => {
    const tag = unique();
    const first = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Dup Adult ${tag}`, dateOfBirth: '1980-02-03' }),
    );
    const twin = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `dup adult ${tag}`, dateOfBirth: '1980-02-03' }),
    );
    const phone = `07700 ${tag.slice(0, 3)} ${tag.slice(3, 6)}`;
    const caller = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Caller Example ${tag}`, phones: [phone] }),
    );
    const other = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Someone Else ${tag}`, phones: [phone.replaceAll(' ', '')] }),
    );
    const typo = await create('/api/persons-of-interest', personOfInterestInput({ name: `Dup Adlut ${tag}` }));
    const different = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Dup Adult ${tag}`, dateOfBirth: '1999-09-09' }),
    );

    const items = await proposals('PersonOfInterest');
    expect(pairOf(items, first, twin)).toMatchObject({ score: 1, reasons: [{ kind: 'same-name-and-date-of-birth' }] });
    expect(pairOf(items, caller, other)?.reasons.map((r) => r.kind)).toEqual(['shared-phone']);
    expect(pairOf(items, first, typo)?.reasons.map((r) => r.kind)).toEqual(['similar-name']);
    expect(pairOf(items, first, different)).toBeUndefined();
    // Proposing changes nothing.
    expect((await api.request<Row>('GET', `/api/persons-of-interest/${twin.id}`)).body.version).toBe(1);
  });

  it('refuses an unknown label, and roles that may not merge', async () => {
    expect((await api.request<ErrorBody>('GET', '/api/duplicates?label=User')).status).toBe(400);
    expect((await member.request<ErrorBody>('GET', '/api/duplicates?label=YoungPerson')).status).toBe(403);
  });
});

describe('POST /api/duplicates/merge', () => {
  it('keeps every link, event, casework node and the audit trail of both, in one change the mirror sees', async () => {
    const name = `Test Merge Child ${unique()}`;
    const kept = await create(
      '/api/young-people',
      youngPersonInput({ name, dateOfBirth: '2010-04-05', school: 'Test School' }),
    );
    const merged = await create(
      '/api/young-people',
      youngPersonInput({ name, dateOfBirth: '2010-04-05', placement: 'Test Placement' }),
    );
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    const otherAdult = await create('/api/persons-of-interest', personOfInterestInput());
    const place = await create('/api/locations', locationInput());
    const event = await create('/api/events', {
      title: 'Test missing episode',
      type: 'missing-episode',
      occurredOn: '2026-05-01',
    });

    await create('/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: kept.id, sourceReference: 'TEST/K' }));
    const sameAgain = await create(
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: merged.id, sourceReference: 'TEST/M' }),
    );
    const incoming = await create(
      '/api/links',
      linkInput({ type: 'SUPPLIES', from: otherAdult.id, to: merged.id, supplied: ['gifts'] }),
    );
    const outgoing = await create('/api/links', linkInput({ type: 'FREQUENTS', from: merged.id, to: place.id }));
    const involved = await create('/api/links', linkInput({ type: 'INVOLVED_IN', from: merged.id, to: event.id }));
    const between = await create('/api/links', linkInput({ type: 'PEER_OF', from: kept.id, to: merged.id }));
    const decision = await api.request('POST', `/api/young-people/${merged.id}/levels`, {
      level: 2,
      decidedOn: '2026-06-01',
      agreedBy: 'CSE Operations Group',
      reason: 'Test decision on the duplicate',
    });
    expect(decision.status).toBe(201);
    const task = await api.graph.writeTransaction((tx) =>
      caseworkStore(action).create(
        tx,
        {
          properties: {
            what: 'Test action about the duplicate',
            ownerName: 'Officer Example',
            ownerAgency: 'Police',
            dueOn: '2026-12-01',
            status: 'open',
            category: 'protect',
          },
          links: { TARGETS: merged.id },
        },
        analyst,
      ),
    );
    expect(await sharedAdultCount(adult)).toBe(2);
    const current = (await api.request<Row>('GET', `/api/young-people/${merged.id}`)).body;

    const answer = await merge(kept, current);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ mergedFrom: [merged.id], linksRemoved: 1, linksMoved: 4, caseworkMoved: 2 });
    expect(answer.body.record).toMatchObject({
      id: kept.id,
      version: 2,
      school: 'Test School',
      placement: 'Test Placement',
    });

    expect((await api.request('GET', `/api/young-people/${merged.id}`)).status).toBe(404);
    const links = await api.request<{ items: Row[] }>('GET', `/api/links?entity=${kept.id}&limit=500`);
    const ids = links.body.items.map((l) => l.id);
    // Links keep their ids and evidence; the duplicate CONTROLS link is kept beside the kept record's own.
    expect(ids).toEqual(expect.arrayContaining([sameAgain.id, incoming.id, outgoing.id, involved.id]));
    expect(ids).not.toContain(between.id);
    expect(links.body.items.filter((l) => l.type === 'CONTROLS' && l.from === adult.id)).toHaveLength(2);
    expect(links.body.items.find((l) => l.id === incoming.id)).toMatchObject({
      from: otherAdult.id,
      to: kept.id,
      supplied: ['gifts'],
    });
    expect(links.body.items.find((l) => l.id === outgoing.id)).toMatchObject({
      from: kept.id,
      to: place.id,
      firstSeen: '2026-01-01',
    });

    const [stored] = await api.graph.read<{
      mergedFrom: string[];
      firstSeenIsDate: boolean;
      targets: string;
      decides: string;
      left: number;
    }>(
      `MATCH (kept:YoungPerson {id: $kept})
       MATCH (:Action {id: $task})-[:TARGETS]->(target)
       MATCH (:LevelDecision)-[:DECIDES_LEVEL_OF]->(decided {id: $kept})
       MATCH (kept)-[f:FREQUENTS]->()
       RETURN kept.mergedFrom AS mergedFrom, f.firstSeen IS :: DATE AS firstSeenIsDate, target.id AS targets,
         decided.id AS decides, COUNT { MATCH (n {id: $merged}) } AS left`,
      { kept: kept.id, merged: merged.id, task: task.id },
    );
    expect(stored).toEqual({
      mergedFrom: [merged.id],
      firstSeenIsDate: true,
      targets: kept.id,
      decides: kept.id,
      left: 0,
    });

    // Both histories stay findable; the merge is on both.
    const auditOf = async (id: string) =>
      (
        await (
          await api.client('admin')
        ).request<{ items: { action: string; details: string | null }[] }>(
          'GET',
          `/api/audit?subjectId=${id}&limit=500`,
        )
      ).body.items;
    const mergedHistory = await auditOf(merged.id);
    expect(mergedHistory.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'merge']));
    expect((await auditOf(kept.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'merge']));
    // Restricted details (a young person's identity) are hidden from admin's list: read the stored event.
    const [mergeEvent] = await api.graph.read<{ details: string }>(
      "MATCH (e:AuditEvent {subjectId: $id, action: 'merge'}) RETURN e.details AS details",
      { id: kept.id },
    );
    expect(JSON.parse(mergeEvent?.details ?? '{}')).toMatchObject({
      merge: { keep: kept.id, merge: merged.id },
      before: { version: 1 },
      after: { version: 2, mergedFrom: [merged.id] },
    });

    // The analysis mirror follows: the adult now controls one young person, not two.
    expect(await sharedAdultCount(adult)).toBe(1);
    expect(await sharedAdultCount(otherAdult)).toBe(1);
  }, 120_000);

  it('unites lists and keeps the merged name as an alias', async () => {
    const tag = unique();
    const kept = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Alias Adult ${tag}`, phones: ['07700 900001'], aliases: ['AA'] }),
    );
    const merged = await create(
      '/api/persons-of-interest',
      personOfInterestInput({
        name: `Alias Adlut ${tag}`,
        phones: ['07700 900002', '07700 900001'],
        vehicles: ['TE57 ABC'],
      }),
    );
    const answer = await merge(kept, merged);
    expect(answer.status).toBe(200);
    expect(answer.body.record).toMatchObject({
      aliases: ['AA', `Alias Adlut ${tag}`],
      phones: ['07700 900001', '07700 900002'],
      vehicles: ['TE57 ABC'],
      name: `Alias Adult ${tag}`,
    });
  });

  it('answers 409 with the current versions when either was changed since read, and changes nothing', async () => {
    const kept = await create('/api/young-people', youngPersonInput());
    const merged = await create('/api/young-people', youngPersonInput());
    const patched = await api.request<Row>('PATCH', `/api/young-people/${merged.id}`, {
      version: 1,
      school: 'Changed School',
    });
    expect(patched.status).toBe(200);
    const stale = await merge(kept, merged);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersions: { keep: 1, merge: 2 } });
    expect((await api.request('GET', `/api/young-people/${merged.id}`)).status).toBe(200);
    expect((await api.request<Row>('GET', `/api/young-people/${kept.id}`)).body.version).toBe(1);
  });

  it('refuses a record merged with itself or with another kind, unknown records, and roles that may not', async () => {
    const child = await create('/api/young-people', youngPersonInput({ reference: uniqueReference('DUP') }));
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    expect((await merge(child, child)).status).toBe(400);
    const across = await merge(child, adult);
    expect(across.status).toBe(400);
    expect(across.body.error.message).toContain('one kind');
    expect((await merge(child, { id: crypto.randomUUID(), version: 1 })).status).toBe(404);
    expect((await merge(child, adult, member)).status).toBe(403);
    expect((await api.request<Row>('GET', `/api/persons-of-interest/${adult.id}`)).body.version).toBe(1);
    expect((await api.request<Row>('GET', `/api/young-people/${child.id}`)).body.version).toBe(1);
  });

  it('keeps police-only links when an analyst merges, without counting them to the analyst', async () => {
    const police = await api.client('police');
    const kept = await create('/api/persons-of-interest', personOfInterestInput());
    const merged = await create('/api/persons-of-interest', personOfInterestInput());
    const child = await create('/api/young-people', youngPersonInput());
    const secret = await police.request<Row>(
      'POST',
      '/api/links',
      linkInput({ type: 'CONTROLS', from: merged.id, to: child.id, gradingHandling: 'C' }),
    );
    expect(secret.status).toBe(201);
    const answer = await merge(kept, merged);
    expect(answer.status).toBe(200);
    expect(answer.body.linksMoved).toBe(0);
    const seen = await police.request<Row>('GET', `/api/links/${secret.body.id}`);
    expect(seen.body).toMatchObject({ from: kept.id, to: child.id, gradingHandling: 'C' });
  });

  it('makes the kept record police-only when a police-only record is merged into it', async () => {
    const police = await api.client('police');
    const kept = await create('/api/persons-of-interest', personOfInterestInput({ phones: ['07700 900101'] }));
    const secret = await police.request<Row>(
      'POST',
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Merge Secret ${unique()}`, phones: ['07700 900102'], gradingHandling: 'C' }),
    );
    expect(secret.status).toBe(201);
    const answer = await merge(kept, secret.body, police);
    expect(answer.status).toBe(200);
    const seen = await police.request<Row>('GET', `/api/persons-of-interest/${kept.id}`);
    expect(seen.body).toMatchObject({ gradingHandling: 'C', phones: ['07700 900101', '07700 900102'] });
    expect((await api.request('GET', `/api/persons-of-interest/${kept.id}`)).status).toBe(404);
  });
});

type NotDuplicate = { decision: Row & { reason?: string; reversedAt?: string; reversedBy?: string }; records: Row[] };

const keepApart = (records: [Row, Row], reason?: string, client: TestClient = api) =>
  client.request<NotDuplicate & ErrorBody>('POST', '/api/duplicates/not-duplicates', {
    records: records.map((r) => r.id),
    ...(reason ? { reason } : {}),
  });
const decisions = async (label: string, query = '', client: TestClient = api) => {
  const answer = await client.request<{ items: NotDuplicate[] }>(
    'GET',
    `/api/duplicates/not-duplicates?label=${label}&limit=500${query}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.items;
};

describe('not-a-duplicate decisions', () => {
  it('remembers a pair judged not the same person: audited, listed, left out of proposals and merges, until reversed', async () => {
    const tag = unique();
    const first = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Apart Adult ${tag}`, dateOfBirth: '1981-04-05' }),
    );
    const second = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Apart Adult ${tag}`, dateOfBirth: '1981-04-05' }),
    );
    expect(pairOf(await proposals('PersonOfInterest'), first, second)).toBeDefined();

    const decided = await keepApart([second, first], 'Test reason: different people on the school roll');
    expect(decided.status).toBe(201);
    expect(decided.body.decision).toMatchObject({
      reason: 'Test reason: different people on the school roll',
      version: 1,
    });
    expect(decided.body.records.map((r) => r.id)).toEqual([second.id, first.id]);
    const id = decided.body.decision.id;
    expect(pairOf(await proposals('PersonOfInterest'), first, second)).toBeUndefined();
    expect((await decisions('PersonOfInterest')).find((d) => d.decision.id === id)).toBeDefined();
    expect(await decisions('Location')).not.toContainEqual(
      expect.objectContaining({ decision: expect.objectContaining({ id }) }),
    );
    const [stored] = await api.graph.read<{ concerns: string; distinct: string }>(
      `MATCH (d:NotDuplicateDecision {id: $id})-[:CONCERNS]->(a:PersonOfInterest), (d)-[:DISTINCT_FROM]->(b:PersonOfInterest)
       RETURN a.id AS concerns, b.id AS distinct`,
      { id },
    );
    expect(stored).toEqual({ concerns: second.id, distinct: first.id });
    const [audited] = await api.graph.read<{ username: string }>(
      "MATCH (e:AuditEvent {subjectId: $id, subjectType: 'NotDuplicateDecision', action: 'create'}) RETURN e.username AS username",
      { id },
    );
    expect(audited?.username).toBe('analyst');

    // Judged once, either way round; a merge of the pair is refused while the decision stands.
    expect((await keepApart([first, second])).status).toBe(409);
    const refused = await merge(first, second);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('not to be duplicates');
    expect((await api.request('GET', `/api/persons-of-interest/${second.id}`)).status).toBe(200);

    const stale = await api.request<ErrorBody>('POST', `/api/duplicates/not-duplicates/${id}/reverse`, { version: 2 });
    expect(stale.status).toBe(409);
    const reversed = await api.request<NotDuplicate>('POST', `/api/duplicates/not-duplicates/${id}/reverse`, {
      version: 1,
    });
    expect(reversed.status).toBe(200);
    expect(reversed.body.decision).toMatchObject({ reversedBy: 'analyst', version: 2 });
    expect(typeof reversed.body.decision.reversedAt).toBe('string');
    expect((await api.request('POST', `/api/duplicates/not-duplicates/${id}/reverse`, { version: 2 })).status).toBe(
      409,
    );
    expect(pairOf(await proposals('PersonOfInterest'), first, second)).toBeDefined();
    expect((await decisions('PersonOfInterest')).find((d) => d.decision.id === id)).toBeUndefined();
    expect(
      (await decisions('PersonOfInterest', '&includeReversed=true')).find((d) => d.decision.id === id),
    ).toBeDefined();
    const [reversal] = await api.graph.read<{ count: number }>(
      "MATCH (e:AuditEvent {subjectId: $id, action: 'update'}) RETURN count(e) AS count",
      { id },
    );
    expect(reversal?.count).toBe(1);
    // Once reversed the pair may be judged again, and merged.
    expect((await merge(first, second)).status).toBe(200);
  });

  it('refuses a record with itself, records of two kinds, unknown or unseen records, and roles that may not merge', async () => {
    const child = await create('/api/young-people', youngPersonInput());
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    expect((await keepApart([child, child])).status).toBe(400);
    const across = await keepApart([child, adult]);
    expect(across.status).toBe(400);
    expect(across.body.error.message).toContain('one kind');
    expect((await keepApart([child, { id: crypto.randomUUID(), version: 1 }])).status).toBe(404);
    expect((await keepApart([child, adult], undefined, member)).status).toBe(403);
    expect((await member.request('GET', '/api/duplicates/not-duplicates?label=YoungPerson')).status).toBe(403);
    expect(
      (await api.request('POST', `/api/duplicates/not-duplicates/${crypto.randomUUID()}/reverse`, { version: 1 }))
        .status,
    ).toBe(404);

    // A decision about a police-only record is police-only too.
    const police = await api.client('police');
    const secret = await police.request<Row>(
      'POST',
      '/api/persons-of-interest',
      personOfInterestInput({ name: `Apart Secret ${unique()}`, gradingHandling: 'C' }),
    );
    expect((await keepApart([adult, secret.body])).status).toBe(404);
    const policeDecision = await keepApart([adult, secret.body], undefined, police);
    expect(policeDecision.status).toBe(201);
    const id = policeDecision.body.decision.id;
    expect((await decisions('PersonOfInterest', '', police)).some((d) => d.decision.id === id)).toBe(true);
    expect((await decisions('PersonOfInterest')).some((d) => d.decision.id === id)).toBe(false);
    expect((await api.request('POST', `/api/duplicates/not-duplicates/${id}/reverse`, { version: 1 })).status).toBe(
      404,
    );
  });
});
