// Cohorts: leadership records the decision on the pilot cohort; the programme team adds a
// cost item to its budget, with a wrong amount first.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf, url,
} from '../lib.mjs';

const PILOT = 'Pilotrunde 2026';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('leadership opens the pilot cohort and records the decision', async () => {
  const page = await newPage(browser);
  await login(page, USERS.leadership);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-cohorts'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}cohorts`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(
    await page.locator('nav a[aria-current="page"]').innerText(), DE['nav-cohorts']));
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('Amtfluencer 2.0') && text.includes('4.872,50 €'), 'both cohorts and the pilot costs');
  });
  await check(() => auditPage(page, 'cohorts'));

  await andWaitForNavigation(page, () => page.getByRole('link', { name: PILOT }).click());
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), PILOT));
  await check(async () => assert.ok(
    (await page.locator('main').innerText()).includes(DE['cohort-awaiting-decision'])));
  await check(() => auditPage(page, 'cohort-decision-form'));

  await page.getByLabel(DE['cohort-decide-approved']).check();
  await page.getByLabel(DE['cohort-decision-comment']).fill(
    'Die Reichweite der Stadtseite ist deutlich gestiegen; die nächste Runde mit Auszubildenden soll kommen.');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['cohort-decide'] }).click());
  await check(async () => {
    const decision = await page.locator('#decision').innerText();
    assert.ok(decision.includes(DE['cohort-decision-approved']), 'the decision is shown');
    assert.ok(decision.includes('Dr. Frank Albers'), 'with who decided');
    assert.ok(decision.includes('Auszubildenden'), 'and the reasons');
  });
  await check(async () => assert.equal(
    await page.getByRole('button', { name: DE['cohort-decide'] }).count(), 0, 'decided once: no form any more'));
  await check(() => auditPage(page, 'cohort-decided'));
  await page.context().close();
  check.finish();
});

test('the programme team adds a cost item in euros, a wrong amount first', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await page.goto(url(`${TENANT_START}cohorts`));
  await andWaitForNavigation(page, () => page.getByRole('link', { name: PILOT }).click());
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['cost-manage'] }).click());
  await check(async () => assert.match(pathOf(page), /\/cohorts\/\d+\/costs$/));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'cohort-costs'));

  const description = 'Fotograf für das Netzwerktreffen';
  await page.getByLabel(DE['cost-category']).selectOption('photography');
  await page.getByLabel(DE['cost-description']).fill(description);
  await page.getByLabel(DE['cost-amount-euro']).fill('-80');
  await page.getByLabel(DE['cost-date']).fill('2026-06-17');
  const sent = await andWaitForNavigation(page, () =>
    page.getByRole('button', { name: DE['cost-add-button'] }).click());
  await check(async () => assert.equal(sent.status(), 422));
  await check(async () => assert.equal(await page.getByLabel(DE['cost-amount-euro']).getAttribute('aria-invalid'), 'true'));
  await check(async () => assert.equal(await page.getByLabel(DE['cost-description']).inputValue(), description));
  await check(async () => assert.ok(
    (await page.locator('#amount-error').innerText()).includes(DE['cost-error-amount-negative'])));
  await check(() => auditPage(page, 'cohort-costs-error'));

  await page.getByLabel(DE['cost-amount-euro']).fill('1.234,56');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['cost-add-button'] }).click());
  await check(async () => assert.match(pathOf(page), /\/cohorts\/\d+\/costs$/));
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(description) && text.includes('1.234,56 €'), 'the new item is listed');
    // 4.872,50 € seeded + 1.234,56 € = 6.107,06 €; divided by 18 participants = 339,28 €.
    assert.ok(text.includes('6.107,06 €') && text.includes('339,28 €'), 'the sums are updated');
  });
  await check(() => auditPage(page, 'cohort-costs-added'));
  await page.context().close();
  check.finish();
});
