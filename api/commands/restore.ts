import path from 'node:path';
import { auditService } from '../audit/audit.service.ts';
import { RestoreRefused, restoreBackup } from '../backup/restore.ts';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';

const usage = `npm run restore -- <file>
  Restores a backup made by \`npm run backup\` into an EMPTY database (a new PATMAP_DATA_DIR, or an empty
  NEO4J_DATABASE); a database holding anything is refused, except what a restore that never finished (the command
  killed, the machine down) wrote: that is removed first and the backup restored whole. Put the audit key the backup was sealed with in place
  first (PATMAP_AUDIT_KEY, or PATMAP_DATA_DIR/audit.key), so that the restored audit log verifies.`;

/** `npm run restore -- <file>`: the backup, reproduced exactly, then the audit chain checked. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || file === '--help') {
    console.log(usage);
    process.exitCode = file ? 0 : 2;
    return;
  }
  const opened = await openGraph(loadConfig(), (line) => console.log(line));
  try {
    const report = await restoreBackup(opened.graph, path.resolve(file), (line) => console.log(line));
    console.log(
      `Restored ${report.counts.nodes} nodes and ${report.counts.relationships} relationships ` +
        `(backup of ${report.header.createdAt}, audit log up to event ${report.header.auditHead.seq ?? 0}).`,
    );
    const check = await auditService(opened.graph).verify();
    console.log(
      check.intact
        ? `The restored audit log verifies: ${check.events} events.`
        : `The restored audit log does NOT verify from event ${check.firstBreak.seq}: ${check.firstBreak.problem}. ` +
            'Is the audit key the one the backup was sealed with?',
    );
    if (!check.intact) process.exitCode = 1;
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof RestoreRefused
      ? `Restore refused: ${error.message}`
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exitCode = 1;
});
