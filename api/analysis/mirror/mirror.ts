import { epochDay, isoDay } from '../../../graph-schema/calendar.ts';
import {
  gradingInformation,
  type NodeLabel,
  nodeDeclarations,
  relationshipDeclarations,
} from '../../../graph-schema/index.ts';
import type { LabelledRecord, LinkEvidence } from '../summary.ts';

export { epochDay, isoDay };

// Typed-array reads below are in bounds by construction; `as number` only satisfies
// noUncheckedIndexedAccess without a runtime check in the loops the analyses run.

/**
 * The network held in memory for the whole-network analyses: every record (the few properties an analysis
 * ranks by or shows) and every link with its evidence, in columns. Neo4j stays the one store of truth;
 * the mirror is filled from it and kept current from the audit log's changes (see mirror-sync.ts), because
 * a ranking over every link in the network costs seconds in Cypher and milliseconds here.
 */

export const mirrorLabels: readonly NodeLabel[] = nodeDeclarations.map((declaration) => declaration.label);
export const mirrorTypes: readonly string[] = relationshipDeclarations.map((declaration) => declaration.type);

export const YOUNG_PERSON = mirrorLabels.indexOf('YoungPerson');
export const PERSON_OF_INTEREST = mirrorLabels.indexOf('PersonOfInterest');
export const LOCATION = mirrorLabels.indexOf('Location');
export const EVENT = mirrorLabels.indexOf('Event');

/** How many of the last changes the mirror keeps the slots of (see changedSince). */
const journalLength = 10_000;

/** A record as the mirror loads it: its label and the properties analyses read (see mirror.cypher.ts). */
export type MirrorRecordRow = LabelledRecord;

/** A link as the mirror loads it. Dates are ISO calendar dates. */
export interface MirrorLinkRow {
  id: string;
  type: string;
  from: string;
  to: string;
  sourceAgency: string;
  sourceReference: string | null;
  gradingSource: number;
  gradingInformation: string;
  gradingHandling: string | null;
  firstSeen: string;
  lastSeen: string | null;
}

/** A typed column that grows as rows are appended. */
class Column<T extends Int32Array | Uint8Array> {
  constructor(
    public values: T,
    private readonly make: (size: number) => T,
  ) {}
  ensure(size: number): void {
    if (size <= this.values.length) return;
    const grown = this.make(Math.max(size, this.values.length * 2, 1024));
    grown.set(this.values);
    this.values = grown;
  }
}
const int32 = () => new Column(new Int32Array(0), (n) => new Int32Array(n));
const uint8 = () => new Column(new Uint8Array(0), (n) => new Uint8Array(n));

/** Every live link of a record: arcs offsets[n]..offsets[n+1] lead to other[a] through link[a]. */
export interface MirrorAdjacency {
  offsets: Int32Array;
  other: Int32Array;
  link: Int32Array;
}

export class Mirror {
  // Records: slot n. A removed record keeps its slot, emptied, until the next full load.
  readonly recordIndex = new Map<string, number>();
  readonly records: (MirrorRecordRow | undefined)[] = [];
  private readonly recordLabel = uint8();
  /** 1, 2 or 3 for a young person at that level; 0 for everyone else, archived young people included. */
  private readonly recordLevel = uint8();
  private readonly recordArchived = uint8();
  private readonly recordPoliceOnly = uint8();

  // Links: slot l, likewise.
  readonly linkIndex = new Map<string, number>();
  readonly linkIds: (string | undefined)[] = [];
  private readonly linkFrom = int32();
  private readonly linkTo = int32();
  private readonly linkType = uint8();
  private readonly linkSource = uint8();
  /** 0 for A … 4 for E. */
  private readonly linkInformation = uint8();
  private readonly linkPoliceOnly = uint8();
  private readonly linkFirstSeen = int32();
  /** coalesce(lastSeen, firstSeen): when the link was last known to hold. */
  private readonly linkSeen = int32();
  private readonly linkHasLastSeen = uint8();
  private readonly linkAgency: string[] = [];
  private readonly linkReference: (string | null)[] = [];

  private liveLinks = 0;
  private changes = 0;
  // The slots the last changes touched (a link slot l as l, a record slot n as -(n + 1)), with the version
  // each made, so that something worked out at an earlier version can be patched rather than made afresh.
  private journalVersions: number[] = [];
  private journalSlots: number[] = [];
  /** Changes up to this version have left the journal. */
  private journalFloor = 0;
  private built: MirrorAdjacency | undefined;
  private ranks: Int32Array | undefined;
  private order: Int32Array | undefined;

  /** Counts every change, so that something worked out from the mirror can tell whether it still holds. */
  get version(): number {
    return this.changes;
  }

  private note(slot: number): void {
    this.journalVersions.push(this.changes);
    this.journalSlots.push(slot);
    if (this.journalSlots.length > 2 * journalLength) {
      const dropped = this.journalSlots.length - journalLength;
      this.journalFloor = this.journalVersions[dropped - 1] as number;
      this.journalVersions = this.journalVersions.slice(dropped);
      this.journalSlots = this.journalSlots.slice(dropped);
    }
  }

