// The search box in headless Chromium (playwright-core, Debian's chromium) on the bundled
// toolkit. Usage: node search.mjs http://127.0.0.1:PORT/org/toolkit/
// Prints one line per check and exits non-zero at the first failure.

import { checks, expect, launch } from './lib.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node search.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const WAIT = 30000;
let browser;
const suite = checks(() => browser);
const { check } = suite;

browser = await launch();
const context = await browser.newContext();
const requests = [];
const problems = [];
// What the page asks for; the offline copy's worker keeps the index on its own, which is not
// a search.
context.on('request', (request) => {
  if (!request.serviceWorker()) requests.push(request.url());
});
const page = await context.newPage();
page.on('pageerror', (error) => problems.push(error.message));
page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
const origin = new URL(base).origin;
const results = () => page.$$eval('#site-search-results a', (links) => links.map((a) => ({
  href: a.getAttribute('href'),
  text: a.querySelector('.result-title').textContent,
})));

await check('the search box is shown, and the index is not loaded before it is used', async () => {
  await page.goto(new URL('nl/', base).href, { waitUntil: 'load' });
  expect(await page.isVisible('#site-search-input'), 'no visible search box');
  expect(!requests.some((u) => u.includes('search-index.json')), 'the index was loaded before any search');
});

await check('a Dutch word with an accent finds a checklist item', async () => {
  await page.focus('#site-search-input');
  await page.keyboard.type('patiënt tijd');
  await page.waitForSelector('#site-search-results a', { timeout: WAIT });
  const found = await results();
  expect(found.some((r) => r.href.includes('/nl/checklists/') && r.href.includes('#')),
    `no checklist item among ${JSON.stringify(found)}`);
  expect(found.every((r) => r.href.startsWith(new URL(base).pathname + 'nl/')), 'a result in another language');
  const status = await page.textContent('#site-search-status');
  expect(/\d+ resultaten/.test(status), `status says: ${status}`);
});

await check('the same word without the accent, and in capitals, finds the same', async () => {
  const before = await results();
  await page.fill('#site-search-input', 'PATIENT TIJD');
  await page.waitForFunction(() => document.querySelector('#site-search-results a'), null, { timeout: WAIT });
  expect(JSON.stringify(await results()) === JSON.stringify(before), 'different results without accents');
});

await check('the keyboard opens a result: Down, Down, Enter', async () => {
  const found = await results();
  await page.focus('#site-search-input');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  expect(focused === found[1].href, `focus is on ${focused}, expected ${found[1].href}`);
  await Promise.all([page.waitForURL((url) => url.href.endsWith(found[1].href.split('/').pop()), { timeout: WAIT }), page.keyboard.press('Enter')]);
});

await check('Escape closes the list; nothing found says so', async () => {
  await page.goto(new URL('nl/', base).href, { waitUntil: 'load' });
  await page.fill('#site-search-input', 'qqqzzz');
  await page.waitForSelector('#site-search-results .search-none', { timeout: WAIT });
  await page.keyboard.press('Escape');
  expect(await page.isHidden('#site-search-results'), 'the list stayed open');
});

await check('English pages search the English index', async () => {
  await page.goto(base, { waitUntil: 'load' });
  await page.fill('#site-search-input', 'booster');
  await page.waitForSelector('#site-search-results a', { timeout: WAIT });
  const found = await results();
  expect(found.length > 0 && found.every((r) => !r.href.includes('/nl/')), JSON.stringify(found));
});

await check('nothing was requested from another host, and no script errors', async () => {
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  expect(!foreign.length, `requests to other hosts: ${foreign.join(', ')}`);
  expect(!problems.length, problems.join('; '));
});

await browser.close();
console.log(`all ${suite.passed} checks passed`);
