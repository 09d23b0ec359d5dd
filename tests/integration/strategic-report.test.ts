import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { caseworkStore } from '../../api/operations/casework/casework-store.ts';
import { recordLevelDecision } from '../../api/operations/levels/levels.service.ts';
import type { ReportTable, StrategicReport } from '../../api/operations/reports/reports.service.ts';
import { todayIso } from '../../graph-schema/calendar.ts';
import { action, disruption } from '../../graph-schema/casework/index.ts';
import type { LevelOfConcern } from '../../graph-schema/index.ts';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

let api: TestApi;
let police: TestClient;
let member: TestClient;
const analystActor: Actor = { username: 'analyst', role: 'analyst' };
const policeActor: Actor = { username: 'police', role: 'police' };
const actions = caseworkStore(action);
const disruptions = caseworkStore(disruption);
const random = () => String(Math.floor(Math.random() * 1e8));

/**
 * Each test reports on a year of its own, long before any other test file's data (theirs is dated from 2023 on,
 * or made today), so the figures are exactly what the test made.
 */
const unusedYears = Array.from({ length: 14 }, (_, i) => 2001 + i).sort(() => Math.random() - 0.5);
const takeYear = () => unusedYears.pop() as number;

type Row = { id: string };
type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

const made: { names: string[]; references: string[]; datesOfBirth: string[] } = {
  names: [],
  references: [],
  datesOfBirth: [],
};

async function create(path: string, body: unknown, client: TestClient = api): Promise<Row> {
  const answer = await client.request<Row>('POST', path, body);
  expect(answer.status).toBe(201);
  return answer.body;
}

async function youngPerson(overrides: Record<string, unknown>, client: TestClient = api): Promise<Row> {
  const input = youngPersonInput({ reference: `SR-${random()}`, ...overrides });
  made.names.push(input.name);
  made.references.push(input.reference);
  if (input.dateOfBirth) made.datesOfBirth.push(input.dateOfBirth);
  return create('/api/young-people', input, client);
}

const decide = (youngPersonId: string, level: LevelOfConcern, decidedOn: string, actor = analystActor) =>
  api.graph.writeTransaction((tx) =>
    recordLevelDecision(
      tx,
      { youngPersonId, level, decidedOn, agreedBy: 'CSE Operations Group', reason: 'Test: agreed at the meeting' },
      actor,
    ),
  );

/** A missing episode as the missing-episodes feature stores it, with its return interview dates. */
async function missingEpisode(
  youngPersonId: string,
  episode: { occurredOn: string; endedOn?: string; offered?: string; done?: string },
) {
  const event = await create('/api/events', {
    title: 'Test: missing overnight',
    type: 'missing-episode',
    occurredOn: episode.occurredOn,
    ...(episode.endedOn ? { endedOn: episode.endedOn } : {}),
  });
  await create(
    '/api/links',
    linkInput({ type: 'INVOLVED_IN', from: youngPersonId, to: event.id, firstSeen: episode.occurredOn }),
  );
  await api.graph.write(
    `MATCH (e:Event {id: $id})
     SET e.returnInterviewOffered = CASE WHEN $offered IS NULL THEN null ELSE date($offered) END,
       e.returnInterviewDone = CASE WHEN $done IS NULL THEN null ELSE date($done) END`,
    { id: event.id, offered: episode.offered ?? null, done: episode.done ?? null },
  );
}

/**
 * Closes a young person at the end of the test's year, so the cases it made do not run on into the years other
 * tests of this file report on (a level holds until the next decision).
 */
const closeAtYearEnd = (youngPersonId: string, year: number, actor = analystActor) =>
  decide(youngPersonId, 'archived', `${year}-12-31`, actor);

const makeAction = (target: string, properties: Record<string, unknown>) =>
  api.graph.writeTransaction((tx) =>
    actions.create(
      tx,
      {
        properties: {
          what: 'Test: an action',
          ownerName: 'Officer Example',
          ownerAgency: 'Police',
          status: 'open',
          category: 'prevent',
          ...properties,
        },
        links: { TARGETS: target },
      },
      analystActor,
    ),
  );

