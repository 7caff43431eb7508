// Editorial calendar: an Amtfluencer plans a post, the hints appear, and the post moves to
// another day without JavaScript; the month, week and list views, the feed page and the
// team's working-time settings pass the accessibility check at desktop and phone size.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, DE, PASSWORD, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, pathOf, url,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('an ambassador plans a post on a Saturday, sees the hint and moves it without JavaScript', async () => {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false, bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await login(page, USERS.ambassador, PASSWORD);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-calendar'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}calendar`));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['calendar-plan'] }).first().click());
  await page.getByLabel(DE['calendar-field-topic']).selectOption({ label: 'Richtfest!' });
  await page.getByLabel(DE['calendar-field-date']).fill('2027-06-12');
  await page.getByLabel(DE['calendar-field-time']).fill('10:30');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['calendar-plan-save'] }).click());
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('Samstag ist kein Arbeitstag.'), 'the weekend hint');
  });
  await page.getByLabel(DE['calendar-field-new-date']).fill('2027-06-15');
  await page.getByLabel(DE['calendar-field-new-time']).fill('10:00');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['calendar-move-save'] }).click());
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(DE['calendar-moved-note']), 'moved');
    assert.ok(text.includes('15.6.2027, 10:00'), 'to the new day');
  });
  await page.goto(url(`${TENANT_START}calendar?view=list&date=2027-06-14`));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Richtfest!')));
  await context.close();
  check.finish();
});

test('the calendar views, the plan form and the feed page are accessible', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  for (const view of ['month', 'week', 'list']) {
    await page.goto(url(`${TENANT_START}calendar?view=${view}`));
    await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
    await check(() => auditPage(page, `calendar-${view}`));
  }
  await page.goto(url(`${TENANT_START}calendar/plan`));
  await check(() => auditPage(page, 'calendar-plan'));
  await page.goto(url(`${TENANT_START}calendar/feed`));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['feed-create'] }).click());
  await check(async () => assert.ok((await page.getByLabel(DE['feed-url']).inputValue()).includes('/feeds/')));
  await check(() => auditPage(page, 'calendar-feed'));
  await page.context().close();
  check.finish();
});

test('drag and drop moves a planned post to another day', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await page.goto(url(`${TENANT_START}calendar/plan?date=2027-07-06&time=11:00`));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['calendar-plan-save'] }).click());
  await page.goto(url(`${TENANT_START}calendar?view=month&date=2027-07-01`));
  const item = page.locator('td[data-date="2027-07-06"] [draggable="true"]').first();
  await andWaitForNavigation(page, () => item.dragTo(page.locator('td[data-date="2027-07-08"]')));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('8.7.2027, 11:00')));
  await page.context().close();
  check.finish();
});

test('the programme team keeps core hours, closure days and blackout periods', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await openAdmin(page, 'nav-working-time');
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Fronleichnam')));
  await page.getByLabel(DE['settings-blackout-from']).fill('2027-09-06');
  await page.getByLabel(DE['settings-blackout-to']).fill('2027-09-01');
  await page.getByLabel(DE['settings-blackout-reason']).fill('Bundestagswahl');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['settings-blackout-add'] }).click());
  await check(async () => assert.equal(await page.getByLabel(DE['settings-blackout-reason']).inputValue(), 'Bundestagswahl'));
  await check(() => auditPage(page, 'working-time-error'));
  await page.getByLabel(DE['settings-blackout-to']).fill('2027-09-12');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['settings-blackout-add'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['settings-saved'])));
  await page.goto(url(`${TENANT_START}calendar?view=month`));
  await check(() => auditPage(page, 'calendar-team'));
  await page.context().close();
  check.finish();
});
