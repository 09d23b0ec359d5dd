import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { caseworkStore } from '../../api/operations/casework/casework-store.ts';
import { action } from '../../graph-schema/casework/index.ts';
import { personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: { currentVersion?: number } } };

let api: TestApi;
let clients: TestClient[];
const writers = 20;
const analyst: Actor = { username: 'analyst', role: 'analyst' };

beforeAll(async () => {
  // Many sign-ins from one address in a moment: the login limiter is set for a crowd here.
  api = await startTestApi(undefined, {
    loginLimits: { perAccount: 1000, perAddress: 1000, windowSeconds: 60, lockoutSeconds: 1 },
  });
  // Separate signed-in users' sessions, as many people at once.
  clients = await Promise.all(Array.from({ length: writers }, (_, i) => api.client(i % 2 ? 'analyst' : 'police')));
}, 120_000);
afterAll(async () => {
  await api?.close();
});

async function create(path: string, body: unknown): Promise<Row> {
  const answer = await api.request<Row>('POST', path, body);
  if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

describe('two people editing the same record at once', () => {
  it(`lets exactly one of ${writers} writes made from the same version through; the rest get 409 with the current version`, async () => {
    const child = await create('/api/young-people', youngPersonInput());
    const answers = await Promise.all(
      clients.map((client, i) =>
        client.request<Row & ErrorBody>('PATCH', `/api/young-people/${child.id}`, {
          version: child.version,
          school: `Test School ${i}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(writers - 1);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error.details?.currentVersion).toBe(2);
    }
    const winner = answers.find((a) => a.status === 200);
    const final = await api.request<Row>('GET', `/api/young-people/${child.id}`);
    expect(final.body).toMatchObject({ version: 2, school: winner?.body.school });
    const [audited] = await api.graph.read<{ n: number }>(
      "MATCH (e:AuditEvent {subjectId: $id, action: 'update'}) RETURN count(e) AS n",
      { id: child.id },
    );
    expect(audited?.n).toBe(1);
  });

  it('loses no update when every writer reads again and retries after a 409', async () => {
    const adult = await create('/api/persons-of-interest', personOfInterestInput({ aliases: [] }));
    const addAlias = async (client: TestClient, alias: string) => {
      for (;;) {
        const current = await client.request<Row>('GET', `/api/persons-of-interest/${adult.id}`);
        const aliases = current.body.aliases as string[];
        const answer = await client.request<Row>('PATCH', `/api/persons-of-interest/${adult.id}`, {
          version: current.body.version,
          aliases: [...aliases, alias],
        });
        if (answer.status === 200) return;
        expect(answer.status).toBe(409);
      }
    };
    await Promise.all(clients.map((client, i) => addAlias(client, `Alias ${i}`)));
    const final = await api.request<Row>('GET', `/api/persons-of-interest/${adult.id}`);
    expect(final.body.version).toBe(writers + 1);
    expect([...(final.body.aliases as string[])].sort()).toEqual(
      Array.from({ length: writers }, (_, i) => `Alias ${i}`).sort(),
    );
  }, 120_000);

  it('refuses stale casework updates the same way (one wins, the rest 409)', async () => {
    const child = await create('/api/young-people', youngPersonInput());
    const store = caseworkStore(action);
    const task = await api.graph.writeTransaction((tx) =>
      store.create(
        tx,
        {
          properties: {
            what: 'Test action edited at once',
            ownerName: 'Officer Example',
            ownerAgency: 'Police',
            dueOn: '2026-12-01',
            status: 'open',
            category: 'protect',
          },
          links: { TARGETS: child.id },
        },
        analyst,
      ),
    );
    const results = await Promise.allSettled(
      Array.from({ length: writers }, (_, i) =>
        api.graph.writeTransaction((tx) =>
          store.update(tx, task.id, { version: 1, changes: { ownerName: `Officer Example ${i}` } }, analyst),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(writers - 1);
    for (const { reason } of refused) expect(reason).toMatchObject({ status: 409 });
    const current = await api.graph.read<{ version: number }>(
      'MATCH (a:Action {id: $id}) RETURN a.version AS version',
      {
        id: task.id,
      },
    );
    expect(current[0]?.version).toBe(2);
  }, 120_000);
});