const serve = (target: string, tactic: string, servedOn: string, actor = analystActor) =>
  api.graph.writeTransaction((tx) =>
    disruptions.create(
      tx,
      { properties: { tactic, agency: 'Police', servedOn, breaches: [] }, links: { DISRUPTS: target } },
      actor,
    ),
  );

async function report(from: string, to: string, client: TestClient = api): Promise<StrategicReport> {
  const answer = await client.request<StrategicReport>('GET', `/api/reports/strategic?from=${from}&to=${to}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

const tableOf = (made: StrategicReport, id: string): ReportTable => {
  const found = made.tables.find((table) => table.id === id);
  if (!found) throw new Error(`No table ${id}`);
  return found;
};

/** A table's rows as label → cells (and total last, when it has one). */
const rowsOf = (table: ReportTable) =>
  Object.fromEntries(
    table.rows.map((row) => [row.label, [...row.cells, ...(row.total === undefined ? [] : [row.total])]]),
  );

/**
 * Checks a shown table against the true counts (with their totals): every number shown is the true count, every
 * count from 1 to 4 is "<5", and no row or column with a shown total has exactly one withheld count.
 */
function expectProtected(table: ReportTable, truth: Record<string, number[]>) {
  const shown = rowsOf(table);
  expect(Object.keys(shown)).toEqual(Object.keys(truth));
  for (const [label, counts] of Object.entries(truth)) {
    counts.forEach((count, i) => {
      const cell = shown[label]?.[i];
      if (count >= 1 && count <= 4) expect(cell, `${table.id} ${label} ${i}`).toBe('<5');
      else if (typeof cell === 'number') expect(cell, `${table.id} ${label} ${i}`).toBe(count);
      else expect(cell, `${table.id} ${label} ${i}`).toBe('*');
    });
  }
  const grid = Object.values(shown);
  const withheld = (line: unknown[]) => line.filter((cell) => typeof cell === 'string').length;
  const hasRowTotals = table.totalHeader !== undefined;
  if (hasRowTotals) for (const line of grid) expect(withheld(line)).not.toBe(1);
  const lastRow = table.rows.at(-1)?.label ?? '';
  if (/^All/.test(lastRow) && table.rows.length > 1) {
    for (let c = 0; c < (grid[0]?.length ?? 0); c += 1) expect(withheld(grid.map((line) => line[c]))).not.toBe(1);
  }
}

beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
  member = await api.client('member');
});
afterAll(async () => {
  await api?.close();
});

describe("the strategic group's report", () => {
  const year = takeYear();
  const y = (monthDay: string) => `${year}-${monthDay}`;
  let answer: StrategicReport;
  let csv: { status: number; body: string; headers: Headers };

  beforeAll(async () => {
    // Six girls of 14 stepped down in January and up again in March; two boys of 16 up in February, closed in May.
    const girls: Row[] = [];
    for (let i = 0; i < 6; i += 1) {
      const girl = await youngPerson({ levelOfConcern: 3, gender: 'female', dateOfBirth: `${year - 14}-03-01` });
      await decide(girl.id, 2, y('01-10'));
      await decide(girl.id, 3, y('03-15'));
      girls.push(girl);
    }
    for (let i = 0; i < 2; i += 1) {
      const boy = await youngPerson({ levelOfConcern: 1, gender: 'male', dateOfBirth: `${year - 16}-01-01` });
      await decide(boy.id, 2, y('02-01'));
      await decide(boy.id, 'archived', y('05-20'));
    }
    // Seven missing episodes of the six girls: five interviewed within 72 hours, one later, one not yet back.
    for (let i = 0; i < 5; i += 1) {
      await missingEpisode((girls[i] as Row).id, {
        occurredOn: y('02-08'),
        endedOn: y('02-10'),
        offered: y('02-10'),
        done: y('02-13'),
      });
    }
    await missingEpisode((girls[0] as Row).id, {
      occurredOn: y('03-30'),
      endedOn: y('04-01'),
      offered: y('04-01'),
      done: y('04-10'),
    });
    await missingEpisode((girls[5] as Row).id, { occurredOn: y('06-20') });
    // Outside the period: not counted.
    await missingEpisode((girls[1] as Row).id, { occurredOn: y('07-02'), endedOn: y('07-03') });

    // Disruption against an adult and a place, and a police-only one the analyst must not count.
    const adult = await create('/api/persons-of-interest', personOfInterestInput());
    const place = await create('/api/locations', locationInput());
    const secretAdult = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ gradingHandling: 'C' }),
      police,
    );
    for (let i = 0; i < 6; i += 1) await serve(place.id, 'closure-order', y('04-01'));
    await serve(adult.id, 'child-abduction-warning-notice', y('02-01'));
    await serve(secretAdult.id, 'sexual-risk-order', y('02-01'), policeActor);
    await serve(adult.id, 'anpr-marker', y('08-01'));

    // Actions due in the period, by two agencies of the test's own.
    const child = girls[0] as Row;
    const agencyA = `Test Agency A${random()}`;
    const agencyB = `Test Agency B${random()}`;
    for (let i = 0; i < 6; i += 1) {
      await makeAction(child.id, { ownerAgency: agencyA, dueOn: y('03-10'), status: 'done', completedOn: y('03-09') });
    }
    await makeAction(child.id, { ownerAgency: agencyA, dueOn: y('03-10'), status: 'done', completedOn: y('03-12') });
    for (let i = 0; i < 5; i += 1) await makeAction(child.id, { ownerAgency: agencyB, dueOn: y('05-10') });
    await makeAction(child.id, { ownerAgency: agencyB, dueOn: y('09-10') });

    // One hotspot and one organised group of three adults, from links seen in the period.
    const adults = [adult];
    for (let i = 0; i < 2; i += 1) adults.push(await create('/api/persons-of-interest', personOfInterestInput()));
    const seen = { firstSeen: y('02-01'), lastSeen: y('02-20') };
    for (const member of adults) {
      for (const girl of girls.slice(0, 2)) {
        await create('/api/links', linkInput({ type: 'ASSOCIATE_OF', from: member.id, to: girl.id, ...seen }));
      }
      await create('/api/links', linkInput({ type: 'FREQUENTS', from: member.id, to: place.id, ...seen }));
    }
    await create('/api/links', linkInput({ type: 'SEEN_AT', from: (girls[0] as Row).id, to: place.id, ...seen }));

    answer = await report(`${year}-01`, `${year}-06`);
    csv = await api.request<string>('GET', `/api/reports/strategic?from=${year}-01&to=${year}-06&format=csv`);
    for (const girl of girls) await closeAtYearEnd(girl.id, year);
  });

  it('covers the months asked for, with the suppression rule it applied', () => {
    expect(answer.period).toEqual({
      from: `${year}-01`,
      to: `${year}-06`,
      firstDay: y('01-01'),
      lastDay: y('06-30'),
      months: 6,
    });
    expect(answer.suppression).toMatchObject({ threshold: 5, small: '<5', secondary: '*' });
  });

  it("counts cases by level at each month's end, rebuilt from the level history", () => {
    const table = tableOf(answer, 'cases-by-level');
    expect(table.columns).toEqual(['Level 1', 'Level 2', 'Level 3']);
    expect(rowsOf(table)).toEqual({
      [`${year}-01`]: [0, 6, 0, 6],
      [`${year}-02`]: [0, 8, 0, 8],
      // 2 at level 2 is withheld, and the 6 beside it, or 8 − 6 would give it away.
      [`${year}-03`]: [0, '<5', '*', 8],
      [`${year}-04`]: [0, '<5', '*', 8],
      [`${year}-05`]: [0, 0, 6, 6],
      [`${year}-06`]: [0, 0, 6, 6],
    });
  });

  it("counts the cases at the period's end by age band and gender", () => {
    const table = tableOf(answer, 'cases-by-age-and-gender');
    expect(table.columns).toEqual(['female', 'male', 'non-binary', 'not known']);
    const rows = rowsOf(table);
    expect(rows['14–15']).toEqual([6, 0, 0, 0, 6]);
    expect(rows['16–17']).toEqual([0, 0, 0, 0, 0]);
    expect(rows['All ages']).toEqual([6, 0, 0, 0, 6]);
  });

  it('counts step-ups, step-downs and closures, withholding the small count and one that would give it away', () => {
    expectProtected(tableOf(answer, 'level-changes'), {
      'stepped up': [8],
      'stepped down': [6],
      'archived (closed)': [2],
      reopened: [0],
      'level kept': [0],
      'All decisions': [16],
    });
    expect(rowsOf(tableOf(answer, 'level-changes'))).toMatchObject({ 'stepped up': [8], 'All decisions': [16] });
  });

  it('counts missing episodes and how soon return interviews were done', () => {
    const table = tableOf(answer, 'missing-episodes');
    expectProtected(table, {
      'within 72 hours': [5, 0, 5],
      'after 72 hours': [1, 0, 1],
      'none recorded': [0, 0, 0],
      'not yet returned': [0, 1, 1],
      'All episodes': [6, 1, 7],
    });
    expect(rowsOf(table)['All episodes']?.[2]).toBe(7);
    expect(rowsOf(tableOf(answer, 'figures'))['Young people with a missing episode']).toEqual([6]);
  });

  it('counts disruption by tactic, leaving out what the viewer may not see', async () => {
    const table = tableOf(answer, 'disruption');
    expectProtected(table, {
      'Child Abduction Warning Notice': [1],
      'Sexual Risk Order': [0],
      'Sexual Harm Prevention Order': [0],
      'Slavery and Trafficking Risk Order': [0],
      'Closure order': [6],
      'Licensing referral': [0],
      'ANPR marker': [0],
      Other: [0],
      'All tactics': [7],
    });
    expect(rowsOf(table)['All tactics']).toEqual([7]);
    const policeRows = rowsOf(tableOf(await report(`${year}-01`, `${year}-06`, police), 'disruption'));
    expect(policeRows['Sexual Risk Order']).toEqual(['<5']);
  });

  it('counts actions due in the period by agency, done on time or not', () => {
    const table = tableOf(answer, 'actions-by-agency');
    expect(table.columns).toEqual(['done on time', 'done late or undated', 'still open', 'cancelled']);
    const labels = table.rows.map((row) => row.label);
    expect(labels).toHaveLength(3);
    expect(labels[2]).toBe('All agencies');
    expectProtected(table, {
      [labels[0] as string]: [6, 1, 0, 0, 7],
      [labels[1] as string]: [0, 0, 5, 0, 5],
      'All agencies': [6, 1, 5, 0, 12],
    });
  });

  it('counts the hotspots and organised groups identified from links seen in the period', () => {
    const rows = rowsOf(tableOf(answer, 'figures'));
    expect(rows['Hotspots identified (places tied to young people and adults)']).toEqual(['<5']);
    expect(rows['Organised groups identified']).toEqual(['<5']);
    expect(rows[`Current cases on ${y('06-30')}`]).toEqual([6]);
  });

  it('holds no names, references, ids or dates of birth, in the JSON or the CSV', () => {
    for (const text of [JSON.stringify(answer), csv.body]) {
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      for (const value of [...made.names, ...made.references, ...made.datesOfBirth]) expect(text).not.toContain(value);
      expect(text).not.toMatch(/Test (Child|Adult|Place)/);
    }
  });

  it('downloads as CSV: a file named for the period, each table under its title with its header', () => {
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="patmap-strategic-report-${year}-01-to-${year}-06.csv"`,
    );
    const sections = csv.body.trim().split('\n\n');
    expect(sections).toHaveLength(1 + answer.tables.length);
    answer.tables.forEach((table, i) => {
      const lines = (sections[i + 1] ?? '').split('\n').map(parseCsvLine);
      expect(lines[0]).toEqual([table.title]);
      const header = [table.rowHeader, ...table.columns, ...(table.totalHeader ? [table.totalHeader] : [])];
      expect(lines[1]).toEqual(header);
      const body = lines.slice(2, 2 + table.rows.length);
      expect(body.map((line) => line.length)).toEqual(table.rows.map(() => header.length));
      expect(body.map((line) => line[0])).toEqual(table.rows.map((row) => row.label));
    });
    const levels = sections[1]?.split('\n').map(parseCsvLine);
    expect(levels?.[2]).toEqual([`${year}-01`, '0', '6', '0', '6']);
    expect(levels?.[4]).toEqual([`${year}-03`, '0', '<5', '*', '8']);
  });

  it('is audited as an export, printed or downloaded', async () => {
    const [row] = await api.graph.read<{ formats: string[] }>(
      `MATCH (e:AuditEvent {action: 'export', subjectType: 'StrategicReport'})
       WHERE e.details CONTAINS $from
       RETURN collect(e.details) AS formats`,
      { from: `"from":"${year}-01"` },
    );
    expect(row?.formats.some((details) => details.includes('"format":"json"'))).toBe(true);
    expect(row?.formats.some((details) => details.includes('"format":"csv"'))).toBe(true);
  });
});

