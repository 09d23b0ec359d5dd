import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

let api: TestApi;
let child: Row;
let adult: Row;
let place: Row;

beforeAll(async () => {
  api = await startTestApi();
  child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 3 }))).body;
  adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
  place = (await api.request<Row>('POST', '/api/locations', locationInput())).body;
});
afterAll(async () => {
  await api?.close();
});

const countLinks = async (entity: string) =>
  (await api.request<{ total: number }>('GET', `/api/links?entity=${entity}`)).body.total;

describe('/api/links', () => {
  it('links an adult to a young person with the evidence, and reads it back', async () => {
    const input = linkInput({
      type: 'CONTROLS',
      from: adult.id,
      to: child.id,
      sourceReference: 'TEST/0001',
      lastSeen: '2026-03-01',
    });
    const created = await api.request<Row>('POST', '/api/links', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...input,
      fromLabel: 'PersonOfInterest',
      toLabel: 'YoungPerson',
      version: 1,
      createdBy: 'analyst',
    });
    const read = await api.request<Row>('GET', `/api/links/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it("sends a link's dates and instants as the driver's values would read, leaving out those it does not have", async () => {
    const created = (
      await api.request<Row>('POST', '/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: child.id }))
    ).body;
    expect(created).not.toHaveProperty('lastSeen');
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Instants whose millisecond ends in zeros, or is none, in another offset: Neo4j's own toString would shorten them.
    for (const [stamp, iso] of [
      ['2025-01-01T10:00:00.5+01:00', '2025-01-01T09:00:00.500Z'],
      ['2025-06-30T23:59:59Z', '2025-06-30T23:59:59.000Z'],
      ['2024-02-29T00:00:00.12-05:30', '2024-02-29T05:30:00.120Z'],
    ] as const) {
      await api.graph.write(
        `MATCH ()-[r:CONTROLS {id: $id}]->() SET r.updatedAt = datetime($stamp), r.lastSeen = date('2026-04-05')`,
        { id: created.id, stamp },
      );
      const read = await api.request<Row>('GET', `/api/links/${created.id}`);
      // The same properties as the driver gives them, each temporal turned to text by toPlain.
      const [plain] = await api.graph.read<{ link: Row }>('MATCH ()-[r:CONTROLS {id: $id}]->() RETURN r {.*} AS link', {
        id: created.id,
      });
      expect(read.body.updatedAt).toBe(iso);
      expect(plain?.link.updatedAt).toBe(iso);
      expect(read.body).toMatchObject({ ...plain?.link, lastSeen: '2026-04-05' });
      const listed = await api.request<{ items: Row[] }>('GET', `/api/links?entity=${adult.id}&limit=500`);
      expect(listed.body.items.find((link) => link.id === created.id)).toEqual(read.body);
    }
  });

  it('keeps type-specific properties', async () => {
    const created = await api.request<Row>(
      'POST',
      '/api/links',
      linkInput({ type: 'SUPPLIES', from: adult.id, to: child.id, supplied: ['gifts', 'money'] }),
    );
    expect(created.status).toBe(201);
    expect(created.body.supplied).toEqual(['gifts', 'money']);
  });

  it('refuses a link whose endpoints do not fit the declared relationship, and writes nothing', async () => {
    const before = await countLinks(child.id);
    const backwards = await api.request<ErrorBody>(
      'POST',
      '/api/links',
      linkInput({ type: 'CONTROLS', from: child.id, to: adult.id }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/CONTROLS link cannot run from YoungPerson to PersonOfInterest/);
    const placeToChild = await api.request(
      'POST',
      '/api/links',
      linkInput({ type: 'FREQUENTS', from: place.id, to: child.id }),
    );
    expect(placeToChild.status).toBe(400);
    const self = await api.request('POST', '/api/links', linkInput({ type: 'PEER_OF', from: child.id, to: child.id }));
    expect(self.status).toBe(400);
    expect(await countLinks(child.id)).toBe(before);
  });

  it('refuses undeclared types, missing evidence and bad gradings with 400', async () => {
    const unknownType = await api.request<ErrorBody>(
      'POST',
      '/api/links',
      linkInput({ type: 'LIKES', from: adult.id, to: child.id }),
    );
    expect(unknownType.status).toBe(400);
    const { sourceAgency: _omitted, ...noSource } = linkInput({ type: 'CONTROLS', from: adult.id, to: child.id });
    const missing = await api.request<{ error: { details: { field: string }[] } }>('POST', '/api/links', noSource);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d) => d.field)).toContain('sourceAgency');
    const grading = await api.request(
      'POST',
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: child.id, gradingSource: 5 }),
    );
    expect(grading.status).toBe(400);
    const dates = await api.request(
      'POST',
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: child.id, firstSeen: '2026-05-01', lastSeen: '2026-04-01' }),
    );
    expect(dates.status).toBe(400);
  });

  it('answers 404 when an endpoint does not exist', async () => {
    const missing = await api.request<ErrorBody>(
      'POST',
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: crypto.randomUUID() }),
    );
    expect(missing.status).toBe(404);
    expect((await api.request('GET', `/api/links/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('lists the links of a record, filtered by type', async () => {
    const other = (await api.request<Row>('POST', '/api/locations', locationInput())).body;
    await api.request(
      'POST',
      '/api/links',
      linkInput({ type: 'SEEN_AT', from: adult.id, to: other.id, firstSeen: '2026-02-01' }),
    );
    await api.request(
      'POST',
      '/api/links',
      linkInput({ type: 'FREQUENTS', from: child.id, to: other.id, firstSeen: '2026-03-01' }),
    );
    const all = await api.request<{ items: Row[]; total: number }>('GET', `/api/links?entity=${other.id}`);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((l) => l.type)).toEqual(['FREQUENTS', 'SEEN_AT']);
    const seen = await api.request<{ items: Row[] }>('GET', `/api/links?entity=${other.id}&type=SEEN_AT`);
    expect(seen.body.items.map((l) => l.from)).toEqual([adult.id]);
    expect((await api.request('GET', '/api/links?type=LIKES')).status).toBe(400);
  });

  it('removes a link, then answers 404 for it', async () => {
    const created = await api.request<Row>(
      'POST',
      '/api/links',
      linkInput({ type: 'ASSOCIATE_OF', from: adult.id, to: child.id }),
    );
    const removed = await api.request('DELETE', `/api/links/${created.body.id}?version=1`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: true });
    expect((await api.request('GET', `/api/links/${created.body.id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/api/links/${created.body.id}?version=1`)).status).toBe(404);
    expect((await api.request('GET', `/api/persons-of-interest/${adult.id}`)).status).toBe(200);
  });

  it('refuses to remove a link changed since it was read (409 with the current link), or given no version', async () => {
    const created = (
      await api.request<Row>(
        'POST',
        '/api/links',
        linkInput({ type: 'ASSOCIATE_OF', from: adult.id, to: child.id, firstSeen: '2026-01-05' }),
      )
    ).body;
    // Someone imports new evidence for it: a later lastSeen, version 2.
    const columns = ['id', 'type', 'fromId', 'toId', 'sourceAgency', 'gradingSource', 'gradingInformation'];
    const values = [created.id, 'ASSOCIATE_OF', adult.id, child.id, created.sourceAgency, created.gradingSource];
    const text = `${[...columns, 'gradingHandling', 'firstSeen', 'lastSeen'].join(',')}\n${[
      ...values,
      created.gradingInformation,
      created.gradingHandling,
      '2026-01-05',
      '2026-06-30',
    ].join(',')}\n`;
    const imported = await api.request('POST', '/api/imports', { files: [{ name: 'links.csv', text }] });
    expect(imported.status).toBe(201);

    const stale = await api.request<{ error: { details: { currentVersion: number; current: Row } } }>(
      'DELETE',
      `/api/links/${created.id}?version=1`,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, current: { lastSeen: '2026-06-30' } });
    expect((await api.request('DELETE', `/api/links/${created.id}`)).status).toBe(400);
    expect((await api.request('DELETE', `/api/links/${created.id}?version=x`)).status).toBe(400);
    expect((await api.request<Row>('GET', `/api/links/${created.id}`)).body).toMatchObject({ version: 2 });

    expect((await api.request('DELETE', `/api/links/${created.id}?version=2`)).status).toBe(200);
    expect((await api.request('GET', `/api/links/${created.id}`)).status).toBe(404);
  });
});
