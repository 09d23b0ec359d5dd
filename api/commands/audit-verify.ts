import { auditService } from '../audit/audit.service.ts';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';

/** `npm run audit:verify`: checks the audit log's hash chain and reports the first break. Exit 1 if broken. */
async function main(): Promise<void> {
  const opened = await openGraph(loadConfig(), (line) => console.log(line));
  try {
    const check = await auditService(opened.graph).verify();
    if (check.intact) {
      console.log(`The audit log is intact: ${check.events} events, each sealed to the one before.`);
    } else {
      console.log(
        `The audit log is BROKEN at event ${check.firstBreak.seq}: ${check.firstBreak.problem}. ` +
          `Events 1 to ${check.events} are intact.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
