// Events: the programme team plans an info event (a wrong time first), invites an
// Amtfluencer and someone interested, and records attendance; the Amtfluencer answers in the
// app; the interested person answers through the link in the mail, without an account.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

const TITLE = 'Infoveranstaltung: Amtfluencer 3.0';
let eventPath;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the programme team plans an event, invites people and records who came', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-events'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}events`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.ok(
    (await page.locator('main').innerText()).includes('Auftaktworkshop Teil 1'), 'the pilot events are listed'));
  await check(() => auditPage(page, 'events'));

  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['events-new'] }).click());
  await check(() => auditPage(page, 'event-new'));
  await page.getByLabel(DE['event-field-kind']).selectOption('info_event');
  await page.getByLabel(DE['event-field-title']).fill(TITLE);
  await page.getByLabel(DE['event-field-date']).fill('2027-01-14');
  await page.getByLabel(DE['event-field-start']).fill('10:00');
  await page.getByLabel(DE['event-field-end']).fill('09:00');
  await page.getByLabel(DE['event-field-location']).fill('Ratssaal, Rathaus Musterstadt');
  await page.getByLabel(DE['event-field-capacity']).fill('40');
  const wrong = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-save'] }).click());
  await check(async () => assert.equal(wrong.status(), 422));
  await check(async () => assert.equal(await page.getByLabel(DE['event-field-end']).getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await page.getByLabel(DE['event-field-title']).inputValue(), TITLE));
  await check(async () => assert.ok((await page.locator('#end-error').innerText()).includes(DE['event-error-order'])));
  await check(() => auditPage(page, 'event-new-error'));

  await page.getByLabel(DE['event-field-end']).fill('11:30');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-save'] }).click());
  await check(async () => assert.match(pathOf(page), /\/events\/\d+$/));
  eventPath = pathOf(page);
  await check(async () => assert.equal(await page.locator('h1').innerText(), TITLE));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('14.1.2027, 10:00–11:30')));

  // Invite Katharina Brenner and the first person interested in the next round.
  await page.getByLabel(/Katharina Brenner/).check();
  await page.locator('fieldset', { hasText: DE['event-invite-candidates'] }).locator('input[type="checkbox"]').first().check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-invite-button'] }).click());
  await check(async () => assert.ok(
    (await page.locator('main').innerText()).includes(DE['event-invited-flash'].replace('{ $count }', '2'))));
  await check(() => auditPage(page, 'event-detail-team'));

  // Katharina came (recorded in advance for the test's sake), the other person did not.
  await page.getByLabel(/Katharina Brenner/).check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-save-attendance'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['event-attendance-saved'])));
  await check(async () => assert.ok(await page.getByLabel(/Katharina Brenner/).isChecked()));
  await page.context().close();
  check.finish();
});

test('an invited Amtfluencer answers in the app and downloads the calendar file', async () => {
  assert.ok(eventPath, 'the event of the first test');
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-events'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(TITLE)));
  await check(() => auditPage(page, 'events-ambassador'));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: TITLE }).click());
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-answer-yes'], exact: true }).click());
  await check(async () => assert.equal(
    await page.getByRole('button', { name: DE['event-answer-yes'], exact: true }).getAttribute('aria-pressed'), 'true'));
  await check(async () => assert.equal(await page.getByText(DE['event-col-present']).count(), 0, 'no attendance list'));
  await check(() => auditPage(page, 'event-detail-ambassador'));
  const ics = await page.request.get(url(`${eventPath}/event.ics`));
  await check(async () => {
    assert.equal(ics.status(), 200);
    const body = await ics.text();
    assert.ok(body.startsWith('BEGIN:VCALENDAR\r\n') && body.includes('DTSTART:20270114T090000Z'), body);
  });
  await page.context().close();
  check.finish();
});

test('someone interested answers through the link in the mail, without an account', async () => {
  assert.ok(eventPath, 'the event of the first test');
  const admin = await newPage(browser);
  await login(admin, USERS.admin);
  await admin.goto(url(`${TENANT_START}outbox`));
  const row = admin.locator('tbody tr', { hasText: 'Einladung: Infoveranstaltung' })
    .filter({ hasNotText: 'katharina.brenner' });
  for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
    await admin.waitForTimeout(250);
    await admin.goto(url(`${TENANT_START}outbox`));
  }
  assert.ok((await row.count()) > 0, 'the invitation mail is in the outbox');
  await andWaitForNavigation(admin, () => row.first().getByRole('link').click());
  const link = await admin.locator('main pre a[href*="/rsvp/"]').first().getAttribute('href');
  await admin.context().close();

  const page = await newPage(browser);
  const check = collector();
  await page.goto(link);
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(TITLE)));
  await check(() => auditPage(page, 'rsvp'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['event-answer-no'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['rsvp-thanks-no'])));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['rsvp-no'])));
  await page.context().close();
  check.finish();
});
