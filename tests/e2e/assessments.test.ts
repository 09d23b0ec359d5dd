import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

let api: TestApi;
let browser: Browser;

interface TestYoungPerson {
  id: string;
  name: string;
  reference: string;
}

/** A young person of the test's own, so it needs no particular data set beside it. */
async function youngPerson(): Promise<TestYoungPerson> {
  const input = youngPersonInput({
    name: `Test Assessed Child ${Math.floor(Math.random() * 1e8)}`,
    levelOfConcern: 1,
    leadProfessional: 'Social Worker One',
    leadAgency: 'Health',
  });
  const created = await api.request<{ id: string }>('POST', '/api/young-people', input);
  if (created.status !== 201) throw new Error(`Could not create the young person: ${created.status}`);
  return { id: created.body.id, name: input.name, reference: input.reference };
}

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-assessments');
  api = await startTestApi(undefined, { webRoot });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Signs in and opens the young person's details drawer from the list beside the chart, by the caption the role sees. */
async function openDetails(
  username: string,
  caption: string,
): Promise<{ page: Page; violations: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(api.url('/'));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(testPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Some roles land on the group's dashboard: go on to the chart from its navigation.
  const list = page.getByTestId('records-list');
  const chartLink = page.getByRole('link', { name: 'Network chart' });
  await list.or(chartLink).first().waitFor({ timeout: 30_000 });
  if (!(await list.isVisible())) await chartLink.click();
  const row = list.locator('tr', { hasText: caption });
  await row.getByRole('link', { name: 'Details' }).click({ timeout: 30_000 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page
    .getByTestId('level-of-concern')
    .waitFor({ timeout: 30_000 })
    .catch(async (reason: unknown) => {
      await page.screenshot({ path: path.join(artifacts, `assessments-${username}-failed.png`) });
      throw new Error(`The drawer did not open (${errors.join('; ') || String(reason)})`);
    });
  return { page, violations, close: () => context.close() };
}

describe('a risk assessment in the details drawer', () => {
  it('is filled in, suggests a level with its reasons, and a different level is agreed with a reason', async () => {
    const { page, violations, close } = await openDetails('analyst', (await youngPerson()).name);
    const assessments = page.getByTestId('risk-assessments');
    await assessments.getByRole('button', { name: 'New risk assessment' }).click();
    const form = page.getByTestId('assessment-form');
    await form.getByLabel(/^Assessor\s*\*?$/).fill('Assessor Example');
    await form.getByLabel(/^Assessor's agency/).fill('Health');
    await form.getByLabel('Contact with known perpetrators', { exact: true }).check();
    await form.getByLabel('Violence, intimidation and fear', { exact: true }).check();
    await form.getByLabel('Looked after, or leaving care', { exact: true }).check();
    expect(await form.getByLabel('Last seen: Violence, intimidation and fear').inputValue()).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save and suggest a level' }).click();

    const suggestion = page.getByTestId('assessment-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.getByTestId('suggested-level').textContent()).toBe('3');
    const reasons = await suggestion.locator('.suggestion-reasons li').allTextContents();
    expect(reasons).toContain(
      '2 significant indicators seen in the last 3 months: contact with known perpetrators; violence, intimidation and fear.',
    );
    expect(reasons).toContain('1 vulnerability seen in the last 3 months: looked after, or leaving care.');
    await assessments.getByTestId('assessment-list').locator('li', { hasText: 'Assessor Example' }).waitFor();

    const agree = suggestion.getByTestId('agree-level');
    expect(await agree.getByTestId('agree-level-suggestion').textContent()).toContain('Suggested: level 3');
    await agree.getByLabel('Level 2', { exact: true }).check();
    await agree.getByRole('button', { name: 'Record the level' }).click();
    await agree.getByText('differs from the suggested level 3: give the reason').waitFor();
    await agree.getByLabel('Reason (required)').fill('Test: the adult is in custody, so the risk is lower for now');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'assessment-suggestion.png') });
    await agree.getByRole('button', { name: 'Record the level' }).click();

    const history = page.getByTestId('level-history');
    const entry = history.locator('li', { hasText: 'Level 2' });
    await entry.waitFor();
    const text = await entry.textContent();
    expect(text).toContain('(was level 1)');
    expect(text).toContain('agreed by CSE Operations Group');
    expect(text).toContain('suggested level 3');
    expect(text).toContain('Why: Test: the adult is in custody, so the risk is lower for now');
    expect(await page.getByTestId('current-level').textContent()).toBe('Level 2');
    expect(await page.getByTestId('level-of-concern').textContent()).toContain('review due');
    await page.screenshot({ path: path.join(artifacts, 'level-history.png') });
    expect(violations).toEqual([]);
    await close();
  });

  it('is read-only for an operations group member', async () => {
    const child = await youngPerson();
    const today = new Date().toISOString().slice(0, 10);
    const assessed = await api.request<{ assessment: { id: string } }>(
      'POST',
      `/api/young-people/${child.id}/assessments`,
      {
        assessor: 'Assessor Example',
        assessorAgency: 'Health',
        assessedOn: today,
        route: 'cse-risk-assessment',
        indicators: [{ indicator: 'swapping-sex', lastSeen: today }],
      },
    );
    expect(assessed.status).toBe(201);
    const decided = await api.request('POST', `/api/young-people/${child.id}/levels`, {
      level: 2,
      decidedOn: today,
      agreedBy: 'CSE Operations Group',
      assessmentId: assessed.body.assessment.id,
    });
    expect(decided.status).toBe(201);
    const { page, close } = await openDetails('member', child.reference);
    const assessments = page.getByTestId('risk-assessments');
    await assessments.getByTestId('assessment-list').locator('li', { hasText: 'Assessor Example' }).waitFor();
    expect(await assessments.getByRole('button', { name: 'New risk assessment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Agree a level' }).count()).toBe(0);
    expect(await page.getByTestId('level-history').textContent()).toContain('Level 2');
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });
});