describe('who sees what in the report', () => {
  it('counts police-only cases for the police alone, and answers the member too', async () => {
    const year = takeYear();
    for (let i = 0; i < 5; i += 1) {
      const child = await youngPerson({ levelOfConcern: 1 });
      await decide(child.id, 3, `${year}-02-01`);
      await closeAtYearEnd(child.id, year);
    }
    const hidden = await youngPerson({ levelOfConcern: 1, gradingHandling: 'C' }, police);
    await decide(hidden.id, 3, `${year}-02-01`, policeActor);
    await closeAtYearEnd(hidden.id, year, policeActor);
    const level3 = async (client: TestClient) =>
      rowsOf(tableOf(await report(`${year}-02`, `${year}-02`, client), 'cases-by-level'))[`${year}-02`];
    expect(await level3(api)).toEqual([0, 0, 5, 5]);
    expect(await level3(member)).toEqual([0, 0, 5, 5]);
    expect(await level3(police)).toEqual([0, 0, 6, 6]);
  });

  it('shows zeros for a period with nothing in it, even with a group bound today only by a shared phone', async () => {
    // Phones carry no dates, so three adults sharing one are a group in any window, but no evidence of the period.
    const phone = `07700 ${random().slice(0, 6)}`;
    for (let i = 0; i < 3; i += 1) await create('/api/persons-of-interest', personOfInterestInput({ phones: [phone] }));
    const now = await report(`${todayIso().slice(0, 4)}-01`, todayIso().slice(0, 7));
    expect(now.tables.find((t) => t.id === 'figures')?.note).toContain('shared phone');
    const year = takeYear();
    const empty = await report(`${year}-01`, `${year}-12`);
    expect(empty.period.months).toBe(12);
    for (const table of empty.tables) {
      for (const row of table.rows) for (const cell of [...row.cells, row.total ?? 0]) expect(cell).toBe(0);
    }
  });

  it('is refused to the admin', async () => {
    const admin = await api.client('admin');
    expect((await admin.request('GET', '/api/reports/strategic?from=2020-01&to=2020-02')).status).toBe(403);
  });
});

