// The programme team's single sign-on settings: reached from the navigation, errors next to
// the fields, the client secret never shown, the login page offering the authority while
// sign-in is switched on. Other roles get 403 and no link.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  openAdmin, AUTHORITY_NAME, DE, TENANT_START, USERS, andWaitForNavigation, auditPage, checkPageShell, collector,
  launchBrowser, login, newPage, url,
} from '../lib.mjs';

const SETTINGS = `${TENANT_START}settings/sso`;
const SECRET = 'e2e-client-secret-4711';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Fills the settings form; keys are field names, `enabled` a boolean. */
async function fill(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'enabled') await page.setChecked('input[name="enabled"]', value);
    else if (name === 'default_role') await page.selectOption('select[name="default_role"]', value);
    else await page.fill(`[name="${name}"]`, value);
  }
}

function save(page) {
  return andWaitForNavigation(page, () => page.click(`form[action="${SETTINGS}"] button[type="submit"]`));
}

test('the programme team reaches the SSO settings from the navigation', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  const check = collector();
  await openAdmin(page, 'nav-sso');
  await check(async () => assert.equal(new URL(page.url()).pathname, SETTINGS));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: true }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['sso-settings-title']));
  await check(async () => assert.equal(
    await page.locator('nav a[aria-current="page"]').innerText(), DE['nav-admin']));
  await check(async () => {
    const redirect = await page.inputValue('#redirect_uri');
    assert.ok(redirect.endsWith('/auth/oidc/callback'), redirect);
    assert.equal(await page.getAttribute('#redirect_uri', 'readonly'), '');
  });
  await check(async () => {
    for (const id of ['issuer', 'client_id', 'client_secret', 'allowed_domains', 'role_claim',
      'role_mapping', 'default_role', 'enabled']) {
      const labels = await page.$eval(`#${id}`, (el) => el.labels.length);
      assert.ok(labels > 0, `#${id} has a label`);
    }
    assert.equal(await page.getAttribute('#client_secret', 'type'), 'password');
  });
  await check(() => auditPage(page, 'sso-settings'));
  await page.context().close();
  check.finish();
});

test('wrong settings are explained next to each field and keep what was typed', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  await page.goto(url(SETTINGS));
  await fill(page, {
    issuer: 'http://login.example/realms/amt',
    client_id: 'amtfluencer',
    client_secret: SECRET,
    allowed_domains: '',
    role_mapping: 'amtfluencer-team = chef',
  });
  const response = await save(page);
  const check = collector();
  await check(async () => assert.equal(response.status(), 422));
  await check(async () => {
    const summary = page.locator('#error-summary[role="alert"]');
    assert.equal(await summary.count(), 1, 'an error summary with role="alert"');
    assert.ok((await summary.innerText()).includes(DE['sso-errors-title']));
  });
  await check(async () => {
    for (const id of ['issuer', 'allowed_domains', 'role_mapping']) {
      assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true', `#${id} aria-invalid`);
      const ids = (await page.getAttribute(`#${id}`, 'aria-describedby')).split(' ');
      assert.ok(ids.includes(`${id}-error`), `#${id} is described by its error`);
      assert.ok((await page.locator(`#${id}-error`).innerText()).length > 0);
    }
  });
  await check(async () => {
    assert.equal(await page.inputValue('#issuer'), 'http://login.example/realms/amt');
    assert.equal(await page.inputValue('#role_mapping'), 'amtfluencer-team = chef');
    assert.equal(await page.inputValue('#client_secret'), '', 'the secret is not sent back');
    assert.ok(!(await page.content()).includes(SECRET));
  });
  await check(() => auditPage(page, 'sso-settings-errors'));
  await page.context().close();
  check.finish();
});

test('saved settings never show the secret, and the login page offers the authority', async () => {
  const page = await newPage(browser);
  await login(page, USERS.admin);
  await page.goto(url(SETTINGS));
  await fill(page, {
    issuer: 'https://login.example/realms/musterstadt',
    client_id: 'amtfluencer',
    client_secret: SECRET,
    allowed_domains: 'musterstadt.example',
    role_claim: 'groups',
    role_mapping: 'amtfluencer-team = admin\n/Amtfluencer = ambassador',
    default_role: '',
    enabled: true,
  });
  await save(page);
  const check = collector();
  await check(async () => assert.equal(
    await page.locator('[role="status"]').innerText(), DE['sso-saved']));
  await check(async () => {
    assert.equal(await page.inputValue('#client_secret'), '');
    assert.ok(!(await page.content()).includes(SECRET), 'the secret is never in the page');
    assert.equal(await page.inputValue('#issuer'), 'https://login.example/realms/musterstadt');
  });
  await check(() => auditPage(page, 'sso-settings-saved'));

  const visitor = await newPage(browser);
  await visitor.goto(url('/login'));
  const offer = visitor.locator(`a[href="${TENANT_START}login/sso"]`);
  await check(async () => assert.equal(await offer.count(), 1, 'the login page offers SSO'));
  await check(async () => assert.ok((await offer.innerText()).includes(AUTHORITY_NAME)));
  await check(() => auditPage(visitor, 'login-with-sso'));

  // Switched off again, so that the other tests see the login page as before.
  await fill(page, { enabled: false });
  await save(page);
  await visitor.goto(url('/login'));
  await check(async () => assert.equal(await offer.count(), 0, 'switched off: no offer'));
  await visitor.context().close();
  await page.context().close();
  check.finish();
});

test('other roles see no SSO link and get 403 on the settings page', async () => {
  const page = await newPage(browser);
  await login(page, USERS.council);
  const check = collector();
  await check(async () => assert.equal(await page.getByRole('link', { name: DE['nav-sso'] }).count(), 0));
  const res = await page.goto(url(SETTINGS));
  await check(async () => assert.equal(res.status(), 403));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['error-403-title']));
  await page.context().close();
  check.finish();
});

test('an expired or unknown sign-in answers with a page that explains it', async () => {
  const page = await newPage(browser);
  const res = await page.goto(url('/auth/oidc/callback?code=x&state=unknown'));
  const check = collector();
  await check(async () => assert.equal(res.status(), 400));
  await check(() => checkPageShell(page, { lang: 'de', signedIn: false }));
  await check(async () => assert.equal(await page.locator('h1').innerText(), DE['sso-failed-title']));
  await check(async () => assert.ok((await page.locator('main').innerText()).includes(DE['sso-fail-state'])));
  await check(() => auditPage(page, 'sso-failed'));
  await page.context().close();
  check.finish();
});
