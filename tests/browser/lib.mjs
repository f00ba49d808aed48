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
