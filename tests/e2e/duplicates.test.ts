import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personOfInterestInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-duplicates');
  api = await startTestApi(undefined, { webRoot, signIn: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the duplicates screen', () => {
  it('judges a proposed pair not the same: it leaves the proposals, is listed, and comes back when reversed', async () => {
    const tag = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    const name = `Test Apart ${tag}`;
    const analyst = await api.client('analyst');
    for (let i = 0; i < 2; i++) {
      const created = await analyst.request('POST', '/api/persons-of-interest', {
        ...personOfInterestInput({ name, dateOfBirth: '1979-03-04' }),
      });
      expect(created.status).toBe(201);
    }
    await page.goto(api.url('/'));
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill(testPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Side panel' }).getByRole('link', { name: 'Duplicates' }).click();
    const proposal = page
      .getByTestId('duplicate-proposals')
      .getByRole('listitem')
      .filter({ hasText: `${name} (born 1979-03-04) and ${name}` });
    await proposal.waitFor();

    await proposal.getByRole('button', { name: 'Not the same' }).click();
    const dialog = page.getByRole('dialog', { name: 'Not the same?' });
    await dialog.getByLabel('Why (optional)').fill('Test reason: two brothers');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep them apart' }).click();
    const keptApart = page.getByTestId('kept-apart').getByRole('listitem').filter({ hasText: name });
    await keptApart.waitFor();
    expect(await keptApart.textContent()).toContain('Test reason: two brothers');
    await proposal.waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'duplicates-kept-apart.png') });

    await keptApart.getByRole('button', { name: 'Reverse: they may be the same' }).click();
    await keptApart.waitFor({ state: 'detached' });
    await proposal.waitFor();
  });
});
