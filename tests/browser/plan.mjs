// Browser tests of the action plan (themes/default/static/action-plan.js with checklist.js) on
// the bundled toolkit, in Debian's headless Chromium driven by playwright-core.
// Usage: node plan.mjs http://127.0.0.1:PORT/BASE/PATH/ OUT_DIR
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1. The
// files the page downloads are written to OUT_DIR for the Rust test to read with independent
// parsers: plan-1.ics and plan-2.ics (two calendar exports of one plan), plan-nl.csv (the Dutch
// CSV) and progress.json (the exported progress file).
// Prints one line per check and exits non-zero at the first failure.

import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const base = process.argv[2];
const out = process.argv[3];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base) || !out) {
  console.error('usage: node plan.mjs http://127.0.0.1:PORT/BASE/PATH/ OUT_DIR');
  process.exit(2);
}
const origin = new URL(base);
const planUrl = new URL('tools/action-plan/', base).href;
const dutchPlanUrl = new URL('nl/tools/action-plan/', base).href;
const processUrl = new URL('checklists/process/', base).href;
const dashboardUrl = new URL('checklists/', base).href;

let browser;
const pageProblems = [];
const { check } = checks(() => browser, pageProblems);
const foreignRequests = [];

async function newContext(options = {}) {
  // bypassCSP: axe-core goes in as an inline script, which the pages' policy blocks (csp.mjs
  // checks every page under the policy).
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', timezoneId: 'Europe/Amsterdam', bypassCSP: true, ...options });
  context.setDefaultTimeout(15000);
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageProblems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('dialog', (dialog) => dialog.accept());
  });
  context.on('request', (request) => {
    let url = new URL(request.url());
    if (url.protocol === 'blob:') url = new URL(url.pathname);
    if (url.protocol !== 'data:' && (url.protocol !== 'http:' || url.host !== origin.host)) {
      foreignRequests.push(request.url());
    }
  });
  return context;
}

async function open(context, url) {
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response && response.ok(), `${url} answered ${response && response.status()}`);
  return page;
}

async function axe(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  const found = result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
  expect(!found.length, `axe, ${state}:\n  ${found.join('\n  ')}`);
}

/** Saves what clicking `selector` downloads to OUT_DIR/`name`; returns its text. */
async function downloaded(page, selector, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(out, name);
  await copyFile(await download.path(), path);
  return { text: await readFile(path, 'utf8'), suggested: download.suggestedFilename() };
}

