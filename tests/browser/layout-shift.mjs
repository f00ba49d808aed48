// Layout shift of every page kind of a built site, in Debian's headless Chromium.
// Usage: node layout-shift.mjs http://127.0.0.1:PORT/BASE/
//
// The page kinds are found in the built site, not listed here: every page reachable from the
// home page of each language is read over HTTP, and the first page of each kind (`data-kind` on
// `<body>`) in each language is measured, so a new kind is measured as soon as it has a page.
// Each one is loaded at 390 and 1280 px wide, fresh and again after a reader left input in it
// (the first box ticked, text in the first text field with its "keep" box ticked, dates in date
// fields), which the page's scripts may restore when it loads. The scripts are held back until the page has painted, as on a
// slow phone connection, so that whatever they add or move counts. The layout shifts are summed
// with a PerformanceObserver (`layout-shift`, shifts right after input left out, as the
// Cumulative Layout Shift does); more than 0.05 fails, naming what moved. With SHIFT_REPORT=1
// every figure is printed and nothing fails.

import { launch, checks, expect, sitePages, leaveInput } from './lib.mjs';

const LIMIT = 0.05;
const WIDTHS = [390, 1280];

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node layout-shift.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}

const pages = await sitePages(base);
const chosen = new Map();
for (const [url, { kind, lang }] of pages) {
  const key = `${kind} (${lang})`;
  if (!chosen.has(key)) chosen.set(key, url);
}

let open = null;
const browser = await launch();
open = browser;
const problems = [];
const run = checks(() => open, problems);

/** Sums the layout shifts of the page from its start, keeping where the largest ones were. */
function observeShifts() {
  window.__shift = { total: 0, sources: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__shift.total += entry.value;
      for (const source of entry.sources || []) {
        const node = source.node;
        const name = node && node.nodeType === 1
          ? `${node.localName}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}`
          : node ? `${node.parentElement?.localName ?? '?'} text` : '?';
        window.__shift.sources.push(`${name} ${entry.value.toFixed(3)} (${source.previousRect.y}→${source.currentRect.y})`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Loads `url` with the page's scripts held back until it has painted; returns the shifts. */
async function measure(page, url) {
  let painted = null;
  await page.route('**/*.js', async (route) => {
    painted ??= page
      .evaluate(
        () =>
          new Promise((resolve) => {
            const check = () =>
              performance.getEntriesByName('first-contentful-paint').length ? resolve() : requestAnimationFrame(check);
            check();
          }),
      )
      .catch(() => {});
    await painted;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  // Two frames after load: every shift the scripts caused has been reported.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.unroute('**/*.js');
  return page.evaluate(() => window.__shift);
}

/** Fails unless the shifts stay within the limit (with SHIFT_REPORT=1 only prints them). */
function judge(shift) {
  expect(shift, 'the PerformanceObserver reported nothing');
  if (process.env.SHIFT_REPORT === '1') {
    console.log(`     ${shift.total.toFixed(3)} ${shift.sources.slice(0, 4).join('; ')}`);
    return;
  }
  expect(
    shift.total <= LIMIT,
    `layout shift ${shift.total.toFixed(3)} > ${LIMIT}; what moved: ${shift.sources.slice(0, 6).join('; ')}`,
  );
}

for (const [key, url] of chosen) {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.addInitScript(observeShifts);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
    const where = `${key} ${new URL(url).pathname} at ${width} px`;
    let input = false;
    await run.check(`${where}, fresh: layout shift at most ${LIMIT}`, async () => {
      judge(await measure(page, url));
      input = await leaveInput(page);
    });
    if (input) {
      await run.check(`${where}, with the input a reader left: layout shift at most ${LIMIT}`, async () => {
        judge(await measure(page, url));
      });
    }
    await context.close();
  }
}
expect(chosen.size >= 2, `only ${chosen.size} page kinds found from ${base}`);
console.log(`${chosen.size} page kinds in ${new Set([...pages.values()].map((p) => p.lang)).size} languages: ${[...chosen.keys()].join(', ')}`);
await browser.close();
console.log(`all ${run.passed} checks passed`);
