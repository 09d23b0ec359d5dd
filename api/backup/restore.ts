import type { Graph } from '../db/neo4j.ts';
import { applySchema } from '../db/schema.ts';
import * as cypher from './backup.cypher.ts';
import { readLines } from './backup-file.ts';
import {
  type BackupCounts,
  type BackupHeader,
  type BackupNode,
  type BackupRelationship,
  countLine,
  emptyCounts,
} from './backup-format.ts';

const batchSize = 1_000;
const restoreOptions = { timeoutMs: 10 * 60_000 };

export class RestoreRefused extends Error {}

export interface UnfinishedRestore {
  file: string;
  startedAt: string;
}

/** The restore that was under way in GRAPH and never finished, if there was one. */
export async function unfinishedRestore(graph: Graph): Promise<UnfinishedRestore | undefined> {
  const [found] = await graph.read<UnfinishedRestore>(cypher.unfinishedRestore);
  return found;
}

/** What to tell someone about to use a database a restore never finished. */
export const unfinishedMessage = ({ file, startedAt }: UnfinishedRestore) =>
  `A restore into this database (of ${file}, started ${startedAt}) did not finish, so it holds only part of that ` +
  'backup. Run `npm run restore` with the same file again: it removes what the unfinished restore wrote and ' +
  'restores the whole backup.';

export interface RestoreReport {
  counts: BackupCounts;
  header: BackupHeader;
}

/** Reads the whole file once before anything is written: a damaged or truncated file is refused with nothing done. */
async function checkFile(file: string): Promise<{ header: BackupHeader; counts: BackupCounts }> {
  let header: BackupHeader | undefined;
  let end: BackupCounts | undefined;
  const counts = emptyCounts();
  for await (const line of readLines(file)) {
    if (end) throw new RestoreRefused(`${file}: lines after the end line`);
    if (line.kind === 'header') {
      if (header) throw new RestoreRefused(`${file}: two header lines`);
      header = line;
    } else if (!header) {
      throw new RestoreRefused(`${file}: no header line: not a patmap backup`);
    } else if (line.kind === 'end') {
      end = line.counts;
    } else {
      countLine(counts, line);
    }
  }
  if (!header) throw new RestoreRefused(`${file}: empty, or not a patmap backup`);
  if (!end) throw new RestoreRefused(`${file}: no end line: the backup is incomplete (truncated?)`);
  if (JSON.stringify(sorted(end)) !== JSON.stringify(sorted(counts))) {
    throw new RestoreRefused(`${file}: the counts on its end line do not match its contents`);
  }
  return { header, counts };
}

const sorted = (counts: BackupCounts) => ({
  ...counts,
  labels: Object.fromEntries(Object.entries(counts.labels).sort()),
  types: Object.fromEntries(Object.entries(counts.types).sort()),
});

/**
 * Restores FILE into GRAPH, which must be empty: the same nodes, labels, relationships and properties with their
 * Neo4j types, ids and all. Refuses a database holding anything (the schema's constraints and indexes aside),
 * unless all it holds is what an unfinished restore wrote: that is removed first (and LOG told so). Written in
 * batches; on failure everything restored so far is removed again, leaving the database empty; if the process
 * dies instead, the restore's marker stays, and the app and the backup refuse the database until a restore ends.
 */
export async function restoreBackup(
  graph: Graph,
  file: string,
  log: (line: string) => void = () => {},
): Promise<RestoreReport> {
  const { header, counts } = await checkFile(file);
  const unfinished = await unfinishedRestore(graph);
  if (unfinished) {
    log(
      `An earlier restore (of ${unfinished.file}, started ${unfinished.startedAt}) did not finish: removing what it ` +
        'wrote before restoring again …',
    );
    await emptyAgain(graph);
  }
  const [present] = await graph.read<{ nodes: number }>(cypher.countNodes);
  if ((present?.nodes ?? 0) > 0) {
    throw new RestoreRefused(
      `The database is not empty (it holds ${present?.nodes} nodes): a backup is restored only into an empty ` +
        'database, so that nothing in it is overwritten or mixed with the backup. Point patmap at a new database ' +
        '(a new PATMAP_DATA_DIR, or an empty NEO4J_DATABASE) and run the restore again.',
    );
  }
  await applySchema(graph);
  await graph.write(cypher.restoringIndex);
  await graph.write('CALL db.awaitIndexes(120)');
  await graph.write(cypher.beginRestore, { file });
  try {
    let nodes: BackupNode[] = [];
    let relationships: BackupRelationship[] = [];
    const flushNodes = async () => {
      if (!nodes.length) return;
      const batch = nodes;
      nodes = [];
      const [row] = await graph.write<{ created: number }>(cypher.createNodes, { nodes: batch }, restoreOptions);
      if (row?.created !== batch.length)
        throw new Error(`Restored ${row?.created} of a batch of ${batch.length} nodes`);
    };
    const flushRelationships = async () => {
      if (!relationships.length) return;
      const batch = relationships;
      relationships = [];
      const [row] = await graph.write<{ created: number }>(
        cypher.createRelationships,
        { relationships: batch },
        restoreOptions,
      );
      if (row?.created !== batch.length) {
        throw new Error(`Restored ${row?.created} of a batch of ${batch.length} relationships: an endpoint is missing`);
      }
    };
    for await (const line of readLines(file)) {
      if (line.kind === 'node') {
        nodes.push(line);
        if (nodes.length >= batchSize) await flushNodes();
      } else if (line.kind === 'relationship') {
        await flushNodes();
        relationships.push(line);
        if (relationships.length >= batchSize) await flushRelationships();
      }
    }
    await flushNodes();
    await flushRelationships();
    for (;;) {
      const [row] = await graph.write<{ finished: number }>(cypher.finishRestoring, { limit: 10_000 }, restoreOptions);
      if (!row?.finished) break;
    }
    await graph.write(cypher.dropRestoringIndex);
    await graph.write(cypher.endRestore);
  } catch (error) {
    await emptyAgain(graph);
    throw error;
  }
  return { counts, header };
}

async function emptyAgain(graph: Graph): Promise<void> {
  for (;;) {
    const [row] = await graph.write<{ removed: number }>(cypher.removeSome, { limit: 5_000 }, restoreOptions);
    if (!row?.removed) break;
  }
  await graph.write(cypher.dropRestoringIndex);
  await graph.write(cypher.endRestore);
}
