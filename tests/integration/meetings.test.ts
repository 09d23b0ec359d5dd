import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Meeting = Row & { status: string; closedAt?: string; closedBy?: string; notes: { item: string; text: string }[] };
type Summary = { id: string; caption: string; reference?: string; levelOfConcern?: number | string };
type YoungPersonEntry = {
  youngPerson: Summary & { reviewDue: string | null };
  since: string | null;
  changes: {
    levelChanges: { id: string; level: number }[];
    newLinks: { link: { id: string }; other: Summary }[];
    newLinkCount: number;
    missingEpisodes: { id: string; foundAt: { id: string } | null; returnInterviewWithin72Hours: boolean | null }[];
  };
  actions: { id: string; status: string; overdue: boolean; raisedHere: boolean; what?: string }[];
  openActions: number;
  overdueActions: number;
  planStatus: string;
  suggestion: { assessmentId: string; suggestedLevel: number } | null;
  agreedHere: { id: string; level: number | string; reason?: string } | null;
};
type Hotspot = { id: string; youngPeopleCount: number; adultCount: number };
type AgendaItem = { key: string; title: string } & Record<string, unknown>;
type Agenda = {
  meeting: Meeting;
  previousMeeting: { id: string } | null;
  items: AgendaItem[];
};
type Pack = Agenda & {
  casesByLevel: { level: number; count: number }[];
  totalCases: number;
  network: { nodes: Summary[]; links: { id: string; from: string; to: string }[] };
};

/** The agenda reads every young person, and the machine is shared: generous, never a timed assertion. */
const slow = 120_000;

let api: TestApi;
let police: TestClient;
let member: TestClient;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const today = () => isoDaysAgo(0);

async function create(client: TestClient, path: string, body: unknown): Promise<Row> {
  const created = await client.request<Row>('POST', path, body);
  expect(created.status, `${path}: ${JSON.stringify(created.body)}`).toBe(201);
  return created.body;
}
const youngPerson = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  // A name of its own: other files search young people by the factory's "Test Child N".
  create(
    client,
    '/api/young-people',
    youngPersonInput({ name: `Test Meeting Child ${crypto.randomUUID()}`, ...overrides }),
  );
const adult = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  create(client, '/api/persons-of-interest', personOfInterestInput(overrides));
const place = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  create(client, '/api/locations', locationInput(overrides));
const link = (
  type: string,
  from: string,
  to: string,
  overrides: Record<string, unknown> = {},
  client: TestClient = api,
) => create(client, '/api/links', linkInput({ type, from, to, ...overrides }));

const meetingInput = (overrides: Record<string, unknown> = {}) => ({
  heldOn: today(),
  chair: 'Chair Example',
  attendees: [
    { name: 'Officer Example', agency: 'Police' },
    { name: 'Social Worker Example', agency: "Children's Social Care" },
  ],
  ...overrides,
});
const newMeeting = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  create(client, '/api/meetings', meetingInput(overrides)) as Promise<Meeting>;
const agendaOf = async (id: string, client: TestClient = api) => {
  const answer = await client.request<Agenda>('GET', `/api/meetings/${id}/agenda`);
  expect(answer.status).toBe(200);
  return answer.body;
};
const item = (agenda: Agenda, key: string) => {
  const found = agenda.items.find((i) => i.key === key);
  if (!found) throw new Error(`no ${key} on the agenda`);
  return found;
};
const youngPeopleOf = (agenda: Agenda) =>
  (item(agenda, 'young-people').levels as { level: number; youngPeople: YoungPersonEntry[] }[]).flatMap(
    (level) => level.youngPeople,
  );
const entryFor = (agenda: Agenda, id: string) => youngPeopleOf(agenda).find((entry) => entry.youngPerson.id === id);
const decide = (id: string, level: number | string, reason?: string) =>
  api.request('POST', `/api/young-people/${id}/levels`, {
    level,
    decidedOn: today(),
    agreedBy: 'Test Decision',
    ...(reason ? { reason } : {}),
  });

