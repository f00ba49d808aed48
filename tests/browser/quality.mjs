// Site-wide quality gates of the bundled toolkit in Debian's headless Chromium, driven by
// playwright-core. Usage: node quality.mjs http://127.0.0.1:PORT/org/toolkit/
// The site must be the bundled toolkit, built with that base URL and served on 127.0.0.1.
//
// One browser crawls the site from the home page of every language (plus the print, dashboard
// and 404 pages), visiting each page once, and on each page checks:
// - accessibility: axe-core with the WCAG 2.1 A and AA rules, zero violations, at 1280 and at
//   320 px wide (where the page may not scroll sideways); `<html lang>` set
//   and matching the page's language; a skip link as the first focusable element that moves focus
//   to main; a visible focus indicator on the skip link and on the first link and control in main;
// - nothing from outside: no request to another host, no cookie (document.cookie, Set-Cookie,
//   the context's cookie jar);
// - links: every same-site `a[href]` answers 200 and every `#fragment` exists on its target.
// Then axe runs again on the interactive tools in their main states, in every language: a
// checklist with items ticked, the dashboard showing that progress, the print page with the
// ticks, and a checklist showing an import error.
// Every problem names the page and the rule; the run prints counts and ends with
// "all N checks passed" only when there is no problem.

import { createRequire } from 'node:module';
import { launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TABS = 4;

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node quality.mjs http://127.0.0.1:PORT/BASE/PATH/');
  process.exit(2);
}
const origin = new URL(base);
const started = Date.now();

const problems = [];
const outside = [];
const cookies = [];
const broken = [];
const perLanguage = {};
let violations = 0;
let axeRuns = 0;
let states = 0;
let checks = 0;

/** A page's path under the site, for messages: `/org/toolkit/nl/tools/` → `nl/tools/`. */
function shortPath(url) {
  const u = new URL(url);
  const path = u.pathname.startsWith(origin.pathname) ? u.pathname.slice(origin.pathname.length) : u.pathname;
  return `/${path}${u.hash}`;
}

function problem(page, rule, text) {
  problems.push(`${shortPath(page)}: [${rule}] ${text}`);
}

/** True for a URL of this site (same host, under the base path). */
function sameSite(url) {
  return url.protocol === origin.protocol && url.host === origin.host && url.pathname.startsWith(origin.pathname);
}

/** Pages are folders (`…/`) or `.html` files; every other link is a download. */
function isPage(url) {
  return url.pathname.endsWith('/') || url.pathname.endsWith('.html');
}

const browser = await launch();

// axe-core is added to each page as a script of its own: the pages' Content-Security-Policy
// (tested in csp.mjs) would refuse it.
const context = await browser.newContext({ bypassCSP: true });
context.setDefaultTimeout(15000);
context.on('request', (request) => {
  let url = new URL(request.url());
  if (url.protocol === 'blob:') url = new URL(url.pathname);
  if (url.protocol === 'data:') return;
  if (url.protocol !== 'http:' || url.host !== origin.host) {
    outside.push(`${request.url()} (from ${request.frame()?.url() ?? '?'})`);
  }
});
context.on('response', async (response) => {
  const header = await response.headerValue('set-cookie').catch(() => null);
  if (header) cookies.push(`Set-Cookie on ${shortPath(response.url())}: ${header}`);
});
context.on('page', (page) => {
  page.on('console', (message) => {
    const where = message.location().url || 'about:blank';
    if (message.type() === 'error' && new URL(where, base).pathname !== '/favicon.ico') {
      problem(page.url(), 'console-error', `${message.text()} (${where})`);
    }
  });
  page.on('pageerror', (error) => problem(page.url(), 'page-error', error.message));
});

