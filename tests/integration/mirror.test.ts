import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import * as analysisCypher from '../../api/analysis/analysis.cypher.ts';
import { analysisQueries } from '../../api/analysis/analysis.routes.ts';
import { analysisFilters, countingRules, filterParams } from '../../api/analysis/filters.ts';
import { hotspots } from '../../api/analysis/hotspots.ts';
import type { Mirror } from '../../api/analysis/mirror/mirror.ts';
import { PERSON_OF_INTEREST, YOUNG_PERSON } from '../../api/analysis/mirror/mirror.ts';
import { type AnalysisMirror, analysisMirror } from '../../api/analysis/mirror/mirror-sync.ts';
import { sharedAdults } from '../../api/analysis/shared-adults.ts';
import { triangles } from '../../api/analysis/triangles.ts';
import { type NeighbourhoodOptions, neighbourhood, paths } from '../../api/analysis/walks.ts';
import { adultTies, weightedLinks } from '../../api/analysis/weighted-ties.ts';
import { appendAudit, auditService } from '../../api/audit/audit.service.ts';
import { searchableCaption, searchableProperties } from '../../api/auth/pseudonymise.ts';
import { systemVisibility, type Visibility } from '../../api/auth/viewer.ts';
import { connectGraph, type Graph, graphDate } from '../../api/db/neo4j.ts';
import { entityService } from '../../api/entities/entities.service.ts';
import { findRecords, searchTerm } from '../../api/entities/record-search.ts';
import { cypherForLabel } from '../../graph-schema/cypher.ts';
import { type AnyNodeDeclaration, location, personOfInterest, youngPerson } from '../../graph-schema/index.ts';
import { holdsList } from '../../graph-schema/properties.ts';
import { linkInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { loadSynthetic } from '../../seed/load-synthetic.ts';
import { generateSynthetic, type SyntheticNetwork } from '../../seed/synthetic.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';
import * as reference from '../support/reference-analyses.cypher.ts';
import { listEntities as listEntitiesInCypher } from '../support/reference-search.cypher.ts';

/**
 * The in-memory mirror against Neo4j itself: it follows every change made through the API, and its
 * analyses give the answers the same rankings computed in Cypher give (the differential check). The test
 * database is shared with other files, so every comparison looks only at this file's own records, which
 * nothing else links to.
 */

let graph: Graph;
let network: SyntheticNetwork;
let ours: Set<string>;
const analyst: Visibility = { policeIntelligence: false, names: true, revealed: new Set() };
const actor = { username: 'mirror-test', role: 'police' } as const;

/**
 * A fresh network each run, for breadth; the seed is in the test names, so a failure can be replayed with
 * MIRROR_TEST_SEED=<seed>.
 */
const seed = process.env.MIRROR_TEST_SEED ? Number(process.env.MIRROR_TEST_SEED) : Math.floor(Math.random() * 1e9);

beforeAll(async () => {
  graph = connectGraph(inject('neo4j'));
  const prefix = `M${Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
  network = generateSynthetic({
    youngPeople: 60,
    adults: 80,
    locations: 40,
    groups: 4,
    seed,
    linksPerNode: 3,
    referencePrefix: prefix,
  });
  await loadSynthetic(graph, network, { batchSize: 200, createdBy: `mirror-test-${seed}` });
  ours = new Set([...network.youngPeople, ...network.personsOfInterest, ...network.locations].map((r) => r.id));
  // Archived young people and police-only adults, through the services so that the change feed sees them.
  const changes = analysisMirror(graph, auditService(graph));
  const children = entityService(graph, youngPerson, changes);
  for (const record of network.youngPeople.slice(0, 4)) {
    await children.archive(record.id, { reason: 'Closed: test', version: 1 }, actor);
  }
  const adults = entityService(graph, personOfInterest, changes);
  for (const record of network.personsOfInterest.slice(0, 4)) {
    await adults.update(record.id, { version: 1, gradingHandling: 'C' }, actor);
  }
});

afterAll(async () => {
  await graph?.writeTransaction(async (tx) => {
    await tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: [...(ours ?? [])] });
    await appendAudit(tx, { action: 'data-reload', username: 'mirror-test', details: { removed: 'its network' } });
  });
  await graph?.close();
});

/** The filter combinations compared, each for police (who see C) and an analyst (who do not). */
const filterSets: Record<string, string>[] = [
  {},
  { from: '2025-06-01', to: '2026-03-31' },
  { minSource: '2', minInformation: 'C' },
  { includeArchived: 'true' },
  { from: '2026-01-01', minInformation: 'B', includeArchived: 'true' },
];
const viewers = [
  ['police', systemVisibility],
  ['analyst', analyst],
] as const;
const cases = filterSets.flatMap((query) => viewers.map(([who, visibility]) => ({ query, who, visibility })));

const read = <Row>(query: string, params: Record<string, unknown>) =>
  graph.read<Row>(query, params, { timeoutMs: 60_000, maxRows: 1_000_000 });
const sortedIds = (records: { id: string }[]) => records.map((r) => r.id).sort();

describe(`the mirror answers as Cypher does (synthetic seed ${seed})`, () => {
  let mirror: Mirror;
  beforeAll(async () => {
    mirror = await analysisMirror(graph, auditService(graph)).current();
  });

  it.each(cases)('shared adults, $who, $query', async ({ query, visibility }) => {
    const options = analysisQueries.sharedAdults.parse({
      ...query,
      minYoungPeople: '1',
      memberLimit: '500',
      limit: '500',
    });
    type Row = { adult: { id: string }; youngPeople: number; levelScore: number; lastSeen: string; ties: Tie[] };
    type Tie = { youngPerson: { id: string }; links: { id: string }[] };
    const expected = (
      await read<Row>(reference.sharedAdults, { ...filterParams(options, visibility), minYoungPeople: 1, limit: 500 })
    ).filter((row) => ours.has(row.adult.id));
    const found = sharedAdults(mirror, options, visibility);
    expect(found.truncated).toBe(false);
    const actual = found.items.filter((row) => ours.has(row.adult.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.map((row) => [row.adult.id, row.youngPeopleCount, row.levelScore, row.lastSeen])).toEqual(
      expected.map((row) => [row.adult.id, row.youngPeople, row.levelScore, row.lastSeen]),
    );
    const ties = (list: { id: string; links: { id: string }[] }[]) =>
      list.map((tie) => [tie.id, sortedIds(tie.links)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    for (const [i, row] of actual.entries()) {
      const want = (expected[i] as Row).ties.map((tie) => ({ id: tie.youngPerson.id, links: tie.links }));
      expect(ties(row.youngPeople)).toEqual(ties(want));
    }
  });

  it.each(cases)('hotspots, $who, $query', async ({ query, visibility }) => {
    const options = analysisQueries.hotspots.parse({ ...query, minYoungPeople: '0', minPeople: '1', limit: '500' });
    type Person = { record: { id: string }; ties: string[]; lastSeen: string };
    type Row = {
      location: { id: string };
      lastSeen: string;
      youngPeopleCount: number;
      adultCount: number;
      youngPeople: Person[];
      adults: Person[];
    };
    const expected = (
      await read<Row>(reference.hotspots, {
        ...filterParams(options, visibility),
        minYoungPeople: 0,
        minPeople: 1,
        memberLimit: options.memberLimit,
        limit: 500,
      })
    ).filter((row) => ours.has(row.location.id));
    const found = hotspots(mirror, options, visibility);
    expect(found.truncated).toBe(false);
    const actual = found.items.filter((row) => ours.has(row.location.id));
    expect(expected.length).toBeGreaterThan(0);
    const people = (list: { id: string; ties: string[]; lastSeen: string }[]) =>
      list.map((p) => [p.id, [...p.ties].sort(), p.lastSeen]);
    expect(
      actual.map((row) => [
        row.location.id,
        row.youngPeopleCount,
        row.adultCount,
        row.lastSeen,
        people(row.youngPeople),
        people(row.adults),
      ]),
    ).toEqual(
      expected.map((row) => [
        row.location.id,
        row.youngPeopleCount,
        row.adultCount,
        row.lastSeen,
        people(row.youngPeople.map((p) => ({ ...p, id: p.record.id }))),
        people(row.adults.map((p) => ({ ...p, id: p.record.id }))),
      ]),
    );
  });

  it.each(cases)('triangles, $who, $query', async ({ query, visibility }) => {
    const options = analysisQueries.triangles.parse({ ...query, limit: '1000' });
    type Row = {
      youngPerson: { id: string };
      adult: { id: string };
      location: { id: string };
      seen: string;
      youngPersonLinks: { id: string }[];
      adultLinks: { id: string }[];
      directLinks: { id: string }[];
    };
    const params = {
      ...filterParams(options, visibility),
      minLevel: 0,
      linkedOnly: false,
      hubLimit: options.hubLimit,
      limit: 1000,
    };
    const expected = (await read<Row>(reference.triangles, params)).filter((row) => ours.has(row.location.id));
    const found = triangles(mirror, options, visibility);
    expect(found.truncated).toBe(false);
    const actual = found.items.filter((row) => ours.has(row.location.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(
      actual.map((row) => [
        row.youngPerson.id,
        row.adult.id,
        row.location.id,
        row.lastSeen,
        sortedIds(row.youngPersonLinks),
        sortedIds(row.adultLinks),
        sortedIds(row.directLinks),
      ]),
    ).toEqual(
      expected.map((row) => [
        row.youngPerson.id,
        row.adult.id,
        row.location.id,
        row.seen,
        sortedIds(row.youngPersonLinks),
        sortedIds(row.adultLinks),
        sortedIds(row.directLinks),
      ]),
    );
  });

  it.each(cases)('the bonds between adults and the weighted links, $who, $query', async ({ query, visibility }) => {
    const filters = analysisFilters.parse(query);
    const asOf = '2026-06-30';
    const how = { rules: countingRules(filters, visibility), asOf, halfLifeDays: 365 };
    const params = { ...filterParams(filters, visibility), asOf: graphDate(asOf), halfLifeDays: 365 };
    const tiesFromMirror = adultTies(mirror, how);

    type Shared = { via: string; kind: string; adults: string[]; weights: number[] };
    const shared = (await read<Shared>(reference.adultTies, params))
      .filter((tie) => ours.has(tie.via))
      .map((tie) => {
        const order = tie.adults
          .map((_, i) => i)
          .sort((i, j) => ((tie.adults[i] as string) < (tie.adults[j] as string) ? -1 : 1));
        return { ...tie, adults: order.map((i) => tie.adults[i]), weights: order.map((i) => tie.weights[i]) };
      })
      .sort((a, b) => (a.via < b.via ? -1 : 1));
    const id = (slot: number) => mirror.recordId(slot);
    const mine = tiesFromMirror.shared.filter((tie) => ours.has(tie.via));
    // Something to compare without a window; inside a narrow one a small network may rightly share nothing
    // (seed 281314329 left no shared tie from 2026-01-01 at grading B).
    if (!query.from && !query.to) expect(shared.length).toBeGreaterThan(0);
    expect(mine.map((tie) => [tie.via, tie.kind, tie.adults.map(id)])).toEqual(
      shared.map((tie) => [tie.via, tie.kind, tie.adults]),
    );
    for (const [i, tie] of mine.entries()) {
      for (const [j, weight] of tie.weights.entries()) expect(weight).toBeCloseTo(shared[i]?.weights[j] as number, 9);
    }

    type Direct = { source: string; target: string; weight: number; link: string };
    const direct = (await read<Direct>(reference.adultLinks, params)).filter((row) => ours.has(row.source));
    const directMine = tiesFromMirror.direct.filter((row) => ours.has(id(row.source)));
    expect(directMine.map((row) => row.link)).toEqual(direct.map((row) => row.link).sort());
    type Identifiers = { adult: string; phones: string[]; vehicles: string[] };
    const identifiers = (await read<Identifiers>(reference.adultIdentifiers, params)).filter((row) =>
      ours.has(row.adult),
    );
    expect(tiesFromMirror.identifiers.map((row) => id(row.adult)).filter((adult) => ours.has(adult))).toEqual(
      identifiers.map((row) => row.adult).sort(),
    );

    type Weighted = { source: string; target: string; weight: number };
    const links = (
      await read<Weighted>(reference.projectionLinks, { ...params, labels: ['YoungPerson', 'PersonOfInterest'] })
    ).filter((row) => ours.has(row.source));
    const fromMirror = weightedLinks(mirror, [YOUNG_PERSON, PERSON_OF_INTEREST], how);
    const key = (row: Weighted) => `${row.source} ${row.target} ${row.weight.toFixed(9)}`;
    const rows = fromMirror.from.map((from, k) => ({
      source: id(from),
      target: id(fromMirror.to[k] as number),
      weight: fromMirror.weight[k] as number,
    }));
    expect(
      rows
        .filter((row) => ours.has(row.source))
        .map(key)
        .sort(),
    ).toEqual(links.map(key).sort());
  });

  /** The neighbourhood as the service walked it in Cypher: the start, one query per hop, then records and links. */
  async function cypherNeighbourhood(options: NeighbourhoodOptions, visibility: Visibility) {
    const params = filterParams(options, visibility);
    const start = await read<{ record: { id: string } }>(analysisCypher.recordsById, { ...params, ids: options.ids });
    if (start.length < options.ids.length) return 'not found';
    const hopOf = new Map(options.ids.map((id) => [id, 0]));
    let frontier = [...options.ids];
    let truncated = false;
    for (let hop = 1; hop <= options.hops && frontier.length > 0; hop += 1) {
      const room = options.nodeLimit - hopOf.size;
      const next = await read<{ id: string }>(reference.nextHop, {
        ...params,
        frontier,
        seen: [...hopOf.keys()],
        limit: room + 1,
      });
      if (next.length > room) truncated = true;
      frontier = next.slice(0, room).map((row) => row.id);
      for (const id of frontier) hopOf.set(id, hop);
      if (truncated) break;
    }
    const ids = [...hopOf.keys()];
    const links = await read<{ link: { id: string } }>(analysisCypher.linksAmong, {
      ...params,
      ids,
      linkLimit: options.linkLimit,
    });
    return {
      nodes: [...hopOf].map(([id, hop]) => `${hop} ${id}`).sort(),
      links: links.slice(0, options.linkLimit).map((row) => row.link.id),
      truncated: truncated || links.length > options.linkLimit,
    };
  }

  it.each(cases)('neighbourhoods, $who, $query', async ({ query, visibility }) => {
    const [first, second] = network.groundTruth.groups;
    const starts = [[first?.members[0]], [second?.youngPeople[0]], [first?.members[1], network.locations[0]?.id]].map(
      (ids) => ids.filter((id): id is string => id !== undefined),
    );
    let compared = 0;
    for (const ids of starts) {
      for (const [hops, nodeLimit, linkLimit] of [
        ['1', '2000', '20000'],
        ['2', '2000', '20000'],
        ['3', '25', '10'],
      ]) {
        const options = analysisQueries.neighbourhood.parse({
          ...query,
          ids: ids.join(','),
          hops,
          nodeLimit,
          linkLimit,
        });
        const expected = await cypherNeighbourhood(options, visibility);
        let found: ReturnType<typeof neighbourhood> | 'not found';
        try {
          found = neighbourhood(mirror, options, visibility);
        } catch (error) {
          expect((error as { status?: number }).status).toBe(404);
          found = 'not found';
        }
        if (found === 'not found' || expected === 'not found') {
          expect(found).toEqual(expected);
          continue;
        }
        compared += 1;
        expect({
          nodes: found.nodes.map((node) => `${node.hop} ${node.id}`).sort(),
          links: found.links.map((link) => link.id),
          truncated: found.truncated,
        }).toEqual(expected);
        expect(found.nodes.every((node) => ours.has(node.id))).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it.each(cases)('shortest paths, $who, $query', async ({ query, visibility }) => {
    const groups = network.groundTruth.groups;
    const pairs = [
      [groups[0]?.members[0], groups[1]?.members[0]],
      [groups[0]?.youngPeople[0], groups[2]?.members[1]],
      [groups[3]?.members[0], network.locations[5]?.id],
      [network.youngPeople[10]?.id, network.youngPeople[20]?.id],
    ];
    let joined = 0;
    for (const [source, target] of pairs) {
      if (!source || !target || source === target) continue;
      const options = analysisQueries.paths.parse({ ...query, source, target, maxHops: '6', limit: '100' });
      const params = filterParams(options, visibility);
      const ends = await read<{ id: string }>(reference.endpoints, { ...params, source, target });
      if (ends.length < 2) {
        expect(() => paths(mirror, options, visibility)).toThrow();
        continue;
      }
      const rows = await read<{ nodes: { id: string }[]; links: { id: string }[] }>(reference.shortestPaths, {
        ...params,
        source,
        target,
        maxHops: options.maxHops,
        limit: options.limit,
      });
      const found = paths(mirror, options, visibility);
      const key = (path: { nodes: { id: string }[]; links: { id: string }[] }) =>
        `${path.nodes.map((n) => n.id).join(' ')} / ${path.links.map((l) => l.id).join(' ')}`;
      expect(found.truncated).toBe(rows.length > options.limit);
      // Cypher orders paths by their records alone; the mirror then by their links, so compare as sets.
      expect(found.items.map(key).sort()).toEqual(rows.slice(0, options.limit).map(key).sort());
      expect(found.items.every((path) => path.length === path.links.length)).toBe(true);
      const recordLists = found.items.map((path) => path.nodes.map((n) => n.id).join(' '));
      expect(recordLists).toEqual([...recordLists].sort());
      if (found.items.length > 0) joined += 1;
    }
    // A narrow window can leave these pairs unjoined; without one, some pair must be joined.
    if (!query.from && !query.to) expect(joined).toBeGreaterThan(0);
  });
});

describe(`name searches from the mirror find what Cypher finds, in its order (synthetic seed ${seed})`, () => {
  const member: Visibility = { policeIntelligence: false, names: false, revealed: new Set() };
  const searchers = [
    ['police', systemVisibility],
    ['analyst', analyst],
    ['member', member],
  ] as const;
  let mirror: AnalysisMirror;
  beforeAll(() => {
    mirror = analysisMirror(graph, auditService(graph));
  });

  /** Terms an analyst would type, drawn from this network: whole and partial names, spaced phones, references. */
  function terms(): { declaration: AnyNodeDeclaration; search: string | undefined }[] {
    const adult = network.personsOfInterest.find((p) => (p.phones?.length ?? 0) > 0) ?? network.personsOfInterest[0];
    const child = network.youngPeople[1];
    const place = network.locations[2];
    if (!adult || !child || !place) throw new Error('the synthetic network is too small');
    const phone = String(adult.phones?.[0]);
    return [
      { declaration: personOfInterest, search: undefined },
      { declaration: personOfInterest, search: String(adult.name).slice(0, 5).toUpperCase() },
      { declaration: personOfInterest, search: `${phone.slice(0, 4)} ${phone.slice(4)}` },
      { declaration: personOfInterest, search: String(adult.vehicles?.[0] ?? adult.name) },
      { declaration: youngPerson, search: undefined },
      { declaration: youngPerson, search: String(child.name).split(' ')[0] },
      { declaration: youngPerson, search: String(child.reference).slice(0, 6).toLowerCase() },
      { declaration: location, search: String(place.postcode).replaceAll(' ', '') },
      { declaration: location, search: String(place.name).slice(-6) },
    ];
  }

  it.each(searchers)('for %s, archived records left out and kept in', async (_who, visibility) => {
    let compared = 0;
    for (const { declaration, search } of terms()) {
      for (const includeArchived of [false, true]) {
        const searchBy = searchableProperties(declaration, visibility);
        const sortBy = searchableCaption(declaration, visibility);
        const query = cypherForLabel(
          listEntitiesInCypher(
            searchBy.map((name) => ({ name, list: holdsList(declaration.shape.shape[name]) })),
            sortBy,
          ),
          declaration.label,
        );
        const params = {
          search: search ? searchTerm(search) : null,
          includeArchived,
          policeIntelligence: visibility.policeIntelligence,
          offset: 0,
          limit: 1_000_000,
        };
        const [row] = await read<{ total: number; items: { id: string }[] }>(query, params);
        const expected = (row?.items ?? []).map((r) => r.id).filter((id) => ours.has(id));
        const found = findRecords(await mirror.current(), {
          label: declaration.label,
          search: params.search,
          searchBy,
          sortBy,
          includeArchived,
          policeIntelligence: visibility.policeIntelligence,
        });
        expect(
          found.filter((id) => ours.has(id)),
          `${declaration.label} "${search}"`,
        ).toEqual(expected);
        compared += expected.length;

        // The service's pages are slices of that order, with the whole count.
        const service = entityService(graph, declaration, mirror);
        const page = await service.list({ search, includeArchived, offset: 2, limit: 3 }, visibility);
        expect(page.total).toBe(row?.total);
        expect(page.items.map((r) => r.id)).toEqual(found.slice(2, 5));
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('the mirror follows changes made through the API', () => {
  let api: TestApi;
  let police: TestClient;
  let analystClient: TestClient;

  beforeAll(async () => {
    api = await startTestApi(undefined, { signIn: 'police' });
    police = await api.client('police');
    analystClient = await api.client('analyst');
  });
  afterAll(async () => {
    await api?.close();
  });

  type Row = { id: string; version: number };
  const create = async (path: string, body: unknown): Promise<Row> => {
    const answer = await police.request<Row>('POST', path, body);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  type SharedAdults = { items: { adult: { id: string }; youngPeopleCount: number }[] };
  const countFor = async (client: TestClient, adult: Row, query = '') => {
    const answer = await client.request<SharedAdults>(
      'GET',
      `/api/analysis/shared-adults?minYoungPeople=1&limit=500${query}`,
    );
    expect(answer.status).toBe(200);
    return answer.body.items.find((item) => item.adult.id === adult.id)?.youngPeopleCount ?? 0;
  };

  it('sees a new link, a removed link, an archived young person and a record turned police-only', async () => {
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    const first = await create('/api/young-people', youngPersonInput({ levelOfConcern: 2 }));
    const second = await create('/api/young-people', youngPersonInput({ levelOfConcern: 3 }));
    await create('/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: first.id }));
    expect(await countFor(police, adult)).toBe(1);

    const added = await create('/api/links', linkInput({ type: 'OLDER_PARTNER_OF', from: adult.id, to: second.id }));
    expect(await countFor(police, adult)).toBe(2);

    expect((await police.request('DELETE', `/api/links/${added.id}?version=1`)).status).toBe(200);
    expect(await countFor(police, adult)).toBe(1);

    const archived = await police.request('POST', `/api/young-people/${first.id}/archive`, {
      reason: 'Closed: moved away (test)',
      version: first.version,
    });
    expect(archived.status).toBe(200);
    expect(await countFor(police, adult)).toBe(0);
    expect(await countFor(police, adult, '&includeArchived=true')).toBe(1);

    await create('/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: second.id }));
    expect(await countFor(analystClient, adult)).toBe(1);
    const hidden = await police.request('PATCH', `/api/persons-of-interest/${adult.id}`, {
      version: adult.version,
      gradingHandling: 'C',
    });
    expect(hidden.status).toBe(200);
    expect(await countFor(analystClient, adult)).toBe(0);
    expect(await countFor(police, adult)).toBe(1);
  });

  it('lets a crowd of callers share one refresh, and still shows each of them what was committed before they asked', async () => {
    const audit = auditService(graph);
    let reads = 0;
    const mirror = analysisMirror(graph, {
      changesSince: (after, limit) => {
        reads += 1;
        return audit.changesSince(after, limit);
      },
    });
    await mirror.current();
    const child = await create('/api/young-people', youngPersonInput());
    reads = 0;
    // The first of the crowd starts a refresh; the 19 after it arrive while it runs and share the one after it.
    const crowd = await Promise.all(Array.from({ length: 20 }, () => mirror.current()));
    expect(reads).toBe(2);
    for (const seen of crowd) expect(seen.recordIndex.has(child.id)).toBe(true);
  });

  it('reads everything again after a bulk reload, and only the changes otherwise', async () => {
    const mirror = analysisMirror(graph, auditService(graph));
    await mirror.current();
    expect(mirror.status()).toMatchObject({ loaded: true, fullLoads: 1, patches: 0 });
    await create('/api/young-people', youngPersonInput());
    const patched = await mirror.current();
    expect(mirror.status()).toMatchObject({ fullLoads: 1, patches: 1 });
    const child = await create('/api/young-people', youngPersonInput());
    await graph.writeTransaction((tx) =>
      appendAudit(tx, { action: 'data-reload', username: 'mirror-test', details: { test: 'reload' } }),
    );
    const reloaded = await mirror.current();
    expect(mirror.status()).toMatchObject({ fullLoads: 2, patches: 1 });
    expect(reloaded).not.toBe(patched);
    expect(reloaded.recordIndex.has(child.id)).toBe(true);
  });

  it('reads changes in by itself while kept current, and stops when told, saying once that it cannot read', async () => {
    const audit = auditService(graph);
    let broken = false;
    const mirror = analysisMirror(graph, {
      changesSince: (after, limit) =>
        broken ? Promise.reject(new Error('Neo4j is away (test)')) : audit.changesSince(after, limit),
    });
    await mirror.current();
    const problems: string[] = [];
    const stop = mirror.keepCurrent(50, (problem) => problems.push(problem));
    try {
      const before = mirror.status().patches;
      await create('/api/young-people', youngPersonInput());
      // Nobody asks: the background look reads the change in.
      await vi.waitFor(() => expect(mirror.status().patches).toBe(before + 1), { timeout: 5_000, interval: 20 });

      broken = true;
      await vi.waitFor(() => expect(problems).toHaveLength(1), { timeout: 5_000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(problems).toEqual([expect.stringContaining('could not read changes: Error: Neo4j is away (test)')]);
      broken = false;
      await vi.waitFor(() => expect(problems).toHaveLength(2), { timeout: 5_000, interval: 20 });
      expect(problems[1]).toMatch(/reading changes again/);
    } finally {
      stop();
    }
    const stopped = mirror.status().seq;
    await create('/api/young-people', youngPersonInput());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mirror.status().seq).toBe(stopped);
  });
});
