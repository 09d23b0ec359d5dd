import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';
import { applySchema } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { type ImportReport, importService } from '../transfer/import.service.ts';
import { importUsage, reportLines, requestFromCli } from '../transfer/import-cli.ts';

/** `npm run import`: the web import's dry run and commit, from files on disk. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      commit: { type: 'boolean', default: false },
      'valid-only': { type: 'boolean', default: false },
      mapping: { type: 'string' },
      kind: { type: 'string' },
      evidence: { type: 'string' },
      user: { type: 'string', default: 'command-line' },
      police: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0 || (values.commit && values['dry-run'])) {
    console.log(importUsage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const files = requestFromCli({
    files: positionals,
    mapping: values.mapping,
    kind: values.kind,
    evidence: values.evidence,
  });
  const actor = { username: values.user, role: values.police ? ('police' as const) : ('analyst' as const) };
  const opened = await openGraph(loadConfig(), (line) => console.error(line));
  const print = (report: ImportReport) => {
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const line of reportLines(report)) console.log(line);
  };
  try {
    await applySchema(opened.graph);
    const service = importService(opened.graph);
    const request = { files, validOnly: values['valid-only'] };
    const report = values.commit ? await service.commit(request, actor) : await service.dryRun(request, actor);
    print(report);
    if (report.summary.reject > 0 && !values['valid-only']) process.exitCode = 1;
  } catch (error) {
    if (error instanceof HttpError && error.code === 'import_rejected') {
      print(error.details as ImportReport);
      console.error(error.message);
      process.exitCode = 1;
    } else throw error;
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  const issues = (error as { issues?: { path: unknown[]; message: string }[] }).issues;
  console.error(
    issues
      ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
      : String(error instanceof Error ? error.message : error),
  );
  process.exitCode = 1;
});
