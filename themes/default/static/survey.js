/*
 * The survey page: keeps the answers in this browser's localStorage while the form is filled
 * (a reload loses nothing), and hands them in three ways, all started by the respondent: an
 * answers file to download, a one-line code to copy, or an e-mail with the code. Nothing is
 * sent anywhere by the page. Answers are kept under
 *   toolkit:<site>:survey:<survey id>  →  {"version":1,"survey_version":N,"respondent":"…",
 *     "wave":"baseline","date":"YYYY-MM-DD","role":null,"answers":{"s01":4},"open":{"q1":"…"}}
 * The code and the file are made by survey-code.js (globalThis.toolkitSurveyCode).
 */
'use strict';

(() => {
  const form = document.getElementById('survey');
  const codec = globalThis.toolkitSurveyCode;
  if (!form || !codec) return;
  const root = form.closest('[data-site]');
  const site = root ? root.dataset.site : '/';
  const wordsElement = document.getElementById('survey-words');
  const words = wordsElement ? JSON.parse(wordsElement.textContent) : {};
  const say = (name, values = {}) => (words[name] || name).replace(/\{(\w+)\}/g, (all, key) =>
    key in values ? String(values[key]) : all);

  const survey = {
    id: form.dataset.survey,
    version: Number(form.dataset.version),
    points: Number(form.dataset.points),
    statements: form.dataset.statements.split(' ').filter(Boolean),
    open: form.dataset.open.split(' ').filter(Boolean),
    roles: form.dataset.roles.split(' ').filter(Boolean),
  };
  const key = `toolkit:${site}:survey:${survey.id}`;
  const status = document.getElementById('survey-status');
  const codeField = document.getElementById('survey-code');
  const roleField = document.getElementById('survey-role');
  const waveField = document.getElementById('survey-wave');
  const dateField = document.getElementById('survey-date');
  const count = form.querySelector('[data-survey-count]');
  const mail = form.querySelector('[data-survey-mail]');

  /* ---- storage: localStorage when allowed, else only while the page is open ---- */
  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem('toolkit:probe', '1');
    storage.removeItem('toolkit:probe');
  } catch {
    storage = null;
  }
  const tell = (text) => {
    status.textContent = text;
  };

  const today = () => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  function fresh() {
    return {
      version: 1, survey_version: survey.version, respondent: codec.newRespondent(),
      wave: 'baseline', date: today(), role: null, answers: {}, open: {},
    };
  }

  /** The kept answers, if they are of this version of the survey; anything else starts fresh. */
  function load() {
    let kept = null;
    try {
      kept = storage ? JSON.parse(storage.getItem(key)) : null;
    } catch {
      kept = null;
    }
    const state = fresh();
    if (!kept || typeof kept !== 'object' || kept.survey_version !== survey.version) return state;
    if (typeof kept.respondent === 'string' && /^[a-z0-9]{6}$/.test(kept.respondent)) state.respondent = kept.respondent;
    if (kept.wave === 'follow-up') state.wave = 'follow-up';
    if (typeof kept.date === 'string' && codec.isDate(kept.date)) state.date = kept.date;
    if (survey.roles.includes(kept.role)) state.role = kept.role;
    for (const id of survey.statements) {
      const p = kept.answers && kept.answers[id];
      if (Number.isInteger(p) && p >= 1 && p <= survey.points) state.answers[id] = p;
    }
    for (const id of survey.open) {
      const t = kept.open && kept.open[id];
      if (typeof t === 'string') state.open[id] = t;
    }
    return state;
  }

  let state = load();

  function save() {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch {
      storage = null;
      tell(say('storage_unavailable'));
    }
  }

  /* ---- the form shows the state ---- */
  function show() {
    for (const id of survey.statements) {
      for (const input of form.querySelectorAll(`input[type="radio"][name="${CSS.escape(id)}"]`)) {
        input.checked = Number(input.value) === state.answers[id];
      }
    }
    for (const id of survey.open) {
      const area = document.getElementById(`q-${id}`);
      if (area) area.value = state.open[id] || '';
    }
    if (roleField) roleField.value = state.role || '';
    waveField.value = state.wave;
    dateField.value = state.date;
    update();
  }

  /** The answer set of the state, as the file holds it. */
  function answerSet() {
    const open = {};
    for (const [id, text] of Object.entries(state.open)) if (text.trim()) open[id] = text;
    return {
      format: codec.FORMAT,
      survey: survey.id,
      version: survey.version,
      respondent: state.respondent,
      wave: state.wave,
      date: codec.isDate(state.date) ? state.date : today(),
      role: state.role,
      answers: Object.fromEntries(survey.statements.map((id) => [id, state.answers[id] ?? null])),
      open,
    };
  }

  function update() {
    const set = answerSet();
    const code = codec.encode(set, survey.statements);
    codeField.value = code;
    const answered = survey.statements.filter((id) => state.answers[id]).length;
    count.textContent = say('count', { answered, total: survey.statements.length });
    const subject = say('mail_subject', { survey: document.title });
    const address = form.dataset.email || '';
    mail.href = `mailto:${encodeURIComponent(address).replace('%40', '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`${say('mail_body')}\n\n${code}\n`)}`;
  }

  /* ---- the respondent fills in ---- */
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target.type === 'radio' && survey.statements.includes(target.name)) {
      state.answers[target.name] = Number(target.value);
    } else if (target === roleField) {
      state.role = survey.roles.includes(target.value) ? target.value : null;
    } else if (target === waveField) {
      state.wave = target.value === 'follow-up' ? 'follow-up' : 'baseline';
    } else if (target === dateField) {
      state.date = codec.isDate(target.value) ? target.value : today();
    } else return;
    save();
    update();
  });
  form.addEventListener('input', (event) => {
    const target = event.target;
    if (target.tagName === 'TEXTAREA' && target.id.startsWith('q-')) {
      state.open[target.id.slice(2)] = target.value;
      save();
    }
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  /* ---- handing in ---- */
  form.querySelector('[data-survey-download]').addEventListener('click', () => {
    const file = `${survey.id}-${state.respondent}.json`;
    const blob = new Blob([`${JSON.stringify(answerSet(), null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    tell(say('downloaded', { file }));
  });

  form.querySelector('[data-survey-copy]').addEventListener('click', async () => {
    const code = codeField.value;
    try {
      await navigator.clipboard.writeText(code);
      tell(say('copied'));
    } catch {
      codeField.focus();
      codeField.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      tell(say(copied ? 'copied' : 'copy_failed'));
    }
  });

  form.querySelector('[data-survey-clear]').addEventListener('click', () => {
    if (!window.confirm(say('clear_confirm'))) return;
    if (storage) {
      try {
        storage.removeItem(key);
      } catch {
        storage = null;
      }
    }
    state = fresh();
    show();
    tell(say('cleared'));
  });

  window.addEventListener('storage', (event) => {
    if (event.key === key) {
      state = load();
      show();
    }
  });

  root?.classList.add('survey-js');
  document.documentElement.classList.add('survey-js');
  document.getElementById('survey-handin').hidden = false;
  show();
  if (!storage) tell(say('storage_unavailable'));
})();
