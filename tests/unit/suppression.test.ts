import { describe, expect, it } from 'vitest';
import { suppress, suppressCount } from '../../api/operations/reports/suppression.ts';

const rule = { threshold: 5 };

describe('small-number suppression', () => {
  it('shows zero and counts at or above the threshold, and withholds 1 to 4 as "<5"', () => {
    expect([0, 1, 4, 5, 12].map((n) => suppressCount(n, rule))).toEqual([0, '<5', '<5', 5, 12]);
    expect(suppressCount(9, { threshold: 10 })).toBe('<10');
  });

  it('leaves a table with no small counts as it is, with its totals', () => {
    const shown = suppress(
      {
        cells: [
          [5, 6],
          [7, 0],
        ],
        columns: 2,
        rowTotals: true,
        columnTotals: true,
      },
      rule,
    );
    expect(shown).toEqual({
      cells: [
        [5, 6],
        [7, 0],
      ],
      rowTotals: [11, 7],
      columnTotals: [12, 6],
      total: 18,
    });
  });

  it('withholds the next-smallest count in a row whose total is shown (secondary suppression)', () => {
    const shown = suppress({ cells: [[10, 3, 12, 6]], columns: 4, rowTotals: true, columnTotals: false }, rule);
    // 3 is small; without withholding 6 too it would be 31 − 10 − 12 − 6.
    expect(shown.cells).toEqual([[10, '<5', 12, '*']]);
    expect(shown.rowTotals).toEqual([31]);
  });

  it('passes over zeros when choosing the second count, since a withheld zero gives the small one away', () => {
    const shown = suppress({ cells: [[0, 2, 9, 30]], columns: 4, rowTotals: true, columnTotals: false }, rule);
    expect(shown.cells).toEqual([[0, '<5', '*', 30]]);
  });

  it('needs no second count where two are already withheld', () => {
    const shown = suppress({ cells: [[2, 3, 20]], columns: 3, rowTotals: true, columnTotals: false }, rule);
    expect(shown.cells).toEqual([['<5', '<5', 20]]);
  });

  it('withholds a small total, and with it a second count in its line', () => {
    // The row's only count is 3, so its total is 3 as well: both withheld, nothing else needed in the row.
    const shown = suppress(
      {
        cells: [
          [0, 3],
          [8, 9],
        ],
        columns: 2,
        rowTotals: true,
        columnTotals: true,
      },
      rule,
    );
    expect(shown.rowTotals?.[0]).toBe('<5');
    expect(shown.cells[0]).toEqual([0, '<5']);
    // Column 2 (3 withheld, 9, total 12) and the totals column (3 withheld, 17, 20) each lose a second count.
    expect(shown.cells[1]).toEqual([8, '*']);
    expect(shown.rowTotals).toEqual(['<5', '*']);
    expect(shown.columnTotals).toEqual([8, 12]);
    expect(shown.total).toBe(20);
  });

  it('leaves no row or column of a two-way table with exactly one withheld count', () => {
    const cells = [
      [12, 1, 7, 30],
      [9, 14, 2, 6],
      [0, 8, 11, 5],
      [3, 0, 0, 20],
    ];
    const shown = suppress({ cells, columns: cells[0]?.length ?? 0, rowTotals: true, columnTotals: true }, rule);
    const grid = [
      ...shown.cells.map((row, r) => [...row, shown.rowTotals?.[r]]),
      [...(shown.columnTotals ?? []), shown.total],
    ];
    const withheld = (line: unknown[]) => line.filter((value) => typeof value === 'string').length;
    for (const row of grid) expect(withheld(row)).not.toBe(1);
    for (let c = 0; c < (grid[0]?.length ?? 0); c += 1) expect(withheld(grid.map((row) => row[c]))).not.toBe(1);
    // Every small count is withheld as "<5", every shown number is a true count.
    for (const [r, row] of cells.entries()) {
      for (const [c, value] of row.entries()) {
        const cell = shown.cells[r]?.[c];
        if (value >= 1 && value < 5) expect(cell).toBe('<5');
        if (typeof cell === 'number') expect(cell).toBe(value);
      }
    }
  });

  it('withholds only small counts in a table without totals', () => {
    const shown = suppress({ cells: [[3], [40], [0]], columns: 1, rowTotals: false, columnTotals: false }, rule);
    expect(shown.cells).toEqual([['<5'], [40], [0]]);
    expect(shown.rowTotals).toBeUndefined();
    expect(shown.total).toBeUndefined();
  });

  it('withholds a second count down a column when only the column totals are shown', () => {
    const shown = suppress({ cells: [[4], [0], [7], [15]], columns: 1, rowTotals: false, columnTotals: true }, rule);
    expect(shown.cells).toEqual([['<5'], [0], ['*'], [15]]);
    expect(shown.columnTotals).toEqual([26]);
  });

  it('withholds another count where two small ones must add up to a value that gives both away', () => {
    // Offered / not offered by outcome: the 1 and the 1 in the totals column must sum to 7 − 5 = 2, so both are 1.
    const cells = [
      [5, 0],
      [1, 0],
      [0, 0],
      [0, 1],
    ];
    const shown = suppress({ cells, columns: cells[0]?.length ?? 0, rowTotals: true, columnTotals: true }, rule);
    expect(shown.rowTotals).toEqual(['*', '<5', 0, '<5']);
    expect(shown.cells[0]).toEqual(['*', 0]);
    expect(shown.total).toBe(7);
  });

  it('keeps a row of zero totals for a table with no rows', () => {
    const shown = suppress({ cells: [], columns: 3, rowTotals: true, columnTotals: true }, rule);
    expect(shown).toEqual({ cells: [], rowTotals: [], columnTotals: [0, 0, 0], total: 0 });
  });
});
