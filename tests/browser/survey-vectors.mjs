// The survey's answer codes and files in JavaScript (themes/default/static/survey-code.js,
// loaded without a DOM) against tests/data/survey-code-vectors.json, the vectors the Rust
// code (src/kinds/survey/code.rs) is tested against. Usage: node survey-vectors.mjs. Prints
// one line per check.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// survey-code.js is a classic script: run it as one, so that it assigns globalThis.toolkitSurveyCode.
new Function(readFileSync(here('../../themes/default/static/survey-code.js'), 'utf8'))();
const code = globalThis.toolkitSurveyCode;
const vectors = JSON.parse(readFileSync(here('../data/survey-code-vectors.json'), 'utf8'));
const survey = vectors.survey;
const ids = survey.statements.map((s) => s.id);

let failed = 0;
let passed = 0;
const expect = (name, actual, wanted) => {
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  if (a === w) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}\n  expected ${w}\n  got      ${a}`);
  }
};
const kindOf = (f) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    if (!(e instanceof code.CodeError)) return `crashed: ${e}`;
    return e.kind;
  }
};
// Keys in a fixed order, so that answer sets compare as JSON.
const sorted = (value) => (value && typeof value === 'object' && !Array.isArray(value)
  ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
  : value);

for (const c of vectors.crc) {
  expect(`crc32 of ${JSON.stringify(c.text)}`, code.crc32(c.text).toString(16).padStart(8, '0'), c.crc32);
}
for (const v of vectors.valid) {
  expect(`encode: ${v.name}`, code.encode(v.answers, ids), v.code);
  expect(`decode: ${v.name}`, sorted(code.decodeFor(v.code, survey)), sorted(v.answers));
  expect(`decode with spaces around: ${v.name}`, sorted(code.decodeFor(` ${v.code}\n`, survey)), sorted(v.answers));
  expect(`file of: ${v.name}`, sorted(code.readFile(JSON.stringify(v.answers), survey)), sorted(v.answers));
}
for (const v of vectors.valid_files) {
  expect(`file: ${v.name}`, kindOf(() => code.readFile(v.text, survey)), 'accepted');
}
for (const v of vectors.invalid_codes) {
  expect(`code: ${v.name}`, kindOf(() => code.decodeFor(v.code, survey)), v.kind);
}
for (const v of vectors.invalid_files) {
  expect(`file: ${v.name}`, kindOf(() => code.readFile(v.text, survey)), v.kind);
}
const respondents = new Set(Array.from({ length: 50 }, () => code.newRespondent()));
expect('new respondents are six base-36 characters', [...respondents].every((r) => /^[a-z0-9]{6}$/.test(r)), true);

console.log(failed ? `${failed} of ${passed + failed} checks failed` : `all ${passed} checks passed`);
process.exit(failed ? 1 : 0);
