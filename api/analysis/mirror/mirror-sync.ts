import { cypherForType } from '../../../graph-schema/cypher.ts';
import { isNodeLabel } from '../../../graph-schema/index.ts';
import type { AuditService, DataChange } from '../../audit/audit.service.ts';
import type { Graph } from '../../db/neo4j.ts';
import * as cypher from './mirror.cypher.ts';
import { Mirror, type MirrorLinkRow, type MirrorRecordRow, mirrorTypes } from './mirror.ts';

type LinkList = unknown[];

/** A link row from its list (see mirror.cypher.ts). */
function linkRow({ link }: { link: LinkList }): MirrorLinkRow {
  return Object.fromEntries(cypher.linkColumns.map((column, i) => [column, link[i]])) as unknown as MirrorLinkRow;
}

/** A full load reads every record and link: allow it the time a large network takes on a small machine. */
const loadOptions = { timeoutMs: 300_000, maxRows: 20_000_000 };
/** Past this many changes since the last look, reading everything again is cheaper than patching. */
const defaultMaxPatch = 5_000;

export interface MirrorLoadReport {
  records: number;
  links: number;
  seconds: number;
}

export interface MirrorStatus {
  loaded: boolean;
  /** The audit event the mirror is current to. */
  seq: number;
  records: number;
  links: number;
  fullLoads: number;
  patches: number;
}

export interface AnalysisMirror {
  /** The mirror, brought up to date with every change committed before the call. */
  current(): Promise<Mirror>;
  status(): MirrorStatus;
}

/** The mirror the app itself keeps: an AnalysisMirror that can also keep itself current in the background. */
export interface SyncedMirror extends AnalysisMirror {
  /**
   * Brings the mirror up to date every `everyMs` in the background, so that the changes written since the last
   * analysis (an import, a meeting's edits, another process's writes) are read in before an analyst next asks,
   * not while they wait. A look finds the head unchanged with one indexed read. Returns the function that stops it.
   */
  keepCurrent(everyMs: number, report: (problem: string) => void): () => void;
}

/**
 * Keeps one in-memory mirror of the network current. Before each use it asks the audit log for its head
 * and the changes since the last look (one indexed read); if records or links changed, it re-reads just
 * those (or everything, after a bulk reload or a long gap). Re-reading a record by id is idempotent, so a change that lands while a
 * full load runs is simply read again next time: the mirror never misses a committed change.
 */
export function analysisMirror(
  graph: Graph,
  audit: Pick<AuditService, 'changesSince'>,
  options: { maxPatch?: number; onLoad?: (report: MirrorLoadReport) => void } = {},
): SyncedMirror {
  const maxPatch = options.maxPatch ?? defaultMaxPatch;
  let mirror: Mirror | undefined;
  let seq = 0;
  let fullLoads = 0;
  let patches = 0;

  async function fullLoad(head: number): Promise<Mirror> {
    const started = performance.now();
    const fresh = new Mirror();
    const records = await graph.read<{ record: MirrorRecordRow }>(cypher.allRecords, {}, loadOptions);
    for (const { record } of records) fresh.upsertRecord(record);
    // Two link types in flight, so Neo4j reads the next while this process takes in the last.
    const pending = [...mirrorTypes];
    const readTypes = async () => {
      for (let type = pending.shift(); type !== undefined; type = pending.shift()) {
        const rows = await graph.read<{ link: LinkList }>(cypherForType(cypher.linksOfType, type), {}, loadOptions);
        for (const link of rows.map(linkRow)) {
          // A link whose record was written after the records were read waits for the next refresh.
          if (fresh.recordIndex.has(link.from) && fresh.recordIndex.has(link.to)) fresh.upsertLink(link);
        }
      }
    };
    await Promise.all([readTypes(), readTypes()]);
    mirror = fresh;
    seq = head;
    fullLoads += 1;
    options.onLoad?.({
      records: fresh.recordCount,
      links: fresh.linkCount,
      seconds: (performance.now() - started) / 1000,
    });
    return fresh;
  }

  async function patch(target: Mirror, changes: DataChange[]): Promise<void> {
    const recordIds = new Set<string>();
    const linkIds = new Set<string>();
    for (const change of changes) {
      if (!change.subjectId) continue;
      if (change.subjectType === 'Link') linkIds.add(change.subjectId);
      else if (change.subjectType && isNodeLabel(change.subjectType)) recordIds.add(change.subjectId);
    }
    if (recordIds.size) {
      const rows = await graph.read<{ record: MirrorRecordRow }>(
        cypher.recordsById,
        { ids: [...recordIds] },
        loadOptions,
      );
      const found = new Set(rows.map(({ record }) => record.id));
      for (const { record } of rows) target.upsertRecord(record);
      for (const id of recordIds) if (!found.has(id)) target.removeRecord(id);
    }
    if (linkIds.size) {
      const rows = (await graph.read<{ link: LinkList }>(cypher.linksById, { ids: [...linkIds] }, loadOptions)).map(
        linkRow,
      );
      const found = new Set(rows.map((row) => row.id));
      for (const row of rows) {
        if (target.recordIndex.has(row.from) && target.recordIndex.has(row.to)) target.upsertLink(row);
        else found.delete(row.id);
      }
      for (const id of linkIds) if (!found.has(id)) target.removeLink(id);
    }
    patches += 1;
  }

  async function refresh(): Promise<Mirror> {
    const { head, changes } = await audit.changesSince(mirror ? seq : Number.MAX_SAFE_INTEGER, maxPatch + 1);
    if (!mirror || changes.length > maxPatch || changes.some((change) => change.action === 'data-reload')) {
      return fullLoad(head);
    }
    if (changes.length) await patch(mirror, changes);
    seq = head;
    return mirror;
  }

  // Callers that arrive while a refresh runs share the one after it: it starts once the running one is done, so
  // it sees every change committed before any of them asked, and a crowd of readers costs two reads, not one each.
  let running: Promise<Mirror> | undefined;
  let following: Promise<Mirror> | undefined;
  const start = (): Promise<Mirror> => {
    const started = refresh();
    running = started;
    const done = () => {
      if (running === started) running = undefined;
    };
    started.then(done, done);
    return started;
  };

  const current = (): Promise<Mirror> => {
    if (!running) return start();
    following ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        following = undefined;
        return start();
      });
    return following;
  };

  return {
    current,
    keepCurrent(everyMs, report) {
      let failing = false;
      let looking = false;
      const look = async () => {
        // A look still running (a full load of a large network takes seconds) is not queued behind.
        if (looking) return;
        looking = true;
        try {
          await current();
          if (failing) report('the analysis mirror is reading changes again');
          failing = false;
        } catch (error) {
          // Said once for an outage, not every interval: health and the requests themselves say the rest.
          if (!failing) report(`the analysis mirror could not read changes: ${String(error)}`);
          failing = true;
        } finally {
          looking = false;
        }
      };
      const timer = setInterval(() => void look(), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    status: () => ({
      loaded: mirror !== undefined,
      seq,
      records: mirror?.recordCount ?? 0,
      links: mirror?.linkCount ?? 0,
      fullLoads,
      patches,
    }),
  };
}
