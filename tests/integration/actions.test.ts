import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/auth/roles.ts';
import { createAction } from '../../api/operations/actions/actions.service.ts';
import { addDays, todayIso } from '../../graph-schema/calendar.ts';
import { locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { createdBy, startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ActionView = Row & {
  status: string;
  currentStatus: string;
  overdue: boolean;
  dueOn: string;
  completedOn?: string;
  outcome?: string;
  what?: string;
  subject: { id: string; label: string; caption: string };
  planId: string | null;
};
type Page = { items: ActionView[]; total: number };
type ErrorBody = { error: { code: string; message: string; details: { field: string }[] } };

let api: TestApi;
const clients = {} as Record<Role, TestClient>;
const today = todayIso();
const daysFromToday = (days: number) => addDays(today, days);
/** An agency name no other test uses, so lists by agency hold only this test's actions. */
const uniqueAgency = () => `Test Agency ${Math.floor(Math.random() * 1e9)}`;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['analyst', 'police', 'member'] as const) clients[role] = await api.client(role);
});
afterAll(async () => {
  await api?.close();
});

const create = (path: string, body: unknown, client = clients.analyst) => createdBy<Row>(client, path, body);
const child = (overrides = {}, client = clients.analyst) =>
  create('/api/young-people', youngPersonInput({ levelOfConcern: 2, ...overrides }), client);

const actionBody = (subject: string, overrides: Record<string, unknown> = {}) => ({
  what: 'Test: visit at school and talk about safe adults',
  ownerName: 'Social Worker Example',
  ownerAgency: "Children's Social Care",
  dueOn: daysFromToday(14),
  category: 'protect',
  subject,
  ...overrides,
});
const addAction = (subject: string, overrides: Record<string, unknown> = {}, client = clients.analyst) =>
  create('/api/actions', actionBody(subject, overrides), client) as Promise<ActionView>;
const patch = (id: string, body: Record<string, unknown>, client = clients.analyst) =>
  client.request<ActionView & ErrorBody>('PATCH', `/api/actions/${id}`, body);
const list = async (query: string, client = clients.analyst) =>
  (await client.request<Page>('GET', `/api/actions?limit=500&${query}`)).body;
/** Actions with this text: other files add actions to the same database while this one runs. */
const countActions = async (what: string) =>
  (await api.graph.read<{ n: number }>('MATCH (a:Action {what: $what}) RETURN count(a) AS n', { what }))[0]?.n ?? 0;

