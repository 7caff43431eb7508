// The language switch: English after pressing it, and remembered on later page loads.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, EN, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const LANG_BUTTON = 'form[action="/lang"] :is(button, [type="submit"])';

test('switching to English is remembered, and back to German', async () => {
  const page = await newPage(browser);
  const check = collector();
  await page.goto(url('/login'));
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal((await page.locator('h1').innerText()).trim(), DE['login-title']);

  const response = await andWaitForNavigation(page, () => page.click(LANG_BUTTON));
  assert.equal(response.status(), 200);
  assert.equal(pathOf(page), '/login', 'the switch reloads the same page');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'English after the switch');
  await check(() => checkPageShell(page, { lang: 'en', signedIn: false }));
  await check(async () => assert.equal((await page.locator('h1').innerText()).trim(), EN['login-title']));
  await check(() => auditPage(page, 'login-en'));

  // A new page load keeps English (cookie), also after signing in.
  await page.goto(url('/login'));
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'English on the next page load');
  await login(page, USERS.admin);
  assert.equal(pathOf(page), TENANT_START);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'English after signing in');
  await check(() => checkPageShell(page, { lang: 'en', signedIn: true }));
  await check(async () =>
    assert.ok((await page.locator('main').innerText()).includes(EN['start-cohort']), 'English start page'));
  await check(() => auditPage(page, 'start-admin-en'));

  // And back to German.
  await andWaitForNavigation(page, () => page.click(LANG_BUTTON));
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.reload();
  assert.equal(await page.getAttribute('html', 'lang'), 'de', 'German is remembered too');
  await page.context().close();
  check.finish();
});