  /**
   * The record and link slots changed since `version` (added, replaced or removed; a link whose ends
   * changed has a new slot and leaves its old one, both named), or undefined when the journal no longer
   * reaches back that far. What changed is to be read from the mirror as it is now.
   */
  changedSince(version: number): { records: number[]; links: number[] } | undefined {
    if (version < this.journalFloor || version > this.changes) return undefined;
    const records = new Set<number>();
    const links = new Set<number>();
    for (let k = this.journalVersions.length - 1; k >= 0 && (this.journalVersions[k] as number) > version; k--) {
      const slot = this.journalSlots[k] as number;
      if (slot < 0) records.add(-slot - 1);
      else links.add(slot);
    }
    return { records: [...records].sort((a, b) => a - b), links: [...links].sort((a, b) => a - b) };
  }
  get recordCount(): number {
    return this.recordIndex.size;
  }
  get linkCount(): number {
    return this.liveLinks;
  }
  get recordSlots(): number {
    return this.records.length;
  }
  get linkSlots(): number {
    return this.linkIds.length;
  }

  upsertRecord(row: MirrorRecordRow): void {
    this.changes += 1;
    const label = mirrorLabels.indexOf(row.label as NodeLabel);
    if (label < 0) throw new Error(`Undeclared node label ${row.label}`);
    let n = this.recordIndex.get(row.id);
    if (n === undefined) {
      n = this.records.length;
      this.recordIndex.set(row.id, n);
      this.records.push(row);
      this.built = undefined;
      this.ranks = undefined;
      for (const column of [this.recordLabel, this.recordLevel, this.recordArchived, this.recordPoliceOnly]) {
        column.ensure(n + 1);
      }
    } else {
      this.records[n] = row;
    }
    this.note(-n - 1);
    const level = row.levelOfConcern;
    this.recordLabel.values[n] = label;
    this.recordLevel.values[n] = level === 1 || level === 2 || level === 3 ? level : 0;
    this.recordArchived.values[n] = row.archivedAt === undefined || row.archivedAt === null ? 0 : 1;
    this.recordPoliceOnly.values[n] = row.gradingHandling === 'C' ? 1 : 0;
  }

  /** Removes a record and every link it has. */
  removeRecord(id: string): void {
    this.changes += 1;
    const n = this.recordIndex.get(id);
    if (n === undefined) return;
    const { offsets, link } = this.adjacency();
    const ids = Array.from(link.subarray(offsets[n] as number, offsets[n + 1] as number), (l) => this.linkIds[l]);
    for (const linkId of ids) if (linkId !== undefined) this.removeLink(linkId);
    this.recordIndex.delete(id);
    this.records[n] = undefined;
    this.ranks = undefined;
    this.note(-n - 1);
  }

  /** Adds or replaces a link; both its records must be in the mirror. */
  upsertLink(row: MirrorLinkRow): void {
    this.changes += 1;
    const from = this.recordIndex.get(row.from);
    const to = this.recordIndex.get(row.to);
    const type = mirrorTypes.indexOf(row.type);
    if (from === undefined || to === undefined) throw new Error(`Link ${row.id} joins a record the mirror lacks`);
    if (type < 0) throw new Error(`Undeclared link type ${row.type}`);
    let l = this.linkIndex.get(row.id);
    if (l === undefined || this.linkFrom.values[l] !== from || this.linkTo.values[l] !== to) {
      if (l !== undefined) this.removeLink(row.id);
      l = this.linkIds.length;
      this.linkIndex.set(row.id, l);
      this.linkIds.push(row.id);
      this.linkAgency.push(row.sourceAgency);
      this.linkReference.push(row.sourceReference);
      for (const column of [this.linkFrom, this.linkTo, this.linkFirstSeen, this.linkSeen]) column.ensure(l + 1);
      for (const column of [
        this.linkType,
        this.linkSource,
        this.linkInformation,
        this.linkPoliceOnly,
        this.linkHasLastSeen,
      ]) {
        column.ensure(l + 1);
      }
      this.linkFrom.values[l] = from;
      this.linkTo.values[l] = to;
      this.liveLinks += 1;
      this.built = undefined;
    } else {
      this.linkAgency[l] = row.sourceAgency;
      this.linkReference[l] = row.sourceReference;
    }
    this.note(l);
    const firstSeen = epochDay(row.firstSeen);
    this.linkType.values[l] = type;
    this.linkSource.values[l] = row.gradingSource;
    this.linkInformation.values[l] = Math.max(0, gradingInformation.indexOf(row.gradingInformation as 'A'));
    // A link without a handling code is treated as police-only: hidden unless shown to be shareable.
    this.linkPoliceOnly.values[l] = row.gradingHandling === 'P' ? 0 : 1;
    this.linkFirstSeen.values[l] = firstSeen;
    this.linkSeen.values[l] = row.lastSeen ? epochDay(row.lastSeen) : firstSeen;
    this.linkHasLastSeen.values[l] = row.lastSeen ? 1 : 0;
  }

