// Browser tests of the survey page (themes/default/static/survey.js and survey-code.js) on the
// bundled barrier scan, in Debian's headless Chromium driven by playwright-core.
// Usage: node survey.mjs http://127.0.0.1:PORT/org/toolkit/
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1.
// Prints one line per check and exits non-zero at the first failure.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node survey.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);
const englishUrl = new URL('tools/barrier-scan/', base).href;
const dutchUrl = new URL('nl/tools/barrier-scan/', base).href;

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const foreignRequests = [];

async function newContext(options = {}) {
  // bypassCSP: axe-core goes in as an inline script, which the pages' policy blocks (csp.mjs
  // checks every page under the policy).
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', bypassCSP: true, ...options });
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

async function axe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  const found = result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
  expectEqual(found, [], `axe on ${what}`);
}

const codeOf = (page) => page.inputValue('#survey-code');

async function run() {
  browser = await launch();
  const phone = await newContext({ viewport: { width: 390, height: 844 }, permissions: ['clipboard-read', 'clipboard-write'] });
  let page;
  let statements;

  await check('the scan shows its statements, the hand-in section and no paper-only note', async () => {
    page = await open(phone, englishUrl);
    statements = await page.$$eval('fieldset.survey-statement', (sets) => sets.map((f) => f.id.slice(2)));
    expect(statements.length >= 20 && statements.length <= 30, `${statements.length} statements`);
    expect(await page.isVisible('#survey-handin'), 'the hand-in section is hidden');
    expect(!(await page.isVisible('.survey-nojs')), 'the note for readers without JavaScript shows');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= 390, `the page is ${width} px wide at 390`);
    expect(/^TK1\.barrier-scan\.1\.b\d{8}\.-\.[a-z0-9]{6}\.0+\.[0-9a-f]{4}$/.test(await codeOf(page)), `code ${await codeOf(page)}`);
  });

  const chosen = {};
  await check('answers are chosen with the keyboard and mouse, and the code follows', async () => {
    // The first statement by keyboard: focus its first point, arrow right to the fourth.
    await page.focus(`#s-${statements[0]}-1`);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    chosen[statements[0]] = 4;
    for (const [i, id] of statements.slice(1, 10).entries()) {
      const point = (i % 5) + 1;
      await page.click(`label[for="s-${id}-${point}"]`);
      chosen[id] = point;
    }
    await page.selectOption('#survey-role', 'therapist');
    await page.selectOption('#survey-wave', 'follow-up');
    await page.fill('#survey-date', '2027-03-01');
    await page.dispatchEvent('#survey-date', 'change');
    await page.fill('#q-q1', 'More time <b>please</b>');
    const code = await codeOf(page);
    const answers = statements.map((id) => chosen[id] || 0).join('');
    expect(code.startsWith('TK1.barrier-scan.1.f20270301.therapist.'), code);
    expectEqual(code.split('.')[6], answers, 'the answers in the code');
    expectEqual(await page.textContent('[data-survey-count]'), `10 of ${statements.length} statements answered.`, 'count');
  });

  await check('a reload half-way loses nothing', async () => {
    const before = await codeOf(page);
    await page.reload({ waitUntil: 'load' });
    expectEqual(await codeOf(page), before, 'the code after a reload');
    for (const [id, point] of Object.entries(chosen)) {
      expect(await page.isChecked(`#s-${id}-${point}`), `${id} lost its answer`);
    }
    expectEqual(await page.inputValue('#survey-role'), 'therapist', 'role');
    expectEqual(await page.inputValue('#survey-wave'), 'follow-up', 'wave');
    expectEqual(await page.inputValue('#q-q1'), 'More time <b>please</b>', 'open answer');
  });

  await check('hand in by file: the download is the answer set, open answer as text', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-survey-download]')]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    const code = await codeOf(page);
    expectEqual(download.suggestedFilename(), `barrier-scan-${code.split('.')[5]}.json`, 'file name');
    expectEqual(file.format, 'toolkit-survey-answers', 'format');
    expectEqual([file.survey, file.version, file.wave, file.date, file.role], ['barrier-scan', 1, 'follow-up', '2027-03-01', 'therapist'], 'about');
    expectEqual(file.respondent, code.split('.')[5], 'respondent');
    expectEqual(file.answers[statements[0]], 4, 'first answer');
    expectEqual(file.answers[statements[20]], null, 'an unanswered statement');
    expectEqual(file.open, { q1: 'More time <b>please</b>' }, 'open answers');
    expect((await page.textContent('#survey-status')).includes(download.suggestedFilename()), 'no status after the download');
    // The page's own reader takes the file back.
    const back = await page.evaluate((text) => {
      const survey = { id: 'barrier-scan', version: 1, points: 5, roles: [{ id: 'therapist' }], statements: Object.keys(JSON.parse(text).answers).map((id) => ({ id })), open: [{ id: 'q1' }] };
      return globalThis.toolkitSurveyCode.readFile(text, survey).respondent;
    }, JSON.stringify(file));
    expectEqual(back, file.respondent, 'the file reads back');
  });

  await check('hand in by code: the copied line is the code, and the e-mail carries it', async () => {
    await page.click('[data-survey-copy]');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expectEqual(copied, await codeOf(page), 'clipboard');
    expect((await page.textContent('#survey-status')).startsWith('The code is copied'), 'no status after copying');
    const href = await page.getAttribute('[data-survey-mail]', 'href');
    expect(href.startsWith('mailto:?subject='), href);
    expect(decodeURIComponent(href).includes(copied), 'the e-mail has no code');
  });

  await check('start again removes the answers and gives a new respondent', async () => {
    const before = (await codeOf(page)).split('.')[5];
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-survey-clear]');
    expect(!(await page.isChecked(`#s-${statements[0]}-4`)), 'an answer is still ticked');
    const after = (await codeOf(page)).split('.')[5];
    expect(after !== before, 'the respondent stayed the same');
    await page.reload({ waitUntil: 'load' });
    expect(!(await page.isChecked(`#s-${statements[0]}-4`)), 'the answer came back after a reload');
  });

  for (const [name, url, width] of [['English at 390 px', englishUrl, 390], ['Dutch at 320 px', dutchUrl, 320], ['English at 1280 px', englishUrl, 1280]]) {
    await check(`axe-core finds no WCAG 2.1 AA problem on the scan, ${name}`, async () => {
      const context = await newContext({ viewport: { width, height: 900 } });
      const p = await open(context, url);
      await p.click('label.survey-point >> nth=2');
      await axe(p, name);
      const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
      const wide = await p.evaluate((w) => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 1).slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`), width);
      expect(scroll <= width, `the page is ${scroll} px wide at ${width}: ${wide.join(', ')}`);
      await context.close();
    });
  }

  await check('the Dutch scan speaks Dutch', async () => {
    const context = await newContext();
    const p = await open(context, dutchUrl);
    expectEqual(await p.textContent('label[for="s-s01-1"] .survey-point-label'), 'Helemaal oneens', 'label');
    expectEqual(await p.textContent('[data-survey-count]'), `0 van de ${statements.length} stellingen beantwoord.`, 'count');
    await context.close();
  });

  await check('no request went to another host', async () => {
    expectEqual(foreignRequests, [], 'requests to other hosts');
  });

  await browser.close();
  console.log(`all ${suite.passed} checks passed`);
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack}`);
  if (browser) await browser.close();
  process.exit(1);
});
