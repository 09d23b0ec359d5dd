import { prepareAuditKey } from '../api/audit/audit.service.ts';
import { unfinishedMessage, unfinishedRestore } from '../api/backup/restore.ts';
import type { Graph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { loadDemoOnFirstStart } from './load-demo.ts';

/**
 * What `npm start` and `npm run dev` do before serving: the schema, the audit key, and on first start the demo
 * and its accounts.
 */
export async function prepareGraph(graph: Graph, log: (line: string) => void): Promise<void> {
  // Serving part of a backup (or loading the demo beside it) would show the group a network with pieces missing.
  const unfinished = await unfinishedRestore(graph);
  if (unfinished) throw new Error(unfinishedMessage(unfinished));
  await applySchema(graph);
  log(`The audit log is sealed with the key in ${await prepareAuditKey(graph)}: back it up with the database.`);
  const demo = await loadDemoOnFirstStart(graph);
  if (!demo) return;
  log(`First start: loaded the fictional demo data set (${JSON.stringify(demo)}).`);
  log(demoAccountsMessage(await createDemoAccounts(graph)));
}

export function demoAccountsMessage(accounts: { usernames: string[]; password: string; fromEnvironment: boolean }) {
  const password = accounts.fromEnvironment
    ? 'use PATMAP_DEMO_PASSWORD.'
    : `have the password: ${accounts.password}  (shown once)`;
  return `Demo accounts ${accounts.usernames.join(', ')} ${password}`;
}
