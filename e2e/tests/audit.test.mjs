// The audit log for the programme team and the staff council.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login, newPage,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the council opens the audit log and filters it by action', async () => {
  const page = await newPage(browser);
  await login(page, USERS.council);
  const check = collector();
  await openAdmin(page, 'nav-audit');
  await check(async () => assert.equal(new URL(page.url()).pathname, `${TENANT_START}audit`));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.ok((await page.locator('tbody tr').count()) > 0, 'the sign-in is logged'));
  await check(() => auditPage(page, 'audit'));
  await page.getByLabel(DE['audit-action']).selectOption('login');
  await andWaitForNavigation(page, () => page.getByRole('button', { name: DE['audit-apply'] }).click());
  await check(async () => {
    const actions = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(actions.length > 0 && actions.every((a) => a === 'login'), `only logins: ${actions}`);
  });
  await page.context().close();
  check.finish();
});
