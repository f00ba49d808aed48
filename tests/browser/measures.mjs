// Browser tests of the measures and caseload pages (themes/default/static/measures.js) in
// Debian's headless Chromium, driven by playwright-core.
// Usage: node measures.mjs http://127.0.0.1:PORT/BASE/PATH/ OUTPUT_FOLDER
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1. The CSV
// files downloaded from the measures pages are saved in OUTPUT_FOLDER as en.csv and nl.csv, for
// tests/browser/measures.rs to build a site with. Prints one line per check and exits non-zero at
// the first failure.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const base = process.argv[2];
const out = process.argv[3];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base) || !out) {
  console.error('usage: node measures.mjs http://127.0.0.1:PORT/BASE/PATH/ OUTPUT_FOLDER');
  process.exit(2);
}
const origin = new URL(base);
const vectors = JSON.parse(readFileSync(new URL('../data/measures-vectors.json', import.meta.url), 'utf8'));

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const requests = [];

async function newContext(options = {}) {
  // bypassCSP: axe-core goes in as an inline script, which the pages' policy blocks (csp.mjs
  // checks every page under the policy).
  const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true, ...options });
  context.setDefaultTimeout(15000);
  context.on('page', (page) => {
    page.on('console', (message) => {
      const favicon = new URL(message.location().url || 'about:blank', base).pathname === '/favicon.ico';
      if (message.type() === 'error' && !favicon) pageProblems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageProblems.push(`page error on ${page.url()}: ${error.message}`));
  });
  context.on('request', (request) => requests.push(request.url()));
  return context;
}

/** axe-core's WCAG 2.1 A and AA violations on the open page, as lines. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${v.help}`));
}

/** The figures in an indicator's table, row by row. */
function tableRows(page, id) {
  return page.$$eval(`#measure-${id} table.measures-table tbody tr`, (rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent.trim())));
}

const word = {
  en: {
    month: 'Write the month as YYYY-MM, like 2027-03.',
    above: 'The numerator cannot be above the denominator.',
    zero: 'The denominator cannot be 0.',
    both: 'Fill in both figures, or neither.',
    number: 'Write a number of zero or more, like 14 or 12.5.',
    shown: 'The figures for 2027-04 are shown on the charts. Download the file to keep them.',
    review: 'Quarterly review',
    form: "Add this month's figures",
    decision: 'Decision',
    caseNumber: 'Write a number of zero or more.',
    caseZero: 'Write a number above 0.',
    local: (text) => text,
  },
  nl: {
    month: 'Schrijf de maand als JJJJ-MM, bijvoorbeeld 2027-03.',
    above: 'De teller kan niet groter zijn dan de noemer.',
    zero: 'De noemer kan niet 0 zijn.',
    both: 'Vul beide cijfers in, of geen van beide.',
    number: 'Schrijf een getal van nul of meer, bijvoorbeeld 14 of 12,5.',
    shown: 'De cijfers van 2027-04 staan op de grafieken. Download het bestand om ze te bewaren.',
    review: 'Kwartaalbespreking',
    form: 'Cijfers van deze maand toevoegen',
    decision: 'Besluit',
    caseNumber: 'Schrijf een getal van nul of meer.',
    caseZero: 'Schrijf een getal groter dan 0.',
    local: (text) => text.replace('.', ','),
  },
};

browser = await launch();

