// The offline copy of a built site (the service worker the build writes), in Debian's headless
// Chromium. Usage: TOOLKIT_BIN=path/to/toolkit node offline.mjs SITE_DIR
// SITE_DIR is a copy of the bundled toolkit that this script may change and build.
//
// The script builds the site into SITE_DIR/public and serves that folder itself over http on
// 127.0.0.1 (a service worker needs a secure context; localhost counts), as a static host does.
// Then, as a reader with bad reception would:
// - loads the home page online: the copy of the language is kept;
// - goes offline and opens three other pages, which say they are the offline copy, and a
//   checklist's PDF form, which downloads; ticks an item, which stays ticked over a reload;
// - finds that nothing typed was kept: no kept address has a query, no kept file holds what was
//   typed into the feedback checker or the search box, and the ticks are only in localStorage;
// - goes online, a new build is published (changed content, rebuilt into the served folder):
//   the page shows it, and the new build's worker installs and keeps a copy of the new
//   version, holding the new content. (Chromium keeps a new worker waiting after its offline
//   emulation has been used, so the offline pages of the new copy are not opened here.)
// Last, `toolkit serve` on the same address: the worker the build left is removed, none is
// registered, and serve has no sw.js.

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname } from 'node:path';
import { launch, checks, expect, expectEqual } from './lib.mjs';

const siteDir = process.argv[2];
const toolkit = process.env.TOOLKIT_BIN;
if (!siteDir || !toolkit) {
  console.error('usage: TOOLKIT_BIN=path/to/toolkit node offline.mjs SITE_DIR');
  process.exit(2);
}
const PREFIX = '/org/toolkit/';
const publicDir = join(siteDir, 'public');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.pdf': 'application/pdf', '.csv': 'text/csv', '.svg': 'image/svg+xml', '.md': 'text/markdown', '.xml': 'application/xml',
};

/** A static host for the output folder, read afresh at every request (a publish is a rebuild). */
function startHost(port) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = path.startsWith(PREFIX) && !path.includes('..') ? join(publicDir, path.slice(PREFIX.length)) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      response.writeHead(404, { 'Content-Type': TYPES['.html'] });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

let host = await startHost(0);
const port = host.address().port;
const base = `http://127.0.0.1:${port}${PREFIX}`;
const build = () =>
  execFileSync(toolkit, ['build', '--base-url', base, '--output', publicDir], { cwd: siteDir, stdio: 'pipe' });
build();

let open = null;
const browser = await launch();
open = browser;
const problems = [];
const run = checks(() => open, problems);
const context = await browser.newContext({ acceptDownloads: true });
context.setDefaultTimeout(30000);
let page = await context.newPage();
page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));

const NEWS = 'This paragraph arrived with the new build.';
const TYPED = 'Draft about patient Qwyxzmarker, typed and kept on purpose';
/** The version of the copy on this device, once the page has asked the worker to keep it. */
const keptVersion = (previous = null) =>
  page
    .waitForFunction((old) => {
      const v = document.documentElement.dataset.offlineVersion;
      return v && v !== old ? v : null;
    }, previous)
    .then((handle) => handle.jsonValue());
const isOfflineCopy = () =>
  page.evaluate(() => ({
    marked: document.documentElement.hasAttribute('data-offline-copy'),
    note: getComputedStyle(document.querySelector('.offline-note')).display !== 'none',
  }));
/** Every kept address and whether its file holds `text`. */
const kept = (text) =>
  page.evaluate(async (wanted) => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const body = await (await cache.match(request)).text();
        out.push({ name, url: request.url, holds: body.includes(wanted) });
      }
    }
    return out;
  }, text);

let first;
await run.check('online, the home page has the copy of its language kept', async () => {
  await page.goto(base, { waitUntil: 'load' });
  first = await keptVersion();
  const entries = await kept('');
  expect(entries.some((e) => e.url === `${base}checklists/process/process.pdf`), 'no checklist PDF kept');
  expect(entries.some((e) => e.url === `${base}search-index.json`), 'no search index kept');
  expect(!entries.some((e) => e.url.startsWith(`${base}nl/`)), 'the other language was kept too');
  expectEqual(await isOfflineCopy(), { marked: false, note: false }, 'the online page');
});

await run.check('offline, three other pages open from the copy and say so', async () => {
  await context.setOffline(true);
  for (const path of ['playbooks/training/', 'tools/stakeholder-map/', 'checklists/process/']) {
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    expect((await page.textContent('h1')).trim().length > 0, `${path} has no heading`);
    expectEqual(await isOfflineCopy(), { marked: true, note: true }, `${path}: the offline note`);
    expect(await page.isVisible('.offline-note'), `${path}: the note is not visible`);
  }
});

