import { describe, expect, it } from 'vitest';
import { toGraphml } from '../../api/transfer/graphml.ts';
import { reportLines, requestFromCli } from '../../api/transfer/import-cli.ts';
import { mapHeaders, readImportFiles } from '../../api/transfer/import-files.ts';
import { type ExistingRecord, type Lookups, linkKey, planImport, summarise } from '../../api/transfer/import-plan.ts';
import { childrenNamed, parseXml } from '../support/xml.ts';

const noLookups = (): Lookups => ({
  recordsById: new Map(),
  youngPeopleByReference: new Map(),
  recordsByName: new Map(),
  duplicateCandidates: new Map(),
  linksById: new Map(),
  linksBetween: new Map(),
});
const evidence = {
  sourceAgency: 'Police',
  gradingSource: 2,
  gradingInformation: 'B',
  gradingHandling: 'P',
  firstSeen: '2026-01-01',
} as const;

describe('reading import files', () => {
  it('maps headers by the mapping, by name, and by name ignoring case and spacing; reports the rest', () => {
    const { mapped, unknownHeaders } = mapHeaders(
      'PersonOfInterest',
      ['Full name', 'Date of birth', 'phones', 'Shoe size', 'Notes'],
      {
        'Full name': 'name',
        Notes: '',
      },
    );
    expect(mapped).toEqual({ 'Full name': 'name', 'Date of birth': 'dateOfBirth', phones: 'phones', Notes: '' });
    expect(unknownHeaders).toEqual(['Shoe size']);
  });

  it('tells an edge list with a header from one without', async () => {
    const [headed, bare] = await readImportFiles([
      { name: 'a.csv', kind: 'edge-list', text: 'source,target,weight\nTest A,Test B,2\n', mapping: {}, evidence },
      { name: 'b.csv', kind: 'edge-list', text: 'Test A,Test B,2\nTest B,Test C\n', mapping: {}, evidence },
    ]);
    expect(headed?.rows).toEqual([{ number: 2, cells: { from: 'Test A', to: 'Test B', weight: '2' } }]);
    expect(bare?.rows.map((row) => row.number)).toEqual([1, 2]);
    expect(bare?.rows[1]?.cells).toEqual({ from: 'Test B', to: 'Test C', weight: '' });
  });

  it('numbers rows as the file shows them: blank rows counted, a cell over two lines one row', async () => {
    const text = 'reference,name\nYP-1,Test One\n\nYP-2,"Test\nTwo"\n,\nYP-3,Test Three\n';
    const [table] = await readImportFiles([{ name: 'young-people.csv', text, mapping: {} }]);
    expect(table?.rows.map((row) => [row.number, row.cells.reference])).toEqual([
      [2, 'YP-1'],
      [4, 'YP-2'],
      [6, 'YP-3'],
    ]);
  });

  it('refuses a file whose kind it cannot tell, or past the row cap', async () => {
    await expect(readImportFiles([{ name: 'notes.csv', text: 'a\n1\n', mapping: {} }])).rejects.toMatchObject({
      status: 400,
    });
    const many = `reference\n${'YP-1\n'.repeat(50_001)}`;
    await expect(readImportFiles([{ name: 'young-people.csv', text: many, mapping: {} }])).rejects.toMatchObject({
      status: 413,
    });
  });
});

