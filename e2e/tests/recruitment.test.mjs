// Recruitment for the next cohort: a colleague nominates themselves without an account, the
// programme team sees them on the list with the under-18 flag and opens the balance view.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const JOIN = `${TENANT_START}mitmachen`;
const RECRUITMENT = `${TENANT_START}recruitment`;
const SUFFIX = Date.now() % 100000;
const NAME = { first: 'Lina', last: `Sommer${SUFFIX}` };
const EMAIL = `lina.sommer${SUFFIX}@musterstadt.example`;
// An apprentice of 15 or 16 (born 2010 in 2026).
const BIRTH_YEAR = String(new Date().getFullYear() - 16);

test('a colleague nominates themselves without an account, first with a mistake', async () => {
  const page = await newPage(browser);
  const response = await page.goto(url(JOIN));
  assert.equal(response.status(), 200);
  const check = collector();
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(async () => assert.ok((await page.locator('h1').innerText()).includes(DE['join-title'])));
  await check(() => auditPage(page, 'recruitment-join'));

  await page.getByLabel(DE['join-first-name']).fill(NAME.first);
  await page.getByLabel(DE['join-last-name']).fill(NAME.last);
  // Valid for the browser, not for us: an address needs a domain with a dot.
  await page.getByLabel(DE['join-email']).fill('lina.sommer@intranet');
  await page.getByLabel(DE['recruitment-department']).fill('Tiefbau');
  await page.getByLabel(DE['recruitment-job-title']).fill('Auszubildende Straßenbauerin');
  await page.getByLabel(DE['recruitment-track']).selectOption('apprentice');
  await page.getByLabel(DE['join-motivation']).fill('Ich zeige gern, wie eine Straße entsteht.');
  await page.getByLabel(DE['recruitment-birth-year']).fill(BIRTH_YEAR);
  await page.getByLabel(DE['join-agree']).check();
  const bad = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['join-submit'] }).click());
  await check(async () => assert.equal(bad.status(), 422));
  await check(async () => assert.equal(pathOf(page), JOIN));
  await check(async () => assert.equal(await page.getByLabel(DE['join-email']).getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await page.getByLabel(DE['join-last-name']).inputValue(), NAME.last));
  await check(async () => assert.ok(await page.getByLabel(DE['join-agree']).isChecked(), 'the agreement stays ticked'));
  await check(async () => assert.ok((await page.locator('[role="alert"]').innerText()).includes(DE['recruitment-check'])));
  await check(() => auditPage(page, 'recruitment-join-errors'));

  await page.getByLabel(DE['join-email']).fill(EMAIL);
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['join-submit'] }).click());
  await check(async () => assert.equal(pathOf(page), `${JOIN}/danke`));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['join-thanks-title'])));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(() => auditPage(page, 'recruitment-join-thanks'));
  await page.context().close();
  check.finish();
});

test('the programme team sees the under-18 flag and opens the balance view', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-recruitment'] }).click());
  await check(async () => assert.equal(pathOf(page), RECRUITMENT));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  const row = page.locator('tbody tr', { hasText: `${NAME.first} ${NAME.last}` });
  await check(async () => assert.equal(await row.count(), 1, 'the self-nominated colleague is listed'));
  await check(async () => {
    const text = await row.innerText();
    assert.ok(text.includes(DE['recruitment-minor-yes']), `flagged in words: ${text}`);
    assert.ok(text.includes(DE['recruitment-way-self']), `self-nominated: ${text}`);
  });
  await check(() => auditPage(page, 'recruitment-list'));

  await andWaitForNavigation(page, () => row.getByRole('link').click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['recruitment-minor-yes'])));
  await check(async () => assert.equal(await page.locator('textarea[name="note"]').count(), 1, 'the team note form'));
  await check(() => auditPage(page, 'recruitment-candidate'));

  await page.goto(url(RECRUITMENT));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['recruitment-balance-link'] }).click());
  await check(async () => assert.equal(pathOf(page), `${RECRUITMENT}/balance`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('table caption').count(), 4, 'four captioned tables'));
  await check(async () => {
    const headers = await page.locator('table th[scope="row"]').allInnerTexts();
    assert.ok(headers.includes(DE['balance-not-shown']), `a "not shown" row: ${headers}`);
  });
  await check(() => auditPage(page, 'recruitment-balance'));

  await page.goto(url(`${RECRUITMENT}/nominate`));
  await check(() => auditPage(page, 'recruitment-nominate'));
  await page.context().close();
  check.finish();
});
