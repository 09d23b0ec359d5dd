import { type Projection, projectionFromIndices } from './algorithms/projection.ts';
import {
  type AdultIdentifiers,
  type AdultTies,
  type BondEdges,
  type BondOptions,
  bondFactors,
  type DirectTie,
  type IdentifierTie,
  identifierKey,
  identifierTies,
  identifierWeight,
  type SlotBondEdges,
  sharedFactor,
  slotBonds,
} from './bonds.ts';
import { countedNetwork } from './filters.ts';
import { patchedByMirror } from './mirror/memo.ts';
import { epochDay, type Mirror, PERSON_OF_INTEREST } from './mirror/mirror.ts';
import { byId } from './top.ts';
import {
  adultTies,
  directTiesAt,
  identifiersAt,
  type SlotAdultTies,
  type SlotSharedTie,
  sharedTieAt,
  tieScratch,
  type Weighing,
} from './weighted-ties.ts';

// Typed-array reads below are in bounds by construction; `as number` only satisfies noUncheckedIndexedAccess.

/**
 * The adults bound to one another, for group detection (and centrality over adults): the weighted
 * projection in id order, the ties it was made from (which explain the groups) and how many hubs bound
 * nobody. Made afresh it costs most of a second at 100k records, so it is kept, and after a change to the
 * network it is patched: only the ties of the records the change touched are read again, only the pairs
 * of adults those ties bind are summed again, and the projection is rebuilt from its own edges only when
 * a bond appears or disappears. A patch gives exactly what a fresh build would (the unit tests compare them
 * after sequences of changes), because each pair's weight is summed afresh from all its contributions, in
 * the same order-independent way projectionFromIndices sums them.
 */
export interface AdultProjection {
  projection: Projection;
  ties: AdultTies<number>;
  options: BondOptions<number>;
  skippedHubs: number;
}

export interface AdultProjectionParameters {
  how: Weighing;
  hubLimit: number;
  minBond: number;
}

/** What a patch works from, besides the answer. */
interface BondState extends AdultProjection {
  mirror: Mirror;
  /** The mirror version this state is current to. */
  version: number;
  parameters: AdultProjectionParameters;
  ties: SlotAdultTies;
  /** The shared tie through each record slot. Changed in place by a patch, which replaces its state. */
  sharedAt: Map<number, SlotSharedTie>;
  /** The direct ties of each link slot (two for a loop). Likewise. */
  directAt: Map<number, DirectTie<number>[]>;
  /** Each adult's phones and vehicles. Likewise. */
  identifiersAt: Map<number, AdultIdentifiers<number>>;
  /** Shared ties of more than hubLimit adults. */
  skippedShared: number;
  /** Projection index → mirror slot. */
  slots: Int32Array;
  /** Mirror slot → projection index, -1 when not in it (slots past its end were added since). */
  position: Int32Array;
}

/** Past this many changed slots, a patch would read as much as a fresh build. */
const maxPatchedSlots = 2_000;

const rankCompare = (mirror: Mirror) => {
  const rank = mirror.idRank();
  return (a: number, b: number) => (rank[a] as number) - (rank[b] as number);
};

/**
 * A projection of the records at the ends of edges between mirror slots, in id order, without the
 * merged edges lighter than `minWeight`; `slots[i]` is the mirror slot of node i.
 */
export function projectionOfSlots(
  network: Mirror,
  edges: BondEdges<number> | SlotBondEdges,
  minWeight = 0,
): { projection: Projection; slots: Int32Array; position: Int32Array } {
  // Each end's place in the projection: first marked, then numbered in id order.
  const position = new Int32Array(network.recordSlots).fill(-1);
  const marked: number[] = [];
  const m = edges.from.length;
  for (const ends of [edges.from, edges.to]) {
    for (let k = 0; k < m; k++) {
      const slot = ends[k] as number;
      if (position[slot] !== -1) continue;
      position[slot] = 0;
      marked.push(slot);
    }
  }
  const slots = Int32Array.from(marked).sort(rankCompare(network));
  for (let i = 0; i < slots.length; i++) position[slots[i] as number] = i;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    from[k] = position[edges.from[k] as number] as number;
    to[k] = position[edges.to[k] as number] as number;
  }
  const ids = Array.from(slots, (slot) => network.recordId(slot));
  const projection = projectionFromIndices(ids, { from, to, weight: edges.weight }, undefined, { minWeight });
  return { projection, slots, position };
}

