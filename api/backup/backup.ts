import type { Graph, GraphTransaction } from '../db/neo4j.ts';
import * as cypher from './backup.cypher.ts';
import { lineWriter } from './backup-file.ts';
import {
  type BackupCounts,
  type BackupHeader,
  backupFormat,
  backupFormatVersion,
  countLine,
  emptyCounts,
  portableProperty,
  type StoredProperty,
} from './backup-format.ts';
import { unfinishedMessage, unfinishedRestore } from './restore.ts';

/** Rows read per round trip: bounds the memory a backup takes, whatever the size of the graph. */
const pageSize = 2_000;
/** The whole backup is one transaction: allow it the time a large graph takes to write out. */
const backupOptions = { timeoutMs: 30 * 60_000, maxRows: pageSize };

export interface BackupReport {
  file: string;
  counts: BackupCounts;
  auditHead: BackupHeader['auditHead'];
}

export const excluded = {
  UserSession:
    'Sessions are live credentials: a backup holding them would let whoever has the file act as a signed-in user, ' +
    'and a restore would bring back sessions that had ended. Everyone signs in again after a restore.',
};

/**
 * Writes everything in the database (nodes with their labels, relationships, every property with its Neo4j type),
 * except sessions, to FILE as JSON lines, from one transaction that holds the audit head's lock, so that no
 * audited change can land half-way through: the file is one consistent moment of the graph.
 */
export async function writeBackup(graph: Graph, file: string): Promise<BackupReport> {
  // Part of a backup is not one to keep: it would restore as if it were all of it.
  const unfinished = await unfinishedRestore(graph);
  if (unfinished) throw new Error(`Backup refused: ${unfinishedMessage(unfinished)}`);
  // A managed transaction may be run again after a transient error: each attempt writes the file afresh.
  return graph.writeTransaction(async (tx) => {
    const writer = lineWriter(file);
    try {
      const [head] = await tx.run<{ seq: number | null; hash: string | null }>(cypher.lockAuditHead);
      const auditHead = { seq: head?.seq ?? null, hash: head?.hash ?? null };
      await writer.write({
        kind: 'header',
        format: backupFormat,
        formatVersion: backupFormatVersion,
        createdAt: new Date().toISOString(),
        auditHead,
        excluded,
      });
      const counts = emptyCounts();
      for await (const node of pages(tx, cypher.nodesPage)) {
        const line = {
          kind: 'node' as const,
          key: String(node.key),
          labels: node.labels as string[],
          properties: (node.properties as StoredProperty[]).map(portableProperty),
        };
        countLine(counts, line);
        await writer.write(line);
      }
      for await (const relationship of pages(tx, cypher.relationshipsPage)) {
        const line = {
          kind: 'relationship' as const,
          key: String(relationship.key),
          type: String(relationship.type),
          start: String(relationship.start),
          end: String(relationship.end),
          properties: (relationship.properties as StoredProperty[]).map(portableProperty),
        };
        countLine(counts, line);
        await writer.write(line);
      }
      await writer.write({ kind: 'end', counts });
      await tx.run(cypher.unlockAuditHead);
      await writer.close();
      return { file, counts, auditHead };
    } catch (error) {
      writer.abort();
      throw error;
    }
  }, backupOptions);
}

async function* pages(tx: GraphTransaction, query: string): AsyncGenerator<Record<string, unknown>> {
  let after = '';
  for (;;) {
    const rows = await tx.run<Record<string, unknown> & { key: string }>(query, { after, limit: pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.key ?? after;
  }
}
