// The login page: form, error state and keyboard-only use.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, PASSWORD, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The text of the input's <label> elements. */
function labelText(page, selector) {
  return page.$eval(selector, (el) => [...(el.labels ?? [])].map((l) => l.textContent.trim()).join(' '));
}

test('login page: labelled form with CSRF field', async () => {
  const page = await newPage(browser);
  const response = await page.goto(url('/login'));
  assert.equal(response.status(), 200);
  const check = collector();
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));

  await check(async () => {
    assert.equal(await page.getAttribute('input[name="email"]', 'type'), 'email');
    assert.equal(await labelText(page, 'input[name="email"]'), DE['login-email']);
    assert.equal(await page.getAttribute('input[name="password"]', 'type'), 'password');
    assert.equal(await labelText(page, 'input[name="password"]'), DE['login-password']);
  });
  await check(async () => {
    const form = page.locator('form:has(input[name="password"])');
    const csrf = form.locator('input[type="hidden"][name="csrf"]');
    assert.equal(await csrf.count(), 1, 'hidden csrf field');
    assert.notEqual((await csrf.getAttribute('value')) ?? '', '', 'csrf has a value');
    assert.ok((await form.locator('button[type="submit"], button:not([type]), input[type="submit"]').count()) > 0,
      'submit button');
  });

  await check(() => auditPage(page, 'login'));
  await page.context().close();
  check.finish();
});

test('login page: wrong password shows an alert and keeps the email', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin, 'not-the-password');
  assert.equal(pathOf(page), '/login', 'stays on the login page');
  const check = collector();
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));

  await check(async () => {
    const alert = page.locator('[role="alert"]');
    assert.ok((await alert.count()) > 0, 'an element with role="alert"');
    assert.ok((await alert.first().innerText()).includes(DE['login-failed']), 'the alert says why');
  });
  await check(async () =>
    assert.equal(await page.inputValue('input[name="email"]'), USERS.admin, 'the email is kept'));

  await check(() => auditPage(page, 'login-error'));
  await page.context().close();
  check.finish();
});

test('login page: keyboard only (skip link first, fill, submit with Enter)', async () => {
  const page = await newPage(browser);
  await page.goto(url('/login'));

  // The first Tab reaches the skip link; Enter follows it to <main>.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#main', 'the skip link jumps to #main');

  // Tab on to the email field (bounded), type, Tab to the password, type, Enter.
  let name = null;
  for (let i = 0; i < 25 && name !== 'email'; i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => document.activeElement?.getAttribute('name'));
  }
  assert.equal(name, 'email', 'the email field is reachable with Tab');
  await page.keyboard.type(USERS.admin);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password',
    'Tab moves from the email to the password field');
  await page.keyboard.type(PASSWORD);
  await andWaitForNavigation(page, () => page.keyboard.press('Enter'));
  assert.equal(pathOf(page), TENANT_START, 'signed in and on the start page');
  await page.context().close();
});
