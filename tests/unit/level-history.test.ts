import { describe, expect, it } from 'vitest';
import {
  addMonthsTo,
  countLevelsOn,
  levelOn,
  monthEnd,
  monthlyLevels,
  monthsBetween,
  type YoungPersonLevels,
} from '../../api/operations/dashboard/level-history.ts';

const youngPerson = (overrides: Partial<YoungPersonLevels>): YoungPersonLevels => ({
  createdOn: '2025-01-10',
  levelOfConcern: 1,
  archivedOn: null,
  decisions: [],
  ...overrides,
});

describe('the level on a day, from the dated history', () => {
  const history = youngPerson({
    levelOfConcern: 'archived',
    archivedOn: '2025-09-01',
    decisions: [
      { level: 3, previousLevel: 1, decidedOn: '2025-03-15' },
      { level: 2, previousLevel: 3, decidedOn: '2025-06-30' },
      { level: 'archived', previousLevel: 2, decidedOn: '2025-09-01' },
    ],
  });

  it('is nothing before the record was made, then the first decision’s previous level', () => {
    expect(levelOn(history, '2025-01-09')).toBeNull();
    expect(levelOn(history, '2025-01-10')).toBe(1);
    expect(levelOn(history, '2025-03-14')).toBe(1);
  });

  it('is the newest decision dated on or before the day; archived is no case', () => {
    expect(levelOn(history, '2025-03-15')).toBe(3);
    expect(levelOn(history, '2025-06-29')).toBe(3);
    expect(levelOn(history, '2025-06-30')).toBe(2);
    expect(levelOn(history, '2025-08-31')).toBe(2);
    expect(levelOn(history, '2025-09-01')).toBeNull();
  });

  it('has held the current level since the record was made when there are no decisions', () => {
    const steady = youngPerson({ levelOfConcern: 2, createdOn: '2025-05-05' });
    expect(levelOn(steady, '2025-05-04')).toBeNull();
    expect(levelOn(steady, '2025-05-05')).toBe(2);
    expect(levelOn(steady, '2026-05-05')).toBe(2);
  });

  it('starts at the first decision for history entered after the record was made', () => {
    const entered = youngPerson({
      createdOn: '2025-12-01',
      levelOfConcern: 2,
      decisions: [{ level: 2, previousLevel: 1, decidedOn: '2025-02-01' }],
    });
    expect(levelOn(entered, '2025-01-31')).toBeNull();
    expect(levelOn(entered, '2025-02-01')).toBe(2);
  });

  it('ends a case archived through the record, not by a decision, on the day it was archived', () => {
    const archived = youngPerson({
      levelOfConcern: 'archived',
      archivedOn: '2025-04-01',
      decisions: [{ level: 3, previousLevel: 1, decidedOn: '2025-02-01' }],
    });
    expect(levelOn(archived, '2025-03-31')).toBe(3);
    expect(levelOn(archived, '2025-04-01')).toBeNull();
    expect(levelOn(youngPerson({ levelOfConcern: 'archived', archivedOn: '2025-04-01' }), '2025-02-01')).toBeNull();
  });
});

describe('monthly series', () => {
  it('lists the months of a period, across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(addMonthsTo('2026-01', -11)).toBe('2025-02');
    expect(addMonthsTo('2025-12', 1)).toBe('2026-01');
  });

  it('knows each month’s last day, leap years included', () => {
    expect(['2024-02', '2025-02', '2025-04', '2025-12'].map(monthEnd)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2025-04-30',
      '2025-12-31',
    ]);
  });

  it('counts cases by level at each month’s end, and today for the month not yet over', () => {
    const people = [
      youngPerson({
        levelOfConcern: 2,
        decisions: [
          { level: 3, previousLevel: 1, decidedOn: '2025-02-10' },
          { level: 2, previousLevel: 3, decidedOn: '2025-03-31' },
        ],
      }),
      youngPerson({ createdOn: '2025-03-01', levelOfConcern: 3 }),
    ];
    expect(countLevelsOn(people, '2025-01-31')).toEqual({ 1: 1, 2: 0, 3: 0 });
    expect(monthlyLevels(people, ['2025-01', '2025-02', '2025-03', '2025-04'], '2025-04-12')).toEqual([
      { month: '2025-01', on: '2025-01-31', levels: { 1: 1, 2: 0, 3: 0 } },
      { month: '2025-02', on: '2025-02-28', levels: { 1: 0, 2: 0, 3: 1 } },
      { month: '2025-03', on: '2025-03-31', levels: { 1: 0, 2: 1, 3: 1 } },
      { month: '2025-04', on: '2025-04-12', levels: { 1: 0, 2: 1, 3: 1 } },
    ]);
  });
});
