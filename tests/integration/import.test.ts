import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { analysisMirror } from '../../api/analysis/mirror/mirror-sync.ts';
import { auditService } from '../../api/audit/audit.service.ts';
import { decideLevels, type ImportReport } from '../../api/transfer/import.service.ts';
import type { ImportPlan } from '../../api/transfer/import-plan.ts';
import {
  linkInput,
  locationInput,
  personOfInterestInput,
  uniqueReference,
  youngPersonInput,
} from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type ImportFile = {
  name: string;
  text?: string;
  base64?: string;
  kind?: string;
  mapping?: Record<string, string>;
  evidence?: Record<string, unknown>;
};

let api: TestApi;
let police: TestClient;
beforeAll(async () => {
  api = await startTestApi();
  police = await api.client('police');
});
afterAll(async () => {
  await api?.close();
});

const csv = (rows: unknown[][]) => stringify(rows);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
const unique = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
const evidence = ['Police', 2, 'B', 'P', '2026-01-10'];
const evidenceHeader = ['sourceAgency', 'gradingSource', 'gradingInformation', 'gradingHandling', 'firstSeen'];

const dryRun = (files: ImportFile[], client: TestClient = api) =>
  client.request<ImportReport>('POST', '/api/imports/dry-run', { files });
const commit = (files: ImportFile[], options: { validOnly?: boolean } = {}, client: TestClient = api) =>
  client.request<ImportReport & ErrorBody>('POST', '/api/imports', { files, ...options });

/** Dry-runs one file of one row, and expects that row rejected with a problem in COLUMN (saying MESSAGE). */
async function expectRejected(name: string, header: string[], row: string[], column: string, message?: string) {
  const report = await dryRun([{ name, text: csv([header, row]) }]);
  expect(report.body.rows[0]).toMatchObject({
    action: 'reject',
    problems: [expect.objectContaining({ column, ...(message ? { message: expect.stringContaining(message) } : {}) })],
  });
}

async function youngPeopleWith(reference: string): Promise<Row[]> {
  const found = await api.request<{ items: Row[] }>(
    'GET',
    `/api/young-people?search=${reference}&includeArchived=true`,
  );
  return found.body.items.filter((item) => item.reference === reference);
}
async function personsNamed(name: string): Promise<Row[]> {
  const found = await api.request<{ items: Row[] }>(
    'GET',
    `/api/persons-of-interest?search=${encodeURIComponent(name)}`,
  );
  return found.body.items.filter((item) => item.name === name);
}
async function linksOf(id: string): Promise<Row[]> {
  return (await api.request<{ items: Row[] }>('GET', `/api/links?entity=${id}`)).body.items;
}
/** Audited changes to records and links (reads and searches are audited too, and not counted here). */
async function auditCount(): Promise<number> {
  const [row] = await api.graph.read<{ count: number }>(
    "MATCH (e:AuditEvent) WHERE e.action IN ['create', 'update', 'data-reload'] RETURN count(e) AS count",
  );
  return row?.count ?? 0;
}

/** The fixture pair with this test's own reference codes and names. */
function fixturePair() {
  const tag = unique();
  const swap = (text: string) =>
    text
      .replaceAll('YP-9001', `YP-1${tag}`.slice(0, 11))
      .replaceAll('YP-9002', `YP-2${tag}`.slice(0, 11))
      .replaceAll('Test Import', `Test Import ${tag}`);
  return {
    tag,
    references: [`YP-1${tag}`.slice(0, 11), `YP-2${tag}`.slice(0, 11)],
    youngPeople: { name: 'young-people.csv', text: swap(fixture('young-people.csv')) },
    persons: {
      name: 'persons-of-interest.csv',
      text: swap(fixture('persons-of-interest.csv')),
      mapping: JSON.parse(fixture('mapping-persons-of-interest.json')) as Record<string, string>,
    },
    links: { name: 'links.csv', text: swap(fixture('links.csv')) },
  };
}

