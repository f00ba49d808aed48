// Checklists at a team meeting, in Debian's headless Chromium, on the bundled toolkit.
// Usage: node meeting.mjs http://127.0.0.1:PORT/BASE/
//
// - The phase and role filter on a checklist page at 1280, 390 and 320 px: only matching items
//   show, empty groups hide, the choice is in the address (and comes back from it), "Show all"
//   clears it; the same filter across all checklists on the print page, opened from a link.
// - The date of a tick shows under its item, survives a reload, and fills the printed Date line.
// - Printed to PDF (A4, the print stylesheet): the filter is named above the items, only the
//   filtered items print, a ticked item carries its date, the meeting fields are there, and no
//   page holds nothing but a header or footer (pdftotext, page by page).
// - The planner prints its schedule without the evidence unless "Include the evidence in print"
//   is ticked.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, checks, expect, expectEqual } from './lib.mjs';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node meeting.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'toolkit-meeting-'));

let open = null;
const browser = await launch();
open = browser;
const problems = [];
const run = checks(() => open, problems);

async function visit(path, width = 1280, context = null) {
  const ctx = context || (await browser.newContext({ viewport: { width, height: 900 } }));
  const page = await ctx.newPage();
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  await page.goto(new URL(path, base).href);
  return { context: ctx, page };
}

/** What the page shows of its items: [id, phase, role] of each visible one. */
function visibleItems(page) {
  return page.$$eval('li.checklist-item', (items) => items
    .filter((li) => li.getClientRects().length > 0)
    .map((li) => [li.dataset.item, li.dataset.phase, li.dataset.role]));
}

