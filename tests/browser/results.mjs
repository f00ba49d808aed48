// Browser tests of a survey's results page (themes/default/static/survey-results.js) in headless
// Chromium, driven by playwright-core. Usage:
//   node results.mjs http://127.0.0.1:PORT/BASE/ ANSWERS_DIR OUT_DIR
// The site must be tests/fixtures/survey-results built with that base URL; ANSWERS_DIR holds
// tests/fixtures/survey-answers. Writes the CSV the page downloads to OUT_DIR/browser.csv and the
// page printed on A4 to OUT_DIR/results.pdf, for the Rust test to compare and count.
// Prints one line per check and exits non-zero at the first failure.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checks, expect, expectEqual, launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const [base, answers, out] = process.argv.slice(2);
if (!base || !answers || !out || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node results.mjs http://127.0.0.1:PORT/BASE/ ANSWERS_DIR OUT_DIR');
  process.exit(2);
}
const origin = new URL(base);
const englishUrl = new URL('tools/results/', base).href;
const dutchUrl = new URL('nl/tools/results/', base).href;
const files = ['answers-a1b2c3.json', 'answers-d4e5f6.json', 'answers-g7h8i9.json', 'codes.txt', 'paper.csv', 'other-survey.json']
  .map((name) => join(answers, name));

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const foreignRequests = [];

async function newContext() {
  // bypassCSP: axe-core goes in as an inline script, which the pages' policy blocks (csp.mjs
  // checks every page under the policy).
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB', bypassCSP: true });
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
  expect(found.length === 0, `axe, ${state}:\n  ${found.join('\n  ')}`);
}

const texts = (page, selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent.trim().replace(/\s+/g, ' ')));