/** An assessment as the assessment service stores it (its service is not on this branch). */
async function assessment(youngPersonId: string, suggestedLevel: number): Promise<string> {
  const id = crypto.randomUUID();
  await api.graph.write(
    `MATCH (yp:YoungPerson {id: $youngPersonId})
     CREATE (a:RiskAssessment {id: $id, version: 1, assessor: 'Assessor Example', assessorAgency: 'Health',
       assessedOn: date($on), route: 'cse-risk-assessment', indicators: '[]', suggestedLevel: $suggestedLevel,
       suggestionReasons: ['Test: missing regularly'], createdBy: 'analyst', createdAt: datetime(),
       updatedAt: datetime()})-[:ASSESSES]->(yp)`,
    { id, youngPersonId, suggestedLevel, on: isoDaysAgo(3) },
  );
  return id;
}

/** A plan and an action as the plans and actions services store them. */
async function plan(youngPersonId: string, type: string) {
  await api.graph.write(
    `MATCH (yp:YoungPerson {id: $youngPersonId})
     CREATE (:Plan {id: randomUUID(), version: 1, type: $type, startedOn: date($on), createdBy: 'analyst',
       createdAt: datetime(), updatedAt: datetime()})-[:PLAN_FOR]->(yp)`,
    { youngPersonId, type, on: isoDaysAgo(60) },
  );
}
async function actionFor(youngPersonId: string, dueOn: string, status = 'open'): Promise<string> {
  const id = crypto.randomUUID();
  await api.graph.write(
    `MATCH (yp:YoungPerson {id: $youngPersonId})
     CREATE (:Action {id: $id, version: 1, what: 'Test: a visit', ownerName: 'Worker Example', ownerAgency: 'Health',
       dueOn: date($dueOn), status: $status, category: 'protect', createdBy: 'analyst', createdAt: datetime(),
       updatedAt: datetime()})-[:TARGETS]->(yp)`,
    { id, youngPersonId, dueOn, status },
  );
  return id;
}

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('the agenda', () => {
  it(
    'runs in order: assessments, level 3 then 2 then 1 with what changed, alerts, hotspots, groups, standing',
    async () => {
      const one = await youngPerson({ levelOfConcern: 1 });
      const three = await youngPerson({ levelOfConcern: 3 });
      const two = await youngPerson({ levelOfConcern: 2 });
      const gone = await youngPerson({ levelOfConcern: 1 });
      expect((await decide(gone.id, 'archived', 'Test: moved away')).status).toBe(201);
      expect((await decide(three.id, 3)).status).toBe(201);

      const man = await adult();
      const newLink = await link('CONTROLS', man.id, three.id);
      const takeaway = await place({ type: 'takeaway' });
      const episode = await create(api, '/api/events', {
        title: 'Test: missing overnight',
        type: 'missing-episode',
        occurredOn: isoDaysAgo(4),
        endedOn: isoDaysAgo(3),
      });
      await link('INVOLVED_IN', three.id, episode.id);
      await link('INVOLVED_IN', man.id, episode.id);
      await link('HAPPENED_AT', episode.id, takeaway.id);
      const overdue = await actionFor(three.id, isoDaysAgo(5));
      const notYet = await actionFor(three.id, isoDaysAgo(-10));
      const done = await actionFor(three.id, isoDaysAgo(20), 'done');
      await plan(three.id, 'child-protection');
      const assessed = await assessment(two.id, 3);

      const meeting = await newMeeting({ training: 'Test: learning from a case review' });
      const agenda = await agendaOf(meeting.id);
      expect(agenda.items.map((i) => i.key)).toEqual([
        'new-assessments',
        'young-people',
        'escalation-alerts',
        'hotspots',
        'groups',
        'standing',
      ]);

      const assessments = item(agenda, 'new-assessments').assessments as { id: string; youngPerson: Summary }[];
      expect(assessments.find((a) => a.id === assessed)?.youngPerson.id).toBe(two.id);

      const levels = item(agenda, 'young-people').levels as { level: number; youngPeople: YoungPersonEntry[] }[];
      expect(levels.map((l) => l.level)).toEqual([3, 2, 1]);
      const levelOf = (id: string) => levels.find((l) => l.youngPeople.some((e) => e.youngPerson.id === id))?.level;
      expect([levelOf(three.id), levelOf(two.id), levelOf(one.id)]).toEqual([3, 2, 1]);
      expect(levelOf(gone.id)).toBeUndefined();
      const order = youngPeopleOf(agenda).map((e) => e.youngPerson.id);
      expect(order.indexOf(three.id)).toBeLessThan(order.indexOf(two.id));
      expect(order.indexOf(two.id)).toBeLessThan(order.indexOf(one.id));
      for (const level of levels) expect(level.youngPeople.every((e) => e.youngPerson.levelOfConcern === level.level));

      const entry = entryFor(agenda, three.id);
      expect(entry?.changes.newLinks.map((l) => l.link.id)).toContain(newLink.id);
      expect(entry?.changes.newLinks.find((l) => l.link.id === newLink.id)?.other.id).toBe(man.id);
      expect(entry?.changes.missingEpisodes.map((e) => e.id)).toEqual([episode.id]);
      expect(entry?.changes.missingEpisodes[0]?.foundAt?.id).toBe(takeaway.id);
      expect(entry?.actions.map((a) => [a.id, a.overdue])).toEqual([
        [overdue, true],
        [notYet, false],
      ]);
      expect(entry?.actions.map((a) => a.id)).not.toContain(done);
      expect([entry?.openActions, entry?.overdueActions]).toEqual([2, 1]);
      expect(entry?.planStatus).toBe('Child Protection plan');
      expect(entryFor(agenda, two.id)?.planStatus).toBe('no plan');
      expect(entryFor(agenda, two.id)?.suggestion).toMatchObject({ assessmentId: assessed, suggestedLevel: 3 });
      expect(entryFor(agenda, one.id)?.changes.missingEpisodes).toEqual([]);

      expect(item(agenda, 'standing')).toMatchObject({ training: 'Test: learning from a case review' });
    },
    slow,
  );

  it(
    'counts what changed from the last review, and lists a level raised since the previous meeting among the alerts',
    async () => {
      const raised = await youngPerson({ levelOfConcern: 1 });
      expect((await decide(raised.id, 1)).status).toBe(201);
      const before = await newMeeting();
      const closed = await api.request<Meeting>('POST', `/api/meetings/${before.id}/close`, {
        version: before.version,
        assessmentIds: [],
      });
      expect(closed.status).toBe(200);

      expect((await decide(raised.id, 3, 'Test: found with a known adult')).status).toBe(201);
      const meeting = await newMeeting();
      const agenda = await agendaOf(meeting.id);
      expect(agenda.previousMeeting).not.toBeNull();
      const entry = entryFor(agenda, raised.id);
      expect(entry?.changes.levelChanges.map((d) => d.level)).toEqual([3]);
      const alerts = item(agenda, 'escalation-alerts').alerts as { rule: string; youngPerson: Summary }[];
      expect(alerts.filter((a) => a.youngPerson.id === raised.id).map((a) => a.rule)).toEqual(['level-rose']);
    },
    slow,
  );

  it(
    'shows members young people by reference, and never police-only records or their links',
    async () => {
      const child = await youngPerson({ levelOfConcern: 2, name: 'Test Agenda Name' });
      const secretChild = await youngPerson({ levelOfConcern: 3, gradingHandling: 'C' }, police);
      const secretAdult = await adult({ gradingHandling: 'C' }, police);
      const openAdult = await adult();
      const secretLink = await link('SUPPLIES', secretAdult.id, child.id, { supplied: ['money'] }, police);
      const hiddenLink = await link('DRIVES', openAdult.id, child.id, { gradingHandling: 'C' }, police);
      const openLink = await link('DRIVES', openAdult.id, child.id);
      const meeting = await newMeeting();

      const forPolice = await agendaOf(meeting.id, police);
      expect(entryFor(forPolice, secretChild.id)).toBeDefined();
      expect(
        entryFor(forPolice, child.id)
          ?.changes.newLinks.map((l) => l.link.id)
          .sort(),
      ).toEqual([secretLink.id, hiddenLink.id, openLink.id].sort());

      for (const client of [api, member]) {
        const agenda = await agendaOf(meeting.id, client);
        const text = JSON.stringify(agenda);
        for (const hidden of [secretChild.id, secretAdult.id, secretLink.id, hiddenLink.id]) {
          expect(text).not.toContain(hidden);
        }
        expect(entryFor(agenda, child.id)?.changes.newLinks.map((l) => l.link.id)).toEqual([openLink.id]);
        expect(entryFor(agenda, child.id)?.changes.newLinkCount).toBe(1);
      }
      const forMember = await agendaOf(meeting.id, member);
      expect(entryFor(forMember, child.id)?.youngPerson.caption).toBe(child.reference);
      expect(JSON.stringify(forMember)).not.toContain('Test Agenda Name');
    },
    slow,
  );
});

