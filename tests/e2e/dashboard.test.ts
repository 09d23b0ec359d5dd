import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectGraph } from '../../api/db/neo4j.ts';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

// A build of its own, so that it never overwrites the one another end-to-end file is serving.

let api: TestApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];
const child = youngPersonInput({ reference: `DB-${Math.floor(Math.random() * 1e8)}`, levelOfConcern: 3 });
let childId = '';

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-dashboard');
  api = await startTestApi(connectGraph(inject('neo4j')), { webRoot, signIn: false });
  // A young person whose review is long overdue, made by an analyst; the member sees it by reference only.
  const analyst = await api.client('analyst');
  const created = await analyst.request<{ id: string }>('POST', '/api/young-people', child);
  expect(created.status).toBe(201);
  childId = created.body.id;
  const decided = await analyst.request('POST', `/api/young-people/${childId}/levels`, {
    level: 3,
    decidedOn: '2020-01-15',
    agreedBy: 'CSE Operations Group',
  });
  expect(decided.status).toBe(201);

  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the operations group member', () => {
  it('lands on the dashboard on signing in at /', async () => {
    await page.goto(api.url('/'));
    await page.getByLabel('Username').fill('member');
    await page.getByLabel('Password').fill(testPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/group');
    expect(await page.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
  });

  it('sees the counts, the trend and the lists, young people by reference, each linking to its record', async () => {
    const counts = await page.getByTestId('dashboard-counts').textContent();
    expect(counts).toContain('at level 3');
    expect(counts).toContain('reviews overdue');
    const trend = page.getByTestId('level-trend');
    expect(await trend.locator('svg[role="img"]').count()).toBe(1);
    expect(await trend.locator('svg polyline').count()).toBe(3);
    await trend.getByText('The trend as a table').click();
    expect(await trend.locator('tbody tr').count()).toBe(12);

    const overdue = page.getByTestId('reviews-overdue');
    const link = overdue.getByRole('link', { name: `${child.reference} (L3)` });
    expect(await link.getAttribute('href')).toBe(`/records/${childId}`);
    expect(await page.getByTestId('dashboard').textContent()).not.toContain(child.name);
    for (const section of ['overdue-actions', 'without-plan', 'awaiting-discussion', 'top-hotspots', 'top-groups']) {
      expect(await page.getByTestId(section).count()).toBe(1);
    }
    await page.screenshot({ path: path.join(artifacts, 'group-dashboard.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens the strategic report, picks a period, prints without the controls and downloads the CSV', async () => {
    await page.getByRole('link', { name: 'Strategic report' }).click();
    await page.getByTestId('strategic-report').waitFor();
    expect(await page.getByTestId('report-cases-by-level').locator('tbody tr').count()).toBe(6);

    await page.getByLabel('From month').fill('2020-01');
    await page.getByLabel('To month').fill('2020-03');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.waitForURL(/from=2020-01&to=2020-03/);
    const levels = page.getByTestId('report-cases-by-level');
    // The last period's row, not any third row: the table shown before the click has six.
    await levels.locator('tbody tr th').filter({ hasText: '2020-03' }).waitFor();
    expect(await levels.locator('tbody tr').count()).toBe(3);
    expect(await levels.locator('tbody tr th').allTextContents()).toEqual(['2020-01', '2020-02', '2020-03']);
    const report = await page.getByTestId('strategic-report').textContent();
    expect(report).not.toContain(child.reference);
    expect(report).not.toContain(child.name);
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.group-area > header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Show report' }).isVisible()).toBe(false);
    expect(await levels.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'strategic-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('patmap-strategic-report-2020-01-to-2020-03.csv');
    const saved = path.join(artifacts, 'strategic-report.csv');
    await file.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    expect(csv.split('\n')[0]).toBe('patmap: the strategic group report,2020-01 to 2020-03');
    expect(csv).not.toContain(child.reference);
  });

  it('refuses a period that ends before it starts, saying why beside the field', async () => {
    await page.getByLabel('From month').fill('2020-05');
    await page.getByLabel('To month').fill('2020-04');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByText('from must not be after to').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('still opens the network chart from the group area', async () => {
    await page.getByRole('link', { name: 'Network chart' }).click();
    await page.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(cspViolations).toEqual([]);
  });
});
