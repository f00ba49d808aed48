/*
 * measures.js: the measures page in the browser. A lead types a month's figures, sees them on
 * the charts, and downloads the updated CSV to put beside the page; the caseload calculator
 * works its results out again as figures change, and downloads them as CSV.
 *
 * The pure part (a chart's geometry, the calculator's arithmetic, the CSV text) is
 * `globalThis.toolkitMeasures`, so that node can test it against tests/data/measures-vectors.json,
 * the vectors the Rust code (src/kinds/measures/) is tested against. Everything typed is kept as
 * text (textContent, never innerHTML) and nothing is sent anywhere. Without this script the page
 * shows the charts, tables and worked example drawn at build time.
 */
'use strict';

(() => {
  /* ---- charts: the same arithmetic as src/kinds/measures/chart.rs ---- */
  const WIDTH = 480;
  const HEIGHT = 240;
  const LEFT = 40;
  const RIGHT = 90;
  const TOP = 16;
  const BOTTOM = 40;
  const round1 = (v) => Math.round(v * 10) / 10;

  /** A number as the page shows it: one decimal at most. */
  function fmtNumber(n) {
    const r = Math.round(n * 10) / 10;
    return Number.isInteger(r) ? String(r) : r.toFixed(1);
  }

  /** A round number at or above `v`: 1, 2, 2.5 or 5 times a power of ten. */
  function niceMax(v) {
    if (v <= 0) return 10;
    const power = Math.pow(10, Math.floor(Math.log10(v)));
    for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= v) return step * power;
    return 10 * power;
  }

  const monthNumber = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5)) - 1;
  const pad = (n, w) => String(n).padStart(w, '0');

  /** Every month from `first` to `last`, both YYYY-MM. */
  function monthsBetween(first, last) {
    const out = [];
    for (let n = monthNumber(first); n <= monthNumber(last); n += 1) {
      out.push(`${pad(Math.floor(n / 12), 4)}-${pad((n % 12) + 1, 2)}`);
    }
    return out;
  }

  /** Whether `text` is a month written as YYYY-MM. */
  function isMonth(text) {
    const m = /^(\d{4})-(\d{2})$/.exec(text);
    return Boolean(m) && m[1] !== '0000' && Number(m[2]) >= 1 && Number(m[2]) <= 12;
  }

  /** A chart's geometry, as chart::geometry computes it. */
  function geometry(months, figures, percent, target) {
    let highest = 0;
    for (const f of figures) highest = Math.max(highest, f.value);
    if (target !== null && target !== undefined) highest = Math.max(highest, target);
    const yMax = percent ? 100 : niceMax(highest * 1.1);
    const ticks = [0, 1, 2, 3, 4].map((i) => round1((yMax * i) / 4));
    const plotW = WIDTH - LEFT - RIGHT;
    const plotH = HEIGHT - TOP - BOTTOM;
    const step = months.length > 1 ? plotW / (months.length - 1) : 0;
    const xOf = (i) => (months.length > 1 ? round1(LEFT + step * i) : round1(LEFT + plotW / 2));
    const yOf = (v) => round1(TOP + plotH - plotH * (Math.min(v, yMax) / yMax));
    const every = Math.max(Math.ceil(months.length / 6), 1);
    const runs = [];
    let open = false;
    months.forEach((month, i) => {
      const f = figures.find((g) => g.month === month);
      if (!f) {
        open = false;
        return;
      }
      const point = [month, xOf(i), yOf(f.value)];
      if (open) runs[runs.length - 1].push(point);
      else runs.push([point]);
      open = true;
    });
    return {
      y_max: yMax,
      ticks,
      months: months.map((m, i) => [m, xOf(i)]),
      labelled: months.filter((_, i) => (months.length - 1 - i) % every === 0),
      runs,
      target_y: target === null || target === undefined ? null : yOf(target),
    };
  }

  /* ---- the caseload calculator: the same arithmetic as src/kinds/measures/caseload.rs ---- */

  function computeCaseload(v) {
    const get = (k) => Number(v[k] || 0);
    const divide = (a, b) => (b > 0 ? a / b : 0);
    const minutesPerPatient = get('modules') * get('messages_per_module') * get('minutes_per_message')
      + get('contacts') * get('minutes_per_contact');
    const perWeek = divide(minutesPerPatient, get('weeks'));
    const teamHours = (get('patients') * perWeek + get('therapists') * get('supervision_minutes')) / 60;
    const free = get('reserved_hours') * 60 - get('supervision_minutes');
    return {
      minutes_per_patient: minutesPerPatient,
      minutes_per_patient_week: perWeek,
      team_hours: teamHours,
      hours_per_therapist: divide(teamHours, get('therapists')),
      fte: divide(teamHours, get('hours_per_fte')),
      patients_per_therapist: Math.floor(divide(Math.max(free, 0), perWeek)),
    };
  }

  const shownResult = (key, v) => (key === 'fte' ? (Math.round(v * 100) / 100).toFixed(2) : fmtNumber(v));

  /* ---- the data file ---- */

  /** A value as the file holds it (`12.5`, `14`), as figures::number_text writes it. */
  const numberText = (v) => String(v);

  /** The CSV text of the figures, as figures::write writes it. */
  function toCsv(notes, indicators, byIndicator) {
    const lines = [...notes, 'month,indicator,numerator,denominator,value'];
    for (const indicator of indicators) {
      const list = [...(byIndicator[indicator.id] || [])].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
      for (const f of list) {
        if (f.numerator !== undefined && f.numerator !== null) {
          lines.push(`${f.month},${indicator.id},${f.numerator},${f.denominator},`);
        } else {
          lines.push(`${f.month},${indicator.id},,,${numberText(f.value)}`);
        }
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** A field of a CSV file: quoted when it holds a comma, a quote or a line break. */
  const csvField = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

  globalThis.toolkitMeasures = {
    fmtNumber, niceMax, monthsBetween, isMonth, geometry, computeCaseload, shownResult, toCsv, csvField,
  };

  if (typeof document === 'undefined') return;

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

  /** Marks a field wrong (or right, with an empty message). */
  function mark(input, message) {
    const error = document.getElementById(`${input.id}-error`);
    if (error) error.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  /* ---- the indicators page ---- */

  const measuresData = document.getElementById('measures-data');
  if (measuresData) {
    const data = JSON.parse(measuresData.textContent);
    const words = data.words;
    const say = (key) => words[key] || key;
    // A number as the page's language writes it: 51.6 or 51,6.
    const local = (text) => text.replace('.', words.measures_decimal_point || '.');
    const byIndicator = {};
    for (const [id, list] of Object.entries(data.figures || {})) byIndicator[id] = list.map((f) => ({ ...f }));
    const root = document.getElementById('measures');
    const form = document.getElementById('measures-form');
    const status = form.querySelector('.measures-status');
    const month = document.getElementById('measures-month');
    form.hidden = false;
    for (const p of root.querySelectorAll('.measures-print')) p.hidden = false;
    root.querySelectorAll('[data-action="print"]').forEach((b) => b.addEventListener('click', () => window.print()));

    const suffix = (unit) => (unit === 'percent' ? ' %' : unit === 'days' ? ` ${say('measures_days')}` : '');
    const svgNs = 'http://www.w3.org/2000/svg';
    function el(name, attrs, text) {
      const node = document.createElementNS(svgNs, name);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      return node;
    }

    /** Draws an indicator's chart as chart::svg does. */
    function drawChart(section, indicator, months) {
      const own = byIndicator[indicator.id] || [];
      const g = geometry(months, own, indicator.unit === 'percent', indicator.target);
      const id = `measure-${indicator.id}-chart`;
      const svg = el('svg', { class: 'measures-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${id}-title` });
      svg.append(el('title', { id: `${id}-title` }, fill(say('measures_chart_title'), { name: indicator.name })));
      const bottom = HEIGHT - BOTTOM;
      const right = WIDTH - RIGHT;
      g.ticks.forEach((tick, i) => {
        const y = round1(TOP + ((bottom - TOP) * (g.ticks.length - 1 - i)) / (g.ticks.length - 1));
        svg.append(el('line', { class: 'measures-grid', x1: LEFT, y1: y, x2: right, y2: y, stroke: '#bbb', 'stroke-width': 1 }));
        svg.append(el('text', { class: 'measures-tick', x: LEFT - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 13, fill: '#333' }, local(fmtNumber(tick))));
      });
      for (const [m, x] of g.months) {
        const i = g.labelled.indexOf(m);
        if (i >= 0) {
          // Every second label, counted back from the last, gives way on narrow screens.
          const alt = (g.labelled.length - 1 - i) % 2 === 1 ? ' measures-month-alt' : '';
          svg.append(el('text', { class: `measures-month${alt}`, x, y: bottom + 18, 'text-anchor': 'middle', 'font-size': 13, fill: '#333' }, m));
        }
      }
      if (g.target_y !== null) {
        const label = fill(say('measures_target_label'), { target: `${local(fmtNumber(indicator.target))}${suffix(indicator.unit)}` });
        svg.append(el('line', { class: 'measures-target', x1: LEFT, y1: g.target_y, x2: right, y2: g.target_y, stroke: '#555', 'stroke-width': 2, 'stroke-dasharray': '8 5' }));
        svg.append(el('text', { class: 'measures-target-label', x: LEFT + 4, y: g.target_y - 6, 'font-size': 13, fill: '#333', stroke: '#fff', 'stroke-width': 4, 'paint-order': 'stroke' }, label));
      }
      for (const run of g.runs) {
        if (run.length > 1) {
          svg.append(el('polyline', { class: 'measures-line', points: run.map(([, x, y]) => `${x},${y}`).join(' '), fill: 'none', stroke: '#111', 'stroke-width': 3 }));
        }
        for (const [m, x, y] of run) {
          svg.append(el('circle', { class: 'measures-point', 'data-month': m, cx: x, cy: y, r: 4, fill: '#fff', stroke: '#111', 'stroke-width': 2 }));
        }
      }
      const lastRun = g.runs[g.runs.length - 1];
      if (lastRun && own.length) {
        const [, x, y] = lastRun[lastRun.length - 1];
        const last = own[own.length - 1];
        svg.append(el('text', { class: 'measures-last', x: x + 8, y: Math.max(y - 8, TOP + 4), 'font-size': 15, 'font-weight': 'bold', fill: '#111', stroke: '#fff', 'stroke-width': 4, 'paint-order': 'stroke' }, `${local(fmtNumber(last.value))}${suffix(indicator.unit)}`));
      }
      return svg;
    }

    /** Rewrites an indicator's table rows for `months`. */
    function fillTable(table, indicator, months) {
      const own = byIndicator[indicator.id] || [];
      const body = table.tBodies[0];
      body.replaceChildren();
      for (const m of months) {
        const row = body.insertRow();
        row.dataset.month = m;
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = m;
        row.append(th);
        const f = own.find((g) => g.month === m);
        if (!f) {
          row.className = 'measures-gap';
          const cell = row.insertCell();
          cell.colSpan = indicator.unit === 'percent' ? 3 : 1;
          cell.textContent = say('measures_no_figures');
          continue;
        }
        if (indicator.unit === 'percent') {
          row.insertCell().textContent = String(f.numerator);
          row.insertCell().textContent = String(f.denominator);
        }
        row.insertCell().textContent = `${local(fmtNumber(f.value))}${suffix(indicator.unit)}`;
      }
    }

    /** Redraws every chart and table from the figures now held. */
    function redraw() {
      const all = Object.values(byIndicator).flat().map((f) => f.month).sort();
      if (!all.length) return;
      const months = monthsBetween(all[0], all[all.length - 1]);
      for (const indicator of data.indicators) {
        const section = document.getElementById(`measure-${indicator.id}`);
        if (!section) continue;
        let figure = section.querySelector('.measures-figure');
        if (!figure) {
          // A page without a data file gets its first chart and table.
          figure = document.createElement('div');
          figure.className = 'measures-figure';
          const scroll = document.createElement('div');
          scroll.className = 'table-scroll';
          scroll.tabIndex = 0;
          scroll.setAttribute('role', 'region');
          const caption = fill(say('measures_table_caption'), { name: indicator.name });
          scroll.setAttribute('aria-label', caption);
          const table = document.createElement('table');
          table.className = 'measures-table';
          table.createCaption().textContent = caption;
          const head = table.createTHead().insertRow();
          const cols = indicator.unit === 'percent'
            ? ['measures_month', 'measures_numerator', 'measures_denominator', `measures_value_${indicator.unit}`]
            : ['measures_month', `measures_value_${indicator.unit}`];
          for (const key of cols) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = say(key);
            head.append(th);
          }
          table.createTBody();
          scroll.append(table);
          figure.append(scroll);
          section.append(figure);
        }
        const old = figure.querySelector('svg');
        const svg = drawChart(section, indicator, months);
        if (old) old.replaceWith(svg);
        else figure.prepend(svg);
        fillTable(figure.querySelector('table'), indicator, months);
      }
    }

    /** The typed figures, checked, each refused with a message next to its field; null if any is wrong. */
    function typed() {
      let ok = true;
      const found = [];
      const m = month.value.trim();
      if (!isMonth(m)) {
        mark(month, say('measures_js_month'));
        ok = false;
      } else mark(month, '');
      for (const indicator of data.indicators) {
        const set = form.querySelector(`fieldset[data-indicator="${CSS.escape(indicator.id)}"]`);
        const input = (field) => set.querySelector(`[data-field="${field}"]`);
        if (indicator.unit === 'percent') {
          const [n, d] = [input('numerator'), input('denominator')];
          mark(n, '');
          mark(d, '');
          const [nt, dt] = [n.value.trim(), d.value.trim()];
          if (!nt && !dt) continue;
          let bad = false;
          for (const [box, text] of [[n, nt], [d, dt]]) {
            if (!text) {
              mark(box, say('measures_js_both'));
              bad = true;
            } else if (!/^\d{1,9}$/.test(text)) {
              mark(box, say('measures_js_whole'));
              bad = true;
            }
          }
          if (!bad && Number(dt) === 0) {
            mark(d, say('measures_js_zero'));
            bad = true;
          } else if (!bad && Number(nt) > Number(dt)) {
            mark(n, say('measures_js_above'));
            bad = true;
          }
          if (bad) ok = false;
          else found.push({ id: indicator.id, figure: { month: m, numerator: Number(nt), denominator: Number(dt), value: (100 * Number(nt)) / Number(dt) } });
        } else {
          const v = input('value');
          mark(v, '');
          const text = v.value.trim().replace(',', '.');
          if (!text) continue;
          if (!/^\d{1,9}(\.\d{1,6})?$/.test(text)) {
            mark(v, say('measures_js_number'));
            ok = false;
          } else found.push({ id: indicator.id, figure: { month: m, value: Number(text) } });
        }
      }
      if (!ok) {
        status.textContent = say('measures_js_fix');
        return null;
      }
      if (!found.length) {
        status.textContent = say('measures_js_nothing');
        return null;
      }
      return { month: m, found };
    }

    /** Puts the typed figures in with the others (a month typed again replaces its figures). */
    function apply() {
      const t = typed();
      if (!t) return null;
      for (const { id, figure } of t.found) {
        const list = (byIndicator[id] = (byIndicator[id] || []).filter((f) => f.month !== figure.month));
        list.push(figure);
        list.sort((a, b) => (a.month < b.month ? -1 : 1));
      }
      redraw();
      return t;
    }

    form.querySelector('[data-action="preview"]').addEventListener('click', () => {
      const t = apply();
      if (t) status.textContent = fill(say('measures_js_shown'), { month: t.month });
    });
    form.querySelector('[data-action="download"]').addEventListener('click', () => {
      // Figures typed but not yet shown go in too; with none typed, the file is downloaded as it is.
      const anyTyped = Array.from(form.querySelectorAll('input')).some((i) => i.value.trim());
      if (anyTyped && !apply()) return;
      download(data.file, toCsv(data.notes || [], data.indicators, byIndicator));
      status.textContent = fill(say('measures_js_downloaded'), { file: data.file });
    });
  }

  /* ---- the caseload calculator ---- */

  const caseloadData = document.getElementById('caseload-data');
  if (caseloadData) {
    const data = JSON.parse(caseloadData.textContent);
    const say = (key) => data.words[key] || key;
    const local = (text) => text.replace('.', data.words.measures_decimal_point || '.');
    const form = document.getElementById('caseload-form');
    const status = form.querySelector('.caseload-status');
    form.hidden = false;
    const inputs = Array.from(form.querySelectorAll('input[data-input]'));
    const outputs = form.querySelector('.caseload-yours');
    let values = Object.fromEntries(data.defaults.map((d) => [d.key, d.value]));

    function update() {
      let ok = true;
      const next = { ...values };
      for (const input of inputs) {
        const key = input.dataset.input;
        const text = input.value.trim().replace(',', '.');
        const mustBeAbove = ['therapists', 'weeks', 'hours_per_fte'].includes(key);
        if (!/^\d{1,9}(\.\d+)?$/.test(text)) {
          mark(input, say('measures_caseload_js_number'));
          ok = false;
        } else if (mustBeAbove && Number(text) === 0) {
          mark(input, say('measures_caseload_js_above_zero'));
          ok = false;
        } else {
          mark(input, '');
          next[key] = Number(text);
        }
      }
      status.textContent = ok ? '' : say('measures_caseload_js_fix');
      if (!ok) return;
      values = next;
      const results = computeCaseload(values);
      for (const key of data.outputs) {
        const cell = outputs.querySelector(`tr[data-output="${key}"] .caseload-value`);
        if (cell) cell.textContent = local(shownResult(key, results[key]));
      }
    }

    function csv() {
      const results = computeCaseload(values);
      const rows = [[say('measures_caseload_figure'), say('measures_caseload_value'), say('measures_caseload_unit'), say('measures_caseload_how')]];
      for (const key of data.inputs) {
        rows.push([say(`measures_caseload_${key}`), fmtNumber(values[key]), say(`measures_caseload_${key}_unit`), '']);
      }
      for (const key of data.outputs) {
        rows.push([say(`measures_caseload_${key}`), shownResult(key, results[key]), say(`measures_caseload_${key}_unit`), say(`measures_caseload_${key}_formula`)]);
      }
      return `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;
    }

    form.addEventListener('input', update);
    form.querySelector('[data-action="caseload-csv"]').addEventListener('click', () => {
      update();
      download('caseload.csv', csv());
      status.textContent = fill(say('measures_caseload_js_downloaded'), { file: 'caseload.csv' });
    });
    form.querySelector('[data-action="print"]').addEventListener('click', () => window.print());
  }
})();