describe('running the meeting', () => {
  it(
    'records the agreed level through the meeting: a reason when it differs from the suggestion',
    async () => {
      const child = await youngPerson({ levelOfConcern: 1 });
      const assessed = await assessment(child.id, 3);
      const meeting = await newMeeting();
      const noReason = await api.request<ErrorBody>('POST', `/api/meetings/${meeting.id}/levels`, {
        youngPersonId: child.id,
        level: 2,
        assessmentId: assessed,
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.code).toBe('reason_required');

      const agreed = await member.request<{ decision: { id: string; level: number } }>(
        'POST',
        `/api/meetings/${meeting.id}/levels`,
        { youngPersonId: child.id, level: 2, assessmentId: assessed, reason: 'Test: engaging with the plan' },
      );
      expect(agreed.status).toBe(201);
      const history = await api.request<{ history: { id: string; meetingId: string; decidedOn: string }[] }>(
        'GET',
        `/api/young-people/${child.id}/levels`,
      );
      expect(history.body.history[0]).toMatchObject({
        id: agreed.body.decision.id,
        meetingId: meeting.id,
        decidedOn: meeting.heldOn,
      });
      const entry = entryFor(await agendaOf(meeting.id), child.id);
      expect(entry?.agreedHere).toMatchObject({
        id: agreed.body.decision.id,
        level: 2,
        reason: 'Test: engaging with the plan',
      });
      expect(entry?.youngPerson.levelOfConcern).toBe(2);
      const shown = await api.request<{ decisions: { decision: { id: string }; youngPerson: Summary }[] }>(
        'GET',
        `/api/meetings/${meeting.id}`,
      );
      expect(shown.body.decisions.map((d) => [d.decision.id, d.youngPerson.id])).toEqual([
        [agreed.body.decision.id, child.id],
      ]);
    },
    slow,
  );

  it(
    'raises and updates actions at the meeting, and keeps notes per agenda item under the version read',
    async () => {
      const child = await youngPerson({ levelOfConcern: 2 });
      const existing = await actionFor(child.id, isoDaysAgo(-5));
      const meeting = await newMeeting();
      const raised = await api.request<Row>('POST', `/api/meetings/${meeting.id}/actions`, {
        subject: child.id,
        what: 'Test: return home interview',
        ownerName: 'Worker Example',
        ownerAgency: 'Health',
        dueOn: isoDaysAgo(-7),
        category: 'protect',
      });
      expect(raised.status).toBe(201);
      expect(raised.body.status).toBe('open');
      const updated = await api.request<Row>('PATCH', `/api/meetings/${meeting.id}/actions/${existing}`, {
        version: 1,
        status: 'done',
        outcome: 'Test: visited',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ status: 'done', version: 2 });

      const entry = entryFor(await agendaOf(meeting.id), child.id);
      expect(entry?.actions.map((a) => [a.id, a.raisedHere])).toEqual([[raised.body.id, true]]);

      const noted = await api.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, {
        version: meeting.version,
        notes: [
          { item: `young-person:${child.id}`, text: 'Test: stays at level 2' },
          { item: 'standing', text: 'Test: training on return interviews' },
        ],
      });
      expect(noted.status).toBe(200);
      expect(noted.body.notes).toHaveLength(2);
      expect(noted.body.attendees).toHaveLength(2);
      const stale = await api.request<ErrorBody & { error: { details: { currentVersion: number } } }>(
        'PATCH',
        `/api/meetings/${meeting.id}`,
        { version: meeting.version, notes: [] },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.currentVersion).toBe(noted.body.version);
      const bad = await api.request('PATCH', `/api/meetings/${meeting.id}`, {
        version: noted.body.version,
        notes: [{ item: 'not-an-item', text: 'x' }],
      });
      expect(bad.status).toBe(400);
      for (const href of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example.org/x']) {
        const link = await api.request<ErrorBody>('PATCH', `/api/meetings/${meeting.id}`, {
          version: noted.body.version,
          learningLinks: ['https://learning.example.org/case-review', href],
        });
        expect(link.status).toBe(400);
      }
      const kept = await api.request<{ meeting: Meeting }>('GET', `/api/meetings/${meeting.id}`);
      expect([kept.body.meeting.version, kept.body.meeting.learningLinks]).toEqual([noted.body.version, []]);
    },
    slow,
  );
});

