import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectGraph } from '../../api/db/neo4j.ts';
import { loadDemo, wipeGraph } from '../../seed/load-demo.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

let api: TestApi;
let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-casework');
  const graph = connectGraph(inject('neo4j'));
  await wipeGraph(graph);
  await loadDemo(graph);
  api = await startTestApi(graph, { webRoot, signIn: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(api.url('/'));
  await page.getByLabel('Username').fill('analyst');
  await page.getByLabel('Password').fill(testPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function idOf(label: 'YoungPerson' | 'PersonOfInterest', name: string): Promise<string> {
  const [row] = await api.graph.read<{ id: string }>(
    'MATCH (n:Entity {name: $name}) WHERE $label IN labels(n) RETURN n.id AS id',
    {
      name,
      label,
    },
  );
  if (!row) throw new Error(`No demo record named ${name}`);
  return row.id;
}

/** Opens a record's details from "Chart as a list", as a keyboard user would. */
async function openDetails(caption: string) {
  await page.goto(api.url('/'));
  await page.waitForSelector('[data-layout="done"]', { timeout: 30_000 });
  const row = page.getByTestId('records-list').locator('tr', { hasText: caption }).first();
  await row.getByRole('link', { name: 'Details' }).click();
  await page.getByTestId('details').locator('h2', { hasText: caption }).waitFor();
}

describe('casework in the details drawer', () => {
  it('adds an action to a young person, shows the refused fields, and marks it done', async () => {
    await openDetails('Freya Invented');
    const plan = page.getByTestId('plan-section');
    await plan.getByTestId('no-plan-flag').waitFor();
    await plan.getByText('Add an action', { exact: true }).click();
    const form = plan.getByRole('form', { name: 'Add an action' });
    await form.getByRole('button', { name: 'Add action' }).click();
    // The API's 400 names each field; the form shows its message beside the field.
    await form.getByLabel('What is to be done').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await form.getByLabel('Due on').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('What is to be done').fill('Test: safety planning session at school');
    await form.getByLabel('Owner', { exact: true }).fill('Social Worker Example');
    await form.getByLabel("Owner's agency").fill("Children's Social Care");
    await form.getByLabel('Due on').fill('2030-01-15');
    await form.getByLabel('Category').selectOption('protect');
    await form.getByRole('button', { name: 'Add action' }).click();
    const item = plan.getByTestId('actions').locator('li', { hasText: 'Test: safety planning session at school' });
    await item.waitFor();
    expect(await item.locator('.status-badge').textContent()).toBe('Open');
    expect(await item.textContent()).toContain('Social Worker Example');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByText('Complete', { exact: true }).click();
    await item.getByLabel('Outcome').fill('Test: safety plan agreed');
    await item.getByRole('button', { name: 'Mark done' }).click();
    await item.locator('.status-badge', { hasText: 'Done' }).waitFor();
    expect(await item.textContent()).toContain('outcome: Test: safety plan agreed');
    await page.screenshot({ path: path.join(artifacts, 'casework-actions.png') });
  });

  it('logs a disruption against an adult, records a breach, and marks the adult on the chart', async () => {
    const barry = await idOf('PersonOfInterest', 'Barry Fakename');
    await openDetails('Barry Fakename');
    const section = page.getByTestId('disruption-section');
    await section.getByText('Log a disruption', { exact: true }).click();
    const form = section.getByRole('form', { name: 'Log a disruption' });
    await form.getByLabel('Tactic').selectOption('sexual-risk-order');
    await form.getByLabel('Served on').fill('2026-06-01');
    await form.getByLabel('Expires on').fill('2026-05-01');
    await form.getByRole('button', { name: 'Log disruption' }).click();
    await form.getByText('It cannot expire before it was served').waitFor();

    await form.getByLabel('Expires on').fill('2031-06-01');
    await form.getByRole('button', { name: 'Log disruption' }).click();
    const item = section.getByTestId('disruptions').locator('li', { hasText: 'Sexual Risk Order' });
    await item.waitFor();
    expect(await item.locator('.status-badge').first().textContent()).toBe('Active');
    expect(await item.textContent()).toContain('served 2026-06-01');

    await item.getByText('Record a breach', { exact: true }).click();
    await item.getByLabel('Breach on').fill('2026-07-10');
    await item.getByLabel('Breach note').fill('Test: seen near the school');
    await item.getByRole('button', { name: 'Record breach' }).click();
    await item.getByTestId('breaches').getByText('Breaches (1): 2026-07-10 (Test: seen near the school)').waitFor();

    await page.waitForFunction((id) => window.patmapChart?.getElementById(id).hasClass('disrupted') === true, barry);
    const display = await page.evaluate((id) => window.patmapChart?.getElementById(id).data('display'), barry);
    expect(display).toBe('Barry Fakename [disrupted]');
    expect(await page.getByRole('region', { name: 'Legend' }).textContent()).toContain('Under an active disruption');
    expect(await seriousViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'casework-disruption.png') });
  });
});
