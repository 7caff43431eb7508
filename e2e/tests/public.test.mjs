// The public "Meet our Amtfluencer" page and its embeddable version: accessible, no cookies.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DE, auditPage, collector, launchBrowser, newPage, url } from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const path of ['/p/musterstadt', '/p/musterstadt/embed']) {
  test(`public page ${path} is accessible and sets no cookie`, async () => {
    const page = await newPage(browser);
    const check = collector();
    const res = await page.goto(url(path));
    await check(async () => assert.equal(res.status(), 200));
    await check(async () => assert.equal(await page.locator('h1').innerText(), DE['public-title']));
    await check(async () => assert.ok((await page.locator('.card').count()) > 0, 'opted-in people are shown'));
    await check(async () => assert.deepEqual(await page.context().cookies(), [], 'no cookies'));
    await check(() => auditPage(page, path.endsWith('embed') ? 'public-embed' : 'public'));
    await page.context().close();
    check.finish();
  });
}