describe('import: dry run and commit', () => {
  it('reports what would be created, writes nothing, then commits it all with links matched in the same import', async () => {
    const pair = fixturePair();
    const files = [pair.youngPeople, pair.persons, pair.links];
    const before = await auditCount();
    const planned = await dryRun(files);
    expect(planned.status).toBe(200);
    expect(planned.body.committed).toBe(false);
    expect(planned.body.summary).toEqual({ create: 6, update: 0, unchanged: 0, reject: 0 });
    expect(planned.body.files.find((f) => f.file === 'persons-of-interest.csv')?.mapped).toMatchObject({
      'Full name': 'name',
      'Known perpetrator': 'knownPerpetrator',
    });
    const supplies = planned.body.rows.find((row) => row.type === 'SUPPLIES');
    expect(supplies).toMatchObject({
      file: 'links.csv',
      row: 3,
      action: 'create',
      from: { by: 'name', inImport: true, label: 'PersonOfInterest' },
      to: { by: 'reference', inImport: true, label: 'YoungPerson' },
    });
    expect(await youngPeopleWith(pair.references[0] as string)).toEqual([]);
    expect(await auditCount()).toBe(before);

    const written = await commit(files);
    expect(written.status).toBe(201);
    expect(written.body.committed).toBe(true);
    expect(written.body.audit).toBe('per-row');
    const [child] = await youngPeopleWith(pair.references[0] as string);
    expect(child).toMatchObject({ name: `Test Import ${pair.tag} Child One`, levelOfConcern: 2, version: 1 });
    const [adult] = await personsNamed(`Test Import ${pair.tag} Adult One`);
    expect(adult).toMatchObject({
      dateOfBirth: '1990-01-01',
      phones: ['07700 900101', '07700 900102'],
      knownPerpetrator: true,
    });
    const links = await linksOf(child?.id as string);
    expect(links).toEqual([
      expect.objectContaining({
        type: 'ASSOCIATE_OF',
        from: adult?.id,
        firstSeen: '2026-01-10',
        lastSeen: '2026-02-01',
      }),
    ]);
    expect(await auditCount()).toBe(before + 6);
    const log = await api.graph.read<{ action: string; subjectType: string }>(
      "MATCH (e:AuditEvent) WHERE e.subjectId IN $ids AND e.action IN ['create', 'update'] RETURN e.action AS action, e.subjectType AS subjectType",
      { ids: [child?.id, links[0]?.id] },
    );
    expect(log.map((e) => `${e.action} ${e.subjectType}`).sort()).toEqual(['create Link', 'create YoungPerson']);
  });

  it('rejects rows with the file, row, column and message, and refuses the commit unless only valid rows are asked for', async () => {
    const reference = uniqueReference('YP');
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['reference', 'name', 'levelOfConcern', 'favouriteColour'],
          [reference, 'Test Valid Child', '1', 'blue'],
          [uniqueReference('YP'), 'Test Invalid Child', 'high', ''],
          ['not a reference', 'Test Other Child', '2', ''],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.files[0]?.unknownHeaders).toEqual(['favouriteColour']);
    expect(planned.body.summary).toMatchObject({ create: 1, reject: 2 });
    expect(planned.body.rows[1]).toMatchObject({
      file: 'young-people.csv',
      row: 3,
      action: 'reject',
      problems: [expect.objectContaining({ column: 'levelOfConcern' })],
    });
    expect(planned.body.rows[2]?.problems?.[0]).toMatchObject({ column: 'reference' });

    const refused = await commit(files);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('import_rejected');
    expect((refused.body.error.details as ImportReport).summary.reject).toBe(2);
    expect(await youngPeopleWith(reference)).toEqual([]);

    const valid = await commit(files, { validOnly: true });
    expect(valid.status).toBe(201);
    expect(valid.body.summary).toMatchObject({ create: 1, reject: 2 });
    expect(await youngPeopleWith(reference)).toHaveLength(1);
  });

  it('is all or nothing: a row that passes the plan but breaks a uniqueness constraint leaves nothing written', async () => {
    // The analyst cannot see a police-only young person, so the plan takes its reference for a new one.
    const hidden = await police.request<Row>('POST', '/api/young-people', youngPersonInput({ gradingHandling: 'C' }));
    const first = uniqueReference('YP');
    const last = uniqueReference('YP');
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['reference', 'name', 'levelOfConcern'],
          [first, 'Test First Child', '1'],
          [hidden.body.reference, 'Test Clashing Child', '1'],
          [last, 'Test Last Child', '1'],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.summary).toMatchObject({ create: 3, reject: 0 });
    const before = await auditCount();
    const failed = await commit(files);
    expect(failed.status).toBe(409);
    expect(await youngPeopleWith(first)).toEqual([]);
    expect(await youngPeopleWith(last)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('updates a record matched by id or by reference, showing the fields that change, and refuses a stale version', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ school: 'Test School A' })))
      .body;
    const other = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['id', 'version', 'reference', 'name', 'levelOfConcern', 'school'],
          ['', '', child.reference, child.name, '1', 'Test School B'],
          [other.id, '1', other.reference, other.name, '1', ''],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.rows).toEqual([
      expect.objectContaining({
        action: 'update',
        matchedBy: 'reference',
        id: child.id,
        changes: [{ field: 'school', from: 'Test School A', to: 'Test School B' }],
      }),
      expect.objectContaining({ action: 'unchanged', matchedBy: 'id', id: other.id }),
    ]);
    expect(await commit(files).then((r) => r.status)).toBe(201);
    const updated = (await api.request<Row>('GET', `/api/young-people/${child.id}`)).body;
    expect(updated).toMatchObject({ school: 'Test School B', version: 2, updatedBy: 'analyst' });

    await api.request('PATCH', `/api/young-people/${other.id}`, { school: 'Test School C', version: 1 });
    const stale = await dryRun(files);
    expect(stale.body.rows[1]).toMatchObject({
      action: 'reject',
      problems: [expect.objectContaining({ column: 'version', message: expect.stringContaining('version 2') })],
    });
  });

  it('changes a level of concern only by a level decision, with the import as its reason; a review date alone not at all', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 1 }))).body;
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['id', 'levelOfConcern', 'reviewDue'],
          [child.id, '3', '2030-01-01'],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.rows[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'levelOfConcern', from: 1, to: 3, by: 'level decision' }],
    });
    expect((await commit(files)).status).toBe(201);
    const levels = await api.request<{
      youngPerson: { levelOfConcern: number; reviewDue: string | null };
      history: Row[];
    }>('GET', `/api/young-people/${child.id}/levels`);
    expect(levels.body.youngPerson.levelOfConcern).toBe(3);
    // The decision set the next review from the interval of level 3, not the file's date.
    expect(levels.body.youngPerson.reviewDue).not.toBe('2030-01-01');
    expect(levels.body.history).toEqual([
      expect.objectContaining({
        level: 3,
        previousLevel: 1,
        reason: 'Imported from young-people.csv',
        agreedBy: 'analyst',
        createdBy: 'analyst',
      }),
    ]);

    await expectRejected(
      'young-people.csv',
      ['id', 'levelOfConcern', 'reviewDue'],
      [child.id, '3', '2030-01-01'],
      'reviewDue',
      'level decision',
    );
    await expectRejected('young-people.csv', ['id', 'levelOfConcern'], [child.id, 'high'], 'levelOfConcern');
  });

  it('archives a young person by a level decision, and another record by its archive columns', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 2 }))).body;
    const adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['id', 'levelOfConcern', 'archivedAt', 'archiveReason'],
          [child.id, 'archived', '2026-01-15T10:00:00.000Z', 'Test reason: moved out of area'],
        ]),
      },
      {
        name: 'persons-of-interest.csv',
        text: csv([
          ['id', 'archiveReason'],
          [adult.id, 'Test reason: no longer of concern'],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.rows.map((r) => r.action)).toEqual(['update', 'update']);
    expect(planned.body.rows[0]?.changes).toEqual([
      { field: 'levelOfConcern', from: 2, to: 'archived', by: 'level decision' },
    ]);
    expect(planned.body.rows[1]?.changes?.map((c) => c.field)).toEqual(['archivedAt', 'archiveReason']);
    expect((await commit(files)).status).toBe(201);
    const archived = (await api.request<Row>('GET', `/api/young-people/${child.id}`)).body;
    expect(archived).toMatchObject({
      levelOfConcern: 'archived',
      archivedAt: '2026-01-15T10:00:00.000Z',
      archiveReason: 'Test reason: moved out of area',
    });
    const levels = await api.request<{ history: Row[] }>('GET', `/api/young-people/${child.id}/levels`);
    expect(levels.body.history[0]).toMatchObject({ level: 'archived', reason: 'Test reason: moved out of area' });
    const adultNow = (await api.request<Row>('GET', `/api/persons-of-interest/${adult.id}`)).body;
    expect(adultNow).toMatchObject({ archiveReason: 'Test reason: no longer of concern' });
    expect(typeof adultNow.archivedAt).toBe('string');
    const [event] = await api.graph.read<{ action: string }>(
      "MATCH (e:AuditEvent {subjectId: $id}) WHERE e.action = 'archive' RETURN e.action AS action",
      { id: adult.id },
    );
    expect(event?.action).toBe('archive');
    // The same file again changes nothing; an archive in a young person's row without the level is refused.
    expect((await dryRun(files)).body.summary).toMatchObject({ update: 0, unchanged: 2 });
    const other = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    await expectRejected('young-people.csv', ['id', 'archiveReason'], [other.id, 'Test reason'], 'archiveReason');
  });

  it('clears a property only for a (clear) cell, shown in the dry run; an empty cell leaves it; required ones refuse', async () => {
    const adult = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ description: 'Test description', phones: ['07700 900555'], vehicles: ['Test Van'] }),
      )
    ).body;
    const clearing = [
      {
        name: 'persons-of-interest.csv',
        text: csv([
          ['id', 'description', 'phones', 'vehicles'],
          [adult.id, '(clear)', '(CLEAR)', ''],
        ]),
      },
    ];
    const planned = await dryRun(clearing);
    expect(planned.body.rows[0]).toMatchObject({
      action: 'update',
      changes: [
        { field: 'description', from: 'Test description', to: null, clear: true },
        // A list is cleared to an empty list.
        { field: 'phones', from: ['07700 900555'], to: [], clear: true },
      ],
    });
    expect((await commit(clearing)).status).toBe(201);
    const cleared = (await api.request<Row>('GET', `/api/persons-of-interest/${adult.id}`)).body;
    expect(cleared.description).toBeUndefined();
    expect(cleared.phones).toEqual([]);
    expect(cleared.vehicles).toEqual(['Test Van']);
    expect((await dryRun(clearing)).body.rows[0]?.action).toBe('unchanged');

    const required = await dryRun([
      {
        name: 'persons-of-interest.csv',
        text: csv([
          ['id', 'name', 'gradingHandling'],
          [adult.id, '(clear)', '(clear)'],
        ]),
      },
    ]);
    expect(required.body.rows[0]).toMatchObject({
      row: 2,
      action: 'reject',
      problems: [
        { column: 'name', message: expect.stringContaining('required') },
        { column: 'gradingHandling', message: expect.stringContaining('required') },
      ],
    });
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    await expectRejected('young-people.csv', ['id', 'levelOfConcern'], [child.id, '(clear)'], 'levelOfConcern');

    const other = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    const link = (
      await api.request<Row>(
        'POST',
        '/api/links',
        linkInput({ type: 'ASSOCIATE_OF', from: adult.id, to: other.id, notes: 'Test note', firstSeen: '2026-01-10' }),
      )
    ).body;
    const linkFile = (notes: string, sourceAgency: string) => [
      {
        name: 'links.csv',
        text: csv([
          ['id', 'type', 'fromId', 'toId', ...evidenceHeader, 'notes'],
          [link.id, 'ASSOCIATE_OF', adult.id, other.id, sourceAgency, ...evidence.slice(1), notes],
        ]),
      },
    ];
    const linkCleared = await dryRun(linkFile('(clear)', 'Police'));
    expect(linkCleared.body.rows[0]).toMatchObject({
      action: 'update',
      matchedBy: 'id',
      changes: [{ field: 'notes', from: 'Test note', to: null, clear: true }],
    });
    const evidenceCleared = await dryRun(linkFile('', '(clear)'));
    expect(evidenceCleared.body.rows[0]).toMatchObject({
      action: 'reject',
      problems: [expect.objectContaining({ column: 'sourceAgency', message: expect.stringContaining('required') })],
    });
  });

  it('matches a link without an id to the existing one of the same type, ends and source reference: a second import changes nothing', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    // A name of its own: the ends are found by name, and the database is shared with the other test files.
    const adult = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ name: `Test Ends ${unique()}` }),
      )
    ).body;
    const header = [
      'type',
      'fromName',
      'fromDateOfBirth',
      'toReference',
      ...evidenceHeader,
      'sourceReference',
      'lastSeen',
    ];
    const from = [adult.name, adult.dateOfBirth ?? ''];
    const controls = (lastSeen: string) => [
      ['CONTROLS', ...from, child.reference, ...evidence, 'TEST/REF/1', lastSeen],
      ['CONTROLS', ...from, child.reference, ...evidence, 'TEST/REF/2', ''],
    ];
    const valid = (lastSeen: string) => [{ name: 'links.csv', text: csv([header, ...controls(lastSeen)]) }];
    // A FREQUENTS link cannot run to a young person: left out by validOnly, and not matched to anything later.
    const withInvalid = [
      {
        name: 'links.csv',
        text: csv([header, ...controls('2026-02-01'), ['FREQUENTS', ...from, child.reference, ...evidence, '', '']]),
      },
    ];
    const first = await commit(withInvalid, { validOnly: true });
    expect(first.body.summary).toMatchObject({ create: 2, reject: 1 });
    const again = await dryRun(valid('2026-02-01'));
    expect(again.body.summary).toEqual({ create: 0, update: 0, unchanged: 2, reject: 0 });
    expect(again.body.rows.map((r) => r.matchedBy)).toEqual(['ends', 'ends']);
    expect(new Set(again.body.rows.map((r) => r.id)).size).toBe(2);
    const before = await linksOf(child.id);
    expect((await commit(valid('2026-02-01'))).body.summary).toMatchObject({ create: 0, unchanged: 2 });
    expect(await linksOf(child.id)).toEqual(before);

    const later = await dryRun(valid('2026-03-01'));
    expect(later.body.rows[0]).toMatchObject({
      action: 'update',
      matchedBy: 'ends',
      changes: [{ field: 'lastSeen', from: '2026-02-01', to: '2026-03-01' }],
    });
    expect(later.body.rows[1]?.action).toBe('unchanged');
    expect((await commit(valid('2026-03-01'))).status).toBe(201);
    const after = await linksOf(child.id);
    expect(after).toHaveLength(2);
    expect(after.find((l) => l.sourceReference === 'TEST/REF/1')).toMatchObject({ lastSeen: '2026-03-01', version: 2 });

    // Another source reference is other evidence: a link of its own.
    const third = await dryRun([
      {
        name: 'links.csv',
        text: csv([
          ['type', 'fromId', 'toId', ...evidenceHeader, 'sourceReference'],
          ['CONTROLS', adult.id, child.id, ...evidence, 'TEST/REF/3'],
        ]),
      },
    ]);
    expect(third.body.rows[0]?.action).toBe('create');
  });

  it('imports the same edge list twice: the second time every person and link is matched and nothing changes', async () => {
    const tag = unique();
    const text = fixture('ring-edge-list.csv').replaceAll('Test Ring Person', `Test Twice ${tag} Person`);
    const file = {
      name: 'ring.csv',
      kind: 'edge-list',
      text,
      evidence: {
        sourceAgency: 'Test Agency',
        gradingSource: 3,
        gradingInformation: 'C',
        gradingHandling: 'P',
        firstSeen: '2025-06-01',
      },
    };
    expect((await commit([file])).status).toBe(201);
    const [person] = await personsNamed(`Test Twice ${tag} Person 01`);
    const links = await linksOf(person?.id as string);
    expect(links).toHaveLength(2);
    const before = await auditCount();
    const second = await commit([file]);
    expect(second.status).toBe(201);
    expect(second.body.summary).toEqual({ create: 0, update: 0, unchanged: 12, reject: 0 });
    expect(second.body.rows.every((r) => r.matchedBy === 'ends')).toBe(true);
    expect(await linksOf(person?.id as string)).toEqual(links);
    expect(await personsNamed(`Test Twice ${tag} Person 01`)).toHaveLength(1);
    expect(await auditCount()).toBe(before);

    // An edge list has no direction: the same pair written the other way round is the same link.
    const [from, to, weight] = text.trim().split('\n').slice(-1)[0]?.split(',') ?? [];
    const reversed = await dryRun([{ ...file, text: `${to},${from},${weight}\n` }]);
    expect(reversed.body.rows).toEqual([expect.objectContaining({ action: 'unchanged', matchedBy: 'ends' })]);
  });

  it('proposes the record a row without an id looks like (a file imported twice), and creates it all the same', async () => {
    const tag = unique();
    const adult = `Test Again ${tag} Adult`;
    const place = `Test Again ${tag} Car Park`;
    const persons = {
      name: 'persons-of-interest.csv',
      text: csv([
        ['name', 'dateOfBirth', 'phones'],
        [adult, '1980-02-03', '07700 900111'],
        [`Test Other ${tag} Adult`, '1981-04-05', ''],
      ]),
    };
    const places = {
      name: 'locations.csv',
      text: csv([
        ['name', 'type'],
        [place, 'car-park'],
      ]),
    };
    const first = await commit([persons, places]);
    expect(first.status).toBe(201);
    expect(first.body.rows.every((row) => row.action === 'create' && !row.likelyDuplicates)).toBe(true);
    const [kept] = await personsNamed(adult);

    // The same files again, and a namesake born on another day: proposed where the scorer says so, never merged.
    const again = {
      ...persons,
      text: csv([
        ['name', 'dateOfBirth', 'phones'],
        [adult, '1980-02-03', ''],
        [adult, '1999-09-09', ''],
        [`Test Other ${tag} Adult`, '1981-04-05', ''],
      ]),
    };
    const report = await dryRun([again, places]);
    expect(report.body.summary).toEqual({ create: 4, update: 0, unchanged: 0, reject: 0 });
    const [same, namesake, other, samePlace] = report.body.rows;
    expect(same?.likelyDuplicates).toEqual([
      { id: kept?.id, caption: adult, inImport: false, reasons: ['Same name and date of birth (1980-02-03)'] },
    ]);
    expect(namesake?.likelyDuplicates).toBeUndefined();
    expect(other?.likelyDuplicates).toHaveLength(1);
    expect(samePlace?.likelyDuplicates).toEqual([
      expect.objectContaining({
        caption: place,
        inImport: false,
        reasons: [expect.stringContaining('Near-identical')],
      }),
    ]);

    // Two rows of one file for one person: the second names the first, created by this import.
    const twice = await dryRun([
      { name: 'persons-of-interest.csv', text: csv([['name'], [`Test Twice ${tag} Row`], [`Test Twice ${tag} Row`]]) },
    ]);
    expect(twice.body.rows[0]?.likelyDuplicates).toBeUndefined();
    expect(twice.body.rows[1]?.likelyDuplicates).toEqual([
      expect.objectContaining({ id: twice.body.rows[0]?.id, inImport: true }),
    ]);

    // Created, not merged: a proposal only.
    expect((await commit([again, places])).status).toBe(201);
    expect(await personsNamed(adult)).toHaveLength(3);
  });

  it('proposes likely duplicates of a row that gives a fresh id, or shares only a phone', async () => {
    const tag = unique();
    const adult = `Test Fresh ${tag} Adult`;
    const phone = `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const kept = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ name: adult, dateOfBirth: '1979-03-04', phones: [phone] }),
      )
    ).body;
    const fresh = crypto.randomUUID();
    const report = await dryRun([
      {
        name: 'persons-of-interest.csv',
        text: csv([
          ['id', 'name', 'dateOfBirth', 'phones'],
          [fresh, adult, '1979-03-04', ''],
          ['', `Test Unlike ${tag} Name`, '', phone.replace(' ', '')],
        ]),
      },
    ]);
    expect(report.body.rows.map((row) => [row.action, row.id === fresh])).toEqual([
      ['create', true],
      ['create', false],
    ]);
    const [byId, byPhone] = report.body.rows;
    expect(byId?.likelyDuplicates).toEqual([
      { id: kept.id, caption: adult, inImport: false, reasons: ['Same name and date of birth (1979-03-04)'] },
    ]);
    expect(byPhone?.likelyDuplicates).toEqual([
      expect.objectContaining({ id: kept.id, inImport: false, reasons: [`Shared phone ${phone.replace(' ', '')}`] }),
    ]);
  });

  it('matches link ends by name and date of birth, and rejects an ambiguous match naming both candidates', async () => {
    const name = `Test Twin Adult ${unique()}`;
    const one = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput({ name }))).body;
    const two = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput({ name }))).body;
    const dated = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ name: `${name} Senior`, dateOfBirth: '1970-02-02' }),
      )
    ).body;
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const files = [
      {
        name: 'links.csv',
        text: csv([
          ['type', 'fromName', 'fromDateOfBirth', 'toReference', ...evidenceHeader],
          ['CONTROLS', name, '', child.reference, ...evidence],
          ['CONTROLS', `${name} senior`, '1970-02-02', child.reference, ...evidence],
          ['CONTROLS', `${name} Senior`, '1971-01-01', child.reference, ...evidence],
        ]),
      },
    ];
    const planned = await dryRun(files);
    const [ambiguous, matched, missing] = planned.body.rows;
    expect(ambiguous?.action).toBe('reject');
    expect(ambiguous?.problems?.[0]?.message).toContain(one.id);
    expect(ambiguous?.problems?.[0]?.message).toContain(two.id);
    expect(ambiguous?.problems?.[0]?.column).toBe('fromName');
    expect(matched).toMatchObject({ action: 'create', from: { id: dated.id, by: 'name', inImport: false } });
    expect(missing).toMatchObject({ action: 'reject', problems: [expect.objectContaining({ column: 'fromName' })] });
    expect((await commit(files, { validOnly: true })).status).toBe(201);
    expect((await linksOf(child.id)).map((l) => l.from)).toEqual([dated.id]);
  });

  it('refuses a link the schema does not declare, and a link whose end the importer cannot see', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const peer = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const secret = (
      await police.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput({ gradingHandling: 'C' }))
    ).body;
    const planned = await dryRun([
      {
        name: 'links.csv',
        text: csv([
          ['type', 'fromId', 'toId', ...evidenceHeader],
          ['SUPPLIES', child.id, peer.id, ...evidence],
          ['CONTROLS', secret.id, child.id, ...evidence],
          ['FLIES_WITH', child.id, peer.id, ...evidence],
        ]),
      },
    ]);
    expect(planned.body.rows.map((row) => [row.action, row.problems?.[0]?.column])).toEqual([
      ['reject', 'type'],
      ['reject', 'fromId'],
      ['reject', 'type'],
    ]);
    const asPolice = await dryRun(
      [
        {
          name: 'links.csv',
          text: csv([
            ['type', 'fromId', 'toId', ...evidenceHeader],
            ['CONTROLS', secret.id, child.id, ...evidence],
          ]),
        },
      ],
      police,
    );
    expect(asPolice.body.rows[0]?.action).toBe('create');
  });

  it('reads XLSX: a sheet per kind named like the files', async () => {
    const reference = uniqueReference('YP');
    const adult = `Test Sheet Adult ${unique()}`;
    const text = (value: unknown) => ({ value: String(value) });
    const workbook = await writeXlsxFile([
      {
        sheet: 'young-people',
        data: [
          ['reference', 'name', 'levelOfConcern', 'dateOfBirth'].map(text),
          [
            text(reference),
            text('Test Sheet Child'),
            { value: 2 },
            { value: new Date('2012-06-01'), format: 'yyyy-mm-dd' },
          ],
        ],
      },
      { sheet: 'persons-of-interest', data: [[text('name')], [text(adult)]] },
      {
        sheet: 'links',
        data: [
          ['type', 'fromName', 'toReference', ...evidenceHeader].map(text),
          [text('ASSOCIATE_OF'), text(adult), text(reference), ...evidence.map(text)],
        ],
      },
    ]).toBuffer();
    const files = [{ name: 'agency-return.xlsx', base64: Buffer.from(workbook).toString('base64') }];
    const planned = await dryRun(files);
    expect(planned.status).toBe(200);
    expect(planned.body.files.map((f) => [f.sheet, f.kind])).toEqual([
      ['young-people', 'YoungPerson'],
      ['persons-of-interest', 'PersonOfInterest'],
      ['links', 'links'],
    ]);
    expect(planned.body.summary).toMatchObject({ create: 3, reject: 0 });
    expect((await commit(files)).status).toBe(201);
    const [child] = await youngPeopleWith(reference);
    expect(child).toMatchObject({ dateOfBirth: '2012-06-01', levelOfConcern: 2 });
    expect(await linksOf(child?.id as string)).toHaveLength(1);
  });

  it('imports an edge list as persons of interest with weighted ASSOCIATE_OF links, evidence given once', async () => {
    const tag = unique();
    const text = fixture('ring-edge-list.csv').replaceAll('Test Ring Person', `Test Ring ${tag} Person`);
    const existing = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ name: `Test Ring ${tag} Person 05` }),
      )
    ).body;
    const files = [
      {
        name: 'ring.csv',
        kind: 'edge-list',
        text,
        evidence: {
          sourceAgency: 'Test Agency',
          gradingSource: 3,
          gradingInformation: 'C',
          gradingHandling: 'P',
          firstSeen: '2025-06-01',
        },
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.summary).toEqual({ create: 23, update: 0, unchanged: 0, reject: 0 });
    expect(planned.body.rows.filter((r) => r.kind === 'PersonOfInterest')).toHaveLength(11);
    expect((await commit(files)).status).toBe(201);
    const ring = await linksOf(existing.id);
    expect(ring).toHaveLength(2);
    expect(ring.map((l) => l.weight).sort()).toEqual([1, 5]);
    expect(ring[0]).toMatchObject({
      type: 'ASSOCIATE_OF',
      sourceAgency: 'Test Agency',
      gradingSource: 3,
      firstSeen: '2025-06-01',
    });
    const [first] = await personsNamed(`Test Ring ${tag} Person 01`);
    expect((await linksOf(first?.id as string)).map((l) => l.weight).sort()).toEqual([3, 6]);

    const headless = await dryRun([{ ...files[0], text: 'Test Solo A,Test Solo B\n', name: 'pair.csv' } as ImportFile]);
    expect(headless.body.summary).toMatchObject({ create: 3 });
    const noEvidence = await dryRun([{ name: 'ring.csv', kind: 'edge-list', text }]);
    expect(noEvidence.status).toBe(400);
  });

  it('answers 400 for a file it cannot read or place, 403 without records:write, and 413 past the body limit', async () => {
    const unreadable = await dryRun([{ name: 'young-people.csv', text: 'reference,name\n"unclosed,quote\n' }]);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body).toMatchObject({ error: { message: expect.stringContaining('young-people.csv') } });
    expect((await dryRun([{ name: 'notes.csv', text: 'a,b\n1,2\n' }])).status).toBe(400);
    expect(
      (await dryRun([{ name: 'book.xlsx', base64: Buffer.from('not a workbook').toString('base64') }])).status,
    ).toBe(400);
    expect((await dryRun([])).status).toBe(400);
    const member = await api.client('member');
    expect((await dryRun([{ name: 'young-people.csv', text: 'reference\n' }], member)).status).toBe(403);
    const big = await dryRun([{ name: 'young-people.csv', text: `reference\n${'YP-1\n'.repeat(2_000_000)}` }]);
    expect(big.status).toBe(413);
  });

  it('holds a row to the rules the API applies across fields: both coordinates, an event ending after it began', async () => {
    await expectRejected(
      'locations.csv',
      ['name', 'type', 'latitude'],
      ['Test Half Place', 'park', '51.5'],
      'longitude',
    );
    const place = (await api.request<Row>('POST', '/api/locations', locationInput({ latitude: 51.5, longitude: -0.1 })))
      .body;
    await expectRejected('locations.csv', ['id', 'longitude'], [place.id, '(clear)'], 'longitude', 'both');
    await expectRejected(
      'events.csv',
      ['title', 'type', 'occurredOn', 'endedOn'],
      ['Test incident', 'incident', '2026-03-02', '2026-03-01'],
      'endedOn',
    );
    await expectRejected(
      'young-people.csv',
      ['reference', 'name', 'gender', 'legalStatus', 'levelOfConcern', 'dateOfBirth'],
      [uniqueReference(), 'Test Child', 'not-known', 'none', '1', '2099-01-01'],
      'dateOfBirth',
      'future',
    );
  });

  it('refuses a row id that is a record of another kind, and the same record twice', async () => {
    const adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    const reference = uniqueReference('YP');
    const planned = await dryRun([
      {
        name: 'young-people.csv',
        text: csv([
          ['id', 'reference', 'name', 'levelOfConcern'],
          [adult.id, uniqueReference('YP'), 'Test Wrong Kind', '1'],
          ['', reference, 'Test Twice', '1'],
          ['', reference, 'Test Twice Again', '1'],
        ]),
      },
    ]);
    expect(planned.body.rows.map((r) => r.action)).toEqual(['reject', 'create', 'reject']);
    expect(planned.body.rows[2]?.problems?.[0]?.message).toContain('row 3');
  });

  it('sets no level on a young person changed by someone else after the import planned it', async () => {
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 1 }))).body;
    const plan = (version: number): ImportPlan => ({
      rows: [],
      recordCreates: [],
      recordUpdates: [],
      levelDecisions: [{ youngPersonId: child.id as string, level: 3, reason: 'Test import', version }],
      linkCreates: [],
      linkUpdates: [],
    });
    const changed = await api.request<Row>('PATCH', `/api/young-people/${child.id}`, {
      version: child.version,
      school: 'Test Changed School',
    });
    expect(changed.status).toBe(200);
    const actor = { username: 'analyst', role: 'analyst' as const };
    await expect(api.graph.writeTransaction((tx) => decideLevels(tx, plan(1), actor))).rejects.toMatchObject({
      status: 409,
    });
    expect((await api.request<Row>('GET', `/api/young-people/${child.id}`)).body.levelOfConcern).toBe(1);
    await api.graph.writeTransaction((tx) => decideLevels(tx, plan(2), actor));
    expect((await api.request<Row>('GET', `/api/young-people/${child.id}`)).body.levelOfConcern).toBe(3);
  });

  it('rejects in the dry run two new records given one reference, and commits neither', async () => {
    const reference = uniqueReference('YP');
    const files = [
      {
        name: 'young-people.csv',
        text: csv([
          ['id', 'reference', 'name', 'levelOfConcern'],
          [crypto.randomUUID(), reference, 'Test Shared Reference One', '1'],
          ['', reference, 'Test Shared Reference Two', '2'],
          [crypto.randomUUID(), reference, 'Test Shared Reference Three', '2'],
        ]),
      },
    ];
    const planned = await dryRun(files);
    expect(planned.body.rows.map((r) => r.action)).toEqual(['create', 'reject', 'reject']);
    expect(planned.body.rows[1]?.problems?.[0]).toMatchObject({ column: 'reference' });
    expect(planned.body.rows[1]?.problems?.[0]?.message).toContain('row 2');
    expect(planned.body.rows[2]?.problems?.[0]?.message).toContain('row 2');
    const refused = await commit(files);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('import_rejected');
    expect(await youngPeopleWith(reference)).toEqual([]);
    expect((await commit(files, { validOnly: true })).status).toBe(201);
    expect((await youngPeopleWith(reference)).map((r) => r.name)).toEqual(['Test Shared Reference One']);
  });

  it('links to an existing record by id and keeps the link evidence as given', async () => {
    const adult = (await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const existingLink = (
      await api.request<Row>('POST', '/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: child.id }))
    ).body;
    const planned = await dryRun([
      {
        name: 'links.csv',
        text: csv([
          ['id', 'type', 'fromId', 'toId', ...evidenceHeader, 'notes'],
          [existingLink.id, 'CONTROLS', adult.id, child.id, 'Police', 2, 'B', 'P', '2026-01-01', 'Test note added'],
        ]),
      },
    ]);
    expect(planned.body.rows[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'notes', from: null, to: 'Test note added' }],
    });
  });

  it('runs from the command line: npm run import -- FILES with --mapping, a dry run then --commit', async () => {
    const pair = fixturePair();
    const folder = mkdtempSync(path.join(tmpdir(), 'patmap-import-'));
    const files = [pair.youngPeople, pair.persons, pair.links].map((file) => {
      writeFileSync(path.join(folder, file.name), file.text as string);
      return path.join(folder, file.name);
    });
    const mapping = path.join(folder, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ 'persons-of-interest.csv': pair.persons.mapping }));
    const neo4j = inject('neo4j');
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/commands/import.ts', ...args], {
        env: {
          ...process.env,
          NEO4J_URI: neo4j.uri,
          NEO4J_USER: neo4j.user,
          NEO4J_PASSWORD: neo4j.password,
          PATMAP_AUDIT_KEY: inject('auditKey'),
        },
      });
    const planned = await run(...files, '--mapping', mapping);
    expect(planned.stdout).toContain('young-people.csv row 2: create YoungPerson');
    expect(planned.stdout).toContain('Would write: 6 created, 0 updated, 0 unchanged, 0 rejected.');
    expect(await youngPeopleWith(pair.references[1] as string)).toEqual([]);
    const written = await run(...files, '--mapping', mapping, '--commit', '--user', 'test-importer');
    expect(written.stdout).toContain('Written: 6 created');
    expect(await youngPeopleWith(pair.references[1] as string)).toEqual([
      expect.objectContaining({ createdBy: 'test-importer' }),
    ]);
    const again = await run(files[0] as string, '--commit');
    expect(again.stdout).toContain('Written: 0 created, 0 updated, 2 unchanged, 0 rejected.');
    const bad = path.join(folder, 'young-people.csv');
    writeFileSync(bad, 'reference,name,levelOfConcern\nYP-1,Test Bad Level,9\n');
    const refused = await run(bad, '--commit').catch((error: { code: number; stdout: string }) => error);
    expect(refused).toMatchObject({ code: 1, stdout: expect.stringContaining('levelOfConcern') });
  });

  it('serialises concurrent imports: two commits of the same new records end with one of each, never a mix', async () => {
    const references = [uniqueReference('YP'), uniqueReference('YP'), uniqueReference('YP')];
    const file = (name: string) => ({
      name: 'young-people.csv',
      text: csv([['reference', 'name', 'levelOfConcern'], ...references.map((reference) => [reference, name, '1'])]),
    });
    const [first, second] = await Promise.all([
      commit([file('Test Concurrent One')]),
      commit([file('Test Concurrent Two')], {}, police),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const created = [first.body, second.body].map((report) => report.summary.create).sort();
    expect(created).toEqual([0, 3]);
    const names = new Set<string>();
    for (const reference of references) {
      const found = await youngPeopleWith(reference);
      expect(found).toHaveLength(1);
      names.add(String(found[0]?.name));
    }
    // The later import updated every record or none: each one's name comes from the same file.
    expect(names.size).toBe(1);
  });

  it('audits a large import as one data-reload event instead of one per row', async () => {
    const prefix = `YP-${unique().slice(0, 3)}`;
    const rows = Array.from({ length: 1_100 }, (_, i) => [
      `${prefix}${String(i).padStart(5, '0')}`,
      `Test Bulk Child ${i}`,
      '1',
    ]);
    const before = await auditCount();
    const written = await commit([
      { name: 'young-people.csv', text: csv([['reference', 'name', 'levelOfConcern'], ...rows]) },
    ]);
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ audit: 'data-reload', summary: { create: 1_100 } });
    expect(await auditCount()).toBe(before + 1);
    expect(await youngPeopleWith(rows[1_099]?.[0] as string)).toHaveLength(1);
  });

  it("is seen by the analysis mirror's change feed: the imported records and links are patched in", async () => {
    const mirror = analysisMirror(api.graph, auditService(api.graph));
    await mirror.current();
    const reference = uniqueReference('YP');
    const adult = `Test Mirror Adult ${unique()}`;
    const written = await commit([
      {
        name: 'young-people.csv',
        text: csv([
          ['reference', 'name', 'levelOfConcern'],
          [reference, 'Test Mirror Child', '2'],
        ]),
      },
      { name: 'persons-of-interest.csv', text: csv([['name'], [adult]]) },
      {
        name: 'links.csv',
        text: csv([
          ['type', 'fromName', 'toReference', ...evidenceHeader],
          ['CONTROLS', adult, reference, ...evidence],
        ]),
      },
    ]);
    expect(written.status).toBe(201);
    const current = await mirror.current();
    for (const row of written.body.rows) {
      const index = row.kind === 'link' ? current.linkIndex : current.recordIndex;
      expect(index.has(row.id as string)).toBe(true);
    }
  });
});
