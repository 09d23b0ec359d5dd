import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../api/config.ts';
import { connectGraph } from '../../api/db/neo4j.ts';
import { demoLocations, demoPersonsOfInterest, demoYoungPeople } from '../../seed/demo.ts';
import { loadDemo, wipeGraph } from '../../seed/load-demo.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';

const artifacts = path.join(repoRoot, 'tests', 'artifacts');
const webRoot = path.join(repoRoot, '.patmap', 'e2e-web');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot } });
  const graph = connectGraph(inject('neo4j'));
  await wipeGraph(graph);
  await loadDemo(graph);
  api = await startTestApi(graph, { webRoot, signIn: false });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function signInAs(target: Page, username: string) {
  await target.goto(api.url('/'));
  await target.getByLabel('Username').fill(username);
  await target.getByLabel('Password').fill(testPassword());
  await target.getByRole('button', { name: 'Sign in' }).click();
}

describe('the first screen', () => {
  it('asks for sign-in, refuses a wrong password, and keeps the CSP', async () => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(api.url('/'));
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Wrong username or password');
    await page.screenshot({ path: path.join(artifacts, 'sign-in.png') });
    expect(violations).toEqual([]);
  });

  it('shows the demo network laid out by cola', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAs(page, 'analyst');
    const chart = page.getByTestId('network-chart');
    await chart.waitFor();
    await page.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
    const expected = demoYoungPeople.length + demoPersonsOfInterest.length + demoLocations.length;
    expect(await chart.getAttribute('data-node-count')).toBe(String(expected));
    expect(await page.getByTestId('counts').textContent()).toContain(`${expected} records`);
    const shapes = await page.evaluate(() => {
      const cy = window.patmapChart;
      if (!cy) return [];
      return ['YoungPerson', 'PersonOfInterest', 'Location'].map((label) => {
        const node = cy.nodes().filter((n) => n.data('label') === label)[0];
        return node?.style('shape');
      });
    });
    expect(shapes).toEqual(['ellipse', 'triangle', 'round-hexagon']);
    await page.screenshot({ path: path.join(artifacts, 'demo-network.png') });
    expect(errors).toEqual([]);
  });

  it('shows a node’s details when it is clicked', async () => {
    const target = await page.evaluate(() => {
      const cy = window.patmapChart;
      const node = cy?.nodes().filter((n) => n.data('caption') === 'Amber Placeholder')[0];
      const box = cy?.container()?.getBoundingClientRect();
      if (!node || !box) return undefined;
      const position = node.renderedPosition();
      return { x: box.left + position.x, y: box.top + position.y };
    });
    expect(target).toBeDefined();
    await page.mouse.click(target?.x ?? 0, target?.y ?? 0);
    const details = page.getByTestId('details');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toBe('Amber Placeholder');
    expect(await details.textContent()).toContain('YP-0001');
    expect(await details.textContent()).toContain('Kebab Kingdom (fictional)');
    await page.screenshot({ path: path.join(artifacts, 'demo-details.png') });
  });
});

describe('an operations group member', () => {
  it('sees young people by reference, and reveals a name with a reason', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const memberPage = await context.newPage();
    await signInAs(memberPage, 'member');
    await memberPage.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
    expect(await memberPage.getByTestId('user').textContent()).toContain('member (member)');
    const captions = await memberPage.evaluate(() =>
      (window.patmapChart?.nodes().filter((n) => n.data('label') === 'YoungPerson') ?? []).map((n) =>
        n.data('caption'),
      ),
    );
    expect(captions).toContain('YP-0001');
    expect(captions).not.toContain('Amber Placeholder');
    const target = await memberPage.evaluate(() => {
      const cy = window.patmapChart;
      const node = cy?.nodes().filter((n) => n.data('caption') === 'YP-0001')[0];
      const box = cy?.container()?.getBoundingClientRect();
      if (!node || !box) return undefined;
      return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
    });
    await memberPage.mouse.click(target?.x ?? 0, target?.y ?? 0);
    await memberPage.getByLabel('Reason').fill('Test: discussing at the monthly meeting');
    await memberPage.getByRole('button', { name: 'Reveal name' }).click();
    await memberPage.waitForFunction(() =>
      (window.patmapChart?.nodes() ?? []).some((n) => n.data('caption') === 'Amber Placeholder'),
    );
    await memberPage.screenshot({ path: path.join(artifacts, 'member-view.png') });
    await context.close();
  });
});
