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

/** Where a node is drawn on the page, by its caption. */
function nodePosition(target: Page, caption: string) {
  return target.evaluate((wanted) => {
    const cy = window.patmapChart;
    const node = cy?.nodes().filter((n) => n.data('caption') === wanted)[0];
    const box = cy?.container()?.getBoundingClientRect();
    if (!node || !box) return undefined;
    return { x: Math.round(box.left + node.renderedPosition().x), y: Math.round(box.top + node.renderedPosition().y) };
  }, caption);
}

/** Clicks a node as a person would, once it has stopped moving, until its details open (a busy machine may lag). */
async function clickNode(target: Page, caption: string) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let position = await nodePosition(target, caption);
    for (let settle = 0; settle < 20; settle += 1) {
      await target.waitForTimeout(250);
      const again = await nodePosition(target, caption);
      if (again && position && again.x === position.x && again.y === position.y) break;
      position = again;
    }
    if (!position) throw new Error(`No node captioned ${caption} on the chart`);
    await target.mouse.click(position.x, position.y);
    const opened = await target
      .getByTestId('details')
      .locator('h2', { hasText: caption })
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (opened) return;
  }
  throw new Error(`Clicking ${caption} did not open its details`);
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
    await clickNode(page, 'Amber Placeholder');
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
    await clickNode(memberPage, 'YP-0001');
    await memberPage.getByLabel('Reason').fill('Test: discussing at the monthly meeting');
    await memberPage.getByRole('button', { name: 'Reveal name' }).click();
    await memberPage.waitForFunction(() =>
      (window.patmapChart?.nodes() ?? []).some((n) => n.data('caption') === 'Amber Placeholder'),
    );
    await memberPage.screenshot({ path: path.join(artifacts, 'member-view.png') });
    await context.close();
  });
});