describe('planning an import', () => {
  const table = async (name: string, text: string) => readImportFiles([{ name, text, mapping: {} }]);

  it('creates records and links found in the same import, by reference and by name with date of birth', async () => {
    const tables = [
      ...(await table('young-people.csv', 'reference,name,levelOfConcern\nYP-1,Test Child,2\n')),
      ...(await table('persons-of-interest.csv', 'name,dateOfBirth\nTest Adult,1980-01-01\nTest Adult,1981-01-01\n')),
      ...(await table(
        'links.csv',
        'type,fromName,fromDateOfBirth,toReference,sourceAgency,gradingSource,gradingInformation,gradingHandling,firstSeen\n' +
          'CONTROLS,test adult,1981-01-01,YP-1,Police,2,B,P,2026-01-01\n' +
          'CONTROLS,Test Adult,,YP-1,Police,2,B,P,2026-01-01\n',
      )),
    ];
    const plan = planImport(tables, noLookups());
    expect(summarise(plan.rows)).toEqual({ create: 4, update: 0, unchanged: 0, reject: 1 });
    const [, , second, link, ambiguous] = plan.rows;
    expect(link).toMatchObject({ action: 'create', from: { id: second?.id, by: 'name', inImport: true } });
    expect(ambiguous?.problems?.[0]?.message).toMatch(/ambiguous.*and/);
    expect(plan.linkCreates).toEqual([
      expect.objectContaining({ type: 'CONTROLS', from: second?.id, to: plan.rows[0]?.id }),
    ]);
  });

  it('updates a record matched by reference, listing only the fields that change', async () => {
    const existing: ExistingRecord = {
      label: 'YoungPerson',
      record: {
        id: crypto.randomUUID(),
        version: 4,
        reference: 'YP-7',
        name: 'Test Child',
        levelOfConcern: 2,
        school: 'A',
      },
    };
    const lookups = { ...noLookups(), youngPeopleByReference: new Map([['YP-7', existing]]) };
    const plan = planImport(await table('young-people.csv', 'reference,name,school\nYP-7,Test Child,B\n'), lookups);
    expect(plan.rows[0]).toMatchObject({
      action: 'update',
      matchedBy: 'reference',
      changes: [{ field: 'school', from: 'A', to: 'B' }],
    });
    expect(plan.recordUpdates).toEqual([
      expect.objectContaining({ id: existing.record.id, version: 4, changes: { school: 'B' } }),
    ]);
  });

  it('proposes likely duplicates of new rows, with or without an id, as the Duplicates screen finds them', async () => {
    const kept = {
      id: crypto.randomUUID(),
      name: 'Test Adult Smith',
      dateOfBirth: '1980-01-01',
      phones: ['07700 900111'],
    };
    const lookups = { ...noLookups(), duplicateCandidates: new Map([['PersonOfInterest' as const, [kept]]]) };
    const fresh = crypto.randomUUID();
    const plan = planImport(
      await table(
        'persons-of-interest.csv',
        'id,name,dateOfBirth,phones\n' +
          `${fresh},test adult smith,1980-01-01,\n` +
          ',Test Someone Else,,07700900111\n' +
          ',Test Adult Smyth,1980-01-01,\n' +
          ',Test Unrelated Person,1990-05-05,07700 900999\n',
      ),
      lookups,
    );
    expect(plan.rows.map((row) => row.action)).toEqual(['create', 'create', 'create', 'create']);
    const [byId, byPhone, bySpelling, unrelated] = plan.rows;
    expect(byId?.id).toBe(fresh);
    expect(byId?.likelyDuplicates).toEqual([
      { id: kept.id, caption: kept.name, inImport: false, reasons: ['Same name and date of birth (1980-01-01)'] },
    ]);
    expect(byPhone?.likelyDuplicates).toEqual([
      { id: kept.id, caption: kept.name, inImport: false, reasons: ['Shared phone 07700900111'] },
    ]);
    // Near-identical to the record already there and to the first row, which this import creates.
    expect(bySpelling?.likelyDuplicates?.map((other) => [other.id, other.inImport, other.reasons[0]])).toEqual([
      [kept.id, false, expect.stringMatching(/^Near-identical names/)],
      [fresh, true, expect.stringMatching(/^Near-identical names/)],
    ]);
    expect(unrelated?.likelyDuplicates).toBeUndefined();
  });
});

