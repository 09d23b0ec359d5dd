import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../api/config.ts';
import { connectGraph } from '../../api/db/neo4j.ts';
import { demoEvents, demoLocations, demoPersonsOfInterest, demoYoungPeople } from '../../seed/demo.ts';
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
    const expected = demoYoungPeople.length + demoPersonsOfInterest.length + demoLocations.length + demoEvents.length;
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
    await details.locator('dl').waitFor();
    expect(await details.locator('h2').textContent()).toBe('Amber Placeholder');
    expect(await details.textContent()).toContain('YP-0001');
    // The links arrive in a request of their own, after the record.
    const place = details.locator('ol.links li', { hasText: 'Kebab Kingdom (fictional)' });
    await place.first().waitFor();
    expect(await place.count()).toBeGreaterThan(0);
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

const nodeCount = (target: Page) => target.evaluate(() => window.patmapChart?.nodes().length ?? 0);
const classCount = (target: Page, selector: string) =>
  target.evaluate((wanted) => window.patmapChart?.$(wanted).length ?? 0, selector);

describe('the analyst’s workspace', () => {
  const violations: string[] = [];
  let analyst: Page;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    analyst = await context.newPage();
    analyst.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await signInAs(analyst, 'analyst');
    await analyst.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
  });

  it('finds the paths between two records selected in the list, and highlights one', async () => {
    const list = analyst.getByTestId('records-list');
    await list.getByLabel('Select Amber Placeholder').check();
    await list.getByLabel('Select Barry Fakename').check();
    expect(await analyst.getByTestId('selection-count').textContent()).toBe('2 selected');
    await analyst.getByRole('button', { name: 'Find paths' }).click();
    const table = analyst.getByTestId('panel-table');
    await table.waitFor();
    expect(analyst.url()).toContain('/analysis/paths?');
    await table.getByRole('button', { name: 'Highlight' }).first().click();
    await analyst.getByTestId('highlight-status').waitFor();
    // The chart restyles just after the panel says so.
    await analyst.waitForFunction(() => (window.patmapChart?.$('edge.highlighted').length ?? 0) > 0);
    expect(await classCount(analyst, 'node.dimmed')).toBeGreaterThan(0);
    await analyst.screenshot({ path: path.join(artifacts, 'workspace-path.png') });
  });

  it('opens a panel row and highlights its members on the chart, dimming the rest', async () => {
    await analyst.getByRole('navigation', { name: 'Side panel' }).getByRole('link', { name: 'Shared adults' }).click();
    const table = analyst.getByTestId('panel-table');
    await table.waitFor();
    await table.getByRole('button', { name: 'Highlight' }).first().click();
    await analyst.getByTestId('highlight-status').waitFor();
    expect(analyst.url()).toContain('row=');
    await analyst.waitForFunction(() => (window.patmapChart?.$('node.highlighted').length ?? 0) > 2);
    expect(await classCount(analyst, 'node.dimmed')).toBeGreaterThan(0);
    await analyst.screenshot({ path: path.join(artifacts, 'workspace-shared-adults.png') });
    await analyst.goBack();
    await analyst.waitForFunction(() => !location.search.includes('row='));
    await analyst.waitForFunction(() => (window.patmapChart?.$('.highlighted, .dimmed').length ?? 1) === 0);
  });

  it('limits the chart to links seen in the window the time slider sets', async () => {
    await analyst
      .getByRole('navigation', { name: 'Side panel' })
      .getByRole('link', { name: 'Chart as a list' })
      .click();
    const before = await nodeCount(analyst);
    const fromThumb = analyst.getByRole('slider', { name: 'Links seen from (month)' });
    await fromThumb.focus();
    // Mantine's slider steps by arrow keys only: a month a time, to three months before the last.
    const steps =
      Number(await fromThumb.getAttribute('aria-valuemax')) - Number(await fromThumb.getAttribute('aria-valuenow'));
    for (let step = 0; step < steps - 3; step += 1) await fromThumb.press('ArrowRight');
    await analyst.waitForFunction(() => location.search.includes('from='));
    await analyst.waitForFunction((all) => (window.patmapChart?.nodes().length ?? all) < all, before);
    const links = await analyst.evaluate(() => window.patmapChart?.edges().map((e) => e.id()) ?? []);
    expect(links.length).toBeGreaterThan(0);
    await analyst.screenshot({ path: path.join(artifacts, 'workspace-time-window.png') });
    await analyst.getByRole('button', { name: 'All time' }).click();
    await analyst.waitForFunction((all) => window.patmapChart?.nodes().length === all, before);
  });

  it('searches by phone number, starts the chart from the result and expands it', async () => {
    await analyst.getByLabel('Search by name, alias, reference, phone or postcode').fill('07700900005');
    await analyst.getByRole('button', { name: 'Search', exact: true }).click();
    const results = analyst.getByTestId('search-results');
    await results.getByText('Howard Testcase').waitFor();
    await results.getByRole('button', { name: 'Start the chart from here' }).click();
    await analyst.waitForFunction(() => window.patmapChart?.nodes().length === 1);
    await analyst.getByRole('button', { name: 'Expand', exact: true }).first().click();
    await analyst.waitForFunction(() => (window.patmapChart?.nodes().length ?? 0) > 1);
    const howard = await nodePosition(analyst, 'Howard Testcase');
    expect(howard).toBeDefined();
    await analyst.screenshot({ path: path.join(artifacts, 'workspace-expanded.png') });
  });

  it('saves the chart as a view and reopens it where it was', async () => {
    const saved = await analyst.evaluate(() =>
      Object.fromEntries((window.patmapChart?.nodes() ?? []).map((n) => [n.id(), n.position()])),
    );
    await analyst.getByRole('navigation', { name: 'Side panel' }).getByRole('link', { name: 'Saved views' }).click();
    await analyst.getByLabel('Name for the current chart').fill('Test: around Howard');
    await analyst.getByRole('button', { name: 'Save view' }).click();
    await analyst.getByText('Saved “Test: around Howard”.').waitFor();
    await analyst.goto(api.url('/'));
    await analyst.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
    expect(await nodeCount(analyst)).toBeGreaterThan(Object.keys(saved).length);
    await analyst.getByRole('navigation', { name: 'Side panel' }).getByRole('link', { name: 'Saved views' }).click();
    await analyst.getByRole('link', { name: 'Open Test: around Howard' }).click();
    await analyst.getByTestId('opened-view').waitFor();
    await analyst.waitForFunction((count) => window.patmapChart?.nodes().length === count, Object.keys(saved).length);
    const reopened = await analyst.evaluate(() =>
      Object.fromEntries((window.patmapChart?.nodes() ?? []).map((n) => [n.id(), n.position()])),
    );
    for (const [id, position] of Object.entries(saved)) {
      expect(reopened[id]?.x).toBeCloseTo(position.x, 0);
      expect(reopened[id]?.y).toBeCloseTo(position.y, 0);
    }
    await analyst.screenshot({ path: path.join(artifacts, 'workspace-reopened-view.png') });
  });

  it('exports the chart as PNG, recorded in the audit log', async () => {
    await analyst.getByRole('button', { name: 'Export' }).click();
    const [file] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst.getByRole('menuitem', { name: 'Chart as PNG' }).click(),
    ]);
    const saved = path.join(artifacts, 'workspace-export.png');
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const admin = await api.client('admin');
    const audit = await admin.request<{ items: { subjectType?: string; details?: string }[] }>(
      'GET',
      '/api/audit?action=export&username=analyst',
    );
    expect(audit.body.items.some((e) => e.subjectType === 'Chart' && e.details?.includes('"format":"png"'))).toBe(true);
    expect(violations).toEqual([]);
  });
});
