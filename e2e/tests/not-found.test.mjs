// The 404 page: status, language and the link back to the start page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, EN, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, launchBrowser,
  login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function checkNotFound(page, path, { lang, msgs, signedIn }) {
  const response = await page.goto(url(path));
  assert.equal(response.status(), 404, `${path} answers 404`);
  await checkPageShell(page, { lang, signedIn });
  assert.ok((await page.locator('h1').innerText()).includes(msgs['error-404-title']),
    `<h1> says "${msgs['error-404-title']}"`);
  const back = page.locator('main a', { hasText: msgs['error-back'] });
  assert.ok((await back.count()) > 0, `a link "${msgs['error-back']}"`);
  return back.first();
}

test('404 for another authority, signed in, with a link back to the start page', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  assert.equal(pathOf(page), TENANT_START);

  const back = await checkNotFound(page, '/t/other-city/', { lang: 'de', msgs: DE, signedIn: true });
  await auditPage(page, 'not-found');
  const response = await andWaitForNavigation(page, () => back.click());
  assert.equal(response.status(), 200, 'the link leads to a page that exists');
  assert.equal(pathOf(page), TENANT_START, 'the link leads to the start page');
  await page.context().close();
});

test('404 for an unknown path, signed out, German and English', async () => {
  const page = await newPage(browser);
  await checkNotFound(page, '/no/such/page', { lang: 'de', msgs: DE, signedIn: false });

  await andWaitForNavigation(page, () => page.click('form[action="/lang"] button, form[action="/lang"] [type="submit"]'));
  await checkNotFound(page, '/no/such/page', { lang: 'en', msgs: EN, signedIn: false });
  await auditPage(page, 'not-found-en');
  await page.context().close();
});