describe('planning clears, archives, levels and links without an id', () => {
  const table = async (name: string, text: string) => readImportFiles([{ name, text, mapping: {} }]);
  const adult = (): ExistingRecord => ({
    label: 'PersonOfInterest',
    record: { id: crypto.randomUUID(), version: 1, name: 'Test Adult', description: 'Test', aliases: ['Test A'] },
  });

  it('clears only (clear) cells: optional ones to nothing, lists to empty, required ones refused by column', async () => {
    const existing = adult();
    const lookups = { ...noLookups(), recordsById: new Map([[existing.record.id, existing]]) };
    const id = existing.record.id;
    const plan = planImport(
      await table('persons-of-interest.csv', `id,description,aliases,name\n${id},(Clear),(clear),\n`),
      lookups,
    );
    expect(plan.rows[0]?.changes).toEqual([
      { field: 'description', from: 'Test', to: null, clear: true },
      { field: 'aliases', from: ['Test A'], to: [], clear: true },
    ]);
    const required = planImport(await table('persons-of-interest.csv', `id,name\n${id},(clear)\n`), lookups);
    expect(required.rows[0]).toMatchObject({ action: 'reject', problems: [{ column: 'name' }] });
    // On a new record a (clear) cell is no value.
    const created = planImport(await table('persons-of-interest.csv', 'name,description\nTest New,(clear)\n'), lookups);
    expect(created.recordCreates[0]?.properties.description).toBeUndefined();
  });

  it('plans an archived young person as a create without a level and an archiving level decision', async () => {
    const plan = planImport(
      await table(
        'young-people.csv',
        'reference,name,levelOfConcern,archivedAt,archiveReason\nYP-8,Test Child,archived,2026-01-02T03:04:05.000Z,Test closed\n',
      ),
      noLookups(),
    );
    expect(plan.recordCreates[0]?.properties).not.toHaveProperty('levelOfConcern');
    expect(plan.recordCreates[0]?.properties).not.toHaveProperty('archivedAt');
    expect(plan.levelDecisions).toEqual([
      {
        youngPersonId: plan.rows[0]?.id,
        level: 'archived',
        reason: 'Test closed',
        archivedAt: '2026-01-02T03:04:05.000Z',
      },
    ]);
  });

  it('matches a link without an id to an existing one of the same type, ends and source reference, each once', async () => {
    const [from, to] = [adult(), { ...adult(), record: { ...adult().record, name: 'Test Other' } }];
    const link = (id: string, sourceReference?: string) => ({
      link: {
        id,
        type: 'ASSOCIATE_OF',
        from: from.record.id,
        to: to.record.id,
        sourceAgency: 'Police',
        gradingSource: 2,
        gradingInformation: 'B',
        gradingHandling: 'P',
        firstSeen: '2026-01-01',
        ...(sourceReference ? { sourceReference } : {}),
      },
    });
    const existing = [link(crypto.randomUUID()), link(crypto.randomUUID()), link(crypto.randomUUID(), 'TEST/1')];
    const lookups: Lookups = {
      ...noLookups(),
      recordsById: new Map([
        [from.record.id, from],
        [to.record.id, to],
      ]),
      linksBetween: new Map([[linkKey('ASSOCIATE_OF', from.record.id, to.record.id), existing]]),
    };
    const row = `ASSOCIATE_OF,${from.record.id},${to.record.id},Police,2,B,P,2026-01-01`;
    const plan = planImport(
      await table(
        'links.csv',
        `type,fromId,toId,sourceAgency,gradingSource,gradingInformation,gradingHandling,firstSeen,sourceReference\n${row},\n${row},\n${row},\n${row},TEST/1\n`,
      ),
      lookups,
    );
    expect(plan.rows.map((r) => [r.action, r.matchedBy])).toEqual([
      ['unchanged', 'ends'],
      ['unchanged', 'ends'],
      ['create', undefined],
      ['unchanged', 'ends'],
    ]);
    expect(plan.rows.map((r) => r.id).slice(0, 2)).toEqual([existing[0]?.link.id, existing[1]?.link.id]);
    expect(plan.rows[3]?.id).toBe(existing[2]?.link.id);
  });
});

