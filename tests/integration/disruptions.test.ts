import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/auth/roles.ts';
import { addDays, todayIso } from '../../graph-schema/calendar.ts';
import { locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { createdBy, startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type Disruption = Row & {
  tactic: string;
  active: boolean;
  breaches: { on: string; note?: string }[];
  subject: { id: string; label: string };
  expiresOn?: string;
};
type Page = { items: Disruption[]; total: number };
type ErrorBody = { error: { code: string; message: string; details: { field: string }[] } };

let api: TestApi;
const clients = {} as Record<Role, TestClient>;
const today = todayIso();
const daysFromToday = (days: number) => addDays(today, days);

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['analyst', 'police', 'member'] as const) clients[role] = await api.client(role);
});
afterAll(async () => {
  await api?.close();
});

const create = (path: string, body: unknown, client = clients.analyst) => createdBy<Row>(client, path, body);
const adult = (overrides = {}, client = clients.analyst) =>
  create('/api/persons-of-interest', personOfInterestInput(overrides), client);

const disruptionBody = (subject: string, overrides: Record<string, unknown> = {}) => ({
  subject,
  tactic: 'sexual-risk-order',
  agency: 'Police',
  servedOn: daysFromToday(-30),
  expiresOn: daysFromToday(300),
  ...overrides,
});
const log = (subject: string, overrides: Record<string, unknown> = {}, client = clients.analyst) =>
  client.request<Disruption & ErrorBody>('POST', '/api/disruptions', disruptionBody(subject, overrides));
const logOk = async (subject: string, overrides: Record<string, unknown> = {}, client = clients.analyst) => {
  const logged = await log(subject, overrides, client);
  expect(logged.status).toBe(201);
  return logged.body;
};
const of = async (subject: string, client = clients.analyst, query = '') =>
  (await client.request<Page>('GET', `/api/disruptions?subject=${subject}${query}`)).body;
const networkNode = async (id: string, client = clients.analyst) => {
  const network = await client.request<{ nodes: { id: string; record: Record<string, unknown> }[] }>(
    'GET',
    '/api/network?nodeLimit=10000&linkLimit=1',
  );
  return network.body.nodes.find((node) => node.id === id);
};

describe('the disruption log', () => {
  it('logs a tactic against a person of interest, shown on their record and marked on the chart', async () => {
    const poi = await adult();
    expect((await networkNode(poi.id))?.record.disrupted).toBeUndefined();
    const logged = await logOk(poi.id, { outcome: 'Test: order granted at court' });
    expect(logged).toMatchObject({
      tactic: 'sexual-risk-order',
      active: true,
      breaches: [],
      version: 1,
      subject: { id: poi.id, label: 'PersonOfInterest' },
    });
    expect((await of(poi.id)).items.map((d) => d.id)).toEqual([logged.id]);
    expect((await networkNode(poi.id))?.record.disrupted).toBe(true);
  });

  it('logs a closure order against a location', async () => {
    const place = await create('/api/locations', locationInput({ type: 'takeaway' }));
    const logged = await logOk(place.id, { tactic: 'closure-order', agency: 'Licensing', expiresOn: undefined });
    expect(logged).toMatchObject({ active: true, subject: { id: place.id, label: 'Location' } });
    expect((await networkNode(place.id))?.record.disrupted).toBe(true);
  });

  it('stops marking a record once its disruption has expired', async () => {
    const poi = await adult();
    const expired = await logOk(poi.id, {
      tactic: 'child-abduction-warning-notice',
      servedOn: daysFromToday(-400),
      expiresOn: daysFromToday(-35),
    });
    expect(expired.active).toBe(false);
    expect((await of(poi.id, clients.analyst, '&active=true')).total).toBe(0);
    expect((await of(poi.id)).total).toBe(1);
    expect((await networkNode(poi.id))?.record.disrupted).toBeUndefined();
    const lastDay = await logOk(poi.id, { servedOn: daysFromToday(-10), expiresOn: today });
    expect(lastDay.active).toBe(true);
    expect((await networkNode(poi.id))?.record.disrupted).toBe(true);
  });
});

