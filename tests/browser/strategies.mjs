// The strategy library of the bundled toolkit in Debian's headless Chromium, in English and
// Dutch. Usage: node strategies.mjs http://127.0.0.1:PORT/BASE/PATH/
// For each language:
// - without JavaScript, the caveat, the 9 clusters and the 73 strategies with their definitions
//   are on the page, and the items of the checklists that carry a strategy are linked;
// - at 320 px wide the page does not scroll sideways, and axe-core (WCAG 2.1 A and AA) finds
//   no violation, also at 1280 px;
// - printed on A4 (print media, 794 px wide) nothing sticks out sideways and the search box is
//   hidden; no request leaves the site.

import { createRequire } from 'node:module';
import { launch, checks, expect, expectEqual } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node strategies.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);

let browser;
const problems = [];
const foreign = [];

async function open(path, options) {
  // bypassCSP: axe-core goes in as an inline script, which the pages' policy blocks (csp.mjs
  // checks every page under the policy).
  const context = await browser.newContext({ bypassCSP: true, ...options });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.host !== origin.host) foreign.push(request.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(new URL(path, base).href);
  return { context, page };
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const LANGUAGES = [
  { lang: 'en', path: 'tools/strategies/', caveat: 'Suggestions to discuss, not prescriptions', english: null },
  { lang: 'nl', path: 'nl/tools/strategies/', caveat: 'Voorstellen om te bespreken, geen voorschriften', english: 'Engelse naam: Audit and provide feedback' },
];

async function run() {
  browser = await launch();
  const suite = checks(() => browser, problems);
  const { check } = suite;
  for (const { lang, path, caveat, english } of LANGUAGES) {
    await check(`${lang}: without JavaScript the library is on the page`, async () => {
      const { context, page } = await open(path, { javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
      expect((await page.textContent('main')).includes(caveat), 'the caveat is missing');
      expectEqual(await page.locator('.strategy-cluster').count(), 9, 'clusters');
      expectEqual(await page.locator('.strategy').count(), 73, 'strategies');
      expectEqual(await page.locator('.strategy-definition').count(), 73, 'definitions');
      const audit = page.locator('section.strategy:has(#audit-and-provide-feedback)');
      if (english) expectEqual((await audit.locator('.strategy-english').textContent()).trim(), english, 'English name');
      expect(await audit.locator('.strategy-matches li').count() >= 1, 'audit and provide feedback has no match');
      const item = audit.locator('.strategy-items a').first();
      expect((await item.getAttribute('href')).includes('/checklists/'), 'no checklist item is linked');
      await context.close();
    });
    for (const width of [320, 1280]) {
      await check(`${lang}: at ${width} px the page fits and axe finds no violation`, async () => {
        const { context, page } = await open(path, { viewport: { width, height: 800 } });
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scroll <= width, `the page scrolls sideways: ${scroll} px`);
        expectEqual(await axe(page), [], 'axe violations');
        await context.close();
      });
    }
    await check(`${lang}: printed on A4 nothing sticks out`, async () => {
      const { context, page } = await open(path, { viewport: { width: 794, height: 1123 } });
      await page.emulateMedia({ media: 'print' });
      const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => el.tagName + '.' + el.className).slice(0, 3));
      expectEqual(wide, [], 'elements wider than the page');
      const search = await page.evaluate(() => {
        const el = document.querySelector('.site-search');
        return el ? getComputedStyle(el).display : 'none';
      });
      expectEqual(search, 'none', 'the search box when printed');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length > 10000, 'the printout is empty');
      await context.close();
    });
  }
  await check('no request left the site', async () => {
    expectEqual(foreign, [], 'requests to other hosts');
  });
  await browser.close();
  console.log(`${suite.passed} checks passed`);
}

run().catch(async (error) => {
  console.log(`FAIL ${error.stack || error}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
