// The guidelines: an Amtfluencer reads them; the page is accessible for every role.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector, launchBrowser, login, newPage,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const role of ['ambassador', 'admin']) {
  test(`the guidelines page for ${role}`, async () => {
    const page = await newPage(browser);
    await login(page, USERS[role]);
    const check = collector();
    await andWaitForNavigation(page, () => page.getByRole('link', { name: DE['nav-guidelines'] }).click());
    await check(async () => assert.equal(new URL(page.url()).pathname, `${TENANT_START}guidelines`));
    await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
    await check(async () => assert.ok((await page.locator('article.guidelines p').count()) > 3));
    await check(() => auditPage(page, `guidelines-${role}`));
    await page.context().close();
    check.finish();
  });
}
