import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analysisMirror } from '../../api/analysis/mirror/mirror-sync.ts';
import { auditService } from '../../api/audit/audit.service.ts';
import { systemVisibility } from '../../api/auth/viewer.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';
import { entityService } from '../../api/entities/entities.service.ts';
import { linkService } from '../../api/links/links.service.ts';
import { location, personOfInterest, youngPerson } from '../../graph-schema/index.ts';
import { type LoadProgress, type LoadReport, loadSynthetic } from '../../seed/load-synthetic.ts';
import { generateSynthetic, type SyntheticNetwork } from '../../seed/synthetic.ts';

/**
 * A small synthetic network loaded into the shared test Neo4j. Other files run beside this one, so it
 * uses a seed and reference prefix of its own, asserts only on its own ids, keeps the network small and
 * removes it afterwards.
 */

let graph: Graph;
let network: SyntheticNetwork;
let report: LoadReport;
const progress: LoadProgress[] = [];
const seed = Math.floor(Math.random() * 1e9);
const createdBy = `synthetic-test-${seed}`;
let recordIds: string[];
let linkIds: string[];

beforeAll(async () => {
  graph = connectGraph(inject('neo4j'));
  const prefix = `S${Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
  network = generateSynthetic({
    youngPeople: 40,
    adults: 60,
    locations: 30,
    groups: 3,
    seed,
    linksPerNode: 3,
    referencePrefix: prefix,
  });
  recordIds = [...network.youngPeople, ...network.personsOfInterest, ...network.locations].map((r) => r.id);
  linkIds = network.links.map((l) => l.id);
  report = await loadSynthetic(graph, network, {
    batchSize: 50,
    createdBy,
    onProgress: (step) => progress.push(step),
  });
});

afterAll(async () => {
  await graph?.write('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: recordIds ?? [] });
  await graph?.close();
});

describe('loadSynthetic', () => {
  it('writes every record under its label and reports the counts', async () => {
    const rows = await graph.read<{ label: string; count: number }>(
      `MATCH (n:Entity) WHERE n.id IN $ids
       RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(n) AS count`,
      { ids: recordIds },
    );
    const counts = Object.fromEntries(rows.map((row) => [row.label, row.count]));
    const expected = {
      YoungPerson: network.youngPeople.length,
      PersonOfInterest: network.personsOfInterest.length,
      Location: network.locations.length,
    };
    expect(counts).toEqual(expected);
    expect(report.records).toEqual(expected);
  });

  it('writes every link under its type, between the right records', async () => {
    const rows = await graph.read<{ type: string; count: number }>(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IN $ids
       RETURN type(r) AS type, count(r) AS count`,
      { ids: linkIds },
    );
    const expected: Record<string, number> = {};
    for (const link of network.links) expected[link.type] = (expected[link.type] ?? 0) + 1;
    expect(Object.fromEntries(rows.map((row) => [row.type, row.count]))).toEqual(expected);
    expect(Object.fromEntries(Object.entries(report.links).filter(([, n]) => n > 0))).toEqual(expected);
    expect(report.totalLinks).toBe(network.links.length);
    expect(report.linksPerSecond).toBeGreaterThan(0);
  });

  it('stores records as the entity service reads them back', async () => {
    const sets = [
      { declaration: youngPerson, record: network.youngPeople[0] },
      { declaration: personOfInterest, record: network.personsOfInterest[0] },
      { declaration: location, record: network.locations[0] },
    ];
    for (const { declaration, record } of sets) {
      if (!record) throw new Error(`no ${declaration.label} generated`);
      const stored = await entityService(graph, declaration, analysisMirror(graph, auditService(graph))).get(
        record.id,
        systemVisibility,
      );
      expect(stored).toMatchObject({ ...record, version: 1, createdBy });
      expect(stored.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    const [dates] = await graph.read<{ dateOfBirth: string; reviewDue: string }>(
      'MATCH (n:YoungPerson {id: $id}) RETURN valueType(n.dateOfBirth) AS dateOfBirth, valueType(n.reviewDue) AS reviewDue',
      { id: network.youngPeople[0]?.id },
    );
    expect(dates).toEqual({ dateOfBirth: 'DATE NOT NULL', reviewDue: 'DATE NOT NULL' });
  });

  it('stores links as the link service reads them back, evidence dates as DATE', async () => {
    const supplies = network.links.find((link) => link.type === 'SUPPLIES') ?? network.links[0];
    if (!supplies) throw new Error('no links generated');
    const stored = await linkService(graph).get(supplies.id, systemVisibility);
    expect(stored).toMatchObject({ ...supplies, version: 1, createdBy });
    const [types] = await graph.read<{ firstSeen: string }>(
      'MATCH ()-[r]->() WHERE r.id = $id RETURN valueType(r.firstSeen) AS firstSeen',
      { id: supplies.id },
    );
    expect(types?.firstSeen).toBe('DATE NOT NULL');
  });

  it('stores every record and link with exactly the properties generated, and the system ones', async () => {
    const system = { version: 1, createdBy, createdAt: expect.any(String), updatedAt: expect.any(String) };
    const storedRecords = await graph.read<{ record: { id: string } }>(
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN n {.*} AS record',
      { ids: recordIds },
    );
    const recordById = new Map(storedRecords.map(({ record }) => [record.id, record]));
    for (const record of [...network.youngPeople, ...network.personsOfInterest, ...network.locations]) {
      expect(recordById.get(record.id)).toEqual({ ...record, ...system });
    }
    const storedLinks = await graph.read<{ link: { id: string } }>(
      'MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IN $ids RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link',
      { ids: linkIds },
    );
    const linkById = new Map(storedLinks.map(({ link }) => [link.id, link]));
    for (const link of network.links) expect(linkById.get(link.id)).toEqual({ ...link, ...system });
  });

  it('reports progress batch by batch, and records the start and end of the load in the audit log', async () => {
    expect(progress.filter((step) => step.phase === 'records').at(-1)).toEqual({
      phase: 'records',
      done: recordIds.length,
      total: recordIds.length,
    });
    expect(progress.filter((step) => step.phase === 'links').at(-1)?.done).toBe(linkIds.length);
    const events = await graph.read<{ details: string }>(
      "MATCH (e:AuditEvent {username: $createdBy, action: 'data-reload'}) RETURN e.details AS details ORDER BY e.seq",
      { createdBy },
    );
    expect(events.map((event) => Object.keys(JSON.parse(event.details)))).toEqual([
      ['loading', 'seed', 'records', 'links'],
      ['loaded', 'records', 'links'],
    ]);
  });

  it('refuses a network with a link the schema does not allow, before writing anything', async () => {
    const [first] = network.youngPeople;
    const [place] = network.locations;
    if (!first || !place) throw new Error('no records generated');
    const bad = { ...network, links: [{ ...network.links[0], type: 'DRIVES', from: place.id, to: first.id }] };
    await expect(loadSynthetic(graph, bad as SyntheticNetwork)).rejects.toThrow(
      /DRIVES link cannot run from Location to YoungPerson/,
    );
  });
});
