// The browser checks of the e-mail guide (themes/default/static/email-guide.js), run in plain
// Node.js without a DOM against tests/data/email-vectors.json, the file the Rust checks are
// tested against too, with the fold's letters of tests/data/fold-vectors.json (which the page
// gets from the build). Usage: node email-vectors.mjs. Prints one line per failure and a count.

import { readFile } from 'node:fs/promises';

const here = new URL('.', import.meta.url);
await import(new URL('../../themes/default/static/email-guide.js', here));
const guide = globalThis.toolkitEmailGuide;
const vectors = JSON.parse(await readFile(new URL('../data/email-vectors.json', here), 'utf8'));
const { letters } = JSON.parse(await readFile(new URL('../data/fold-vectors.json', here), 'utf8'));
guide.useLetters(letters);

let checks = 0;
const failures = [];
function same(actual, wanted, what) {
  checks += 1;
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  if (a !== w) failures.push(`${what}: expected ${w}, got ${a}`);
}

const rules = new Map(vectors.rules.map((r) => [r.id, r]));
for (const c of vectors.cases) {
  for (const [id, pass] of Object.entries(c.verdicts)) {
    const rule = rules.get(id);
    if (!rule) throw new Error(`case "${c.name}" names an unknown rule ${id}`);
    const verdict = guide.check(rule, c.text);
    same(verdict.pass, pass, `${c.name}: ${id}`);
    if (c.found && id in c.found) {
      same(verdict.at && c.text.slice(verdict.at[0], verdict.at[1]), c.found[id], `${c.name}: ${id} found`);
    }
    if (c.all && id in c.all) {
      same(verdict.all.map(([a, b]) => c.text.slice(a, b)), c.all[id], `${c.name}: ${id} found all`);
    }
  }
}
for (const s of vectors.sentences) {
  same(guide.sentences(s.text).map(([a, b]) => s.text.slice(a, b)), s.sentences, `sentences of ${JSON.stringify(s.text)}`);
}
for (const w of vectors.words) same(guide.wordCount(w.text), w.count, `words of ${JSON.stringify(w.text)}`);
for (const f of vectors.fold) same(guide.fold(f.text), f.folded, `fold of ${JSON.stringify(f.text)}`);

for (const failure of failures) console.log(`FAIL ${failure}`);
if (failures.length) process.exit(1);
console.log(`${checks} checks passed`);
