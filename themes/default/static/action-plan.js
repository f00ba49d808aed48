/*
 * action-plan.js: the clinic's action plan, kept in this browser.
 *
 * The plan is one localStorage entry, toolkit:<site>:plan, shared with the scan results page,
 * which adds actions to it:
 *   {"version":1,"review":"YYYY-MM-DD"|null,"items":[{"id","ref":"<checklist>#<item>"|null,
 *    "text","owner","due","status":"todo"|"doing"|"done","note","barrier","strategies":[]}]}
 * An action with a `ref` is that checklist item: "done" is its tick (checklist.js), both ways.
 * Storage, the plan's checks, export and import are checklist.js's (globalThis.toolkitProgress);
 * the calendar's RFC 5545 text escaping, line folding and dates are planner.js's
 * (globalThis.toolkitPlanner). What the build gives (site key, host, CSV separator, constructs,
 * words) is in <script id="action-plan-data">.
 *
 * On the plan page: the plan as a list of actions with their fields, the checklist items to
 * pick, an action of one's own, the review date (with what is overdue once it has come), the
 * CSV and .ics downloads and a one-page print view grouped by owner or due date. On the
 * checklists' dashboard: the plan's counts. Everything typed is set as text, never as HTML.
 * Without this script the plan page explains itself and links to the printable checklists.
 */
'use strict';

