// Shared helpers for the browser tests: browser launch, sign-in, page-shell checks,
// the axe accessibility check and screenshots at desktop and phone size.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

export const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const PASSWORD = 'amtfluencer-demo';
export const TENANT_START = '/t/musterstadt/';
// Display name of the demo authority (crates/app/src/demo/content.rs, AUTHORITY_NAME).
export const AUTHORITY_NAME = 'Stadt Musterstadt am Rhein';

// Demo accounts. The ambassador default is the first entry of AMBASSADORS in
// crates/app/src/demo/content.rs (Katharina Brenner).
export const USERS = {
  admin: 'admin@musterstadt.example',
  leadership: 'leadership@musterstadt.example',
  council: 'council@musterstadt.example',
  ambassador: process.env.AMBASSADOR_EMAIL ?? 'katharina.brenner@musterstadt.example',
  operator: 'operator@amtfluencer.example',
};

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The app's message catalogues (simple `key = value` lines of crates/app/locales/<lang>/*.ftl). */
export function messages(lang) {
  const dir = new URL(`../crates/app/locales/${lang}/`, import.meta.url);
  const map = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort()) {
    for (const line of readFileSync(new URL(name, dir), 'utf8').split('\n')) {
      const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
      if (m) map[m[1]] = m[2].trim();
    }
  }
  return map;
}
export const DE = messages('de');
export const EN = messages('en');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh context (own cookies), with a German browser like the app's users. */
export async function newPage(browser) {
  // bypassCSP: axe is injected as an inline script, which a strict CSP would block.
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

export function url(path) {
  return BASE_URL + path;
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Runs `action` (a click or key press) and waits for the page navigation it causes. */
export async function andWaitForNavigation(page, action) {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response;
}

/** Signs in through the login form; returns the final response (after redirects). */
export async function login(page, email, password = PASSWORD) {
  await page.goto(url('/login'));
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  return andWaitForNavigation(page, () => page.click('form:has(input[name="password"]) [type="submit"]'));
}

/** Collects failed checks so that a test reports all of its problems at once, not just the first. */
export function collector() {
  const failures = [];
  const check = async (fn) => {
    try {
      await fn();
    } catch (e) {
      failures.push(e.message);
    }
  };
  check.finish = () => {
    if (failures.length > 0) assert.fail(failures.join('\n'));
  };
  return check;
}

/**
 * Checks what every page has: html lang, the skip link as the first focusable element
 * (reached with Tab from the top) pointing at <main id="main">, a labelled <nav>, the
 * language switch form, and for signed-in pages the sign-out form.
 * Call it right after a page load, before anything on the page was focused or clicked.
 */
export async function checkPageShell(page, { lang = 'de', signedIn = false } = {}) {
  const where = `${pathOf(page)}:`;
  const check = collector();
  await check(async () => assert.equal(await page.getAttribute('html', 'lang'), lang, `${where} html lang`));
  await check(async () =>
    assert.equal(await page.locator('main#main').count(), 1, `${where} exactly one <main id="main">`));

  await check(async () => {
    const navLabels = await page.$$eval('nav', (navs) =>
      navs.map((n) => n.getAttribute('aria-label') || n.getAttribute('aria-labelledby') || ''));
    assert.ok(navLabels.length > 0, `${where} page has no <nav>`);
    assert.ok(navLabels.every((l) => l.trim() !== ''), `${where} a <nav> without aria-label`);
  });

  const submit = (action) => `form[action="${action}"][method="post" i] :is(button, [type="submit"])`;
  await check(async () => assert.ok((await page.locator(submit('/lang')).count()) > 0,
    `${where} language switch: no form POST /lang with a button`));
  await check(async () => {
    const count = await page.locator(submit('/logout')).count();
    if (signedIn) assert.ok(count > 0, `${where} sign-out: no form POST /logout with a button`);
    else assert.equal(count, 0, `${where} sign-out button shown while signed out`);
  });

  // Tab from the top of the document: the skip link comes first.
  await check(async () => {
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName, href: el?.getAttribute('href'), text: el?.textContent.trim() };
    });
    await page.evaluate(() => document.activeElement?.blur());
    assert.ok(first.tag === 'A' && first.href === '#main',
      `${where} first focusable element is not the skip link: ${JSON.stringify(first)}`);
  });
  check.finish();
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page; fails listing every violation. */
export async function checkA11y(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: axe.source });
  }
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }))),
    AXE_TAGS,
  );
  if (violations.length > 0) {
    const lines = [`axe: ${violations.length} violation(s) on ${label} (${pathOf(page)}):`];
    for (const v of violations) {
      lines.push(`  - ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes) {
        lines.push(`      ${n.target}`);
        if (n.summary) lines.push(...n.summary.split('\n').map((s) => `        ${s}`));
      }
    }
    assert.fail(lines.join('\n'));
  }
}

/** Saves a full-page screenshot as e2e/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

/**
 * The per-page audit: screenshot and axe at 1280x800 (<name>.png), then at the 390x844
 * phone viewport (<name>-phone.png) axe again and no horizontal scrolling.
 * Leaves the page at the desktop viewport.
 */
export async function auditPage(page, name) {
  const attempt = collector();

  await page.setViewportSize(DESKTOP);
  await screenshot(page, name);
  await attempt(() => checkA11y(page, `${name} (desktop)`));

  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  await attempt(() => checkA11y(page, `${name} (phone)`));
  await attempt(async () => {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.ok(scrollWidth <= innerWidth,
      `${name} (phone): horizontal scrolling, scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
  });
  await page.setViewportSize(DESKTOP);
  attempt.finish();
}

/** Opens a page of the administration area: the "Verwaltung" entry of the bar, then the page's link. */
export async function openAdmin(page, key) {
  await andWaitForNavigation(page, () => page.locator('nav').getByRole('link', { name: DE['nav-admin'] }).click());
  return andWaitForNavigation(page, () => page.locator('main').getByRole('link', { name: DE[key] }).click());
}
