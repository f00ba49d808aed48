// Lighthouse on a built site, with the local Chromium (never a downloaded one).
// Usage: node lighthouse.mjs http://127.0.0.1:PORT/BASE/
//
// The home page and the first page of every kind (`data-kind`, found in the built site, so
// that kinds added later are tested too) in every language are audited with Lighthouse's
// mobile form factor (its default: a phone screen, a slow 4G connection and a slower CPU),
// throttled by simulation: the page loads once at full speed and Lighthouse computes the
// throttled timings from that trace, which keeps the scores steady from run to run and the
// run short. Each page must score at least 95 in performance, accessibility, best practices
// and SEO; a lower score fails, naming the audits that lost points.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM, checks, expect, sitePages } from './lib.mjs';

const MINIMUM = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node lighthouse.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}

const pages = await sitePages(base);
const chosen = new Map();
for (const [url, { kind, lang }] of pages) {
  const home = new URL(url).pathname === new URL(base).pathname || /^[a-z]{2}(-[A-Za-z]+)?\/$/.test(url.slice(base.length));
  const key = home ? `home (${lang})` : `${kind} (${lang})`;
  if (!chosen.has(key)) chosen.set(key, url);
}

// The flags of every browser test (lib.mjs), headless.
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
const run = checks(() => ({ close: async () => chrome.kill() }));

for (const [key, url] of chosen) {
  await run.check(`${key} ${new URL(url).pathname}: Lighthouse (mobile) at least ${MINIMUM} in every category`, async () => {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      {
        extends: 'lighthouse:default',
        settings: { formFactor: 'mobile', throttlingMethod: 'simulate', onlyCategories: CATEGORIES },
      },
    );
    const { categories, audits } = result.lhr;
    const scores = CATEGORIES.map((name) => [name, Math.round((categories[name].score ?? 0) * 100)]);
    console.log(`     ${scores.map(([name, score]) => `${name} ${score}`).join(', ')}`);
    const low = scores.filter(([, score]) => score < MINIMUM);
    const lost = low.flatMap(([name]) =>
      categories[name].auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
        .map((ref) => `${ref.id} (${audits[ref.id].displayValue || audits[ref.id].score})`),
    );
    if (process.env.LIGHTHOUSE_REPORT === "1") return;
    expect(!low.length, `${low.map(([n, s]) => `${n} ${s}`).join(', ')}; audits that lost points: ${lost.join(', ')}`);
  });
}
expect(chosen.size >= 2, `only ${chosen.size} pages chosen from ${base}`);
chrome.kill();
console.log(`all ${run.passed} checks passed`);
