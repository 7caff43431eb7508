// The people import: the programme team uploads a CSV with a mistake, sees the preview with
// the row's problem, uploads the corrected file and confirms; the new people are listed.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login,
  newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'amtf-import-'));
function csv(name, text) {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${text}`);
  return path;
}

test('the programme team imports people from a CSV file after a preview', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-people'] }).click());
  await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['import-link'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}people/import`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(() => auditPage(page, 'people-import'));

  const header = 'Vorname;Nachname;E-Mail;Abteilung;Funktion;Laufbahn\n';
  await page.getByLabel(DE['import-file']).setInputFiles(
    csv('fehler.csv', `${header}Nele;Hansen;nele.hansen@musterstadt.example;Ordnungsamt;Sachbearbeiterin;Beschäftigte\nOle;Brandt;ole-at-musterstadt;Feuerwehr;Brandmeister;Beschäftigte\n`));
  const wrong = await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['import-check'] }).click());
  await check(async () => assert.equal(wrong.status(), 422));
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(DE['import-error-email']), 'the row problem is named');
    assert.ok(text.includes('1 neu, 0 geändert, 0 unverändert, 1 mit Fehlern.'), text);
  });
  await check(async () => assert.equal(await page.getByRole('button', { name: DE['import-confirm'] }).count(), 0));
  await check(() => auditPage(page, 'people-import-errors'));

  await page.getByLabel(DE['import-file']).setInputFiles(
    csv('richtig.csv', `${header}Nele;Hansen;nele.hansen@musterstadt.example;Ordnungsamt;Sachbearbeiterin;Beschäftigte\nOle;Brandt;ole.brandt@musterstadt.example;Feuerwehr;Brandmeister;Beschäftigte\n`));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['import-check'] }).click());
  await check(async () => assert.ok((await page.locator('#import-summary').innerText()).startsWith('2 neu')));
  await check(() => auditPage(page, 'people-import-preview'));
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['import-confirm'] }).click());
  await check(async () => assert.equal(pathOf(page), `${TENANT_START}people`));
  await check(async () => {
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('2 Personen angelegt, 0 geändert.'), text);
    assert.ok(text.includes('Nele Hansen') && text.includes('Ole Brandt'));
  });
  await page.context().close();
  check.finish();
});
