// Signing out leads back to /login and ends the session.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  TENANT_START, USERS, andWaitForNavigation, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('sign-out leads back to /login and ends the session', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  assert.equal(pathOf(page), TENANT_START);

  await andWaitForNavigation(page, () => page.click('form[action="/logout"] :is(button, [type="submit"])'));
  assert.equal(pathOf(page), '/login', 'sign-out leads to /login');
  const check = collector();
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));

  // The start page no longer shows to this browser.
  const response = await page.goto(url(TENANT_START));
  assert.equal(await page.locator('form[action="/logout"]').count(), 0, 'no longer signed in');
  assert.ok(pathOf(page) === '/login' || response.status() >= 400,
    `the start page is not shown after sign-out (got ${response.status()} at ${pathOf(page)})`);
  await page.context().close();
  check.finish();
});
