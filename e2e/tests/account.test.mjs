// The own account: API tokens shown once, and signing out everywhere.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a person creates an API token, sees it once, and revokes it', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-account'] }).click());
  await check(async () => assert.equal(pathOf(page), '/account'));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'account'));

  await page.getByLabel(DE['account-token-name'], { exact: true }).fill('Auswertungsskript');
  await page.getByLabel(DE['account-scope-write']).check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['account-token-create'] }).click());
  const secret = await page.locator('#new-token').inputValue();
  await check(async () => assert.match(secret, /^amtf_[0-9a-f]{64}$/));
  await check(() => auditPage(page, 'account-token-created'));

  // The API answers with the token.
  const res = await fetch(url('/api/v1/me'), { headers: { Authorization: `Bearer ${secret}` } });
  await check(async () => assert.equal(res.status, 200));

  await page.goto(url('/account'));
  await check(async () => assert.equal(await page.locator('#new-token').count(), 0, 'shown only once'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: new RegExp(DE['account-token-revoke']) }).first().click());
  const after = await fetch(url('/api/v1/me'), { headers: { Authorization: `Bearer ${secret}` } });
  await check(async () => assert.equal(after.status, 401, 'a revoked token is refused'));
  await page.context().close();
  check.finish();
});

test('signing out everywhere ends the session', async () => {
  const page = await newPage(browser);
  await login(page, USERS.council);
  await page.goto(url('/account'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['account-end-all'] }).click());
  assert.equal(pathOf(page), '/login');
  await page.goto(url('/account'));
  assert.equal(pathOf(page), '/login', 'the account page needs a new sign-in');
  await page.context().close();
});
