// The authority's start page for each role of the demo authority.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DE, TENANT_START, USERS, auditPage, checkPageShell, collector, launchBrowser, login, newPage, pathOf,
} from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const role of ['admin', 'leadership', 'council', 'ambassador']) {
  test(`start page as ${role}`, async (t) => {
    const email = USERS[role];
    const page = await newPage(browser);
    try {
      const response = await login(page, email);
      if (role === 'ambassador' && pathOf(page) === '/login') {
        t.skip(`ambassador login with ${email} failed (still on /login); set AMBASSADOR_EMAIL to a seeded ambassador`);
        return;
      }
      assert.equal(pathOf(page), TENANT_START, `${email} lands on the start page`);
      assert.equal(response.status(), 200);
      const check = collector();
      await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));

      await check(async () => {
        const h1 = page.locator('h1');
        assert.equal(await h1.count(), 1, 'exactly one <h1>');
        assert.match(await h1.innerText(), /\S/, '<h1> has text');
      });
      await check(async () => {
        const text = await page.locator('main').innerText();
        for (const key of ['start-active', 'start-cohort', 'start-events']) {
          assert.ok(text.includes(DE[key]), `start page shows "${DE[key]}" (${key})`);
        }
        assert.ok(/\d/.test(text), 'start page shows figures');
      });

      await check(() => auditPage(page, `start-${role}`));
      check.finish();
    } finally {
      await page.context().close();
    }
  });
}
