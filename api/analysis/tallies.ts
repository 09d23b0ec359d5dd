import { type CountedTies, type CountingRules, countedNetwork, countedTiesOf } from './filters.ts';
import { patchedByMirror } from './mirror/memo.ts';
import type { Mirror } from './mirror/mirror.ts';

/**
 * What a ranking counts for each record it might rank (a hotspot's young people and adults, an adult's young
 * people and their levels), kept per set of counting rules and patched from the mirror's journal after a
 * change: the ranking then reads a few numbers per record instead of every tie in the network, and a write
 * costs the readers only the records it touched.
 */
export interface Tally {
  /** How many numbers it keeps per record. */
  readonly columns: number;
  /**
   * Counts record slot n's numbers into `row` (each is 0 or -Infinity beforehand, as `start` says) and
   * answers whether n is a record this ranking ranks at all. `stamp` gives a number no earlier call saw, for
   * marking what this call has counted in `marks` (one Int32 per record slot, kept between calls).
   */
  count(mirror: Mirror, ties: CountedTies, n: number, row: Float64Array, marks: Int32Array, stamp: number): boolean;
  /** Each column's value before counting (0 for a count, -Infinity for a most recent day). */
  readonly start: readonly number[];
  /** Calls touch(n) for every record whose numbers a change to these record and link slots may have changed. */
  touched(mirror: Mirror, changed: { records: number[]; links: number[] }, touch: (n: number) => void): void;
}

export interface Tallies {
  /** ranked[n] === 1 when record slot n is one the ranking ranks (it counts, and has the right label). */
  ranked: Uint8Array;
  /** Column c of record slot n: values[n * columns + c]. */
  values: Float64Array;
  columns: number;
  /**
   * The mirror version at which each record slot was last counted (as floats: a long-running mirror's version may
   * pass 32 bits): while it stands, nothing the record's numbers were counted from has changed.
   */
  countedAt: Float64Array;
}

interface TallyState extends Tallies {
  mirror: Mirror;
  version: number;
  rules: CountingRules;
  marks: Int32Array;
  stamp: number;
}

/** Past this many changed slots, a patch would read as much as counting afresh. */
const maxPatchedSlots = 2_000;

function countInto(state: TallyState, tally: Tally, ties: CountedTies, n: number, row: Float64Array): void {
  row.set(tally.start);
  if (state.stamp >= 0x3fff_ffff) {
    state.marks.fill(0);
    state.stamp = 0;
  }
  state.stamp += 1;
  const ranked = tally.count(state.mirror, ties, n, row, state.marks, state.stamp);
  state.ranked[n] = ranked ? 1 : 0;
  state.values.set(row, n * tally.columns);
  state.countedAt[n] = state.version;
}

/** Every record's numbers, counted afresh. */
export function freshTallies(mirror: Mirror, tally: Tally, rules: CountingRules): TallyState {
  const slots = mirror.recordSlots;
  const state: TallyState = {
    mirror,
    version: mirror.version,
    rules,
    ranked: new Uint8Array(slots),
    values: new Float64Array(slots * tally.columns),
    columns: tally.columns,
    countedAt: new Float64Array(slots),
    marks: new Int32Array(slots),
    stamp: 0,
  };
  const network = countedNetwork(mirror, rules);
  const row = new Float64Array(tally.columns);
  for (let n = 0; n < slots; n++) countInto(state, tally, network, n, row);
  return state;
}

/**
 * The numbers brought up to the mirror's version by counting again only the records the changes since
 * touched, or undefined when they cannot be (the journal no longer reaches back, or so much changed that
 * counting afresh is as quick). The state given is spent: its arrays now hold the new numbers.
 */
export function patchTallies(state: TallyState, tally: Tally): TallyState | undefined {
  const { mirror } = state;
  const changed = mirror.changedSince(state.version);
  if (!changed || changed.records.length + changed.links.length > maxPatchedSlots) return undefined;
  const slots = mirror.recordSlots;
  let { ranked, values, countedAt, marks } = state;
  if (ranked.length < slots) {
    // Records were added: room for them, empty until counted (every new record is in the changes).
    const grown = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (size: number) => T, per = 1) => {
      const array = make(slots * per);
      array.set(old);
      return array;
    };
    ranked = grown(ranked, (size) => new Uint8Array(size));
    values = grown(values, (size) => new Float64Array(size), tally.columns);
    countedAt = grown(countedAt, (size) => new Float64Array(size));
    marks = grown(marks, (size) => new Int32Array(size));
  }
  const next: TallyState = { ...state, version: mirror.version, ranked, values, countedAt, marks };
  const ties = countedTiesOf(mirror, state.rules);
  const row = new Float64Array(tally.columns);
  const seen = new Set<number>();
  tally.touched(mirror, changed, (n) => {
    if (seen.has(n)) return;
    seen.add(n);
    countInto(next, tally, ties, n, row);
  });
  return next;
}

/** The numbers for the last few sets of counting rules, each patched after a change to the network. */
export function talliesCache(tally: Tally, size: number) {
  const states = patchedByMirror(
    size,
    (mirror, rules: CountingRules) => freshTallies(mirror, tally, rules),
    (state) => patchTallies(state, tally),
  );
  return {
    get: (mirror: Mirror, rules: CountingRules): Tallies => states.get(mirror, JSON.stringify(rules), rules),
  };
}

/** Calls touch for record slot n and each record one link away from it. */
export function touchAround(mirror: Mirror, n: number, touch: (n: number) => void): void {
  const { offsets, other } = mirror.adjacency();
  touch(n);
  if (n + 1 >= offsets.length) return;
  for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) touch(other[a] as number);
}

/** Makes the listed row of each ranked record (slot `slotOf(item)`), unless one made earlier still stands. */
export type RowReuse = <R, T>(items: readonly R[], slotOf: (item: R) => number, make: (item: R) => T) => T[];

/** What a ranking may reuse from earlier calls: the numbers, and the rows it lists. */
export interface Kept {
  tallies: Tallies;
  rows?: RowReuse;
}

/**
 * The rows a ranking lists (a hotspot with the people who meet there, an adult with its young people), each
 * kept while its record's numbers stand: nothing the row was made from has changed since (see Tally.touched),
 * so after a write only the rows of the records it touched are made again. Kept for the last few queries, by
 * a key that names everything else a row depends on (the query, the viewer, the day); one per ranking.
 */
export function keptRows(queries: number) {
  let entries: { key: string; mirror: Mirror; rows: Map<number, { at: number; row: unknown }> }[] = [];
  return (key: string, mirror: Mirror, tallies: Tallies): RowReuse =>
    <R, T>(items: readonly R[], slotOf: (item: R) => number, make: (item: R) => T): T[] => {
      const found = entries.find((entry) => entry.key === key && entry.mirror === mirror);
      const rows = new Map<number, { at: number; row: unknown }>();
      const listed = items.map((item) => {
        const n = slotOf(item);
        const at = tallies.countedAt[n] as number;
        const kept = found?.rows.get(n);
        // The same key and record, counted at the same version: the row this key's `make` made then.
        const row = kept && kept.at === at ? (kept.row as T) : make(item);
        rows.set(n, { at, row });
        return row;
      });
      entries = [{ key, mirror, rows }, ...entries.filter((entry) => entry !== found)].slice(0, queries);
      return listed;
    };
}
