// Figures: the programme team imports a page export (preview, confirm, the same file again
// refused) and opens the dashboards; an Amtfluencer sees their own figures. Every page is
// checked with axe on desktop and phone.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'amtf-figures-'));

// A Followers export as CSV is not what LinkedIn delivers; Shares.csv is, and needs no workbook.
function sharesCsv() {
  const path = join(dir, 'Shares.csv');
  writeFileSync(path, '\uFEFFDate,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n'
    + '2026-03-03 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7399999999999999991,"Ein Beitrag, den es bei uns nicht gibt",,,PUBLIC\n');
  return path;
}

test('the programme team imports a file after a preview and the same file again changes nothing', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-imports'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}imports`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'imports'));

  const file = sharesCsv();
  await page.getByLabel(DE['imports-file']).setInputFiles(file);
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['imports-check'] }).click());
  await check(async () => assert.ok(
    (await page.locator('#imports-summary').innerText()).includes('1 zum Zuordnen vorgemerkt')));
  await check(() => auditPage(page, 'imports-preview'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['imports-confirm'] }).click());
  await check(async () => assert.ok((await page.locator('#imports-notice').innerText()).includes('Import gespeichert')));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Ein Beitrag')));
  await check(() => auditPage(page, 'imports-unmatched'));

  await page.getByLabel(DE['imports-file']).setInputFiles(file);
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['imports-check'] }).click());
  await check(async () => assert.ok((await page.locator('#imports-duplicate').innerText()).includes('bereits am')));
  await check(async () => assert.equal(await page.getByRole('button', { name: DE['imports-confirm'] }).count(), 0));
  await page.context().close();
  check.finish();
});

test('the programme team and the council read the dashboards; aggregates only', async () => {
  for (const who of [USERS.admin, USERS.council]) {
    const page = await newPage(browser);
    await login(page, who);
    const check = collector();
    await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-analytics'] }).click());
    await check(async () => assert.equal(pathOf(page), `${TENANT_START}analytics/programme`));
    for (const [tab, name] of [['analytics-programme', 'programme'], ['analytics-topics', 'topics'], ['analytics-page-effect', 'page-effect']]) {
      await page.goto(url(`${TENANT_START}analytics/${name}?from=2026-02-01&to=2026-07-31`));
      await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
      await check(async () => assert.equal(await page.locator('h1').innerText(), DE[tab]));
      await check(async () => assert.ok(await page.locator('svg.chart').count() >= 1, 'a chart'));
      await check(async () => assert.ok((await page.locator('#sources').innerText()).includes('Keine Daten seit')));
      await check(() => auditPage(page, `analytics-${name}${who === USERS.council ? '-council' : ''}`));
    }
    const participation = await page.goto(url(`${TENANT_START}analytics/participation`));
    await check(async () => assert.equal(participation.status(), who === USERS.admin ? 200 : 403));
    if (who === USERS.admin) await check(() => auditPage(page, 'analytics-participation'));
    await page.context().close();
    check.finish();
  }
});

test('an Amtfluencer sees their own figures', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-analytics'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}analytics/personal`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['analytics-personal']));
  await check(() => auditPage(page, 'analytics-personal'));
  const programme = await page.goto(url(`${TENANT_START}analytics/programme`));
  await check(async () => assert.equal(programme.status(), 403));
  await page.context().close();
  check.finish();
});