/** The adult projection made afresh from the mirror. */
export function buildAdultProjection(mirror: Mirror, parameters: AdultProjectionParameters): BondState {
  const ties = adultTies(mirror, parameters.how);
  const options = { hubLimit: parameters.hubLimit, compare: rankCompare(mirror) };
  const { edges, skippedHubs } = slotBonds(ties, options);
  const { projection, slots, position } = projectionOfSlots(mirror, edges, parameters.minBond);
  const directAt = new Map<number, DirectTie<number>[]>();
  for (const tie of ties.direct) {
    const l = mirror.linkIndex.get(tie.link) as number;
    const list = directAt.get(l);
    if (list) list.push(tie);
    else directAt.set(l, [tie]);
  }
  return {
    projection,
    ties,
    options,
    skippedHubs,
    mirror,
    version: mirror.version,
    parameters,
    sharedAt: new Map(ties.shared.map((tie) => [tie.slot, tie])),
    directAt,
    identifiersAt: new Map(ties.identifiers.map((entry) => [entry.adult, entry])),
    skippedShared: ties.shared.filter((tie) => tie.adults.length > parameters.hubLimit).length,
    slots,
    position,
  };
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameShared(a: SlotSharedTie | undefined, b: SlotSharedTie | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && sameList(a.adults, b.adults) && sameList(a.weights, b.weights);
}

function sameDirect(a: readonly DirectTie<number>[], b: readonly DirectTie<number>[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as DirectTie<number>;
      return (
        x.source === y.source &&
        x.target === y.target &&
        x.weight === y.weight &&
        x.link === y.link &&
        x.type === y.type
      );
    })
  );
}

function sameIdentifiers(a: AdultIdentifiers<number> | undefined, b: AdultIdentifiers<number> | undefined): boolean {
  if (!a || !b) return a === b;
  return sameList(a.phones, b.phones) && sameList(a.vehicles, b.vehicles);
}

/** Two lists each in `compare` order, as one. */
function merge<T>(kept: readonly T[], added: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (!added.length) return [...kept];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < added.length) {
    if (j >= added.length || (i < kept.length && compare(kept[i] as T, added[j] as T) <= 0)) out.push(kept[i++] as T);
    else out.push(added[j++] as T);
  }
  return out;
}

const keyOfTie = (tie: IdentifierTie<number>) => `${tie.kind}:${tie.value}`;
const tiesByKey = new WeakMap<readonly IdentifierTie<number>[], Map<string, IdentifierTie<number>>>();
function identifierTieIndex(ties: readonly IdentifierTie<number>[]): Map<string, IdentifierTie<number>> {
  let index = tiesByKey.get(ties);
  if (!index) {
    index = new Map(ties.map((tie) => [keyOfTie(tie), tie]));
    tiesByKey.set(ties, index);
  }
  return index;
}

/** The distinct phone and vehicle keys of an adult. */
function keysOf(entry: AdultIdentifiers<number> | undefined): Set<string> {
  const keys = new Set<string>();
  if (!entry) return keys;
  for (const [kind, values] of [
    ['phone', entry.phones],
    ['vehicle', entry.vehicles],
  ] as const) {
    for (const raw of values) {
      const key = identifierKey(kind, raw);
      if (key !== undefined) keys.add(key);
    }
  }
  return keys;
}

const sameMembers = (a: IdentifierTie<number> | undefined, b: IdentifierTie<number> | undefined) =>
  a !== undefined && b !== undefined && a.adults.size === b.adults.size && [...a.adults].every((x) => b.adults.has(x));

