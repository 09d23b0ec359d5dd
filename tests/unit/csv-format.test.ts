import { describe, expect, it } from 'vitest';
import {
  cellText,
  cellValue,
  labelOfFile,
  linkCellSchemas,
  linkColumns,
  recordCellSchemas,
  recordColumns,
} from '../../api/transfer/csv-format.ts';
import { personOfInterest, youngPerson } from '../../graph-schema/index.ts';
import { createSchema } from '../../graph-schema/records.ts';

describe('the CSV format', () => {
  it('names the API properties as columns, with id first', () => {
    const columns = recordColumns(youngPerson);
    expect(columns[0]).toBe('id');
    expect(columns).toEqual(expect.arrayContaining(['reference', 'name', 'levelOfConcern', 'gradingHandling']));
    expect(linkColumns()).toEqual(
      expect.arrayContaining(['type', 'fromId', 'fromReference', 'toName', 'toDateOfBirth', 'firstSeen', 'supplied']),
    );
  });

  it('reads cells as the schema expects: lists, numbers, levels, booleans; an empty cell is no value', () => {
    const schemas = recordCellSchemas(personOfInterest);
    expect(cellValue(schemas.phones as never, '07700 900001 | 07700 900002')).toEqual(['07700 900001', '07700 900002']);
    expect(cellValue(schemas.knownPerpetrator as never, 'Yes')).toBe(true);
    expect(cellValue(schemas.dateOfBirth as never, '  ')).toBeUndefined();
    expect(cellValue(recordCellSchemas(youngPerson).levelOfConcern as never, '3')).toBe(3);
    expect(cellValue(linkCellSchemas().gradingSource as never, '2')).toBe(2);
    expect(cellValue(linkCellSchemas().supplied as never, 'gifts|money')).toEqual(['gifts', 'money']);
  });

  it('writes a list whose items hold | or \\ so that it reads back item for item', () => {
    const handles = recordCellSchemas(personOfInterest).onlineHandles as never;
    const items = ['dee|x', 'back\\slash', 'ends\\', 'Test Plain'];
    const cell = cellText(items);
    expect(cell).toBe('dee\\|x | back\\\\slash | ends\\\\ | Test Plain');
    expect(cellValue(handles, cell)).toEqual(items);
    // A hand-written backslash before anything else is kept as it is.
    expect(cellValue(handles, 'a\\b | c')).toEqual(['a\\b', 'c']);
  });

  it('leaves text that does not convert for the schema to refuse by column', () => {
    const value = cellValue(recordCellSchemas(youngPerson).levelOfConcern as never, 'high');
    const parsed = createSchema(youngPerson).safeParse({
      reference: 'YP-1',
      name: 'Test Child',
      levelOfConcern: value,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('levelOfConcern');
  });

  it('writes lists and values back as cells that read the same', () => {
    const schemas = recordCellSchemas(personOfInterest);
    const phones = ['07700 900001', '07700 900002'];
    expect(cellValue(schemas.phones as never, cellText(phones))).toEqual(phones);
    expect(cellText(undefined)).toBe('');
    expect(cellText(false)).toBe('false');
  });

  it('knows each file by its name', () => {
    expect(labelOfFile('exports/young-people.csv')).toBe('YoungPerson');
    expect(labelOfFile('persons-of-interest.xlsx')).toBe('PersonOfInterest');
    expect(labelOfFile('links.csv')).toBe('links');
    expect(labelOfFile('notes.csv')).toBeUndefined();
  });
});
