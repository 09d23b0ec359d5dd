import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/auth/roles.ts';
import { addDays, epochDay, isoDay, todayIso } from '../../graph-schema/calendar.ts';
import { locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { createdBy, startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type Summary = { id: string; caption: string };
type Episode = Row & {
  title: string;
  occurredOn: string;
  endedOn?: string;
  description?: string;
  within72Hours: boolean | null;
  dueBy: string | null;
  foundAt: Summary | null;
  withWhom: Summary[];
};
type ErrorBody = { error: { code: string; message: string; details: unknown } };
type LinkRow = Row & { type: string; from: string; to: string; firstSeen: string; lastSeen: string };

let api: TestApi;
const clients = {} as Record<Role, TestClient>;
const today = todayIso();
const daysFromToday = (days: number) => addDays(today, days);

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['analyst', 'police', 'member'] as const) clients[role] = await api.client(role);
});
afterAll(async () => {
  await api?.close();
});

const create = (path: string, body: unknown, client = clients.analyst) => createdBy<Row>(client, path, body);
const child = (overrides = {}, client = clients.analyst) =>
  create('/api/young-people', youngPersonInput({ levelOfConcern: 2, ...overrides }), client);
const adult = (overrides = {}, client = clients.analyst) =>
  create('/api/persons-of-interest', personOfInterestInput(overrides), client);
const place = (client = clients.analyst) => create('/api/locations', locationInput({ type: 'hotel-bnb' }), client);

const evidence = { sourceAgency: 'Police', gradingSource: 2, gradingInformation: 'B', gradingHandling: 'P' };
const episodeBody = (overrides: Record<string, unknown> = {}) => ({
  occurredOn: daysFromToday(-3),
  endedOn: daysFromToday(-2),
  withWhom: [],
  evidence,
  ...overrides,
});
const logEpisode = (youngPerson: string, overrides: Record<string, unknown> = {}, client = clients.analyst) =>
  client.request<Episode & ErrorBody>(
    'POST',
    `/api/young-people/${youngPerson}/missing-episodes`,
    episodeBody(overrides),
  );
const episodesOf = async (youngPerson: string, client = clients.analyst) =>
  (await client.request<{ items: Episode[] }>('GET', `/api/young-people/${youngPerson}/missing-episodes`)).body.items;

/** What the graph holds about a young person's episodes: events, their links, and the audit of each. */
async function written(youngPerson: string) {
  const [row] = await api.graph.read<{ events: number; links: number; audited: number }>(
    `MATCH (child:YoungPerson {id: $youngPerson})
     OPTIONAL MATCH (child)-[:INVOLVED_IN]->(e:Event)
     OPTIONAL MATCH (e)-[r]-()
     WITH collect(DISTINCT e) AS events, collect(DISTINCT r) AS links
     OPTIONAL MATCH (audit:AuditEvent) WHERE audit.subjectId IN [x IN events | x.id] + [x IN links | x.id]
     RETURN size(events) AS events, size(links) AS links, count(audit) AS audited`,
    { youngPerson },
  );
  return row;
}

