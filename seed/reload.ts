import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../api/config.ts';
import { openGraph } from '../api/db/open.ts';
import { applySchema } from '../api/db/schema.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { demoAccountsMessage } from './first-start.ts';
import { loadDemo, wipeGraph } from './load-demo.ts';

/** `npm run seed`: wipes the configured database (after asking) and loads the demo data set. */
async function main(): Promise<void> {
  const assumeYes = process.argv.includes('--yes');
  const config = loadConfig();
  const opened = await openGraph(config, (line) => console.log(line));
  try {
    if (!assumeYes) {
      if (!process.stdin.isTTY) {
        throw new Error('npm run seed wipes the database; run it in a terminal to confirm, or pass -- --yes');
      }
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await prompt.question(
        `This deletes all records and links (not accounts or the audit log) in ${opened.description}. Type "wipe" to go on: `,
      );
      prompt.close();
      if (answer.trim() !== 'wipe') {
        console.log('Nothing changed.');
        return;
      }
    }
    await wipeGraph(opened.graph);
    await applySchema(opened.graph);
    const counts = await loadDemo(opened.graph);
    console.log(`Loaded the demo: ${JSON.stringify(counts)}`);
    console.log(demoAccountsMessage(await createDemoAccounts(opened.graph)));
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
