import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { roles } from '../auth/roles.ts';
import { usersService } from '../auth/users.service.ts';
import { loadConfig } from '../config.ts';
import { openGraph } from '../db/open.ts';
import { applySchema } from '../db/schema.ts';

const usage = `npm run user:create -- --username NAME (--admin | --role admin|analyst|police|member) [--reset]
  The password is asked for, or read from standard input when it is not a terminal.
  --reset sets a new password (and role) for an existing account, and enables it if it was disabled.`;

/** `npm run user:create`: makes an account (the first admin among them) from the command line. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      admin: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const role = values.admin ? 'admin' : values.role;
  if (values.help || !values.username || !role || !roles.includes(role as (typeof roles)[number])) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const password = await readPassword();
  const opened = await openGraph(loadConfig(), (line) => console.log(line));
  try {
    await applySchema(opened.graph);
    const user = await usersService(opened.graph).save(
      { username: values.username, role: role as (typeof roles)[number], password },
      'command-line',
      { replace: values.reset },
    );
    console.log(`Account ${user.username} (${user.role}) saved in ${opened.description}.`);
  } finally {
    await opened.close();
  }
}

async function readPassword(): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    return (await prompt.question(process.stdin.isTTY ? 'Password (at least 12 characters): ' : '')).trim();
  } finally {
    prompt.close();
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