describe('adding an action', () => {
  it("opens it on its subject, in the young person's current plan, audited", async () => {
    const yp = await child();
    const plan = (
      await clients.analyst.request<{ current: Row }>('POST', `/api/young-people/${yp.id}/plans`, {
        type: 'cse-action-plan',
        startedOn: today,
      })
    ).body.current;
    const added = await addAction(yp.id);
    expect(added).toMatchObject({
      status: 'open',
      currentStatus: 'open',
      overdue: false,
      version: 1,
      planId: plan.id,
      subject: { id: yp.id, label: 'YoungPerson', caption: yp.name },
    });
    expect((await list(`subject=${yp.id}`)).items.map((a) => a.id)).toEqual([added.id]);
    expect((await list(`plan=${plan.id}`)).items.map((a) => a.id)).toEqual([added.id]);
    const [audited] = await api.graph.read<{ n: number }>(
      "MATCH (e:AuditEvent {subjectType: 'Action', subjectId: $id, action: 'create'}) RETURN count(e) AS n",
      { id: added.id },
    );
    expect(audited?.n).toBe(1);
  });

  it("targets an adult or a location, listed on the young person's plan when it is part of it", async () => {
    const yp = await child();
    const plan = (
      await clients.analyst.request<{ current: Row }>('POST', `/api/young-people/${yp.id}/plans`, {
        type: 'cse-action-plan',
        startedOn: today,
      })
    ).body.current;
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    const place = await create('/api/locations', locationInput());
    const pursue = await addAction(adult.id, { category: 'pursue', ownerAgency: 'Police', plan: plan.id });
    const prevent = await addAction(place.id, { category: 'prevent', ownerAgency: 'Licensing' });
    expect(pursue.subject).toMatchObject({ id: adult.id, label: 'PersonOfInterest' });
    expect(prevent).toMatchObject({ planId: null, subject: { id: place.id, label: 'Location' } });
    expect((await list(`subject=${yp.id}`)).items.map((a) => a.id)).toEqual([pursue.id]);
  });

  it('refuses bad input and a subject that does not exist or cannot be targeted, writing nothing', async () => {
    const yp = await child();
    const what = `Test: refused ${crypto.randomUUID()}`;
    const event = await create('/api/events', {
      title: 'Test sighting',
      type: 'sighting',
      occurredOn: today,
    });
    const answers = await Promise.all([
      clients.analyst.request<ErrorBody>('POST', '/api/actions', actionBody(yp.id, { what, category: 'punish' })),
      clients.analyst.request<ErrorBody>('POST', '/api/actions', actionBody(yp.id, { what, dueOn: '2026-02-30x' })),
      clients.analyst.request<ErrorBody>('POST', '/api/actions', actionBody(yp.id, { what, status: 'done' })),
      clients.analyst.request<ErrorBody>('POST', '/api/actions', actionBody(yp.id, { what: '' })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(answers.map((a) => a.body.error.details[0]?.field)).toEqual(['category', 'dueOn', 'body', 'what']);
    const missing = await clients.analyst.request<ErrorBody>(
      'POST',
      '/api/actions',
      actionBody(crypto.randomUUID(), { what }),
    );
    expect(missing.status).toBe(404);
    expect((await clients.analyst.request('POST', '/api/actions', actionBody(event.id, { what }))).status).toBe(404);
    const noPlan = await clients.analyst.request(
      'POST',
      '/api/actions',
      actionBody(yp.id, { what, plan: crypto.randomUUID() }),
    );
    expect(noPlan.status).toBe(404);
    expect(await countActions(what)).toBe(0);
  });

  it('is all or nothing inside the transaction of the rule that raises it', async () => {
    const yp = await child();
    const actor = { username: 'analyst', role: 'analyst' as const };
    await expect(
      api.graph.writeTransaction(async (tx) => {
        const raised = await createAction(tx, { ...actionBody(yp.id), category: 'protect' }, actor);
        expect(raised).toMatchObject({ status: 'open', subject: { id: yp.id } });
        throw new Error('Test: the rule failed after raising the action');
      }),
    ).rejects.toThrow('the rule failed');
    expect((await list(`subject=${yp.id}`)).total).toBe(0);
  });
});

describe('status', () => {
  it('derives overdue from an open action past its due date, without storing it', async () => {
    const agency = uniqueAgency();
    const yp = await child();
    const late = await addAction(yp.id, { dueOn: daysFromToday(-1), ownerAgency: agency });
    const dueToday = await addAction(yp.id, { dueOn: today, ownerAgency: agency });
    expect(late).toMatchObject({ status: 'open', currentStatus: 'overdue', overdue: true });
    expect(dueToday).toMatchObject({ currentStatus: 'open', overdue: false });
    const [stored] = await api.graph.read<{ status: string }>('MATCH (a:Action {id: $id}) RETURN a.status AS status', {
      id: late.id,
    });
    expect(stored?.status).toBe('open');
    const overdue = await list(`agency=${encodeURIComponent(agency)}&status=overdue`);
    expect(overdue.items.map((a) => a.id)).toEqual([late.id]);
    const open = await list(`agency=${encodeURIComponent(agency)}&status=open`);
    expect(open.items.map((a) => a.id)).toEqual([late.id, dueToday.id]);
    const done = await patch(late.id, { status: 'done', version: 1 });
    expect(done.body).toMatchObject({ status: 'done', currentStatus: 'done', overdue: false });
    expect((await list(`agency=${encodeURIComponent(agency)}&status=overdue`)).total).toBe(0);
  });

  it('completes an action on today by default, with an outcome; never in the future', async () => {
    const yp = await child();
    const action = await addAction(yp.id);
    const future = await patch(action.id, { status: 'done', completedOn: daysFromToday(1), version: 1 });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]?.field).toBe('completedOn');
    const done = await patch(action.id, { status: 'done', outcome: 'Test: seen, safety plan agreed', version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      completedOn: today,
      outcome: 'Test: seen, safety plan agreed',
      version: 2,
    });
    const dated = await addAction(yp.id);
    const earlier = await patch(dated.id, { status: 'done', completedOn: daysFromToday(-2), version: 1 });
    expect(earlier.body).toMatchObject({ completedOn: daysFromToday(-2) });
  });

  it('keeps a done action closed: its plan fixed, its outcome still writable, reopened only with a reason', async () => {
    const yp = await child();
    const action = await addAction(yp.id);
    await patch(action.id, { status: 'done', version: 1 });
    const moved = await patch(action.id, { dueOn: daysFromToday(30), version: 2 });
    expect(moved.status).toBe(409);
    const cancelled = await patch(action.id, { status: 'cancelled', version: 2 });
    expect(cancelled.status).toBe(409);
    const outcome = await patch(action.id, { outcome: 'Test: later, school reports better attendance', version: 2 });
    expect(outcome.status).toBe(200);
    const silent = await patch(action.id, { status: 'open', version: 3 });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details[0]?.field).toBe('reopenReason');
    const reopened = await patch(action.id, {
      status: 'open',
      reopenReason: 'Test: went missing again',
      version: 3,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', reopenReason: 'Test: went missing again', version: 4 });
    expect(reopened.body.completedOn).toBeUndefined();
  });

  it('cancels an open action, and refuses a completion date on it or "overdue" as a status', async () => {
    const yp = await child();
    const action = await addAction(yp.id);
    const overdue = await patch(action.id, { status: 'overdue', version: 1 });
    expect(overdue.status).toBe(400);
    const withDate = await patch(action.id, { status: 'cancelled', completedOn: today, version: 1 });
    expect(withDate.status).toBe(400);
    const cancelled = await patch(action.id, { status: 'cancelled', outcome: 'Test: moved out of area', version: 1 });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', currentStatus: 'cancelled', version: 2 });
  });

  it('answers 409 with the current action when the version is stale, changing nothing', async () => {
    const yp = await child();
    const action = await addAction(yp.id);
    await patch(action.id, { ownerName: 'Youth Worker Example', version: 1 });
    const stale = await clients.analyst.request<ErrorBody & { error: { details: { current: Row } } }>(
      'PATCH',
      `/api/actions/${action.id}`,
      { status: 'done', version: 1 },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ version: 2, ownerName: 'Youth Worker Example' });
    expect((await clients.analyst.request<ActionView>('GET', `/api/actions/${action.id}`)).body).toMatchObject({
      status: 'open',
      version: 2,
    });
  });
});

describe('lists', () => {
  it('filter by owner agency (any case) and due date, soonest due first', async () => {
    const agency = uniqueAgency();
    const yp = await child();
    const later = await addAction(yp.id, { ownerAgency: agency, dueOn: daysFromToday(20) });
    const sooner = await addAction(yp.id, { ownerAgency: agency, dueOn: daysFromToday(5) });
    await addAction(yp.id, { ownerAgency: 'Health', dueOn: daysFromToday(6) });
    const byAgency = await list(`agency=${encodeURIComponent(agency.toUpperCase())}`);
    expect(byAgency.items.map((a) => a.id)).toEqual([sooner.id, later.id]);
    expect(byAgency.total).toBe(2);
    const due = await list(`agency=${encodeURIComponent(agency)}&dueBefore=${daysFromToday(10)}`);
    expect(due.items.map((a) => a.id)).toEqual([sooner.id]);
    expect((await clients.analyst.request('GET', '/api/actions?status=late')).status).toBe(400);
  });
});

describe('police-only subjects', () => {
  it("keep their actions, and those in a police-only young person's plan, from the analyst and the member", async () => {
    const agency = uniqueAgency();
    const secretAdult = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ gradingHandling: 'C' }),
      clients.police,
    );
    const secretChild = await child({ gradingHandling: 'C' }, clients.police);
    const plan = (
      await clients.police.request<{ current: Row }>('POST', `/api/young-people/${secretChild.id}/plans`, {
        type: 'cse-action-plan',
        startedOn: today,
      })
    ).body.current;
    const openAdult = await create('/api/persons-of-interest', personOfInterestInput(), clients.police);
    const onSecret = await addAction(secretAdult.id, { ownerAgency: agency, category: 'pursue' }, clients.police);
    const inSecretPlan = await addAction(openAdult.id, { ownerAgency: agency, plan: plan.id }, clients.police);
    const open = await addAction(openAdult.id, { ownerAgency: agency }, clients.police);
    expect((await list(`agency=${encodeURIComponent(agency)}`, clients.police)).total).toBe(3);
    for (const role of ['analyst', 'member'] as const) {
      const seen = await list(`agency=${encodeURIComponent(agency)}`, clients[role]);
      expect(seen.items.map((a) => a.id)).toEqual([open.id]);
      expect(seen.total).toBe(1);
      expect((await clients[role].request('GET', `/api/actions/${onSecret.id}`)).status).toBe(404);
      expect((await clients[role].request('GET', `/api/actions/${inSecretPlan.id}`)).status).toBe(404);
    }
    expect((await patch(onSecret.id, { status: 'done', version: 1 })).status).toBe(404);
    expect((await clients.analyst.request('POST', '/api/actions', actionBody(secretAdult.id))).status).toBe(404);
  });

  it('shows a member what an action is about by reference, without what may name the child', async () => {
    const yp = await child();
    const action = await addAction(yp.id);
    const seen = await clients.member.request<ActionView>('GET', `/api/actions/${action.id}`);
    expect(seen.body).toMatchObject({ pseudonymised: true, subject: { caption: yp.reference } });
    expect(seen.body.what).toBeUndefined();
  });
});
