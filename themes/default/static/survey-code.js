/*
 * One respondent's survey answers as a one-line code and as an answers file, the same as
 * src/kinds/survey/code.rs (both are tested on tests/data/survey-code-vectors.json):
 *   TK1.<survey>.<version>.<b|f><YYYYMMDD>.<role or ->.<respondent>.<answers>.<check>
 * <answers> has one digit per statement in the survey's order (0 = no answer), <check> is the
 * low 16 bits of the CRC-32 (IEEE) of everything before the last dot, as 4 hex digits.
 * Loaded by the survey page and the results page; no DOM: `globalThis.toolkitSurveyCode`.
 * Every error is {kind, ...details} with the same `kind` words as the Rust code.
 */
'use strict';

(() => {
  const PREFIX = 'TK1';
  const FORMAT = 'toolkit-survey-answers';

  const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  /** CRC-32 (IEEE) of the UTF-8 bytes of `text`. */
  function crc32(text) {
    const bytes = new TextEncoder().encode(text);
    let crc = 0xffffffff;
    for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /** The check of a code's body: 4 lower-case hex digits. */
  const check = (text) => (crc32(text) & 0xffff).toString(16).padStart(4, '0');

  const isId = (text) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
  const isRespondent = (text) => /^[a-z0-9]{6}$/.test(text);

  /** Whether `YYYY-MM-DD` is a real date from 0001-01-01. */
  function isDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return day <= days;
  }

  class CodeError extends Error {
    constructor(kind, details = {}) {
      super(kind);
      this.kind = kind;
      this.details = details;
    }
  }
  const fail = (kind, details) => {
    throw new CodeError(kind, details);
  };

  /** A fresh respondent: six random base-36 characters. */
  function newRespondent() {
    const bytes = new Uint8Array(6);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36]).join('');
  }

  /** The code of an answer set; `statements` are the survey's statement ids in order. */
  function encode(answers, statements) {
    const points = statements.map((id) => {
      const p = answers.answers[id];
      return Number.isInteger(p) && p >= 1 && p <= 9 ? String(p) : '0';
    }).join('');
    const wave = answers.wave === 'follow-up' ? 'f' : 'b';
    const body = [
      PREFIX, answers.survey, answers.version, wave + answers.date.replaceAll('-', ''),
      answers.role || '-', answers.respondent, points,
    ].join('.');
    return `${body}.${check(body)}`;
  }

  /** Reads a code without its survey; throws a CodeError. */
  function decode(code) {
    const text = String(code).trim();
    const parts = text.split('.');
    if (parts[0] !== PREFIX) fail('prefix');
    if (parts.length !== 8) fail('parts', { found: parts.length });
    const body = text.slice(0, text.lastIndexOf('.'));
    if (check(body) !== parts[7]) fail('check');
    const [, survey, version, when, role, respondent, points] = parts;
    if (!isId(survey)) fail('survey-id', { found: survey });
    if (!/^\d+$/.test(version) || Number(version) < 1 || Number(version) > 4294967295) {
      fail('version', { found: version });
    }
    if (!/^[bf]\d{8}$/.test(when)) fail('wave', { found: when });
    const date = `${when.slice(1, 5)}-${when.slice(5, 7)}-${when.slice(7, 9)}`;
    if (!isDate(date)) fail('date', { found: when.slice(1) });
    if (role !== '-' && !isId(role)) fail('role', { found: role });
    if (!isRespondent(respondent)) fail('respondent', { found: respondent });
    if (!/^\d*$/.test(points)) fail('answer-digits', { found: points });
    return {
      survey,
      version: Number(version),
      wave: when[0] === 'f' ? 'follow-up' : 'baseline',
      date,
      role: role === '-' ? null : role,
      respondent,
      points: Array.from(points, Number),
    };
  }

  function sameSurvey(id, version, survey) {
    if (id !== survey.id) fail('other-survey', { found: id, expected: survey.id });
    if (version !== survey.version) {
      fail('other-version', { found: version, expected: survey.version });
    }
  }

  /**
   * Checks an answer set against its survey ({id, version, points, roles:[{id}],
   * statements:[{id}], open:[{id}]}); throws a CodeError.
   */
  function checkAnswers(answers, survey) {
    sameSurvey(answers.survey, answers.version, survey);
    if (typeof answers.respondent !== 'string' || !isRespondent(answers.respondent)) {
      fail('respondent', { found: String(answers.respondent) });
    }
    if (typeof answers.date !== 'string' || !isDate(answers.date)) {
      fail('date', { found: String(answers.date) });
    }
    if (answers.role !== null && !survey.roles.some((r) => r.id === answers.role)) {
      fail('unknown-role', { found: answers.role });
    }
    for (const [id, p] of Object.entries(answers.answers)) {
      if (!survey.statements.some((s) => s.id === id)) fail('unknown-statement', { found: id });
      if (p !== null && !(Number.isInteger(p) && p >= 1 && p <= survey.points)) {
        fail('point', { statement: id, point: p, points: survey.points });
      }
    }
    for (const id of Object.keys(answers.open || {})) {
      if (!survey.open.some((q) => q.id === id)) fail('unknown-question', { found: id });
    }
  }

  /** Reads a code and checks it against its survey: an answer set, or a thrown CodeError. */
  function decodeFor(code, survey) {
    const d = decode(code);
    if (d.points.length !== survey.statements.length) {
      sameSurvey(d.survey, d.version, survey);
      fail('answer-count', { found: d.points.length, expected: survey.statements.length });
    }
    const answers = {
      format: FORMAT,
      survey: d.survey,
      version: d.version,
      respondent: d.respondent,
      wave: d.wave,
      date: d.date,
      role: d.role,
      answers: Object.fromEntries(survey.statements.map((s, i) => [s.id, d.points[i] || null])),
      open: {},
    };
    checkAnswers(answers, survey);
    return answers;
  }

  const KEYS = ['format', 'survey', 'version', 'respondent', 'wave', 'date', 'role', 'answers', 'open'];
  const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  /** Reads an answers file's text and checks it against its survey. */
  function readFile(text, survey) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      fail('file', { why: 'json' });
    }
    if (!isPlain(value)) fail('file', { why: 'shape' });
    for (const key of Object.keys(value)) if (!KEYS.includes(key)) fail('file', { why: 'key', key });
    if (value.format !== FORMAT) fail('file', { why: 'format' });
    const point = (p) => p === null || (Number.isInteger(p) && p >= 0 && p <= 255);
    const ok = typeof value.survey === 'string' && Number.isInteger(value.version)
      && value.version >= 0 && value.version <= 4294967295
      && typeof value.respondent === 'string' && typeof value.date === 'string'
      && (value.wave === 'baseline' || value.wave === 'follow-up')
      && (value.role === undefined || value.role === null || typeof value.role === 'string')
      && isPlain(value.answers) && Object.values(value.answers).every(point)
      && (value.open === undefined || (isPlain(value.open)
        && Object.values(value.open).every((t) => typeof t === 'string')));
    if (!ok) fail('file', { why: 'shape' });
    const answers = { open: {}, ...value, role: value.role ?? null };
    checkAnswers(answers, survey);
    return answers;
  }

  globalThis.toolkitSurveyCode = {
    PREFIX, FORMAT, CodeError, crc32, check, encode, decode, decodeFor, checkAnswers, readFile,
    newRespondent, isDate,
  };
})();
