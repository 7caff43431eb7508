// Photo consent and the second look: the team switches the review on, an Amtfluencer adds a
// photo, lists a person under 18 (first without the guardian), asks for approval; the team asks
// for changes (first without a comment) and the author reads the comment in the editor.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });

// A 1×1 PNG: enough for the pipeline (it warns that the photo is small).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TEXT = 'Heute haben wir mit der Jugendfeuerwehr den neuen Übungsplatz eingeweiht.\n\nWas wollt ihr über die Ausbildung wissen?\n\n#Feuerwehr #Musterstadt #Ehrenamt';

test('a photo with a minor needs the guardian, and the team gives the post a second look', async () => {
  const page = await newPage(browser);
  const check = collector();

  // The team asks for a second look on every post.
  await login(page, USERS.admin);
  await openAdmin(page, 'nav-studio-settings');
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'studio-settings'));
  await page.getByLabel(DE['review-policy-all']).check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-settings-save'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['studio-settings-saved'])));
  await page.context().clearCookies();

  // The Amtfluencer writes, adds a photo and lists the people in it.
  await login(page, USERS.ambassador);
  await page.goto(new URL(`${TENANT_START}studio`, page.url()).href);
  await page.getByLabel(DE['studio-template']).selectOption('hook');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-start'] }).click());
  const editor = pathOf(page);
  await page.getByLabel(DE['studio-body']).fill(TEXT);
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-save'] }).click());
  await page.locator('#photo').setInputFiles({ name: 'uebung.png', mimeType: 'image/png', buffer: PNG });
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-photo-upload'] }).click());
  await page.getByLabel(DE['studio-alt']).fill('Jugendliche der Feuerwehr rollen einen Schlauch aus.');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-alt-save'] }).click());
  await page.getByLabel(DE['consent-answer-yes']).check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['consent-answer-save'] }).click());

  await page.locator('#person_name').fill('Mia Krüger');
  await page.locator('#person_kind').selectOption('citizen');
  await page.locator('input[name="minor"]').check();
  await page.locator('#person_consent_on').fill('2026-11-20');
  const wrong = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['consent-add'], exact: true }).click());
  await check(async () => assert.equal(wrong.status(), 422));
  await check(async () => assert.equal(await page.locator('#person_guardian').getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await page.locator('#person_name').inputValue(), 'Mia Krüger'));
  await check(() => auditPage(page, 'studio-consent-error'));
  await page.locator('#person_guardian').fill('Jana Krüger');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['consent-add'], exact: true }).click());
  await check(async () => assert.ok((await page.locator('.consent-list').innerText()).includes('Jana Krüger')));

  // Still stopped: the second look is missing.
  await check(async () => assert.ok((await page.locator('#studio-blockers').innerText()).includes('Freigabe')));
  await page.getByLabel(DE['review-note']).fill('Ist der Schluss so gut?');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['review-request'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['review-state-pending'])));
  await check(() => auditPage(page, 'studio-review-pending'));
  await page.context().clearCookies();

  // The team asks for changes.
  await login(page, USERS.admin);
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-reviews'] }).click());
  await check(() => auditPage(page, 'reviews'));
  await andWaitForNavigation(page, () => page.locator('main table a').first().click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('Ist der Schluss so gut?')));
  await check(() => auditPage(page, 'review-detail'));
  const noComment = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['reviews-changes'] }).click());
  await check(async () => assert.equal(noComment.status(), 422));
  await check(async () => assert.equal(await page.locator('#comment').getAttribute('aria-invalid'), 'true'));
  await page.locator('#comment').fill('Bitte noch sagen, wann das nächste Training ist.');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['reviews-changes'] }).click());
  await check(async () => assert.ok(pathOf(page).endsWith('/reviews')));
  await page.context().clearCookies();

  await login(page, USERS.ambassador);
  await page.goto(new URL(editor, page.url()).href);
  await check(async () => assert.ok((await page.locator('main').innerText()).includes('wann das nächste Training ist')));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['review-state-changes'])));
  await page.context().close();
  check.finish();
});

// Other journeys run against the same demo: the review goes back off, whatever happened above.
after(async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  await page.goto(new URL(`${TENANT_START}settings/studio`, page.url()).href);
  await page.getByLabel(DE['review-policy-off']).check();
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-settings-save'] }).click());
  await page.context().close();
  await browser?.close();
});