/** Runs axe-core on the open page; each violation becomes a problem naming rule, target and help. */
async function axe(page, state = '') {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  axeRuns += 1;
  for (const v of result.violations) {
    for (const node of v.nodes) {
      violations += 1;
      problem(page.url(), `axe ${v.id}${state ? `, ${state}` : ''}`,
        `${node.target.join(' ')}: ${v.help} (${v.impact}; ${v.helpUrl})\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
    }
  }
}

/** The outline and shadow an element shows, to compare focused and unfocused. */
function focusLook(page, selector) {
  return page.$eval(selector, (el) => {
    const s = getComputedStyle(el);
    const parent = el.closest('label') ? getComputedStyle(el.closest('label')) : null;
    return JSON.stringify([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
      s.backgroundColor, parent?.outlineStyle, parent?.outlineWidth, parent?.boxShadow]);
  });
}

/** The skip link: first focusable, visible when focused, moves focus to main; and focus rings. */
async function keyboard(page) {
  const url = page.url();
  const skipBefore = await focusLook(page, 'a.skip-link').catch(() => null);
  if (skipBefore === null) {
    problem(url, 'skip-link', 'the page has no a.skip-link');
    return;
  }
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return {
      skip: el.matches('a.skip-link'),
      what: `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`,
      href: el.getAttribute('href'),
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
    };
  });
  if (!first.skip) {
    problem(url, 'skip-link', `the first focusable element is ${first.what} (href="${first.href}"), not the skip link`);
    return;
  }
  if (!first.onScreen) problem(url, 'skip-link', 'the skip link is not visible when it has focus');
  if ((await focusLook(page, 'a.skip-link')) === skipBefore) {
    problem(url, 'focus-visible', 'a.skip-link looks the same with and without focus');
  }
  const target = first.href?.startsWith('#') ? first.href.slice(1) : null;
  await page.keyboard.press('Enter');
  const landed = await page.evaluate((id) => {
    const el = document.activeElement;
    return { main: el.tagName === 'MAIN' || el.getAttribute('role') === 'main', id: el.id, wanted: id };
  }, target);
  if (!landed.main || landed.id !== target) {
    problem(url, 'skip-link', `activating the skip link (${first.href}) left focus on #${landed.id || '?'}, not on main`);
  }
  // Focus rings on the first link and the first form control of main (the keyboard was used
  // last, so focus() shows the ring that Tab would show).
  for (const selector of ['main a[href]', 'main button:not([hidden] *)', 'main input[type="checkbox"]', 'main input[type="file"]']) {
    const handle = await page.$(selector);
    if (!handle || !(await handle.isVisible().catch(() => false)) && !selector.includes('file')) continue;
    if (selector.includes('file') && !(await page.$eval(selector, (el) => !el.closest('[hidden]')))) continue;
    await page.evaluate(() => document.activeElement?.blur());
    const before = await focusLook(page, selector);
    await handle.focus();
    const after = await focusLook(page, selector);
    if (before === after) problem(url, 'focus-visible', `${selector} looks the same with and without focus`);
  }
  checks += 1;
}

const homeLanguage = {};
const pageIds = new Map(); // page URL (no hash) → Set of ids and names, for #fragment checks
const statuses = new Map(); // URL (no hash) → HTTP status
const links = []; // [from page, absolute URL]
const checklistPages = {}; // language → first checklist page
const dashboards = {}; // language → dashboard page
const printPages = {}; // language → print page

/** The language a page should be in: the language whose home path its path is under. */
function languageOf(url) {
  let best = null;
  for (const [lang, home] of Object.entries(homeLanguage)) {
    if (url.pathname.startsWith(home) && (!best || home.length > homeLanguage[best].length)) best = lang;
  }
  return best;
}

/** Visits one page: status, language, keyboard, axe, cookies, and collects its links and ids. */
async function visit(url) {
  const page = await context.newPage();
  const response = await page.goto(url.href, { waitUntil: 'load' });
  const status = response ? response.status() : 0;
  statuses.set(url.href, status);
  const expectedStatus = url.pathname.endsWith('/404.html') ? [200, 404] : [200];
  if (!expectedStatus.includes(status)) {
    broken.push(`${shortPath(url.href)} answered ${status}`);
    await page.close();
    return;
  }
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    cookie: document.cookie,
    ids: [...document.querySelectorAll('[id]')].map((el) => el.id)
      .concat([...document.querySelectorAll('a[name]')].map((el) => el.name)),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    checklist: !!document.querySelector('article.page-checklist[data-checklist]'),
    dashboard: !!document.querySelector('.dashboard .dashboard-entry'),
    print: !!document.querySelector('.page-print .print-checklist'),
    alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]:not([hreflang="x-default"])')]
      .map((l) => [l.hreflang, l.href]),
  }));
  pageIds.set(url.href, new Set(facts.ids));
  const language = languageOf(url);
  perLanguage[language ?? '?'] = (perLanguage[language ?? '?'] ?? 0) + 1;
  if (!facts.lang) problem(url.href, 'html-lang', '<html> has no lang attribute');
  else if (language && facts.lang !== language) {
    problem(url.href, 'html-lang', `<html lang="${facts.lang}"> on a page of the ${language} site`);
  }
  const self = facts.alternates.find(([, href]) => href === url.href);
  if (self && self[0] !== facts.lang) {
    problem(url.href, 'html-lang', `<html lang="${facts.lang}"> but the page calls itself hreflang="${self[0]}"`);
  }
  if (facts.cookie) cookies.push(`document.cookie on ${shortPath(url.href)}: ${facts.cookie}`);
  if (language) {
    if (facts.checklist && !checklistPages[language]) checklistPages[language] = url.href;
    if (facts.dashboard && !dashboards[language]) dashboards[language] = url.href;
    if (facts.print && !printPages[language]) printPages[language] = url.href;
  }
  for (const href of facts.links) links.push([url.href, href]);
  await axe(page);
  await keyboard(page);
  // WCAG's reflow width (1280 px at 400 % zoom): still no violation, and no sideways scrolling of
  // the page itself (wide tables scroll in their own box, which the keyboard can reach).
  await page.setViewportSize({ width: 320, height: 640 });
  await axe(page, '320 px wide');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (wide > 0) problem(url.href, 'reflow', `at 320 px wide the page scrolls sideways by ${wide} px`);
  await page.close();
  return facts;
}

