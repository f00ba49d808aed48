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
  // The offline copy's service worker fetches the site on its own: not the page's requests.
  context.on('request', (request) => {
    if (!request.serviceWorker()) requests.push(request.url());
  });
  return context;
}

/** What the checker lists for the draft now in the text area (it checks a draft as it changes). */
async function results(page) {
  await page.waitForFunction(() => document.querySelector('.email-checker').classList.contains('email-checked'));
  return page.evaluate(() => {
    const list = (selector) => Array.from(document.querySelectorAll(selector)).map((li) => ({
      rule: li.dataset.rule,
      severity: li.querySelector('.email-severity')?.className.replace(/.*email-severity-/, ''),
      name: li.querySelector('.email-rule-link')?.textContent,
      detail: li.querySelector('.email-result-detail')?.textContent || '',
      see: li.querySelector('.email-result-see a')?.getAttribute('href') || null,
      text: li.textContent,
    }));
    return {
      improve: list('.email-improve li.email-result'),
      pass: list('.email-pass li.email-result'),
      risk: list('.email-risk-list li.email-result'),
      riskShown: !document.querySelector('.email-risk').hidden,
    };
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
    names: Object.fromEntries(JSON.parse(document.getElementById('email-guide-data').textContent).rules
      .map((r) => [r.id, r.name])),
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
      expect(!found.riskShown && !found.risk.length, `good example ${n + 1} shows the risk box`);
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
      expect(last.improve.length + last.risk.length > 0, `bad example ${n + 1} passes every rule`);
    }
    // The summary is announced once typing pauses: then it counts the last draft's findings
    // out of all rules.
    const counts = `${last.improve.length + last.risk.length} ${examples.rules}`;
    await page
      .waitForFunction(
        (wanted) => (document.querySelector('.email-summary').textContent.match(/\d+/g) || []).join(' ') === wanted,
        counts,
      )
      .catch(() => {});
    const summary = await page.locator('.email-summary').textContent();
    expect((summary.match(/\d+/g) || []).join(' ') === counts, `the summary says "${summary}", not ${counts}`);
  });

  /** Types `text` as the draft and waits for the announced summary. */
  async function checked(text) {
    await page.evaluate(() => { document.querySelector('.email-summary').textContent = ''; });
    await draft.fill(text);
    const found = await results(page);
    await page.waitForFunction(() => document.querySelector('.email-summary').textContent !== '');
    return { ...found, summary: await page.locator('.email-summary').textContent() };
  }

  await check(`${lang}: results are named in the page's language; a rule that found nothing wears no badge`, async () => {
    const found = await checked(examples.good[0]);
    for (const r of found.improve.concat(found.pass)) {
      expect(r.name === examples.names[r.rule] && r.name !== r.rule, `rule ${r.rule} is headed "${r.name}"`);
    }
    for (const r of found.pass) expect(!r.severity, `the passing rule ${r.rule} wears a ${r.severity} badge`);
    for (const r of found.improve) expect(r.severity, `the rule ${r.rule} that found something has no badge`);
  });

  await check(`${lang}: a draft no rule objects to is not approved`, async () => {
    const clean = lang === 'en'
      ? 'Dear Anna,\n\nWell done: you wrote your diary on six days. Which day shall we look at next week?\n\nKind regards,\nMarieke'
      : 'Beste Anna,\n\nGoed gedaan: je schrijft dat je zes dagen je dagboek hebt ingevuld. Welke dag bekijken we volgende week?\n\nHartelijke groet,\nMarieke';
    const found = await checked(clean);
    expect(!found.improve.length, `the clean draft breaks ${found.improve.map((r) => r.rule).join(', ')}`);
    const wanted = lang === 'en' ? /^No rule found a problem\./ : /^Geen enkele regel vond een probleem\./;
    expect(wanted.test(found.summary), `the summary says "${found.summary}"`);
    expect(!/all .*pass|alle .*in orde/i.test(found.summary), `the summary sounds like approval: "${found.summary}"`);
  });

  await check(`${lang}: a threat is flagged, with every phrase found`, async () => {
    const threat = lang === 'en'
      ? 'Dear Mr Jansen,\n\nIf you skip another module I will take you off the programme and give your place to someone who wants it. Is that clear?\n\nRegards,\nMarieke'
      : 'Beste meneer Jansen,\n\nAls u nog een module overslaat, haal ik u uit het programma en geef ik uw plek aan iemand die wel wil. Is dat duidelijk?\n\nMet vriendelijke groet,\nMarieke';
    const found = await checked(threat);
    const flagged = found.improve.find((r) => r.rule === 'no-threats');
    expect(flagged && flagged.severity === 'warning', 'the threat is not flagged as a warning');
    const phrases = lang === 'en'
      ? ['take you off the programme', 'give your place to', 'Is that clear']
      : ['ik u uit het programma', 'geef ik uw plek', 'Is dat duidelijk'];
    for (const p of phrases) expect(flagged.detail.includes(p), `"${p}" is not reported: ${flagged.detail}`);
  });

  await check(`${lang}: every match of a rule is reported, not only the first`, async () => {
    const text = lang === 'en'
      ? "You didn't do the exercise. You must practise every day."
      : 'U heeft de opdracht weer niet gedaan. U moet elke dag oefenen.';
    const found = await checked(text);
    const blame = found.improve.find((r) => r.rule === 'no-blame');
    const wanted = lang === 'en' ? ["You didn't do", 'You must'] : ['weer niet gedaan', 'U moet'];
    expect(blame, 'no-blame does not flag the draft');
    for (const w of wanted) expect(blame.detail.includes(w), `"${w}" is not reported: ${blame.detail}`);
  });

  if (lang === 'nl') {
    await check('nl: a good message in the u-form passes; "U moet elke dag oefenen" is flagged', async () => {
      const good = 'Beste mevrouw De Vries,\n\nGoed dat u uw dagboek zes dagen heeft ingevuld. U schrijft dat de ochtenden het zwaarst zijn. Welke dag wilt u volgende week samen bekijken?\n\nHartelijke groet,\nSanne';
      const found = await checked(good);
      expect(!found.improve.length, `the u-form message breaks ${found.improve.map((r) => r.rule).join(', ')}`);
      const bad = await checked('U moet elke dag oefenen.');
      expect(bad.improve.some((r) => r.rule === 'no-blame' && r.detail.includes('U moet')), 'U moet is not flagged');
    });
  }

  await check(`${lang}: words about suicide show the risk box, which points to the risk procedure`, async () => {
    const text = lang === 'en'
      ? 'Dear Sarah,\n\nYou wrote that you sometimes think about ending your life. We will discuss this next week.'
      : 'Beste Sarah,\n\nJe schrijft dat je soms denkt aan een einde aan je leven. Dat bespreken we volgende week.';
    const found = await checked(text);
    expect(found.riskShown && found.risk.length === 1, 'the risk box does not show one finding');
    const [risk] = found.risk;
    expect(risk.rule === 'risk-words', `the risk box shows ${risk.rule}`);
    expect(/playbooks\/risk-and-safety\/$/.test(risk.see || ''), `the risk finding links to ${risk.see}`);
    expect(new URL(risk.see, url).pathname.startsWith(new URL(lang === 'en' ? base : new URL('nl/', base)).pathname), `the link leaves the language: ${risk.see}`);
    expect(!found.improve.some((r) => r.rule === 'risk-words'), 'the risk finding is also listed to improve');
    const wanted = lang === 'en' ? /^This draft mentions self-harm or suicide/ : /^Dit concept noemt zelfbeschadiging of suïcide/;
    expect(wanted.test(found.summary), `the summary says "${found.summary}"`);
    const response = await page.request.get(new URL(risk.see, url).href);
    expect(response.ok(), `the risk playbook answers ${response.status()}`);
  });

  await check(`${lang}: at 390 and 320 px the checker's findings stay readable`, async () => {
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      const threat = lang === 'en'
        ? 'You wrote that you think about suicide. If you skip another module I will take you off the programme. Is that clear?'
        : 'Je schrijft dat je aan zelfmoord denkt. Als je nog een module overslaat, haal ik je uit het programma. Is dat duidelijk?';
      await checked(threat);
      const layout = await page.evaluate(() => {
        const boxes = Array.from(document.querySelectorAll('.email-risk, .email-result, .email-summary'))
          .filter((e) => e.getClientRects().length)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { left: r.left, right: r.right, font: parseFloat(getComputedStyle(e.querySelector('p') || e).fontSize) };
          });
        // A rule's name is never broken inside a word: its box is at least as wide as its
        // longest word.
        const squeezed = Array.from(document.querySelectorAll('.email-checker .email-rule-link')).filter((a) => {
          const probe = document.createElement('span');
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
          a.append(probe);
          const longest = Math.max(...a.textContent.split(/\s+/).map((w) => {
            probe.textContent = w;
            return probe.getBoundingClientRect().width;
          }));
          probe.remove();
          return a.getBoundingClientRect().width + 0.5 < longest;
        }).map((a) => a.textContent);
        return { scroll: document.scrollingElement.scrollWidth, width: window.innerWidth, boxes, squeezed };
      });
      expect(layout.scroll <= layout.width, `${width} px: the page scrolls sideways (${layout.scroll} px)`);
      expect(layout.boxes.length >= 3, `${width} px: only ${layout.boxes.length} findings shown`);
      expect(!layout.squeezed.length, `${width} px: rule names broken inside words: ${layout.squeezed.join('; ')}`);
      for (const b of layout.boxes) {
        expect(b.left >= 0 && b.right <= layout.width, `${width} px: a finding runs off the screen (${b.left}–${b.right})`);
        expect(b.font >= 14, `${width} px: text of ${b.font} px`);
      }
      if (process.env.TOOLKIT_SHOTS) {
        await page.locator('.email-checker').screenshot({ path: `${process.env.TOOLKIT_SHOTS}/email-${lang}-${width}.png` });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
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
