import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { caseworkStore } from '../../api/operations/casework/casework-store.ts';
import { action } from '../../graph-schema/casework/index.ts';
import { personOfInterestInput, uniqueReference, youngPersonInput } from '../../seed/factories.ts';
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

describe('two imports at once', () => {
  type ImportReport = { committed: boolean; rows: { action: string; id?: string }[]; audit?: string };
  const importOf = (client: TestClient, tag: string) =>
    client.request<ImportReport>('POST', '/api/imports', {
      files: [
        {
          name: 'young-people.csv',
          text: [
            'reference,name,levelOfConcern',
            ...Array.from({ length: 40 }, (_, i) => `${uniqueReference('IMP')},Test Import ${tag} ${i},1`),
          ].join('\n'),
        },
      ],
    });

  it('do not interleave: each is written whole, one after the other', async () => {
    const [first, second] = await Promise.all([
      importOf(clients[0] as TestClient, 'A'),
      importOf(clients[1] as TestClient, 'B'),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const idsOf = (report: ImportReport) => report.rows.filter((r) => r.action === 'create').map((r) => r.id);
    const ranges = [];
    for (const report of [first.body, second.body]) {
      const ids = idsOf(report);
      expect(ids).toHaveLength(40);
      const [row] = await api.graph.read<{ records: number; from: number; to: number }>(
        `MATCH (n:YoungPerson) WHERE n.id IN $ids
         OPTIONAL MATCH (e:AuditEvent {action: 'create'}) WHERE e.subjectId IN $ids
         RETURN count(DISTINCT n) AS records, min(e.seq) AS from, max(e.seq) AS to`,
        { ids },
      );
      expect(row?.records).toBe(40);
      ranges.push(row);
    }
    // The audit events of one import all come before, or all after, the other's: never mixed.
    const [a, b] = ranges as { from: number; to: number }[];
    expect(a && b && (a.to < b.from || b.to < a.from)).toBe(true);
  }, 120_000);
});
