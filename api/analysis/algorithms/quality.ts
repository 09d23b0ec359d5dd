// Agreement between two partitions, e.g. detected communities against the groups a synthetic network was built from.

type Label = string | number;

interface Contingency {
  items: number;
  /** items per cluster of the first labeling */
  rows: number[];
  /** items per cluster of the second labeling */
  columns: number[];
  /** the non-empty cells: items in cluster `row` of the first labeling and `column` of the second */
  cells: { row: number; column: number; count: number }[];
}

function contingency(a: readonly Label[], b: readonly Label[]): Contingency {
  if (a.length !== b.length) throw new RangeError(`labelings differ in length: ${a.length} and ${b.length}`);
  const rowOf = new Map<Label, number>();
  const columnOf = new Map<Label, number>();
  const rowIndex = a.map((label) => clusterIndex(rowOf, label));
  const columnIndex = b.map((label) => clusterIndex(columnOf, label));
  const rows = new Array<number>(rowOf.size).fill(0);
  const columns = new Array<number>(columnOf.size).fill(0);
  const cells = new Map<number, { row: number; column: number; count: number }>();
  for (let i = 0; i < a.length; i++) {
    const row = rowIndex[i] as number;
    const column = columnIndex[i] as number;
    rows[row] = (rows[row] as number) + 1;
    columns[column] = (columns[column] as number) + 1;
    const key = row * columnOf.size + column;
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, { row, column, count: 1 });
    else cell.count++;
  }
  return { items: a.length, rows, columns, cells: [...cells.values()] };
}

function clusterIndex(indexOf: Map<Label, number>, label: Label): number {
  let index = indexOf.get(label);
  if (index === undefined) {
    index = indexOf.size;
    indexOf.set(label, index);
  }
  return index;
}

/**
 * True when the labelings are the same partition under different names: with as many non-empty cells as
 * clusters on each side, every cluster meets exactly one cluster of the other labeling. This includes both
 * being a single cluster, both being all singletons, and no items at all.
 */
function samePartition({ rows, columns, cells }: Contingency): boolean {
  return rows.length === columns.length && cells.length === rows.length;
}

function entropy(counts: readonly number[], items: number): number {
  let sum = 0;
  for (const count of counts) sum -= (count / items) * Math.log(count / items);
  return sum;
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/**
 * Normalised mutual information (arithmetic-mean normalisation, as sklearn's default), for two labelings
 * of the same items. Exactly 1 for the same partition whatever the label names (so also when both are a
 * single cluster, or empty, as sklearn); 0 when one is a single cluster and the other is not.
 *
 * @throws RangeError when the labelings differ in length.
 */
export function normalizedMutualInformation(a: readonly Label[], b: readonly Label[]): number {
  const table = contingency(a, b);
  if (samePartition(table)) return 1;
  const { items, rows, columns, cells } = table;
  let mutualInformation = 0;
  for (const { row, column, count } of cells) {
    mutualInformation +=
      (count / items) * Math.log((items * count) / ((rows[row] as number) * (columns[column] as number)));
  }
  if (mutualInformation <= 0) return 0;
  return mutualInformation / ((entropy(rows, items) + entropy(columns, items)) / 2);
}

/**
 * Adjusted Rand index (Hubert & Arabie), as sklearn's adjusted_rand_score: 1 for the same partition
 * whatever the label names, about 0 for chance agreement, negative below chance.
 *
 * @throws RangeError when the labelings differ in length.
 */
export function adjustedRandIndex(a: readonly Label[], b: readonly Label[]): number {
  const table = contingency(a, b);
  // Also the only cases where the formula below would divide by zero.
  if (samePartition(table)) return 1;
  const { items, rows, columns, cells } = table;
  let index = 0;
  for (const { count } of cells) index += pairs(count);
  let rowPairs = 0;
  for (const count of rows) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columns) columnPairs += pairs(count);
  const expected = (rowPairs * columnPairs) / pairs(items);
  return (index - expected) / ((rowPairs + columnPairs) / 2 - expected);
}
