import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../api/config.ts';
import { startTestApi, type TestApi, testPassword } from '../support/api.ts';
import { seriousViolations } from '../support/axe.ts';
import { artifacts, buildWebApp, launchChromium } from '../support/browser.ts';

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const webRoot = await buildWebApp('e2e-web-import');
  api = await startTestApi(undefined, { webRoot, signIn: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'import', name), 'utf8');

describe('the import screen', () => {
  it('uploads a CSV pair, shows a rejected row in the dry run, maps the headers, commits and finds the records', async () => {
    const tag = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    const swap = (text: string) =>
      text
        .replaceAll('YP-9001', `YP-1${tag}`)
        .replaceAll('YP-9002', `YP-2${tag}`)
        .replaceAll('Test Import', `Test Import ${tag}`);
    await page.goto(api.url('/'));
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill(testPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Side panel' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import' }).waitFor();

    await page.getByLabel('Files (CSV or XLSX)').setInputFiles([
      { name: 'young-people.csv', mimeType: 'text/csv', buffer: Buffer.from(swap(fixture('young-people.csv'))) },
      {
        name: 'persons-of-interest.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(swap(fixture('persons-of-interest.csv'))),
      },
    ]);
    await page.getByTestId('import-file-persons-of-interest.csv').waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('2 created, 0 updated, 0 unchanged, 2 rejected');
    const report = page.getByTestId('import-report');
    expect(await report.getByRole('row').filter({ hasText: 'persons-of-interest.csv 2' }).textContent()).toContain(
      'reject',
    );
    expect(await page.getByRole('button', { name: 'Commit import' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'import-dry-run.png') });

    const persons = page.getByTestId('import-file-persons-of-interest.csv');
    await persons.getByLabel('Column “Full name”').selectOption('name');
    await persons.getByLabel('Column “Born”').selectOption('dateOfBirth');
    await persons.getByLabel('Column “Phone numbers”').selectOption('phones');
    await page.getByRole('status').filter({ hasText: 'run the dry run again' }).waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('4 created, 0 updated, 0 unchanged, 0 rejected').waitFor();
    await page.getByRole('button', { name: 'Commit import' }).click();
    const committed = page.getByTestId('import-committed');
    await committed.waitFor();
    expect(await committed.textContent()).toContain('Imported: 4 created');

    await page.getByLabel('Search by name, alias, reference, phone or postcode').fill('07700 900201');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-results').getByText(`Test Import ${tag} Adult Two`).waitFor();
    await page.getByLabel('Search by name, alias, reference, phone or postcode').fill(`YP-1${tag}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-results').getByText(`Test Import ${tag} Child One`).waitFor();

    // The persons file again, still without ids: each row names the person it looks like, and would be created.
    await page.goto(api.url('/import'));
    await page.getByLabel('Files (CSV or XLSX)').setInputFiles([
      {
        name: 'persons-of-interest.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(swap(fixture('persons-of-interest.csv'))),
      },
    ]);
    // The first dry run shows the headers to map.
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('0 created, 0 updated, 0 unchanged, 2 rejected').waitFor();
    const again = page.getByTestId('import-file-persons-of-interest.csv');
    await again.getByLabel('Column “Full name”').selectOption('name');
    await again.getByLabel('Column “Born”').selectOption('dateOfBirth');
    await again.getByLabel('Column “Phone numbers”').selectOption('phones');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('2 created, 0 updated, 0 unchanged, 0 rejected; 2 rows look like another record').waitFor();
    const second = page.getByTestId('import-report').getByRole('row').filter({ hasText: 'persons-of-interest.csv 3' });
    expect(await second.textContent()).toContain(`looks like Test Import ${tag} Adult Two (id `);
    expect(await second.textContent()).toContain('Same name and date of birth (1988-05-05), Shared phone 07700900201');
  });
});