describe('GraphML', () => {
  it('is well-formed with escaped text, typed keys and every node and edge', () => {
    const text = toGraphml(
      [
        {
          id: 'a',
          kind: 'PersonOfInterest',
          label: 'Test <A> & "B"',
          properties: { flag: true, score: 1.5, phones: ['1', '2'] },
        },
        { id: 'b', kind: 'Location', label: "Test's place", properties: { flag: false, score: 2 } },
      ],
      [{ id: 'e', source: 'a', target: 'b', type: 'FREQUENTS', properties: { gradingSource: 2, notes: 'x\u0001y' } }],
    );
    const root = parseXml(text);
    const keys = Object.fromEntries(
      childrenNamed(root, 'key').map((k) => [k.attributes['attr.name'], k.attributes['attr.type']]),
    );
    expect(keys).toMatchObject({
      label: 'string',
      flag: 'boolean',
      score: 'double',
      phones: 'string',
      gradingSource: 'int',
    });
    const [graph] = childrenNamed(root, 'graph');
    const [first] = childrenNamed(graph as never, 'node');
    expect(first?.children.map((d) => d.text)).toContain('Test <A> & "B"');
    expect(first?.children.map((d) => d.text)).toContain('1 | 2');
    expect(childrenNamed(graph as never, 'edge')[0]?.children.map((d) => d.text)).toContain('xy');
  });

  it('is checked by a reader that refuses what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>Tom & Jerry</a>')).toThrow();
    expect(() => parseXml('<a></a><b></b>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
  });
});

describe('the import command line', () => {
  it('makes the request from files, a per-file mapping, a kind and edge-list evidence', () => {
    const read = (file: string) => Buffer.from(file.endsWith('.xlsx') ? 'PK' : 'from,to\n');
    const files = requestFromCli({
      files: ['/tmp/x/ring.csv', '/tmp/x/book.xlsx'],
      mapping: '{"ring.csv": {"Person": "from"}}',
      kind: 'edge-list',
      evidence: JSON.stringify(evidence),
      read,
    });
    expect(files[0]).toMatchObject({
      name: 'ring.csv',
      text: 'from,to\n',
      kind: 'edge-list',
      mapping: { Person: 'from' },
      evidence,
    });
    expect(files[1]).toMatchObject({ name: 'book.xlsx', base64: Buffer.from('PK').toString('base64'), mapping: {} });
    expect(() => requestFromCli({ files: [], kind: 'spreadsheet', read })).toThrow();
  });

  it('prints one line per row with its changes and problems, then the totals', () => {
    const lines = reportLines({
      committed: false,
      files: [
        { file: 'young-people.csv', kind: 'YoungPerson', headers: ['x'], mapped: {}, unknownHeaders: ['x'], rows: 1 },
      ],
      summary: { create: 0, update: 1, unchanged: 0, reject: 1 },
      rows: [
        {
          file: 'young-people.csv',
          row: 2,
          kind: 'YoungPerson',
          action: 'update',
          caption: 'Test',
          changes: [{ field: 'school', from: null, to: 'B' }],
        },
        {
          file: 'young-people.csv',
          row: 3,
          kind: 'YoungPerson',
          action: 'reject',
          problems: [{ column: 'name', message: 'required' }],
        },
      ],
    });
    expect(lines).toEqual([
      'young-people.csv: YoungPerson, 1 rows',
      '  ignored headers (map them with --mapping): x',
      'young-people.csv row 2: update YoungPerson Test',
      '    school: — → "B"',
      'young-people.csv row 3: reject YoungPerson',
      '    name: required',
      'Would write: 0 created, 1 updated, 0 unchanged, 1 rejected.',
    ]);
  });
});