describe('logging a missing episode', () => {
  it('writes the event, its links with their evidence, and audits each, in one go', async () => {
    const yp = await child();
    const adults = [await adult(), await adult()];
    const foundAt = await place();
    const logged = await logEpisode(yp.id, {
      description: 'Test: missing overnight, found at a hotel',
      foundAt: foundAt.id,
      withWhom: adults.map((a) => a.id),
      returnInterviewOffered: daysFromToday(-2),
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({
      type: 'missing-episode',
      title: `Missing episode from ${daysFromToday(-3)}`,
      occurredOn: daysFromToday(-3),
      endedOn: daysFromToday(-2),
      returnInterviewOffered: daysFromToday(-2),
      foundAt: { id: foundAt.id },
      within72Hours: null,
      dueBy: daysFromToday(1),
    });
    expect(logged.body.withWhom.map((a) => a.id).sort()).toEqual(adults.map((a) => a.id).sort());
    // The event, three INVOLVED_IN and one HAPPENED_AT, each audited once as it was made.
    expect(await written(yp.id)).toEqual({ events: 1, links: 4, audited: 5 });

    const links = await clients.analyst.request<{ items: LinkRow[] }>('GET', `/api/links?entity=${logged.body.id}`);
    expect(links.body.items.map((l) => l.type).sort()).toEqual([
      'HAPPENED_AT',
      'INVOLVED_IN',
      'INVOLVED_IN',
      'INVOLVED_IN',
    ]);
    for (const link of links.body.items) {
      expect(link).toMatchObject({
        sourceAgency: 'Police',
        gradingSource: 2,
        gradingInformation: 'B',
        gradingHandling: 'P',
        firstSeen: daysFromToday(-3),
        lastSeen: daysFromToday(-2),
        createdBy: 'analyst',
      });
    }
    const [audit] = await api.graph.read<{ types: string[] }>(
      'MATCH (e:AuditEvent) WHERE e.subjectId IN $ids RETURN collect(e.subjectType) AS types',
      { ids: links.body.items.map((l) => l.id) },
    );
    expect(audit?.types).toEqual(['Link', 'Link', 'Link', 'Link']);
  });

  it('writes nothing when an adult does not exist (404) or it ended before it began (400)', async () => {
    const yp = await child();
    const known = await adult();
    const foundAt = await place();
    const unknownAdult = await logEpisode(yp.id, { foundAt: foundAt.id, withWhom: [known.id, crypto.randomUUID()] });
    expect(unknownAdult.status).toBe(404);
    expect(unknownAdult.body.error.details).toEqual({ field: 'withWhom.1' });
    const notAnAdult = await logEpisode(yp.id, { withWhom: [foundAt.id] });
    expect(notAnAdult.status).toBe(404);
    const unknownPlace = await logEpisode(yp.id, { foundAt: crypto.randomUUID() });
    expect(unknownPlace.status).toBe(404);
    const backwards = await logEpisode(yp.id, { occurredOn: daysFromToday(-2), endedOn: daysFromToday(-4) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ field: 'endedOn' })]);
    const interviewFirst = await logEpisode(yp.id, { returnInterviewDone: daysFromToday(-5) });
    expect(interviewFirst.status).toBe(400);
    expect((await logEpisode(crypto.randomUUID())).status).toBe(404);
    expect(await written(yp.id)).toEqual({ events: 0, links: 0, audited: 0 });
    expect((await episodesOf(yp.id)).length).toBe(0);
    const [adultLinks] = await api.graph.read<{ n: number }>(
      'MATCH (:PersonOfInterest {id: $id})-[r]-() RETURN count(r) AS n',
      { id: known.id },
    );
    expect(adultLinks?.n).toBe(0);
  });
});

describe('an event written through the events routes', () => {
  it('keeps the same date rules as a missing episode logged, and an end not before the day for any event', async () => {
    const episode = await create('/api/events', {
      title: 'Test missing, written as an event',
      type: 'missing-episode',
      occurredOn: daysFromToday(-20),
    });
    const stale = { endedOn: daysFromToday(-30), returnInterviewDone: daysFromToday(-40), version: 1 };
    const refused = await clients.analyst.request<ErrorBody>('PATCH', `/api/events/${episode.id}`, stale);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('The day they came back cannot be before the day they went missing');
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'returnInterviewDone' })]),
    );
    const unchanged = await clients.analyst.request<Row>('GET', `/api/events/${episode.id}`);
    expect(unchanged.body).toMatchObject({ version: 1 });
    expect(unchanged.body.endedOn).toBeUndefined();
    const back = { endedOn: daysFromToday(-19), returnInterviewDone: daysFromToday(-18), version: 1 };
    expect((await clients.analyst.request('PATCH', `/api/events/${episode.id}`, back)).status).toBe(200);
    const inFuture = await clients.analyst.request<ErrorBody>('POST', '/api/events', {
      title: 'Test missing tomorrow',
      type: 'missing-episode',
      occurredOn: daysFromToday(1),
    });
    expect(inFuture.status).toBe(400);
    const incident = await clients.analyst.request<ErrorBody>('POST', '/api/events', {
      title: 'Test incident ending before it began',
      type: 'incident',
      occurredOn: daysFromToday(-5),
      endedOn: daysFromToday(-6),
    });
    expect(incident.status).toBe(400);
    expect(incident.body.error.message).toBe('An event cannot end before the day it happened');
  });
});