async function run() {
  // The home pages of every language, from the alternate links of the default one.
  const probe = await context.newPage();
  await probe.goto(base, { waitUntil: 'load' });
  const defaultLang = await probe.evaluate(() => document.documentElement.lang);
  const alternates = await probe.$$eval('link[rel="alternate"][hreflang]:not([hreflang="x-default"])', (all) => all.map((l) => [l.hreflang, l.href]));
  await probe.close();
  homeLanguage[defaultLang] = origin.pathname;
  for (const [lang, href] of alternates) homeLanguage[lang] = new URL(href).pathname;
  if (Object.keys(homeLanguage).length < 2) problem(base, 'languages', 'the home page links no translation');

  const queue = [];
  const seen = new Set();
  const enqueue = (href) => {
    const url = new URL(href);
    url.hash = '';
    if (!sameSite(url) || !isPage(url) || seen.has(url.href)) return;
    seen.add(url.href);
    queue.push(url);
  };
  for (const home of Object.values(homeLanguage)) {
    enqueue(new URL(home, base).href);
    enqueue(new URL('print/', new URL(home, base)).href);
    enqueue(new URL('checklists/', new URL(home, base)).href);
  }
  enqueue(new URL('404.html', base).href);
  // A few tabs at once; each page is still visited once.
  let busy = 0;
  const worker = async () => {
    while (queue.length || busy) {
      const url = queue.shift();
      if (!url) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      busy += 1;
      try {
        await visit(url);
      } finally {
        busy -= 1;
      }
      while (links.length > checkedLinks) enqueue(links[checkedLinks++][1]);
    }
  };
  await Promise.all(Array.from({ length: TABS }, worker));

  // Every same-site link: pages were visited above; downloads are fetched once.
  const checkedAnchors = new Set();
  for (const [from, href] of links) {
    const url = new URL(href);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    if (url.protocol === 'mailto:' || url.protocol === 'tel:') continue;
    if (url.host !== origin.host || url.protocol !== origin.protocol) continue; // leaves the site
    if (!sameSite(url)) {
      broken.push(`${shortPath(from)}: link to ${href} is outside the site's base path ${origin.pathname}`);
      continue;
    }
    if (!statuses.has(url.href)) {
      const response = await context.request.get(url.href);
      statuses.set(url.href, response.status());
      const header = response.headers()['set-cookie'];
      if (header) cookies.push(`Set-Cookie on ${shortPath(url.href)}: ${header}`);
    }
    const status = statuses.get(url.href);
    if (status !== 200) {
      broken.push(`${shortPath(from)}: link to ${shortPath(href)} answered ${status}`);
      continue;
    }
    if (fragment && !checkedAnchors.has(`${from} ${href}`)) {
      checkedAnchors.add(`${from} ${href}`);
      const ids = pageIds.get(url.href);
      if (!ids) broken.push(`${shortPath(from)}: link to ${shortPath(href)} has a #fragment on a file that is not a page`);
      else if (!ids.has(fragment)) broken.push(`${shortPath(from)}: link to ${shortPath(href)}: no element with id "${fragment}" there`);
    }
  }

  // The interactive tools in their main states, in every language.
  for (const lang of Object.keys(homeLanguage)) {
    const checklist = checklistPages[lang];
    if (!checklist) {
      problem(new URL(homeLanguage[lang], base).href, 'states', `no checklist page found in ${lang}`);
      continue;
    }
    const page = await context.newPage();
    await page.goto(checklist, { waitUntil: 'load' });
    const boxes = await page.$$('li.checklist-item input[type="checkbox"]');
    for (const box of boxes.slice(0, 2)) {
      if (!(await box.isChecked())) await box.check();
    }
    await page.waitForFunction(() => /^\s*[1-9]/.test(document.querySelector('.checklist-progress .progress-text')?.textContent ?? ''));
    await axe(page, 'items ticked, progress shown');
    states += 1;
    await page.setInputFiles('input[type="file"][data-action="import"]', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a progress file'),
    });
    await page.waitForFunction(() => document.querySelector('.checklist-message')?.textContent !== '');
    await axe(page, 'import error shown');
    states += 1;
    await page.close();
    for (const [what, url] of [['dashboard with progress', dashboards[lang]], ['print page with ticks', printPages[lang]]]) {
      if (!url) {
        problem(checklist, 'states', `no ${what.split(' ')[0]} page found in ${lang}`);
        continue;
      }
      const p = await context.newPage();
      await p.goto(url, { waitUntil: 'load' });
      await p.waitForFunction(() => [...document.querySelectorAll('.progress-text')].some((s) => /^\s*[1-9]/.test(s.textContent)));
      await axe(p, what);
      states += 1;
      await p.close();
    }
  }

  // The planner with dates entered and a too-long gap warned about, and the e-mail checker with
  // a draft checked, in every language.
  const toolPages = [...pageIds.keys()];
  for (const lang of Object.keys(homeLanguage)) {
    const inLanguage = (u) => languageOf(new URL(u)) === lang;
    const planner = toolPages.find((u) => inLanguage(u) && u.includes('training-planner'));
    const guide = toolPages.find((u) => inLanguage(u) && u.includes('feedback-guide'));
    if (planner) {
      const p = await context.newPage();
      await p.goto(planner, { waitUntil: 'load' });
      await p.fill('#planner-go-live', '2027-03-01');
      await p.fill('#planner-training-1', '2027-01-04');
      await p.dispatchEvent('#planner-training-1', 'change');
      await p.waitForFunction(() => document.querySelector('.planner-dated tbody tr')
        && (document.querySelector('.planner-alert')?.textContent ?? '') !== '');
      await axe(p, 'dates entered, gap warning shown');
      states += 1;
      await p.close();
    } else {
      problem(new URL(homeLanguage[lang], base).href, 'states', `no planner page found in ${lang}`);
    }
    if (guide) {
      const p = await context.newPage();
      await p.goto(guide, { waitUntil: 'load' });
      await p.fill('#email-draft', 'Dear Sam, you must finish module 3 before Friday. Regards');
      await p.waitForFunction(() => document.querySelectorAll('.email-results li, [id^="email-"] li').length > 0);
      await axe(p, 'draft checked');
      states += 1;
      await p.close();
    } else {
      problem(new URL(homeLanguage[lang], base).href, 'states', `no e-mail guide page found in ${lang}`);
    }
  }

  for (const cookie of await context.cookies()) cookies.push(`cookie in the browser: ${cookie.name} for ${cookie.domain}${cookie.path}`);
  await context.close();
  await browser.close();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const languages = Object.entries(perLanguage).map(([l, n]) => `${n} ${l}`).join(', ');
  const total = Object.values(perLanguage).reduce((a, b) => a + b, 0);
  console.log(`pages checked: ${total} (${languages}); axe runs: ${axeRuns}; keyboard checks: ${checks}; links checked: ${links.length}`);
  console.log(`axe violations: ${violations}; other problems: ${problems.length - violations}; outside requests: ${outside.length}; cookies: ${cookies.length}; broken links: ${broken.length}; ${seconds} s`);
  const failures = [
    ...problems,
    ...outside.map((r) => `request to another host: ${r}`),
    ...cookies,
    ...broken.map((b) => `broken link: ${b}`),
  ];
  if (failures.length) {
    console.log(`FAIL ${failures.length} problems:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`all ${total} pages (at 1280 and 320 px) and ${states} tool states: checks passed`);
}

let checkedLinks = 0;
run().catch(async (error) => {
  console.log(`FAIL ${error.stack || error}`);
  await browser.close().catch(() => {});
  process.exit(1);
});
