import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type ErrorBody = { error: { code: string; message: string; details?: { field: string; message: string }[] } };
type Decision = { id: string; level: number | string; previousLevel: number | string; suggestedLevel: unknown };
type Recorded = { decision: Decision; youngPerson: { levelOfConcern: number | string; reviewDue: string | null } };
type History = {
  youngPerson: {
    levelOfConcern: number | string;
    reviewDue: string | null;
    reviewOverdue: boolean;
    archivedAt: string | null;
  };
  history: (Decision & { reason?: string; agreedBy: string; decidedOn: string })[];
};

let api: TestApi;
let member: TestClient;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function youngPerson(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api.request<{ id: string }>('POST', '/api/young-people', youngPersonInput(overrides));
  expect(created.status).toBe(201);
  return created.body.id;
}

/** An assessment whose suggestion is known, written as the assessment service stores it. */
async function assessmentSuggesting(youngPersonId: string, suggestedLevel: number): Promise<string> {
  const id = crypto.randomUUID();
  await api.graph.write(
    `MATCH (yp:YoungPerson {id: $youngPersonId})
     CREATE (a:RiskAssessment {id: $id, version: 1, assessor: 'Assessor Example', assessorAgency: 'Health',
       assessedOn: date($on), route: 'cse-risk-assessment', indicators: '[]', suggestedLevel: $suggestedLevel,
       suggestionReasons: [], createdBy: 'analyst', createdAt: datetime(), updatedAt: datetime()})-[:ASSESSES]->(yp)`,
    { id, youngPersonId, suggestedLevel, on: isoDaysAgo(2) },
  );
  return id;
}

const decide = (id: string, body: Record<string, unknown>, client: TestClient = api) =>
  client.request<Recorded & ErrorBody>('POST', `/api/young-people/${id}/levels`, {
    decidedOn: isoDaysAgo(0),
    agreedBy: 'CSE Operations Group',
    ...body,
  });

beforeAll(async () => {
  api = await startTestApi();
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('levels of concern', () => {
  it('records a decision in the dated history and sets the level and the next review from the configured interval', async () => {
    const id = await youngPerson({ levelOfConcern: 1 });
    const recorded = await decide(id, { level: 3, decidedOn: '2026-11-30', reason: 'Found with a known adult' });
    expect(recorded.status).toBe(201);
    expect(recorded.body.youngPerson).toMatchObject({ levelOfConcern: 3, reviewDue: '2026-12-30' });
    expect(recorded.body.decision).toMatchObject({ level: 3, previousLevel: 1, suggestedLevel: null });

    const second = await decide(id, { level: 2, reason: 'Stepped down: engaging with the plan' });
    expect(second.status).toBe(201);
    const history = await api.request<History>('GET', `/api/young-people/${id}/levels`);
    expect(history.status).toBe(200);
    expect(history.body.history.map((d) => [d.level, d.previousLevel])).toEqual([
      [2, 3],
      [3, 1],
    ]);
    expect(history.body.youngPerson.levelOfConcern).toBe(2);
    const record = await api.request<{ levelOfConcern: number; version: number }>('GET', `/api/young-people/${id}`);
    expect(record.body).toMatchObject({ levelOfConcern: 2, version: 3 });
  });

  it('requires a reason when the agreed level differs from the suggested one, and writes nothing without it', async () => {
    const id = await youngPerson({ levelOfConcern: 1 });
    const assessmentId = await assessmentSuggesting(id, 3);
    const refused = await decide(id, { level: 2, assessmentId });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('reason_required');
    expect(refused.body.error.details?.[0]?.field).toBe('reason');
    const unchanged = await api.request<History>('GET', `/api/young-people/${id}/levels`);
    expect(unchanged.body.history).toEqual([]);
    expect(unchanged.body.youngPerson.levelOfConcern).toBe(1);

    const agreed = await decide(id, { level: 3, assessmentId });
    expect(agreed.status).toBe(201);
    expect(agreed.body.decision).toMatchObject({ level: 3, suggestedLevel: 3 });
    const overridden = await decide(id, { level: 2, reason: 'Lower: the adult is in custody' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.decision.suggestedLevel).toBe(3);
  });

  it('archives with a date and a reason, and clears the review date', async () => {
    const id = await youngPerson({ levelOfConcern: 1 });
    const noReason = await decide(id, { level: 'archived' });
    expect(noReason.status).toBe(400);
    const archived = await decide(id, { level: 'archived', reason: 'Moved out of the area; case transferred' });
    expect(archived.status).toBe(201);
    const history = await api.request<History>('GET', `/api/young-people/${id}/levels`);
    expect(history.body.youngPerson).toMatchObject({
      levelOfConcern: 'archived',
      reviewDue: null,
      reviewOverdue: false,
    });
    expect(history.body.youngPerson.archivedAt).toBeTruthy();
  });

  it('flags a review that is overdue', async () => {
    const id = await youngPerson({ levelOfConcern: 3 });
    const longAgo = await decide(id, { level: 3, decidedOn: isoDaysAgo(70) });
    expect(longAgo.status).toBe(201);
    const history = await api.request<History>('GET', `/api/young-people/${id}/levels`);
    expect(history.body.youngPerson.reviewOverdue).toBe(true);
  });

  it('refuses decisions dated in the future or before the newest one', async () => {
    const id = await youngPerson();
    expect((await decide(id, { level: 2, decidedOn: isoDaysAgo(-3) })).body.error.code).toBe('decided_in_future');
    expect((await decide(id, { level: 2, decidedOn: isoDaysAgo(5) })).status).toBe(201);
    const backdated = await decide(id, { level: 3, decidedOn: isoDaysAgo(10) });
    expect(backdated.status).toBe(400);
    expect(backdated.body.error.code).toBe('decided_before_latest');
  });

  it('refuses bad input with 400, an unknown young person with 404, and members writing with 403', async () => {
    const id = await youngPerson();
    expect((await decide(id, { level: 4 })).status).toBe(400);
    expect((await decide(id, { level: 2, decidedOn: 'yesterday' })).status).toBe(400);
    expect((await decide(crypto.randomUUID(), { level: 2 })).status).toBe(404);
    expect((await decide(id, { level: 2, assessmentId: crypto.randomUUID() })).status).toBe(404);
    expect((await decide(id, { level: 2 }, member)).status).toBe(403);
    const history = await member.request<History>('GET', `/api/young-people/${id}/levels`);
    expect(history.status).toBe(200);
    expect(history.body.history).toEqual([]);
  });

  it('no longer lets the level or review date be changed by editing the record, so the history stays whole', async () => {
    const id = await youngPerson({ levelOfConcern: 1 });
    const patched = await api.request<ErrorBody>('PATCH', `/api/young-people/${id}`, { levelOfConcern: 3, version: 1 });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details?.[0]).toMatchObject({ field: 'levelOfConcern' });
    expect(patched.body.error.details?.[0]?.message).toContain('/levels');
    const record = await api.request<{ levelOfConcern: number }>('GET', `/api/young-people/${id}`);
    expect(record.body.levelOfConcern).toBe(1);
  });

  it('hides a police-only young person from the analyst', async () => {
    const police = await api.client('police');
    const created = await police.request<{ id: string }>(
      'POST',
      '/api/young-people',
      youngPersonInput({ gradingHandling: 'C' }),
    );
    expect(created.status).toBe(201);
    expect((await api.request('GET', `/api/young-people/${created.body.id}/levels`)).status).toBe(404);
    expect((await decide(created.body.id, { level: 2 })).status).toBe(404);
    expect((await decide(created.body.id, { level: 2 }, police)).status).toBe(201);
  });
});
