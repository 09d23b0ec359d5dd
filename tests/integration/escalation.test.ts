import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number; reference?: string };
type Summary = { id: string; caption: string; reference?: string };
type Alert = {
  youngPerson: Summary;
  rule: 'level-rose' | 'linked-to-level-three-adult' | 'linked-to-group-member';
  reason: string;
  evidence: {
    decision?: { id: string; level: number; previousLevel: number };
    link?: { id: string; type: string };
    adult?: Summary;
    levelThreeYoungPeople?: { reference: string; youngPerson: Summary }[];
    group?: { id: string; size: number; members: Summary[] };
  };
};
type Alerts = { since: string; alerts: Alert[] };

let api: TestApi;
let police: TestClient;
let member: TestClient;

const today = () => new Date().toISOString().slice(0, 10);

async function create(client: TestClient, path: string, body: unknown): Promise<Row> {
  const created = await client.request<Row>('POST', path, body);
  expect(created.status, `${path}: ${JSON.stringify(created.body)}`).toBe(201);
  return created.body;
}
const youngPerson = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  create(client, '/api/young-people', youngPersonInput(overrides));
const adult = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  create(client, '/api/persons-of-interest', personOfInterestInput(overrides));
const link = (
  type: string,
  from: string,
  to: string,
  overrides: Record<string, unknown> = {},
  client: TestClient = api,
) => create(client, '/api/links', linkInput({ type, from, to, ...overrides }));
const decide = (id: string, level: number, reason?: string) =>
  api.request('POST', `/api/young-people/${id}/levels`, {
    level,
    decidedOn: today(),
    agreedBy: 'Test Decision',
    ...(reason ? { reason } : {}),
  });

async function alertsFor(client: TestClient, youngPersonId: string): Promise<Alert[]> {
  const answer = await client.request<Alerts>('GET', `/api/escalation-alerts?since=${today()}`);
  expect(answer.status).toBe(200);
  return answer.body.alerts.filter((alert) => alert.youngPerson.id === youngPersonId);
}

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('escalation alerts', () => {
  it('flag a young person whose level rose, with the decision as evidence; a step down flags nobody', async () => {
    const rose = await youngPerson({ levelOfConcern: 1 });
    const fell = await youngPerson({ levelOfConcern: 3 });
    expect((await decide(rose.id, 3, 'Test: found with a known adult')).status).toBe(201);
    expect((await decide(fell.id, 2, 'Test: engaging well')).status).toBe(201);

    const [alert, ...more] = await alertsFor(api, rose.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ rule: 'level-rose', evidence: { decision: { level: 3, previousLevel: 1 } } });
    expect(alert?.reason).toContain('from level 1 to level 3');
    expect(await alertsFor(api, fell.id)).toEqual([]);
  });

  it('flag a new link to an adult already linked to a level-3 young person, naming that one by reference', async () => {
    const atThree = await youngPerson({ levelOfConcern: 3 });
    const man = await adult();
    await link('CONTROLS', man.id, atThree.id);
    const child = await youngPerson({ levelOfConcern: 1, name: 'Test Escalation Name' });
    const newLink = await link('OLDER_PARTNER_OF', man.id, child.id);
    const unrelated = await youngPerson({ levelOfConcern: 1 });
    await link('DRIVES', (await adult()).id, unrelated.id);

    const alerts = await alertsFor(api, child.id);
    const linked = alerts.find((a) => a.rule === 'linked-to-level-three-adult');
    expect(linked?.evidence.link?.id).toBe(newLink.id);
    expect(linked?.evidence.adult?.id).toBe(man.id);
    expect(linked?.evidence.levelThreeYoungPeople?.map((o) => o.reference)).toEqual([atThree.reference]);
    expect(linked?.reason).toContain(String(atThree.reference));
    expect(await alertsFor(api, unrelated.id)).toEqual([]);

    const forMember = (await alertsFor(member, child.id)).find((a) => a.rule === 'linked-to-level-three-adult');
    expect(forMember?.youngPerson.caption).toBe(child.reference);
    expect(JSON.stringify(forMember)).not.toContain('Test Escalation Name');
    expect(forMember?.evidence.levelThreeYoungPeople?.[0]?.youngPerson.caption).toBe(atThree.reference);
  });

  it('flag a new link to a member of an organised group, with the group as evidence', async () => {
    const adults = [await adult(), await adult(), await adult()];
    const shared = [await youngPerson(), await youngPerson()];
    for (const [i, one] of adults.entries()) {
      for (const other of adults.slice(i + 1)) await link('ASSOCIATE_OF', one.id, other.id);
      for (const child of shared) await link('SUPPLIES', one.id, child.id, { supplied: ['gifts'] });
    }
    const groups = await api.request<{ items: { id: string; members: { id: string }[] }[] }>(
      'GET',
      '/api/analysis/groups?limit=500',
    );
    const group = groups.body.items.find((g) => g.members.some((m) => m.id === adults[0]?.id));
    expect(group?.members.map((m) => m.id).sort()).toEqual(adults.map((a) => a.id).sort());

    const child = await youngPerson({ levelOfConcern: 1 });
    const newLink = await link('DRIVES', String(adults[0]?.id), child.id);
    const alert = (await alertsFor(api, child.id)).find((a) => a.rule === 'linked-to-group-member');
    expect(alert?.evidence.link?.id).toBe(newLink.id);
    expect(alert?.evidence.adult?.id).toBe(adults[0]?.id);
    expect(alert?.evidence.group?.size).toBe(3);
    expect(alert?.evidence.group?.members.map((m) => m.id).sort()).toEqual(adults.map((a) => a.id).sort());
    expect(alert?.reason).toContain(String(alert?.evidence.group?.id));
  });

  it('never rest on police-only intelligence for anyone but the police', async () => {
    const secretThree = await youngPerson({ levelOfConcern: 3, gradingHandling: 'C' }, police);
    const man = await adult();
    await link('CONTROLS', man.id, secretThree.id, {}, police);
    const child = await youngPerson({ levelOfConcern: 1 });
    await link('DRIVES', man.id, child.id);

    const openThree = await youngPerson({ levelOfConcern: 3 });
    const other = await adult();
    await link('CONTROLS', other.id, openThree.id);
    const watched = await youngPerson({ levelOfConcern: 1 });
    const secretLink = await link('RECRUITS', other.id, watched.id, { gradingHandling: 'C' }, police);

    const forPolice = await alertsFor(police, child.id);
    expect(forPolice.map((a) => a.rule)).toContain('linked-to-level-three-adult');
    expect((await alertsFor(police, watched.id)).map((a) => a.evidence.link?.id)).toContain(secretLink.id);

    for (const client of [api, member]) {
      expect(await alertsFor(client, child.id)).toEqual([]);
      expect(await alertsFor(client, watched.id)).toEqual([]);
      const all = await client.request<Alerts>('GET', `/api/escalation-alerts?since=${today()}`);
      const text = JSON.stringify(all.body);
      expect(text).not.toContain(secretThree.id);
      expect(text).not.toContain(String(secretThree.reference));
      expect(text).not.toContain(secretLink.id);
    }
  });

  it('count from the last closed meeting by default, and refuse a bad date', async () => {
    const answer = await api.request<Alerts>('GET', '/api/escalation-alerts');
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.body.since)).toBeLessThanOrEqual(Date.now());
    expect((await api.request('GET', '/api/escalation-alerts?since=yesterday')).status).toBe(400);
  });
});
