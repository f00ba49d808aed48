/*
 * email-guide.js: the draft checker and the copy buttons of an e-mail feedback guide.
 *
 * The checks (globalThis.toolkitEmailGuide) are pure functions with no DOM, so that Node.js can
 * test them against tests/data/email-vectors.json, the same file the Rust checks of the build
 * are tested against (src/kinds/email_guide/check.rs): keep the two in step.
 *
 * On the page, the rules come from the JSON in #email-guide-data. Rules are named in the page's
 * language; a flagged-phrases rule reports every place it finds, not only the first; what a
 * risk-phrases rule finds is shown on its own, above the rest, with where to turn (its see_html,
 * made by the build): the checker points to the clinic's procedure and decides nothing. A draft is checked as it is
 * typed and never leaves the browser; it is kept in localStorage only when the user ticks
 * "keep this draft" (key toolkit:<site>:email-draft:<page>), and removed when they untick it.
 * Without this script the page shows the rules, examples and templates, with no checker and
 * no copy buttons (the templates are selectable text). No libraries, no network.
 */
'use strict';

((root) => {
  /* ---- the checks (no DOM) ---- */

  const CHECKS = ['max-words', 'max-sentence-words', 'contains-phrase', 'asks-question', 'flagged-phrases', 'risk-phrases'];
  const ABBREVIATIONS = [
    'e.g.', 'i.e.', 'etc.', 'vs.', 'dr.', 'mr.', 'mrs.', 'ms.', 'prof.', 'approx.', 'a.m.', 'p.m.',
    'bijv.', 'bv.', 'b.v.', 'd.w.z.', 'o.a.', 'e.a.', 'enz.', 'mevr.', 'dhr.', 'drs.', 'nr.',
    'ca.', 'm.b.t.', 'i.p.v.', 'z.s.m.', 't.z.t.', 'evt.', 'vgl.', 'zgn.', 'incl.', 'excl.',
    'resp.', 'al.',
  ];
  // The fold's letters that do not decompose (`ß` → `ss`), from the build: LETTERS in
  // src/text.rs, given to useLetters from the page data.
  let letters = new Map();
  const TERMINATORS = new Set(['.', '!', '?', '…']);
  const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '»', '\u201c', '*', '_']);
  const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '\u02bc']);

  // The accents the fold drops: `is_accent` in src/text.rs.
  const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;
  const isAccent = (c) => c.length > 0 && c.replace(ACCENTS, '') === '';
  const isWordChar = (c) => /^[\p{Alphabetic}\p{N}]$/u.test(c) || isAccent(c);
  const isSpace = (c) => /^\p{White_Space}$/u.test(c);
  const isLower = (c) => /^\p{Lowercase}$/u.test(c);
  const trim = (s) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

  /** Sets the fold's letters: an object such as {"ß": "ss"}, from the page data. */
  function useLetters(table) {
    letters = new Map(Object.entries(table || {}));
  }

  /**
   * Lower case without accents, with typographic apostrophes made straight: `fold` in
   * check.rs, which is `fold` in src/text.rs (decomposed, lower-cased, accents dropped, the
   * letters folded) with the apostrophes.
   */
  function fold(text) {
    let out = '';
    for (const c of text.normalize('NFD').toLowerCase().replace(ACCENTS, '')) {
      if (APOSTROPHES.has(c)) out += "'";
      else out += letters.has(c) ? letters.get(c) : c;
    }
    return out;
  }

  /** The text's code points with their UTF-16 index. */
  function points(text) {
    const out = [];
    let at = 0;
    for (const c of text) {
      out.push([at, c]);
      at += c.length;
    }
    return out;
  }

  /** Words for matching: runs of letters and digits (apostrophes inside kept), folded. */
  function tokens(text) {
    const chars = points(text);
    const out = [];
    let i = 0;
    while (i < chars.length) {
      if (!isWordChar(chars[i][1])) { i += 1; continue; }
      const start = i;
      while (i < chars.length && (isWordChar(chars[i][1])
        || (APOSTROPHES.has(chars[i][1]) && i + 1 < chars.length && isWordChar(chars[i + 1][1])))) {
        i += 1;
      }
      const from = chars[start][0];
      const to = i < chars.length ? chars[i][0] : text.length;
      out.push({ word: fold(text.slice(from, to)), start: from, end: to });
    }
    return out;
  }

  /** Pieces between white space that hold a letter or digit. */
  function wordCount(text) {
    return text.split(/\p{White_Space}+/u).filter((w) => Array.from(w).some(isWordChar)).length;
  }

  /** Sentences as [start, end] index pairs; the same rules as `sentences` in check.rs. */
  function sentences(text) {
    const chars = points(text);
    const at = (i) => (i < chars.length ? chars[i][0] : text.length);
    const out = [];
    let start = 0;
    const push = (from, to) => {
      const piece = text.slice(from, to);
      const lead = piece.length - piece.replace(/^\p{White_Space}+/u, '').length;
      const kept = piece.replace(/\p{White_Space}+$/u, '').length;
      const s = from + lead;
      const e = from + kept;
      if (e > s && Array.from(text.slice(s, e)).some(isWordChar)) out.push([s, e]);
    };
    let i = 0;
    while (i < chars.length) {
      const c = chars[i][1];
      if (c === '\n') {
        let j = i + 1;
        while (j < chars.length && chars[j][1] !== '\n' && isSpace(chars[j][1])) j += 1;
        if (j < chars.length && chars[j][1] === '\n') {
          push(start, at(i));
          start = at(j);
          i = j;
          continue;
        }
        i += 1;
        continue;
      }
      if (!TERMINATORS.has(c)) { i += 1; continue; }
      const runStart = i;
      while (i < chars.length && TERMINATORS.has(chars[i][1])) i += 1;
      while (i < chars.length && CLOSERS.has(chars[i][1])) i += 1;
      if (i < chars.length && !isSpace(chars[i][1])) continue;
      const run = chars.slice(runStart, i).map((p) => p[1]).filter((p) => TERMINATORS.has(p)).join('');
      const strong = run.includes('?') || run.includes('!');
      if (!strong) {
        let j = i;
        while (j < chars.length && isSpace(chars[j][1])) j += 1;
        if (j < chars.length && isLower(chars[j][1])) continue;
        if (run === '.') {
          let w = runStart;
          while (w > 0 && !isSpace(chars[w - 1][1]) && chars[w - 1][1] !== '(') w -= 1;
          if (ABBREVIATIONS.includes(fold(text.slice(at(w), at(runStart + 1))))) continue;
        }
      }
      push(start, at(i));
      start = at(i);
    }
    push(start, text.length);
    return out;
  }

  function isQuestion(sentence) {
    const chars = Array.from(sentence);
    while (chars.length && (CLOSERS.has(chars[chars.length - 1]) || isSpace(chars[chars.length - 1]))) chars.pop();
    let tail = '';
    while (chars.length && TERMINATORS.has(chars[chars.length - 1])) tail += chars.pop();
    return tail.includes('?');
  }

  /** A phrase as the words it must match: [word, matches any word it begins]. */
  function wantedWords(phrase) {
    const wanted = [];
    for (const part of phrase.split(/\p{White_Space}+/u).filter(Boolean)) {
      const prefix = part.endsWith('*');
      const parts = tokens(part.replace(/\*+$/, '')).map((t) => [t.word, false]);
      if (parts.length) parts[parts.length - 1][1] = prefix;
      wanted.push(...parts);
    }
    return wanted;
  }

  /**
   * Every [start, end] where one of `phrases` appears as whole words in one sentence, in the
   * order of the text: at each word the first phrase of the list that matches there is taken,
   * and the search goes on after it (`find_phrases` in check.rs).
   */
  function findPhrases(text, phrases) {
    const wanted = phrases.map(wantedWords).filter((w) => w.length);
    const out = [];
    for (const [sStart, sEnd] of sentences(text)) {
      const words = tokens(text.slice(sStart, sEnd));
      let s = 0;
      while (s < words.length) {
        const hit = wanted.find((want) => want.length <= words.length - s
          && want.every(([w, prefix], k) => (prefix ? words[s + k].word.startsWith(w) : words[s + k].word === w)));
        if (hit) {
          const last = s + hit.length - 1;
          out.push([sStart + words[s].start, sStart + words[last].end]);
          s = last + 1;
        } else {
          s += 1;
        }
      }
    }
    return out;
  }

  /** The first [start, end] where one of `phrases` appears, or null. */
  function findPhrase(text, phrases) {
    const all = findPhrases(text, phrases);
    return all.length ? all[0] : null;
  }

  /**
   * What `rule` says about `text`: {pass, at: [start, end] or null, all: every place found,
   * count or null}.
   */
  function check(rule, text) {
    const limit = typeof rule.limit === 'number' ? rule.limit : Infinity;
    switch (rule.check) {
      case 'max-words': {
        const count = wordCount(text);
        return { pass: count <= limit, at: null, all: [], count };
      }
      case 'max-sentence-words': {
        let longest = null;
        for (const s of sentences(text)) {
          const count = wordCount(text.slice(s[0], s[1]));
          if (!longest || count > longest.count) longest = { count, at: s };
        }
        if (!longest) return { pass: true, at: null, all: [], count: 0 };
        const pass = longest.count <= limit;
        return { pass, at: pass ? null : longest.at, all: [], count: longest.count };
      }
      case 'contains-phrase': {
        const found = findPhrase(text, rule.phrases || []);
        return { pass: found !== null, at: null, all: [], count: null, found };
      }
      case 'flagged-phrases':
      case 'risk-phrases': {
        const all = findPhrases(text, rule.phrases || []);
        return { pass: !all.length, at: all.length ? all[0] : null, all, count: null };
      }
      case 'asks-question':
        return { pass: sentences(text).some(([s, e]) => isQuestion(text.slice(s, e))), at: null, all: [], count: null };
      default:
        return { pass: true, at: null, all: [], count: null };
    }
  }

  root.toolkitEmailGuide = { CHECKS, useLetters, fold, tokens, wordCount, sentences, findPhrase, findPhrases, check };

  if (typeof document === 'undefined') return;

  /* ---- the page ---- */

  const dataScript = document.getElementById('email-guide-data');
  let data = { rules: [], words: {} };
  try {
    if (dataScript) data = JSON.parse(dataScript.textContent);
  } catch {
    data = { rules: [], words: {} };
  }
  useLetters(data.fold);
  const words = data.words || {};
  const rules = Array.isArray(data.rules) ? data.rules : [];

  /** The words for `name` with each `{placeholder}` filled in from `values`. */
  function say(name, values = {}) {
    return (words[name] || '').replace(/\{(\w+)\}/g, (all, key) =>
      (key in values ? String(values[key]) : all));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* copy buttons */
  const canCopy = Boolean(navigator.clipboard && window.isSecureContext !== false);
  for (const button of document.querySelectorAll('button.email-copy[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector('.email-copy-status');
    if (!source || !canCopy) continue;
    button.hidden = false;
    let timer = 0;
    button.addEventListener('click', () => {
      const done = (message) => {
        if (status) status.textContent = message;
        clearTimeout(timer);
        timer = setTimeout(() => { if (status) status.textContent = ''; }, 5000);
      };
      navigator.clipboard.writeText(source.textContent)
        .then(() => done(say('copied')), () => done(say('copy_failed')));
    });
  }

  /* the checker */
  const checker = document.querySelector('.email-checker');
  const article = document.querySelector('.email-guide');
  if (!checker || !article || !rules.length) return;
  const draft = checker.querySelector('#email-draft');
  const keep = checker.querySelector('#email-keep');
  const summary = checker.querySelector('.email-summary');
  const improveList = checker.querySelector('.email-improve');
  const riskBox = checker.querySelector('.email-risk');
  const riskList = checker.querySelector('.email-risk-list');
  const passList = checker.querySelector('.email-pass');
  const clear = checker.querySelector('.email-clear');
  const storageKey = `toolkit:${article.dataset.site || '/'}:email-draft:${article.dataset.guide || ''}`;

  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  const stored = () => {
    try {
      return storage ? storage.getItem(storageKey) : null;
    } catch {
      return null;
    }
  };
  const save = () => {
    try {
      if (storage && keep.checked) storage.setItem(storageKey, draft.value);
    } catch {
      // Storage full or refused: the draft stays on the page only.
    }
  };
  const forget = () => {
    try {
      if (storage) storage.removeItem(storageKey);
    } catch {
      // Nothing to forget.
    }
  };

  const ORDER = { error: 0, warning: 1, tip: 2 };

  function detail(rule, verdict, text) {
    const quote = (range) => {
      const piece = trim(text.slice(range[0], range[1])).replace(/\p{White_Space}+/gu, ' ');
      const shown = Array.from(piece);
      return shown.length > 60 ? `${shown.slice(0, 60).join('')}…` : piece;
    };
    switch (rule.check) {
      case 'max-words':
        return say('words', { count: verdict.count, limit: rule.limit });
      case 'max-sentence-words':
        return verdict.pass
          ? say('words', { count: verdict.count, limit: rule.limit })
          : say('sentence', { count: verdict.count, limit: rule.limit, text: quote(verdict.at) });
      case 'contains-phrase':
        return verdict.pass ? say('phrase_found', { text: quote(verdict.found) }) : say('no_phrase');
      case 'flagged-phrases':
      case 'risk-phrases':
        return verdict.pass ? '' : say('found', {
          text: verdict.all.map((range) => say('quote', { text: quote(range) })).join(', '),
        });
      case 'asks-question':
        return verdict.pass ? say('question') : say('no_question');
      default:
        return '';
    }
  }

  /** Where to turn, as the build made it (HTML of the site's own Markdown), or null. */
  function see(rule) {
    if (typeof rule.see_html !== 'string' || !rule.see_html) return null;
    const p = element('p', 'email-result-see');
    const made = document.createElement('template');
    made.innerHTML = rule.see_html;
    p.append(`${say('see')} `, made.content);
    return p;
  }

  /**
   * One rule's result: named in the page's language; a severity badge only when the rule found
   * something (a rule that found nothing is not a warning).
   */
  function item(rule, verdict, text) {
    const found = !verdict.pass;
    const li = element('li', `email-result email-result-${found ? 'improve' : 'pass'}`);
    li.dataset.rule = rule.id;
    const head = element('p', 'email-result-head');
    if (found) {
      head.append(element('span', `email-severity email-severity-${rule.severity}`, say(`severity_${rule.severity}`) || rule.severity), ' ');
    }
    const link = element('a', 'email-rule-link', rule.name || rule.id);
    link.href = `#rule-${rule.id}`;
    head.append(link);
    li.append(head);
    if (found) li.append(element('p', 'email-result-message', rule.message));
    const said = detail(rule, verdict, text);
    if (said) li.append(element('p', 'email-result-detail', said));
    if (found) {
      const where = see(rule);
      if (where) li.append(where);
    }
    li.append(element('p', 'email-result-source', `${say('source')}: ${rule.source}`));
    return li;
  }

  let announceTimer = 0;
  function render() {
    const text = draft.value;
    improveList.replaceChildren();
    passList.replaceChildren();
    riskList.replaceChildren();
    riskBox.hidden = true;
    clearTimeout(announceTimer);
    if (!trim(text)) {
      checker.classList.remove('email-checked');
      summary.textContent = say('empty');
      return;
    }
    checker.classList.add('email-checked');
    const verdicts = rules.map((rule) => [rule, check(rule, text)]);
    const risks = verdicts.filter(([rule, v]) => rule.check === 'risk-phrases' && !v.pass);
    const improve = verdicts.filter(([rule, v]) => rule.check !== 'risk-phrases' && !v.pass)
      .sort((a, b) => (ORDER[a[0].severity] ?? 3) - (ORDER[b[0].severity] ?? 3));
    const pass = verdicts.filter(([, v]) => v.pass);
    for (const [rule, verdict] of risks) riskList.append(item(rule, verdict, text));
    riskBox.hidden = !risks.length;
    for (const [rule, verdict] of improve) improveList.append(item(rule, verdict, text));
    for (const [rule, verdict] of pass) passList.append(item(rule, verdict, text));
    const found = improve.length + risks.length;
    if (!found) improveList.append(element('li', 'email-result-none', say('none_to_improve')));
    const parts = [];
    if (risks.length) parts.push(say('risk_summary'));
    parts.push(found
      ? say('summary', { improve: found, total: rules.length })
      : say('all_pass'));
    const message = parts.join(' ');
    // Announce once typing pauses, not at every key.
    announceTimer = setTimeout(() => { summary.textContent = message; }, 700);
  }

  const kept = stored();
  if (kept !== null) {
    draft.value = kept;
    keep.checked = true;
  } else {
    keep.checked = false;
  }
  draft.addEventListener('input', () => {
    render();
    save();
  });
  keep.addEventListener('change', () => {
    if (keep.checked) save();
    else forget();
    summary.textContent = say(keep.checked ? 'kept' : 'not_kept');
  });
  clear.addEventListener('click', () => {
    draft.value = '';
    if (keep.checked) save();
    render();
    draft.focus();
  });
  checker.hidden = false;
  render();
})(globalThis);
