/*
 * planner.js: the training planner's dated schedule, warnings and calendar file.
 *
 * The pure part (dates, the schedule, the .ics text) is `globalThis.toolkitPlanner`, so that
 * node can load this file and test it against tests/data/planner-vectors.json, the same vectors
 * the Rust planner (src/kinds/planner/schedule.rs) is tested against. Dates are whole days
 * counted in UTC: no local time, so daylight-saving changes cannot move them.
 *
 * On a planner page (when there is a `document`), it reads the rules and words from
 * <script id="planner-data">, shows the form, and redraws the schedule on every change.
 * No libraries, no network. Without this script the page shows the plan relative to go-live.
 */
'use strict';

(() => {
  const DAY = 86400000;

  /* ---- dates: whole days since 1970-01-01 ---- */

  /** The day number of `YYYY-MM-DD`, or null when it is not a real date. */
  function parseDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text).trim());
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return null;
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return Math.round(date.getTime() / DAY);
  }

  const pad = (n, width) => String(n).padStart(width, '0');

  /** `YYYY-MM-DD` of a day number. */
  function formatDate(day) {
    const date = new Date(day * DAY);
    return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  }

  /** The first and last dates YYYY-MM-DD and a calendar file can hold. */
  const FIRST_DAY = parseDate('0001-01-01');
  const LAST_DAY = parseDate('9999-12-31');

  /** The number of days of month `m` (0 = January) of year `y`. */
  function monthLength(y, m) {
    const date = new Date(0);
    date.setUTCFullYear(y, m + 1, 0);
    return date.getUTCDate();
  }

  /**
   * The same day `months` calendar months later (earlier when negative), kept to the end of a
   * shorter month (31 January + 1 month is the last day of February), or null outside years 1
   * to 9999; like `add_months` in date.rs.
   */
  function addMonths(day, months) {
    const date = new Date(day * DAY);
    const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
    const y = Math.floor(index / 12);
    const m = index - y * 12;
    const out = new Date(0);
    out.setUTCFullYear(y, m, Math.min(date.getUTCDate(), monthLength(y, m)));
    const result = Math.round(out.getTime() / DAY);
    return result < FIRST_DAY || result > LAST_DAY ? null : result;
  }

  /** A non-working day: `YYYY-MM-DD` ({day}) or `MM-DD` every year ({month, date}), or null. */
  function parseNonWorking(text) {
    if (String(text).length === 10) {
      const day = parseDate(text);
      return day === null ? null : { day };
    }
    const m = /^(\d{2})-(\d{2})$/.exec(String(text));
    if (!m) return null;
    const [month, date] = [Number(m[1]) - 1, Number(m[2])];
    if (month < 0 || month > 11 || date < 1 || date > monthLength(2000, month)) return null;
    return { month, date };
  }

  /** Whether the clinic works on day number `day`: Monday to Friday, not one of `closed`. */
  function isWorkingDay(day, closed) {
    const date = new Date(day * DAY);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !closed.some((c) => ('day' in c
      ? c.day === day
      : c.month === date.getUTCMonth() && c.date === date.getUTCDate()));
  }

  /**
   * The nearest day from `day` on, in the direction of `step`, that starts `length` working days
   * in a row, within a year and years 1 to 9999; null if none. Like `nearest_working`.
   */
  function nearestWorking(day, length, step, closed) {
    for (let n = 0; n <= 366; n += 1) {
      const start = day + n * step;
      if (start < FIRST_DAY || start > LAST_DAY) return null;
      let all = true;
      for (let i = 0; i < Math.max(length, 1); i += 1) {
        const d = start + i;
        if (d > LAST_DAY || !isWorkingDay(d, closed)) {
          all = false;
          break;
        }
      }
      if (all) return start;
    }
    return null;
  }

  /* ---- the schedule (the same rules as schedule.rs) ---- */

  /**
   * The go-live dates for which every date of the schedule falls from 0001-01-01 to 9999-12-31,
   * as [first, last] (`YYYY-MM-DD`), or null when the plan spans more; like `go_live_range`.
   */
  function goLiveRange(rules) {
    // A month counts as 31 days, as in `Rules::span`.
    const offsets = [0];
    for (const e of rules.events) {
      const first = e.offset_months != null ? e.offset_months * 31 : (e.offset_days || 0);
      offsets.push(first, first + (e.days || 1) - 1);
    }
    for (const r of rules.reminders || []) {
      const months = r.every_months != null && r.start_offset_months != null;
      const start = months ? r.start_offset_months * 31 : r.start_offset_days;
      const every = months ? r.every_months * 31 : r.every_days;
      offsets.push(start, start + (r.count - 1) * every);
    }
    const first = FIRST_DAY - Math.min(...offsets);
    const last = LAST_DAY - Math.max(...offsets);
    return first <= last ? [formatDate(first), formatDate(last)] : null;
  }

  /**
   * Places the plan on the calendar: `rules` as in the page's data, `goLive` and `training`
   * as `YYYY-MM-DD` texts. Returns {go_live, entries: [{id, date, offset_days, n?, of?,
   * offset_months?, days?, moved_from?}], gap_days, warning: null | 'gap-too-long' |
   * 'training-after-go-live', proposed_training}. Dates on a weekend or a non-working day of
   * the plan move to the nearest working day: earlier before go-live, later after it, the
   * training towards go-live; like `compute` in schedule.rs.
   */
  function schedule(rules, goLive, training = []) {
    const start = parseDate(goLive);
    if (start === null) throw new Error(`not a date: ${goLive}`);
    const days = [...new Set(training.map((t) => {
      const d = parseDate(t);
      if (d === null) throw new Error(`not a date: ${t}`);
      return d;
    }))].sort((a, b) => a - b);
    const closed = (rules.non_working_days || []).map(parseNonWorking).filter((c) => c !== null);
    const working = (day, length, isTraining) => {
      let found;
      if (day === start) found = day;
      else if (isTraining) {
        found = nearestWorking(day, length, 1, closed);
        if (found !== null && !(found + length - 1 < start)) found = null;
        if (found === null) found = nearestWorking(day, length, -1, closed);
      } else found = nearestWorking(day, length, day < start ? -1 : 1, closed);
      return found !== null && found !== day ? [found, formatDate(day)] : [day, null];
    };
    const lengthOf = (e) => Math.max(e.days || 1, 1);
    const trainingEvent = rules.events.find((e) => e.training);
    const plannedLength = trainingEvent ? lengthOf(trainingEvent) : 1;
    // Each day entered starts a training of the planned length; a day inside the one before
    // (both days of a two-day training entered) is part of it.
    const kept = [];
    for (const day of days) {
      if (!kept.length || day - kept[kept.length - 1] >= plannedLength) kept.push(day);
    }
    days.splice(0, days.length, ...kept);
    const entries = [];
    for (const event of rules.events) {
      const span = lengthOf(event) > 1 ? lengthOf(event) : null;
      if (event.training && days.length) {
        const of = days.length;
        days.forEach((day, i) => {
          const entry = { id: event.id, date: formatDate(day), offset_days: day - start };
          if (of > 1) Object.assign(entry, { n: i + 1, of });
          if (span) entry.days = span;
          entries.push(entry);
        });
      } else {
        const months = event.offset_months != null ? event.offset_months : null;
        const day = months !== null ? addMonths(start, months) : start + (event.offset_days || 0);
        const [moved, from] = working(day, lengthOf(event), Boolean(event.training));
        const entry = { id: event.id, date: formatDate(moved), offset_days: day - start };
        if (months !== null) entry.offset_months = months;
        if (span) entry.days = span;
        if (from) entry.moved_from = from;
        entries.push(entry);
      }
    }
    for (const reminder of rules.reminders || []) {
      const inMonths = reminder.every_months != null && reminder.start_offset_months != null;
      for (let i = 0; i < reminder.count; i += 1) {
        const months = inMonths ? reminder.start_offset_months + i * reminder.every_months : null;
        const day = inMonths
          ? addMonths(start, months)
          : start + reminder.start_offset_days + i * reminder.every_days;
        const [moved, from] = working(day, 1, false);
        const entry = { id: reminder.id, date: formatDate(moved), offset_days: day - start, n: i + 1, of: reminder.count };
        if (months !== null) entry.offset_months = months;
        if (from) entry.moved_from = from;
        entries.push(entry);
      }
    }
    // Date order; stable, like Rust's sort_by.
    entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const plannedDay = trainingEvent
      ? working(start + trainingEvent.offset_days, plannedLength, true)[0]
      : start;
    // The gap runs from the last day of the last training.
    const last = (days.length ? days[days.length - 1] : plannedDay) + plannedLength - 1;
    const gap = start - last;
    let warning = null;
    if (gap > rules.max_gap_days) warning = 'gap-too-long';
    else if (gap < 0) warning = 'training-after-go-live';
    return {
      go_live: formatDate(start),
      entries,
      gap_days: gap,
      warning,
      proposed_training: warning ? formatDate(plannedDay) : null,
    };
  }

  /* ---- words ---- */

  function fill(text, values = {}) {
    return String(text).replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
  }

  function word(words, key, values) {
    return fill(key in words ? words[key] : key, values);
  }

  /** "3 weeks before go-live", like `relative` in src/kinds/planner/mod.rs. */
  function relative(words, offset) {
    if (offset === 0) return word(words, 'planner_at_go_live');
    const n = Math.abs(offset);
    const side = offset < 0 ? 'before' : 'after';
    const [unit, count] = n % 7 === 0 ? ['week', n / 7] : ['day', n];
    return word(words, `planner_${unit}${count === 1 ? '' : 's'}_${side}`, { n: count });
  }

  /** When an entry falls as its rule says it ("3 months after go-live"), like `when` in mod.rs. */
  function when(words, entry) {
    const months = entry.offset_months;
    if (months == null || months === 0) return relative(words, entry.offset_days);
    const n = Math.abs(months);
    const side = months < 0 ? 'before' : 'after';
    const [unit, count] = n % 12 === 0 ? ['year', n / 12] : ['month', n];
    return word(words, `planner_${unit}${count === 1 ? '' : 's'}_${side}`, { n: count });
  }

  /** Whether an entry takes the team's time: events unless busy = false, reminders if busy = true. */
  function busy(rules, id) {
    const event = rules.events.find((e) => e.id === id);
    if (event) return event.busy !== false;
    const reminder = (rules.reminders || []).find((r) => r.id === id);
    return Boolean(reminder && reminder.busy === true);
  }

  function find(rules, id) {
    return rules.events.find((e) => e.id === id) || (rules.reminders || []).find((r) => r.id === id) || { title: id };
  }

  /** An entry's title, with "(2 of 6)" for repeats. */
  function title(rules, words, entry) {
    const base = find(rules, entry.id).title;
    return entry.n ? `${base} (${word(words, 'planner_occurrence', { n: entry.n, of: entry.of })})` : base;
  }

  /* ---- the calendar file (the same as ics.rs) ---- */

  /** Escapes TEXT values; control characters other than tab become U+FFFD (RFC 5545). */
  function escapeText(text) {
    return String(text)
      .replace(/\r\n?/g, '\n')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');
  }

  /** A content line folded at 75 octets, never inside a character, ended with CRLF. */
  function fold(line) {
    let out = '';
    let used = 0;
    for (const c of line) {
      const cp = c.codePointAt(0);
      const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + width > 75) {
        out += '\r\n ';
        used = 1;
      }
      out += c;
      used += width;
    }
    return `${out}\r\n`;
  }

  const compact = (date) => date.replace(/-/g, '');

  /**
   * The .ics text of a schedule. `cal`: {name, host, stamp ('20270301T120000Z'), words}.
   */
  function calendar(rules, result, cal) {
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//toolkit//training planner//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(cal.name)}`,
    ];
    for (const entry of result.entries) {
      const rule = find(rules, entry.id);
      let text = rule.description || '';
      if (rule.source) text += `${text ? '\n\n' : ''}${word(cal.words, 'planner_source')}: ${rule.source}`;
      const day = parseDate(entry.date);
      lines.push(
        'BEGIN:VEVENT',
        `UID:${entry.id}-${compact(entry.moved_from || entry.date)}@${cal.host}`,
        `DTSTAMP:${cal.stamp}`,
        `DTSTART;VALUE=DATE:${compact(entry.date)}`,
      );
      // DTEND is the day after the last (RFC 5545); without it an all-day event lasts its day,
      // for 10000-01-01 cannot be written.
      const end = day + (entry.days || 1);
      if (end <= LAST_DAY) lines.push(`DTEND;VALUE=DATE:${compact(formatDate(end))}`);
      lines.push(`SUMMARY:${escapeText(title(rules, cal.words, entry))}`);
      if (text) lines.push(`DESCRIPTION:${escapeText(text)}`);
      lines.push(`TRANSP:${busy(rules, entry.id) ? 'OPAQUE' : 'TRANSPARENT'}`, 'END:VEVENT');
    }
    lines.push('END:VCALENDAR');
    return lines.map(fold).join('');
  }

  /** Now, as an iCalendar UTC time. */
  function stampNow() {
    return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  }

  const api = {
    parseDate, formatDate, addMonths, goLiveRange, schedule, relative, when, title, escapeText, fold, calendar, stampNow,
  };
  globalThis.toolkitPlanner = api;

  if (typeof document === 'undefined') return;

  /* ---- the page ---- */

  function start() {
    const root = document.getElementById('planner');
    const script = document.getElementById('planner-data');
    if (!root || !script) return;
    let data;
    try {
      data = JSON.parse(script.textContent);
    } catch {
      return;
    }
    const { rules, host } = data;
    const words = data.words || {};
    const say = (key, values) => word(words, key, values);
    const lang = document.documentElement.lang || 'en';
    const longDate = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const shownDate = (iso) => longDate.format(new Date(parseDate(iso) * DAY));

    const form = root.querySelector('.planner-form');
    const goLive = root.querySelector('#planner-go-live');
    const trainings = root.querySelector('.planner-trainings');
    const alertBox = root.querySelector('.planner-alert');
    const status = root.querySelector('.planner-status');
    const actions = root.querySelector('.planner-actions');
    const dated = root.querySelector('.planner-schedule');
    const plan = root.querySelector('.planner-plan');
    let current = null;

    form.hidden = false;
    form.addEventListener('submit', (event) => event.preventDefault());

    const trainingInputs = () => [...trainings.querySelectorAll('input[type="date"]')];
    const labelOf = (input) => (input.labels && input.labels[0] ? input.labels[0].textContent : input.name);

    function renumber() {
      trainingInputs().forEach((input, i) => {
        const n = i + 1;
        input.id = `planner-training-${n}`;
        const row = input.closest('.planner-training');
        row.querySelector('label').setAttribute('for', input.id);
        row.querySelector('label').textContent = say('planner_training_label', { n });
        const remove = row.querySelector('button[data-action="remove-training"]');
        if (remove) remove.textContent = say('planner_remove_training', { n });
      });
    }

    function addTraining() {
      const n = trainingInputs().length + 1;
      const row = document.createElement('p');
      row.className = 'planner-field planner-training';
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'date';
      input.name = 'training';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.dataset.action = 'remove-training';
      remove.addEventListener('click', () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber();
        update();
        const focus = next && next.querySelector('input');
        if (focus) focus.focus();
      });
      row.append(label, ' ', input, ' ', remove);
      trainings.append(row);
      input.id = `planner-training-${n}`;
      renumber();
      input.focus();
    }

    function render(result) {
      const table = document.createElement('table');
      table.className = 'planner-table planner-dated';
      const caption = document.createElement('caption');
      caption.textContent = say('planner_schedule_caption', { date: shownDate(result.go_live) });
      table.append(caption);
      const head = table.createTHead().insertRow();
      for (const key of ['planner_date', 'planner_when', 'planner_activity']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = say(key);
        head.append(th);
      }
      const body = table.createTBody();
      for (const entry of result.entries) {
        const row = body.insertRow();
        row.dataset.event = entry.id;
        row.dataset.date = entry.date;
        const time = document.createElement('time');
        time.dateTime = entry.date;
        time.textContent = shownDate(entry.date);
        row.insertCell().append(time);
        row.insertCell().textContent = when(words, entry);
        const what = row.insertCell();
        const strong = document.createElement('strong');
        strong.className = 'planner-title';
        strong.textContent = title(rules, words, entry);
        what.append(strong);
        if (entry.moved_from) {
          const moved = document.createElement('span');
          moved.className = 'planner-moved';
          moved.textContent = say('planner_moved_from', { date: shownDate(entry.moved_from) });
          what.append(document.createElement('br'), moved);
        }
        if (rules.events.some((e) => e.id === entry.id && e.training)) row.className = 'planner-training-row';
      }
      dated.replaceChildren(table);
    }

    function warn(result) {
      alertBox.replaceChildren();
      if (!result.warning) {
        status.textContent = say('planner_gap_ok', { gap: result.gap_days, max: rules.max_gap_days });
        return;
      }
      status.textContent = '';
      // Said from the proposed day itself, which may have moved off a weekend or a closed day.
      const values = {
        gap: result.gap_days,
        max: rules.max_gap_days,
        date: shownDate(result.proposed_training),
        when: relative(words, parseDate(result.proposed_training) - parseDate(result.go_live)),
      };
      const text = document.createElement('p');
      text.textContent = say(result.warning === 'gap-too-long' ? 'planner_gap_too_long' : 'planner_training_after', values);
      const use = document.createElement('button');
      use.type = 'button';
      use.dataset.action = 'use-proposed';
      use.dataset.date = result.proposed_training;
      use.textContent = say('planner_use_proposed', { date: shownDate(result.proposed_training) });
      use.addEventListener('click', () => {
        const inputs = trainingInputs().filter((i) => i.value);
        const target = inputs.length ? inputs.reduce((a, b) => (a.value >= b.value ? a : b)) : trainingInputs()[0];
        target.value = result.proposed_training;
        update();
        target.focus();
      });
      alertBox.append(text, use);
    }

    function update() {
      const problems = [];
      const live = goLive.value ? parseDate(goLive.value) : null;
      if (goLive.value && live === null) problems.push(say('planner_invalid_date', { field: labelOf(goLive) }));
      // The build refuses a plan without a range, so there is one.
      const range = goLiveRange(rules);
      if (live !== null && range && (live < parseDate(range[0]) || live > parseDate(range[1]))) {
        problems.push(say('planner_out_of_range', { field: labelOf(goLive), first: shownDate(range[0]), last: shownDate(range[1]) }));
      }
      const days = [];
      for (const input of trainingInputs()) {
        if (!input.value) continue;
        if (parseDate(input.value) === null) problems.push(say('planner_invalid_date', { field: labelOf(input) }));
        else days.push(input.value);
      }
      if (live === null || problems.length) {
        current = null;
        dated.hidden = true;
        plan.hidden = false;
        actions.hidden = true;
        alertBox.replaceChildren();
        if (problems.length) {
          const p = document.createElement('p');
          p.textContent = problems.join(' ');
          alertBox.append(p);
        }
        status.textContent = problems.length ? '' : say('planner_enter_go_live');
        return;
      }
      current = schedule(rules, goLive.value, days);
      render(current);
      warn(current);
      dated.hidden = false;
      plan.hidden = true;
      actions.hidden = false;
    }

    function download() {
      if (!current) return;
      const name = document.querySelector('h1') ? document.querySelector('h1').textContent : 'Training plan';
      const text = calendar(rules, current, { name, host, stamp: stampNow(), words });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = say('planner_calendar_file');
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }

    form.addEventListener('input', update);
    form.addEventListener('change', update);
    root.querySelector('[data-action="add-training"]').addEventListener('click', addTraining);
    root.querySelector('[data-action="ics"]').addEventListener('click', download);
    root.querySelector('[data-action="print"]').addEventListener('click', () => window.print());
    if (rules.example_go_live && !goLive.value) goLive.value = rules.example_go_live;
    update();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
