import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewState } from '../../api/views/view-state.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type View = { id: string; name: string; version: number; state: ViewState };
type AuditPage = { items: { action: string; subjectType?: string; subjectId?: string; details?: string }[] };

let api: TestApi;
let police: TestClient;
let admin: TestClient;

const state = (records: string[]): ViewState => ({
  records,
  hidden: [],
  pinned: records.slice(0, 1),
  positions: Object.fromEntries(records.map((id, index) => [id, { x: index * 10, y: index * 5.5 - 2 }])),
  collapsedGroups: [],
  filters: {
    labels: ['YoungPerson'],
    levels: ['3'],
    linkTypes: [],
    minSource: 2,
    minInformation: 'C',
    from: '2026-01-01',
  },
});

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  admin = await api.client('admin');
});
afterAll(async () => {
  await api?.close();
});

describe('/api/views', () => {
  it('saves a view with its records, positions and filters, and reopens it as saved', async () => {
    const records = [crypto.randomUUID(), crypto.randomUUID()];
    const created = await api.request<View>('POST', '/api/views', {
      name: 'Test: Millbrook front',
      state: state(records),
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const reopened = await api.request<View>('GET', `/api/views/${created.body.id}`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.name).toBe('Test: Millbrook front');
    expect(reopened.body.state).toEqual(state(records));
    const list = await api.request<{ items: View[] }>('GET', '/api/views');
    expect(list.body.items.map((v) => v.id)).toContain(created.body.id);
  });

  it('keeps each user’s views to that user', async () => {
    const mine = await api.request<View>('POST', '/api/views', { name: 'Test: private', state: state([]) });
    const theirs = await police.request<{ items: View[] }>('GET', '/api/views');
    expect(theirs.body.items.map((v) => v.id)).not.toContain(mine.body.id);
    expect((await police.request('GET', `/api/views/${mine.body.id}`)).status).toBe(404);
    expect((await police.request('DELETE', `/api/views/${mine.body.id}`)).status).toBe(404);
    expect((await api.request('GET', `/api/views/${mine.body.id}`)).status).toBe(200);
  });

  it('saves over a view at the version read, and refuses a stale one', async () => {
    const created = await api.request<View>('POST', '/api/views', { name: 'Test: to change', state: state([]) });
    const changed = await api.request<View>('PATCH', `/api/views/${created.body.id}`, {
      name: 'Test: changed',
      state: state([crypto.randomUUID()]),
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Test: changed', version: 2 });
    const stale = await api.request('PATCH', `/api/views/${created.body.id}`, {
      name: 'Test: stale',
      state: state([]),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await api.request<View>('GET', `/api/views/${created.body.id}`)).body.name).toBe('Test: changed');
  });

  it('deletes a view, and records saving and deleting in the audit log', async () => {
    const created = await api.request<View>('POST', '/api/views', { name: 'Test: to delete', state: state([]) });
    expect((await api.request('DELETE', `/api/views/${created.body.id}`)).status).toBe(200);
    expect((await api.request('GET', `/api/views/${created.body.id}`)).status).toBe(404);
    const audit = await admin.request<AuditPage>('GET', `/api/audit?subjectId=${created.body.id}`);
    expect(audit.body.items.map((event) => event.action).sort()).toEqual(['create', 'delete']);
  });

  it('refuses bad input and saves nothing', async () => {
    const before = (await api.request<{ items: View[] }>('GET', '/api/views?limit=500')).body.items.length;
    const noName = await api.request('POST', '/api/views', { name: ' ', state: state([]) });
    expect(noName.status).toBe(400);
    const badRecord = await api.request('POST', '/api/views', { name: 'Test: bad', state: state(['not-an-id']) });
    expect(badRecord.status).toBe(400);
    const badPosition = await api.request('POST', '/api/views', {
      name: 'Test: bad',
      state: { ...state([]), positions: { a: { x: 'far', y: 1 } } },
    });
    expect(badPosition.status).toBe(400);
    expect((await api.request<{ items: View[] }>('GET', '/api/views?limit=500')).body.items.length).toBe(before);
  });
});

describe('/api/exports', () => {
  it('records a chart export in the audit log with what left', async () => {
    const records = [crypto.randomUUID()];
    const recorded = await api.request('POST', '/api/exports', { format: 'png', records, links: 3 });
    expect(recorded.status).toBe(201);
    const audit = await admin.request<AuditPage>('GET', '/api/audit?action=export&username=analyst&limit=5');
    const event = audit.body.items.find((e) => e.subjectType === 'Chart' && e.details?.includes(records[0] ?? '-'));
    expect(event?.details).toContain('"format":"png"');
  });

  it('refuses an unknown format', async () => {
    expect((await api.request('POST', '/api/exports', { format: 'pdf', records: [], links: 0 })).status).toBe(400);
  });
});