describe('closing the meeting', () => {
  it(
    'marks the assessments discussed, sets who closed it, and then refuses every change with 409',
    async () => {
      const child = await youngPerson({ levelOfConcern: 2 });
      const assessed = await assessment(child.id, 2);
      const existing = await actionFor(child.id, isoDaysAgo(-5));
      const meeting = await newMeeting();
      const noted = await api.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, {
        version: meeting.version,
        notes: [{ item: 'new-assessments', text: 'Test: discussed' }],
      });
      const closed = await member.request<Meeting & { discussedAssessments: number }>(
        'POST',
        `/api/meetings/${meeting.id}/close`,
        { version: noted.body.version, assessmentIds: [assessed] },
      );
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'member', discussedAssessments: 1 });
      expect(closed.body.closedAt).toBeTruthy();
      const [discussed] = await api.graph.read<{ meetingId: string }>(
        'MATCH (:RiskAssessment {id: $id})-[:DISCUSSED_AT]->(m:Meeting) RETURN m.id AS meetingId',
        { id: assessed },
      );
      expect(discussed?.meetingId).toBe(meeting.id);

      const later = await newMeeting();
      const waiting = item(await agendaOf(later.id), 'new-assessments').assessments as { id: string }[];
      expect(waiting.map((a) => a.id)).not.toContain(assessed);
      const minutes = item(await agendaOf(meeting.id), 'new-assessments').assessments as { id: string }[];
      expect(minutes.map((a) => a.id)).toEqual([assessed]);

      const before = await api.request<Record<string, unknown>>('GET', `/api/meetings/${meeting.id}`);
      const version = closed.body.version;
      const attempts = [
        ['PATCH', `/api/meetings/${meeting.id}`, { version, notes: [] }],
        ['PATCH', `/api/meetings/${meeting.id}`, { version, attendees: [] }],
        ['POST', `/api/meetings/${meeting.id}/levels`, { youngPersonId: child.id, level: 3, reason: 'Test' }],
        [
          'POST',
          `/api/meetings/${meeting.id}/actions`,
          {
            subject: child.id,
            what: 'Test: too late',
            ownerName: 'Worker Example',
            ownerAgency: 'Health',
            dueOn: today(),
            category: 'protect',
          },
        ],
        ['PATCH', `/api/meetings/${meeting.id}/actions/${existing}`, { version: 1, status: 'done' }],
        ['POST', `/api/meetings/${meeting.id}/close`, { version }],
      ] as const;
      for (const [method, path, body] of attempts) {
        const refused = await api.request<ErrorBody>(method, path, body);
        expect(refused.status, `${method} ${path}`).toBe(409);
        expect(refused.body.error.code).toBe('meeting_closed');
      }
      const after = await api.request<Record<string, unknown>>('GET', `/api/meetings/${meeting.id}`);
      expect(after.body).toEqual(before.body);
      const record = await api.request<Row>('GET', `/api/young-people/${child.id}`);
      expect(record.body.levelOfConcern).toBe(2);
      const [action] = await api.graph.read<{ status: string; version: number }>(
        'MATCH (a:Action {id: $id}) RETURN a.status AS status, a.version AS version',
        { id: existing },
      );
      expect(action).toEqual({ status: 'open', version: 1 });
    },
    slow,
  );

  it(
    'refuses a stale close, and 404s an unknown meeting',
    async () => {
      const meeting = await newMeeting();
      const noted = await api.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, {
        version: meeting.version,
        chair: 'Another Chair Example',
      });
      const stale = await api.request<ErrorBody>('POST', `/api/meetings/${meeting.id}/close`, {
        version: meeting.version,
      });
      expect(stale.status).toBe(409);
      expect((await api.request<Meeting>('GET', `/api/meetings/${meeting.id}`)).body).toMatchObject({
        meeting: { status: 'open', version: noted.body.version },
      });
      expect((await api.request('GET', `/api/meetings/${crypto.randomUUID()}/agenda`)).status).toBe(404);
      expect((await api.request('POST', `/api/meetings/${crypto.randomUUID()}/close`, { version: 1 })).status).toBe(
        404,
      );
    },
    slow,
  );

  it(
    'keeps the hotspots it discussed, so the next agenda says what is new and grown, in the viewer’s own view',
    async () => {
      // Big enough to rank among the top hotspots whatever else the shared database holds; the same young
      // people are tied to each place, since every write is audited one after another.
      // A few at a time: each write waits its turn at the audit log, within the transaction timeout.
      const children: Row[] = [];
      for (let i = 0; i < 24; i += 4) {
        children.push(...(await Promise.all([0, 1, 2, 3].map(() => youngPerson({ levelOfConcern: 1 })))));
      }
      const tie = async (location: Row, tied: Row[], client: TestClient = api) => {
        for (let i = 0; i < tied.length; i += 4) {
          await Promise.all(tied.slice(i, i + 4).map((child) => link('FREQUENTS', child.id, location.id, {}, client)));
        }
      };
      const park = await place({ type: 'park' });
      await tie(park, children.slice(0, 22));
      const secretPlace = await place({ type: 'hotel-bnb', gradingHandling: 'C' }, police);
      await tie(secretPlace, children, police);
      const first = await newMeeting();
      const closed = await police.request<Meeting>('POST', `/api/meetings/${first.id}/close`, {
        version: first.version,
        assessmentIds: [],
      });
      expect(closed.status).toBe(200);

      await tie(park, children.slice(22));
      const station = await place({ type: 'train-station' });
      await tie(station, children);
      const next = await newMeeting();

      const forPolice = item(await agendaOf(next.id, police), 'hotspots') as unknown as {
        current: Hotspot[];
        changes: { new: Hotspot[]; grown: (Hotspot & { before: { youngPeopleCount: number } })[]; gone: Hotspot[] };
      };
      expect(forPolice.changes.new.map((h) => h.id)).toContain(station.id);
      expect(forPolice.changes.new.map((h) => h.id)).not.toContain(park.id);
      const grown = forPolice.changes.grown.find((h) => h.id === park.id);
      expect(grown && grown.youngPeopleCount - grown.before.youngPeopleCount).toBe(2);
      expect(forPolice.current.map((h) => h.id)).toContain(secretPlace.id);

      for (const client of [api, member]) {
        const agenda = await agendaOf(next.id, client);
        expect(JSON.stringify(agenda)).not.toContain(secretPlace.id);
        const hotspots = item(agenda, 'hotspots') as unknown as { changes: { grown: Hotspot[] } };
        expect(hotspots.changes.grown.map((h) => h.id)).toContain(park.id);
      }
      const raw = await api.request<Record<string, unknown>>('GET', `/api/meetings/${first.id}`);
      expect(JSON.stringify(raw.body)).not.toContain(secretPlace.id);
    },
    slow,
  );
});