describe('the return home interview within 72 hours', () => {
  it.each([
    [
      'done on the third day after the return',
      { endedOn: daysFromToday(-10), returnInterviewDone: daysFromToday(-7) },
      true,
    ],
    ['done on the fourth day', { endedOn: daysFromToday(-10), returnInterviewDone: daysFromToday(-6) }, false],
    ['not done and the time is up', { endedOn: daysFromToday(-4) }, false],
    ['not done, back today', { endedOn: today }, null],
    ['still missing', { endedOn: undefined }, null],
  ])('%s', async (_case, dates, within) => {
    const yp = await child();
    const logged = await logEpisode(yp.id, { occurredOn: daysFromToday(-12), ...dates });
    expect(logged.status).toBe(201);
    const [listed] = await episodesOf(yp.id);
    expect(listed?.within72Hours).toBe(within);
    expect(listed?.dueBy).toBe(dates.endedOn ? isoDay(epochDay(dates.endedOn) + 3) : null);
  });

  it('is recorded after the episode was logged, under the version read', async () => {
    const yp = await child();
    const logged = (await logEpisode(yp.id, { occurredOn: daysFromToday(-3), endedOn: undefined })).body;
    const back = await clients.analyst.request<Episode>('PATCH', `/api/missing-episodes/${logged.id}`, {
      endedOn: daysFromToday(-1),
      version: 1,
    });
    expect(back.body).toMatchObject({ version: 2, within72Hours: null, dueBy: daysFromToday(2) });
    // The links logged with it now run to the day they came back, each change audited for the mirror.
    const links = await clients.analyst.request<{ items: LinkRow[] }>('GET', `/api/links?entity=${logged.id}`);
    expect(links.body.items.map((l) => [l.firstSeen, l.lastSeen])).toEqual([[daysFromToday(-3), daysFromToday(-1)]]);
    const [audited] = await api.graph.read<{ n: number }>(
      "MATCH (e:AuditEvent {subjectType: 'Link', action: 'update'}) WHERE e.subjectId IN $ids RETURN count(e) AS n",
      { ids: links.body.items.map((l) => l.id) },
    );
    expect(audited?.n).toBe(1);
    const early = await clients.analyst.request('PATCH', `/api/missing-episodes/${logged.id}`, {
      returnInterviewDone: daysFromToday(-2),
      version: 2,
    });
    expect(early.status).toBe(400);
    const stale = await clients.analyst.request('PATCH', `/api/missing-episodes/${logged.id}`, {
      returnInterviewDone: today,
      version: 1,
    });
    expect(stale.status).toBe(409);
    const done = await clients.analyst.request<Episode>('PATCH', `/api/missing-episodes/${logged.id}`, {
      returnInterviewDone: today,
      version: 2,
    });
    expect(done.body).toMatchObject({ version: 3, returnInterviewDone: today, within72Hours: true });
    expect((await episodesOf(yp.id))[0]).toMatchObject({ within72Hours: true, version: 3 });
  });
});

describe('places found feed hotspots', () => {
  it("counts the episode's young person and adults at the place found", async () => {
    const foundAt = await place();
    type Hotspot = { location: Summary; youngPeopleCount: number; adultCount: number; eventCount: number };
    const hotspot = async () => {
      const result = await clients.analyst.request<{ items: Hotspot[] }>(
        'GET',
        // Links seen this last week only: other files' older links share the database and the ranking.
        `/api/analysis/hotspots?from=${daysFromToday(-7)}&minYoungPeople=1&minPeople=1&limit=500&memberLimit=1`,
      );
      return result.body.items.find((item) => item.location.id === foundAt.id);
    };
    expect(await hotspot()).toBeUndefined();
    const first = await child();
    await logEpisode(first.id, { foundAt: foundAt.id, withWhom: [(await adult()).id] });
    expect(await hotspot()).toMatchObject({ youngPeopleCount: 1, adultCount: 1, eventCount: 1 });
    const second = await child();
    await logEpisode(second.id, { foundAt: foundAt.id });
    expect(await hotspot()).toMatchObject({ youngPeopleCount: 2, adultCount: 1, eventCount: 2 });
  });
});

describe('who sees an episode', () => {
  it('hides a police-only adult, and a police-only young person, from the analyst and the member', async () => {
    const yp = await child({}, clients.police);
    const secretAdult = await adult({ gradingHandling: 'C' }, clients.police);
    const openAdult = await adult({}, clients.police);
    expect((await logEpisode(yp.id, { withWhom: [secretAdult.id] })).status).toBe(404);
    const logged = await logEpisode(yp.id, { withWhom: [secretAdult.id, openAdult.id] }, clients.police);
    expect(logged.status).toBe(201);
    expect((await episodesOf(yp.id, clients.police))[0]?.withWhom).toHaveLength(2);
    for (const role of ['analyst', 'member'] as const) {
      const [seen] = await episodesOf(yp.id, clients[role]);
      expect(seen?.withWhom.map((a) => a.id)).toEqual([openAdult.id]);
    }
    const secretChild = await child({ gradingHandling: 'C' }, clients.police);
    const secretEpisode = await logEpisode(secretChild.id, {}, clients.police);
    expect(secretEpisode.body.gradingHandling).toBe('C');
    for (const role of ['analyst', 'member'] as const) {
      expect((await clients[role].request('GET', `/api/young-people/${secretChild.id}/missing-episodes`)).status).toBe(
        404,
      );
      expect((await clients[role].request('GET', `/api/events/${secretEpisode.body.id}`)).status).toBe(404);
    }
  });

  it('shows a member the episode without its account of what happened', async () => {
    const yp = await child();
    await logEpisode(yp.id, { description: 'Test: an account that may name the child' });
    const [seen] = await episodesOf(yp.id, clients.member);
    expect(seen).toMatchObject({ pseudonymised: true, type: 'missing-episode' });
    expect(seen?.description).toBeUndefined();
  });
});
