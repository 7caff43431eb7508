// The operator creates an authority and sees the instance's health.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login, newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the operator creates an authority, with errors shown at the fields', async () => {
  const page = await newPage(browser);
  await login(page, USERS.operator);
  const check = collector();
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['operator-health'])));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['operator-new'] }).click());
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'operator-tenant-new'));

  await page.getByLabel(DE['operator-slug']).fill('Kreis Süd');
  await page.getByLabel(DE['operator-name'], { exact: true }).fill('Kreis Süd');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['operator-save'] }).click());
  await check(async () => assert.equal(await page.getByLabel(DE['operator-name'], { exact: true }).inputValue(), 'Kreis Süd'));
  await check(async () => assert.equal(await page.getByLabel(DE['operator-slug']).getAttribute('aria-invalid'), 'true'));
  await check(() => auditPage(page, 'operator-tenant-errors'));

  await page.getByLabel(DE['operator-slug']).fill(`kreis-sued-${Date.now() % 100000}`);
  await page.getByLabel(DE['operator-state']).selectOption('BW');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['operator-save'] }).click());
  await check(async () => assert.equal(pathOf(page), '/operator'));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Kreis Süd')));
  await page.context().close();
  check.finish();
});
