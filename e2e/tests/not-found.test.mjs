// The 404 page: status, language and the link back to the start page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, EN, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const BACK_LINK = 'main a';
const LANG_BUTTON = 'form[action="/lang"] :is(button, [type="submit"])';

async function checkNotFound(page, check, path, { lang, msgs, signedIn }) {
  const response = await page.goto(url(path));
  assert.equal(response.status(), 404, `${path} answers 404`);
  await check(() => checkPageShell(page, { lang, signedIn }));
  await check(async () => assert.ok((await page.locator('h1').innerText()).includes(msgs['error-404-title']),
    `${path}: <h1> says "${msgs['error-404-title']}"`));
  await check(async () => assert.ok((await page.locator(BACK_LINK, { hasText: msgs['error-back'] }).count()) > 0,
    `${path}: a link "${msgs['error-back']}"`));
}

test('404 for another authority, signed in, with a link back to the start page', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  assert.equal(pathOf(page), TENANT_START);
  const check = collector();

  await checkNotFound(page, check, '/t/other-city/', { lang: 'de', msgs: DE, signedIn: true });
  await check(() => auditPage(page, 'not-found'));
  await check(async () => {
    const back = page.locator(BACK_LINK, { hasText: DE['error-back'] }).first();
    const response = await andWaitForNavigation(page, () => back.click());
    assert.equal(response.status(), 200, 'the link leads to a page that exists');
    assert.equal(pathOf(page), TENANT_START, 'the link leads to the start page');
  });
  await page.context().close();
  check.finish();
});

test('404 for an unknown path, signed out, German and English', async () => {
  const page = await newPage(browser);
  const check = collector();
  await checkNotFound(page, check, '/no/such/page', { lang: 'de', msgs: DE, signedIn: false });

  // The language switch works right on the 404 page of a first visit ...
  await check(async () => {
    const response = await andWaitForNavigation(page, () => page.click(LANG_BUTTON));
    const h1 = (await page.locator('h1').innerText()).trim();
    assert.ok(response.status() === 404 && (await page.getAttribute('html', 'lang')) === 'en',
      `language switch on the 404 page of a first visit: got ${response.status()} "${h1}" ` +
      `at ${pathOf(page)}, lang=${await page.getAttribute('html', 'lang')} (expected the English 404 page)`);
  });

  // ... and the 404 page follows the language chosen elsewhere.
  if ((await page.getAttribute('html', 'lang')) !== 'en') {
    await page.goto(url('/login'));
    await andWaitForNavigation(page, () => page.click(LANG_BUTTON));
  }
  await checkNotFound(page, check, '/no/such/page', { lang: 'en', msgs: EN, signedIn: false });
  await check(() => auditPage(page, 'not-found-en'));
  await page.context().close();
  check.finish();
});
