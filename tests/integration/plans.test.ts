import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/auth/roles.ts';
import { addDays, todayIso } from '../../graph-schema/calendar.ts';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type Plan = Row & { type: string; startedOn: string; endedOn?: string; current: boolean };
interface Plans {
  youngPerson: { id: string; caption: string };
  atRisk: boolean;
  current: Plan | null;
  noCurrentPlan: boolean;
  expectedType: string;
  plans: Plan[];
}
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

async function child(overrides: Record<string, unknown> = {}, client = clients.analyst): Promise<Row> {
  const created = await client.request<Row>('POST', '/api/young-people', youngPersonInput(overrides));
  expect(created.status).toBe(201);
  return created.body;
}

const plansOf = async (id: string, client = clients.analyst) =>
  (await client.request<Plans>('GET', `/api/young-people/${id}/plans`)).body;

/** Every young person listed as without a plan, page by page: other files' records share the database. */
async function missingList(client = clients.analyst): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await client.request<{ items: { id: string }[]; total: number }>(
      'GET',
      `/api/plans/missing?limit=500&offset=${offset}`,
    );
    ids.push(...page.body.items.map((item) => item.id));
    if (offset + 500 >= page.body.total) return ids;
  }
}

const startPlan = (id: string, body: Record<string, unknown>, client = clients.analyst) =>
  client.request<Plans>('POST', `/api/young-people/${id}/plans`, body);

describe('a young person at risk without a current plan', () => {
  it('is flagged, and listed among those without a plan until a plan starts', async () => {
    const yp = await child({ levelOfConcern: 2, legalStatus: 'child-protection' });
    const before = await plansOf(yp.id);
    expect(before).toMatchObject({
      atRisk: true,
      current: null,
      noCurrentPlan: true,
      expectedType: 'child-protection',
    });
    expect(await missingList()).toContain(yp.id);

    const started = await startPlan(yp.id, { type: 'child-protection', startedOn: daysFromToday(-10) });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ noCurrentPlan: false, current: { type: 'child-protection', current: true } });
    expect(await missingList()).not.toContain(yp.id);
  });

  it('is flagged again once the plan ends, and not at all once archived', async () => {
    const yp = await child({ levelOfConcern: 1 });
    const started = await startPlan(yp.id, { type: 'cse-action-plan', startedOn: daysFromToday(-30) });
    const plan = started.body.current as Plan;
    const ended = await clients.analyst.request<Plans>('PATCH', `/api/plans/${plan.id}`, {
      endedOn: daysFromToday(-1),
      version: plan.version,
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ current: null, noCurrentPlan: true, plans: [{ id: plan.id, current: false }] });
    expect(await missingList()).toContain(yp.id);

    await clients.analyst.request('POST', `/api/young-people/${yp.id}/archive`, {
      reason: 'Test: case closed',
      version: 1,
    });
    expect(await plansOf(yp.id)).toMatchObject({ atRisk: false, noCurrentPlan: false });
    expect(await missingList()).not.toContain(yp.id);
  });
});

describe('plan types', () => {
  it.each(['child-in-need', 'child-protection', 'looked-after-child', 'cse-action-plan'])(
    'accepts a %s plan for a young person under no statutory plan',
    async (type) => {
      const yp = await child();
      const started = await startPlan(yp.id, { type, startedOn: today, leadAgency: "Children's Social Care" });
      expect(started.status).toBe(201);
      expect(started.body.current).toMatchObject({ type, startedOn: today, leadAgency: "Children's Social Care" });
    },
  );

  it('refuses a CSE action plan where a statutory plan applies, and an unknown type, writing nothing', async () => {
    const yp = await child({ legalStatus: 'looked-after' });
    const cse = await startPlan(yp.id, { type: 'cse-action-plan', startedOn: today });
    expect(cse.status).toBe(400);
    expect((cse.body as unknown as ErrorBody).error.details[0]?.field).toBe('type');
    expect((cse.body as unknown as ErrorBody).error.message).toContain('looked after child');
    const unknown = await startPlan(yp.id, { type: 'early-help', startedOn: today });
    expect(unknown.status).toBe(400);
    expect((await plansOf(yp.id)).plans).toEqual([]);
    expect((await startPlan(yp.id, { type: 'looked-after-child', startedOn: today })).status).toBe(201);
  });
});

