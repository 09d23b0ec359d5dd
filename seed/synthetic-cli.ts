import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig, repoRoot } from '../api/config.ts';
import { openGraph } from '../api/db/open.ts';
import { applySchema } from '../api/db/schema.ts';
import { wipeGraph } from './load-demo.ts';
import { loadSynthetic } from './load-synthetic.ts';
import { generateSynthetic, type SyntheticOptionsInput, syntheticOptionsSchema } from './synthetic.ts';

/**
 * `npm run seed:synthetic -- --young-people N --adults M --locations K --groups G --seed S`: wipes the
 * configured database (after asking), loads a synthetic network and writes its planted groups as ground truth.
 */

const usage =
  'Usage: npm run seed:synthetic -- --young-people N --adults N --locations N --groups N --seed N ' +
  '[--noise 0.2] [--links-per-node 5] [--out FILE] [--yes]';

/** The command-line flag for each generator option, so a problem is reported in the words the user typed. */
const flags = {
  youngPeople: 'young-people',
  adults: 'adults',
  locations: 'locations',
  groups: 'groups',
  seed: 'seed',
  noise: 'noise',
  linksPerNode: 'links-per-node',
} as const;

const defaultOut = path.join(repoRoot, '.patmap', 'synthetic', 'ground-truth.json');

interface CommandLine {
  options: SyntheticOptionsInput;
  out: string;
  assumeYes: boolean;
}

class UsageError extends Error {}

function parseCommandLine(args: string[]): CommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.values(flags).map((flag) => [flag, { type: 'string' }] as const)),
        out: { type: 'string' },
        yes: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).replaceAll('\n', ' '));
  }
  const required = ['youngPeople', 'adults', 'locations', 'groups', 'seed'] as const;
  const missing = required
    .filter((option) => values[flags[option]] === undefined)
    .map((option) => `--${flags[option]}`);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.join(', ')}`);
  const number = (option: keyof typeof flags): number | undefined => {
    const text = values[flags[option]];
    if (typeof text !== 'string') return undefined;
    // Number('') and Number(' ') are 0 and Number('0x10') is 16: accept plain decimals only.
    if (!/^-?\d+(\.\d+)?$/.test(text.trim()))
      throw new UsageError(`--${flags[option]} must be a decimal number, got "${text}"`);
    return Number(text);
  };
  const options = Object.fromEntries(
    (Object.keys(flags) as (keyof typeof flags)[])
      .map((option) => [option, number(option)] as const)
      .filter(([, value]) => value !== undefined),
  );
  const checked = syntheticOptionsSchema.safeParse(options);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    const option = String(issue?.path[0] ?? '') as keyof typeof flags;
    throw new UsageError(`--${flags[option] ?? option} ${issue?.message ?? 'is not valid'}`);
  }
  const out = typeof values.out === 'string' ? path.resolve(values.out) : defaultOut;
  return { options: checked.data, out, assumeYes: values.yes === true };
}

async function main(): Promise<void> {
  const { options, out, assumeYes } = parseCommandLine(process.argv.slice(2));
  const config = loadConfig();
  const started = performance.now();
  const network = generateSynthetic(options);
  const records = network.youngPeople.length + network.personsOfInterest.length + network.locations.length;
  console.log(
    `Generated ${records} records, ${network.links.length} links and ${network.groundTruth.groups.length} planted groups ` +
      `in ${seconds(performance.now() - started)}.`,
  );
  const opened = await openGraph(config, (line) => console.log(line));
  try {
    if (!assumeYes && !(await confirmWipe(opened.description))) {
      console.log('Nothing changed.');
      return;
    }
    const wipeStarted = performance.now();
    const wiped = await wipeGraph(opened.graph, 'synthetic');
    console.log(`Wiped ${wiped} records in ${seconds(performance.now() - wipeStarted)}.`);
    await applySchema(opened.graph);
    const report = await loadSynthetic(opened.graph, network, { onProgress: progressLine() });
    if (process.stdout.isTTY) process.stdout.write('\n');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(network.groundTruth, null, 2)}\n`);
    console.log(`Records: ${JSON.stringify(report.records)} in ${report.recordSeconds.toFixed(1)} s`);
    console.log(`Links: ${JSON.stringify(report.links)}`);
    console.log(
      `Loaded ${report.totalLinks} links in ${report.linkSeconds.toFixed(1)} s: ` +
        `${Math.round(report.linksPerSecond)} links/s, into ${opened.description}.`,
    );
    console.log(`Ground truth (${network.groundTruth.groups.length} planted groups): ${out}`);
  } finally {
    await opened.close();
  }
}

/** The same question `npm run seed` asks: a wipe needs a person at a terminal, or --yes. */
async function confirmWipe(description: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UsageError('npm run seed:synthetic wipes the database; run it in a terminal to confirm, or pass --yes');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(
    `This deletes all records and links (not accounts or the audit log) in ${description}. Type "wipe" to go on: `,
  );
  prompt.close();
  return answer.trim() === 'wipe';
}

/** One line, rewritten in place when stdout is a terminal; a line per tenth otherwise, so logs stay short. */
function progressLine() {
  let lastTenth = -1;
  return ({ phase, done, total }: { phase: string; done: number; total: number }) => {
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (process.stdout.isTTY) process.stdout.write(`\r${phase}: ${done} of ${total}   `);
    else if (tenth !== lastTenth) console.log(`${phase}: ${done} of ${total}`);
    lastTenth = tenth;
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof UsageError) console.error(usage);
  process.exitCode = 1;
});