/** Imports `file` on the page's progress block; returns the message the page then shows. */
async function importFile(page, file) {
  await page.$eval('.checklist-message', (line) => { line.textContent = ''; });
  await page.locator('.checklist-actions input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('.checklist-message').textContent !== '');
  return page.textContent('.checklist-message');
}

const cards = (page) => page.$$eval('.plan-item', (items) => items.map((li) => li.querySelector('h3').textContent));
const card = (page, text) => page.locator('.plan-item', { has: page.locator('h3', { hasText: text }) });
const HOSTILE = '=HYPERLINK("http://x");<img src=x onerror=alert(1)>, a \\ b';

async function run() {
  browser = await launch();
  const context = await newContext();
  let page;
  let refs;

  await check('with JavaScript the plan is shown and the explanation for pages without it is not', async () => {
    page = await open(context, planUrl);
    expect(await page.isVisible('.plan-app'), 'the plan is hidden');
    expect(!(await page.isVisible('.plan-nojs')), 'the no-JavaScript text shows');
    expect(await page.isVisible('.plan-empty'), 'an empty plan does not say so');
  });

  await check('the picker filters by domain and phase, and the chosen items become actions', async () => {
    await page.selectOption('.plan-filter select[name="domain"]', 'process');
    const visible = await page.$$eval('.plan-pick-checklist', (sets) => sets.filter((s) => !s.hidden).map((s) => s.dataset.checklist));
    expectEqual(visible, ['checklists/process'], 'checklists shown for the process domain');
    await page.selectOption('.plan-filter select[name="phase"]', 'prepare');
    const phases = await page.$$eval('.plan-pick-checklist li', (items) => [...new Set(items.filter((li) => !li.hidden).map((li) => li.dataset.phase))]);
    expectEqual(phases, ['prepare'], 'phases shown');
    await page.selectOption('.plan-filter select[name="domain"]', '');
    await page.selectOption('.plan-filter select[name="phase"]', '');
    refs = await page.$$eval('.plan-picker input[name="pick"]', (boxes) => boxes.map((b) => b.value));
    const chosen = refs.filter((r) => r.startsWith('checklists/process#')).slice(0, 6)
      .concat(refs.filter((r) => r.startsWith('checklists/inner-setting#')).slice(0, 4));
    for (const ref of chosen) await page.check(`.plan-picker input[value="${ref}"]`);
    await page.click('.plan-picker button[type="submit"]');
    expectEqual((await cards(page)).length, 10, 'actions after picking');
    expect((await page.textContent('.plan-message')).includes('10 items added'), 'no message about the items added');
    expect(await page.isDisabled(`.plan-picker input[value="${chosen[0]}"]`), 'a picked item can be picked again');
    // The actions follow the picker's order; `refs` is the checklist item of each.
    refs = await page.$$eval('.plan-item', (items) => items.map((li) => li.dataset.ref));
    expectEqual([...refs].sort(), [...chosen].sort(), 'the actions\' items');
  });

  await check('an action of one\'s own, with markup and formula characters, is shown as text', async () => {
    await page.fill('#plan-own-text', HOSTILE);
    await page.click('.plan-own button[type="submit"]');
    await page.fill('#plan-own-text', 'Agree the referral letter with the GPs');
    await page.keyboard.press('Enter');
    const titles = await cards(page);
    expectEqual(titles.length, 12, 'actions');
    expectEqual(titles[10], HOSTILE, 'the typed text');
    expectEqual(await page.locator('.plan-item img, .plan-print img').count(), 0, 'typed markup became an element');
  });

  await check('owners, due dates, statuses, notes and barriers are kept; done ticks the checklist item', async () => {
    const first = page.locator('.plan-item').nth(0);
    await first.locator('.plan-field-owner input').fill('Anna (team manager)');
    await first.locator('.plan-field-due input').fill('2020-01-15');
    await first.locator('.plan-field-note textarea').fill('Ask the board; "urgent", really');
    await first.locator('.plan-field-strategies input').fill('identify-and-prepare-champions, conduct-educational-meetings');
    const second = page.locator('.plan-item').nth(1);
    await second.locator('.plan-field-owner input').fill('Bram');
    await second.locator('.plan-field-due input').fill('2099-03-01');
    await second.locator('.plan-field-status select').selectOption('done');
    const own = card(page, 'Agree the referral letter');
    await own.locator('.plan-field-owner input').fill('Bram');
    await own.locator('.plan-field-due input').fill('2099-02-10');
    await own.locator('.plan-field-status select').selectOption('doing');
    // The site lists its constructs, so the barrier is chosen from them.
    await own.locator('.plan-field-barrier select').selectOption({ label: 'Partnerships & Connections' });
    const hostile = page.locator('.plan-item').nth(10);
    await hostile.locator('.plan-field-owner input').fill('=Carla');
    await hostile.locator('.plan-field-due input').fill('2099-02-10');
    // The rest get owners and dates too, so the print view is full.
    for (let i = 2; i < 10; i += 1) {
      await page.locator('.plan-item').nth(i).locator('.plan-field-due input').fill(`2099-0${1 + (i % 3)}-1${i % 9}`);
    }
    await page.reload();
    const again = page.locator('.plan-item').nth(0);
    expectEqual(await again.locator('.plan-field-owner input').inputValue(), 'Anna (team manager)', 'owner after reload');
    expectEqual(await again.locator('.plan-field-due input').inputValue(), '2020-01-15', 'due date after reload');
    expectEqual(await page.locator('.plan-item').nth(1).locator('.plan-field-status select').inputValue(), 'done', 'status after reload');
    expect(await again.locator('.plan-late').isVisible(), 'an action due in 2020 is not marked overdue');
    expectEqual(await card(page, 'Agree the referral').locator('.plan-field-barrier select').inputValue(), 'partnerships-and-connections', 'barrier after reload');
    const [key, id] = refs[1].split('#');
    const list = await open(context, new URL(`${key}/`, base).href);
    expect(await list.isChecked(`li[data-item="${id}"] input[type="checkbox"]`), 'the item done in the plan is not ticked on its checklist');
    // And the other way round: a tick on the checklist page makes the action done.
    const [, id2] = refs[2].split('#');
    await list.check(`li[data-item="${id2}"] input[type="checkbox"]`);
    await list.uncheck(`li[data-item="${id}"] input[type="checkbox"]`);
    await list.close();
    await page.reload();
    expectEqual(await page.locator('.plan-item').nth(2).locator('.plan-field-status select').inputValue(), 'done', 'a ticked item is not done in the plan');
    expectEqual(await page.locator('.plan-item').nth(1).locator('.plan-field-status select').inputValue(), 'todo', 'an unticked item is still done in the plan');
    await page.locator('.plan-item').nth(1).locator('.plan-field-status select').selectOption('done');
  });

  await check('the review date in the past: the page says the review is due and lists what is overdue', async () => {
    expect(!(await page.isVisible('.plan-review')), 'the review notice shows without a review date');
    await page.fill('#plan-review-input', '2020-02-01');
    await page.locator('.plan-review').waitFor();
    const text = await page.textContent('.plan-review');
    expect(text.includes('The review date, February 1, 2020, has come'), `review notice: ${text}`);
    const overdue = await page.$$eval('.plan-review-overdue li', (items) => items.map((li) => li.textContent));
    expectEqual(overdue.length, 1, `overdue actions (${overdue})`);
    expect(overdue[0].includes('Anna (team manager)') && overdue[0].includes('January 15, 2020'), `overdue: ${overdue[0]}`);
    expect(text.includes('run the scan again as a follow-up wave'), 'no follow-up scan suggested');
    await page.reload();
    expect(await page.isVisible('.plan-review'), 'the review notice is gone after a reload');
  });

  await check('the dashboard links to the plan and shows its counts', async () => {
    const dash = await open(context, dashboardUrl);
    expectEqual(await dash.getAttribute('.dashboard-plan a', 'href'), new URL(planUrl).pathname, 'link to the plan');
    const counts = await dash.textContent('.dashboard-plan-counts');
    expectEqual(counts, '12 actions: 9 to do, 1 doing, 2 done. 1 overdue.', 'counts');
    await dash.close();
  });

  await check('two calendar exports: the same UIDs, one event per due date and the review', async () => {
    const one = await downloaded(page, '[data-action="plan-ics"]', 'plan-1.ics');
    expectEqual(one.suggested, 'action-plan.ics', 'file name');
    await page.locator('.plan-item').nth(0).locator('.plan-field-due input').fill('2020-01-16');
    const two = await downloaded(page, '[data-action="plan-ics"]', 'plan-2.ics');
    const uids = (text) => text.match(/^UID:.*$/gm).sort();
    expectEqual(uids(one.text), uids(two.text), 'UIDs of the two exports');
    expectEqual(uids(one.text).length, 13, 'events');
    expect(two.text.includes('DTSTART;VALUE=DATE:20200116\r\n'), 'the changed date');
  });

  await check('the progress file holds the ticks and the plan', async () => {
    const { text } = await downloaded(page, '.checklist-actions [data-action="export"]', 'progress.json');
    const file = JSON.parse(text);
    expectEqual(file.format, 'toolkit-checklist-progress', 'format');
    expectEqual(file.plan.items.length, 12, 'actions in the file');
    expectEqual(file.plan.review, '2020-02-01', 'review date in the file');
    expect(!('plan' in file.checklists), 'the plan is also exported as a checklist');
  });

  await check('printed on A4, grouped by owner and by due date, the plan of 12 actions fits on one page', async () => {
    for (const grouping of ['owner', 'due']) {
      await page.selectOption('#plan-print-group', grouping);
      const file = join(out, `plan-${grouping}.pdf`);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: file, preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
      const info = execFileSync('pdfinfo', [file]).toString();
      expect(/Pages:\s+1\n/.test(info), `grouped by ${grouping}: ${info.match(/Pages:.*/)}`);
      expect(/Page size:.*\(A4\)/.test(info), `not A4: ${info.match(/Page size:.*/)}`);
      const printed = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(printed.includes('Agree the referral letter with the GPs'), `grouped by ${grouping}: an action is missing`);
      expect(!printed.includes('Add items from the checklists'), 'the form printed');
      if (grouping === 'owner') expect(/Bram[\s\S]*Agree the referral/.test(printed), 'no group for Bram');
      else expect(printed.includes('January 2020') && printed.includes('No due date') === false, 'no month groups');
    }
  });

  await check('import in a fresh profile gives the same plan and ticks; broken or foreign files change nothing', async () => {
    const fresh = await newContext();
    const other = await open(fresh, planUrl);
    const foreign = join(out, 'foreign.json');
    await writeFile(foreign, JSON.stringify({ format: 'something-else', version: 1 }));
    expectEqual(await importFile(other, foreign), 'foreign.json is not a progress file exported from this toolkit. Nothing was changed.', 'message');
    const broken = JSON.parse(await readFile(join(out, 'progress.json'), 'utf8'));
    broken.plan.items[3].status = 'finished';
    const bad = join(out, 'bad-plan.json');
    await writeFile(bad, JSON.stringify(broken));
    expectEqual(await importFile(other, bad), 'bad-plan.json holds an action plan this toolkit cannot read (action 4 is incomplete or has a wrong value). Nothing was changed.', 'message');
    expectEqual((await cards(other)).length, 0, 'actions after a broken file');
    const older = JSON.parse(await readFile(join(out, 'progress.json'), 'utf8'));
    delete older.plan;
    const olderFile = join(out, 'older.json');
    await writeFile(olderFile, JSON.stringify(older));
    expectEqual(await importFile(other, olderFile), 'Progress imported from older.json (checklists: 5).', 'message');
    expectEqual((await cards(other)).length, 0, 'actions after a file without a plan');
    expectEqual(await importFile(other, join(out, 'progress.json')), 'Progress imported from progress.json (checklists: 5; action plan: 12 actions).', 'message');
    expectEqual(await cards(other), await cards(page), 'actions in the fresh profile');
    expectEqual(await other.locator('.plan-item').nth(0).locator('.plan-field-owner input').inputValue(), 'Anna (team manager)', 'owner');
    const [key, id] = refs[2].split('#');
    const list = await open(fresh, new URL(`${key}/`, base).href);
    expect(await list.isChecked(`li[data-item="${id}"] input[type="checkbox"]`), 'the tick did not come along');
    await fresh.close();
  });

  await check('the Dutch page writes a CSV with semicolons and shows the same plan', async () => {
    const nl = await open(context, dutchPlanUrl);
    expectEqual((await cards(nl)).length, 12, 'actions on the Dutch page');
    const { text, suggested } = await downloaded(nl, '[data-action="plan-csv"]', 'plan-nl.csv');
    expectEqual(suggested, 'actieplan.csv', 'file name');
    expect(text.startsWith('\ufeffActie;Checklist;Eigenaar;Uiterste datum;Status;'), `header: ${text.slice(0, 60)}`);
    await axe(nl, 'Dutch plan with actions and the review notice');
    await nl.close();
  });

  await check('axe-core finds nothing on the English plan, and at 320 px nothing scrolls sideways', async () => {
    await axe(page, 'English plan with actions and the review notice');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide <= 320, `the page is ${wide} px wide at 320 px`);
    await axe(page, 'English plan at 320 px');
  });

  await check('an action another page adds (as the scan results page does) shows at once, through the storage event', async () => {
    const other = await open(context, dashboardUrl);
    await other.evaluate((key) => {
      const plan = JSON.parse(localStorage.getItem(key));
      plan.items.push({ id: 'p-results1', ref: null, text: 'Run a short workshop on <b>blended</b> care', owner: '', due: '', status: 'todo', note: '', barrier: 'innovation-design', strategies: ['conduct-educational-meetings'] });
      localStorage.setItem(key, JSON.stringify(plan));
    }, `toolkit:${new URL(base).pathname}:plan`);
    await page.locator('.plan-item[data-id="p-results1"]').waitFor();
    expectEqual(await page.textContent('.plan-item[data-id="p-results1"] h3'), 'Run a short workshop on <b>blended</b> care', 'the added action');
    expectEqual(await page.inputValue('.plan-item[data-id="p-results1"] .plan-field-strategies input'), 'conduct-educational-meetings', 'its strategies');
    await other.close();
  });

  await check('a plan this version cannot read is left as it is, and the page says so', async () => {
    const fresh = await newContext();
    const first = await open(fresh, dashboardUrl);
    const key = `toolkit:${new URL(base).pathname}:plan`;
    const stored = JSON.stringify({ version: 2, actions: [{ what: 'kept' }] });
    await first.evaluate(([k, v]) => localStorage.setItem(k, v), [key, stored]);
    const other = await open(fresh, planUrl);
    expect((await other.textContent('.plan-unreadable')).includes('cannot be read here'), 'no message');
    expect(!(await other.isVisible('.plan-app')), 'the plan can be edited');
    expectEqual(await other.evaluate((k) => localStorage.getItem(k), key), stored, 'the stored plan');
    await fresh.close();
  });

  await check('nothing was asked of another host', async () => {
    expectEqual(foreignRequests, [], 'requests to other hosts');
  });

  await browser.close();
  console.log('all checks passed');
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack}`);
  if (browser) await browser.close();
  process.exit(1);
});