describe('one plan at a time', () => {
  it('ends the current plan the day before a new one starts, in the same change', async () => {
    const yp = await child({ levelOfConcern: 3, legalStatus: 'child-in-need' });
    const first = (await startPlan(yp.id, { type: 'child-in-need', startedOn: daysFromToday(-60) })).body
      .current as Plan;
    const second = await startPlan(yp.id, { type: 'child-protection', startedOn: daysFromToday(-5) });
    expect(second.status).toBe(201);
    expect(second.body.current).toMatchObject({ type: 'child-protection' });
    expect(second.body.plans.find((p) => p.id === first.id)).toMatchObject({
      endedOn: daysFromToday(-6),
      current: false,
      version: 2,
    });
    const [audited] = await api.graph.read<{ n: number }>(
      "MATCH (e:AuditEvent {subjectId: $id, action: 'update'}) RETURN count(e) AS n",
      { id: first.id },
    );
    expect(audited?.n).toBe(1);
  });

  it('refuses a new plan that would start before the current one, changing nothing', async () => {
    const yp = await child();
    const first = (await startPlan(yp.id, { type: 'cse-action-plan', startedOn: daysFromToday(-5) })).body
      .current as Plan;
    const early = await startPlan(yp.id, { type: 'child-in-need', startedOn: daysFromToday(-9) });
    expect(early.status).toBe(409);
    const after = await plansOf(yp.id);
    expect(after.plans).toHaveLength(1);
    expect(after.current).toMatchObject({ id: first.id, version: 1 });
  });
});

describe('changing a plan', () => {
  it('answers 409 with the current plan when the version is stale, and 400 for an end before the start', async () => {
    const yp = await child();
    const plan = (await startPlan(yp.id, { type: 'cse-action-plan', startedOn: daysFromToday(-20) })).body
      .current as Plan;
    const moved = await clients.analyst.request('PATCH', `/api/plans/${plan.id}`, {
      leadProfessional: 'Social Worker Example',
      version: 1,
    });
    expect(moved.status).toBe(200);
    const stale = await clients.analyst.request<ErrorBody & { error: { details: { currentVersion: number } } }>(
      'PATCH',
      `/api/plans/${plan.id}`,
      { endedOn: today, version: 1 },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2 });
    const backwards = await clients.analyst.request<ErrorBody>('PATCH', `/api/plans/${plan.id}`, {
      endedOn: daysFromToday(-30),
      version: 2,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0]?.field).toBe('endedOn');
    expect((await plansOf(yp.id)).current).toMatchObject({ version: 2, leadProfessional: 'Social Worker Example' });
  });

  it('refuses a plan starting in the future or a missing young person', async () => {
    const yp = await child();
    expect((await startPlan(yp.id, { type: 'cse-action-plan', startedOn: daysFromToday(3) })).status).toBe(400);
    expect((await startPlan(crypto.randomUUID(), { type: 'cse-action-plan', startedOn: today })).status).toBe(404);
    expect((await plansOf(yp.id)).plans).toEqual([]);
  });
});

describe('a police-only young person', () => {
  it('keeps their plans, and their missing plan, from the analyst and the member', async () => {
    const secret = await child({ levelOfConcern: 3, gradingHandling: 'C' }, clients.police);
    const withPlan = await child({ levelOfConcern: 3, gradingHandling: 'C' }, clients.police);
    const started = await startPlan(withPlan.id, { type: 'cse-action-plan', startedOn: today }, clients.police);
    expect(started.status).toBe(201);
    expect(await missingList(clients.police)).toContain(secret.id);
    for (const role of ['analyst', 'member'] as const) {
      expect((await clients[role].request('GET', `/api/young-people/${secret.id}/plans`)).status).toBe(404);
      expect((await clients[role].request('GET', `/api/young-people/${withPlan.id}/plans`)).status).toBe(404);
      expect(await missingList(clients[role])).not.toContain(secret.id);
    }
    const plan = started.body.current as Plan;
    expect(
      (await clients.analyst.request('PATCH', `/api/plans/${plan.id}`, { endedOn: today, version: 1 })).status,
    ).toBe(404);
    expect((await startPlan(secret.id, { type: 'cse-action-plan', startedOn: today })).status).toBe(404);
  });

  it('shows a member the young person by reference only', async () => {
    const yp = await child();
    const seen = await plansOf(yp.id, clients.member);
    expect(seen.youngPerson.caption).toBe(yp.reference);
  });
});
