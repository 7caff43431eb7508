// Short links and downloads: the programme team creates a short link (a wrong address
// first) and finds its clicks per day as a CSV download, a visitor follows it without
// getting a cookie, an unknown code gets a friendly page, and tables download as CSV and
// XLSX. Every page is checked with axe on desktop and phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const TARGET = 'https://karriere.musterstadt.example/stellen/e2e-4711';

test('the programme team creates a short link, a wrong address first, and a visitor follows it', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-links'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}links`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['links-title']));
  await check(async () => assert.ok(
    (await page.locator('#active').innerText()).includes('Stellenanzeige Bauingenieurin'), 'the demo links'));
  await check(() => auditPage(page, 'links'));

  const label = 'Stellenanzeige Sachbearbeitung Bürgerbüro (E2E)';
  await page.getByLabel(DE['links-label']).fill(label);
  await page.getByLabel(DE['links-target']).fill('http://karriere.musterstadt.example/stellen/e2e-4711');
  const sent = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['links-create'] }).click());
  await check(async () => assert.equal(sent.status(), 422));
  await check(async () => assert.equal(await page.getByLabel(DE['links-target']).getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await page.getByLabel(DE['links-label']).inputValue(), label));
  await check(async () => assert.ok(
    (await page.locator('#target_url-error').innerText()).includes(DE['links-error-url-https'])));
  await check(() => auditPage(page, 'links-error'));

  await page.getByLabel(DE['links-target']).fill(TARGET);
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['links-create'] }).click());
  await check(async () => assert.match(pathOf(page), /\/links\/\d+$/));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('#notice').innerText(), DE['links-created-notice']));
  await check(() => auditPage(page, 'link-detail'));
  const shortUrl = await page.locator('#short-url').inputValue();
  await check(async () => assert.match(shortUrl, /\/l\/[2-9a-hjkmnp-z]{8}$/));
  // The clicks per day download as the page shows them: asked for, not followed as a download.
  const csv = page.getByRole('link', { name: `${DE['export-csv']} – ${DE['links-chart']}` });
  const href = await csv.getAttribute('href');
  await check(async () => assert.equal(href, '?format=csv&table=days'));
  const file = await page.request.get(new URL(href, page.url()).href, { maxRedirects: 0 });
  await check(async () => assert.equal(file.status(), 200));
  await check(async () => assert.match(file.headers()['content-type'], /^text\/csv/));
  await check(async () => assert.match(file.headers()['content-disposition'] ?? '',
    /^attachment; filename="musterstadt-[2-9a-hjkmnp-z]{8}-klicks-je-tag-letzte-30-tage-[\d-]+-bis-[\d-]+\.csv"$/));
  await page.context().close();

  // A visitor: no sign-in. The redirect is read, not followed (the target is on the internet,
  // and the browser does not let a test answer for a page reached through a redirect).
  const visitor = await newPage(browser);
  const res = await visitor.request.get(new URL(new URL(shortUrl).pathname, url('/')).href, { maxRedirects: 0 });
  await check(async () => assert.equal(res.status(), 302));
  await check(async () => assert.equal(res.headers()['location'], TARGET));
  await check(async () => assert.equal(res.headers()['set-cookie'], undefined, 'no cookie set'));
  await check(async () => assert.deepEqual(await visitor.context().cookies(), [], 'no cookies'));
  await visitor.context().close();
  check.finish();
});

test('an unknown short link gets a friendly page without a cookie', async () => {
  const page = await newPage(browser);
  const check = collector();
  const res = await page.goto(url('/l/zzzzzzzz'));
  await check(async () => assert.equal(res.status(), 404));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['links-missing-title']));
  await check(async () => assert.equal(await page.getAttribute('html', 'lang'), 'de'));
  await check(async () => assert.deepEqual(await page.context().cookies(), [], 'no cookies'));
  await check(() => auditPage(page, 'link-missing'));
  await page.context().close();
  check.finish();
});

test('dashboard tables and the people list download as CSV and XLSX', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await page.goto(url(`${TENANT_START}analytics/programme?from=2026-02-01&to=2026-07-31`));
  await check(async () => assert.ok(
    (await page.locator('#link-clicks').innerText()).includes(DE['analytics-links']), 'the short-link clicks'));
  await check(() => auditPage(page, 'analytics-programme-links'));
  for (const [kind, ext] of [['export-csv', 'csv'], ['export-xlsx', 'xlsx']]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `${DE[kind]} – ${DE['analytics-chart-posts']}` }).click(),
    ]);
    await check(async () => assert.equal(download.suggestedFilename(),
      `musterstadt-beitraege-je-monat-und-orientierung-2026-02-01-bis-2026-07-31.${ext}`));
  }
  await page.goto(url(`${TENANT_START}people`));
  const [people] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `${DE['export-xlsx']} – ${DE['people-title']}` }).click(),
  ]);
  await check(async () => assert.match(people.suggestedFilename(), /^musterstadt-amtfluencer-\d{4}-\d{2}-\d{2}\.xlsx$/));
  await page.context().close();
  check.finish();
});
