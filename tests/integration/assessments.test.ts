import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibilityOf } from '../../api/auth/viewer.ts';
import type { Graph } from '../../api/db/neo4j.ts';
import {
  assessmentsAwaitingDiscussion,
  assessmentsService,
} from '../../api/operations/assessments/assessments.service.ts';
import { reviewsDue } from '../../api/operations/assessments/reviews.ts';
import { epochDay } from '../../graph-schema/calendar.ts';
import { linkInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type ErrorBody = { error: { code: string; message: string; details?: { field: string; message: string }[] } };
type Assessment = {
  id: string;
  version: number;
  suggestedLevel: number;
  suggestionReasons: string[];
  suggestionScore: number;
  indicators: { indicator: string; lastSeen: string }[];
  cafActionId?: string;
  awaitingDiscussion: boolean;
  notes?: string;
  pseudonymised?: boolean;
  routeDetail?: string;
};
type Action = { id: string; what: string; ownerName: string; ownerAgency: string; dueOn: string; category: string };
type Saved = { assessment: Assessment; action: Action | null };
type Item = { assessment: Assessment; youngPerson: { id: string; name: string; reference: string } };
type Reviews = {
  total: number;
  overdue: number;
  items: { youngPerson: { id: string; name: string }; reviewDue: string; overdue: boolean; days: number }[];
};

let api: TestApi;
let police: TestClient;
let member: TestClient;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const todayIso = () => isoDaysAgo(0);

async function created(
  client: TestClient,
  path: string,
  body: unknown,
): Promise<{ id: string } & Record<string, unknown>> {
  const answer = await client.request<{ id: string }>('POST', path, body);
  if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const youngPerson = (overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  created(client, '/api/young-people', youngPersonInput(overrides)).then((r) => r.id);

const assessment = (overrides: Record<string, unknown> = {}) => ({
  assessor: 'Assessor Example',
  assessorAgency: 'Health',
  assessedOn: todayIso(),
  route: 'cse-risk-assessment',
  indicators: [],
  ...overrides,
});

const assess = (id: string, overrides: Record<string, unknown> = {}, client: TestClient = api) =>
  client.request<Saved & ErrorBody>('POST', `/api/young-people/${id}/assessments`, assessment(overrides));

const storedCounts = async (youngPersonId: string) => {
  const [row] = await api.graph.read<{ assessments: number; actions: number }>(
    `MATCH (yp:YoungPerson {id: $id})
     RETURN COUNT { (:RiskAssessment)-[:ASSESSES]->(yp) } AS assessments, COUNT { (:Action)-[:TARGETS]->(yp) } AS actions`,
    { id: youngPersonId },
  );
  return row;
};

async function missingEpisode(youngPersonId: string, occurredOn: string, overrides: Record<string, unknown> = {}) {
  const episode = await created(police, '/api/events', {
    title: 'Missing overnight (test)',
    type: 'missing-episode',
    occurredOn,
    endedOn: occurredOn,
    ...overrides,
  });
  await created(
    police,
    '/api/links',
    linkInput({ type: 'INVOLVED_IN', from: youngPersonId, to: episode.id, firstSeen: occurredOn }),
  );
  return episode.id;
}

/** A meeting as the meetings service will store it, and the assessment discussed at it. */
async function discussAt(assessmentId: string, status: 'open' | 'closed' = 'open') {
  const meetingId = crypto.randomUUID();
  await api.graph.write(
    `MATCH (a:RiskAssessment {id: $assessmentId})
     CREATE (m:Meeting {id: $meetingId, version: 1, heldOn: date(), title: 'CSE Operations Group', chair: 'Chair Example',
       attendees: '[]', learningLinks: [], status: $status, createdBy: 'analyst', createdAt: datetime(), updatedAt: datetime()})
     CREATE (a)-[:DISCUSSED_AT]->(m)`,
    { assessmentId, meetingId, status },
  );
  return meetingId;
}

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('the indicator list', () => {
  it('is served grouped, with the scoring, to every casework role', async () => {
    const list = await member.request<{ groups: { group: string; indicators: { id: string; label: string }[] }[] }>(
      'GET',
      '/api/risk-indicators',
    );
    expect(list.status).toBe(200);
    expect(list.body.groups.map((g) => g.group)).toEqual(['vulnerability', 'moderate', 'significant']);
    const significant = list.body.groups.find((g) => g.group === 'significant')?.indicators.map((i) => i.id);
    expect(significant).toContain('contact-known-perpetrators');
  });
});

describe('a risk assessment and its suggested level', () => {
  it('suggests level 3 for two recent significant indicators, says why, and keeps it on the assessment', async () => {
    const id = await youngPerson();
    const saved = await assess(id, {
      indicators: [
        { indicator: 'contact-known-perpetrators', lastSeen: isoDaysAgo(10) },
        { indicator: 'violence-intimidation-fear', lastSeen: isoDaysAgo(20) },
        { indicator: 'looked-after', lastSeen: isoDaysAgo(5) },
      ],
      notes: 'Test notes about the assessment',
    });
    expect(saved.status).toBe(201);
    expect(saved.body.action).toBeNull();
    expect(saved.body.assessment).toMatchObject({ suggestedLevel: 3, suggestionScore: 11, awaitingDiscussion: true });
    expect(saved.body.assessment.suggestionReasons).toContain(
      '2 significant indicators seen in the last 3 months: contact with known perpetrators; violence, intimidation and fear.',
    );
    const list = await api.request<{ items: Assessment[] }>('GET', `/api/young-people/${id}/assessments`);
    expect(list.body.items.map((a) => [a.id, a.suggestedLevel])).toEqual([[saved.body.assessment.id, 3]]);
    expect(list.body.items[0]?.indicators).toHaveLength(3);
    const [stored] = await api.graph.read<{ level: number; reasons: string[] }>(
      'MATCH (a:RiskAssessment {id: $id}) RETURN a.suggestedLevel AS level, a.suggestionReasons AS reasons',
      { id: saved.body.assessment.id },
    );
    expect(stored?.level).toBe(3);
    expect(stored?.reasons).toEqual(saved.body.assessment.suggestionReasons);
  });

  it('counts old significant indicators for less: the same two seen months ago suggest level 2', async () => {
    const id = await youngPerson();
    const recent = await assess(id, {
      indicators: [
        { indicator: 'swapping-sex', lastSeen: isoDaysAgo(30) },
        { indicator: 'problem-drug-alcohol-use', lastSeen: isoDaysAgo(30) },
      ],
    });
    const old = await assess(id, {
      indicators: [
        { indicator: 'swapping-sex', lastSeen: isoDaysAgo(130) },
        { indicator: 'problem-drug-alcohol-use', lastSeen: isoDaysAgo(130) },
      ],
    });
    expect(recent.body.assessment.suggestedLevel).toBe(3);
    expect(old.body.assessment).toMatchObject({ suggestedLevel: 2, suggestionScore: 5 });
    expect(old.body.assessment.suggestionReasons.join(' ')).toContain('counted at 50%');
  });

  it("counts the young person's logged missing episodes, even when not ticked, and says so", async () => {
    const id = await youngPerson();
    const one = await (async () => {
      await missingEpisode(id, isoDaysAgo(40));
      return assess(id);
    })();
    expect(one.body.assessment).toMatchObject({ suggestedLevel: 1, suggestionScore: 2 });
    expect(one.body.assessment.suggestionReasons.join(' ')).toContain(
      `1 logged missing episode (the latest on ${isoDaysAgo(40)}): counted as "Occasionally missing from home or care", though the assessment did not tick it.`,
    );
    await missingEpisode(id, isoDaysAgo(20));
    await missingEpisode(id, isoDaysAgo(3));
    const several = await assess(id, { indicators: [{ indicator: 'unexplained-gifts', lastSeen: isoDaysAgo(3) }] });
    expect(several.body.assessment).toMatchObject({ suggestedLevel: 2, suggestionScore: 7 });
    expect(several.body.assessment.suggestionReasons.join(' ')).toContain(
      'counted as "Regularly missing or running away"',
    );
  });

  it('does not let police-only episodes or links shape a suggestion every role reads', async () => {
    const id = await youngPerson();
    await missingEpisode(id, isoDaysAgo(5), { gradingHandling: 'C' });
    const adult = await created(police, '/api/persons-of-interest', personOfInterestInput({ knownPerpetrator: true }));
    await created(police, '/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: id, gradingHandling: 'C' }));
    const saved = await assess(id, {}, police);
    expect(saved.body.assessment).toMatchObject({ suggestedLevel: 1, suggestionScore: 0 });
  });

  it('counts police-only evidence about a police-only young person, whose assessments only the police see', async () => {
    const id = await youngPerson({ gradingHandling: 'C' }, police);
    const adult = await created(police, '/api/persons-of-interest', personOfInterestInput({ knownPerpetrator: true }));
    await created(
      police,
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: id, gradingHandling: 'C', firstSeen: isoDaysAgo(30) }),
    );
    const saved = await assess(id, {}, police);
    expect(saved.body.assessment).toMatchObject({ suggestedLevel: 2, suggestionScore: 5 });
  });

  it('counts each episode, even two on one day', async () => {
    const id = await youngPerson();
    await missingEpisode(id, isoDaysAgo(4));
    await missingEpisode(id, isoDaysAgo(4));
    await missingEpisode(id, isoDaysAgo(9));
    const saved = await assess(id);
    expect(saved.body.assessment.suggestionReasons.join(' ')).toContain('3 logged missing episodes');
    expect(saved.body.assessment.suggestedLevel).toBe(2);
  });

  it('counts a link to an adult flagged as a known perpetrator as contact with known perpetrators', async () => {
    const id = await youngPerson();
    const adult = await created(api, '/api/persons-of-interest', personOfInterestInput({ knownPerpetrator: true }));
    const other = await created(api, '/api/persons-of-interest', personOfInterestInput());
    await created(
      api,
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: id, firstSeen: isoDaysAgo(60) }),
    );
    await created(api, '/api/links', linkInput({ type: 'DRIVES', from: other.id, to: id, firstSeen: isoDaysAgo(60) }));
    const saved = await assess(id);
    expect(saved.body.assessment).toMatchObject({ suggestedLevel: 2, suggestionScore: 5 });
    expect(saved.body.assessment.suggestionReasons.join(' ')).toContain(
      'Linked in the network to 1 adult flagged as a known perpetrator',
    );
  });

  it('changes with the version read, suggests again, and refuses a stale version with 409', async () => {
    const id = await youngPerson();
    const saved = await assess(id, { indicators: [{ indicator: 'older-boyfriend', lastSeen: isoDaysAgo(2) }] });
    expect(saved.body.assessment.suggestedLevel).toBe(1);
    const path = `/api/assessments/${saved.body.assessment.id}`;
    const changed = await api.request<Saved>('PATCH', path, {
      version: 1,
      indicators: [
        { indicator: 'older-boyfriend', lastSeen: isoDaysAgo(2) },
        { indicator: 'entrenched-abusive-relationship', lastSeen: isoDaysAgo(2) },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.assessment).toMatchObject({ version: 2, suggestedLevel: 2, suggestionScore: 7 });
    const stale = await api.request<ErrorBody>('PATCH', path, { version: 1, assessor: 'Assessor Two' });
    expect(stale.status).toBe(409);
    const read = await api.request<Item>('GET', path);
    expect(read.body.assessment).toMatchObject({ version: 2, assessor: 'Assessor Example', suggestedLevel: 2 });
    expect(read.body.youngPerson.id).toBe(id);
  });

  it('cannot change once discussed at a closed meeting', async () => {
    const id = await youngPerson();
    const saved = await assess(id);
    await discussAt(saved.body.assessment.id, 'closed');
    const refused = await api.request<ErrorBody>('PATCH', `/api/assessments/${saved.body.assessment.id}`, {
      version: 1,
      assessor: 'Assessor Two',
    });
    expect(refused.status).toBe(409);
  });
});

describe('the referral route', () => {
  it("creates an action for the lead professional to complete a CSE risk assessment with a CAF referral's assessment", async () => {
    const id = await youngPerson({ leadProfessional: 'Social Worker One', leadAgency: "Children's Social Care" });
    const saved = await assess(id, { route: 'caf-referral' });
    expect(saved.status).toBe(201);
    const action = saved.body.action as Action;
    expect(action).toMatchObject({
      ownerName: 'Social Worker One',
      ownerAgency: "Children's Social Care",
      category: 'protect',
    });
    expect(action.what).toContain('CSE risk assessment');
    const days = epochDay(action.dueOn) - epochDay(todayIso());
    expect(days).toBeGreaterThanOrEqual(12);
    expect(days).toBeLessThanOrEqual(14);
    expect([0, 6]).not.toContain(new Date(`${action.dueOn}T00:00:00Z`).getUTCDay());
    expect(saved.body.assessment.cafActionId).toBe(action.id);
    const [linked] = await api.graph.read<{ target: string; status: string }>(
      'MATCH (a:Action {id: $id})-[:TARGETS]->(yp) RETURN yp.id AS target, a.status AS status',
      { id: action.id },
    );
    expect(linked).toEqual({ target: id, status: 'open' });
  });

  it("puts a CAF referral's action in the young person's current plan", async () => {
    const id = await youngPerson({ leadProfessional: 'Social Worker One', leadAgency: "Children's Social Care" });
    const plan = await api.request<{ current: { id: string } }>('POST', `/api/young-people/${id}/plans`, {
      type: 'cse-action-plan',
      startedOn: todayIso(),
    });
    expect(plan.status).toBe(201);
    const saved = await assess(id, { route: 'caf-referral' });
    expect(saved.status).toBe(201);
    const action = saved.body.action as Action;
    const read = await api.request<{ planId: string | null }>('GET', `/api/actions/${action.id}`);
    expect(read.body.planId).toBe(plan.body.current.id);
  });

  it('asks for the action owner when the young person has no lead professional, and writes nothing', async () => {
    const id = await youngPerson();
    const refused = await assess(id, { route: 'caf-referral' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('lead_professional_required');
    expect(refused.body.error.details?.map((d) => d.field)).toEqual(['actionOwner.name', 'actionOwner.agency']);
    expect(await storedCounts(id)).toEqual({ assessments: 0, actions: 0 });
    const given = await assess(id, {
      route: 'caf-referral',
      actionOwner: { name: 'Teacher Example', agency: 'Education' },
    });
    expect(given.status).toBe(201);
    expect(given.body.action).toMatchObject({ ownerName: 'Teacher Example', ownerAgency: 'Education' });
    expect(await storedCounts(id)).toEqual({ assessments: 1, actions: 1 });
  });

  it('writes neither the assessment nor the action when the transaction fails after both were made', async () => {
    const id = await youngPerson({ leadProfessional: 'Social Worker One', leadAgency: "Children's Social Care" });
    const failing: Graph = {
      ...api.graph,
      writeTransaction: (work, options) =>
        api.graph.writeTransaction(
          (tx) =>
            work({
              run: (query, params) =>
                query.includes('cafActionId')
                  ? Promise.reject(new Error('Test: the database went away'))
                  : tx.run(query, params),
            }),
          options,
        ),
    };
    const service = assessmentsService(failing);
    await expect(
      service.create(id, { ...assessment({ route: 'caf-referral' }), route: 'caf-referral', indicators: [] } as never, {
        username: 'analyst',
        role: 'analyst',
      }),
    ).rejects.toThrow(/went away/);
    expect(await storedCounts(id)).toEqual({ assessments: 0, actions: 0 });
  });

  it('needs the detail of an "other" route, and an action once an assessment becomes a CAF referral', async () => {
    const id = await youngPerson({ leadProfessional: 'Social Worker One', leadAgency: "Children's Social Care" });
    const noDetail = await assess(id, { route: 'other' });
    expect(noDetail.status).toBe(400);
    expect(noDetail.body.error.details?.[0]?.field).toBe('routeDetail');
    const other = await assess(id, { route: 'other', routeDetail: 'Test: school nurse concern' });
    expect(other.status).toBe(201);
    expect(other.body.assessment.routeDetail).toBe('Test: school nurse concern');
    const caf = await api.request<Saved>('PATCH', `/api/assessments/${other.body.assessment.id}`, {
      version: 1,
      route: 'caf-referral',
    });
    expect(caf.status).toBe(200);
    expect(caf.body.assessment.routeDetail).toBeUndefined();
    expect(caf.body.action?.ownerName).toBe('Social Worker One');
    expect(await storedCounts(id)).toEqual({ assessments: 1, actions: 1 });
  });
});

describe('bad input', () => {
  it.each([
    [
      'an unknown indicator id, named',
      { indicators: [{ indicator: 'no-such-thing', lastSeen: isoDaysAgo(1) }] },
      'unknown_indicator',
      'no-such-thing',
    ],
    [
      'a duplicate indicator',
      {
        indicators: [
          { indicator: 'swapping-sex', lastSeen: isoDaysAgo(1) },
          { indicator: 'swapping-sex', lastSeen: isoDaysAgo(2) },
        ],
      },
      'duplicate_indicator',
      'swapping-sex',
    ],
    [
      'an indicator last seen after the assessment date',
      { assessedOn: isoDaysAgo(10), indicators: [{ indicator: 'swapping-sex', lastSeen: isoDaysAgo(2) }] },
      'seen_after_assessment',
      'swapping-sex',
    ],
    ['an assessment dated in the future', { assessedOn: isoDaysAgo(-2) }, 'assessed_in_future', 'future'],
    ['a route detail for a route that is not "other"', { routeDetail: 'Test' }, 'route_detail_only_for_other', 'other'],
    ['a malformed date', { assessedOn: 'last week' }, 'invalid_input', 'assessedOn'],
    ['an unknown route', { route: 'telephone' }, 'invalid_input', 'route'],
  ])('refuses %s with 400 and writes nothing', async (_, overrides, code, named) => {
    const id = await youngPerson({ leadProfessional: 'Social Worker One', leadAgency: 'Health' });
    const refused = await assess(id, overrides);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(code);
    expect(refused.body.error.message).toContain(named);
    expect(await storedCounts(id)).toEqual({ assessments: 0, actions: 0 });
  });

  it('names every unknown indicator at once', async () => {
    const id = await youngPerson();
    const refused = await assess(id, {
      indicators: [
        { indicator: 'made-up-one', lastSeen: isoDaysAgo(1) },
        { indicator: 'swapping-sex', lastSeen: isoDaysAgo(1) },
        { indicator: 'made-up-two', lastSeen: isoDaysAgo(1) },
      ],
    });
    expect(refused.body.error.message).toBe('Unknown risk indicators: made-up-one, made-up-two');
    expect(refused.body.error.details?.map((d) => d.field)).toEqual([
      'indicators.0.indicator',
      'indicators.2.indicator',
    ]);
  });

  it('answers 404 for a young person that does not exist', async () => {
    expect((await assess(crypto.randomUUID())).status).toBe(404);
    expect((await api.request('GET', `/api/assessments/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('who sees and writes assessments', () => {
  it('lets a member read, by reference code and without notes, but not write', async () => {
    const id = await youngPerson({ name: 'Test Member View Child' });
    const saved = await assess(id, { notes: 'Test: identifying notes' });
    const list = await member.request<{ youngPerson: { name: string; reference: string }; items: Assessment[] }>(
      'GET',
      `/api/young-people/${id}/assessments`,
    );
    expect(list.status).toBe(200);
    expect(list.body.youngPerson.name).toBe(list.body.youngPerson.reference);
    expect(list.body.items[0]).toMatchObject({ id: saved.body.assessment.id, pseudonymised: true });
    expect(list.body.items[0]?.notes).toBeUndefined();
    expect((await assess(id, {}, member)).status).toBe(403);
    expect(
      (await member.request('PATCH', `/api/assessments/${saved.body.assessment.id}`, { version: 1, assessor: 'X' }))
        .status,
    ).toBe(403);
  });

  it('keeps a police-only young person, and their assessments, from the analyst and the member', async () => {
    const id = await youngPerson({ gradingHandling: 'C' }, police);
    const saved = await assess(id, {}, police);
    expect(saved.status).toBe(201);
    const assessmentId = saved.body.assessment.id;
    for (const client of [api, member]) {
      expect((await client.request('GET', `/api/young-people/${id}/assessments`)).status).toBe(404);
      expect((await client.request('GET', `/api/assessments/${assessmentId}`)).status).toBe(404);
      const awaiting = await client.request<{ items: Item[] }>(
        'GET',
        '/api/assessments?awaitingDiscussion=true&limit=500',
      );
      expect(awaiting.body.items.map((i) => i.assessment.id)).not.toContain(assessmentId);
    }
    expect((await assess(id)).status).toBe(404);
    expect((await police.request('GET', `/api/assessments/${assessmentId}`)).status).toBe(200);
    const awaiting = await assessmentsAwaitingDiscussion(
      api.graph,
      visibilityOf({ username: 'police', role: 'police' }),
      {
        limit: 10_000,
      },
    );
    expect(awaiting.items.map((i) => i.assessment.id)).toContain(assessmentId);
    const hidden = await assessmentsAwaitingDiscussion(
      api.graph,
      visibilityOf({ username: 'analyst', role: 'analyst' }),
      {
        limit: 10_000,
      },
    );
    expect(hidden.items.map((i) => i.assessment.id)).not.toContain(assessmentId);
    expect(hidden.total).toBeLessThan(awaiting.total);
  });
});

describe('assessments awaiting discussion', () => {
  it('lists an assessment until a meeting discusses it', async () => {
    const id = await youngPerson();
    const first = await assess(id);
    const second = await assess(id);
    const awaitingIds = async () =>
      (
        await api.request<{ items: Item[] }>('GET', '/api/assessments?awaitingDiscussion=true&limit=500')
      ).body.items.map((i) => i.assessment.id);
    expect(await awaitingIds()).toEqual(expect.arrayContaining([first.body.assessment.id, second.body.assessment.id]));
    const meetingId = await discussAt(first.body.assessment.id);
    const after = await awaitingIds();
    expect(after).toContain(second.body.assessment.id);
    expect(after).not.toContain(first.body.assessment.id);
    const discussed = await api.request<{ items: Item[] }>(
      'GET',
      '/api/assessments?awaitingDiscussion=false&limit=500',
    );
    const mine = discussed.body.items.find((i) => i.assessment.id === first.body.assessment.id);
    expect(mine?.assessment).toMatchObject({ awaitingDiscussion: false, meetingId, meetingStatus: 'open' });
    const fromService = await assessmentsAwaitingDiscussion(
      api.graph,
      visibilityOf({ username: 'analyst', role: 'analyst' }),
      {
        limit: 10_000,
      },
    );
    expect(fromService.items.map((i) => i.assessment.id)).toContain(second.body.assessment.id);
    expect(fromService.items.map((i) => i.assessment.id)).not.toContain(first.body.assessment.id);
  });
});

describe('reviews due and overdue', () => {
  const decide = (id: string, level: number | string, decidedOn: string, client: TestClient = api) =>
    client.request('POST', `/api/young-people/${id}/levels`, {
      level,
      decidedOn,
      agreedBy: 'CSE Operations Group',
      reason: 'Test decision',
    });

  it('lists overdue reviews and those due soon, soonest first, flagged, without archived or far-off ones', async () => {
    const overdue = await youngPerson({ levelOfConcern: 3 });
    const dueSoon = await youngPerson({ levelOfConcern: 3 });
    const farOff = await youngPerson({ levelOfConcern: 1 });
    const archived = await youngPerson({ levelOfConcern: 3 });
    expect((await decide(overdue, 3, isoDaysAgo(45))).status).toBe(201);
    expect((await decide(dueSoon, 3, isoDaysAgo(10))).status).toBe(201);
    expect((await decide(farOff, 1, isoDaysAgo(0))).status).toBe(201);
    expect((await decide(archived, 3, isoDaysAgo(45))).status).toBe(201);
    expect((await decide(archived, 'archived', isoDaysAgo(0))).status).toBe(201);

    const reviews = await member.request<Reviews>('GET', '/api/reviews?within=30&limit=1000');
    expect(reviews.status).toBe(200);
    const ids = reviews.body.items.map((item) => item.youngPerson.id);
    expect(ids).toContain(overdue);
    expect(ids).toContain(dueSoon);
    expect(ids).not.toContain(farOff);
    expect(ids).not.toContain(archived);
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(dueSoon));
    const dates = reviews.body.items.map((item) => item.reviewDue);
    expect(dates).toEqual([...dates].sort());
    const late = reviews.body.items.find((item) => item.youngPerson.id === overdue);
    expect(late).toMatchObject({ overdue: true });
    expect(late?.days).toBeGreaterThan(10);
    expect(reviews.body.items.find((item) => item.youngPerson.id === dueSoon)?.overdue).toBe(false);
    expect(late?.youngPerson.name).not.toContain('Test Child');
    expect(reviews.body.overdue).toBe(reviews.body.items.filter((item) => item.overdue).length);

    const narrow = await api.request<Reviews>('GET', '/api/reviews?within=0&limit=1000');
    expect(narrow.body.items.map((item) => item.youngPerson.id)).toContain(overdue);
    expect(narrow.body.items.map((item) => item.youngPerson.id)).not.toContain(dueSoon);
    expect((await api.request('GET', '/api/reviews?within=-1')).status).toBe(400);
  });

  it('keeps police-only young people out of the list and the counts of other roles', async () => {
    const secret = await youngPerson({ levelOfConcern: 3, gradingHandling: 'C' }, police);
    expect((await decide(secret, 3, isoDaysAgo(45), police)).status).toBe(201);
    const policeList = await police.request<Reviews>('GET', '/api/reviews?within=30&limit=1000');
    expect(policeList.body.items.map((item) => item.youngPerson.id)).toContain(secret);
    const analystList = await api.request<Reviews>('GET', '/api/reviews?within=30&limit=1000');
    expect(analystList.body.items.map((item) => item.youngPerson.id)).not.toContain(secret);
    const asPolice = await reviewsDue(api.graph, visibilityOf({ username: 'police', role: 'police' }), { within: 30 });
    const asMember = await reviewsDue(api.graph, visibilityOf({ username: 'member', role: 'member' }), { within: 30 });
    expect(asPolice.items.find((item) => item.youngPerson.id === secret)).toMatchObject({ overdue: true });
    expect(asMember.items.map((item) => item.youngPerson.id)).not.toContain(secret);
  });
});