/**
 * The state brought up to the mirror's version by re-reading only what the changes since touched, or
 * undefined when it cannot be (the journal no longer reaches back, or so much changed that a fresh build
 * is as quick). The state given is spent: its maps now describe the new one.
 */
export function patchAdultProjection(state: BondState, mirror: Mirror): BondState | undefined {
  if (state.mirror !== mirror) return undefined;
  const changed = mirror.changedSince(state.version);
  if (!changed || changed.records.length + changed.links.length > maxPatchedSlots) return undefined;
  const { how, hubLimit, minBond } = state.parameters;
  const asOfDay = epochDay(how.asOf);
  const network = countedNetwork(mirror, how.rules);
  const { offsets, other, link } = mirror.adjacency();
  const rank = mirror.idRank();
  const byRank = rankCompare(mirror);
  const recordSlots = mirror.recordSlots;

  // What the changes touched: a link, the ties through both its ends and itself as a direct tie; a record,
  // the tie through it, its phones and vehicles, and everything its links touch (its counting may have changed).
  const dirtyShared = new Set<number>();
  const dirtyDirect = new Set<number>();
  const dirtyIdentifiers = new Set<number>();
  const touchLink = (l: number) => {
    dirtyDirect.add(l);
    dirtyShared.add(mirror.from(l));
    dirtyShared.add(mirror.to(l));
  };
  for (const l of changed.links) touchLink(l);
  for (const n of changed.records) {
    dirtyShared.add(n);
    dirtyIdentifiers.add(n);
    for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) touchLink(link[a] as number);
  }

  // The pairs of adults whose bond may have changed: every pair a changed tie bound, before or after.
  const pairs = new Set<number>();
  const touched = new Uint8Array(recordSlots);
  const addPair = (a: number, b: number) => {
    if (a === b) return;
    pairs.add(a < b ? a * recordSlots + b : b * recordSlots + a);
    touched[a] = 1;
    touched[b] = 1;
  };
  const addPairsOf = (adults: ArrayLike<number>) => {
    if (adults.length < 2 || adults.length > hubLimit) return;
    for (let i = 0; i < adults.length; i++) {
      for (let j = i + 1; j < adults.length; j++) addPair(adults[i] as number, adults[j] as number);
    }
  };

  const { sharedAt, directAt, identifiersAt: identifiersOf } = state;
  let skippedShared = state.skippedShared;
  const scratch = tieScratch(mirror);
  const sharedEdits = new Map<number, SlotSharedTie | undefined>();
  for (const n of dirtyShared) {
    const before = sharedAt.get(n);
    const after = sharedTieAt(mirror, network, n, asOfDay, how.halfLifeDays, scratch);
    if (sameShared(before, after)) continue;
    if (before) {
      addPairsOf(before.adults);
      if (before.adults.length > hubLimit) skippedShared -= 1;
    }
    if (after) {
      addPairsOf(after.adults);
      if (after.adults.length > hubLimit) skippedShared += 1;
      sharedAt.set(n, after);
    } else {
      sharedAt.delete(n);
    }
    sharedEdits.set(n, after);
  }
  let shared = state.ties.shared;
  if (sharedEdits.size) {
    const kept = shared.filter((tie) => !sharedEdits.has(tie.slot));
    const added = [...sharedEdits.values()].filter((tie): tie is SlotSharedTie => tie !== undefined);
    shared = merge(
      kept,
      added.sort((a, b) => byRank(a.slot, b.slot)),
      (a, b) => byRank(a.slot, b.slot),
    );
  }

  const removedDirect = new Set<DirectTie<number>>();
  const addedDirect: DirectTie<number>[] = [];
  for (const l of dirtyDirect) {
    const before = directAt.get(l) ?? [];
    const after = directTiesAt(mirror, network, l, asOfDay, how.halfLifeDays);
    if (sameDirect(before, after)) continue;
    for (const tie of [...before, ...after]) addPair(tie.source, tie.target);
    for (const tie of before) removedDirect.add(tie);
    addedDirect.push(...after);
    if (after.length) directAt.set(l, after);
    else directAt.delete(l);
  }
  let direct = state.ties.direct;
  if (removedDirect.size || addedDirect.length) {
    const byLink = (a: DirectTie<number>, b: DirectTie<number>) => byId(a.link, b.link);
    direct = merge(
      direct.filter((tie) => !removedDirect.has(tie)),
      addedDirect.sort(byLink),
      byLink,
    );
  }

  let identifiers = state.ties.identifiers;
  const identifierEdits = new Map<number, AdultIdentifiers<number> | undefined>();
  for (const n of dirtyIdentifiers) {
    const before = identifiersOf.get(n);
    const after = identifiersAt(mirror, network, n);
    if (sameIdentifiers(before, after)) continue;
    identifierEdits.set(n, after);
    if (after) identifiersOf.set(n, after);
    else identifiersOf.delete(n);
  }
  const oldIdentifierTies = identifierTies(identifiers);
  let newIdentifierTies = oldIdentifierTies;
  if (identifierEdits.size) {
    const added = [...identifierEdits.values()].filter((entry): entry is AdultIdentifiers<number> => !!entry);
    identifiers = merge(
      identifiers.filter((entry) => !identifierEdits.has(entry.adult)),
      added.sort((a, b) => byRank(a.adult, b.adult)),
      (a, b) => byRank(a.adult, b.adult),
    );
    newIdentifierTies = identifierTies(identifiers);
    const before = identifierTieIndex(oldIdentifierTies);
    const after = identifierTieIndex(newIdentifierTies);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(key);
      const is = after.get(key);
      if (sameMembers(was, is)) continue;
      if (was) addPairsOf([...was.adults]);
      if (is) addPairsOf([...is.adults]);
    }
  }
  const identifierIndex = identifierTieIndex(newIdentifierTies);
  const skippedIdentifiers = newIdentifierTies.filter((tie) => tie.adults.size > hubLimit).length;

  // The position of adult x in a shared tie's adults (in id order), or -1.
  const indexIn = (adults: readonly number[], x: number) => {
    const target = rank[x] as number;
    let low = 0;
    let high = adults.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((rank[adults[middle] as number] as number) < target) low = middle + 1;
      else high = middle;
    }
    return adults[low] === x ? low : -1;
  };
  const seen = new Int32Array(recordSlots).fill(-1);
  let visit = 0;
  const parts: number[] = [];

  /** Every contribution to the bond of a and b, as slotBonds makes them (order aside). */
  function contributions(a: number, b: number): number[] {
    parts.length = 0;
    if (network.records[a] !== 1 || network.records[b] !== 1) return parts;
    const degree = (n: number) => (offsets[n + 1] as number) - (offsets[n] as number);
    const [x, y] = degree(a) <= degree(b) ? [a, b] : [b, a];
    visit += 1;
    for (let arc = offsets[x] as number; arc < (offsets[x + 1] as number); arc++) {
      const s = other[arc] as number;
      if (s === y) {
        for (const tie of directAt.get(link[arc] as number) ?? []) {
          const w = tie.weight * bondFactors.associate;
          if (tie.source !== tie.target && w > 0) parts.push(w);
        }
        continue;
      }
      if (seen[s] === visit) continue;
      seen[s] = visit;
      const tie = sharedAt.get(s);
      if (!tie || tie.adults.length > hubLimit) continue;
      const i = indexIn(tie.adults, x);
      const j = indexIn(tie.adults, y);
      if (i < 0 || j < 0) continue;
      const w = Math.min(tie.weights[i] ?? 0, tie.weights[j] ?? 0) * sharedFactor(tie.kind, tie.adults.length);
      if (w > 0) parts.push(w);
    }
    for (const key of keysOf(identifiersOf.get(x))) {
      const tie = identifierIndex.get(key);
      if (tie?.adults.has(y) && tie.adults.size <= hubLimit) parts.push(identifierWeight(tie.kind, tie.adults.size));
    }
    return parts;
  }

  /** Whether adult x has any bond at all (so is a node of the projection, however light its bonds). */
  function bound(x: number): boolean {
    if (network.records[x] !== 1 || mirror.label(x) !== PERSON_OF_INTEREST) return false;
    for (let arc = offsets[x] as number; arc < (offsets[x + 1] as number); arc++) {
      for (const tie of directAt.get(link[arc] as number) ?? []) {
        if (tie.source !== tie.target && tie.weight * bondFactors.associate > 0) return true;
      }
      const tie = sharedAt.get(other[arc] as number);
      if (!tie || tie.adults.length > hubLimit) continue;
      const i = indexIn(tie.adults, x);
      if (i < 0) continue;
      const factor = sharedFactor(tie.kind, tie.adults.length);
      for (let j = 0; j < tie.adults.length; j++) {
        if (j !== i && Math.min(tie.weights[i] ?? 0, tie.weights[j] ?? 0) * factor > 0) return true;
      }
    }
    for (const key of keysOf(identifiersOf.get(x))) {
      const tie = identifierIndex.get(key);
      if (tie && tie.adults.size <= hubLimit) return true;
    }
    return false;
  }

  const old = state.projection;
  const positionOf = (x: number) => (x < state.position.length ? (state.position[x] as number) : -1);
  /** The arc from node i to node j in a projection, or -1. */
  const arcOf = (p: Projection, i: number, j: number) => {
    let low = p.offsets[i] as number;
    let high = p.offsets[i + 1] as number;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((p.targets[middle] as number) < j) low = middle + 1;
      else high = middle;
    }
    return low < (p.offsets[i + 1] as number) && p.targets[low] === j ? low : -1;
  };

  // Each touched pair's weight summed afresh; a change of weight alone patches the weights in place.
  let structural = false;
  const weightOf = new Map<number, number>();
  const inPlace: { arc: number; back: number; weight: number }[] = [];
  for (const key of pairs) {
    const a = Math.floor(key / recordSlots);
    const b = key % recordSlots;
    const found = contributions(a, b);
    let weight = Number.NaN;
    if (found.length === 1) weight = found[0] as number;
    else if (found.length === 2) weight = (found[0] as number) + (found[1] as number);
    else if (found.length > 2) {
      // Smallest first, as projectionFromIndices adds three or more.
      const sorted = Float64Array.from(found).sort();
      weight = 0;
      for (let k = 0; k < sorted.length; k++) weight += sorted[k] as number;
    }
    const kept = weight >= minBond;
    if (kept) weightOf.set(key, weight);
    const i = positionOf(a);
    const j = positionOf(b);
    const arc = i >= 0 && j >= 0 ? arcOf(old, i, j) : -1;
    if (arc >= 0 && kept) inPlace.push({ arc, back: arcOf(old, j, i), weight });
    else if (arc >= 0 || kept) structural = true;
  }
  const nodeNow = new Map<number, boolean>();
  for (let x = 0; x < recordSlots; x++) {
    if (touched[x] !== 1) continue;
    const now = bound(x);
    nodeNow.set(x, now);
    if (now !== positionOf(x) >= 0) structural = true;
  }

  let projection: Projection;
  let slots = state.slots;
  let position = state.position;
  if (!structural) {
    const weights = old.weights.slice();
    for (const { arc, back, weight } of inPlace) {
      weights[arc] = weight;
      weights[back] = weight;
    }
    projection = { ...old, weights };
  } else {
    // Nodes: the old ones still bound, and the newly bound, in id order; edges: the old ones no touched pair
    // is made of, and the touched pairs heavy enough.
    const nodes: number[] = [];
    for (const x of state.slots) if (nodeNow.get(x) ?? true) nodes.push(x);
    for (const [x, now] of nodeNow) if (now && positionOf(x) < 0) nodes.push(x);
    slots = Int32Array.from(nodes).sort(byRank);
    position = new Int32Array(recordSlots).fill(-1);
    for (let i = 0; i < slots.length; i++) position[slots[i] as number] = i;
    const nodesChanged = slots.length !== state.slots.length || slots.some((x, i) => x !== state.slots[i]);
    // The rows, old node by old node where they survive: untouched rows are copied (renumbering keeps their
    // order), touched ones lose their touched pairs, gain the touched pairs heavy enough, and are sorted.
    const added = new Map<number, { target: number; weight: number }[]>();
    for (const [key, w] of weightOf) {
      const i = position[Math.floor(key / recordSlots)] as number;
      const j = position[key % recordSlots] as number;
      for (const [row, target] of [
        [i, j],
        [j, i],
      ] as const) {
        const list = added.get(row);
        if (list) list.push({ target, weight: w });
        else added.set(row, [{ target, weight: w }]);
      }
    }
    const n = slots.length;
    const rows: { target: number; weight: number }[][] = [];
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      const x = slots[r] as number;
      const i = positionOf(x);
      let count = 0;
      if (i >= 0) count = (old.offsets[i + 1] as number) - (old.offsets[i] as number);
      if (touched[x] === 1 && i >= 0) {
        // A touched row: its surviving old arcs and its new ones, in order.
        const row: { target: number; weight: number }[] = [];
        for (let arc = old.offsets[i] as number; arc < (old.offsets[i + 1] as number); arc++) {
          const y = state.slots[old.targets[arc] as number] as number;
          if (touched[y] === 1 && pairs.has(x < y ? x * recordSlots + y : y * recordSlots + x)) continue;
          row.push({ target: position[y] as number, weight: old.weights[arc] as number });
        }
        row.push(...(added.get(r) ?? []));
        row.sort((p, q) => p.target - q.target);
        rows[r] = row;
        count = row.length;
      } else if (i < 0) {
        const row = (added.get(r) ?? []).sort((p, q) => p.target - q.target);
        rows[r] = row;
        count = row.length;
      }
      offsets[r + 1] = (offsets[r] as number) + count;
    }
    const targets = new Int32Array(offsets[n] as number);
    const weights = new Float64Array(offsets[n] as number);
    for (let r = 0; r < n; r++) {
      let at = offsets[r] as number;
      const row = rows[r];
      if (row) {
        for (const { target, weight } of row) {
          targets[at] = target;
          weights[at++] = weight;
        }
        continue;
      }
      const i = positionOf(slots[r] as number);
      for (let arc = old.offsets[i] as number; arc < (old.offsets[i + 1] as number); arc++) {
        targets[at] = position[state.slots[old.targets[arc] as number] as number] as number;
        weights[at++] = old.weights[arc] as number;
      }
    }
    const ids = nodesChanged ? Array.from(slots, (slot) => mirror.recordId(slot)) : old.ids;
    projection = {
      ids,
      index: nodesChanged ? new Map(ids.map((id, i) => [id, i])) : old.index,
      offsets,
      targets,
      weights,
      edgeCount: (offsets[n] as number) / 2,
    };
  }

  return {
    projection,
    ties: { shared, direct, identifiers },
    options: { hubLimit, compare: byRank },
    skippedHubs: skippedShared + skippedIdentifiers,
    mirror,
    version: mirror.version,
    parameters: state.parameters,
    sharedAt,
    directAt,
    identifiersAt: identifiersOf,
    skippedShared,
    slots,
    position,
  };
}

/**
 * The last few adult projections, by mirror and parameters: one is reused while the mirror is unchanged,
 * patched after a change (see patchAdultProjection), and made afresh for another mirror or parameters.
 */
export function adultProjectionCache(size: number): {
  get(mirror: Mirror, key: string, parameters: AdultProjectionParameters): AdultProjection;
} {
  return patchedByMirror(size, buildAdultProjection, patchAdultProjection);
}
