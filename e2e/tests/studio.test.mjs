// The writing studio: an Amtfluencer starts a post from a template, types and sees the live
// checks and the preview, saves without the script's help, and marks the post as published by
// hand with a wrong address first.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const TEXT = 'Was macht eigentlich eine Bauingenieurin bei der Stadt? 🚧\n\nHeute war ich mit dem Team auf der Baustelle der neuen Radwegbrücke über die Rheinaue. Zwischen Statik, Naturschutz und Bürgerfragen gab es viel zu klären.\n\nWas würdet ihr gern über meinen Job wissen?\n\n#Bauamt #Radverkehr #Musterstadt';

test('an Amtfluencer writes a post with live checks and marks it published', async () => {
  const page = await newPage(browser);
  await login(page, USERS.ambassador);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-studio'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}studio`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'studio'));

  await page.getByLabel(DE['studio-template']).selectOption('hook');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-start'] }).click());
  await check(async () => assert.match(pathOf(page), /\/studio\/\d+$/));
  await check(async () => assert.ok((await page.getByLabel(DE['studio-body']).inputValue()).includes('[Ein starker erster Satz')));

  // Typing: the checks and the preview follow without a reload, the draft saves itself.
  await page.getByLabel(DE['studio-body']).fill('Liebe Kolleginnen und Kollegen, heute möchte ich etwas erzählen.');
  await check(async () => {
    await page.locator('#studio-findings li', { hasText: 'ist eine Anrede' }).first().waitFor({ timeout: 5000 });
  });
  await page.getByLabel(DE['studio-body']).fill(TEXT);
  await check(async () => {
    await page.locator('.li-desktop .li-before', { hasText: 'Bauingenieurin' }).waitFor({ timeout: 5000 });
    const shown = await page.locator('.li-desktop .li-before').innerText();
    assert.ok(TEXT.startsWith(shown.trimEnd().slice(0, 40)), 'the preview starts with the text');
  });
  await check(async () => {
    await page.locator('#studio-autosave', { hasText: 'gespeichert' }).waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
  });
  await check(() => auditPage(page, 'studio-editor'));

  // Saving with the button reloads the page with the stored text.
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-save'] }).click());
  await check(async () => assert.equal(await page.getByLabel(DE['studio-body']).inputValue(), TEXT));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['studio-saved'])));

  await page.getByLabel(DE['studio-posted-url']).fill('https://www.linkedin.com/in/katharina-brenner');
  const wrong = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-posted'] }).click());
  await check(async () => assert.equal(wrong.status(), 422));
  await check(async () => assert.equal(await page.getByLabel(DE['studio-posted-url']).getAttribute('aria-invalid'), 'true'));
  await check(() => auditPage(page, 'studio-posted-error'));
  await page.getByLabel(DE['studio-posted-url']).fill('https://www.linkedin.com/feed/update/urn:li:activity:7266000000000000000/');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['studio-posted'] }).click());
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['studio-status-published'])));
  await page.context().close();
  check.finish();
});
