// Browser tests of the checklists (themes/default/static/checklist.js) in Debian's headless
// Chromium, driven by playwright-core. Usage: node checklists.mjs http://127.0.0.1:PORT/org/toolkit/
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1.
// Prints one line per check and exits non-zero at the first failure.

import { readFile } from 'node:fs/promises';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const KEY = 'checklists/intervention';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node checklists.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);
const site = origin.pathname;
const checklistUrl = new URL('checklists/intervention/', base).href;
const dutchUrl = new URL('nl/checklists/intervention/', base).href;
const dashboardUrl = new URL('checklists/', base).href;
const printUrl = new URL('print/', base).href;
const storageKey = `toolkit:${site}:${KEY}`;

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const foreignRequests = [];

/** A fresh browser profile (empty storage) whose pages are watched for errors and requests. */
async function newContext(options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(15000);
  context.on('page', (page) => {
    page.on('console', (message) => {
      // Chromium asks for /favicon.ico on its own; the site has none, which is not the page's error.
      const favicon = new URL(message.location().url || 'about:blank', base).pathname === '/favicon.ico';
      if (message.type() === 'error' && !favicon) {
        pageProblems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => pageProblems.push(`page error on ${page.url()}: ${error.message}`));
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

/** The page's words for checklist.js, with `{name}` filled in from `values`. */
async function words(page, name, values = {}) {
  const all = await page.evaluate(() => JSON.parse(document.getElementById('checklist-words').textContent));
  expect(typeof all[name] === 'string', `the page has no words for ${name}`);
  return all[name].replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** What the page shows of one checklist root: its items, groups and figures. */
function readChecklist(page, selector) {
  return page.$eval(selector, (root) => {
    const visible = (el) => !!el && !el.hidden && el.getClientRects().length > 0;
    const progress = root.querySelector('.checklist-progress');
    return {
      items: [...root.querySelectorAll('li.checklist-item[data-item]')].map((li) => li.dataset.item),
      ticked: [...root.querySelectorAll('li.checklist-item[data-item]')]
        .filter((li) => li.querySelector('input[type="checkbox"]').checked)
        .map((li) => li.dataset.item),
      groups: [...root.querySelectorAll('.checklist-group')].map((group) => ({
        items: [...group.querySelectorAll('li.checklist-item[data-item]')].map((li) => li.dataset.item),
        text: group.querySelector('.group-progress')?.textContent ?? null,
        shown: visible(group.querySelector('.group-progress')),
      })),
      text: progress?.querySelector('.progress-text')?.textContent ?? null,
      value: progress?.querySelector('progress')?.value ?? null,
      shown: visible(progress),
      live: progress?.querySelector('.progress-text')?.getAttribute('aria-live') ?? null,
      actions: visible(root.querySelector('.checklist-actions')),
      message: root.querySelector('.checklist-message')?.textContent ?? null,
    };
  });
}

const stored = (page) => page.evaluate((key) => localStorage.getItem(key), storageKey);

async function chooseFile(page, name, text) {
  await page.setInputFiles('input[type="file"][data-action="import"]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

async function run() {
  browser = await launch();

  const first = await newContext();
  let page;
  let before;
  let ticks;
  let exported;
  let exportedText;

  await check('English checklist: progress and actions shown, nothing ticked', async () => {
    page = await open(first, checklistUrl);
    before = await readChecklist(page, '.checklist[data-checklist]');
    expect(before.items.length > 2, `only ${before.items.length} items found`);
    expect(before.shown && before.actions, 'the progress or the action block is still hidden');
    expectEqual(before.ticked, [], 'ticked items');
    expectEqual(before.text, await words(page, 'progress', { done: 0, total: before.items.length }), 'progress text');
    expectEqual(before.live, 'polite', 'aria-live of the checklist figure');
    expect(before.groups.every((g) => g.shown), 'a group figure is still hidden');
  });

  const group = () => before.groups.find((g) => g.items.length >= 2);
  await check('tick one item with the mouse and one with the keyboard (focus + Space)', async () => {
    ticks = group().items.slice(0, 2);
    await page.click(`li[data-item="${ticks[0]}"] label`);
    await page.focus(`li[data-item="${ticks[1]}"] input[type="checkbox"]`);
    await page.keyboard.press('Space');
    const now = await readChecklist(page, '.checklist[data-checklist]');
    expectEqual(now.ticked, ticks, 'ticked items');
    const text = await stored(page);
    expect(text, `nothing was saved in localStorage under ${storageKey}`);
    const state = JSON.parse(text);
    expectEqual(state.version, 1, 'stored version');
    expectEqual(Object.keys(state.items).sort(), [...ticks].sort(), 'stored ids');
    expect(Object.values(state.items).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), `stored dates: ${JSON.stringify(state.items)}`);
  });

  await check('after a reload both items are still ticked, with the right figures', async () => {
    await page.reload({ waitUntil: 'load' });
    const now = await readChecklist(page, '.checklist[data-checklist]');
    expectEqual(now.ticked, ticks, 'ticked items');
    expectEqual(now.text, await words(page, 'progress', { done: 2, total: now.items.length }), 'checklist figure');
    expectEqual(now.value, 2, 'progress bar value');
    for (const g of now.groups) {
      const done = g.items.filter((id) => ticks.includes(id)).length;
      expectEqual(g.text, await words(page, 'progress', { done, total: g.items.length }), 'group figure');
    }
  });

  await check('ticks under an id the page no longer has are kept but not counted', async () => {
    const state = JSON.parse(await stored(page));
    state.items['no-longer-here'] = '2020-01-01';
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [storageKey, JSON.stringify(state)]);
    await page.reload({ waitUntil: 'load' });
    const now = await readChecklist(page, '.checklist[data-checklist]');
    expectEqual(now.text, await words(page, 'progress', { done: 2, total: now.items.length }), 'checklist figure');
    const other = now.items.find((id) => !ticks.includes(id));
    await page.click(`li[data-item="${other}"] input`);
    await page.click(`li[data-item="${other}"] input`);
    const kept = JSON.parse(await stored(page)).items;
    expectEqual(Object.keys(kept).sort(), [...ticks, 'no-longer-here'].sort(), 'stored ids');
    delete kept['no-longer-here'];
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [storageKey, JSON.stringify({ version: 1, items: kept })]);
    await page.reload({ waitUntil: 'load' });
  });

  await check('the dashboard shows 2 for this checklist and in the overall figure', async () => {
    const dashboard = await open(first, dashboardUrl);
    const shown = await dashboard.$$eval('li.dashboard-entry', (entries) => entries.map((li) => ({
      key: li.dataset.checklist,
      ids: li.dataset.items.split(/\s+/).filter(Boolean).length,
      text: li.querySelector('.entry-progress .progress-text').textContent,
      value: li.querySelector('.entry-progress progress').value,
      hidden: li.querySelector('.entry-progress').hidden,
    })));
    const overall = await dashboard.$eval('.dashboard-overall', (p) => ({
      text: p.querySelector('.progress-text').textContent,
      hidden: p.hidden,
      actions: !document.querySelector('.dashboard .checklist-actions').hidden,
    }));
    const entry = shown.find((e) => e.key === KEY);
    expect(entry, `no dashboard entry for ${KEY}`);
    expect(!entry.hidden && !overall.hidden && overall.actions, 'the dashboard figures or actions are still hidden');
    expectEqual(entry.text, await words(dashboard, 'progress', { done: 2, total: entry.ids }), 'entry figure');
    expectEqual(entry.value, 2, 'entry progress bar');
    for (const other of shown.filter((e) => e.key !== KEY)) {
      expectEqual(other.text, await words(dashboard, 'progress', { done: 0, total: other.ids }), `${other.key} figure`);
    }
    const total = shown.reduce((sum, e) => sum + e.ids, 0);
    expectEqual(overall.text, await words(dashboard, 'progress', { done: 2, total }), 'overall figure');
    await dashboard.close();
  });

  await check('export downloads a JSON file with the ticked ids', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export"]'),
    ]);
    const name = download.suggestedFilename();
    expect(/^toolkit-progress-\d{4}-\d{2}-\d{2}\.json$/.test(name), `file name ${name}`);
    exportedText = await readFile(await download.path(), 'utf8');
    exported = JSON.parse(exportedText);
    expectEqual(exported.format, 'toolkit-checklist-progress', 'format');
    expectEqual(exported.version, 1, 'version');
    expectEqual(exported.site, site, 'site');
    expect(!Number.isNaN(Date.parse(exported.exported)), `exported: ${exported.exported}`);
    expectEqual(Object.keys(exported.checklists[KEY] || {}).sort(), [...ticks].sort(), 'exported ids');
    const now = await readChecklist(page, '.checklist[data-checklist]');
    expectEqual(now.message, await words(page, 'export_done', { file: name }), 'message');
  });

  await check('export from the dashboard gives the same checklists', async () => {
    const dashboard = await open(first, dashboardUrl);
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.click('.dashboard button[data-action="export"]'),
    ]);
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    expectEqual(Object.keys(data.checklists[KEY] || {}).sort(), [...ticks].sort(), 'exported ids');
    await dashboard.close();
  });

  await check('the Dutch page shows the same ticks in Dutch words', async () => {
    const dutch = await open(first, dutchUrl);
    expectEqual(await dutch.getAttribute('html', 'lang'), 'nl', 'page language');
    const now = await readChecklist(dutch, '.checklist[data-checklist]');
    expectEqual(now.ticked, ticks, 'ticked items');
    expectEqual(now.text, `2 van ${now.items.length} gedaan`, 'Dutch checklist figure');
    await dutch.close();
  });

  await check('the print page shows the ticks in the right checklist only', async () => {
    const print = await open(first, printUrl);
    const sections = await print.$$eval('section.print-checklist', (all) => all.map((s) => ({
      key: s.dataset.checklist,
      ticked: [...s.querySelectorAll('li.checklist-item input:checked')].map((i) => i.closest('li').dataset.item),
    })));
    expect(sections.length > 1, `only ${sections.length} checklists on the print page`);
    for (const section of sections) {
      expectEqual(section.ticked, section.key === KEY ? ticks : [], `ticks in ${section.key}`);
    }
    const intervention = await readChecklist(print, `section.print-checklist[data-checklist="${KEY}"]`);
    expectEqual(intervention.text, await words(print, 'progress', { done: 2, total: intervention.items.length }), 'figure');
    const onScreen = await print.$eval('.item-sign', (p) => p.getClientRects().length);
    expect(onScreen === 0, 'the Date and Initials fields show on screen (is style.css applied?)');
    await print.emulateMedia({ media: 'print' });
    const printed = await print.$eval(`section.print-checklist[data-checklist="${KEY}"]`, (s) => ({
      progress: s.querySelector('.checklist-progress').getClientRects().length,
      sign: s.querySelector('.item-sign').getClientRects().length,
      ticked: s.querySelectorAll('input:checked').length,
    }));
    expect(printed.progress === 0, 'the progress figure is printed');
    expect(printed.sign > 0, 'the Date and Initials fields are not printed');
    expectEqual(printed.ticked, 2, 'ticked boxes when printed');
    await print.close();
  });

  const second = await newContext();
  let fresh;
  await check('in a fresh profile, importing the exported file restores the ticks', async () => {
    fresh = await open(second, checklistUrl);
    expectEqual((await readChecklist(fresh, '.checklist[data-checklist]')).ticked, [], 'ticks before import');
    await chooseFile(fresh, 'progress.json', exportedText);
    await fresh.waitForFunction(() => document.querySelector('.checklist-message').textContent !== '');
    const now = await readChecklist(fresh, '.checklist[data-checklist]');
    expectEqual(now.ticked, ticks, 'ticked items');
    const count = Object.keys(exported.checklists).length;
    expectEqual(now.message, await words(fresh, 'import_done', { file: 'progress.json', count }), 'message');
    expectEqual(now.text, await words(fresh, 'progress', { done: 2, total: now.items.length }), 'figure');
    expectEqual(await fresh.$eval('input[data-action="import"]', (i) => i.value), '', 'file input after import');
    await fresh.reload({ waitUntil: 'load' });
    expectEqual((await readChecklist(fresh, '.checklist[data-checklist]')).ticked, ticks, 'ticks after reload');
  });

  const refused = [
    ['notes.txt', 'these are not {the droids', 'import_not_json'],
    ['list.json', JSON.stringify({ format: 'toolkit-checklist-progress', version: 1, checklists: { [KEY]: ['test-drive'] } }), 'import_wrong_format'],
    ['other.json', JSON.stringify({ format: 'something-else', version: 1, checklists: {} }), 'import_wrong_format'],
    ['later.json', JSON.stringify({ format: 'toolkit-checklist-progress', version: 2, checklists: { [KEY]: {} } }), 'import_wrong_format'],
  ];
  for (const [name, text, wanted] of refused) {
    await check(`a bad file (${name}) is refused with ${wanted} and changes nothing`, async () => {
      const storedBefore = await stored(fresh);
      await fresh.$eval('.checklist-message', (p) => { p.textContent = ''; });
      await chooseFile(fresh, name, text);
      await fresh.waitForFunction(() => document.querySelector('.checklist-message').textContent !== '');
      const now = await readChecklist(fresh, '.checklist[data-checklist]');
      expectEqual(now.message, await words(fresh, wanted, { file: name }), 'message');
      expectEqual(now.ticked, ticks, 'ticked items');
      expectEqual(await stored(fresh), storedBefore, 'stored state');
    });
  }

  await check('reset asks first: cancel keeps the ticks, OK clears them', async () => {
    const confirmWords = await words(fresh, 'reset_confirm');
    let asked = null;
    fresh.once('dialog', (dialog) => { asked = [dialog.type(), dialog.message()]; dialog.dismiss(); });
    await fresh.click('button[data-action="reset"]');
    expectEqual(asked, ['confirm', confirmWords], 'dialog');
    expectEqual((await readChecklist(fresh, '.checklist[data-checklist]')).ticked, ticks, 'ticks after cancel');
    fresh.once('dialog', (dialog) => dialog.accept());
    await fresh.click('button[data-action="reset"]');
    const now = await readChecklist(fresh, '.checklist[data-checklist]');
    expectEqual(now.ticked, [], 'ticks after reset');
    expectEqual(now.text, await words(fresh, 'progress', { done: 0, total: now.items.length }), 'figure');
    expectEqual(now.message, await words(fresh, 'reset_done'), 'message');
    expectEqual(await stored(fresh), null, 'stored state');
    await fresh.reload({ waitUntil: 'load' });
    expectEqual((await readChecklist(fresh, '.checklist[data-checklist]')).ticked, [], 'ticks after reload');
  });

  await check('reset on the dashboard clears every checklist of the site', async () => {
    const page2 = await open(first, checklistUrl);
    expectEqual((await readChecklist(page2, '.checklist[data-checklist]')).ticked, ticks, 'ticks before');
    const dashboard = await open(first, dashboardUrl);
    await dashboard.evaluate((s) => localStorage.setItem(`toolkit:${s}:checklists/process`, '{"version":1,"items":{"kick-off":"2024-01-02"}}'), site);
    await dashboard.reload({ waitUntil: 'load' });
    const confirmWords = await words(dashboard, 'reset_all_confirm');
    let asked = null;
    dashboard.once('dialog', (dialog) => { asked = dialog.message(); dialog.accept(); });
    await dashboard.click('button[data-action="reset-all"]');
    expectEqual(asked, confirmWords, 'dialog');
    const left = await dashboard.evaluate((s) => Object.keys(localStorage).filter((k) => k.startsWith(`toolkit:${s}:`)), site);
    expectEqual(left, [], 'stored checklists');
    const overall = await dashboard.$eval('.dashboard-overall .progress-text', (s) => s.textContent);
    expect(overall.startsWith('0 '), `overall figure: ${overall}`);
    await dashboard.close();
    await page2.close();
  });

  await check('when storage is refused the boxes still work and the page says so', async () => {
    const blocked = await newContext();
    await blocked.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    });
    const p = await open(blocked, checklistUrl);
    const now = await readChecklist(p, '.checklist[data-checklist]');
    expectEqual(now.message, await words(p, 'storage_unavailable'), 'message');
    await p.click(`li[data-item="${now.items[0]}"] label`);
    const after = await readChecklist(p, '.checklist[data-checklist]');
    expectEqual(after.ticked, [now.items[0]], 'ticked items');
    expectEqual(after.text, await words(p, 'progress', { done: 1, total: now.items.length }), 'figure');
    await blocked.close();
  });

  await check('without JavaScript: items with empty boxes, no progress or actions shown', async () => {
    const plain = await newContext({ javaScriptEnabled: false });
    const p = await open(plain, checklistUrl);
    const now = await readChecklist(p, '.checklist[data-checklist]');
    expect(now.items.length > 0, 'no items');
    expectEqual(now.ticked, [], 'ticked items');
    expect(!now.shown && !now.actions && now.groups.every((g) => !g.shown), 'progress or actions are shown');
    expect(await p.isVisible(`li[data-item="${now.items[0]}"] label`), 'the first item is not visible');
    const d = await open(plain, dashboardUrl);
    const anyShown = await d.$$eval('.entry-progress, .dashboard-overall, .dashboard .checklist-actions',
      (all) => all.some((el) => el.getClientRects().length > 0));
    expect(!anyShown, 'the dashboard shows progress or actions');
    await plain.close();
  });

  await check('every checklist of the dashboard can be ticked and keeps its tick after a reload', async () => {
    const context = await newContext();
    const dashboard = await open(context, dashboardUrl);
    const entries = await dashboard.$$eval('li.dashboard-entry', (lis) => lis.map((li) => ({
      key: li.dataset.checklist,
      url: li.querySelector('a').href,
      ids: li.dataset.items.split(/\s+/).filter(Boolean),
    })));
    expectEqual(entries.length, 5, 'checklists on the dashboard');
    for (const entry of entries) {
      const page = await open(context, entry.url);
      const last = entry.ids[entry.ids.length - 1];
      await page.click(`li[data-item="${last}"] input`);
      await page.reload({ waitUntil: 'load' });
      const shown = await readChecklist(page, '[data-checklist]');
      expectEqual(shown.items, entry.ids, `${entry.key}: items on the page and on the dashboard`);
      expectEqual(shown.ticked, [last], `${entry.key}: ticked after a reload`);
      await page.close();
    }
    await dashboard.reload({ waitUntil: 'load' });
    const values = await dashboard.$$eval('li.dashboard-entry .entry-progress progress', (bars) => bars.map((b) => b.value));
    expectEqual(values, entries.map(() => 1), 'dashboard figures');
    await context.close();
  });

  await check('nothing was loaded from another host', async () => {
    expect(foreignRequests.length === 0, `requests to other hosts:\n  ${foreignRequests.join('\n  ')}`);
  });

  await first.close();
  await second.close();
  await browser.close();
  console.log(`all ${suite.passed} checks passed`);
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack || error}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