for (const lang of ['en', 'nl']) {
  const w = word[lang];
  const prefix = lang === 'en' ? '' : 'nl/';
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL(`${prefix}tools/measures/`, base).href);

  await check(`${lang}: the form shows, with a chart and a table for every indicator`, async () => {
    expect(await page.isVisible('#measures-form'), 'the form is hidden');
    const charts = await page.locator('section.measures-indicator svg.measures-chart').count();
    const tables = await page.locator('section.measures-indicator table.measures-table').count();
    expectEqual([charts, tables], [9, 9], 'charts and tables');
    expect(await page.isVisible('.measures-print button'), 'the print button is hidden');
  });

  await check(`${lang}: axe-core finds nothing on the page as it loads`, async () => {
    expectEqual(await axe(page), [], 'violations');
  });

  await check(`${lang}: impossible figures are refused with a message next to each field`, async () => {
    await page.fill('#measures-month', '2027-4');
    await page.fill('#measures-reach-numerator', '40');
    await page.fill('#measures-reach-denominator', '31');
    await page.fill('#measures-starts-numerator', '3');
    await page.fill('#measures-starts-denominator', '0');
    await page.fill('#measures-adoption-numerator', '5');
    await page.fill('#measures-waiting-time-value', 'soon');
    await page.click('[data-action="preview"]');
    const errors = await page.evaluate(() => Object.fromEntries(
      Array.from(document.querySelectorAll('#measures-form .measures-error'), (e) => [e.id, e.textContent]).filter(([, t]) => t),
    ));
    expectEqual(errors, {
      'measures-month-error': w.month,
      'measures-reach-numerator-error': w.above,
      'measures-starts-denominator-error': w.zero,
      'measures-waiting-time-value-error': w.number,
      'measures-adoption-denominator-error': w.both,
    }, 'messages');
    expectEqual(await page.getAttribute('#measures-month', 'aria-invalid'), 'true', 'the month is marked');
    expect(!(await page.locator('#measure-reach circle[data-month="2027-04"]').count()), 'refused figures were drawn');
    expectEqual(await axe(page), [], 'violations with the messages shown');
  });

  await check(`${lang}: typed figures show on the charts and in the tables before they are committed`, async () => {
    await page.fill('#measures-month', '2027-04');
    await page.fill('#measures-reach-numerator', '20');
    await page.fill('#measures-starts-denominator', '');
    await page.fill('#measures-starts-numerator', '');
    await page.fill('#measures-adoption-numerator', '');
    await page.fill('#measures-waiting-time-value', '25.5');
    await page.fill('#measures-feedback-on-time-numerator', '100');
    await page.fill('#measures-feedback-on-time-denominator', '110');
    await page.click('[data-action="preview"]');
    expectEqual(await page.textContent('.measures-status'), w.shown, 'status');
    expectEqual(await page.locator('#measure-reach circle[data-month="2027-04"]').count(), 1, 'the new point');
    expectEqual(await page.textContent('#measure-reach text.measures-last'), w.local('64.5 %'), 'the last value');
    expect(await page.locator('#measure-reach line.measures-target').count() === 1, 'the target line is missing');
    const reach = await tableRows(page, 'reach');
    expectEqual(reach[reach.length - 1], ['2027-04', '20', '31', w.local('64.5 %')], 'the new row');
    const starts = await tableRows(page, 'starts');
    expectEqual(starts[starts.length - 1][0], '2027-04', 'a month without figures is a row');
    expectEqual(starts[starts.length - 1].length, 2, 'a month without figures says so');
    // A month without a figure breaks the line of an indicator that had one before.
    const lines = await page.locator('#measure-starts polyline.measures-line').count();
    expectEqual(lines, 1, 'lines of an indicator with no new figure');
    const days = await tableRows(page, 'waiting-time');
    expectEqual(days[days.length - 1][0], '2027-04', 'waiting time month');
    expect(days[days.length - 1][1].startsWith(w.local('25.5 ')), `waiting time value ${days[days.length - 1][1]}`);
    expectEqual(await axe(page), [], 'violations after the preview');
  });

  await check(`${lang}: the download is the bundled file with the typed figures in their places`, async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download"]')]);
    expectEqual(download.suggestedFilename(), 'measures.csv', 'file name');
    const file = join(out, `${lang}.csv`);
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    const bundled = await (await fetch(new URL('tools/measures.csv', base))).text();
    const added = text.split('\n').filter((line) => !bundled.split('\n').includes(line));
    expectEqual(added, ['2027-04,reach,20,31,', '2027-04,waiting-time,,,25.5', '2027-04,feedback-on-time,100,110,'], 'the added lines');
    expectEqual(text.split('\n').length, bundled.split('\n').length + 3, 'lines in all');
    expect(text.indexOf('2027-04,reach') < text.indexOf('2026-04,starts'), 'rows are grouped per indicator');
  });

  await check(`${lang}: printed on A4, the review has the charts, what is off target and room for decisions`, async () => {
    const file = join(out, `${lang}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/.test(info), `not A4: ${info}`);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text.includes(w.review), 'no review');
    expect(text.includes(w.decision), 'no decisions table');
    expect(!text.includes(w.form), 'the form is printed');
    const off = await page.$$eval('.measures-off-list li', (items) => items.map((li) => li.textContent));
    expect(off.length >= 1, 'nothing off target in the example');
    for (const line of off) expect(text.replace(/\s+/g, ' ').includes(line.split(':')[0]), `not printed: ${line}`);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length <= 12, `${pages.length} pages`);
  });

  await check(`${lang}: at 320 px the measures page does not scroll sideways`, async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const m = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(m[0] <= m[1], `scroll width ${m[0]} > ${m[1]}`);
    expectEqual(await axe(page), [], 'violations at 320 px');
  });

  const calc = await context.newPage();
  await calc.setViewportSize({ width: 1280, height: 900 });
  await calc.goto(new URL(`${prefix}tools/caseload/`, base).href);
  const result = (key) => calc.textContent(`.caseload-yours tr[data-output="${key}"] .caseload-value`);

  await check(`${lang}: the calculator starts from the worked example and recalculates as you type`, async () => {
    expect(await calc.isVisible('#caseload-form'), 'the form is hidden');
    const first = vectors.caseload[0];
    for (const [key, shown] of Object.entries(first.shown)) expectEqual(await result(key), w.local(shown), key);
    const second = vectors.caseload[1];
    for (const [key, value] of Object.entries(second.inputs)) await calc.fill(`#caseload-${key}`, String(value));
    for (const [key, shown] of Object.entries(second.shown)) expectEqual(await result(key), w.local(shown), key);
    // The worked example itself does not change.
    expectEqual(await calc.textContent('.caseload-example tr[data-output="team_hours"] .caseload-value'), w.local(first.shown.team_hours), 'example');
    expectEqual(await axe(calc), [], 'violations');
  });

  await check(`${lang}: the calculator refuses what it cannot work with, next to the field`, async () => {
    await calc.fill('#caseload-weeks', 'ten');
    expectEqual(await calc.textContent('#caseload-weeks-error'), w.caseNumber, 'weeks');
    await calc.fill('#caseload-therapists', '0');
    expectEqual(await calc.textContent('#caseload-therapists-error'), w.caseZero, 'therapists');
    // The results keep the last figures that could be worked out.
    expectEqual(await result('team_hours'), w.local(vectors.caseload[1].shown.team_hours), 'kept result');
    expectEqual(await axe(calc), [], 'violations with the messages shown');
    await calc.fill('#caseload-weeks', '10');
    await calc.fill('#caseload-therapists', '3');
    expectEqual(await calc.textContent('#caseload-weeks-error'), '', 'message gone');
  });

  await check(`${lang}: the calculator downloads its figures and results as CSV, formulas included`, async () => {
    const [download] = await Promise.all([calc.waitForEvent('download'), calc.click('[data-action="caseload-csv"]')]);
    expectEqual(download.suggestedFilename(), 'caseload.csv', 'file name');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\n');
    expectEqual(lines.length, 1 + 11 + 6, 'rows');
    const labels = await calc.$$eval('.caseload-yours tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.querySelector('output').textContent, r.cells[2].textContent]));
    for (const [label, value, formula] of labels) {
      const field = (t) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
      // The file keeps a decimal point in every language, as spreadsheets read it.
      expect(lines.some((l) => l.startsWith(`${field(label)},${value.replace(',', '.')},`) && l.endsWith(field(formula))), `no row for ${label}: ${text}`);
    }
  });

  await check(`${lang}: at 320 px the calculator does not scroll sideways`, async () => {
    await calc.setViewportSize({ width: 320, height: 640 });
    const m = await calc.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(m[0] <= m[1], `scroll width ${m[0]} > ${m[1]}`);
  });

  await check(`${lang}: the calculator prints on A4 with the figures typed`, async () => {
    const file = join(out, `${lang}-caseload.pdf`);
    await calc.pdf({ path: file, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/.test(info), `not A4: ${info}`);
  });
  await context.close();
}

await check('no request left the site', async () => {
  for (const r of requests) {
    const u = new URL(r);
    expect(u.protocol === 'data:' || u.protocol === 'blob:' || u.host === origin.host, `a request left the site: ${r}`);
  }
  expect(requests.length > 0, 'no requests seen');
});

await browser.close();
console.log(`all ${suite.passed} checks passed`);
