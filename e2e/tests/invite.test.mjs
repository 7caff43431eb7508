// Invitations and the password reset in the browser. The demo instance has no SMTP server,
// so mail lands in the outbox: the programme team reads invitation links there, the operator
// reads reset links. Every page of the flows is checked with axe at desktop and phone size.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const NEW_PASSWORD = 'ein langes passwort für e2e';

/** A fresh address per run, so that the suite can run twice against one database. */
function freshEmail(label) {
  return `e2e.${label}.${Date.now()}@musterstadt.example`;
}

/** The input's aria-describedby targets' text. */
function describedBy(page, selector) {
  return page.$eval(selector, (el) => (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim() ?? `(missing #${id})`).join(' | '));
}

function submit(page) {
  return andWaitForNavigation(page, () => page.click('main form.stack button[type="submit"]'));
}

/** Opens the outbox mail to `recipient` (the worker writes it within a second or two). */
async function openMail(page, outboxPath, recipient) {
  await page.goto(url(outboxPath));
  const row = page.locator('tbody tr', { hasText: recipient });
  for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
    await page.waitForTimeout(250);
    await page.goto(url(outboxPath));
  }
  assert.ok((await row.count()) > 0, `no mail to ${recipient} in ${outboxPath}`);
  await andWaitForNavigation(page, () => row.first().getByRole('link').click());
}

/** The admin invites `email` as an ambassador; returns the invitation link from the outbox. */
async function inviteLink(page, email, name) {
  await page.goto(url(`${TENANT_START}invitations`));
  await page.fill('#email', email);
  await page.fill('#name', name);
  await page.selectOption('#role', 'ambassador');
  await submit(page);
  await openMail(page, `${TENANT_START}outbox`, email);
  return page.locator('main pre a[href*="/invite/"]').first().getAttribute('href');
}

test('the programme team invites someone, who joins through the link once', async () => {
  const admin = await newPage(browser);
  await login(admin, USERS.admin);
  const check = collector();
  await openAdmin(admin, 'nav-invitations');
  assert.equal(pathOf(admin), `${TENANT_START}invitations`);
  await check(() => checkPageShell(admin, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await admin.locator('h1').innerText(), DE['invitations-title']));
  await check(() => auditPage(admin, 'invitations'));

  // An empty form: every problem named next to its field and announced.
  const empty = await submit(admin);
  await check(async () => assert.equal(empty.status(), 422));
  await check(async () => assert.ok((await admin.locator('[role="alert"]').count()) > 0, 'an alert'));
  await check(async () => assert.equal(await describedBy(admin, '#email'), DE['invitations-error-email']));
  await check(async () => assert.equal(await describedBy(admin, '#role'), DE['invitations-error-role']));
  await check(() => auditPage(admin, 'invitations-errors'));

  const email = freshEmail('invite');
  const link = await inviteLink(admin, email, 'Erika Einladung');
  await check(async () => assert.ok((await admin.locator('main').innerText()).includes('Erika Einladung')));
  await check(() => auditPage(admin, 'outbox-mail'));
  await admin.goto(url(`${TENANT_START}outbox`));
  await check(() => auditPage(admin, 'outbox'));
  await admin.goto(url(`${TENANT_START}invitations`));
  await check(async () => assert.ok((await admin.locator('tbody').innerText()).includes(email), 'listed as open'));

  // The invited person, in a browser of their own.
  const guest = await newPage(browser);
  const shown = await guest.goto(link);
  assert.equal(shown.status(), 200);
  await check(() => checkPageShell(guest, { lang: 'de', signedIn: false }));
  await check(async () => assert.equal(await guest.inputValue('#email'), email));
  await check(() => auditPage(guest, 'invite-accept'));
  await guest.fill('#name', 'Erika Einladung');
  await guest.fill('#password', 'zu-kurz');
  await guest.fill('#password2', 'zu-kurz');
  const short = await submit(guest);
  await check(async () => assert.equal(short.status(), 422));
  await check(async () => assert.ok((await describedBy(guest, '#password')).includes(DE['password-too-short'])));
  await check(async () => assert.equal(await guest.inputValue('#name'), 'Erika Einladung', 'the name is kept'));
  await check(() => auditPage(guest, 'invite-accept-errors'));
  await guest.fill('#password', NEW_PASSWORD);
  await guest.fill('#password2', NEW_PASSWORD);
  await submit(guest);
  assert.equal(pathOf(guest), TENANT_START, 'signed in on the start page');
  await check(() => checkPageShell(guest, { lang: 'de', signedIn: true }));

  // The link was for one use.
  const spent = await guest.goto(link);
  await check(async () => assert.equal(spent.status(), 410));
  await check(async () => assert.equal(await guest.locator('h1').innerText(), DE['link-invalid-title']));
  await check(() => auditPage(guest, 'invite-spent'));
  await guest.context().close();
  await admin.context().close();
  check.finish();
});

test('a forgotten password is reset through the link the operator finds in the outbox', async () => {
  // Someone of our own to reset: the demo logins must keep their password for other tests.
  const admin = await newPage(browser);
  await login(admin, USERS.admin);
  const email = freshEmail('reset');
  const link = await inviteLink(admin, email, 'Rita Reset');
  await admin.context().close();
  const person = await newPage(browser);
  await person.goto(link);
  await person.fill('#name', 'Rita Reset');
  await person.fill('#password', 'das erste passwort');
  await person.fill('#password2', 'das erste passwort');
  await submit(person);
  await person.context().close();

  const check = collector();
  const page = await newPage(browser);
  await page.goto(url('/login'));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['forgot-link'] }).click());
  assert.equal(pathOf(page), '/password/forgot');
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(() => auditPage(page, 'forgot'));
  await page.fill('#email', email);
  await submit(page);
  assert.equal(pathOf(page), '/password/forgot/sent');
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['forgot-sent-title']));
  await check(() => auditPage(page, 'forgot-sent'));

  const operator = await newPage(browser);
  await login(operator, USERS.operator);
  await andWaitForNavigation(operator, () => operator.getByRole('link', { name: DE['nav-outbox'] }).click());
  await check(() => auditPage(operator, 'operator-outbox'));
  await openMail(operator, '/operator/outbox', email);
  const reset = await operator.locator('main pre a[href*="/password/reset/"]').first().getAttribute('href');
  await operator.context().close();

  await page.goto(reset);
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(() => auditPage(page, 'reset'));
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password2', `${NEW_PASSWORD}!`);
  const typo = await submit(page);
  await check(async () => assert.equal(typo.status(), 422));
  await check(async () => assert.equal(await describedBy(page, '#password2'), DE['password-mismatch']));
  await check(() => auditPage(page, 'reset-errors'));
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password2', NEW_PASSWORD);
  await submit(page);
  assert.equal(pathOf(page), '/password/changed');
  await check(() => auditPage(page, 'reset-done'));
  await login(page, email, NEW_PASSWORD);
  await check(async () => assert.equal(pathOf(page), TENANT_START, 'the new password works'));
  await page.context().close();
  check.finish();
});