await run.check("offline, the checklist's PDF form downloads", async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href$="process.pdf"]'),
  ]);
  const saved = await download.path();
  expectEqual(readFileSync(saved).subarray(0, 5).toString(), '%PDF-', 'the start of the downloaded file');
});

await run.check('offline, an item ticked stays ticked over a reload', async () => {
  const box = page.locator('.checklist-item input[type="checkbox"]').first();
  await box.check();
  await page.reload({ waitUntil: 'load' });
  expect(await page.locator('.checklist-item input[type="checkbox"]').first().isChecked(), 'the tick is gone');
  expect((await page.textContent('.checklist-progress .progress-text')).trim().startsWith('1'), 'the progress does not count it');
});

await run.check('nothing a reader typed is kept by the worker', async () => {
  await context.setOffline(false);
  await page.goto(`${base}tools/feedback-guide/`, { waitUntil: 'load' });
  await page.fill('#email-draft', TYPED);
  await page.check('#email-keep');
  await page.fill('#site-search-input', 'Qwyxzmarker typed');
  await page.goto(`${base}print/?phase=train`, { waitUntil: 'load' });
  await page.goto(base, { waitUntil: 'load' });
  const entries = await kept('Qwyxzmarker');
  expect(entries.length > 10, `only ${entries.length} files kept`);
  expectEqual(entries.filter((e) => e.holds).map((e) => e.url), [], 'kept files holding what was typed');
  expectEqual(entries.filter((e) => new URL(e.url).search).map((e) => e.url), [], 'kept addresses with a query');
  expectEqual(entries.filter((e) => !e.url.startsWith(base)).map((e) => e.url), [], 'kept files of another site');
});

let second;
await run.check('online again, a new build is published: the page shows it and the copy updates', async () => {
  const home = join(siteDir, 'content', '_index.md');
  writeFileSync(home, `${readFileSync(home, 'utf8').trimEnd()}\n\n${NEWS}\n`);
  build();
  await page.goto(base, { waitUntil: 'load' });
  expect((await page.textContent('main')).includes(NEWS), 'the new build is not shown');
  // The new build's worker (a new version) installs and keeps the language anew; the copy of
  // what the reader opens online is refreshed at once, whichever worker is in charge.
  let names = [];
  for (let tries = 0; tries < 100; tries += 1) {
    names = await page.evaluate(async () => {
      // As a reader's browser does on its next visits: ask whether sw.js changed.
      const registration = await navigator.serviceWorker.getRegistration();
      if (registration) await registration.update().catch(() => {});
      return caches.keys();
    });
    if (names.some((name) => name.startsWith('toolkit ') && !name.includes(first))) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  second = names.map((name) => name.split(' ')[2]).find((version) => version !== first);
  expect(second, `no copy of a new version (kept: ${names.join(', ')}; first ${first})`);
  await page.waitForFunction(
    (news) => caches.keys().then(async (names) => {
      for (const name of names) {
        const home = await (await caches.open(name)).match(location.href);
        if (home && (await home.text()).includes(news)) return true;
      }
      return null;
    }),
    NEWS,
  );
});

await run.check('toolkit serve on the same address removes the worker and registers none', async () => {
  await new Promise((resolve) => host.close(resolve));
  host = null;
  const serve = spawn(toolkit, ['serve', '--port', String(port), '--base-url', base], { cwd: siteDir });
  try {
    await new Promise((resolve, reject) => {
      let said = '';
      const listen = (chunk) => {
        said += chunk;
        if (said.includes(`:${port}`)) resolve();
      };
      serve.stdout.on('data', listen);
      serve.stderr.on('data', listen);
      serve.on('exit', (code) => reject(new Error(`serve stopped (${code}): ${said}`)));
    });
    const worker = await fetch(`${base}sw.js`);
    expectEqual(worker.status, 404, 'sw.js under serve');
    // serve builds the site before it answers; on a busy machine (CI runs the browser tests
    // side by side) that takes a while, so this check waits longer than the default 30 s.
    await page.goto(base, { waitUntil: 'domcontentloaded', timeout: 120000 });
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-live-preview')), 'not marked as served by serve');
    await page.waitForFunction(() => navigator.serviceWorker.getRegistrations().then((r) => r.length === 0), null, { timeout: 120000 });
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 120000 });
    expectEqual(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0, 'workers');
    expect((await page.textContent('main')).includes(NEWS), 'serve does not show the site');
  } finally {
    serve.kill();
  }
});

await browser.close();
if (host) host.close();
console.log(`all ${run.passed} checks passed`);
