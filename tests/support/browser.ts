import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { repoRoot } from '../../api/config.ts';

/** Where e2e tests leave their screenshots and downloads for a person to look at. */
export const artifacts = path.join(repoRoot, 'tests', 'artifacts');

/**
 * Builds the web app into `tests/artifacts/web/<folder>`, a folder of the calling file's own, so that one file's
 * build never overwrites another's while it serves it; returns the folder. Not under the hidden `.patmap`: Express
 * will not send index.html from a hidden folder for a deep link such as /group/meetings.
 */
export async function buildWebApp(folder: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const webRoot = path.join(artifacts, 'web', folder);
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot } });
  return webRoot;
}

/** Debian's headless Chromium (or CHROMIUM_PATH): test tools download no browser here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
