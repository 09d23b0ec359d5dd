import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type Network = { nodes: { id: string; label: string }[]; links: { id: string; type: string }[]; truncated: boolean };

let api: TestApi;
let early: Row;
let late: Row;
let ids: string[];
let child: Row;

beforeAll(async () => {
  api = await startTestApi();
  child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
  const adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
  const place = (await api.request<Row>('POST', '/api/locations', locationInput())).body;
  ids = [child.id, adult.id, place.id];
  early = (
    await api.request<Row>(
      'POST',
      '/api/links',
      linkInput({ type: 'DRIVES', from: adult.id, to: child.id, firstSeen: '2024-01-01', lastSeen: '2024-03-01' }),
    )
  ).body;
  late = (
    await api.request<Row>(
      'POST',
      '/api/links',
      linkInput({ type: 'SEEN_AT', from: child.id, to: place.id, firstSeen: '2026-06-01' }),
    )
  ).body;
});
afterAll(async () => {
  await api?.close();
});

describe('/api/network', () => {
  it('returns the records and the links between them', async () => {
    const network = await api.request<Network>('GET', '/api/network');
    expect(network.status).toBe(200);
    const nodeIds = network.body.nodes.map((n) => n.id);
    expect(nodeIds).toEqual(expect.arrayContaining(ids));
    expect(network.body.links.map((l) => l.id)).toEqual(expect.arrayContaining([early.id, late.id]));
  });

  it('limits links to a time window', async () => {
    const window = await api.request<Network>('GET', '/api/network?from=2024-02-01&to=2024-12-31');
    const linkIds = window.body.links.map((l) => l.id);
    expect(linkIds).toContain(early.id);
    expect(linkIds).not.toContain(late.id);
    const after = await api.request<Network>('GET', '/api/network?from=2025-01-01');
    expect(after.body.links.map((l) => l.id)).toEqual(expect.arrayContaining([late.id]));
    expect(after.body.links.map((l) => l.id)).not.toContain(early.id);
  });

  it("gives each record the chart's fields, not the whole record, in id order", async () => {
    type Charted = { nodes: { id: string; label: string; record: Record<string, unknown> }[] };
    const network = await api.request<Charted>('GET', '/api/network');
    const child = network.body.nodes.find((node) => node.id === ids[0]);
    expect(child?.label).toBe('YoungPerson');
    expect(child?.record).toMatchObject({ id: ids[0], levelOfConcern: 1 });
    expect(child?.record.name).toMatch(/^Test Child/);
    expect(typeof child?.record.reference).toBe('string');
    // Identifying details the chart does not draw stay at the record's own route.
    expect(child?.record).not.toHaveProperty('dateOfBirth');
    expect(child?.record).not.toHaveProperty('createdAt');
    const place = network.body.nodes.find((node) => node.id === ids[2]);
    expect(place?.record).not.toHaveProperty('postcode');
    const nodeIds = network.body.nodes.map((node) => node.id);
    expect(nodeIds).toEqual([...nodeIds].sort());
  });

  it('leaves archived records and their links out when asked', async () => {
    const place = (await api.request<Row>('POST', '/api/locations', locationInput())).body;
    const seen = (
      await api.request<Row>('POST', '/api/links', linkInput({ type: 'SEEN_AT', from: child.id, to: place.id }))
    ).body;
    const archived = await api.request('POST', `/api/locations/${place.id}/archive`, {
      reason: 'Test: closed down',
      version: place.version,
    });
    expect(archived.status).toBe(200);
    const all = await api.request<Network>('GET', '/api/network');
    expect(all.body.nodes.map((n) => n.id)).toContain(place.id);
    expect(all.body.links.map((l) => l.id)).toContain(seen.id);
    const live = await api.request<Network>('GET', '/api/network?includeArchived=false');
    expect(live.body.nodes.map((n) => n.id)).not.toContain(place.id);
    expect(live.body.links.map((l) => l.id)).not.toContain(seen.id);
    expect(live.body.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(ids));
  });

  it('says when the cap left records out', async () => {
    const capped = await api.request<Network>('GET', '/api/network?nodeLimit=1');
    expect(capped.body.nodes).toHaveLength(1);
    expect(capped.body.truncated).toBe(true);
  });

  it('refuses a bad window', async () => {
    expect((await api.request('GET', '/api/network?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    expect((await api.request('GET', '/api/network?from=yesterday')).status).toBe(400);
  });
});
