import path from 'node:path';
import { auditKeyFile } from '../audit/audit-key.ts';
import { writeBackup } from '../backup/backup.ts';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';

const usage = `npm run backup -- <file>      (gzip-compressed when the name ends in .gz, e.g. patmap-2026-12-01.jsonl.gz)
  Writes one consistent snapshot of everything but sessions. The audit key is NOT in the file: back it up
  separately (PATMAP_AUDIT_KEY, or PATMAP_DATA_DIR/audit.key), or the restored audit log cannot be verified.`;

/** `npm run backup -- <file>`: the whole database as JSON lines, from one transaction. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || file === '--help') {
    console.log(usage);
    process.exitCode = file ? 0 : 2;
    return;
  }
  const config = loadConfig();
  const opened = await openGraph(config, (line) => console.log(line));
  try {
    const report = await writeBackup(opened.graph, path.resolve(file));
    console.log(
      `Backed up ${report.counts.nodes} nodes and ${report.counts.relationships} relationships to ${report.file} ` +
        `(audit log up to event ${report.auditHead.seq ?? 0}).`,
    );
    for (const [label, count] of Object.entries(report.counts.labels).sort()) console.log(`  ${label}: ${count}`);
    const keyWhere = config.PATMAP_AUDIT_KEY ? 'PATMAP_AUDIT_KEY' : auditKeyFile(config.PATMAP_DATA_DIR);
    console.log(
      `The file holds special-category data and password hashes: keep it encrypted. The audit key (${keyWhere}) ` +
        'is not in it: back that up separately, apart from the file.',
    );
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
