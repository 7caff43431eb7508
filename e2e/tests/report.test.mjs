// The evaluation report: leadership opens it from the pilot cohort's page, reads it on screen
// (checked with axe on desktop and phone) and in print, and downloads the PDF and the workbook;
// an Amtfluencer may not open it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AUTHORITY_NAME, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

const PILOT = 'Pilotrunde 2026';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('leadership reads the pilot report on screen and in print and downloads PDF and workbook', async () => {
  const page = await newPage(browser);
  await login(page, USERS.leadership);
  const check = collector();
  await page.goto(url(`${TENANT_START}cohorts`));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: PILOT }).click());
  await andWaitForNavigation(page, () => page.locator('#report-link').click());
  await check(async () => assert.match(pathOf(page), /\/cohorts\/\d+\/report$/));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), `Auswertungsbericht: ${PILOT}`));
  await check(async () => assert.equal(await page.locator('.report-authority').innerText(), AUTHORITY_NAME));
  await check(async () => {
    const headings = await page.locator('main h2').allInnerTexts();
    for (const key of ['report-overview', 'report-findings', 'report-participants', 'report-posts',
      'report-topics', 'report-page', 'report-links', 'report-costs', 'report-decision', 'report-method']) {
      assert.ok(headings.includes(DE[key]), `heading ${DE[key]}`);
    }
  });
  await check(async () => {
    const captions = await page.locator('main table caption').count();
    const tables = await page.locator('main table').count();
    assert.ok(tables >= 10 && captions === tables, `${captions} captions for ${tables} tables`);
  });
  await check(async () => {
    const charts = page.locator('main svg[role="img"]');
    assert.equal(await charts.count(), 4);
    for (const svg of await charts.all()) {
      const described = await svg.getAttribute('aria-describedby');
      assert.ok((await page.locator(`#${described}`).innerText()).length > 10, `summary of ${described}`);
    }
  });
  await check(async () => {
    const costs = await page.locator('#figures').innerText();
    // The pilot's costs (the cohorts test may have added an item to the seeded 4.872,50 €).
    const total = await page.locator('#figures tr', { hasText: DE['cost-total'] }).locator('td').innerText();
    assert.match(total, /^\d{1,3}(\.\d{3})*,\d{2} €$/, 'the pilot costs in euros');
    // The cohorts test may have recorded the decision already (the tests share one demo).
    assert.ok(['pending', 'approved', 'declined'].some((d) => costs.includes(DE[`cohort-decision-${d}`])),
      'the state of the decision');
  });
  await check(() => auditPage(page, 'report'));

  // In print, navigation, the download links and the footer are left out.
  await page.emulateMedia({ media: 'print' });
  await check(async () => {
    assert.equal(await page.locator('.site-header').isVisible(), false, 'header hidden in print');
    assert.equal(await page.locator('.report-downloads').isVisible(), false, 'downloads hidden in print');
    assert.equal(await page.locator('h1').isVisible(), true);
    assert.equal(await page.locator('#months').isVisible(), true, 'tables are printed');
  });
  await page.emulateMedia({ media: 'screen' });

  for (const [name, type, magic] of [
    [DE['report-download-pdf'], 'application/pdf', '%PDF-'],
    [DE['report-download-xlsx'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
  ]) {
    await check(async () => {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const res = await page.request.get(url(href));
      assert.equal(res.status(), 200, name);
      assert.equal(res.headers()['content-type'], type);
      const body = await res.body();
      assert.equal(body.subarray(0, magic.length).toString('latin1'), magic, `${name} is a ${type} file`);
    });
  }
  await page.context().close();
  check.finish();
});

test('an Amtfluencer cannot open the report', async () => {
  const page = await newPage(browser);
  await login(page, USERS.leadership);
  await page.goto(url(`${TENANT_START}cohorts`));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: PILOT }).click());
  const report = `${pathOf(page)}/report`;
  await page.context().close();

  const own = await newPage(browser);
  await login(own, USERS.ambassador);
  const res = await own.goto(url(report));
  assert.equal(res.status(), 403);
  await own.context().close();
});
