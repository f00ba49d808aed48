/*
 * checklist.js: ticks, their dates, progress, the phase and role filter, export, import and
 * reset for the toolkit's checklists.
 *
 * Runs on a checklist page, on the print page (several checklists) and on the checklists
 * dashboard. Ticks are kept in this browser's localStorage, one entry per checklist:
 *   toolkit:<site>:<checklist>  →  {"version":1,"items":{"<item id>":"<YYYY-MM-DD ticked>"}}
 * The action plan (action-plan.js) is kept beside them under toolkit:<site>:plan; its
 * "done" for a checklist item is that item's tick. Export writes the ticks of every checklist
 * of the site, and the plan when there is one, to one JSON file; import reads such a file back
 * (older files have no plan and leave it as it is) and changes nothing when any of it is wrong. The date of each tick shows under its item and on its printed Date line. The filter
 * (phase, role) hides the other items, keeps its choice in the address (?phase=…&role=…) so that
 * a link or a reload shows the same items, and prints as a line above them. No libraries, no
 * network. Without this script the lists read and print as plain
 * lists with empty boxes, and the progress and action blocks stay hidden.
 */
'use strict';

(() => {
  const FORMAT = 'toolkit-checklist-progress';
  const VERSION = 1;
  const MAX_IMPORT_BYTES = 1000000;

  const words = readWords();
  const store = openStore();
  const renderers = [];

  /* ---- words ---- */

  function readWords() {
    const script = document.getElementById('checklist-words');
    try {
      return script ? JSON.parse(script.textContent) : {};
    } catch {
      return {};
    }
  }

  /** The words for `name` with each `{placeholder}` filled in from `values`. */
  function say(name, values = {}) {
    return (words[name] || '').replace(/\{(\w+)\}/g, (all, key) =>
      key in values ? String(values[key]) : all);
  }

  /* ---- storage ---- */

  /**
   * localStorage when the browser allows it; otherwise (or once it throws) a Map that keeps the
   * ticks for as long as the page is open. `ok` tells which.
   */
  function openStore() {
    const memory = new Map();
    let local = null;
    try {
      local = window.localStorage;
      const probe = 'toolkit:probe';
      local.setItem(probe, '1');
      local.removeItem(probe);
    } catch {
      local = null;
    }
    const fail = () => {
      local = null;
      store.ok = false;
      showAll(say('storage_unavailable'));
    };
    const store = {
      ok: local !== null,
      get(name) {
        if (local) {
          try {
            const value = local.getItem(name);
            if (value !== null) memory.set(name, value); // kept in case storage fails later
            return value;
          } catch {
            fail();
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
            fail();
          }
        }
      },
      remove(name) {
        memory.delete(name);
        if (local) {
          try {
            local.removeItem(name);
          } catch {
            fail();
          }
        }
      },
      names() {
        if (local) {
          try {
            return Array.from({ length: local.length }, (_, i) => local.key(i));
          } catch {
            fail();
          }
        }
        return [...memory.keys()];
      },
    };
    return store;
  }

  const storageKey = (site, checklist) => `toolkit:${site}:${checklist}`;

  /* ---- the action plan (its page is action-plan.js; its state is kept and moved here) ---- */

  /** The name of the plan's entry, after the site's prefix; no checklist is called so. */
  const PLAN = 'plan';
  const PLAN_VERSION = 1;
  const STATUSES = ['todo', 'doing', 'done'];
  const isDate = (text) => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);
  const isText = (value) => typeof value === 'string';

  /**
   * Why `plan` is not a plan of version 1 as the contract between the pages describes it:
   * null when it is one; else {item: n} (1-based) for the first wrong action, or {plan: true}.
   */
  function planProblem(plan) {
    if (!plan || typeof plan !== 'object' || Array.isArray(plan) || plan.version !== PLAN_VERSION
      || !(plan.review === null || plan.review === undefined || isDate(plan.review))
      || !Array.isArray(plan.items)) return { plan: true };
    const seen = new Set();
    for (let n = 0; n < plan.items.length; n += 1) {
      const item = plan.items[n];
      const ok = item && typeof item === 'object' && !Array.isArray(item)
        && isText(item.id) && item.id !== '' && !seen.has(item.id)
        && (item.ref === null || item.ref === undefined || (isText(item.ref) && /^[^#]+#[^#]+$/.test(item.ref)))
        && isText(item.text)
        && ['owner', 'note', 'barrier'].every((key) => item[key] === undefined || isText(item[key]))
        && (item.due === undefined || item.due === '' || isDate(item.due))
        && STATUSES.includes(item.status)
        && (item.strategies === undefined || (Array.isArray(item.strategies) && item.strategies.every(isText)));
      if (!ok) return { item: n + 1 };
      seen.add(item.id);
    }
    return null;
  }

  /**
   * A plan with every field present and of its type, in a fresh object. What another page (or an
   * older or newer version of this one) wrote wrong is kept as well as it can be rather than
   * dropped, since the next save would lose it: a missing text or date is empty, an unknown
   * status is "todo", an action without an id (or with one used before) gets one of its own.
   */
  function normalPlan(plan) {
    const text = (value) => (isText(value) ? value : '');
    const ids = new Set();
    return {
      version: PLAN_VERSION,
      review: isDate(plan.review) ? plan.review : null,
      items: plan.items.filter((item) => item && typeof item === 'object' && !Array.isArray(item)).map((item, n) => {
        let id = isText(item.id) && item.id ? item.id : `p-${n + 1}`;
        while (ids.has(id)) id = `${id}-${n + 1}`;
        ids.add(id);
        return {
          id,
          ref: isText(item.ref) && /^[^#]+#[^#]+$/.test(item.ref) ? item.ref : null,
          text: text(item.text),
          owner: text(item.owner),
          due: isDate(item.due) ? item.due : '',
          status: STATUSES.includes(item.status) ? item.status : 'todo',
          note: text(item.note),
          barrier: text(item.barrier),
          strategies: Array.isArray(item.strategies) ? item.strategies.filter(isText) : [],
        };
      }),
    };
  }

  /** Whether the stored plan of `site` is 'none', 'ok', or 'unreadable' (not JSON, another version). */
  function planState(site) {
    const text = store.get(storageKey(site, PLAN));
    if (!text) return 'none';
    try {
      const plan = JSON.parse(text);
      return plan && plan.version === PLAN_VERSION && Array.isArray(plan.items) ? 'ok' : 'unreadable';
    } catch {
      return 'unreadable';
    }
  }

  /** The stored plan of `site`, or null when there is none or it cannot be read (planState). */
  function loadPlan(site) {
    if (planState(site) !== 'ok') return null;
    return normalPlan(JSON.parse(store.get(storageKey(site, PLAN))));
  }

  function savePlan(site, plan) {
    if (!plan) store.remove(storageKey(site, PLAN));
    else store.set(storageKey(site, PLAN), JSON.stringify(normalPlan(plan)));
  }

  /** Keeps only entries of `items` that are id → string. */
  function cleanItems(items) {
    if (!items || typeof items !== 'object' || Array.isArray(items)) return {};
    return Object.fromEntries(Object.entries(items).filter(([, date]) => typeof date === 'string'));
  }

  /** The ticked items of a checklist: { id: date }. */
  function load(site, checklist) {
    const text = store.get(storageKey(site, checklist));
    if (!text) return {};
    try {
      const state = JSON.parse(text);
      return state && state.version === VERSION ? cleanItems(state.items) : {};
    } catch {
      return {};
    }
  }

  function save(site, checklist, items) {
    const name = storageKey(site, checklist);
    if (Object.keys(items).length === 0) {
      store.remove(name);
    } else {
      store.set(name, JSON.stringify({ version: VERSION, items }));
    }
  }

  /** The keys of every checklist of `site` that has ticks stored. */
  function storedChecklists(site) {
    const prefix = storageKey(site, '');
    return store.names()
      .filter((name) => name && name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .filter((key) => key !== PLAN);
  }

  /** Today in the browser's time zone, as YYYY-MM-DD. */
  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  /** A stored YYYY-MM-DD date as the page's language writes it: "2 December 2026". */
  function shownDate(date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
    if (!m) return date || '';
    const value = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
      }).format(value);
    } catch {
      return date;
    }
  }

  /** Shows when an item was ticked (`date`), or nothing; the printed form's Date line too. */
  function showDate(item, date) {
    if (!item) return;
    if (item.ticked) {
      item.ticked.textContent = date ? say('ticked_on', { date: shownDate(date) }) : '';
    }
    if (item.sign) {
      if (date) item.sign.dataset.date = shownDate(date);
      else delete item.sign.dataset.date;
    }
  }

  /* ---- the filter: items of one phase or role, kept in the address ---- */

  /**
   * Wires a `form.checklist-filter`: its choices hide the other items of the page (and the
   * groups and checklists left empty), are written to the address (?phase=…&role=…) so that a
   * link shows the same items, and are summed up in a line that prints.
   */
  function setUpFilter(form) {
    const scope = form.closest('article') || document;
    const items = [...scope.querySelectorAll('li.checklist-item[data-item]')];
    const phase = form.querySelector('select[name="phase"]');
    const role = form.querySelector('select[name="role"]');
    const status = form.querySelector('.filter-status');
    const summary = scope.querySelector('.filter-summary');
    const collator = new Intl.Collator(document.documentElement.lang || undefined);

    // Phases no item has are left out; the roles are those of the items, in alphabetical order.
    const phases = new Set(items.map((li) => li.dataset.phase).filter(Boolean));
    [...phase.options].forEach((option) => {
      if (option.value && !phases.has(option.value)) option.remove();
    });
    [...new Set(items.map((li) => li.dataset.role).filter(Boolean))]
      .sort(collator.compare)
      .forEach((name) => role.append(new Option(name.charAt(0).toLocaleUpperCase() + name.slice(1), name)));

    const params = new URLSearchParams(window.location.search);
    const choose = (select, value) => {
      if (value && [...select.options].some((o) => o.value === value)) select.value = value;
    };
    choose(phase, params.get('phase'));
    choose(role, params.get('role'));

    function apply(write) {
      const want = { phase: phase.value, role: role.value };
      let shown = 0;
      items.forEach((li) => {
        const show = (!want.phase || li.dataset.phase === want.phase)
          && (!want.role || li.dataset.role === want.role);
        li.hidden = !show;
        if (show) shown += 1;
      });
      // Groups and whole checklists with nothing left to show are hidden with their headings.
      scope.querySelectorAll('.checklist-group, .print-checklist').forEach((box) => {
        const any = [...box.querySelectorAll('li.checklist-item')].some((li) => !li.hidden);
        box.hidden = !any;
      });
      const filtered = Boolean(want.phase || want.role);
      const chosen = [phase, role]
        .filter((select) => select.value)
        .map((select) => `${select.labels[0].firstChild.textContent.trim()}: ${select.selectedOptions[0].text}`)
        .join(' · ');
      status.textContent = filtered ? say('filter_showing', { shown, total: items.length }) : '';
      if (summary) {
        summary.textContent = filtered ? `${say('filter_summary', { filter: chosen })} (${say('filter_showing', { shown, total: items.length })})` : '';
        summary.hidden = !filtered;
      }
      form.classList.toggle('is-filtered', filtered);
      if (write) {
        const url = new URL(window.location.href);
        ['phase', 'role'].forEach((name) => {
          if (want[name]) url.searchParams.set(name, want[name]);
          else url.searchParams.delete(name);
        });
        window.history.replaceState(window.history.state, '', url);
      }
    }

    form.addEventListener('submit', (event) => event.preventDefault());
    phase.addEventListener('change', () => apply(true));
    role.addEventListener('change', () => apply(true));
    form.querySelector('[data-action="clear-filter"]').addEventListener('click', () => {
      phase.value = '';
      role.value = '';
      apply(true);
      phase.focus();
    });
    form.hidden = false;
    apply(false);
  }

  /* ---- showing progress ---- */

  /** Fills a `progress` + `span.progress-text` placeholder and unhides it. */
  function showProgress(placeholder, done, total) {
    if (!placeholder) return;
    const bar = placeholder.querySelector('progress');
    const text = placeholder.querySelector('.progress-text') || placeholder;
    if (bar) {
      bar.max = Math.max(total, 1);
      bar.value = done;
      bar.setAttribute('aria-hidden', 'true'); // the text next to it says the same
    }
    text.textContent = say('progress', { done, total });
    placeholder.hidden = false;
  }

  function rerender() {
    renderers.forEach((render) => render());
  }

  /** Shows `text` in every action block's status line on this page. */
  function showAll(text) {
    document.querySelectorAll('.checklist-message').forEach((line) => {
      line.textContent = text;
    });
  }

  /* ---- a checklist (checklist page, or one section of the print page) ---- */

  function setUpChecklist(root) {
    const site = root.dataset.site;
    const key = root.dataset.checklist;
    const items = [...root.querySelectorAll('li.checklist-item[data-item]')]
      .map((li) => ({
        id: li.dataset.item,
        box: li.querySelector('input[type="checkbox"]'),
        ticked: li.querySelector('.item-ticked'),
        sign: li.querySelector('.item-sign-date'),
      }))
      .filter((item) => item.box);
    const groups = [...root.querySelectorAll('.checklist-group')].map((group) => ({
      placeholder: group.querySelector('.group-progress'),
      boxes: [...group.querySelectorAll('li.checklist-item[data-item] input[type="checkbox"]')],
    }));
    const overall = root.querySelector('.checklist-progress');

    const render = () => {
      const ticked = load(site, key);
      items.forEach((item) => {
        item.box.checked = Object.hasOwn(ticked, item.id);
        showDate(item, item.box.checked ? ticked[item.id] : null);
      });
      count();
    };
    const count = () => {
      groups.forEach(({ placeholder, boxes }) => {
        if (placeholder && boxes.length) {
          showProgress(placeholder, boxes.filter((b) => b.checked).length, boxes.length);
        }
      });
      showProgress(overall, items.filter(({ box }) => box.checked).length, items.length);
    };

    items.forEach(({ id, box }) => {
      box.addEventListener('change', () => {
        // Read again first: another tab, or ids this page no longer has, may hold ticks too.
        const ticked = load(site, key);
        if (box.checked) ticked[id] = today();
        else delete ticked[id];
        save(site, key, ticked);
        showDate(items.find((item) => item.id === id), box.checked ? ticked[id] : null);
        count();
      });
    });
    render();
    renderers.push(render);

    // Announce the checklist's figure, politely, when it changes (not the groups': too chatty).
    const live = overall && overall.querySelector('.progress-text');
    if (live) live.setAttribute('aria-live', 'polite');

    setUpActions(root, site, [key], () => {
      if (!window.confirm(say('reset_confirm'))) return false;
      save(site, key, {});
      return true;
    });
  }

  /* ---- the dashboard ---- */

  function setUpDashboard(root) {
    const site = root.dataset.site;
    const entries = [...root.querySelectorAll('li.dashboard-entry[data-checklist]')].map((li) => ({
      key: li.dataset.checklist,
      ids: (li.dataset.items || '').split(/\s+/).filter(Boolean),
      placeholder: li.querySelector('.entry-progress'),
    }));
    const overall = root.querySelector('.dashboard-overall');

    const render = () => {
      let allDone = 0;
      let allTotal = 0;
      entries.forEach(({ key, ids, placeholder }) => {
        const ticked = load(site, key);
        const done = ids.filter((id) => Object.hasOwn(ticked, id)).length;
        showProgress(placeholder, done, ids.length);
        allDone += done;
        allTotal += ids.length;
      });
      showProgress(overall, allDone, allTotal);
    };
    render();
    renderers.push(render);

    setUpActions(root, site, entries.map((e) => e.key), () => {
      if (!window.confirm(say('reset_all_confirm'))) return false;
      storedChecklists(site).forEach((key) => save(site, key, {}));
      return true;
    });
  }

  /* ---- the action plan's page: export, import and clearing the plan ---- */

  function setUpPlanPage(root) {
    const site = root.dataset.site;
    const known = [...root.querySelectorAll('[data-checklist]')].map((box) => box.dataset.checklist);
    setUpActions(root, site, known, () => {
      if (!window.confirm(say('action_plan_clear_confirm'))) return false;
      savePlan(site, null);
      return true;
    });
  }

  /* ---- export, import, reset ---- */

  /**
   * Wires the `.checklist-actions` block of `root`: `known` are the checklists shown here
   * (exported even when empty, so an import gives back exactly this state); `reset()` asks and
   * clears, and tells whether it did.
   */
  function setUpActions(root, site, known, reset) {
    const actions = root.querySelector('.checklist-actions');
    if (!actions) return;
    const message = actions.querySelector('.checklist-message');
    const tell = (text) => {
      if (message) message.textContent = text;
    };

    actions.querySelectorAll('button[data-action="export"]').forEach((button) => {
      button.addEventListener('click', () => tell(say('export_done', { file: exportAll(site, known) })));
    });
    actions.querySelectorAll('button[data-action="reset"], button[data-action="reset-all"], button[data-action="reset-plan"]')
      .forEach((button) => {
        button.addEventListener('click', () => {
          if (!reset()) return;
          rerender();
          tell(say('reset_done'));
        });
      });
    actions.querySelectorAll('input[type="file"][data-action="import"]').forEach((input) => {
      input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        try {
          tell(await importFile(site, file));
        } finally {
          input.value = ''; // so that the same file can be chosen again
        }
      });
    });

    actions.hidden = false;
    if (!store.ok) tell(say('storage_unavailable'));
  }

  /** Downloads the ticks of every checklist of `site`; returns the file name. */
  function exportAll(site, known) {
    const keys = [...new Set([...known, ...storedChecklists(site)])].sort();
    const data = {
      format: FORMAT,
      version: VERSION,
      site,
      exported: new Date().toISOString(),
      checklists: Object.fromEntries(keys.map((key) => [key, load(site, key)])),
    };
    const plan = loadPlan(site);
    if (plan) data.plan = plan;
    const file = `toolkit-progress-${today()}.json`;
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return file;
  }

  /** Reads an exported file and, only if it is valid, replaces the checklists it holds. */
  async function importFile(site, file) {
    const names = { file: file.name };
    if (file.size > MAX_IMPORT_BYTES) return say('import_wrong_format', names);
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      return say('import_not_json', names);
    }
    const checklists = data && data.checklists;
    const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
    const valid = isObject(data) && data.format === FORMAT && data.version === VERSION
      && isObject(checklists)
      && Object.values(checklists).every((items) => isObject(items)
        && Object.values(items).every((date) => typeof date === 'string'));
    if (!valid || Object.hasOwn(checklists, PLAN)) return say('import_wrong_format', names);
    // A file from before the plan has none, and leaves this browser's plan as it is.
    const hasPlan = Object.hasOwn(data, 'plan');
    if (hasPlan) {
      const problem = planProblem(data.plan);
      if (problem && problem.item) return say('action_plan_progress_plan_bad_item', { ...names, n: problem.item });
      if (problem) return say('action_plan_progress_plan_bad', names);
    }

    Object.entries(checklists).forEach(([key, items]) => save(site, key, cleanItems(items)));
    if (hasPlan) savePlan(site, data.plan);
    rerender();
    const count = Object.keys(checklists).length;
    return hasPlan
      ? say('action_plan_progress_with_plan', { ...names, count, items: data.plan.items.length })
      : say('import_done', { ...names, count });
  }

  /* ---- what the action plan's script uses ---- */

  globalThis.toolkitProgress = {
    load,
    save,
    loadPlan,
    savePlan,
    planState,
    planProblem,
    today,
    shownDate,
    storageKey,
    storageOk: () => store.ok,
    /** Calls `render` whenever the stored state changes: import, reset, another tab. */
    onChange(render) {
      renderers.push(render);
    },
  };

  /* ---- start ---- */

  document.querySelectorAll('.checklist[data-checklist][data-site]').forEach(setUpChecklist);
  document.querySelectorAll('form.checklist-filter').forEach(setUpFilter);
  document.querySelectorAll('.dashboard[data-site]').forEach(setUpDashboard);
  document.querySelectorAll('.action-plan[data-site]').forEach(setUpPlanPage);

  // Ticks changed in another tab, or while this page waited in the back/forward cache.
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key.startsWith('toolkit:')) rerender();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) rerender();
  });
})();
