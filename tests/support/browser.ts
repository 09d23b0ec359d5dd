import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
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

/**
 * Keeps a page's console messages, page errors and API answers, newest last, so that a failed browser test can
 * leave them beside its screenshot (`failureEvidence`). What a timeout alone never says: which request was slow or
 * failed, and what the page showed then.
 */
export function watchPage(page: Page, keep = 400): { lines: string[] } {
  const started = Date.now();
  const lines: string[] = [];
  const add = (line: string) => {
    lines.push(`${String(Date.now() - started).padStart(7)} ms ${line}`);
    if (lines.length > keep) lines.shift();
  };
  page.on('console', (message) => add(`console.${message.type()} ${message.text()}`));
  page.on('pageerror', (error) => add(`pageerror ${error.message}`));
  page.on('requestfailed', (request) =>
    add(`failed ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) add(`→ ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    const timing = request.timing();
    add(`← ${response.status()} ${request.method()} ${response.url()} ${Math.round(timing.responseEnd)} ms`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) add(`navigated ${frame.url()}`);
  });
  return { lines };
}

/** Writes a failed test's screenshot, URL and watched log to the artifacts folder; says where. */
export async function failureEvidence(page: Page, watched: { lines: string[] }, testName: string): Promise<string> {
  const base = path.join(artifacts, 'failures', testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80));
  mkdirSync(path.dirname(base), { recursive: true });
  await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
  const chart = await page
    .evaluate(() => ({
      url: location.href,
      nodes: window.patmapChart?.nodes().length,
      edges: window.patmapChart?.edges().length,
      layout: document.querySelector('[data-layout]')?.getAttribute('data-layout'),
      busy: [...document.querySelectorAll('[role="status"]')].map((e) => e.getAttribute('aria-label') ?? e.textContent),
    }))
    .catch((error: Error) => ({ error: error.message }));
  writeFileSync(`${base}.log`, `${JSON.stringify(chart, null, 2)}\n${watched.lines.join('\n')}\n`);
  return base;
}
