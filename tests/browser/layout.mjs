// Layout of every page kind and every interactive state of the bundled toolkit, at 1280, 390
// and 320 px, in Debian's headless Chromium. Usage: node layout.mjs http://127.0.0.1:PORT/BASE/
// [SHOTS_DIR]; with SHOTS_DIR, a full-page screenshot of each page and state at each width is
// saved there, named `<state>-<width>.png`.
//
// For each page and state, at each width:
// - the page does not scroll sideways (its scroll width is the window's width);
// - the page is not taller than a bound for its kind (a phone reader can get to its end);
// - the first tool (the thing a reader came to use) starts within a bound from the top.
// Then the states themselves: the header menu as a disclosure (link without JavaScript, button
// with aria-expanded, Escape), the stakeholder map's text at least 11 px on screen, the
// stakeholder table's words kept whole, and the planner's schedule as cards on a phone.

import { mkdirSync } from 'node:fs';
import { launch, checks, expect } from './lib.mjs';

const base = process.argv[2];
const shots = process.argv[3];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/(.*\/)?$/.test(base)) {
  console.error('usage: node layout.mjs http://127.0.0.1:PORT/BASE/PATH/ [SHOTS_DIR]');
  process.exit(2);
}
if (shots) mkdirSync(shots, { recursive: true });

const WIDTHS = [1280, 390, 320];
const HEIGHT = 800;

/** Fills the planner's dates, as a reader would. */
async function dates(page) {
  await page.fill('#planner-go-live', '2027-03-01');
  await page.fill('#planner-training-1', '2027-02-22');
  await page.locator('.planner-dated').waitFor();
}

/** Ticks the first three items of a checklist page. */
async function ticks(page) {
  const boxes = page.locator('.checklist-item input[type="checkbox"]');
  for (let i = 0; i < 3; i += 1) await boxes.nth(i).check();
}

// Each state: where it is, what to do there, where its first tool is, and the tallest it may be
// at 320 px (at wider widths the same bound holds). `tool` bounds are CSS pixels from the top of
// the page: one laptop screen at 1280 px, and one and a half phone screens.
const STATES = [
  // The home page lists every page of the site (now with the tailoring cycle's tools and the
  // templates), so it is allowed a little more.
  { name: 'home', path: '', tool: '.entry-points', height: 10000 },
  { name: 'home-nl', path: 'nl/', tool: '.entry-points', height: 10000 },
  { name: 'section', path: 'playbooks/', height: 9000 },
  { name: 'playbook', path: 'playbooks/training/', height: 16000 },
  { name: 'sources', path: 'sources/', height: 36000 }, // every source of the tools, the strategies and the templates
  { name: 'checklist', path: 'checklists/process/', tool: '.checklist-item input', height: 16000 },
  { name: 'checklist-ticked', path: 'checklists/process/', tool: '.checklist-item input', height: 16000, run: ticks },
  { name: 'checklist-filtered', path: 'checklists/process/?phase=launch', tool: '.checklist-filter select', height: 9000 },
  { name: 'checklist-nl', path: 'nl/checklists/inner-setting/', tool: '.checklist-item input', height: 16000 },
  { name: 'checklist-nl-outer', path: 'nl/checklists/outer-setting/', tool: '.checklist-item input', height: 16000 },
  { name: 'dashboard', path: 'checklists/', tool: '.dashboard-entries', height: 9000 },
  { name: 'print-all', path: 'print/', tool: '.checklist-filter select', height: 60000 },
  { name: 'print-all-nl', path: 'nl/print/', tool: '.checklist-filter select', height: 60000 },
  { name: 'print-filtered', path: 'print/?phase=train&role=champion', tool: '.checklist-filter select', height: 9000 },
  { name: 'planner', path: 'tools/training-planner/', tool: '#planner-go-live', height: 12000 },
  { name: 'planner-dated', path: 'tools/training-planner/', tool: '#planner-go-live', height: 12000, run: dates },
  { name: 'planner-dated-nl', path: 'nl/tools/training-planner/', tool: '#planner-go-live', height: 12000, run: dates },
  { name: 'stakeholders', path: 'tools/stakeholder-map/', tool: '.stakeholder-map', height: 16000 },
  { name: 'stakeholders-nl', path: 'nl/tools/stakeholder-map/', tool: '.stakeholder-map', height: 16000 },
  { name: 'dashboard-nl', path: 'nl/checklists/', tool: '.dashboard-entries', height: 9000 },
  { name: 'feedback-guide-nl', path: 'nl/tools/feedback-guide/', tool: '#email-draft', height: 25000 },
  { name: 'feedback-guide', path: 'tools/feedback-guide/', tool: '#email-draft', height: 25000 },
  {
    name: 'feedback-result',
    path: 'tools/feedback-guide/',
    tool: '#email-draft',
    height: 25000,
    run: async (page) => {
      await page.fill('#email-draft', 'You must do your homework. You did not do the exercise again.');
      await page.locator('.email-summary:not(:empty)').waitFor();
    },
  },
  { name: 'not-found', path: '404.html', height: 4000 },
  {
    name: 'menu-open',
    path: 'checklists/process/',
    phone: true,
    tool: '.site-nav a',
    height: 18000,
    run: async (page) => {
      await page.click('button.menu-toggle');
    },
  },
];

