// The Content-Security-Policy of a built site, in Debian's headless Chromium.
// Usage: node csp.mjs http://127.0.0.1:PORT/BASE/
//
// - Every page reachable from the home pages carries the policy, and loads and runs under it
//   with no violation reported (the `securitypolicyviolation` event, and no console error).
// - On one page of each kind (found in the built site) in each language, a reader's input is
//   left in the page, the search box is used and the offline copy is registered: still no
//   violation, so the scripts work under the policy.
// - What a page would load from another host is blocked before any request leaves the
//   browser: an image, a script, a frame and a fetch injected into a page ask nothing of the
//   other host, and each is reported as a violation of its directive. The same image in a page
//   without the policy does reach that host, so the count of requests can tell.

import { launch, checks, expect, expectEqual, sitePages, leaveInput } from './lib.mjs';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node csp.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
// The same server under another name: another origin, as far as the browser is concerned.
const outside = `http://localhost:${new URL(base).port}`;

const pages = await sitePages(base);
let open = null;
const browser = await launch();
open = browser;
const problems = [];
const run = checks(() => open, problems);

const context = await browser.newContext();
context.setDefaultTimeout(15000);
await context.addInitScript(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
  });
});
const reachedOutside = [];
await context.route(`${outside}/**`, (route) => {
  reachedOutside.push(route.request().url());
  route.fulfill({ status: 200, contentType: 'text/plain', body: 'outside' });
});
const page = await context.newPage();
page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(`${page.url()}: console: ${message.text()}`);
});

const violations = () => page.evaluate(() => window.__violations);

for (const [url, { kind }] of pages) {
  await run.check(`${new URL(url).pathname} (${kind}): the policy is there and nothing breaks it`, async () => {
    await page.goto(url, { waitUntil: 'load' });
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(policy && policy.includes("script-src 'self'"), `no policy, or no script-src 'self': ${policy}`);
    expectEqual(await violations(), [], 'violations');
  });
}

const kinds = new Map();
for (const [url, { kind, lang }] of pages) if (!kinds.has(`${kind} ${lang}`)) kinds.set(`${kind} ${lang}`, url);
for (const [key, url] of kinds) {
  await run.check(`${key}: a reader's input, a search and the offline copy work under the policy`, async () => {
    await page.goto(url, { waitUntil: 'load' });
    await leaveInput(page);
    await page.fill('#site-search-input', 'team');
    await page.waitForSelector('#site-search-results a');
    const registered = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => Boolean(r.active)));
    expect(registered, 'the offline copy was not registered');
    await page.reload({ waitUntil: 'load' });
    expectEqual(await violations(), [], 'violations');
  });
}

await run.check('an image, script, frame and fetch of another host are blocked before any request', async () => {
  await page.goto(base, { waitUntil: 'load' });
  const fetched = await page.evaluate(async (host) => {
    const add = (tag, attributes) => {
      const element = document.createElement(tag);
      Object.assign(element, attributes);
      document.body.append(element);
    };
    add('img', { src: `${host}/tracker.png`, alt: '' });
    add('script', { src: `${host}/tracker.js` });
    add('iframe', { src: `${host}/frame.html`, title: 'outside' });
    try {
      await fetch(`${host}/collect`, { method: 'POST', body: 'what a reader typed' });
      return 'sent';
    } catch {
      return 'refused';
    }
  }, outside);
  await page.waitForFunction(() => window.__violations.length >= 4);
  expectEqual(fetched, 'refused', 'the fetch');
  const seen = (await violations()).map((v) => v.split(' ')[0]).sort();
  expectEqual(seen, ['connect-src', 'frame-src', 'img-src', 'script-src-elem'], 'violations reported');
  expectEqual(reachedOutside, [], 'requests that reached the other host');
  problems.length = 0; // the console reports each refusal as an error, as it should
});

await run.check('without the policy the same image does reach the other host (the count can tell)', async () => {
  const plain = await context.newPage();
  await plain.setContent(`<img src="${outside}/tracker.png" alt="">`);
  await plain.waitForFunction(() => document.querySelector('img').complete);
  expectEqual(reachedOutside, [`${outside}/tracker.png`], 'requests that reached the other host');
  await plain.close();
});

await browser.close();
console.log(`all ${run.passed} checks passed`);
