// The instance operator's page: the authorities on this instance.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AUTHORITY_NAME, DE, USERS, auditPage, checkPageShell, collector, launchBrowser, login, newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('operator page lists the authorities', async () => {
  const page = await newPage(browser);
  const response = await login(page, USERS.operator);
  assert.equal(pathOf(page), '/operator', 'the operator lands on /operator');
  assert.equal(response.status(), 200);
  const check = collector();
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));

  await check(async () => assert.equal(await page.locator('h1').count(), 1, 'exactly one <h1>'));
  await check(async () => {
    const main = page.locator('main');
    assert.ok((await main.innerText()).includes(DE['start-tenants']), `shows "${DE['start-tenants']}"`);
    assert.ok((await main.locator('li, tr').filter({ hasText: AUTHORITY_NAME }).count()) > 0,
      `the list contains "${AUTHORITY_NAME}"`);
  });

  await check(() => auditPage(page, 'operator'));
  await page.context().close();
  check.finish();
});
