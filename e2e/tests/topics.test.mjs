// Topic catalogue: an Amtfluencer filters the catalogue, opens an idea and proposes a topic
// (a missing title first); the team accepts it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('an ambassador browses the catalogue and proposes a topic', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-topics'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}topics`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['ideas-title'])));
  await check(() => auditPage(page, 'topics'));
  await page.getByLabel(DE['topic-field-category']).selectOption('Bauen');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['topics-filter-apply'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Richtfest!')));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: 'Richtfest!' }).click());
  await check(() => auditPage(page, 'topic-detail'));

  await page.goto(url(`${TENANT_START}topics/new`));
  await page.getByLabel(DE['topic-field-category']).fill('Bauen');
  await page.getByLabel(DE['topic-field-prompt']).fill('Zeig die Kräne über der Stadt.');
  await page.locator('#title').evaluate((el) => el.removeAttribute('required'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['topic-save'] }).click());
  await check(async () => assert.equal(await page.getByLabel(DE['topic-field-prompt']).inputValue(), 'Zeig die Kräne über der Stadt.'));
  await check(() => auditPage(page, 'topic-propose-error'));
  await page.getByLabel(DE['topic-field-title']).fill('Kräne über der Stadt');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['topic-save'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['topic-status-proposed'])));
  await page.context().close();

  const team = await newPage(browser);
  await login(team, USERS.admin);
  await team.goto(url(`${TENANT_START}topics?status=proposed`));
  await andWaitForNavigation(team, () => team.getByRole('link', { name: 'Kräne über der Stadt' }).click());
  await check(() => auditPage(team, 'topic-curate'));
  await andWaitForNavigation(team, () => team.getByRole('button', { name: DE['topic-accept'] }).click());
  await check(async () => assert.ok((await team.locator('main').innerText()).includes(DE['topic-status-active'])));
  await team.context().close();
  check.finish();
});