describe('dates and details that must make sense', () => {
  it.each([
    ['"other" without its detail', { tactic: 'other' }, 'tacticDetail'],
    ['an expiry before the date served', { expiresOn: daysFromToday(-31) }, 'expiresOn'],
    ['a review before the date served', { reviewOn: daysFromToday(-40) }, 'reviewOn'],
    ['a date served in the future', { servedOn: daysFromToday(2), expiresOn: daysFromToday(10) }, 'servedOn'],
    ['an unknown tactic', { tactic: 'stern-word' }, 'tactic'],
  ])('refuses %s with a 400, writing nothing', async (_case, overrides, field) => {
    const poi = await adult();
    const refused = await log(poi.id, overrides);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d) => d.field)).toContain(field);
    expect((await of(poi.id)).total).toBe(0);
  });

  it('accepts "other" with its detail, and refuses a young person as a subject', async () => {
    const poi = await adult();
    const other = await logOk(poi.id, { tactic: 'other', tacticDetail: 'Test: partnership warning letter' });
    expect(other).toMatchObject({ tactic: 'other', tacticDetail: 'Test: partnership warning letter' });
    const child = await create('/api/young-people', youngPersonInput());
    expect((await log(child.id)).status).toBe(404);
    expect((await log(crypto.randomUUID())).status).toBe(404);
  });

  it('refuses a change that would put the expiry before a breach or the date served', async () => {
    const poi = await adult();
    const logged = await logOk(poi.id);
    const breached = await clients.analyst.request<Disruption>('POST', `/api/disruptions/${logged.id}/breaches`, {
      on: daysFromToday(-5),
      version: 1,
    });
    expect(breached.status).toBe(200);
    const early = await clients.analyst.request<ErrorBody>('PATCH', `/api/disruptions/${logged.id}`, {
      expiresOn: daysFromToday(-10),
      version: 2,
    });
    expect(early.status).toBe(400);
    const ok = await clients.analyst.request<Disruption>('PATCH', `/api/disruptions/${logged.id}`, {
      reviewOn: daysFromToday(60),
      outcome: 'Test: reviewed with the court',
      version: 2,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 3, expiresOn: daysFromToday(300), reviewOn: daysFromToday(60) });
  });
});

describe('breaches', () => {
  it('adds breaches in date order, each on or after the date served and before any expiry', async () => {
    const poi = await adult();
    const logged = await logOk(poi.id, { expiresOn: daysFromToday(-2), servedOn: daysFromToday(-100) });
    const add = (body: Record<string, unknown>) =>
      clients.analyst.request<Disruption & ErrorBody>('POST', `/api/disruptions/${logged.id}/breaches`, body);
    const second = await add({ on: daysFromToday(-10), note: 'Test: seen with the young person', version: 1 });
    expect(second.status).toBe(200);
    const first = await add({ on: daysFromToday(-50), version: 2 });
    expect(first.body.breaches).toEqual([
      { on: daysFromToday(-50) },
      { on: daysFromToday(-10), note: 'Test: seen with the young person' },
    ]);
    for (const [on, why] of [
      [daysFromToday(-101), 'before served'],
      [daysFromToday(-1), 'after expiry'],
    ] as const) {
      const refused = await add({ on, version: 3 });
      expect(refused.status, why).toBe(400);
      expect(refused.body.error.details[0]?.field).toBe('on');
    }
    const stale = await add({ on: daysFromToday(-20), version: 1 });
    expect(stale.status).toBe(409);
    const after = await clients.analyst.request<Disruption>('GET', `/api/disruptions/${logged.id}`);
    expect(after.body).toMatchObject({ version: 3 });
    expect(after.body.breaches).toHaveLength(2);
  });
});

describe('a police-only subject', () => {
  it('keeps its disruption police-only: not listed, not read, not marked, not logged by others', async () => {
    const secret = await adult({ gradingHandling: 'C' }, clients.police);
    const logged = await logOk(secret.id, {}, clients.police);
    expect((await of(secret.id, clients.police)).total).toBe(1);
    expect((await networkNode(secret.id, clients.police))?.record.disrupted).toBe(true);
    for (const role of ['analyst', 'member'] as const) {
      expect((await of(secret.id, clients[role])).total).toBe(0);
      expect((await clients[role].request('GET', `/api/disruptions/${logged.id}`)).status).toBe(404);
      const all = await clients[role].request<Page>('GET', '/api/disruptions?limit=500');
      expect(all.body.items.map((d) => d.id)).not.toContain(logged.id);
    }
    expect((await log(secret.id)).status).toBe(404);
    const breach = await clients.analyst.request('POST', `/api/disruptions/${logged.id}/breaches`, {
      on: today,
      version: 1,
    });
    expect(breach.status).toBe(404);
  });
});
