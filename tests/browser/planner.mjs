// Browser tests of the training planner (themes/default/static/planner.js) in Debian's headless
// Chromium, driven by playwright-core. Usage: node planner.mjs http://127.0.0.1:PORT/org/toolkit/
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1.
// Prints one line per check and exits non-zero at the first failure.

import { readFile } from 'node:fs/promises';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node planner.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);
const englishUrl = new URL('tools/training-planner/', base).href;
const dutchUrl = new URL('nl/tools/training-planner/', base).href;

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const foreignRequests = [];

async function newContext(options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', timezoneId: 'America/New_York', ...options });
  context.setDefaultTimeout(15000);
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error on ${page.url()}: ${message.text()}`);
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

/** Types a date into a date field with the keyboard, in the en-US order month, day, year. */
async function typeDate(page, selector, iso) {
  const [y, m, d] = iso.split('-');
  await page.focus(selector);
  await page.keyboard.type(`${m}${d}${y}`);
  await page.keyboard.press('Tab');
}

const dated = (page) => page.$$eval('.planner-dated tbody tr', (rows) => rows.map((r) => `${r.dataset.date} ${r.dataset.event}`));

async function run() {
  browser = await launch();
  const context = await newContext();
  let page;

  await check('the form is shown, labelled, and the plan relative to go-live is there', async () => {
    page = await open(context, englishUrl);
    expect(await page.isVisible('#planner-form'), 'the form is hidden');
    expectEqual(await page.textContent('label[for="planner-go-live"]'), 'Go-live date (the first patients start)', 'go-live label');
    expectEqual(await page.textContent('label[for="planner-training-1"]'), 'Training day 1', 'training label');
    expect(await page.isVisible('#planner-plan'), 'the relative plan is hidden before a date is entered');
    expect(!(await page.isVisible('.planner-actions')), 'the download button shows without dates');
  });

  await check('go-live entered by keyboard: the dated schedule is right, leap day included', async () => {
    await typeDate(page, '#planner-go-live', '2028-02-29');
    await page.waitForSelector('.planner-dated');
    const rows = await dated(page);
    expectEqual(rows.slice(0, 6), [
      '2028-02-08 book-first-patients',
      '2028-02-22 training',
      '2028-02-25 practice-case',
      '2028-02-29 go-live',
      '2028-03-07 first-message-review',
      '2028-03-07 tips',
    ], 'first rows');
    expect(rows.includes('2028-03-21 booster-1'), 'the first booster is not on 2028-03-21');
    expect(rows.includes('2029-02-28 yearly-refresher'), 'the first yearly refresher is not on 2029-02-28');
    expectEqual(rows.length, 37, 'rows');
    expect(!(await page.isVisible('#planner-plan')), 'the relative plan is still shown');
    // The core training lasts two days: its last day is 6 days before go-live.
    expect((await page.textContent('.planner-status')).includes('6 days before go-live'), 'status text');
  });

  await check('a training day too early: a plain warning (role=alert) proposes a date that fits', async () => {
    await typeDate(page, '#planner-training-1', '2028-01-03');
    const alert = page.locator('[role="alert"]');
    await alert.locator('p').waitFor();
    const text = await alert.textContent();
    expect(text.includes('56 days before go-live') && text.includes('at most 14'), `alert: ${text}`);
    expectEqual(await alert.locator('button').getAttribute('data-date'), '2028-02-22', 'proposed date');
    await alert.locator('button').focus();
    await page.keyboard.press('Enter');
    expectEqual(await page.inputValue('#planner-training-1'), '2028-02-22', 'training date after using the proposal');
    expectEqual(await page.locator('[role="alert"] p').count(), 0, 'the warning is still there');
  });

  await check('a proposed training day that moved off a weekend is said from where it lands', async () => {
    // Go-live on a Saturday: the week before is a weekend, so the two training days move to
    // Monday and Tuesday, five days before go-live (as `toolkit plan` says).
    await typeDate(page, '#planner-go-live', '2027-03-06');
    await typeDate(page, '#planner-training-1', '2027-01-01');
    const alert = page.locator('[role="alert"]');
    await alert.locator('p').waitFor();
    const text = await alert.textContent();
    expect(text.includes('(5 days before go-live)'), `alert: ${text}`);
    expectEqual(await alert.locator('button').getAttribute('data-date'), '2027-03-01', 'proposed date');
    await typeDate(page, '#planner-go-live', '2028-02-29');
    await typeDate(page, '#planner-training-1', '2028-02-22');
    expectEqual(await page.locator('[role="alert"] p').count(), 0, 'the warning is still there');
  });

  await check('a second training day by keyboard: both are in the schedule', async () => {
    await page.focus('[data-action="add-training"]');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#planner-training-2'), 'no second training field');
    await typeDate(page, '#planner-training-2', '2028-02-15');
    const rows = await dated(page);
    expect(rows.includes('2028-02-15 training') && rows.includes('2028-02-22 training'), `rows: ${rows.slice(0, 5)}`);
  });

  await check('the .ics download holds every event, one per row, with CRLF lines', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="ics"]')]);
    expectEqual(download.suggestedFilename(), 'training-plan.ics', 'file name');
    const text = await readFile(await download.path(), 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), 'calendar header');
    const rows = await dated(page);
    expectEqual((text.match(/BEGIN:VEVENT/g) || []).length, rows.length, 'events');
    expect(text.includes(`UID:booster-1-20280321@${origin.host}\r\n`), 'booster UID');
    expect(text.includes('DTSTART;VALUE=DATE:20280229\r\n'), 'go-live DTSTART');
    // One event over both days of the training, DTEND the day after the last.
    expect(text.includes('DTSTART;VALUE=DATE:20280222\r\nDTEND;VALUE=DATE:20280224\r\n'), 'two-day training');
    const transp = (uid) => {
      const start = text.indexOf(`UID:${uid}@`);
      return text.slice(start, text.indexOf('END:VEVENT', start)).match(/TRANSP:(\w+)/)[1];
    };
    expectEqual(
      ['training-20280222', 'booster-1-20280321', 'case-consultation-20280314', 'tips-20280307', 'go-live-20280229'].map(transp),
      ['OPAQUE', 'OPAQUE', 'OPAQUE', 'TRANSPARENT', 'TRANSPARENT'],
      'busy training and meetings, free reminders',
    );
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'a line longer than 75 octets');
  });

  await check('printed, the inputs are hidden and the dated schedule is shown', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.isVisible('#planner-form')), 'the form prints');
    expect(!(await page.isVisible('.planner-actions')), 'the buttons print');
    expect(await page.isVisible('.planner-dated'), 'the schedule does not print');
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: '/tmp/planner-en.png', fullPage: true }).catch(() => {});
  });

  await check('a go-live that puts part of the plan after 9999-12-31 is refused, as by toolkit plan', async () => {
    await typeDate(page, '#planner-go-live', '9999-12-01');
    const alert = await page.locator('[role="alert"] p').textContent();
    expect(alert.includes('part of the plan falls outside the years 1 to 9999'), `alert: ${alert}`);
    expect(alert.includes('Choose a date from') && alert.includes('9996'), `alert: ${alert}`);
    expect(!(await page.isVisible('.planner-dated')), 'the dated schedule is still shown');
    expect(!(await page.isVisible('.planner-actions')), 'the download button is still shown');
    await typeDate(page, '#planner-go-live', '9996-12-10');
    const rows = await dated(page);
    expectEqual(rows[rows.length - 1], '9999-12-10 yearly-refresher', 'the last row');
  });

  await check('a row moved off a weekend says so, and months read as months', async () => {
    // Go-live on Wednesday 3 March 2027: the practice case, 4 days before, would be a Saturday.
    await typeDate(page, '#planner-go-live', '2027-03-03');
    const rows = await dated(page);
    expect(rows.includes('2027-02-26 practice-case'), `rows: ${rows.slice(0, 4)}`);
    const moved = await page.textContent('.planner-dated tr[data-event="practice-case"]');
    expect(moved.includes('moved from') && moved.includes('27') && moved.includes('not a working day'), `row: ${moved}`);
    const booster = await page.textContent('.planner-dated tr[data-event="booster-2"]');
    expect(booster.includes('3 months after go-live'), `row: ${booster}`);
    expect(rows.includes('2028-03-03 yearly-refresher'), 'the yearly refresher is not on the same date a year on');
  });

  await check('the Dutch page uses Dutch words', async () => {
    const nl = await open(context, dutchUrl);
    expectEqual(await nl.textContent('label[for="planner-go-live"]'), 'Startdatum (de eerste patiënten beginnen)', 'label');
    await typeDate(nl, '#planner-go-live', '2027-01-04');
    await typeDate(nl, '#planner-training-1', '2026-11-02');
    const alert = await nl.locator('[role="alert"] p').textContent();
    expect(alert.includes('Te lange tussenpoos'), `alert: ${alert}`);
    const when = await nl.$$eval('.planner-dated tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent));
    expect(when.includes('3 weken vóór de start'), `when: ${when.slice(0, 3)}`);
    await nl.screenshot({ path: '/tmp/planner-nl.png', fullPage: true }).catch(() => {});
  });

  await check('no request left the page', async () => {
    expectEqual(foreignRequests, [], 'requests to other hosts');
  });

  await browser.close();
  console.log(`${suite.passed} checks passed`);
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack || error}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