(() => {
  /* ---- CSV, as src/spreadsheet.rs writes it (tests/data/csv-vectors.json tests both) ---- */

  /**
   * A CSV cell: text that a spreadsheet could run as a formula gets a leading apostrophe; a cell
   * with the separator, a quote or a line break is quoted, its quotes doubled.
   */
  function csvCell(text, separator) {
    let cell = String(text);
    if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
    if (cell.includes(separator) || /["\r\n]/.test(cell)) cell = `"${cell.replace(/"/g, '""')}"`;
    return cell;
  }

  /** Rows of cells as a CSV file: a UTF-8 byte-order mark, `separator`, CRLF line ends. */
  function csvText(rows, separator) {
    return `\ufeff${rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n')}\r\n`;
  }

  globalThis.toolkitActionPlan = { csvCell, csvText };
  if (typeof document === 'undefined') return;

  const progress = globalThis.toolkitProgress;
  const planner = globalThis.toolkitPlanner;
  const script = document.getElementById('action-plan-data');
  if (!progress || !script) return;
  let data;
  try {
    data = JSON.parse(script.textContent);
  } catch {
    return;
  }
  const words = data.words || {};
  const site = data.site;

  /** The words for `name` with each `{placeholder}` filled in from `values`. */
  function say(name, values = {}) {
    return (words[name] || '').replace(/\{(\w+)\}/g, (all, key) =>
      key in values ? String(values[key]) : all);
  }

  /* ---- the plan and the ticks ---- */

  const emptyPlan = () => ({ version: 1, review: null, items: [] });
  const readPlan = () => progress.loadPlan(site) || emptyPlan();

  /** The checklist key and item id of a `ref`. */
  function splitRef(ref) {
    const at = ref.indexOf('#');
    return [ref.slice(0, at), ref.slice(at + 1)];
  }

  /** Whether the checklist item of `ref` is ticked. */
  function ticked(ref) {
    const [key, id] = splitRef(ref);
    return Object.hasOwn(progress.load(site, key), id);
  }

  /** Ticks or unticks the checklist item of `ref`, keeping the date of an existing tick. */
  function setTick(ref, done) {
    const [key, id] = splitRef(ref);
    const items = progress.load(site, key);
    if (done && !Object.hasOwn(items, id)) items[id] = progress.today();
    else if (!done) delete items[id];
    progress.save(site, key, items);
  }

  /**
   * The plan with the status of checklist items taken from their ticks: ticked is done; a
   * "done" whose tick was taken away (on the checklist page) is to do again. Saved when that
   * changed anything, so that the file and the results page see the same.
   */
  function currentPlan() {
    const plan = readPlan();
    let changed = false;
    plan.items.forEach((item) => {
      if (!item.ref) return;
      const status = ticked(item.ref) ? 'done' : (item.status === 'done' ? 'todo' : item.status);
      if (status !== item.status) {
        item.status = status;
        changed = true;
      }
    });
    if (changed) progress.savePlan(site, plan);
    return plan;
  }

  /** Changes the stored plan with `change(plan)`, read fresh first (another tab may have added). */
  function updatePlan(change) {
    const plan = currentPlan();
    change(plan);
    progress.savePlan(site, plan);
    return plan;
  }

  /** A new action's id, as the results page makes them: p-<base-36 time><random>. */
  function newId() {
    return `p-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  /* ---- dates ---- */

  const today = () => progress.today();
  const shown = (date) => progress.shownDate(date);
  const isOverdue = (item, day) => Boolean(item.due) && item.due < day && item.status !== 'done';

  function counts(plan, day) {
    const n = { total: plan.items.length, todo: 0, doing: 0, done: 0, overdue: 0 };
    plan.items.forEach((item) => {
      n[item.status] += 1;
      if (isOverdue(item, day)) n.overdue += 1;
    });
    return n;
  }

  function countsText(plan) {
    const n = counts(plan, today());
    const text = say('counts', n);
    return n.overdue ? `${text} ${say('counts_overdue', { n: n.overdue })}` : text;
  }

  /* ---- the barrier and the strategies ---- */

  const constructs = data.constructs || [];
  const constructById = new Map(constructs.map((c) => [c.id, c]));

  /** The construct a checklist item's `construct:` names (by id or name, any case), if listed. */
  function resolveConstruct(text) {
    const wanted = String(text || '').trim().toLowerCase();
    if (!wanted) return null;
    return constructs.find((c) => c.id === wanted || c.name.toLowerCase() === wanted) || null;
  }

  const barrierName = (barrier) => (constructById.has(barrier) ? constructById.get(barrier).name : barrier);

  /* ---- files ---- */

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const statusWord = (status) => say(`status_${status}`);

  /** The checklist title of a `ref`, from the picker. */
  function checklistTitle(ref) {
    const box = ref && [...document.querySelectorAll('.plan-picker input[name="pick"]')].find((b) => b.value === ref);
    return box ? box.dataset.checklistTitle : '';
  }

  /** The plan as CSV: UTF-8 with a byte-order mark, CRLF, the separator of the page's language. */
  function csv(plan) {
    const separator = data.separator || ',';
    const rows = [['col_action', 'col_checklist', 'col_owner', 'col_due', 'col_status', 'col_barrier', 'col_strategies', 'col_note'].map((key) => say(key))];
    plan.items.forEach((item) => rows.push([
      item.text, item.ref ? checklistTitle(item.ref) : '', item.owner, item.due, statusWord(item.status),
      barrierName(item.barrier), item.strategies.join(', '), item.note,
    ]));
    return csvText(rows, separator);
  }

  /**
   * The due dates and the review date as an iCalendar file. A UID is the action's id and the
   * site's, so that importing a newer file updates the events instead of adding them again.
   */
  function calendar(plan, name) {
    const { escapeText, fold, parseDate, formatDate, stampNow } = planner;
    const stamp = stampNow();
    const compact = (date) => date.replace(/-/g, '');
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//toolkit//action plan//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(name)}`,
    ];
    const event = (uid, date, summary, description) => {
      const day = parseDate(date);
      if (day === null) return;
      lines.push('BEGIN:VEVENT', `UID:${uid}@${data.host}`, `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${compact(date)}`);
      if (date !== '9999-12-31') lines.push(`DTEND;VALUE=DATE:${compact(formatDate(day + 1))}`);
      lines.push(`SUMMARY:${escapeText(summary)}`);
      if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
      lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
    };
    plan.items.forEach((item) => {
      if (!item.due) return;
      const about = [
        [say('col_owner'), item.owner],
        [say('col_status'), statusWord(item.status)],
        [say('col_barrier'), barrierName(item.barrier)],
        [say('col_strategies'), item.strategies.join(', ')],
        [say('col_note'), item.note],
      ].filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`).join('\n');
      event(`action-plan-${item.id}.${data.uid_site}`, item.due, item.text, about);
    });
    if (plan.review) event(`action-plan-review.${data.uid_site}`, plan.review, say('ics_review'), '');
    lines.push('END:VCALENDAR');
    return lines.map(fold).join('');
  }

  /* ---- the dashboard: the plan's counts ---- */

  function setUpDashboard(box) {
    const line = box.querySelector('.dashboard-plan-counts');
    const render = () => {
      const plan = currentPlan();
      line.textContent = plan.items.length ? countsText(plan) : say('empty');
      line.hidden = false;
    };
    render();
    progress.onChange(render);
  }

  /* ---- the plan page ---- */

  function setUpPage(root) {
    const app = root.querySelector('.plan-app');
    const list = root.querySelector('.plan-items');
    const empty = root.querySelector('.plan-empty');
    const countsLine = root.querySelector('.plan-counts');
    const message = root.querySelector('.plan-message');
    const toolsMessage = root.querySelector('.plan-tools-message');
    const review = root.querySelector('#plan-review-input');
    const reviewBox = root.querySelector('.plan-review');
    const picker = root.querySelector('.plan-picker');
    const filter = root.querySelector('.plan-filter');
    const own = root.querySelector('.plan-own');
    const printBox = root.querySelector('.plan-print');
    const group = root.querySelector('#plan-print-group');
    const boxes = [...picker.querySelectorAll('input[name="pick"]')];
    const title = (root.querySelector('h1') || {}).textContent || '';

    // Owner suggestions: the roles of the checklist items, and owners already named.
    const owners = document.createElement('datalist');
    owners.id = 'plan-owners';
    const barriers = document.createElement('datalist');
    barriers.id = 'plan-barriers';
    app.append(owners, barriers);

    function fillSuggestions(plan) {
      const roles = new Set(boxes.map((b) => b.dataset.role).filter(Boolean));
      plan.items.forEach((item) => item.owner && roles.add(item.owner));
      owners.replaceChildren(...[...roles].sort().map((r) => new Option(r)));
      const named = new Set(boxes.map((b) => b.dataset.construct).filter(Boolean));
      barriers.replaceChildren(...[...named].sort().map((c) => new Option(c)));
    }

    /** One field of an action: a label and its control, saved on every change. */
    function field(item, key, labelText, control, hint) {
      const p = document.createElement('p');
      p.className = `plan-field plan-field-${key}`;
      control.id = `plan-${key}-${item.id}`;
      const label = document.createElement('label');
      label.htmlFor = control.id;
      label.textContent = labelText;
      if (hint) {
        const small = document.createElement('span');
        small.className = 'plan-hint';
        small.textContent = ` (${hint})`;
        label.append(small);
      }
      p.append(label, control);
      return p;
    }

    function input(type, value) {
      const control = document.createElement('input');
      control.type = type;
      control.value = value;
      return control;
    }

    function select(options, value) {
      const control = document.createElement('select');
      options.forEach(([v, text]) => control.append(new Option(text, v, false, v === value)));
      return control;
    }

    /** Saves a change of one action; `value` is read from the control when it changes. */
    function bind(control, item, key, read = () => control.value) {
      const event = control.tagName === 'SELECT' || control.type === 'date' ? 'change' : 'input';
      control.addEventListener(event, () => {
        const value = read();
        const plan = updatePlan((p) => {
          const stored = p.items.find((i) => i.id === item.id);
          if (stored) stored[key] = value;
        });
        if (key === 'status' && item.ref) setTick(item.ref, value === 'done');
        Object.assign(item, plan.items.find((i) => i.id === item.id) || {});
        if (key === 'status' || key === 'due') refresh(plan);
        else if (key === 'owner') fillSuggestions(plan);
      });
    }

    function barrierControl(item) {
      if (constructs.length) {
        const options = [['', say('no_barrier')], ...constructs.map((c) => [c.id, c.parent ? `– ${c.name}` : c.name])];
        if (item.barrier && !constructById.has(item.barrier)) options.push([item.barrier, item.barrier]);
        return select(options, item.barrier);
      }
      const control = input('text', item.barrier);
      control.setAttribute('list', 'plan-barriers');
      return control;
    }

    function card(item, day) {
      const li = document.createElement('li');
      li.className = 'plan-item';
      li.dataset.id = item.id;
      if (item.ref) li.dataset.ref = item.ref;
      const heading = document.createElement('h3');
      heading.id = `plan-title-${item.id}`;
      const box = item.ref && boxes.find((b) => b.value === item.ref);
      if (box) {
        const link = document.createElement('a');
        link.href = box.dataset.url;
        link.textContent = item.text;
        heading.append(link);
      } else heading.textContent = item.text;
      const origin = document.createElement('p');
      origin.className = 'plan-origin';
      origin.textContent = item.ref ? say('from_checklist', { checklist: checklistTitle(item.ref) || splitRef(item.ref)[0] }) : say('own');
      const late = document.createElement('p');
      late.className = 'plan-late';
      late.hidden = !isOverdue(item, day);
      late.textContent = item.due ? say('overdue', { date: shown(item.due) }) : '';
      const fields = document.createElement('div');
      fields.className = 'plan-fields';
      fields.setAttribute('role', 'group');
      fields.setAttribute('aria-labelledby', heading.id);

      const owner = input('text', item.owner);
      owner.setAttribute('list', 'plan-owners');
      owner.autocomplete = 'off';
      const due = input('date', item.due);
      const status = select(['todo', 'doing', 'done'].map((s) => [s, statusWord(s)]), item.status);
      const barrier = barrierControl(item);
      const strategies = input('text', item.strategies.join(', '));
      const note = document.createElement('textarea');
      note.rows = 2;
      note.value = item.note;
      fields.append(
        field(item, 'owner', say('owner'), owner, say('owner_hint')),
        field(item, 'due', say('due'), due),
        field(item, 'status', say('status'), status),
        field(item, 'barrier', say('barrier'), barrier),
        field(item, 'strategies', say('strategies'), strategies, say('strategies_hint')),
        field(item, 'note', say('note'), note),
      );
      bind(owner, item, 'owner');
      bind(due, item, 'due', () => (planner.parseDate(due.value) === null ? '' : due.value));
      bind(status, item, 'status');
      bind(barrier, item, 'barrier');
      bind(strategies, item, 'strategies', () => strategies.value.split(',').map((s) => s.trim()).filter(Boolean));
      bind(note, item, 'note');

      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'plan-remove';
      remove.textContent = say('remove');
      remove.setAttribute('aria-describedby', heading.id);
      remove.addEventListener('click', () => {
        const next = li.nextElementSibling || li.previousElementSibling;
        const plan = updatePlan((p) => {
          p.items = p.items.filter((i) => i.id !== item.id);
        });
        message.textContent = say('removed', { text: item.text });
        render(plan);
        const focus = next && list.querySelector(`[data-id="${CSS.escape(next.dataset.id)}"] h3`);
        if (focus) {
          focus.tabIndex = -1;
          focus.focus();
        } else root.querySelector('#plan-heading').focus();
      });
      li.append(heading, origin, late, fields, remove);
      return li;
    }

    /** What depends on statuses and dates but not on the cards: counts, review, marks. */
    function refresh(plan) {
      const day = today();
      countsLine.textContent = plan.items.length ? countsText(plan) : '';
      empty.hidden = plan.items.length > 0;
      list.querySelectorAll('.plan-item').forEach((li) => {
        const item = plan.items.find((i) => i.id === li.dataset.id);
        const late = li.querySelector('.plan-late');
        if (!item || !late) return;
        late.hidden = !isOverdue(item, day);
        late.textContent = item.due ? say('overdue', { date: shown(item.due) }) : '';
        li.classList.toggle('is-done', item.status === 'done');
      });
      const inPlan = new Set(plan.items.map((i) => i.ref).filter(Boolean));
      boxes.forEach((box) => {
        const mark = box.closest('li').querySelector('.plan-pick-in');
        const there = inPlan.has(box.value);
        box.disabled = there;
        if (there) box.checked = false;
        mark.textContent = there ? `(${say('in_plan')})` : '';
      });
      showReview(plan, day);
      printView(plan);
    }

    function showReview(plan, day) {
      review.value = plan.review || '';
      const due = Boolean(plan.review) && plan.review <= day;
      reviewBox.hidden = !due;
      if (!due) return;
      reviewBox.querySelector('.plan-review-heading').textContent = say('review_due', { date: shown(plan.review) });
      const late = plan.items.filter((item) => isOverdue(item, day));
      reviewBox.querySelector('.plan-review-overdue-label').textContent = late.length ? say('overdue_list') : say('none_overdue');
      const items = reviewBox.querySelector('.plan-review-overdue');
      items.replaceChildren(...late.map((item) => {
        const li = document.createElement('li');
        li.textContent = `${item.text} (${[item.owner, shown(item.due)].filter(Boolean).join(', ')})`;
        return li;
      }));
      items.hidden = !late.length;
    }

    /** The print view: one table per owner, or per month of the due date. */
    function printView(plan) {
      const byOwner = group.value === 'owner';
      const groups = new Map();
      const sorted = [...plan.items].sort((a, b) => (a.due || '9999') .localeCompare(b.due || '9999'));
      sorted.forEach((item) => {
        const key = byOwner ? item.owner.trim() : item.due.slice(0, 7);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(item);
      });
      const collator = new Intl.Collator(document.documentElement.lang || undefined);
      const keys = [...groups.keys()].sort((a, b) => (!a ? 1 : !b ? -1 : (byOwner ? collator.compare(a, b) : a.localeCompare(b))));
      const monthName = (key) => {
        try {
          return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })
            .format(new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1)));
        } catch {
          return key;
        }
      };
      const h = document.createElement('h2');
      h.textContent = title;
      const about = document.createElement('p');
      about.className = 'plan-print-about';
      about.textContent = [plan.review ? say('print_review', { date: shown(plan.review) }) : '', say('print_made', { date: shown(today()) }), countsText(plan)]
        .filter(Boolean).join(' · ');
      // One table, one body per group under a row naming it: the columns are headed once.
      const table = document.createElement('table');
      table.className = 'plan-print-table';
      const columns = byOwner ? ['col_action', 'col_due', 'col_status', 'col_note'] : ['col_action', 'col_owner', 'col_due', 'col_status', 'col_note'];
      const head = table.createTHead().insertRow();
      columns.forEach((column) => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.className = `plan-print-${column}`;
        th.textContent = say(column);
        head.append(th);
      });
      const short = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      const shortDate = (date) => {
        const day = planner.parseDate(date);
        return day === null ? date : short.format(new Date(day * 86400000));
      };
      keys.forEach((key) => {
        const body = table.createTBody();
        const th = document.createElement('th');
        th.colSpan = columns.length;
        th.scope = 'colgroup';
        th.textContent = key ? (byOwner ? key : monthName(key)) : say(byOwner ? 'no_owner' : 'no_due');
        const groupRow = body.insertRow();
        groupRow.className = 'plan-print-group';
        groupRow.append(th);
        groups.get(key).forEach((item) => {
          const row = body.insertRow();
          const values = {
            col_action: item.text,
            col_owner: item.owner,
            col_due: item.due ? shortDate(item.due) : '',
            col_status: statusWord(item.status),
            col_note: item.note,
          };
          columns.forEach((column) => {
            row.insertCell().textContent = values[column];
          });
        });
      });
      const parts = [h, about, table];
      printBox.replaceChildren(...parts);
    }

    function render(plan = currentPlan()) {
      const day = today();
      fillSuggestions(plan);
      list.replaceChildren(...plan.items.map((item) => card(item, day)));
      refresh(plan);
    }

    // Picking items of the checklists, filtered by domain and phase.
    const domain = filter.querySelector('select[name="domain"]');
    const phase = filter.querySelector('select[name="phase"]');
    const applyFilter = () => {
      picker.querySelectorAll('.plan-pick-checklist').forEach((set) => {
        const domainOk = !domain.value || set.dataset.domain === domain.value;
        let any = false;
        set.querySelectorAll('li').forEach((li) => {
          const show = domainOk && (!phase.value || li.dataset.phase === phase.value);
          li.hidden = !show;
          any = any || show;
        });
        set.hidden = !any;
      });
    };
    filter.addEventListener('submit', (event) => event.preventDefault());
    domain.addEventListener('change', applyFilter);
    phase.addEventListener('change', applyFilter);

    picker.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = boxes.filter((box) => box.checked && !box.disabled && !box.closest('li').hidden);
      if (!chosen.length) {
        message.textContent = say('none_chosen');
        return;
      }
      const plan = updatePlan((p) => {
        chosen.forEach((box) => {
          if (p.items.some((i) => i.ref === box.value)) return;
          const construct = box.dataset.construct;
          // The construct's id and the item's strategies come from the checklist itself.
          const resolved = constructById.get(box.dataset.constructId) || resolveConstruct(construct);
          p.items.push({
            id: newId(),
            ref: box.value,
            text: box.closest('li').querySelector('.plan-pick-text').textContent.trim(),
            owner: box.dataset.role || '',
            due: '',
            status: ticked(box.value) ? 'done' : 'todo',
            note: '',
            barrier: resolved ? resolved.id : (constructs.length ? '' : construct || ''),
            strategies: (box.dataset.strategies || '').split(',').filter(Boolean),
          });
        });
      });
      render(plan);
      message.textContent = say('added', { n: chosen.length });
      root.querySelector('#plan-heading').focus();
    });

    own.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = own.elements.text.value.trim();
      if (!text) {
        message.textContent = say('own_empty');
        own.elements.text.focus();
        return;
      }
      const item = { id: newId(), ref: null, text, owner: '', due: '', status: 'todo', note: '', barrier: '', strategies: [] };
      const plan = updatePlan((p) => p.items.push(item));
      own.elements.text.value = '';
      render(plan);
      message.textContent = say('own_added', { text });
      const added = list.querySelector(`[data-id="${CSS.escape(item.id)}"] input`);
      if (added) added.focus();
    });

    review.addEventListener('change', () => {
      const value = planner.parseDate(review.value) === null ? null : review.value;
      refresh(updatePlan((p) => {
        p.review = value;
      }));
    });

    group.addEventListener('change', () => printView(currentPlan()));
    root.querySelector('[data-action="plan-print"]').addEventListener('click', () => {
      printView(currentPlan());
      window.print();
    });
    root.querySelector('[data-action="plan-csv"]').addEventListener('click', () => {
      const name = say('csv_file');
      download(name, csv(currentPlan()), 'text/csv;charset=utf-8');
      toolsMessage.textContent = say('downloaded', { file: name });
    });
    root.querySelector('[data-action="plan-ics"]').addEventListener('click', () => {
      const plan = currentPlan();
      if (!plan.review && !plan.items.some((item) => item.due)) {
        toolsMessage.textContent = say('nothing_dated');
        return;
      }
      const name = say('ics_file');
      download(name, calendar(plan, title), 'text/calendar;charset=utf-8');
      toolsMessage.textContent = say('downloaded', { file: name });
    });
    root.querySelector('#plan-heading').tabIndex = -1;

    if (progress.planState(site) === 'unreadable') {
      // Left as it is: editing would write over it. An import or "clear the plan" replaces it.
      const line = document.createElement('p');
      line.className = 'plan-unreadable';
      line.setAttribute('role', 'alert');
      line.textContent = say('unreadable');
      app.hidden = true;
      app.before(line);
      return;
    }
    // The plan is in the page from the start (js-only) and the no-script text in a <noscript>:
    // nothing moves when this script runs.
    if (!progress.storageOk()) message.textContent = say('storage_unavailable');
    render();
    // An import, a clearing, another tab (the results page adding actions, a tick elsewhere).
    progress.onChange(() => {
      if (root.contains(document.activeElement) && list.contains(document.activeElement)) {
        refresh(currentPlan()); // keep what is being typed; the cards follow on the next render
      } else render();
    });
  }

  document.querySelectorAll('.action-plan[data-site]').forEach(setUpPage);
  document.querySelectorAll('.dashboard-plan').forEach(setUpDashboard);
})();
