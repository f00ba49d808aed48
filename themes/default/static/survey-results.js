/*
 * The results page of a survey. The lead adds the team's answer sets (answer files, files of
 * codes, the CSV of paper answers, pasted codes); each is checked with survey-code.js, and one of
 * another survey or version, a broken code or a duplicate (a respondent already in) is refused
 * with a message saying which and why. The answer sets are kept in this browser's localStorage:
 *   toolkit:<site>:answers:<survey id>  →  {"version":1,"survey":{"id","version"},"sets":[…]}
 * and aggregated by survey-aggregate.js, as `toolkit survey` does. Everything imported is shown
 * as text (textContent), never as markup. A barrier's checklist items and strategies can be added
 * to the action plan (toolkit:<site>:plan).
 */
(function () {
  'use strict';

  const root = document.querySelector('.page-survey-results');
  const dataElement = document.getElementById('results-data');
  const code = globalThis.toolkitSurveyCode;
  const aggregator = globalThis.toolkitSurveyAggregate;
  if (!root || !dataElement || !code || !aggregator) return;
  const data = JSON.parse(dataElement.textContent);
  const survey = data.survey;
  const words = data.words || {};
  const lang = root.dataset.lang || document.documentElement.lang || 'en';
  const site = root.dataset.site || '/';
  const strategiesElement = document.getElementById('results-strategies');
  /** The strategies matched to each construct, as the strategies kind lists them (Level 1 first). */
  const strategyMatches = {};
  if (strategiesElement) {
    for (const li of strategiesElement.querySelectorAll('li')) {
      (strategyMatches[li.dataset.construct] ||= []).push({
        id: li.dataset.id, name: li.textContent, level: Number(li.dataset.level) || 9, url: li.dataset.url,
      });
    }
  }
  const SVG = 'http://www.w3.org/2000/svg';

  const word = (key) => (Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key);
  const say = (key, values = {}) => word(key).replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));

  /* ---- storage ---- */

  const memory = new Map();
  let local = null;
  try {
    local = window.localStorage;
    local.setItem('toolkit:probe', '1');
    local.removeItem('toolkit:probe');
  } catch {
    local = null;
  }
  const store = {
    get(name) {
      if (local) {
        try {
          return local.getItem(name);
        } catch {
          local = null;
        }
      }
      return memory.has(name) ? memory.get(name) : null;
    },
    set(name, value) {
      memory.set(name, value);
      if (local) {
        try {
          local.setItem(name, value);
        } catch {
          local = null;
        }
      }
    },
    remove(name) {
      memory.delete(name);
      if (local) {
        try {
          local.removeItem(name);
        } catch {
          local = null;
        }
      }
    },
  };
  const answersKey = `toolkit:${site}:answers:${survey.id}`;
  const planKey = `toolkit:${site}:plan`;

  /** The kept answer sets of this survey and version, each checked again. */
  function loadSets() {
    try {
      const kept = JSON.parse(store.get(answersKey) || 'null');
      if (!kept || kept.version !== 1 || !Array.isArray(kept.sets)) return [];
      const sets = [];
      for (const set of kept.sets) {
        try {
          code.checkAnswers(set, survey);
          if (!sets.some((s) => s.respondent === set.respondent)) sets.push(set);
        } catch {
          // An answer set that no longer fits the survey is left out.
        }
      }
      return sets;
    } catch {
      return [];
    }
  }
  function saveSets(sets) {
    store.set(answersKey, JSON.stringify({ version: 1, survey: { id: survey.id, version: survey.version }, sets }));
  }
  let sets = loadSets();

  /* ---- reading what the lead adds ---- */

  /** What is wrong with an answer set, in words (a CodeError from survey-code.js). */
  function why(error) {
    if (!error || !error.kind) return word('survey_results_js_unreadable');
    const d = error.details || {};
    if (error.kind === 'other-survey') {
      return say('survey_results_js_other_survey', { found: `“${d.found}”`, expected: `“${survey.id}”` });
    }
    if (error.kind === 'other-version') {
      return say('survey_results_js_other_survey', {
        found: `“${survey.id}” ${say('survey_results_js_version', { version: d.found })}`,
        expected: `“${survey.id}” ${say('survey_results_js_version', { version: d.expected })}`,
      });
    }
    if (error.kind === 'file') return word('survey_results_js_unreadable');
    const key = `survey_results_js_err_${error.kind.replace(/-/g, '_')}`;
    const detail = Object.prototype.hasOwnProperty.call(words, key) ? say(key, d) : error.kind;
    return say('survey_results_js_broken', { why: detail });
  }

  /** The rows of a CSV text, with its separator found in the header (`,` or `;`). */
  function csvRows(text) {
    const clean = text.replace(/^\uFEFF/, '');
    const firstLine = clean.split(/\r?\n/, 1)[0];
    const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    let line = 1;
    let rowLine = 1;
    for (let i = 0; i < clean.length; i += 1) {
      const ch = clean[i];
      if (quoted) {
        if (ch === '"' && clean[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (ch === '"') quoted = false;
        else {
          if (ch === '\n') line += 1;
          cell += ch;
        }
      } else if (ch === '"') quoted = true;
      else if (ch === sep) {
        row.push(cell);
        cell = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && clean[i + 1] === '\n') i += 1;
        row.push(cell);
        rows.push({ cells: row, line: rowLine });
        row = [];
        cell = '';
        line += 1;
        rowLine = line;
      } else cell += ch;
    }
    if (cell !== '' || row.length) {
      row.push(cell);
      rows.push({ cells: row, line: rowLine });
    }
    return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  }

  /** Answer sets of the CSV of paper answers: `respondent,wave,date,role,<statement ids>`. */
  function fromCsv(text, what) {
    const rows = csvRows(text);
    const header = rows.shift().cells.map((c) => c.trim());
    return rows.map((row) => {
      const where = say('survey_results_js_line', { what, line: row.line });
      const cell = (name) => {
        const i = header.indexOf(name);
        return i < 0 || i >= row.cells.length ? '' : row.cells[i].trim();
      };
      try {
        for (const name of header.slice(4)) {
          if (name && !survey.statements.some((s) => s.id === name)) {
            throw new code.CodeError('unknown-statement', { found: name });
          }
        }
        const wave = cell('wave');
        if (wave !== 'baseline' && wave !== 'follow-up') throw new code.CodeError('wave', { found: wave });
        const answers = {};
        for (const s of survey.statements) {
          const value = cell(s.id);
          if (value !== '' && !/^\d+$/.test(value)) throw new code.CodeError('answer-digits', { found: value });
          answers[s.id] = value === '' ? null : Number(value);
        }
        const set = {
          format: code.FORMAT,
          survey: survey.id,
          version: survey.version,
          respondent: cell('respondent'),
          wave,
          date: cell('date'),
          role: cell('role') === '' || cell('role') === '-' ? null : cell('role'),
          answers,
          open: {},
        };
        code.checkAnswers(set, survey);
        return { where, set };
      } catch (error) {
        return { where, error };
      }
    });
  }

  /** Answer sets of one text: an answers file, a CSV of paper answers, or codes one per line. */
  function read(text, what) {
    const clean = text.replace(/^\uFEFF/, '').trim();
    if (clean.startsWith('{')) {
      try {
        return [{ where: what, set: code.readFile(clean, survey) }];
      } catch (error) {
        return [{ where: what, error }];
      }
    }
    if (/^"?respondent"?[,;]/.test(clean)) return fromCsv(clean, what);
    const lines = clean.split(/\r?\n/);
    const several = lines.filter((l) => l.trim()).length > 1;
    return lines.flatMap((lineText, i) => {
      if (!lineText.trim()) return [];
      const where = several ? say('survey_results_js_line', { what, line: i + 1 }) : what;
      try {
        return [{ where, set: code.decodeFor(lineText.trim(), survey) }];
      } catch (error) {
        return [{ where, error }];
      }
    });
  }

  const messages = document.getElementById('results-messages');

  /** Keeps what was read, refusing duplicates; shows one message per refusal. */
  function add(found) {
    messages.replaceChildren();
    const refused = [];
    let added = 0;
    for (const item of found) {
      if (item.error) {
        refused.push(say('survey_results_js_refused', { what: item.where, why: why(item.error) }));
      } else if (sets.some((s) => s.respondent === item.set.respondent)) {
        refused.push(say('survey_results_js_refused', {
          what: item.where,
          why: say('survey_results_js_duplicate', { respondent: item.set.respondent }),
        }));
      } else {
        sets.push(item.set);
        added += 1;
      }
    }
    saveSets(sets);
    const summary = document.createElement('p');
    summary.className = 'results-added';
    summary.textContent = say('survey_results_js_added', { count: added });
    messages.append(summary);
    if (refused.length) {
      const list = document.createElement('ul');
      list.className = 'results-refused';
      for (const text of refused) {
        const li = document.createElement('li');
        li.textContent = text;
        list.append(li);
      }
      messages.append(list);
    }
    render();
  }

  async function addFiles(files) {
    const found = [];
    for (const file of Array.from(files)) {
      let text;
      try {
        text = await file.text();
      } catch {
        found.push({ where: file.name, error: null });
        continue;
      }
      found.push(...read(text, file.name));
    }
    add(found);
  }

  /* ---- drawing ---- */

  const el = (name, attributes = {}, text) => {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const svgEl = (name, attributes = {}) => {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
    return e;
  };
  const constructName = (id) => (data.constructs[id] ? data.constructs[id].name : id);
  const domainName = (slug) => (slug && data.domains[slug]) || slug || '';
  const roleName = (id) => {
    if (id === null) return word('survey_results_js_no_role');
    const role = (survey.roles || []).find((r) => r.id === id);
    return role ? role.name : id;
  };
  const waveName = (wave) => word(`survey_results_wave_${wave.replace('-', '_')}`);
  const number = (value) => {
    if (value === null || value === undefined) return '';
    const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
    return data.separator === ';' ? text.replace('.', ',') : text;
  };

  /** Fills and patterns of the answer points, from disagreeing to agreeing: colour and pattern. */
  const COLOURS = ['#b2182b', '#ef8a62', '#d9d9d9', '#67a9cf', '#2166ac'];
  function patterns() {
    const svg = svgEl('svg', { width: 0, height: 0, class: 'results-defs', 'aria-hidden': 'true', focusable: 'false' });
    const defs = svgEl('defs');
    for (let p = 1; p <= survey.points; p += 1) {
      const pattern = svgEl('pattern', { id: `results-point-${p}`, width: 8, height: 8, patternUnits: 'userSpaceOnUse' });
      // From red (disagree) through grey to blue (agree), whatever the number of points.
      const colour = COLOURS[Math.round(((p - 1) / (survey.points - 1)) * (COLOURS.length - 1))];
      pattern.append(svgEl('rect', { width: 8, height: 8, fill: colour }));
      const marks = [
        'M0 8L8 0', // diagonal
        'M0 0L8 8', // other diagonal
        '', // plain
        'M0 4H8', // horizontal
        'M4 0V8', // vertical
        'M0 8L8 0M0 0L8 8',
        'M0 4H8M4 0V8',
        'M0 2H8M0 6H8',
        'M2 0V8M6 0V8',
      ];
      const mark = marks[(p - 1) % marks.length];
      if (mark) pattern.append(svgEl('path', { d: mark, stroke: '#fff', 'stroke-width': 1.5, 'stroke-opacity': 0.7 }));
      defs.append(pattern);
    }
    svg.append(defs);
    return svg;
  }

  /** A stacked bar of a statement's answers, with the median marked and each part labelled. */
  function statementBar(s) {
    const width = 600;
    const height = 30;
    const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height + 16}`, class: 'results-bar', role: 'img' });
    const label = s.counts.map((c, i) => `${survey.labels[i] || i + 1}: ${c}`).join(', ');
    svg.setAttribute('aria-label', `${label}. ${s.median === null ? '' : say('survey_results_js_median', { median: number(s.median) })}`);
    let x = 0;
    s.counts.forEach((c, i) => {
      if (!c || !s.n) return;
      const w = (c / s.n) * width;
      svg.append(svgEl('rect', { x, y: 0, width: w, height, fill: `url(#results-point-${i + 1})`, stroke: '#fff' }));
      if (w >= 18) {
        const t = svgEl('text', { x: x + w / 2, y: height / 2 + 5, 'text-anchor': 'middle', class: 'results-bar-count' });
        t.textContent = String(c);
        svg.append(t);
      }
      x += w;
    });
    if (s.median !== null) {
      // The middle answer lies halfway along the bar, in the part of the median's point.
      const mx = width / 2;
      svg.append(svgEl('line', { x1: mx, x2: mx, y1: 0, y2: height + 4, class: 'results-median' }));
      const t = svgEl('text', { x: Math.min(Math.max(mx, 40), width - 40), y: height + 15, 'text-anchor': 'middle', class: 'results-median-label' });
      t.textContent = say('survey_results_js_median', { median: number(s.median) });
      svg.append(t);
    }
    return svg;
  }

  /** The chart of the construct scores: a bar each, with its score written beside it. */
  function constructChart(wave) {
    const rows = wave.constructs.filter((c) => c.score !== null);
    const rowHeight = 22;
    const labelWidth = 300;
    const barWidth = 260;
    const svg = svgEl('svg', { viewBox: `0 0 ${labelWidth + barWidth + 50} ${rows.length * rowHeight + 4}`, class: 'results-construct-chart', role: 'img' });
    svg.setAttribute('aria-label', `${word('survey_results_js_chart')}: ${rows.map((c) => `${constructName(c.id)} ${c.score}`).join(', ')}`);
    rows.forEach((c, i) => {
      const y = i * rowHeight + 2;
      const name = svgEl('text', { x: labelWidth - 6, y: y + 15, 'text-anchor': 'end', class: 'results-chart-label' });
      name.textContent = constructName(c.id).length > 42 ? `${constructName(c.id).slice(0, 40)}…` : constructName(c.id);
      svg.append(name);
      svg.append(svgEl('rect', { x: labelWidth, y, width: barWidth, height: rowHeight - 6, class: 'results-chart-track' }));
      svg.append(svgEl('rect', { x: labelWidth, y, width: (c.score / 100) * barWidth, height: rowHeight - 6, class: c.score >= aggregator.BARRIER_FROM ? 'results-chart-bar results-chart-barrier' : 'results-chart-bar' }));
      const value = svgEl('text', { x: labelWidth + barWidth + 6, y: y + 15, class: 'results-chart-value' });
      value.textContent = `${c.score}${c.wide ? ' !' : ''}`;
      svg.append(value);
    });
    return svg;
  }

  /** The action plan's items, kept by the plan page. */
  function loadPlan() {
    try {
      const plan = JSON.parse(store.get(planKey) || 'null');
      if (plan && plan.version === 1 && Array.isArray(plan.items)) return plan;
    } catch {
      // A plan that cannot be read is started again below; the page never writes over it.
      return null;
    }
    return { version: 1, review: null, items: [] };
  }
  const newPlanId = () => `p-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  function inPlan(plan, item) {
    return plan.items.some((i) => (item.ref ? i.ref === item.ref : i.ref === null && i.barrier === item.barrier
      && JSON.stringify(i.strategies) === JSON.stringify(item.strategies)));
  }
  function planButton(item) {
    const button = el('button', { type: 'button', class: 'results-plan-add' });
    const update = () => {
      const plan = loadPlan();
      const added = plan !== null && inPlan(plan, item);
      button.textContent = added ? word('survey_results_js_in_plan') : word('survey_results_js_add_plan');
      button.disabled = added || plan === null;
    };
    button.addEventListener('click', () => {
      const plan = loadPlan();
      if (!plan || inPlan(plan, item)) return;
      plan.items.push({
        id: newPlanId(), ref: item.ref, text: item.text, owner: '', due: '', status: 'todo', note: '',
        barrier: item.barrier, strategies: item.strategies,
      });
      store.set(planKey, JSON.stringify(plan));
      update();
    });
    update();
    return button;
  }

  function rankedItem(r) {
    const li = el('li', { class: r.wide ? 'results-barrier results-wide' : 'results-barrier', 'data-construct': r.construct });
    const head = el('p', { class: 'results-barrier-head' });
    head.append(el('strong', {}, constructName(r.construct)), ' ', el('span', { class: 'results-score' }, say('survey_results_js_score', { score: r.score })));
    const domain = data.constructs[r.construct] && data.constructs[r.construct].domain;
    if (domain) head.append(' ', el('span', { class: 'results-domain' }, `(${domainName(domain)})`));
    li.append(head);
    if (r.wide) li.append(el('p', { class: 'results-flag' }, word('survey_results_js_discuss')));
    const links = data.links[r.construct] || [];
    const details = el('div', { class: 'results-addresses' });
    details.append(el('p', { class: 'results-addresses-head' }, word('survey_results_js_addresses')));
    if (links.length) {
      const list = el('ul');
      for (const link of links) {
        const item = el('li', { class: `results-link results-link-${link.kind}` });
        item.append(el('a', { href: link.url }, link.title));
        if (link.ref) {
          item.append(' ', planButton({ ref: link.ref, text: link.title, barrier: r.construct, strategies: [] }));
        }
        list.append(item);
      }
      details.append(list);
    } else details.append(el('p', {}, word('survey_results_js_nothing')));
    const matches = strategyMatches[r.construct] || [];
    if (matches.length) {
      details.append(el('p', { class: 'results-addresses-head' }, word('survey_results_js_strategies')));
      const list = el('ul', { class: 'results-strategies' });
      const ordered = [...matches].sort((a, b) => (a.level || 9) - (b.level || 9));
      for (const m of ordered) {
        const item = el('li');
        item.append(m.url ? el('a', { href: m.url }, String(m.name)) : String(m.name), ' ', el('span', { class: 'results-level' }, `(${say('survey_results_js_level', { level: m.level })})`), ' ');
        item.append(planButton({ ref: null, text: String(m.name), barrier: r.construct, strategies: [String(m.id)] }));
        list.append(item);
      }
      details.append(list);
    }
    li.append(details);
    return li;
  }

  function table(id, head, rows) {
    const t = document.getElementById(id);
    t.replaceChildren();
    const thead = el('thead');
    const tr = el('tr');
    head.forEach((h) => tr.append(el('th', { scope: 'col' }, h)));
    thead.append(tr);
    const tbody = el('tbody');
    for (const row of rows) {
      const r = el('tr');
      row.forEach((cell, i) => r.append(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, cell)));
      tbody.append(r);
    }
    t.append(thead, tbody);
  }

  const view = document.getElementById('results-view');
  const count = document.getElementById('results-count');
  let results = null;

  function render() {
    results = aggregator.aggregate(survey, Object.fromEntries(Object.entries(data.constructs).filter(([, c]) => c.domain).map(([id, c]) => [id, c.domain])), sets);
    count.replaceChildren();
    if (!sets.length) {
      count.textContent = word('survey_results_js_none');
      view.hidden = true;
      return;
    }
    count.append(say('survey_results_js_count', { total: sets.length, baseline: results.respondents.baseline, follow_up: results.respondents['follow-up'] }));
    const wave = results.waves[results.current];
    const roles = el('ul', { class: 'results-roles' });
    for (const r of wave.roles) {
      roles.append(el('li', { 'data-role': r.role === null ? '' : r.role }, `${roleName(r.role)}: ${r.n}${r.role !== null && !r.shown ? ` (${word('survey_results_js_small')})` : ''}`));
    }
    count.append(' ', el('span', {}, `${waveName(results.current)}. ${word('survey_results_js_roles')}`), roles);
    view.hidden = false;
    view.querySelector('.results-summary').textContent = say('survey_results_js_showing', { wave: waveName(results.current).toLowerCase(), count: wave.n });

    const chart = document.getElementById('results-chart');
    chart.replaceChildren(constructChart(wave));
    const ranked = document.getElementById('results-ranked');
    ranked.replaceChildren();
    if (!results.ranked.length) ranked.append(el('li', { class: 'results-none' }, word('survey_results_js_no_barriers')));
    for (const r of results.ranked) ranked.append(rankedItem(r));

    const changePart = view.querySelector('.results-change-part');
    changePart.hidden = !results.change.length;
    if (results.change.length) {
      table('results-change', [word('survey_results_js_construct'), waveName('baseline'), waveName('follow-up'), word('survey_results_js_change')],
        results.change.map((c) => [constructName(c.construct), c.baseline ?? '', c['follow-up'] ?? '', c.change === null ? '' : (c.change > 0 ? `+${c.change}` : String(c.change).replace('-', '−'))]));
    }
    const shownRoles = wave.roles.filter((r) => r.shown).map((r) => r.role);
    table('results-constructs', [word('survey_results_js_construct'), word('survey_results_js_domain'), word('survey_results_js_score_head'), word('survey_results_js_answers'), ...shownRoles.map(roleName)],
      wave.constructs.map((c) => [constructName(c.id), domainName(c.domain), c.score ?? '', c.n, ...shownRoles.map((role) => {
        const found = c.roles.find((x) => x.role === role);
        return found && found.score !== null ? found.score : '';
      })]));
    table('results-domains', [word('survey_results_js_domain'), word('survey_results_js_score_head'), word('survey_results_js_answers')],
      wave.domains.map((d) => [domainName(d.id), d.score ?? '', d.n]));

    const statements = document.getElementById('results-statements');
    statements.replaceChildren(patterns());
    const legend = el('ul', { class: 'results-legend' });
    for (let p = 1; p <= survey.points; p += 1) {
      const li = el('li');
      const swatch = svgEl('svg', { width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' });
      swatch.append(svgEl('rect', { width: 16, height: 16, fill: `url(#results-point-${p})`, stroke: '#555' }));
      li.append(swatch, ` ${p} ${survey.labels[p - 1] || ''}`);
      legend.append(li);
    }
    statements.append(legend);
    for (const s of wave.statements) {
      const statement = survey.statements.find((x) => x.id === s.id);
      const figure = el('figure', { class: s.wide ? 'results-statement results-wide' : 'results-statement', 'data-statement': s.id });
      const caption = el('figcaption');
      caption.append(el('span', { class: 'results-statement-text' }, statement ? statement.text : s.id), ' ', el('span', { class: 'results-statement-construct' }, `(${constructName(s.construct)})`));
      figure.append(caption, statementBar(s));
      statements.append(figure);
    }
  }

  /* ---- exports ---- */

  /** A CSV cell as src/spreadsheet.rs writes it: formulas defused, quoted when needed. */
  function csvCell(text) {
    let t = String(text);
    if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
    return /["\r\n]/.test(t) || t.includes(data.separator) ? `"${t.replace(/"/g, '""')}"` : t;
  }

  /** The aggregated CSV, as src/kinds/survey_results/export.rs writes it. */
  function csv() {
    const rows = [];
    const header = ['level', 'wave', 'id', 'statement', 'construct', 'domain', 'answers', 'score', 'median', 'iqr', 'spread']
      .map((k) => word(`survey_results_csv_${k}`));
    for (let p = 1; p <= survey.points; p += 1) header.push(String(p));
    rows.push(header);
    const blank = () => Array(survey.points).fill('');
    const wide = (w) => (w ? word('survey_results_csv_discuss') : '');
    const domainOf = (construct) => {
      const c = data.constructs[construct];
      return c && c.domain ? domainName(c.domain) : '';
    };
    for (const name of ['baseline', 'follow-up']) {
      const wave = results.waves[name];
      if (!wave) continue;
      const w = waveName(name);
      for (const s of wave.statements) {
        const statement = survey.statements.find((x) => x.id === s.id);
        rows.push([word('survey_results_csv_level_statement'), w, s.id, statement ? statement.text : '', constructName(s.construct), domainOf(s.construct),
          String(s.n), s.score ?? '', number(s.median), number(s.iqr), wide(s.wide), ...s.counts.map(String)]);
      }
      for (const c of wave.constructs) {
        rows.push([word('survey_results_csv_level_construct'), w, c.id, '', constructName(c.id), domainOf(c.id), String(c.n), c.score ?? '', '', '', wide(c.wide), ...blank()]);
      }
      for (const d of wave.domains) {
        rows.push([word('survey_results_csv_level_domain'), w, d.id, '', '', domainName(d.id), String(d.n), d.score ?? '', '', '', '', ...blank()]);
      }
    }
    return `\uFEFF${rows.map((r) => r.map(csvCell).join(data.separator)).join('\r\n')}\r\n`;
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /* ---- wiring ---- */

  // The import form is in the page from the start (js-only) and the no-script note is in a
  // <noscript>: nothing moves when this script runs.
  if (!local) {
    const note = el('p', { class: 'results-storage', role: 'alert' }, word('survey_results_js_storage'));
    messages.before(note);
  }
  const input = document.getElementById('results-files');
  input.addEventListener('change', () => {
    addFiles(input.files).finally(() => {
      input.value = '';
    });
  });
  const drop = document.getElementById('results-drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('results-drop-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('results-drop-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('results-drop-over');
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });
  root.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const action = button.dataset.action;
    if (action === 'add-codes') {
      const area = document.getElementById('results-codes');
      const found = area.value.split(/\r?\n/).map((line, i) => [line.trim(), i + 1]).filter(([line]) => line)
        .map(([line, n]) => {
          const where = say('survey_results_js_line', { what: word('survey_results_js_pasted'), line: n });
          try {
            return { where, set: code.decodeFor(line, survey) };
          } catch (error) {
            return { where, error };
          }
        });
      area.value = '';
      add(found);
    } else if (action === 'clear') {
      if (!window.confirm(word('survey_results_js_confirm_clear'))) return;
      sets = [];
      store.remove(answersKey);
      messages.replaceChildren(el('p', {}, word('survey_results_js_cleared')));
      render();
    } else if (action === 'csv' && results) {
      download(word('survey_results_csv_file'), csv());
    } else if (action === 'print') {
      window.print();
    }
  });
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === answersKey) {
      sets = loadSets();
      render();
    } else if (event.key === planKey) render();
  });
  render();
})();