describe('the period', () => {
  const thisMonth = todayIso().slice(0, 7);
  const nextMonth = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5, 7)), 1))
    .toISOString()
    .slice(0, 7);
  it.each([
    ['from after to', 'from=2020-05&to=2020-04', 'from'],
    ['more than 36 months', 'from=2020-01&to=2023-01', 'to'],
    ['ending in the future', `from=${thisMonth}&to=${nextMonth}`, 'to'],
    ['not a month', 'from=2020-13&to=2021-01', 'from'],
    ['a day, not a month', 'from=2020-01-01&to=2020-02', 'from'],
    ['missing', 'to=2020-02', 'from'],
    ['an unknown format', 'from=2020-01&to=2020-02&format=pdf', 'format'],
  ])('is refused with 400 when %s', async (_case, query, field) => {
    const answer = await api.request<ErrorBody>('GET', `/api/reports/strategic?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_input');
    expect(answer.body.error.details.map((detail) => detail.field)).toContain(field);
  });

  it('may be exactly 36 months, ending this month', async () => {
    const from = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5, 7)) - 36, 1))
      .toISOString()
      .slice(0, 7);
    const answer = await report(from, thisMonth);
    expect(answer.period.months).toBe(36);
    expect(answer.period.lastDay).toBe(todayIso());
  });
});

/** One CSV line as cells (quotes and doubled quotes undone). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
