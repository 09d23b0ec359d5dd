import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { caseworkStore } from '../../api/operations/casework/casework-store.ts';
import type { Dashboard } from '../../api/operations/dashboard/dashboard.service.ts';
import { monthEnd } from '../../api/operations/dashboard/level-history.ts';
import { recordLevelDecision } from '../../api/operations/levels/levels.service.ts';
import { addMonths } from '../../api/operations/levels/review-due.ts';
import { todayIso } from '../../graph-schema/calendar.ts';
import { action, meeting, plan, riskAssessment } from '../../graph-schema/casework/index.ts';
import type { LevelOfConcern } from '../../graph-schema/index.ts';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

let api: TestApi;
let police: TestClient;
let member: TestClient;
const analystActor: Actor = { username: 'analyst', role: 'analyst' };
const policeActor: Actor = { username: 'police', role: 'police' };
const plans = caseworkStore(plan);
const actions = caseworkStore(action);
const assessments = caseworkStore(riskAssessment);
const meetings = caseworkStore(meeting);

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const random = () => String(Math.floor(Math.random() * 1e8));
/** "AA-" sorts first among a level's young people, so the test's own are on the first page of every list. */
const reference = () => `AA-${random()}`;

interface Made {
  id: string;
  reference: string;
  name: string;
}

async function youngPerson(overrides: Record<string, unknown> = {}, client: TestClient = api): Promise<Made> {
  const input = youngPersonInput({ reference: reference(), levelOfConcern: 3, ...overrides });
  const created = await client.request<{ id: string }>('POST', '/api/young-people', input);
  expect(created.status).toBe(201);
  return { id: created.body.id, reference: input.reference, name: input.name };
}

const decide = (youngPersonId: string, level: LevelOfConcern, decidedOn: string, actor = analystActor) =>
  api.graph.writeTransaction((tx) =>
    recordLevelDecision(
      tx,
      { youngPersonId, level, decidedOn, agreedBy: 'CSE Operations Group', reason: 'Test: agreed at the meeting' },
      actor,
    ),
  );

const makePlan = (youngPersonId: string, endedOn?: string, actor = analystActor) =>
  api.graph.writeTransaction((tx) =>
    plans.create(
      tx,
      {
        properties: { type: 'cse-action-plan', startedOn: daysFromToday(-60), ...(endedOn ? { endedOn } : {}) },
        links: { PLAN_FOR: youngPersonId },
      },
      actor,
    ),
  );

const makeAction = (
  target: string,
  properties: Record<string, unknown>,
  actor = analystActor,
  links: Record<string, string> = {},
) =>
  api.graph.writeTransaction((tx) =>
    actions.create(
      tx,
      {
        properties: {
          what: 'Test: visit the young person at school',
          ownerName: 'Officer Example',
          ownerAgency: 'Police',
          dueOn: daysFromToday(-3),
          status: 'open',
          category: 'protect',
          ...properties,
        },
        links: { TARGETS: target, ...links },
      },
      actor,
    ),
  );

const makeAssessment = (youngPersonId: string, assessedOn: string, actor = analystActor) =>
  api.graph.writeTransaction((tx) =>
    assessments.create(
      tx,
      {
        properties: {
          assessor: 'Assessor Example',
          assessorAgency: 'Health',
          assessedOn,
          route: 'cse-risk-assessment',
          indicators: [],
        },
        derived: { suggestedLevel: 3, suggestionReasons: [] },
        links: { ASSESSES: youngPersonId },
      },
      actor,
    ),
  );

async function dashboard(client: TestClient = api): Promise<Dashboard> {
  const answer = await client.request<Dashboard>('GET', '/api/dashboard');
  expect(answer.status).toBe(200);
  return answer.body;
}

/**
 * Counts over the whole database move while other test files write to it: a change is measured as the difference
 * between two readings around the test's own writes, tried again (with fresh writes) if another file wrote between.
 */
