// Publishing: an Amtfluencer opens their connections (LinkedIn is not set up on the demo
// instance; a Mastodon address that is not one comes back with the input kept), looks at their
// posts and tries to schedule one without a connection; the programme team looks at the health
// of every connection. Every page passes axe on desktop and phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('an Amtfluencer sees their connections and a wrong instance address comes back', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-connections'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}connections`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['connections-none'])));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['linkedin-not-configured'].slice(0, 40))));
  await check(() => auditPage(page, 'connections'));

  await page.getByLabel(DE['mastodon-field-instance']).fill('http://social.example');
  const wrong = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['connect-mastodon'] }).click());
  await check(async () => assert.equal(wrong.status(), 422));
  const field = page.getByLabel(DE['mastodon-field-instance']);
  await check(async () => assert.equal(await field.getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await field.inputValue(), 'http://social.example'));
  await check(() => auditPage(page, 'connections-error'));
  await page.context().close();
  check.finish();
});

test('an Amtfluencer sees their posts and cannot schedule one without a connection', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-publishing'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}publishing`));
  await check(() => auditPage(page, 'publishing'));

  const first = page.locator('main table a').first();
  if (await first.count() > 0) {
    await andWaitForNavigation(page, () => first.click());
    await check(async () => assert.match(pathOf(page), /\/publishing\/posts\/\d+$/));
    await check(() => auditPage(page, 'publishing-post'));
    const date = page.getByLabel(DE['schedule-field-date']);
    if (await date.count() > 0) {
      await date.fill('2030-03-06');
      await page.getByLabel(DE['schedule-field-time']).fill('10:00');
      const res = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['schedule-submit'] }).click());
      await check(async () => assert.equal(res.status(), 422));
      await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['schedule-error-no-connection'].slice(0, 40))));
      await check(() => auditPage(page, 'publishing-post-error'));
    }
  }
  await page.context().close();
  check.finish();
});

test('the programme team sees the health of every connection', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await openAdmin(page, 'nav-connections-team');
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}connections/team`));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['team-health-title']));
  await check(() => auditPage(page, 'connections-team'));
  await page.context().close();
  check.finish();
});
