// What `toolkit serve --watch` shows in a real browser, in Debian's headless Chromium driven by
// playwright-core. Usage: node serve-reload.mjs http://127.0.0.1:PORT/sub/x/ /path/to/content/x.md
// The page must show the text "The first version."; the script edits the Markdown file and checks
// that the open page reloads, that a broken edit shows the errors over the last good page, and that
// the fix takes them away. Prints one line per check and exits non-zero at the first failure.

import { readFile, rename, writeFile } from 'node:fs/promises';
import { checks, launch } from './lib.mjs';

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  console.error('usage: node serve-reload.mjs http://127.0.0.1:PORT/PATH/ CONTENT_FILE.md');
  process.exit(2);
}
const WAIT = 30000;

let browser;
const suite = checks(() => browser);
const { check } = suite;

/** Saves the way many editors do: a temporary file renamed over the original. */
async function save(text) {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

browser = await launch();
const page = await browser.newPage();
const problems = [];
page.on('pageerror', (error) => problems.push(error.message));
const original = await readFile(file, 'utf8');

await check('the page shows the site as built', async () => {
  await page.goto(url, { waitUntil: 'load' });
  await page.getByText('The first version.').waitFor({ timeout: WAIT });
  if (await page.locator('#toolkit-serve-errors').count()) throw new Error('an error overlay is shown');
});

await check('a saved edit reloads the open page', async () => {
  await save(original.replace('The first version.', 'The second version.'));
  await page.getByText('The second version.').waitFor({ timeout: WAIT });
});

await check('a broken edit shows the errors over the last good page', async () => {
  await save('+++\ntitle = \n+++\nThe broken version.\n');
  const overlay = page.locator('#toolkit-serve-errors[role="alert"]');
  await overlay.waitFor({ timeout: WAIT });
  const text = await overlay.innerText();
  if (!/content\/x\.md:2:\d+: error:/.test(text)) throw new Error(`the overlay says: ${text}`);
  if (!(await page.getByText('The second version.').isVisible())) {
    throw new Error('the last good page is not shown under the overlay');
  }
  if ((await page.getByText('The broken version.').count()) !== 0) {
    throw new Error('the broken version is shown');
  }
});

await check('the overlay can be closed with the keyboard', async () => {
  await page.locator('#toolkit-serve-errors button').focus();
  await page.keyboard.press('Enter');
  await page.locator('#toolkit-serve-errors').waitFor({ state: 'detached', timeout: WAIT });
});

await check('the fix reloads the page without errors', async () => {
  await save(original.replace('The first version.', 'The fixed version.'));
  await page.getByText('The fixed version.').waitFor({ timeout: WAIT });
  if (await page.locator('#toolkit-serve-errors').count()) throw new Error('the error overlay stayed');
});

await check('no script errors on the page', async () => {
  if (problems.length) throw new Error(problems.join('; '));
});

await browser.close();
console.log(`all ${suite.passed} checks passed`);
