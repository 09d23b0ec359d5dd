import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

/**
 * The analyses on small graphs whose answers are known by construction. The test database is shared with
 * other test files, so every assertion looks only at this file's own records (or narrows the analysis to
 * them with `within`).
 */

type Row = Record<string, unknown> & { id: string; version: number };
interface Summary {
  id: string;
  label: string;
  caption: string;
  levelOfConcern?: number | 'archived';
  pseudonymised?: boolean;
}
interface ErrorBody {
  error: { code: string; message: string };
}

let api: TestApi;
let police: TestClient;
let analyst: TestClient;
let member: TestClient;

const create = async (path: string, body: unknown): Promise<Row> => {
  const answer = await police.request<Row>('POST', path, body);
  if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};
const child = (level: 1 | 2 | 3 = 1) => create('/api/young-people', youngPersonInput({ levelOfConcern: level }));
const adult = (overrides = {}) => create('/api/persons-of-interest', personOfInterestInput(overrides));
const place = () => create('/api/locations', locationInput());
const link = (type: string, from: Row, to: Row, overrides: Record<string, unknown> = {}) =>
  create('/api/links', linkInput({ type, from: from.id, to: to.id, ...overrides }));

const get = async <T>(client: TestClient, path: string): Promise<T> => {
  const answer = await client.request<T>('GET', path);
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

beforeAll(async () => {
  api = await startTestApi(undefined, { signIn: 'police' });
  police = await api.client('police');
  analyst = await api.client('analyst');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe('shared adults', () => {
  let hub: Row;
  let loner: Row;
  let children: Row[];

  beforeAll(async () => {
    hub = await adult();
    loner = await adult();
    children = [await child(3), await child(3), await child(2), await child(1)];
    for (const [i, c] of children.entries()) await link(i % 2 ? 'CONTROLS' : 'OLDER_PARTNER_OF', hub, c);
    await link('ASSOCIATE_OF', loner, children[0] as Row);
  });

  type SharedAdults = {
    items: {
      adult: Summary;
      youngPeopleCount: number;
      levelScore: number;
      youngPeople: (Summary & { links: { id: string }[] })[];
    }[];
  };

  it('finds the adult at the centre of a star, with its young people, levels and evidence', async () => {
    const result = await get<SharedAdults>(analyst, '/api/analysis/shared-adults?limit=500');
    const row = result.items.find((item) => item.adult.id === hub.id);
    expect(row).toBeDefined();
    expect(row?.youngPeopleCount).toBe(4);
    expect(row?.levelScore).toBe(9);
    expect(row?.youngPeople.map((y) => y.levelOfConcern)).toEqual([3, 3, 2, 1]);
    expect(row?.youngPeople.every((y) => y.links.length === 1)).toBe(true);
    expect(result.items.some((item) => item.adult.id === loner.id)).toBe(false);
  });

  it('ranks by how many young people, then how high their levels', async () => {
    const result = await get<SharedAdults>(analyst, '/api/analysis/shared-adults?limit=500');
    const counts = result.items.map((item) => [item.youngPeopleCount, item.levelScore] as const);
    const sorted = [...counts].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(counts).toEqual(sorted);
  });

  it('shows young people by reference code to a member', async () => {
    const result = await get<SharedAdults>(member, '/api/analysis/shared-adults?limit=500');
    const row = result.items.find((item) => item.adult.id === hub.id);
    expect(row?.youngPeople.every((y) => y.pseudonymised === true && /^[A-Z]+-\d+$/.test(y.caption))).toBe(true);
  });

  it('lists up to memberLimit young people, highest levels first, and counts them all', async () => {
    const result = await get<SharedAdults>(analyst, '/api/analysis/shared-adults?limit=500&memberLimit=2');
    const row = result.items.find((item) => item.adult.id === hub.id);
    expect(row?.youngPeopleCount).toBe(4);
    expect(row?.youngPeople.map((y) => y.levelOfConcern)).toEqual([3, 3]);
  });

  it('takes the lower bound from the request', async () => {
    const result = await get<SharedAdults>(analyst, '/api/analysis/shared-adults?minYoungPeople=1&limit=500');
    expect(result.items.some((item) => item.adult.id === loner.id)).toBe(true);
  });
});

describe('hotspots and triangles', () => {
  let hotspot: Row;
  let visitors: Row[];
  let adults: Row[];
  let victim: Row;
  let offender: Row;
  let meetingPlace: Row;

  beforeAll(async () => {
    hotspot = await place();
    visitors = [await child(2), await child(1), await child(1)];
    adults = [await adult(), await adult()];
    for (const v of visitors) await link('FREQUENTS', v, hotspot, { firstSeen: '2026-02-01' });
    for (const a of adults) await link('SEEN_AT', a, hotspot, { firstSeen: '2026-03-01', lastSeen: '2026-05-10' });

    victim = await child(3);
    offender = await adult();
    meetingPlace = await place();
    await link('FREQUENTS', victim, meetingPlace, { firstSeen: '2026-04-01' });
    await link('SEEN_AT', offender, meetingPlace, { firstSeen: '2026-04-02', lastSeen: '2026-06-01' });
    await link('CONTROLS', offender, victim);
  });

  it('counts the young people and adults at a known hotspot, with the latest sighting', async () => {
    const result = await get<{
      items: { location: Summary; youngPeopleCount: number; adultCount: number; lastSeen: string; adults: Summary[] }[];
    }>(analyst, '/api/analysis/hotspots?limit=500');
    const row = result.items.find((item) => item.location.id === hotspot.id);
    expect(row).toMatchObject({ youngPeopleCount: 3, adultCount: 2, lastSeen: '2026-05-10' });
    expect(row?.adults.map((a) => a.id).sort()).toEqual(adults.map((a) => a.id).sort());
  });

  it('finds a known PAT triangle, and says the adult is linked to the young person directly', async () => {
    const result = await get<{
      items: { youngPerson: Summary; adult: Summary; location: Summary; linked: boolean; lastSeen: string }[];
    }>(analyst, '/api/analysis/triangles?minLevel=3&linkedOnly=true&limit=1000');
    const row = result.items.find((item) => item.youngPerson.id === victim.id);
    expect(row).toMatchObject({ adult: { id: offender.id }, location: { id: meetingPlace.id }, linked: true });
    // As recent as the older of its two sides: the child was last seen there on 2026-04-01.
    expect(row?.lastSeen).toBe('2026-04-01');
    expect(result.items.every((item) => item.linked && item.youngPerson.levelOfConcern === 3)).toBe(true);
  });

  it('lists the open triangles at the hotspot too (3 young people × 2 adults)', async () => {
    const result = await get<{ items: { location: Summary }[] }>(analyst, '/api/analysis/triangles?limit=1000');
    expect(result.items.filter((item) => item.location.id === hotspot.id)).toHaveLength(6);
  });

  it('leaves out places with more links than the hub limit, and counts them', async () => {
    const result = await get<{ items: { location: Summary }[]; skippedHubs: number }>(
      analyst,
      '/api/analysis/triangles?limit=1000&hubLimit=4',
    );
    // The hotspot has five links, the meeting place two.
    expect(result.items.some((item) => item.location.id === hotspot.id)).toBe(false);
    expect(result.items.some((item) => item.location.id === meetingPlace.id)).toBe(true);
    expect(result.skippedHubs).toBeGreaterThanOrEqual(1);
  });
});

describe('events: one triangle observed', () => {
  let missing: Row;
  let child3: Row;
  let finder: Row;
  let driver: Row;
  let foundAt: Row;
  let hidden: Row;

  beforeAll(async () => {
    child3 = await child(3);
    finder = await adult();
    driver = await adult();
    foundAt = await place();
    missing = await create('/api/events', {
      title: 'Missing overnight (test)',
      type: 'missing-episode',
      occurredOn: '2026-09-01',
      endedOn: '2026-09-02',
    });
    // No link joins the child, the adults or the place directly: only the event ties them.
    await link('INVOLVED_IN', child3, missing, { firstSeen: '2026-09-01' });
    await link('INVOLVED_IN', finder, missing, { firstSeen: '2026-09-02' });
    await link('INVOLVED_IN', driver, missing, { firstSeen: '2026-09-01' });
    await link('HAPPENED_AT', missing, foundAt, { firstSeen: '2026-09-02' });
    hidden = await create('/api/events', {
      title: 'Police-only sighting (test)',
      type: 'sighting',
      occurredOn: '2026-09-20',
      gradingHandling: 'C',
    });
    await link('INVOLVED_IN', child3, hidden, { firstSeen: '2026-09-20' });
    await link('INVOLVED_IN', finder, hidden, { firstSeen: '2026-09-20' });
    await link('HAPPENED_AT', hidden, foundAt, { firstSeen: '2026-09-20' });
  });

  type Triangles = {
    items: {
      youngPerson: Summary;
      adult: Summary;
      location: Summary;
      lastSeen: string;
      events: (Summary & { occurredOn?: string })[];
      eventLinks: { id: string; type: string }[];
      youngPersonLinks: unknown[];
    }[];
  };

  it('finds the triangles an event observed, naming the event and its links', async () => {
    const result = await get<Triangles>(analyst, '/api/analysis/triangles?observedOnly=true&limit=1000');
    const mine = result.items.filter((item) => item.youngPerson.id === child3.id);
    expect(mine.map((item) => item.adult.id).sort()).toEqual([finder.id, driver.id].sort());
    for (const row of mine) {
      expect(row.location.id).toBe(foundAt.id);
      expect(row.events.map((e) => [e.id, e.occurredOn])).toEqual([[missing.id, '2026-09-01']]);
      expect(row.eventLinks.map((l) => l.type).sort()).toEqual(['HAPPENED_AT', 'INVOLVED_IN', 'INVOLVED_IN']);
      expect(row.youngPersonLinks).toEqual([]);
    }
    // As recent as the oldest of its three links: the child's and the driver's, on 2026-09-01.
    expect(mine.find((row) => row.adult.id === driver.id)?.lastSeen).toBe('2026-09-01');
    expect(result.items.every((item) => item.events.length > 0)).toBe(true);
  });

  it('shows a police-only event to police alone', async () => {
    const forPolice = await get<Triangles>(police, '/api/analysis/triangles?observedOnly=true&limit=1000');
    const row = forPolice.items.find((item) => item.youngPerson.id === child3.id && item.adult.id === finder.id);
    expect(row?.events.map((e) => e.id)).toEqual([hidden.id, missing.id]);
    const forAnalyst = await get<Triangles>(analyst, '/api/analysis/triangles?observedOnly=true&limit=1000');
    expect(forAnalyst.items.flatMap((item) => item.events.map((e) => e.id))).not.toContain(hidden.id);
  });

  it('counts the event, and the people in it, at the place it happened', async () => {
    const result = await get<{
      items: {
        location: Summary;
        youngPeopleCount: number;
        adultCount: number;
        eventCount: number;
        youngPeople: (Summary & { ties: string[] })[];
      }[];
    }>(analyst, '/api/analysis/hotspots?limit=500&minYoungPeople=1');
    const row = result.items.find((item) => item.location.id === foundAt.id);
    expect(row).toMatchObject({ youngPeopleCount: 1, adultCount: 2, eventCount: 1 });
    expect(row?.youngPeople[0]?.ties).toEqual(['INVOLVED_IN']);
  });

  it('binds adults who were in one event together', async () => {
    const result = await get<{
      items: { members: Summary[]; bonds: { adults: string[]; reasons: { kind: string; via?: string }[] }[] }[];
    }>(analyst, `/api/analysis/groups?within=${finder.id}&minSize=2`);
    const group = result.items.find((item) => item.members.some((m) => m.id === finder.id));
    expect(group?.members.map((m) => m.id).sort()).toEqual([finder.id, driver.id].sort());
    expect(group?.bonds[0]?.reasons).toEqual([expect.objectContaining({ kind: 'event', via: missing.id })]);
  });
});

describe('two planted groups joined by one broker', () => {
  const groupOf = new Map<string, 'north' | 'south'>();
  let north: Row[];
  let south: Row[];
  let broker: Row;

  beforeAll(async () => {
    north = [];
    south = [];
    for (const [name, members] of [
      ['north', north],
      ['south', south],
    ] as const) {
      const victims = [await child(3), await child(2), await child(2)];
      const den = await place();
      for (let i = 0; i < 5; i += 1) {
        const member = await adult();
        members.push(member);
        groupOf.set(member.id, name);
        for (const v of victims) await link('OLDER_PARTNER_OF', member, v);
        await link('SEEN_AT', member, den);
      }
      for (let i = 0; i < members.length; i += 1) {
        await link('ASSOCIATE_OF', members[i] as Row, members[(i + 1) % members.length] as Row);
      }
    }
    broker = await adult();
    await link('ASSOCIATE_OF', broker, north[0] as Row);
    await link('ASSOCIATE_OF', broker, south[0] as Row);
  });

  const within = () => `within=${north[0]?.id}`;

  it('splits them into the two groups, with the broker in neither or at the edge', async () => {
    const result = await get<{
      items: {
        members: Summary[];
        cohesion: number;
        youngPeople: (Summary & { adults: string[] })[];
        sharedLocations: Summary[];
        bonds: { adults: [string, string]; reasons: { kind: string }[] }[];
      }[];
      method: { algorithm: string };
    }>(analyst, `/api/analysis/groups?${within()}`);
    expect(result.method.algorithm).toMatch(/Louvain/);
    const planted = result.items.map((group) => new Set(group.members.map((m) => groupOf.get(m.id)).filter(Boolean)));
    expect(planted).toHaveLength(2);
    expect(planted.every((labels) => labels.size === 1)).toBe(true);
    for (const group of result.items) {
      const members = group.members.filter((m) => groupOf.has(m.id));
      expect(members).toHaveLength(5);
      expect(group.youngPeople).toHaveLength(3);
      expect(group.youngPeople.every((y) => y.adults.length >= 5)).toBe(true);
      expect(group.sharedLocations).toHaveLength(1);
      expect(group.cohesion).toBeGreaterThan(0.8);
      const kinds = new Set(group.bonds.flatMap((bond) => bond.reasons.map((reason) => reason.kind)));
      expect([...kinds].sort()).toEqual(['associate', 'location', 'young-person']);
    }
  });

  it('lists the most-tied young people and the strongest bonds up to the limits asked, with complete counts', async () => {
    type Groups = {
      items: {
        members: Summary[];
        youngPeople: (Summary & { adults: string[] })[];
        youngPeopleCount: number;
        sharedLocations: Summary[];
        sharedLocationCount: number;
        bonds: { adults: [string, string]; weight: number }[];
        bondCount: number;
      }[];
    };
    const whole = await get<Groups>(analyst, `/api/analysis/groups?${within()}`);
    const listed = await get<Groups>(analyst, `/api/analysis/groups?${within()}&listLimit=1&bondLimit=2`);
    expect(listed.items.map((group) => group.members)).toEqual(whole.items.map((group) => group.members));
    for (const [i, group] of listed.items.entries()) {
      const all = whole.items[i] as Groups['items'][number];
      // Within the default limits every young person and bond is listed, so the counts can be checked against them.
      expect(all.youngPeopleCount).toBe(all.youngPeople.length);
      expect(all.sharedLocationCount).toBe(all.sharedLocations.length);
      expect(all.bondCount).toBe(all.bonds.length);
      expect(all.bondCount).toBeGreaterThan(2);
      expect(group.youngPeople).toEqual(all.youngPeople.slice(0, 1));
      expect(group.youngPeopleCount).toBe(3);
      expect(group.sharedLocationCount).toBe(1);
      expect(group.bonds).toEqual(all.bonds.slice(0, 2));
      expect(group.bondCount).toBe(all.bondCount);
      const members = new Set(all.members.map((m) => m.id));
      expect(all.bonds.every((bond) => bond.adults.every((id) => members.has(id)))).toBe(true);
    }
  });

  it('sees a change made after it last answered', async () => {
    const [first, second, third] = [await adult(), await adult(), await adult()];
    const victims = [await child(2), await child(1)];
    for (const member of [first, second, third]) for (const v of victims) await link('OLDER_PARTNER_OF', member, v);
    const path = `/api/analysis/groups?within=${first.id}&minSize=2`;
    type Groups = { items: { members: Summary[] }[] };
    const before = await get<Groups>(analyst, path);
    expect(before.items.map((group) => group.members.length)).toEqual([3]);
    expect(await get<Groups>(analyst, path)).toEqual(before);
    const joining = await adult();
    for (const v of victims) await link('OLDER_PARTNER_OF', joining, v);
    const after = await get<Groups>(analyst, path);
    expect(after.items[0]?.members.map((m) => m.id).sort()).toEqual([first.id, second.id, third.id, joining.id].sort());
  });

  it('gives the same groups for the same data and parameters', async () => {
    const first = await get<unknown>(analyst, `/api/analysis/groups?${within()}`);
    const second = await get<unknown>(analyst, `/api/analysis/groups?${within()}`);
    expect(second).toEqual(first);
  });

  it('puts the broker first by betweenness', async () => {
    const result = await get<{ items: { entity: Summary; betweenness: number }[]; method: { betweenness: string } }>(
      analyst,
      `/api/analysis/centrality?${within()}&sortBy=betweenness`,
    );
    expect(result.items[0]?.entity.id).toBe(broker.id);
    expect(result.method.betweenness).toBe('exact');
  });

  it('names the broker as the first key player, and the network falls apart without it', async () => {
    const result = await get<{
      baseline: { nodes: number; largestComponentShare: number; components: number };
      steps: { entity: Summary; largestComponentShare: number; components: number }[];
    }>(analyst, `/api/analysis/key-players?${within()}&count=2`);
    expect(result.baseline).toMatchObject({ nodes: 17, largestComponentShare: 1, components: 1 });
    expect(result.steps[0]?.entity.id).toBe(broker.id);
    expect(result.steps[0]?.components).toBe(2);
    expect(result.steps[0]?.largestComponentShare).toBeCloseTo(8 / 17, 5);
    expect(result.steps[1]?.largestComponentShare).toBeLessThan(8 / 17);
  });

  it('routes the shortest path between the two groups through the broker', async () => {
    const result = await get<{ items: { length: number; nodes: Summary[]; links: { id: string }[] }[] }>(
      analyst,
      `/api/analysis/paths?source=${north[0]?.id}&target=${south[0]?.id}`,
    );
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.nodes.map((n) => n.id)).toEqual([north[0]?.id, broker.id, south[0]?.id]);
    expect(result.items[0]?.links).toHaveLength(2);
  });

  it('finds no path when the hops are too few', async () => {
    const result = await get<{ items: unknown[] }>(
      analyst,
      `/api/analysis/paths?source=${north[1]?.id}&target=${south[1]?.id}&maxHops=2`,
    );
    expect(result.items).toEqual([]);
  });

  it('expands the neighbourhood hop by hop, within the cap', async () => {
    const one = await get<{ nodes: (Summary & { hop: number })[]; links: unknown[]; truncated: boolean }>(
      analyst,
      `/api/analysis/neighbourhood?ids=${broker.id}`,
    );
    expect(one.nodes.map((n) => n.id).sort()).toEqual([broker.id, north[0]?.id, south[0]?.id].sort());
    expect(one.links).toHaveLength(2);
    const two = await get<{ nodes: (Summary & { hop: number })[]; truncated: boolean }>(
      analyst,
      `/api/analysis/neighbourhood?ids=${broker.id}&hops=2`,
    );
    expect(two.nodes.filter((n) => n.hop === 2).length).toBeGreaterThan(4);
    const capped = await get<{ nodes: unknown[]; truncated: boolean }>(
      analyst,
      `/api/analysis/neighbourhood?ids=${broker.id}&hops=2&nodeLimit=5`,
    );
    expect(capped.nodes).toHaveLength(5);
    expect(capped.truncated).toBe(true);
  });
});

describe('groups in the order asked for', () => {
  // Three groups of known shape, bound only by direct association (each bond the same weight): a closed
  // triangle (cell A), a star of five whose hub is bound to a second triangle (cell B), and that triangle.
  // The bridge starts at the hub: from a leaf it would tie that leaf equally to the star and to cell B, and
  // Louvain would place it by the order of the records' random ids.
  // Sizes 3, 5, 3; bond weight inside 3, 4, 3; cohesion 1, 8/9, 6/7; density 1, 0.4, 1.
  let cellA: Row[];
  let star: Row[];
  let cellB: Row[];
  const names = new Map<string, string>();
  type Groups = { items: { members: Summary[]; cohesion: number; density: number; internalWeight: number }[] };
  const ranked = async (sortBy?: string) => {
    const order = sortBy ? `&sortBy=${sortBy}` : '';
    const answer = await get<Groups>(analyst, `/api/analysis/groups?within=${cellA[0]?.id},${star[0]?.id}${order}`);
    return answer.items.map((group) => {
      const found = new Set(group.members.map((m) => names.get(m.id)));
      expect(found.size).toBe(1);
      return [...found][0];
    });
  };

  beforeAll(async () => {
    const triangle = async (name: string) => {
      const members = [await adult(), await adult(), await adult()];
      for (const m of members) names.set(m.id, name);
      for (let i = 0; i < 3; i += 1) await link('ASSOCIATE_OF', members[i] as Row, members[(i + 1) % 3] as Row);
      return members;
    };
    cellA = await triangle('A');
    cellB = await triangle('B');
    star = [];
    for (let i = 0; i < 5; i += 1) star.push(await adult());
    for (const m of star) names.set(m.id, 'star');
    for (const leaf of star.slice(1)) await link('ASSOCIATE_OF', star[0] as Row, leaf);
    await link('ASSOCIATE_OF', star[0] as Row, cellB[0] as Row);
  });

  it('ranks by size unless told otherwise, and by weight inside, cohesion or density when asked', async () => {
    expect((await ranked())[0]).toBe('star');
    expect(await ranked('size')).toEqual(await ranked());
    expect((await ranked('internalWeight'))[0]).toBe('star');
    expect(await ranked('cohesion')).toEqual(['A', 'star', 'B']);
    const dense = await ranked('density');
    expect(dense[2]).toBe('star');
    expect(dense.slice(0, 2).sort()).toEqual(['A', 'B']);
  });

  it('reports the measures it ranks by', async () => {
    const answer = await get<Groups>(
      analyst,
      `/api/analysis/groups?within=${cellA[0]?.id},${star[0]?.id}&sortBy=cohesion`,
    );
    const [a, s, b] = answer.items;
    expect(a?.cohesion).toBe(1);
    expect(s?.cohesion).toBeCloseTo(8 / 9, 3);
    expect(b?.cohesion).toBeCloseTo(6 / 7, 3);
    expect(s?.density).toBeCloseTo(0.4, 3);
    expect(s?.internalWeight).toBeCloseTo((a?.internalWeight ?? 0) * (4 / 3), 3);
  });
});

describe('time window and grading', () => {
  let who: Row;
  let old: Row;
  let recent: Row;
  let weak: Row;

  beforeAll(async () => {
    who = await adult();
    old = await child(2);
    recent = await child(2);
    weak = await child(2);
    await link('DRIVES', who, old, { firstSeen: '2020-01-01', lastSeen: '2020-06-01' });
    await link('DRIVES', who, recent, { firstSeen: '2026-01-01' });
    await link('DRIVES', who, weak, { firstSeen: '2026-02-01', gradingSource: 3, gradingInformation: 'E' });
  });

  const youngPeopleOf = async (query: string) => {
    const result = await get<{ items: { adult: Summary; youngPeople: Summary[] }[] }>(
      analyst,
      `/api/analysis/shared-adults?minYoungPeople=1&limit=500&${query}`,
    );
    return (result.items.find((item) => item.adult.id === who.id)?.youngPeople ?? []).map((y) => y.id).sort();
  };

  it('counts every link with no filters', async () => {
    expect(await youngPeopleOf('')).toEqual([old.id, recent.id, weak.id].sort());
  });

  it('leaves out links last seen before the window, and links first seen after it', async () => {
    expect(await youngPeopleOf('from=2025-01-01')).toEqual([recent.id, weak.id].sort());
    expect(await youngPeopleOf('to=2021-01-01')).toEqual([old.id]);
    expect(await youngPeopleOf('from=2020-03-01&to=2020-04-01')).toEqual([old.id]);
  });

  it('leaves out intelligence graded below the minimum', async () => {
    expect(await youngPeopleOf('minInformation=D')).toEqual([old.id, recent.id].sort());
    expect(await youngPeopleOf('minSource=2')).toEqual([old.id, recent.id].sort());
  });
});

describe('police-only intelligence in analyses', () => {
  let open: Row;
  let secretAdult: Row;
  let children: Row[];
  let den: Row;

  beforeAll(async () => {
    open = await adult();
    secretAdult = await adult({ gradingHandling: 'C' });
    children = [await child(3), await child(2)];
    den = await place();
    // The open adult's tie to the second child is police-only; so is everything about the secret adult.
    await link('CONTROLS', open, children[0] as Row);
    await link('CONTROLS', open, children[1] as Row, { gradingHandling: 'C' });
    await link('SEEN_AT', open, den);
    await link('FREQUENTS', children[0] as Row, den);
    for (const c of children) await link('OLDER_PARTNER_OF', secretAdult, c);
    await link('SEEN_AT', secretAdult, den);
    await link('ASSOCIATE_OF', secretAdult, open);
  });

  const sharedCount = async (client: TestClient) => {
    const result = await get<{ items: { adult: Summary; youngPeopleCount: number }[] }>(
      client,
      '/api/analysis/shared-adults?minYoungPeople=1&limit=500',
    );
    return {
      open: result.items.find((item) => item.adult.id === open.id)?.youngPeopleCount,
      secret: result.items.some((item) => item.adult.id === secretAdult.id),
    };
  };

  it('counts police-only links for the police only', async () => {
    expect(await sharedCount(police)).toEqual({ open: 2, secret: true });
    for (const client of [analyst, member]) expect(await sharedCount(client)).toEqual({ open: 1, secret: false });
  });

  it('keeps police-only adults out of hotspot counts', async () => {
    const adultsAtDen = async (client: TestClient) => {
      const result = await get<{ items: { location: Summary; adultCount: number }[] }>(
        client,
        '/api/analysis/hotspots?limit=500',
      );
      return result.items.find((item) => item.location.id === den.id)?.adultCount;
    };
    expect(await adultsAtDen(police)).toBe(2);
    expect(await adultsAtDen(analyst)).toBe(1);
    expect(await adultsAtDen(member)).toBe(1);
  });

  it('never walks a path through police-only intelligence for other roles', async () => {
    const path = `/api/analysis/paths?source=${children[1]?.id}&target=${den.id}`;
    const forPolice = await get<{ items: { nodes: Summary[] }[] }>(police, path);
    expect(forPolice.items.length).toBeGreaterThan(0);
    for (const client of [analyst, member]) {
      const result = await get<{ items: { nodes: Summary[] }[] }>(client, path);
      expect(result.items).toEqual([]);
    }
    const hidden = await analyst.request<ErrorBody>(
      'GET',
      `/api/analysis/paths?source=${secretAdult.id}&target=${den.id}`,
    );
    expect(hidden.status).toBe(404);
  });

  it('keeps police-only adults and links out of groups, centrality and neighbourhoods', async () => {
    for (const client of [analyst, member]) {
      const groups = await get<{ items: { members: Summary[] }[] }>(
        client,
        `/api/analysis/groups?within=${open.id}&minSize=2`,
      );
      expect(JSON.stringify(groups)).not.toContain(secretAdult.id);
      const central = await get<{ items: { entity: Summary; degree: number }[] }>(
        client,
        `/api/analysis/centrality?within=${open.id}&limit=100`,
      );
      expect(JSON.stringify(central)).not.toContain(secretAdult.id);
      expect(central.items.find((item) => item.entity.id === open.id)?.degree).toBe(1);
      const around = await get<{ nodes: Summary[] }>(client, `/api/analysis/neighbourhood?ids=${open.id}`);
      expect(around.nodes.map((n) => n.id).sort()).toEqual([open.id, children[0]?.id, den.id].sort());
    }
    const central = await get<{ items: { entity: Summary; degree: number }[] }>(
      police,
      `/api/analysis/centrality?within=${open.id}&limit=100`,
    );
    expect(central.items.find((item) => item.entity.id === open.id)?.degree).toBe(3);
  });
});

describe('parameters and audit', () => {
  it.each([
    '/api/analysis/shared-adults?minYoungPeople=0',
    '/api/analysis/shared-adults?limit=100000',
    '/api/analysis/shared-adults?from=2026-05-01&to=2026-01-01',
    '/api/analysis/shared-adults?from=yesterday',
    '/api/analysis/hotspots?minInformation=F',
    '/api/analysis/triangles?minLevel=4',
    '/api/analysis/paths',
    '/api/analysis/paths?source=not-an-id&target=also-not',
    `/api/analysis/paths?source=${crypto.randomUUID()}&target=${crypto.randomUUID()}&maxHops=7`,
    '/api/analysis/neighbourhood?ids=',
    `/api/analysis/neighbourhood?ids=${crypto.randomUUID()}&hops=4`,
    '/api/analysis/groups?resolution=0',
    '/api/analysis/groups?listLimit=0',
    '/api/analysis/groups?bondLimit=2001',
    '/api/analysis/groups?listLimit=many',
    '/api/analysis/groups?sortBy=members',
    '/api/analysis/groups?within=MATCH%20(n)%20DETACH%20DELETE%20n',
    '/api/analysis/centrality?projection=everything',
    '/api/analysis/centrality?sortBy=name',
    '/api/analysis/key-players?count=50',
  ])('%s → 400', async (path) => {
    const answer = await analyst.request<ErrorBody>('GET', path);
    expect(answer.status).toBe(400);
    expect(['invalid_input', 'bad_request']).toContain(answer.body.error.code);
  });

  it('answers 404 for a path from a record that does not exist', async () => {
    const someone = await adult();
    const answer = await analyst.request<ErrorBody>(
      'GET',
      `/api/analysis/paths?source=${someone.id}&target=${crypto.randomUUID()}`,
    );
    expect(answer.status).toBe(404);
  });

  it('records every run in the audit log with its parameters', async () => {
    const auditor = await api.client('admin');
    const marker = '2026-01-02';
    await get(member, `/api/analysis/hotspots?from=${marker}`);
    const log = await get<{ items: { action: string; username: string; subjectId: string; details: unknown }[] }>(
      auditor,
      '/api/audit?action=analysis&limit=50',
    );
    const entry = log.items.find(
      (item) => item.subjectId === 'hotspots' && JSON.stringify(item.details).includes(marker),
    );
    expect(entry?.username).toBe('member');
  });

  it('records an analysis that answers with an error too, but not one refused for its parameters', async () => {
    const auditor = await api.client('admin');
    const someone = await adult();
    const missing = crypto.randomUUID();
    expect((await analyst.request('GET', `/api/analysis/paths?source=${someone.id}&target=${missing}`)).status).toBe(
      404,
    );
    const refused = crypto.randomUUID();
    expect(
      (await analyst.request('GET', `/api/analysis/paths?source=${refused}&target=${refused}&maxHops=9`)).status,
    ).toBe(400);
    const log = await get<{ items: { subjectId: string; details: unknown }[] }>(
      auditor,
      '/api/audit?action=analysis&limit=50',
    );
    const mentions = (id: string) => log.items.some((item) => JSON.stringify(item.details).includes(id));
    expect(mentions(missing)).toBe(true);
    expect(mentions(refused)).toBe(false);
  });
});
