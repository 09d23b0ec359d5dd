import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

type Row = Record<string, unknown> & { id: string; reference?: string };

let api: TestApi;
let analyst: TestClient;
let browser: Browser;
let page: Page;
let child: Row;
const cspViolations: string[] = [];

async function create(path: string, body: unknown): Promise<Row> {
  const created = await analyst.request<Row>('POST', path, body);
  expect(created.status, `${path}: ${JSON.stringify(created.body)}`).toBe(201);
  return created.body;
}

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-meeting');
  api = await startTestApi(undefined, { webRoot, signIn: false });
  analyst = await api.client('analyst');
  // A young person at a place with an adult, so the pack has a network to draw.
  child = await create('/api/young-people', youngPersonInput({ levelOfConcern: 2 }));
  const adult = await create('/api/persons-of-interest', personOfInterestInput());
  const place = await create('/api/locations', locationInput({ type: 'takeaway' }));
  await create('/api/links', linkInput({ type: 'FREQUENTS', from: child.id, to: place.id }));
  await create('/api/links', linkInput({ type: 'FREQUENTS', from: adult.id, to: place.id }));
  await create('/api/links', linkInput({ type: 'CONTROLS', from: adult.id, to: child.id }));

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  await page.goto(api.url('/'));
  await page.getByLabel('Username').fill('analyst');
  await page.getByLabel('Password').fill(testPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the monthly meeting', () => {
  let meetingUrl = '';

  it('is created from the meetings list and opens on its agenda', async () => {
    await page.goto(api.url('/group/meetings'));
    await page.getByRole('heading', { name: 'Meetings', exact: true }).waitFor();
    await page.getByLabel('Chair').fill('Chair Example');
    await page.getByLabel('Attendees').fill('Officer Example, Police\nNurse Example, Health');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await page.waitForURL(/\/group\/meetings\/[0-9a-f-]{36}$/);
    meetingUrl = page.url();
    await page.getByTestId(`review-${child.id}`).waitFor({ timeout: 30_000 });
    const order = await page
      .locator('[data-testid^="agenda-"].agenda-item')
      .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-testid')));
    expect(order).toEqual([
      'agenda-new-assessments',
      'agenda-young-people',
      'agenda-escalation-alerts',
      'agenda-hotspots',
      'agenda-groups',
      'agenda-standing',
    ]);
    expect(await page.getByText('Nurse Example (Health)').count()).toBe(1);
  });

  it('agrees a level with a reason, adds an action and writes notes', async () => {
    const review = page.getByTestId(`review-${child.id}`);
    await review.getByLabel('Level agreed').selectOption('3');
    await review.getByLabel('Reason').fill('Test: found with a controlling adult');
    await review.getByRole('button', { name: 'Agree level' }).click();
    await review.getByTestId('agreed-here').waitFor();
    expect(await review.getByTestId('agreed-here').textContent()).toContain('level 3');

    const moved = page.getByTestId(`review-${child.id}`);
    await moved.getByLabel('What is to be done').fill('Test: strategy discussion');
    await moved.getByLabel('Owner').fill('Worker Example');
    await moved.getByLabel('Agency').fill("Children's Social Care");
    await moved.getByRole('button', { name: 'Add action' }).click();
    await moved.getByText('(raised at this meeting)').waitFor();

    await moved.getByLabel(/^Notes on /).fill('Test: raised to level 3; strategy discussion this week');
    await moved.getByRole('button', { name: 'Save notes' }).click();
    await moved.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const standing = page.getByTestId('agenda-standing');
    await standing.getByLabel(/^Notes: /).fill('Test: training on return home interviews next month');
    await standing.getByRole('button', { name: 'Save notes' }).click();
    await standing.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'meeting-open.png'), fullPage: false });
  });

  it('closes after a confirmation, and then shows read-only minutes', async () => {
    await page.getByRole('button', { name: 'Close meeting' }).click();
    await page.getByRole('button', { name: 'Yes, close the meeting' }).click();
    await page.getByTestId('minutes-read-only').waitFor();
    expect(await page.getByTestId('meeting-status').textContent()).toBe('closed');
    const review = page.getByTestId(`review-${child.id}`);
    await review.waitFor();
    expect(await review.getByTestId(`note-young-person:${child.id}`).textContent()).toContain('raised to level 3');
    expect(await page.getByTestId('note-standing').textContent()).toContain('return home interviews');
    expect(
      await page
        .locator('textarea:not([aria-hidden="true"]), input, select')
        .evaluateAll((fields) => fields.map((f) => f.outerHTML)),
    ).toEqual([]);
    expect(await page.getByRole('button', { name: /Agree level|Add action|Save notes|Close meeting/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens the pack, with the cases by level and the network picture, and audits its print', async () => {
    await page.goto(`${meetingUrl}/pack`);
    await page.getByTestId('cases-by-level').waitFor({ timeout: 30_000 });
    await page.getByTestId('pack-network').locator('img').waitFor({ timeout: 30_000 });
    const levelThree = await page
      .getByTestId('cases-by-level')
      .getByRole('row', { name: /Level 3/ })
      .textContent();
    const [counted] = await api.graph.read<{ count: number }>(
      `MATCH (yp:YoungPerson {levelOfConcern: 3}) WHERE yp.archivedAt IS NULL
         AND coalesce(yp.gradingHandling, 'P') <> 'C' RETURN count(yp) AS count`,
    );
    expect(levelThree).toContain(String(counted?.count));
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(artifacts, 'meeting-pack-print.png'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Print the pack' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const meetingId = meetingUrl.split('/').pop();
    // Headless Chromium has no print dialog; what matters is that the print is recorded before it starts.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Print the pack' }).click();
    await page.waitForSelector('body[data-printed="yes"]');
    const printed = await api.graph.read<{ username: string }>(
      `MATCH (e:AuditEvent {action: 'export', subjectType: 'Meeting', subjectId: $id}) RETURN e.username AS username`,
      { id: meetingId },
    );
    expect(printed.map((e) => e.username)).toEqual(['analyst']);
    expect(cspViolations).toEqual([]);
  });
});