/** Prints the page to a PDF as Chromium's print dialog would; returns each page's text. */
async function printed(page, name) {
  const file = join(out, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const pages = text.split('\f');
  if (!pages[pages.length - 1].trim()) pages.pop();
  return pages;
}

/** Every page holds more than the site's name and the page's address. */
function noEmptyPages(pages, what) {
  pages.forEach((text, i) => {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
      .filter((l) => !/^https?:\/\//.test(l) && !/^ICBT implementation toolkit$/.test(l));
    expect(lines.length >= 3, `${what}: page ${i + 1} of ${pages.length} holds only ${JSON.stringify(lines)}`);
  });
}

const TODAY = await (async () => {
  const { context, page } = await visit('checklists/process/');
  const date = await page.evaluate(() => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
  await context.close();
  return date;
})();

for (const width of [1280, 390, 320]) {
  await run.check(`the phase and role filter on a checklist at ${width} px, kept in the address`, async () => {
    const { context, page } = await visit('checklists/process/', width);
    const all = await visibleItems(page);
    expect(all.length === 24, `the process checklist shows ${all.length} items, not 24`);
    expect(await page.locator('form.checklist-filter').isVisible(), 'no filter');
    await page.selectOption('.checklist-filter select[name="phase"]', 'launch');
    const launch = await visibleItems(page);
    expect(launch.length > 0 && launch.length < all.length, `${launch.length} launch items`);
    expect(launch.every(([, phase]) => phase === 'launch'), `items of other phases show: ${JSON.stringify(launch)}`);
    expectEqual(launch, all.filter(([, phase]) => phase === 'launch'), 'the launch items');
    expect(new URL(page.url()).searchParams.get('phase') === 'launch', `the address is ${page.url()}`);
    const status = await page.locator('.filter-status').textContent();
    expect(status === `Showing ${launch.length} of 24 items.`, `the status says "${status}"`);
    // A group without launch items is hidden with its heading.
    const hiddenGroups = await page.$$eval('.checklist-group', (groups) => groups.filter((g) => !g.getClientRects().length).map((g) => g.querySelector('h2').textContent));
    expect(hiddenGroups.includes('Planning and teaming'), `hidden groups: ${hiddenGroups}`);
    // Role too: the options are the roles of the items, with a capital.
    const roles = await page.$$eval('.checklist-filter select[name="role"] option', (o) => o.map((x) => [x.value, x.text]));
    expect(roles.some(([value, text]) => value === 'champion' && text === 'Champion'), `roles: ${JSON.stringify(roles)}`);
    await page.selectOption('.checklist-filter select[name="role"]', 'champion');
    const both = await visibleItems(page);
    expectEqual(both, all.filter(([, phase, role]) => phase === 'launch' && role === 'champion'), 'launch items of the champion');
    expect(/[?&]phase=launch&role=champion$/.test(page.url()), `the address is ${page.url()}`);
    // The address brings the same items back: a link shared, or a reload.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    expectEqual(await visibleItems(other), both, 'the items shown from the shared address');
    expect((await other.inputValue('.checklist-filter select[name="phase"]')) === 'launch', 'the phase is not chosen from the address');
    // "Show all items" clears the filter and the address.
    await other.click('button[data-action="clear-filter"]');
    expectEqual((await visibleItems(other)).length, 24, 'items after "Show all items"');
    expect(new URL(other.url()).search === '', `the address keeps ${other.url()}`);
    const m = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(m[0] <= m[1], `the filtered page scrolls sideways: ${m}`);
    await context.close();
  });
}

await run.check('across all checklists: the dashboard links to one phase on the print page, which filters all five', async () => {
  const { context, page } = await visit('checklists/');
  const link = page.locator('.meeting-links a', { hasText: 'Train' });
  await link.click();
  await page.waitForLoadState('load');
  expect(/print\/\?phase=train$/.test(page.url()), `the link went to ${page.url()}`);
  const items = await visibleItems(page);
  expect(items.length > 3 && items.every(([, phase]) => phase === 'train'), `${JSON.stringify(items)}`);
  const sections = await page.$$eval('.print-checklist', (s) => s.filter((x) => x.getClientRects().length).map((x) => x.dataset.checklist));
  expect(sections.length >= 2, `only ${sections} show train items`);
  // A checklist without items of the chosen phase and role is hidden whole.
  await page.selectOption('.checklist-filter select[name="role"]', 'champion');
  const left = await page.$$eval('.print-checklist', (s) => s.filter((x) => x.getClientRects().length).map((x) => x.dataset.checklist));
  expect(left.length >= 1 && left.length < 5, `checklists left: ${left}`);
  await context.close();
});

await run.check('the date of a tick shows under the item, after a reload too, and on the printed Date line', async () => {
  const { context, page } = await visit('checklists/process/');
  const item = page.locator('li#kick-off');
  expect(!(await item.locator('.item-ticked').isVisible()), 'an unticked item shows a date');
  await item.locator('input[type="checkbox"]').check();
  expect((await item.locator('.item-ticked').textContent()) === `Ticked on ${TODAY}`, `it says "${await item.locator('.item-ticked').textContent()}"`);
  await page.reload();
  expect((await item.locator('.item-ticked').textContent()) === `Ticked on ${TODAY}`, 'the date is gone after a reload');
  // A date stored earlier (an import, another day) is shown as it was stored.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('/process'));
    const state = JSON.parse(localStorage.getItem(key));
    state.items['kick-off'] = '2026-11-03';
    localStorage.setItem(key, JSON.stringify(state));
  });
  await page.reload();
  expect((await item.locator('.item-ticked').textContent()) === 'Ticked on November 3, 2026', 'a stored date is not shown as stored');
  // The Dutch page writes it the Dutch way.
  const nl = await context.newPage();
  await nl.goto(new URL('nl/checklists/process/', base).href);
  const dutch = await nl.locator('li#kick-off .item-ticked').textContent();
  expect(dutch === 'Afgevinkt op 3 november 2026', `the Dutch page says "${dutch}"`);
  // On paper: the Date line holds the date; the screen line is not printed twice.
  await page.emulateMedia({ media: 'print' });
  const line = await item.locator('.item-sign-date').evaluate((el) => getComputedStyle(el, '::after').content);
  expect(line.includes('November 3, 2026'), `the printed Date line holds ${line}`);
  expect(!(await item.locator('.item-ticked').isVisible()), 'the screen date prints as well');
  await context.close();
});

await run.check('a filtered, ticked checklist printed to PDF: the filter named, only its items, the date, the meeting fields, no empty page', async () => {
  const { context, page } = await visit('checklists/process/?phase=launch');
  await page.locator('li#booster-sessions input').check();
  const pages = await printed(page, 'process-launch');
  const text = pages.join('\n');
  expect(/Shown: Phase: Launch \(Showing \d+ of 24 items\.\)/.test(text.replace(/\s+/g, ' ')), `the filter is not named:\n${text.slice(0, 600)}`);
  expect(text.includes('Plan two booster sessions'), 'a launch item is missing');
  expect(!text.includes('Form an internal implementation team'), 'a prepare item printed');
  expect(text.includes(TODAY), `the tick's date ${TODAY} is not printed`);
  for (const field of ['Clinic', 'Team', 'Meeting date', 'Notes / owner']) {
    expect(text.includes(field), `"${field}" is not printed`);
  }
  expect(!text.includes('Show the items of'), 'the filter form printed');
  noEmptyPages(pages, 'process, launch');
  await context.close();
});

await run.check('printed pages of every kind end without a page that holds only a header or footer, and a table header never ends a page', async () => {
  const cases = [
    ['checklists/process/', 'process'],
    ['print/', 'all checklists'],
    ['tools/stakeholder-map/', 'stakeholder map'],
    ['tools/training-planner/', 'planner'],
    ['', 'home'],
    ['playbooks/training/', 'playbook'],
    ['sources/', 'sources'],
    ['tools/feedback-guide/', 'feedback guide'],
    ['nl/checklists/inner-setting/', 'Dutch checklist'],
  ];
  for (const [path, what] of cases) {
    const { context, page } = await visit(path);
    const pages = await printed(page, what.replace(/\W+/g, '-'));
    noEmptyPages(pages, what);
    pages.forEach((text, i) => {
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const last = lines[lines.length - 1] || '';
      expect(!/^Stakeholder\s+Influence\s+Interest/.test(last) && !/^Date\s+When\s+Activity$/.test(last),
        `${what}: page ${i + 1} ends with a table header: ${last}`);
    });
    await context.close();
  }
});

await run.check('the planner prints its schedule without the evidence unless asked', async () => {
  const { context, page } = await visit('tools/training-planner/');
  await page.fill('#planner-go-live', '2027-03-01');
  await page.fill('#planner-training-1', '2027-02-22');
  await page.locator('.planner-dated').waitFor();
  const plain = await printed(page, 'planner');
  const text = plain.join('\n');
  expect(text.includes('Your schedule, go-live on'), 'the schedule is not printed');
  expect(!text.includes('Evidence or toolkit default?'), 'the evidence printed without being asked');
  expect(!text.includes('Add a training day') && !text.includes('Include the evidence'), 'the form printed');
  noEmptyPages(plain, 'planner');
  await page.check('#planner-print-evidence');
  const asked = await printed(page, 'planner-evidence');
  const withEvidence = asked.join('\n');
  expect(withEvidence.includes('Evidence or toolkit default?') && withEvidence.includes('What it rests on'), 'the evidence is not printed when asked');
  expect(asked.length > plain.length, `${asked.length} pages with the evidence, ${plain.length} without`);
  expect(plain.length <= 2, `the schedule alone takes ${plain.length} pages`);
  await context.close();
});

await browser.close();
open = null;
console.log(`all ${run.passed} checks passed`);