async function measuredChange<T>(
  read: () => Promise<T>,
  write: () => Promise<void>,
  expected: (before: T, after: T) => boolean,
) {
  for (let attempt = 1; ; attempt += 1) {
    const before = await read();
    await write();
    const after = await read();
    if (expected(before, after) || attempt === 3) return { before, after };
  }
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('the dashboard', () => {
  it('counts current cases by level, and leaves archived and police-only cases out for everyone but the police', async () => {
    const read = async () => ({
      analyst: (await dashboard()).levels.current,
      police: (await dashboard(police)).levels.current,
    });
    const write = async () => {
      await youngPerson({ levelOfConcern: 1 });
      await youngPerson({ levelOfConcern: 3 });
      await youngPerson({ levelOfConcern: 3 });
      const archived = await youngPerson({ levelOfConcern: 2 });
      await decide(archived.id, 'archived', todayIso());
      await youngPerson({ levelOfConcern: 2, gradingHandling: 'C' }, police);
    };
    const delta = (before: Record<number, number>, after: Record<number, number>) =>
      [1, 2, 3].map((l) => (after[l] ?? 0) - (before[l] ?? 0));
    const { before, after } = await measuredChange(
      read,
      write,
      (b, a) =>
        JSON.stringify([delta(b.analyst, a.analyst), delta(b.police, a.police)]) ===
        JSON.stringify([
          [1, 0, 2],
          [1, 1, 2],
        ]),
    );
    expect(delta(before.analyst, after.analyst)).toEqual([1, 0, 2]);
    expect(delta(before.police, after.police)).toEqual([1, 1, 2]);
  });

  it('rebuilds the 12-month trend from the dated level history', async () => {
    const thisMonth = todayIso().slice(0, 7);
    const monthAgo = (months: number) => addMonths(`${thisMonth}-05`, -months);
    const read = async () => (await dashboard()).levels.trend;
    const write = async () => {
      const made = await youngPerson({ levelOfConcern: 2 });
      // A record made two years ago, at level 2, whose level the group later changed.
      await api.graph.write(`MATCH (yp:YoungPerson {id: $id}) SET yp.createdAt = datetime() - duration('P2Y')`, {
        id: made.id,
      });
      await decide(made.id, 3, monthAgo(9));
      await decide(made.id, 1, monthAgo(7));
      await decide(made.id, 'archived', monthAgo(5));
    };
    // Month-ends from 11 months ago to 5 months ago: level 2, then 3, 3, then 1, 1, then nothing.
    const expected = [
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ];
    const changes = (before: Dashboard['levels']['trend'], after: Dashboard['levels']['trend']) =>
      after
        .slice(0, 7)
        .map((point, i) => [1, 2, 3].map((l) => point.levels[l as 1] - (before[i]?.levels[l as 1] ?? 0)));
    const { before, after } = await measuredChange(
      read,
      write,
      (b, a) => JSON.stringify(changes(b, a)) === JSON.stringify(expected),
    );
    expect(after).toHaveLength(12);
    expect(after.at(-1)).toMatchObject({ month: thisMonth, on: todayIso() });
    expect(after[0]?.month).toBe(addMonths(`${thisMonth}-01`, -11).slice(0, 7));
    expect(after[0]?.on).toBe(monthEnd(after[0]?.month ?? ''));
    expect(changes(before, after)).toEqual(expected);
  });

  it('lists reviews overdue and due in the next 30 days, soonest first, linking each young person', async () => {
    const overdue = await youngPerson();
    await decide(overdue.id, 3, addMonths(todayIso(), -60));
    const dueSoon = await youngPerson();
    await decide(dueSoon.id, 3, daysFromToday(-10));
    const later = await youngPerson({ levelOfConcern: 1 });
    await decide(later.id, 1, todayIso());
    const hidden = await youngPerson({ gradingHandling: 'C' }, police);
    await decide(hidden.id, 3, addMonths(todayIso(), -60), policeActor);

    const { reviews } = await dashboard();
    expect(reviews.windowDays).toBe(30);
    const overdueRow = reviews.overdue.items.find((row) => row.youngPerson.id === overdue.id);
    expect(overdueRow).toMatchObject({ reviewDue: addMonths(addMonths(todayIso(), -60), 1) });
    expect(reviews.overdue.items.every((row) => row.reviewDue < todayIso())).toBe(true);
    expect(ids(reviews.overdue.items.map((row) => row.youngPerson))).not.toContain(hidden.id);
    const soon = reviews.dueSoon.items.find((row) => row.youngPerson.id === dueSoon.id);
    expect(soon?.reviewDue).toBe(addMonths(daysFromToday(-10), 1));
    expect(ids(reviews.dueSoon.items.map((row) => row.youngPerson))).not.toContain(later.id);
    expect(
      reviews.dueSoon.items.every((row) => row.reviewDue >= todayIso() && row.reviewDue <= daysFromToday(30)),
    ).toBe(true);
    const dates = reviews.dueSoon.items.map((row) => row.reviewDue);
    expect(dates).toEqual([...dates].sort());
    expect(reviews.overdue.total).toBeGreaterThanOrEqual(reviews.overdue.items.length);

    const policeView = await dashboard(police);
    expect(ids(policeView.reviews.overdue.items.map((row) => row.youngPerson))).toContain(hidden.id);
  });

  it('groups overdue actions by agency: open and past their due date, about records the viewer may see', async () => {
    const agency = `Test Agency ${random()}`;
    const other = `Test Agency ${random()}`;
    const child = await youngPerson();
    const hiddenChild = await youngPerson({ gradingHandling: 'C' }, police);
    const overdueOne = await makeAction(child.id, { ownerAgency: agency, dueOn: daysFromToday(-10) });
    const overdueTwo = await makeAction(child.id, { ownerAgency: agency, dueOn: daysFromToday(-1) });
    await makeAction(child.id, { ownerAgency: agency, dueOn: todayIso() });
    await makeAction(child.id, {
      ownerAgency: agency,
      dueOn: daysFromToday(-5),
      status: 'done',
      completedOn: todayIso(),
    });
    await makeAction(child.id, { ownerAgency: agency, dueOn: daysFromToday(-5), status: 'cancelled' });
    await makeAction(child.id, { ownerAgency: other, dueOn: daysFromToday(-2) });
    const secret = await makeAction(hiddenChild.id, { ownerAgency: agency, dueOn: daysFromToday(-4) }, policeActor);
    // An action about a visible adult, on the plan of a police-only young person, is police-only too.
    const plannedFor = await makePlan(hiddenChild.id, undefined, policeActor);
    const onHiddenPlan = await makeAction(child.id, { ownerAgency: agency, dueOn: daysFromToday(-4) }, policeActor, {
      PART_OF: plannedFor.id,
    });

    const { overdueActions } = await dashboard();
    const mine = overdueActions.byAgency.find((group) => group.agency === agency);
    expect(mine?.total).toBe(2);
    expect(ids(mine?.items ?? [])).toEqual([overdueOne.id, overdueTwo.id]);
    expect(mine?.items[0]).toMatchObject({
      ownerName: 'Officer Example',
      dueOn: daysFromToday(-10),
      daysOverdue: 10,
      what: 'Test: visit the young person at school',
      target: { id: child.id, label: 'YoungPerson', caption: child.name },
    });
    expect(overdueActions.byAgency.find((group) => group.agency === other)?.total).toBe(1);
    expect(overdueActions.total).toBeGreaterThanOrEqual(3);
    const counts = overdueActions.byAgency.map((group) => group.total);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const policeMine = (await dashboard(police)).overdueActions.byAgency.find((group) => group.agency === agency);
    expect(policeMine?.total).toBe(4);
    expect(ids(policeMine?.items ?? [])).toEqual(
      expect.arrayContaining([overdueOne.id, overdueTwo.id, secret.id, onHiddenPlan.id]),
    );
  });

  it('lists young people at risk without a running plan', async () => {
    const none = await youngPerson();
    const ended = await youngPerson();
    await makePlan(ended.id, daysFromToday(-1));
    const running = await youngPerson();
    await makePlan(running.id);
    const endingToday = await youngPerson();
    await makePlan(endingToday.id, todayIso());
    const archived = await youngPerson();
    await decide(archived.id, 'archived', todayIso());
    const hidden = await youngPerson({ gradingHandling: 'C' }, police);

    const listed = ids((await dashboard()).withoutPlan.items);
    expect(listed).toEqual(expect.arrayContaining([none.id, ended.id]));
    for (const id of [running.id, endingToday.id, archived.id, hidden.id]) expect(listed).not.toContain(id);
    expect(ids((await dashboard(police)).withoutPlan.items)).toContain(hidden.id);
  });

  it('lists assessments awaiting discussion until a meeting discusses them, and names the next open meeting', async () => {
    const child = await youngPerson();
    const waiting = await makeAssessment(child.id, '2015-01-02');
    const discussed = await makeAssessment(child.id, '2015-01-01');
    const held = await api.graph.writeTransaction((tx) =>
      meetings.create(
        tx,
        {
          properties: {
            heldOn: daysFromToday(-1),
            title: 'CSE Operations Group',
            chair: 'Chair Example',
            attendees: [],
            learningLinks: [],
          },
          links: {},
        },
        analystActor,
      ),
    );
    await api.graph.writeTransaction((tx) =>
      assessments.relink(tx, discussed.id, 'DISCUSSED_AT', held.id, analystActor),
    );
    const hiddenChild = await youngPerson({ gradingHandling: 'C' }, police);
    const hidden = await makeAssessment(hiddenChild.id, '2015-01-01', policeActor);

    const { awaitingDiscussion, nextMeeting } = await dashboard();
    const row = awaitingDiscussion.items.find((item) => item.id === waiting.id);
    expect(row).toMatchObject({
      assessedOn: '2015-01-02',
      assessorAgency: 'Health',
      suggestedLevel: 3,
      youngPerson: { id: child.id },
    });
    expect(ids(awaitingDiscussion.items)).not.toContain(discussed.id);
    expect(ids(awaitingDiscussion.items)).not.toContain(hidden.id);
    expect(ids((await dashboard(police)).awaitingDiscussion.items)).toContain(hidden.id);
    if (nextMeeting) expect(nextMeeting.heldOn >= todayIso()).toBe(true);
  });

  it('shows a member young people by reference, without names or what an action says', async () => {
    const child = await youngPerson();
    await makeAction(child.id, { ownerAgency: `Test Agency ${random()}`, what: `Test: meet ${child.name}` });
    const answer = await member.request<Dashboard>('GET', '/api/dashboard');
    expect(answer.status).toBe(200);
    const row = answer.body.withoutPlan.items.find((item) => item.id === child.id);
    expect(row).toMatchObject({ caption: child.reference, pseudonymised: true });
    const action = answer.body.overdueActions.byAgency
      .flatMap((group) => group.items)
      .find((item) => item.target.id === child.id);
    expect(action).toBeDefined();
    expect(action?.what).toBeUndefined();
    expect(JSON.stringify(answer.body)).not.toContain(child.name);
  });

  it('lists the top hotspots and groups from the analyses, and is refused to the admin', async () => {
    const answer = await dashboard();
    expect(answer.hotspots.items.length).toBeLessThanOrEqual(5);
    expect(answer.groups.items.length).toBeLessThanOrEqual(5);
    const hotspots = await api.request<{ items: { location: { id: string } }[] }>(
      'GET',
      '/api/analysis/hotspots?limit=5',
    );
    expect(answer.hotspots.items.map((item) => item.location.id)).toEqual(
      hotspots.body.items.map((item) => item.location.id),
    );
    const admin = await api.client('admin');
    expect((await admin.request('GET', '/api/dashboard')).status).toBe(403);
  });
});