async function run() {
  browser = await launch();
  const context = await newContext();
  let page;

  await check('the tool replaces the note for readers without JavaScript', async () => {
    page = await open(context, englishUrl);
    expect(await page.isVisible('#results-import'), 'the import form is hidden');
    expect(!(await page.isVisible('.results-no-script')), 'the no-script note shows');
    expectEqual(await page.textContent('#results-count'), 'No answers yet.', 'count');
    expect(!(await page.isVisible('#results-view')), 'results show without answers');
  });

  await check('twelve answer sets of two waves are added; a broken code, a duplicate and another survey are refused one by one', async () => {
    await page.setInputFiles('#results-files', files);
    await page.waitForSelector('.results-added');
    expectEqual(await page.textContent('.results-added'), 'Added: 12 answer sets.', 'summary');
    expectEqual(await texts(page, '.results-refused li'), [
      'codes.txt, line 4: refused. This code is broken: its last four characters do not fit the rest (a character was changed or lost).',
      'paper.csv, line 4: refused. Respondent b8c9d0 is already in: the same answer set twice.',
      'other-survey.json: refused. These are answers to “staff-survey”; this page adds up “barrier-scan”.',
    ], 'refusals');
    const count = await page.textContent('#results-count');
    expect(count.startsWith('12 answer sets: 6 at the baseline, 6 at the follow-up.'), count);
  });

  await check('pasted codes: a duplicate and markup are refused as text, nothing is injected', async () => {
    await page.fill('#results-codes', 'TK1.barrier-scan.1.b20260303.therapist.j0k1l2.41231.a5dd\n<img src=x onerror="window.injected=1">');
    await page.click('button[data-action="add-codes"]');
    await page.waitForSelector('.results-refused');
    expectEqual(await texts(page, '.results-refused li'), [
      'Pasted code, line 1: refused. Respondent j0k1l2 is already in: the same answer set twice.',
      'Pasted code, line 2: refused. This code is broken: it does not start with TK1.',
    ], 'refusals');
    expectEqual(await page.evaluate(() => window.injected), undefined, 'injected script ran');
    expectEqual(await page.$$eval('.results-messages img', (n) => n.length), 0, 'markup was inserted');
  });

  await check('the ranked list: the follow-up ranks, available resources is a barrier flagged for discussion', async () => {
    expectEqual(await page.textContent('.results-summary'), 'Ranked by the follow-up answers (6 answer sets).', 'summary');
    const ranked = await page.$$eval('#results-ranked > li', (items) => items.map((li) => ({
      construct: li.dataset.construct,
      head: li.querySelector('.results-barrier-head').textContent,
      flag: li.querySelector('.results-flag') ? li.querySelector('.results-flag').textContent : null,
      links: [...li.querySelectorAll('.results-link a')].map((a) => `${a.textContent} ${new URL(a.href).pathname}${new URL(a.href).hash}`),
    })));
    expectEqual(ranked, [{
      construct: 'available-resources',
      head: 'Available Resources 71 of 100 (Inner setting)',
      flag: 'Discuss this first: the team disagrees',
      links: [
        `Reserve an hour a week for online feedback ${origin.pathname}checklists/inner/#reserve-time`,
        `Workload ${origin.pathname}playbooks/workload/`,
      ],
    }], 'ranked list');
  });

  await check('the change per construct and the role breakdown without groups under 3', async () => {
    expectEqual(await texts(page, '#results-change tbody tr'), [
      'Innovation Complexity7138−33',
      'Available Resources7071+1',
      'Tension for Change6725−42',
      'Access to Knowledge & Information5829−29',
    ], 'change');
    expectEqual(await texts(page, '#results-constructs thead th'), ['Construct', 'Domain', 'Barrier score', 'Answers', 'Therapist'], 'role columns');
    expectEqual(await texts(page, '.results-roles li'), [
      'Therapist: 3',
      'Manager: 1 (fewer than 3, not broken down)',
      'Administrative staff: 2 (fewer than 3, not broken down)',
    ], 'roles');
    expectEqual(await texts(page, '#results-domains tbody tr'), ['Innovation3812', 'Inner setting4218'], 'domains');
  });

  await check('each statement has a stacked bar with counts, a legend of patterns and the median', async () => {
    expectEqual(await page.$$eval('.results-statement', (n) => n.length), 5, 'statements');
    const s03 = await page.$eval('[data-statement="s03"] svg', (svg) => ({
      label: svg.getAttribute('aria-label'),
      counts: [...svg.querySelectorAll('.results-bar-count')].map((t) => t.textContent),
      fills: [...svg.querySelectorAll('rect')].map((r) => r.getAttribute('fill')),
    }));
    expectEqual(s03.label, 'Strongly disagree: 0, Disagree: 2, Neither agree nor disagree: 0, Agree: 1, Strongly agree: 3. median 4.5', 'bar label');
    expectEqual(s03.counts, ['2', '1', '3'], 'counts on the bar');
    expectEqual(s03.fills, ['url(#results-point-2)', 'url(#results-point-4)', 'url(#results-point-5)'], 'patterns');
    expectEqual((await texts(page, '.results-legend li')).length, 5, 'legend');
    const text = await page.textContent('[data-statement="s03"] figcaption');
    expect(text.includes('There is no time in the week for <b>online</b> feedback.'), `statement shown as text: ${text}`);
  });

  await check('a checklist item and its barrier go into the action plan', async () => {
    const button = page.locator('.results-link-checklist .results-plan-add').first();
    await button.click();
    expectEqual(await button.textContent(), 'In the action plan', 'button');
    const plan = await page.evaluate((site) => JSON.parse(localStorage.getItem(`toolkit:${site}:plan`)), origin.pathname);
    expectEqual(plan.version, 1, 'plan version');
    expectEqual(plan.items.map((i) => [i.ref, i.text, i.status, i.barrier, i.strategies]), [
      ['checklists/inner#reserve-time', 'Reserve an hour a week for online feedback', 'todo', 'available-resources', []],
    ], 'plan items');
    expect(/^p-[0-9a-z]+$/.test(plan.items[0].id), `plan id ${plan.items[0].id}`);
  });

  await check('the CSV download is the aggregated results', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action="csv"]')]);
    expectEqual(download.suggestedFilename(), 'survey-results.csv', 'file name');
    await download.saveAs(join(out, 'browser.csv'));
  });

  await check('axe: no WCAG 2.1 AA violation with results shown (English)', async () => {
    await axe(page, 'English, twelve answer sets');
  });

  await check('the print view: the chart and the ranked list, on A4', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.results-construct-chart'), 'the chart does not print');
    expect(await page.isVisible('#results-ranked'), 'the ranked list does not print');
    expect(!(await page.isVisible('#results-import')), 'the import form prints');
    expect(!(await page.isVisible('.results-statements')), 'the statements print');
    await page.pdf({ path: join(out, 'results.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  await check('the answers are kept after a reload', async () => {
    await page.reload({ waitUntil: 'load' });
    const count = await page.textContent('#results-count');
    expect(count.startsWith('12 answer sets'), count);
  });

  await check('the Dutch page: its own words and separator, axe clean', async () => {
    const nl = await open(context, dutchUrl);
    // The answers are kept per survey, so the Dutch page shows them too.
    const count = await nl.textContent('#results-count');
    expect(count.startsWith('12 antwoordsets: 6 bij de nulmeting, 6 bij de vervolgmeting.'), count);
    expectEqual(await nl.textContent('#results-ranked .results-flag'), 'Eerst bespreken: het team is het oneens', 'flag');
    await nl.setInputFiles('#results-files', [join(answers, 'other-survey.json')]);
    await nl.waitForSelector('.results-refused');
    expectEqual(await texts(nl, '.results-refused li'), [
      'other-survey.json: geweigerd. Dit zijn antwoorden op “staff-survey”; deze pagina telt “barrier-scan” op.',
    ], 'refusal');
    await axe(nl, 'Nederlands, twelve answer sets');
    await nl.close();
  });

  await check('removing all answers empties the page', async () => {
    await page.click('button[data-action="clear"]');
    expectEqual(await page.textContent('#results-count'), 'No answers yet.', 'count');
    expect(!(await page.isVisible('#results-view')), 'results still shown');
    await axe(page, 'English, no answers');
  });

  await check('no request left the site', async () => {
    expectEqual(foreignRequests, [], 'requests to other hosts');
  });

  await browser.close();
  console.log(`${suite.passed} checks passed`);
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