// Where the first tool may start: within one screen on a laptop, one and a half on a phone.
const TOOL_TOP = { 1280: 800, 390: 1200, 320: 1300 };

let open = null;
const browser = await launch();
open = browser;
const problems = [];
const run = checks(() => open, problems);
const check = run.check;
const MEASURE = process.env.LAYOUT_MEASURE === '1';

async function visit(width, state, javaScript = true) {
  const context = await browser.newContext({ viewport: { width, height: HEIGHT }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${state.name} at ${width}: ${error.message}`));
  await page.goto(new URL(state.path, base).href);
  await page.waitForLoadState('load');
  if (state.run) await state.run(page);
  return { context, page };
}

/** Scroll width, page height and the top of the first tool. */
function measure(page, tool) {
  return page.evaluate((selector) => {
    const root = document.documentElement;
    const first = selector ? [...document.querySelectorAll(selector)].find((e) => e.getClientRects().length) : null;
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      height: root.scrollHeight,
      toolTop: first ? first.getBoundingClientRect().top + window.scrollY : null,
    };
  }, tool || null);
}

for (const width of WIDTHS) {
  for (const state of STATES) {
    if (state.phone && width > 700) continue;
    await check(`${state.name} at ${width} px: no sideways scroll, a sane height, the tool near the top`, async () => {
      const { context, page } = await visit(width, state);
      const m = await measure(page, state.tool);
      if (shots) await page.screenshot({ path: `${shots}/${state.name}-${width}.png`, fullPage: true });
      await context.close();
      if (MEASURE) {
        console.log(`     ${state.name} ${width}: ${JSON.stringify(m)}`);
        return;
      }
      expect(m.scrollWidth <= m.clientWidth, `the page scrolls sideways: scroll width ${m.scrollWidth} > ${m.clientWidth}`);
      expect(m.height <= state.height, `the page is ${m.height} px tall, more than ${state.height}`);
      if (state.tool) {
        expect(m.toolTop !== null, `no visible ${state.tool}`);
        expect(m.toolTop <= TOOL_TOP[width], `${state.tool} starts at ${Math.round(m.toolTop)} px, below ${TOOL_TOP[width]}`);
      }
    });
  }
}

await check('the header menu is a link to the navigation without JavaScript', async () => {
  const { context, page } = await visit(390, { name: 'menu-nojs', path: 'checklists/process/' }, false);
  const link = page.locator('a.menu-toggle');
  expect(await link.isVisible(), 'no menu link in the header at 390 px');
  expect((await link.getAttribute('href')) === '#site-nav', 'the menu link does not lead to #site-nav');
  await link.click();
  const top = await page.evaluate(() => document.getElementById('site-nav').getBoundingClientRect().top);
  expect(top >= 0 && top < HEIGHT - 100, `after following the link the navigation is at ${top} px, not in view`);
  await context.close();
});

await check('the header menu is a disclosure button with JavaScript: aria-expanded, keyboard, Escape', async () => {
  const { context, page } = await visit(390, { name: 'menu', path: 'checklists/process/' });
  const button = page.locator('button.menu-toggle');
  expect((await button.getAttribute('aria-expanded')) === 'false', 'the button does not start closed');
  expect((await button.getAttribute('aria-controls')) === 'site-nav', 'aria-controls is not site-nav');
  expect(!(await page.locator('#site-nav').isVisible()), 'the closed menu shows the navigation');
  await button.focus();
  await page.keyboard.press('Enter');
  expect((await button.getAttribute('aria-expanded')) === 'true', 'Enter did not open the menu');
  const navTop = await page.evaluate(() => document.getElementById('site-nav').getBoundingClientRect().top);
  const mainTop = await page.evaluate(() => document.getElementById('main').getBoundingClientRect().top);
  expect(navTop < mainTop, 'the open menu is not above the page');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('#site-nav') !== null);
  expect(focused, 'Tab after the button does not go into the navigation');
  await page.keyboard.press('Escape');
  expect((await button.getAttribute('aria-expanded')) === 'false', 'Escape did not close the menu');
  expect(await button.evaluate((b) => b === document.activeElement), 'Escape did not put the focus back on the button');
  await page.keyboard.press('Space');
  expect((await button.getAttribute('aria-expanded')) === 'true', 'Space did not open the menu');
  await context.close();
  // On a laptop the navigation is always there and the button is not.
  const wide = await visit(1280, { name: 'menu-wide', path: 'checklists/process/' });
  expect(!(await wide.page.locator('.menu-toggle').isVisible()), 'the menu button shows at 1280 px');
  expect(await wide.page.locator('#site-nav').isVisible(), 'the navigation is hidden at 1280 px');
  await wide.context.close();
});

await check('the stakeholder map\'s text is at least 11 px on screen at every width', async () => {
  for (const path of ['tools/stakeholder-map/', 'nl/tools/stakeholder-map/']) {
    for (const width of WIDTHS) {
      const { context, page } = await visit(width, { name: 'map', path });
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        for (const text of document.querySelectorAll('svg.stakeholder-map text')) {
          const box = text.getBoundingClientRect();
          if (!box.width) continue;
          const svg = text.ownerSVGElement;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale);
        }
        return min;
      });
      const hint = await page.locator('.stakeholder-map-hint').isVisible();
      await context.close();
      expect(smallest >= 11, `${path} at ${width} px: the smallest map text is ${smallest.toFixed(1)} px`);
      expect(hint === width < 700, `${path} at ${width} px: the scroll hint is ${hint ? 'shown' : 'hidden'}`);
    }
  }
});

/** The words inside `selector` that one of their letters starts a new line inside. */
async function brokenWords(page, selector) {
  return page.evaluate((selector) => {
    const out = [];
    for (const element of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A line may end after a hyphen; a word between hyphens stays whole.
        const re = /[^\s\u2010-\u2014-]+/g;
        let m;
        while ((m = re.exec(node.data))) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  }, selector);
}

await check('the stakeholder table keeps its words whole at every width', async () => {
  for (const width of WIDTHS) {
    const { context, page } = await visit(width, { name: 'map', path: 'tools/stakeholder-map/' });
    // A word is broken when one of its letters starts a new line inside it: measure each word.
    const broken = await brokenWords(page, '.stakeholder-table th, .stakeholder-table td');
    await context.close();
    expect(broken.length === 0, `at ${width} px these words break across lines: ${broken.slice(0, 8).join(', ')}`);
  }
});

await check('the site\'s name in the header keeps its words whole at every width, in both languages', async () => {
  for (const width of WIDTHS) {
    for (const path of ['', 'nl/']) {
      const { context, page } = await visit(width, { name: `home ${path}`, path });
      const broken = await brokenWords(page, '.site-title');
      await context.close();
      expect(broken.length === 0, `at ${width} px on /${path} the site's name breaks inside ${broken.join(', ')}`);
    }
  }
});

await check('the planner\'s schedule is a list of cards on a phone and a table on a laptop', async () => {
  for (const width of WIDTHS) {
    const { context, page } = await visit(width, { name: 'planner', path: 'tools/training-planner/', run: dates });
    const shape = await page.evaluate(() => {
      const row = document.querySelector('.planner-dated tbody tr');
      const title = row.querySelector('.planner-title');
      return { display: getComputedStyle(row).display, titleWidth: title.getBoundingClientRect().width, rowWidth: row.getBoundingClientRect().width };
    });
    await context.close();
    if (width < 700) {
      expect(shape.display === 'block', `at ${width} px a schedule row is displayed as ${shape.display}, not a card`);
      expect(shape.titleWidth > shape.rowWidth * 0.5, `at ${width} px the activity is ${shape.titleWidth} px wide in a ${shape.rowWidth} px card`);
    } else {
      expect(shape.display === 'table-row', `at ${width} px a schedule row is displayed as ${shape.display}`);
    }
  }
});

await browser.close();
open = null;
console.log(`all ${run.passed} checks passed`);