  removeLink(id: string): void {
    this.changes += 1;
    const l = this.linkIndex.get(id);
    if (l === undefined) return;
    this.linkIndex.delete(id);
    this.linkIds[l] = undefined;
    this.liveLinks -= 1;
    this.built = undefined;
    this.note(l);
  }

  // ---- reading -------------------------------------------------------------------------------------

  isRecord(n: number): boolean {
    return this.records[n] !== undefined;
  }
  record(n: number): MirrorRecordRow {
    const row = this.records[n];
    if (!row) throw new Error(`No record in slot ${n}`);
    return row;
  }
  recordId(n: number): string {
    return this.record(n).id;
  }
  label(n: number): number {
    return this.recordLabel.values[n] as number;
  }
  level(n: number): number {
    return this.recordLevel.values[n] as number;
  }
  archived(n: number): boolean {
    return this.recordArchived.values[n] === 1;
  }
  recordPoliceOnlyAt(n: number): boolean {
    return this.recordPoliceOnly.values[n] === 1;
  }

  isLink(l: number): boolean {
    return this.linkIds[l] !== undefined;
  }
  linkId(l: number): string {
    const id = this.linkIds[l];
    if (id === undefined) throw new Error(`No link in slot ${l}`);
    return id;
  }
  from(l: number): number {
    return this.linkFrom.values[l] as number;
  }
  to(l: number): number {
    return this.linkTo.values[l] as number;
  }
  type(l: number): number {
    return this.linkType.values[l] as number;
  }
  source(l: number): number {
    return this.linkSource.values[l] as number;
  }
  information(l: number): number {
    return this.linkInformation.values[l] as number;
  }
  linkPoliceOnlyAt(l: number): boolean {
    return this.linkPoliceOnly.values[l] === 1;
  }
  firstSeen(l: number): number {
    return this.linkFirstSeen.values[l] as number;
  }
  seen(l: number): number {
    return this.linkSeen.values[l] as number;
  }

  /** The evidence a link carries, as every analysis returns it. */
  evidence(l: number): LinkEvidence {
    return {
      id: this.linkId(l),
      type: mirrorTypes[this.type(l)] as string,
      from: this.recordId(this.from(l)),
      to: this.recordId(this.to(l)),
      sourceAgency: this.linkAgency[l] as string,
      sourceReference: this.linkReference[l] ?? null,
      gradingSource: this.source(l),
      gradingInformation: gradingInformation[this.information(l)] as LinkEvidence['gradingInformation'],
      gradingHandling: this.linkPoliceOnlyAt(l) ? 'C' : 'P',
      firstSeen: isoDay(this.firstSeen(l)),
      lastSeen: this.linkHasLastSeen.values[l] === 1 ? isoDay(this.seen(l)) : null,
    };
  }

  /**
   * Each record slot's place in id order (as Cypher's ORDER BY id would put it; -1 for an empty slot), built
   * once after records come or go: results that must not depend on the order records arrived sort by it.
   */
  idRank(): Int32Array {
    if (this.ranks) return this.ranks;
    const slots = [...this.recordIndex.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const ranks = new Int32Array(this.records.length).fill(-1);
    const order = new Int32Array(slots.length);
    slots.forEach(([, n], rank) => {
      ranks[n] = rank;
      order[rank] = n;
    });
    this.ranks = ranks;
    this.order = order;
    return ranks;
  }

  /** The record slots in id order (the inverse of idRank), built with it. */
  idOrder(): Int32Array {
    this.idRank();
    return this.order as Int32Array;
  }

  /** Every record's live links, built once after links change and shared by every analysis until then. */
  adjacency(): MirrorAdjacency {
    if (this.built) return this.built;
    const slots = this.records.length;
    const offsets = new Int32Array(slots + 1);
    for (let l = 0; l < this.linkIds.length; l++) {
      if (this.linkIds[l] === undefined) continue;
      offsets[this.from(l) + 1] = (offsets[this.from(l) + 1] as number) + 1;
      offsets[this.to(l) + 1] = (offsets[this.to(l) + 1] as number) + 1;
    }
    for (let n = 0; n < slots; n++) offsets[n + 1] = (offsets[n + 1] as number) + (offsets[n] as number);
    const fill = offsets.slice(0, slots);
    const other = new Int32Array(offsets[slots] as number);
    const link = new Int32Array(offsets[slots] as number);
    for (let l = 0; l < this.linkIds.length; l++) {
      if (this.linkIds[l] === undefined) continue;
      const a = this.from(l);
      const b = this.to(l);
      let at = fill[a] as number;
      other[at] = b;
      link[at] = l;
      fill[a] = at + 1;
      at = fill[b] as number;
      other[at] = a;
      link[at] = l;
      fill[b] = at + 1;
    }
    this.built = { offsets, other, link };
    return this.built;
  }
}
