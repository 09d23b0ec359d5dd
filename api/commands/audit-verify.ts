import { auditService } from '../audit/audit.service.ts';
import type { ChainCheck } from '../audit/audit-chain.ts';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';

/** `npm run audit:verify`: checks the audit log's hash chain and reports the first break. Exit 1 if broken. */
async function main(): Promise<void> {
  const opened = await openGraph(loadConfig(), (line) => console.log(line));
  try {
    const check = await auditService(opened.graph).verify();
    for (const line of report(check)) console.log(line);
    if (!check.intact) process.exitCode = 1;
  } finally {
    await opened.close();
  }
}

function report(check: ChainCheck): string[] {
  const lines: string[] = [];
  if (check.intact) {
    lines.push(`The audit log is intact: ${check.events} events, each sealed to the one before.`);
  } else if (check.firstBreak.cause === 'key-missing' || check.firstBreak.cause === 'key-mismatch') {
    // Not evidence of tampering by itself: the key this command was given is not the one the log was sealed with.
    lines.push(
      `Cannot verify the audit log from event ${check.firstBreak.seq} on: ${check.firstBreak.problem}. ` +
        `Events 1 to ${check.events} are intact.`,
    );
  } else {
    lines.push(
      `The audit log is BROKEN at event ${check.firstBreak.seq}: ${check.firstBreak.problem}. ` +
        `Events 1 to ${check.events} are intact.`,
    );
  }
  if (check.unkeyed > 0) {
    // Someone who rewrites every keyed event as unkeyed moves this point later: the operator knows the real one.
    lines.push(
      `Events 1 to ${check.unkeyed} (the last written at ${check.unkeyedUntil}) predate the audit key: they are ` +
        'chained with plain SHA-256, so someone with write access to the database could have rewritten them. ' +
        'That should be about when patmap was upgraded to the keyed chain.',
    );
  }
  if (check.intact && check.events > 0 && check.unkeyed === check.events) {
    lines.push(
      'No event is sealed with the audit key yet: if patmap has recorded anything since the upgrade, ' +
        'the keyed events were rewritten.',
    );
  }
  return lines;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
