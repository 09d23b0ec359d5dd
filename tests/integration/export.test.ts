import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../api/audit/audit.service.ts';
import type { ImportReport } from '../../api/transfer/import.service.ts';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';
import { childrenNamed, parseXml } from '../support/xml.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ExportJson = {
  nodes: { id: string; label: string; record: Row }[];
  links: (Row & { type: string; from: string; to: string })[];
};

let api: TestApi;
let police: TestClient;
let member: TestClient;
beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

/** A small network of this test's own: two young people, two adults, a place, four links; one adult police-only. */
async function smallNetwork(tag = String(Math.floor(Math.random() * 1e8))) {
  const post = async (client: TestClient, path: string, body: unknown) => {
    const created = await client.request<Row>('POST', path, body);
    if (created.status !== 201) throw new Error(`${path}: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body;
  };
  const child = await post(
    api,
    '/api/young-people',
    youngPersonInput({ name: `Test Export Child ${tag}`, school: 'Test School' }),
  );
  const peer = await post(api, '/api/young-people', youngPersonInput({ levelOfConcern: 3 }));
  const adult = await post(
    api,
    '/api/persons-of-interest',
    personOfInterestInput({
      phones: ['07700 900301', '07700 900302'],
      knownPerpetrator: true,
      description: 'Tall & "fictional" <test>',
    }),
  );
  const secret = await post(
    police,
    '/api/persons-of-interest',
    personOfInterestInput({ name: `Test Secret Adult ${tag}`, gradingHandling: 'C' }),
  );
  const place = await post(api, '/api/locations', locationInput({ latitude: 53.5, longitude: -2.25 }));
  const links = [
    await post(
      api,
      '/api/links',
      linkInput({
        type: 'SUPPLIES',
        from: adult.id,
        to: child.id,
        supplied: ['gifts', 'phone'],
        firstSeen: '2025-03-01',
        lastSeen: '2025-04-01',
      }),
    ),
    await post(api, '/api/links', linkInput({ type: 'PEER_OF', from: child.id, to: peer.id, firstSeen: '2026-02-01' })),
    await post(
      api,
      '/api/links',
      linkInput({ type: 'FREQUENTS', from: adult.id, to: place.id, firstSeen: '2026-03-01' }),
    ),
    await post(
      police,
      '/api/links',
      linkInput({ type: 'CONTROLS', from: secret.id, to: child.id, firstSeen: '2026-03-02' }),
    ),
  ];
  return { child, peer, adult, secret, place, links, records: [child, peer, adult, secret, place] };
}

const exportOf = <T>(client: TestClient, query: string) => client.request<T>('GET', `/api/exports/network?${query}`);
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('export', () => {
  it('gives JSON and well-formed GraphML with typed keys, the same records and links, audited as export', async () => {
    const network = await smallNetwork();
    const json = await exportOf<ExportJson>(api, 'format=json');
    expect(json.status).toBe(200);
    const mine = new Set(ids(network.records));
    const nodes = json.body.nodes.filter((node) => mine.has(node.id));
    expect(ids(nodes).sort()).toEqual(ids([network.child, network.peer, network.adult, network.place]).sort());
    const links = json.body.links.filter((link) => mine.has(link.from));
    expect(ids(links).sort()).toEqual(ids(network.links.slice(0, 3)).sort());

    const graphml = await exportOf<string>(api, 'format=graphml');
    expect(graphml.headers.get('content-type')).toContain('application/graphml+xml');
    const root = parseXml(graphml.body);
    expect(root.name).toBe('graphml');
    const [graph] = childrenNamed(root, 'graph');
    expect(childrenNamed(graph as never, 'node')).toHaveLength(json.body.nodes.length);
    expect(childrenNamed(graph as never, 'edge')).toHaveLength(json.body.links.length);
    const keys = new Map(
      childrenNamed(root, 'key').map((key) => [`${key.attributes.for}:${key.attributes['attr.name']}`, key.attributes]),
    );
    expect(keys.get('node:knownPerpetrator')?.['attr.type']).toBe('boolean');
    expect(keys.get('node:latitude')?.['attr.type']).toBe('double');
    expect(keys.get('edge:gradingSource')?.['attr.type']).toBe('int');
    expect(keys.get('edge:type')?.['attr.type']).toBe('string');
    const keyName = new Map(childrenNamed(root, 'key').map((key) => [key.attributes.id, key.attributes['attr.name']]));
    const dataOf = (element: { children: { attributes: Record<string, string>; text: string }[] }) =>
      Object.fromEntries(element.children.map((d) => [keyName.get(d.attributes.key as string), d.text]));
    const adultNode = childrenNamed(graph as never, 'node').find((n) => n.attributes.id === network.adult.id);
    expect(dataOf(adultNode as never)).toMatchObject({
      kind: 'PersonOfInterest',
      label: network.adult.name,
      description: 'Tall & "fictional" <test>',
      phones: '07700 900301 | 07700 900302',
    });
    const supplies = childrenNamed(graph as never, 'edge').find((e) => e.attributes.id === network.links[0]?.id);
    expect(supplies?.attributes).toMatchObject({ source: network.adult.id, target: network.child.id });
    expect(dataOf(supplies as never)).toMatchObject({
      type: 'SUPPLIES',
      sourceAgency: 'Police',
      gradingSource: '2',
      supplied: 'gifts | phone',
    });

    const log = await api.graph.read<{ details: string }>(
      "MATCH (e:AuditEvent {action: 'export', username: 'analyst'}) RETURN e.details AS details",
    );
    const formats = log.map((row) => JSON.parse(row.details).format);
    expect(formats).toEqual(expect.arrayContaining(['json', 'graphml']));
  });

  it('is viewer-aware: police-only records only for police, young people pseudonymised for members', async () => {
    const network = await smallNetwork();
    const asPolice = await exportOf<ExportJson>(police, 'format=json');
    expect(ids(asPolice.body.nodes)).toContain(network.secret.id);
    expect(ids(asPolice.body.links)).toContain(network.links[3]?.id);
    const asAnalyst = await exportOf<ExportJson>(api, 'format=json');
    expect(ids(asAnalyst.body.nodes)).not.toContain(network.secret.id);
    expect(ids(asAnalyst.body.links)).not.toContain(network.links[3]?.id);

    const asMember = await exportOf<{ files: Record<string, string> }>(member, 'format=csv');
    expect(asMember.status).toBe(200);
    const youngPeople = parse(asMember.body.files['young-people.csv'] as string, { columns: true }) as Record<
      string,
      string
    >[];
    const child = youngPeople.find((row) => row.id === network.child.id);
    expect(child).toMatchObject({
      name: network.child.reference,
      reference: network.child.reference,
      dateOfBirth: '',
      school: '',
    });
    expect(asMember.body.files['young-people.csv']).not.toContain(network.child.name);
    const memberGraphml = await exportOf<string>(member, 'format=graphml');
    expect(memberGraphml.body).not.toContain(network.child.name);
    expect(memberGraphml.body).not.toContain(network.secret.name);
  });

  it('filters by label and by the time window on links, like the network', async () => {
    const network = await smallNetwork();
    const people = await exportOf<ExportJson>(api, 'format=json&labels=YoungPerson,PersonOfInterest');
    expect(new Set(people.body.nodes.map((n) => n.label))).toEqual(new Set(['YoungPerson', 'PersonOfInterest']));
    expect(ids(people.body.links)).not.toContain(network.links[2]?.id);
    expect(ids(people.body.links)).toContain(network.links[0]?.id);
    const recent = await exportOf<ExportJson>(api, 'format=json&from=2026-01-01');
    expect(ids(recent.body.links)).not.toContain(network.links[0]?.id);
    expect(ids(recent.body.links)).toContain(network.links[1]?.id);
    const early = await exportOf<ExportJson>(api, 'format=json&to=2025-12-31');
    expect(ids(early.body.links)).toContain(network.links[0]?.id);
    expect(ids(early.body.links)).not.toContain(network.links[1]?.id);

    const one = await exportOf<string>(api, 'format=csv&file=locations.csv&labels=Location');
    expect(one.headers.get('content-type')).toContain('text/csv');
    expect(one.body.split('\n')[0]).toBe(
      'id,version,name,type,address,postcode,latitude,longitude,gradingHandling,archivedAt,archiveReason',
    );
    expect(one.body).toContain(network.place.id);
  });

  it('answers 400 for a bad format, label, window or file', async () => {
    for (const query of [
      'format=pdf',
      'labels=Meeting',
      'from=2026-02-01&to=2026-01-01',
      'format=json&file=links.csv',
    ]) {
      const answer = await exportOf<{ error: { code: string } }>(api, query);
      expect(answer.status, query).toBe(400);
    }
    expect((await exportOf(api, 'format=csv&file=meetings.csv')).status).toBe(400);
  });

  it('round-trips: the export imports as unchanged into the same data, and as create into a wiped set that then matches', async () => {
    const network = await smallNetwork();
    const mine = new Set(ids(network.records));
    const original = await exportOf<ExportJson>(police, 'format=json');
    const exported = await exportOf<{ files: Record<string, string> }>(police, 'format=csv');
    // Only this test's records: the database is shared with the other test files.
    const files = Object.entries(exported.body.files).map(([name, text]) => {
      const [header, ...rows] = parse(text) as string[][];
      const at = (column: string) => (header as string[]).indexOf(column);
      const kept = rows.filter((row) =>
        name === 'links.csv'
          ? mine.has(row[at('fromId')] as string) && mine.has(row[at('toId')] as string)
          : mine.has(row[at('id')] as string),
      );
      return { name, text: stringify([header, ...kept]) };
    });
    const dry = (client: TestClient) => client.request<ImportReport>('POST', '/api/imports/dry-run', { files });
    const same = await dry(police);
    expect(same.body.summary).toEqual({ create: 0, update: 0, unchanged: 9, reject: 0 });

    await api.graph.writeTransaction(async (tx) => {
      await tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: [...mine] });
      await appendAudit(tx, { action: 'data-reload', username: 'test', details: { wiped: 'export round trip' } });
    });
    const wiped = await dry(police);
    expect(wiped.body.summary).toEqual({ create: 9, update: 0, unchanged: 0, reject: 0 });
    const committed = await police.request<ImportReport>('POST', '/api/imports', { files });
    expect(committed.status).toBe(201);

    const again = await exportOf<ExportJson>(police, 'format=json');
    const writable = (record: Row) => {
      const { createdAt, updatedAt, createdBy, updatedBy, version, ...rest } = record;
      return rest;
    };
    const pick = (data: ExportJson) => ({
      nodes: data.nodes.filter((n) => mine.has(n.id)).map((n) => ({ label: n.label, record: writable(n.record) })),
      links: data.links.filter((l) => mine.has(l.from)).map((l) => writable(l)),
    });
    expect(pick(again.body)).toEqual(pick(original.body));
    expect(pick(again.body).nodes).toHaveLength(5);
    expect(pick(again.body).links).toHaveLength(4);
  });

  it('round-trips an archived young person and an archived record: archived again, by a level decision, with the same archive', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 2 }))).body;
    const decided = await api.request('POST', `/api/young-people/${child.id}/levels`, {
      level: 'archived',
      decidedOn: new Date().toISOString().slice(0, 10),
      agreedBy: 'Test Operations Group',
      reason: 'Test reason: case closed',
    });
    expect(decided.status).toBe(201);
    const adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    const archivedAdult = await api.request('POST', `/api/persons-of-interest/${adult.id}/archive`, {
      reason: 'Test reason: no longer of concern',
      version: adult.version,
    });
    expect(archivedAdult.status).toBe(200);
    const link = (
      await api.request<Row>('POST', '/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: child.id }))
    ).body;
    const mine = new Set([child.id, adult.id]);
    const original = await exportOf<ExportJson>(api, 'format=json&labels=YoungPerson,PersonOfInterest');
    const exported = await exportOf<{ files: Record<string, string> }>(
      api,
      'format=csv&labels=YoungPerson,PersonOfInterest',
    );
    const files = Object.entries(exported.body.files).map(([name, text]) => {
      const [header, ...rows] = parse(text) as string[][];
      const at = (column: string) => (header as string[]).indexOf(column);
      const kept = rows.filter((row) => mine.has(row[at(name === 'links.csv' ? 'fromId' : 'id')] as string));
      return { name, text: stringify([header, ...kept]) };
    });
    expect(files.find((f) => f.name === 'young-people.csv')?.text).toContain('Test reason: case closed');
    const dry = () => api.request<ImportReport>('POST', '/api/imports/dry-run', { files });
    expect((await dry()).body.summary).toEqual({ create: 0, update: 0, unchanged: 3, reject: 0 });

    await api.graph.writeTransaction(async (tx) => {
      await tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: [...mine] });
      await appendAudit(tx, { action: 'data-reload', username: 'test', details: { wiped: 'archive round trip' } });
    });
    const planned = await dry();
    expect(planned.body.summary).toEqual({ create: 3, update: 0, unchanged: 0, reject: 0 });
    expect(planned.body.rows.find((r) => r.id === child.id)?.changes).toEqual([
      { field: 'levelOfConcern', from: null, to: 'archived', by: 'level decision' },
    ]);
    expect((await api.request('POST', '/api/imports', { files })).status).toBe(201);

    const again = await exportOf<ExportJson>(api, 'format=json&labels=YoungPerson,PersonOfInterest');
    const writable = (record: Row) => {
      const { createdAt, updatedAt, createdBy, updatedBy, version, ...rest } = record;
      return rest;
    };
    const pick = (data: ExportJson) => ({
      nodes: data.nodes.filter((n) => mine.has(n.id)).map((n) => ({ label: n.label, record: writable(n.record) })),
      links: data.links.filter((l) => l.id === link.id).map((l) => writable(l)),
    });
    expect(pick(again.body)).toEqual(pick(original.body));
    expect(pick(again.body).nodes.find((n) => n.record.id === child.id)?.record).toMatchObject({
      levelOfConcern: 'archived',
      archiveReason: 'Test reason: case closed',
    });
    // The young person's archive came through a level decision, recorded by the importer.
    const levels = await api.request<{ history: Row[] }>('GET', `/api/young-people/${child.id}/levels`);
    expect(levels.body.history).toEqual([
      expect.objectContaining({ level: 'archived', reason: 'Test reason: case closed', createdBy: 'analyst' }),
    ]);
  });

  it('is refused to signed-out users and answers by role', async () => {
    const anonymous = await api.client();
    expect((await exportOf(anonymous, 'format=json')).status).toBe(401);
    const admin = await api.client('admin');
    expect((await exportOf(admin, 'format=json')).status).toBe(403);
  });
});
