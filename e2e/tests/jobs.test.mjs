// The programme team's page of failed background jobs; other roles have no link to it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, andWaitForNavigation, DE, TENANT_START, USERS, auditPage, checkPageShell, collector, launchBrowser, login, newPage, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the programme team reaches the failed-jobs page from the navigation', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  // The administration area: one entry in the bar, the pages listed with what they are for.
  await andWaitForNavigation(page, () => page.locator('nav').getByRole('link', { name: DE['nav-admin'] }).click());
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['admin-title']));
  await check(() => auditPage(page, 'admin'));
  await openAdmin(page, 'nav-jobs');
  await check(async () => assert.equal(new URL(page.url()).pathname, `${TENANT_START}jobs`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['jobs-title']));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['jobs-none'])));
  await check(async () => assert.equal(
    await page.locator('nav a[aria-current="page"]').innerText(), DE['nav-admin']));
  await check(() => auditPage(page, 'jobs'));
  await page.context().close();
  check.finish();
});

test('other roles see no jobs link and get 403 on the page', async () => {
  const page = await newPage(browser);
  await login(page, USERS.council);
  const check = collector();
  await check(async () => assert.equal(await page.getByRole('link', { name: DE['nav-jobs'] }).count(), 0));
  const res = await page.goto(url(`${TENANT_START}jobs`));
  await check(async () => assert.equal(res.status(), 403));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['error-403-title']));
  await check(() => auditPage(page, 'jobs-forbidden'));
  await page.context().close();
  check.finish();
});
