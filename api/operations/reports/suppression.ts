/**
 * Small-number suppression for the strategic group's report, so that no child can be picked out of a table:
 * every count from 1 to threshold − 1 is withheld (primary), and wherever a withheld count could be worked out
 * by subtracting the shown counts from a shown total, a second count on that row or column is withheld too
 * (secondary), until no row or column has exactly one withheld count, or withheld small counts whose sum the
 * total pins down to one value each.
 */

/** A count as the report shows it: the number, or a marker in its place. */
export type ShownCount = number | string;

export interface SuppressionRule {
  /** Counts from 1 to threshold − 1 are withheld. */
  threshold: number;
}

export const markers = {
  /** A withheld small count, e.g. "<5". */
  small: (rule: SuppressionRule) => `<${rule.threshold}`,
  /** A count withheld so that a small one beside it cannot be worked out. */
  secondary: '*',
} as const;

export interface CountTable {
  /** Counts by row, then column. */
  cells: readonly (readonly number[])[];
  /** How many columns there are (a table may have no rows). */
  columns: number;
  /** Each row's total is shown (its cells sum to it). */
  rowTotals: boolean;
  /** Each column's total is shown. */
  columnTotals: boolean;
}

export interface ShownTable {
  cells: ShownCount[][];
  rowTotals?: ShownCount[];
  columnTotals?: ShownCount[];
  /** Shown when both row and column totals are. */
  total?: ShownCount;
}

type Mark = 'shown' | 'small' | 'secondary';

interface Grid {
  values: number[][];
  marks: Mark[][];
}

/** Each set of cells that sums to a shown total: a row or a column, with the total as its last cell. */
function linesOf(rows: number, columns: number, table: CountTable): [number, number][][] {
  const lines: [number, number][][] = [];
  const hasTotal = table.rowTotals && table.columnTotals;
  if (table.rowTotals) {
    const rowCount = rows + (hasTotal ? 1 : 0);
    for (let r = 0; r < rowCount; r += 1) {
      lines.push([...Array.from({ length: columns }, (_, c) => [r, c] as [number, number]), [r, columns]]);
    }
  }
  if (table.columnTotals) {
    const columnCount = columns + (hasTotal ? 1 : 0);
    for (let c = 0; c < columnCount; c += 1) {
      lines.push([...Array.from({ length: rows }, (_, r) => [r, c] as [number, number]), [rows, c]]);
    }
  }
  return lines;
}

/** Withholds the smallest shown non-zero count among a line's cells (its total only when none is left). */
function withholdAnother(grid: Grid, line: [number, number][]): boolean {
  const members = line.slice(0, -1);
  const total = line.at(-1) as [number, number];
  const candidates = members.filter(([r, c]) => grid.marks[r]?.[c] === 'shown' && (grid.values[r]?.[c] ?? 0) > 0);
  candidates.sort(([r1, c1], [r2, c2]) => (grid.values[r1]?.[c1] ?? 0) - (grid.values[r2]?.[c2] ?? 0));
  const chosen = candidates[0] ?? (grid.marks[total[0]]?.[total[1]] === 'shown' ? total : undefined);
  if (!chosen) return false;
  (grid.marks[chosen[0]] as Mark[])[chosen[1]] = 'secondary';
  return true;
}

/**
 * Whether a line's shown total pins a withheld small count to one value: a reader knows each withheld count is
 * at least 1 (zeros are never withheld) and a small one at most threshold − 1, so e.g. two small counts that
 * must add up to 2 are both 1.
 */
function pinned(grid: Grid, line: [number, number][], rule: SuppressionRule): boolean {
  const [totalRow, totalColumn] = line.at(-1) as [number, number];
  if (grid.marks[totalRow]?.[totalColumn] !== 'shown') return false;
  const members = line.slice(0, -1).map(([r, c]) => ({ mark: grid.marks[r]?.[c], value: grid.values[r]?.[c] ?? 0 }));
  const withheld = members.filter((cell) => cell.mark !== 'shown');
  if (withheld.length < 2) return false;
  const shownSum = members.filter((cell) => cell.mark === 'shown').reduce((sum, cell) => sum + cell.value, 0);
  const rest = (grid.values[totalRow]?.[totalColumn] ?? 0) - shownSum;
  const most = (cell: (typeof withheld)[number]) =>
    cell.mark === 'small' ? rule.threshold - 1 : Number.POSITIVE_INFINITY;
  const mostOfAll = withheld.reduce((sum, cell) => sum + most(cell), 0);
  return withheld.some((cell) => {
    if (cell.mark !== 'small') return false;
    const low = Math.max(1, rest - (mostOfAll - most(cell)));
    const high = Math.min(rule.threshold - 1, rest - (withheld.length - 1));
    return low >= high;
  });
}

/** The table as it may be shown: its totals added, small counts and those that would reveal them withheld. */
export function suppress(table: CountTable, rule: SuppressionRule): ShownTable {
  const rows = table.cells.length;
  const { columns } = table;
  const hasTotal = table.rowTotals && table.columnTotals;
  const values = table.cells.map((row) => [...row, row.reduce((sum, v) => sum + v, 0)]);
  const columnSums = Array.from({ length: columns + 1 }, (_, c) => values.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  values.push(columnSums);
  const isSmall = (value: number) => value >= 1 && value < rule.threshold;
  const present = (r: number, c: number) =>
    (r < rows || table.columnTotals) && (c < columns || table.rowTotals) && (r < rows || c < columns || hasTotal);
  const grid: Grid = {
    values,
    marks: values.map((row, r) => row.map((value, c) => (present(r, c) && isSmall(value) ? 'small' : 'shown'))),
  };
  const lines = linesOf(rows, columns, table);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const withheld = line.filter(([r, c]) => grid.marks[r]?.[c] !== 'shown').length;
      if ((withheld === 1 || pinned(grid, line, rule)) && withholdAnother(grid, line)) changed = true;
    }
  }
  const show = (r: number, c: number): ShownCount => {
    const mark = grid.marks[r]?.[c];
    if (mark === 'small') return markers.small(rule);
    if (mark === 'secondary') return markers.secondary;
    return grid.values[r]?.[c] ?? 0;
  };
  const shown: ShownTable = {
    cells: table.cells.map((row, r) => row.map((_, c) => show(r, c))),
  };
  if (table.rowTotals) shown.rowTotals = table.cells.map((_, r) => show(r, columns));
  if (table.columnTotals) shown.columnTotals = Array.from({ length: columns }, (_, c) => show(rows, c));
  if (hasTotal) shown.total = show(rows, columns);
  return shown;
}

/** One count on its own (no total to subtract it from): withheld when small. */
export function suppressCount(value: number, rule: SuppressionRule): ShownCount {
  return value >= 1 && value < rule.threshold ? markers.small(rule) : value;
}
