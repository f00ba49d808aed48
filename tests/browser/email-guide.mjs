// Browser tests of the e-mail feedback guides (themes/default/static/email-guide.js) in Debian's
// headless Chromium, driven by playwright-core. Usage: node email-guide.mjs http://127.0.0.1:PORT/org/toolkit/
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1.
// Prints one line per check and exits non-zero at the first failure.

import { checks, expect, launch } from './lib.mjs';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node email-guide.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);
const guides = [
  ['en', new URL('tools/feedback-guide/', base).href],
  ['nl', new URL('nl/tools/feedback-guide/', base).href],
];

let browser;
const pageProblems = [];
const suite = checks(() => browser, pageProblems);
const { check } = suite;
const requests = [];

/** A fresh browser profile whose pages are watched for errors and requests. */
async function newContext(options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15000);
  context.on('page', (page) => {
    page.on('console', (message) => {
      const favicon = new URL(message.location().url || 'about:blank', base).pathname === '/favicon.ico';
      if (message.type() === 'error' && !favicon) {
        pageProblems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => pageProblems.push(`page error on ${page.url()}: ${error.message}`));
  });
  context.on('request', (request) => requests.push(request.url()));
  return context;
}

/** What the checker lists for the draft now in the text area (it checks a draft as it changes). */
async function results(page) {
  await page.waitForFunction(() => document.querySelector('.email-checker').classList.contains('email-checked'));
  return page.evaluate(() => {
    const list = (selector) => Array.from(document.querySelectorAll(selector)).map((li) => ({
      rule: li.dataset.rule,
      severity: li.querySelector('.email-severity')?.className.replace(/.*email-severity-/, ''),
      text: li.textContent,
    }));
    return { improve: list('.email-improve li.email-result'), pass: list('.email-pass li.email-result') };
  });
}

browser = await launch();

for (const [lang, url] of guides) {
  const context = await newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: origin.origin });
  const page = await context.newPage();
  await page.goto(url);
  const examples = await page.evaluate(() => ({
    good: Array.from(document.querySelectorAll('figure.email-do pre'), (p) => p.textContent),
    bad: Array.from(document.querySelectorAll('figure.email-dont pre'), (p) => p.textContent),
    rules: JSON.parse(document.getElementById('email-guide-data').textContent).rules.length,
  }));
  const draft = page.locator('#email-draft');
  const loaded = requests.length;

  await check(`${lang}: the checker shows with a labelled text area and a polite status`, async () => {
    expect(await page.locator('.email-checker').isVisible(), 'the checker is hidden');
    expect(await page.getByLabel(lang === 'en' ? 'Your draft message' : 'Je conceptbericht').count() === 1, 'no labelled text area');
    expect(await page.locator('.email-summary').getAttribute('aria-live') === 'polite', 'the summary is not a polite live region');
    expect(!(await page.locator('#email-keep').isChecked()), 'keeping the draft is on by default');
    expect(examples.good.length >= 4 && examples.bad.length >= 4, `examples: ${examples.good.length} good, ${examples.bad.length} bad`);
    expect(examples.rules >= 9, `${examples.rules} rules`);
  });

  await check(`${lang}: each good example, typed into the checker, breaks no error or warning rule`, async () => {
    for (const [n, text] of examples.good.entries()) {
      await draft.fill('');
      // Typed key by key, the checker rechecking the draft at each: slow when other tests share
      // the machine, so it has a longer deadline than the other steps.
      if (n === 0) await draft.pressSequentially(text, { timeout: 60000 });
      else await draft.fill(text);
      const found = await results(page);
      const serious = found.improve.filter((r) => r.severity !== 'tip');
      expect(!serious.length, `good example ${n + 1} breaks ${serious.map((r) => r.rule).join(', ')}`);
      expect(found.improve.length + found.pass.length === examples.rules, `good example ${n + 1}: not every rule listed`);
      for (const r of found.pass.concat(found.improve)) {
        expect(/Source|Bron/.test(r.text), `rule ${r.rule} shows no source`);
      }
    }
  });

  await check(`${lang}: each bad example is flagged`, async () => {
    let last;
    for (const [n, text] of examples.bad.entries()) {
      await draft.fill(text);
      last = await results(page);
      expect(last.improve.length > 0, `bad example ${n + 1} passes every rule`);
    }
    // The summary is announced once typing pauses: then it counts the last draft's results.
    const counts = `${last.improve.length} ${last.pass.length}`;
    await page
      .waitForFunction(
        (wanted) => (document.querySelector('.email-summary').textContent.match(/\d+/g) || []).join(' ') === wanted,
        counts,
      )
      .catch(() => {});
    const summary = await page.locator('.email-summary').textContent();
    expect(/\d/.test(summary), `the summary says "${summary}"`);
    expect((summary.match(/\d+/g) || []).join(' ') === counts, `the summary says "${summary}", not ${counts} results`);
  });

  await check(`${lang}: nothing is stored unless asked, and no request leaves the page`, async () => {
    const stored = await page.evaluate(() => Object.keys(localStorage));
    expect(stored.length === 0, `localStorage holds ${stored.join(', ')}`);
    expect(requests.length === loaded, `typing made requests: ${requests.slice(loaded).join(', ')}`);
    for (const r of requests) {
      const u = new URL(r);
      expect(u.protocol === 'data:' || u.host === origin.host, `a request left the site: ${r}`);
    }
  });

  await check(`${lang}: "keep this draft" keeps it over a reload, and unticking forgets it`, async () => {
    await draft.fill('Draft to keep.');
    await page.locator('#email-keep').check();
    await page.reload();
    expect(await draft.inputValue() === 'Draft to keep.', 'the draft was not restored');
    expect(await page.locator('#email-keep').isChecked(), 'the box is not ticked after the reload');
    await page.locator('#email-keep').uncheck();
    const stored = await page.evaluate(() => Object.keys(localStorage));
    expect(stored.length === 0, `still stored: ${stored.join(', ')}`);
    await page.reload();
    expect(await draft.inputValue() === '', 'the draft came back after unticking');
  });

  await check(`${lang}: the copy button copies a template`, async () => {
    const button = page.locator('button.email-copy').first();
    expect(await button.isVisible(), 'no visible copy button');
    const wanted = await page.locator('figure.email-template pre').first().textContent();
    await button.click();
    await page.waitForFunction(() => document.querySelector('.email-copy-status').textContent !== '');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied === wanted, `copied ${JSON.stringify(copied.slice(0, 40))}`);
  });
  await context.close();
}

await check('without JavaScript: no checker, no copy buttons, the templates are text', async () => {
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(guides[0][1]);
  expect(!(await page.locator('.email-checker').isVisible()), 'the checker shows');
  expect(!(await page.locator('button.email-copy').first().isVisible()), 'a copy button shows');
  expect((await page.locator('figure.email-template pre').first().textContent()).includes('[name]'), 'no template text');
  await context.close();
});

await browser.close();
console.log(`${suite.passed} checks passed`);