describe('the meeting pack', () => {
  it(
    'counts the current cases by level as the data has them, and draws the network discussed',
    async () => {
      const meeting = await newMeeting();
      const pack = await api.request<Pack>('GET', `/api/meetings/${meeting.id}/pack`);
      expect(pack.status).toBe(200);
      const [counted] = await api.graph.read<{ one: number; two: number; three: number }>(
        `MATCH (yp:YoungPerson) WHERE yp.archivedAt IS NULL AND coalesce(yp.gradingHandling, 'P') <> 'C'
       RETURN count(CASE WHEN yp.levelOfConcern = 1 THEN 1 END) AS one,
              count(CASE WHEN yp.levelOfConcern = 2 THEN 1 END) AS two,
              count(CASE WHEN yp.levelOfConcern = 3 THEN 1 END) AS three`,
      );
      expect(pack.body.casesByLevel).toEqual([
        { level: 1, count: counted?.one },
        { level: 2, count: counted?.two },
        { level: 3, count: counted?.three },
      ]);
      expect(pack.body.totalCases).toBe((counted?.one ?? 0) + (counted?.two ?? 0) + (counted?.three ?? 0));
      expect(pack.body.items.map((i) => i.key)[0]).toBe('new-assessments');
      const nodeIds = new Set(pack.body.network.nodes.map((n) => n.id));
      const hotspots = item(pack.body, 'hotspots').current as Hotspot[];
      for (const hotspot of hotspots.slice(0, 5)) expect(nodeIds.has(hotspot.id)).toBe(true);
      for (const shown of pack.body.network.links) {
        expect(nodeIds.has(shown.from) && nodeIds.has(shown.to)).toBe(true);
      }

      const withPolice = await police.request<Pack>('GET', `/api/meetings/${meeting.id}/pack`);
      const secret = await youngPerson({ levelOfConcern: 3, gradingHandling: 'C' }, police);
      const again = await police.request<Pack>('GET', `/api/meetings/${meeting.id}/pack`);
      const three = (p: Pack) => p.casesByLevel.find((row) => row.level === 3)?.count ?? 0;
      expect(three(again.body)).toBeGreaterThanOrEqual(three(withPolice.body) + 1);
      const forAnalyst = await api.request<Pack>('GET', `/api/meetings/${meeting.id}/pack`);
      expect(JSON.stringify(forAnalyst.body)).not.toContain(secret.id);
    },
    slow,
  );

  it(
    'records each print of the pack in the audit log, with the meeting id',
    async () => {
      const meeting = await newMeeting();
      const printed = await member.request('POST', `/api/meetings/${meeting.id}/pack/prints`, {});
      expect(printed.status).toBe(201);
      const [event] = await api.graph.read<{ action: string; username: string; details: string }>(
        `MATCH (e:AuditEvent) WHERE e.action = 'export' AND e.subjectType = 'Meeting' AND e.subjectId = $id
       RETURN e.action AS action, e.username AS username, e.details AS details`,
        { id: meeting.id },
      );
      expect(event).toMatchObject({ action: 'export', username: 'member' });
      expect(JSON.parse(String(event?.details))).toMatchObject({ format: 'print', meetingId: meeting.id });
      expect((await member.request('POST', `/api/meetings/${crypto.randomUUID()}/pack/prints`, {})).status).toBe(404);
    },
    slow,
  );
});
