// What the browser tests share: Chromium started the same way everywhere (headless, no network
// of its own, a fresh profile), and checks that print one line each and end the run at the first
// failure.

import { chromium } from 'playwright-core';

/** The Chromium to drive: the one TOOLKIT_CHROMIUM names, else Debian's. */
export const CHROMIUM = process.env.TOOLKIT_CHROMIUM || '/usr/bin/chromium';

/** Starts that Chromium headless with the flags every test uses; never downloads one. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export function expectEqual(actual, wanted, what) {
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  expect(a === w, `${what}: expected ${w}, got ${a}`);
}

/**
 * Checks for one run. `check(name, body)` runs `body`; it prints `ok   name`, or
 * `FAIL name: why` and ends the run, closing the browser `browser()` returns. Problems that
 * pages report into `problems` (console errors, page errors) fail the check they happen in.
 */
export function checks(browser, problems = []) {
  let passed = 0;
  async function fail(message) {
    console.log(message);
    const open = browser();
    if (open) await open.close().catch(() => {});
    process.exit(1);
  }
  return {
    async check(name, body) {
      try {
        await body();
      } catch (error) {
        await fail(`FAIL ${name}: ${error.message}`);
      }
      if (problems.length) {
        await fail(`FAIL ${name}: the page reported errors:\n  ${problems.join('\n  ')}`);
      }
      passed += 1;
      console.log(`ok   ${name}`);
    },
    get passed() {
      return passed;
    },
  };
}

/**
 * Every page of a built site reachable over HTTP from its home page and the home pages of its
 * other languages (`hreflang` links): a Map of url → { kind, lang }, the kind being the
 * page's `data-kind` (`checklist`, `planner`, …), so that tests cover kinds added later.
 */
export async function sitePages(base) {
  const origin = new URL(base);
  const home = await (await fetch(base)).text();
  const queue = [base, ...[...home.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => new URL(m[2], base).href)];
  const seen = new Set(queue);
  const found = new Map();
  while (queue.length) {
    const url = queue.shift();
    const response = await fetch(url);
    if (!response.ok || !(response.headers.get('content-type') || 'text/html').includes('html')) continue;
    const html = await response.text();
    const kind = html.match(/<body data-kind="([^"]*)"/)?.[1];
    const lang = html.match(/<html lang="([^"]*)"/)?.[1];
    if (kind) found.set(url, { kind, lang });
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#?]+)[^"]*"/g)) {
      const next = new URL(href.replaceAll('&amp;', '&'), url);
      if (next.host !== origin.host || !next.pathname.startsWith(origin.pathname)) continue;
      if (!next.pathname.endsWith('/') && !next.pathname.endsWith('.html')) continue;
      if (!seen.has(next.href)) {
        seen.add(next.href);
        queue.push(next.href);
      }
    }
  }
  return found;
}

/**
 * Leaves input in a page as a reader would, in whatever the page has: the first box in main
 * ticked, a sentence in the first text field (its "keep" boxes ticked), dates in date fields.
 * Returns whether the page had anything to fill in.
 */
export async function leaveInput(page) {
  let left = false;
  const box = page.locator('main input[type="checkbox"]:visible').first();
  if (await box.count()) {
    await box.check();
    left = true;
  }
  const text = page.locator('main textarea:visible').first();
  if (await text.count()) {
    const keep = page.locator('main input[type="checkbox"]:visible');
    await text.fill('You did not do your homework. You must do it again tomorrow.');
    for (let i = 0; i < (await keep.count()); i += 1) await keep.nth(i).check();
    left = true;
  }
  const dates = page.locator('main input[type="date"]:visible');
  for (let i = 0; i < (await dates.count()); i += 1) {
    await dates.nth(i).fill(`2027-0${3 - Math.min(i, 1)}-01`);
    left = true;
  }
  return left;
}
