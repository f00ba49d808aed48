// The accent fold in the browser: search.js (globalThis.toolkitSearch) and email-guide.js
// (globalThis.toolkitEmailGuide), run in plain Node.js without a DOM against
// tests/data/fold-vectors.json, the file the Rust fold (src/text.rs) is tested against too. The
// scripts get the fold's letters from the build; here they get the vectors' `letters`, which the
// Rust test holds equal to the build's. Usage: node fold-vectors.mjs. Prints one line per failure
// and a count.

import { readFile } from 'node:fs/promises';

const here = new URL('.', import.meta.url);
await import(new URL('../../themes/default/static/search.js', here));
await import(new URL('../../themes/default/static/email-guide.js', here));
const search = globalThis.toolkitSearch;
const guide = globalThis.toolkitEmailGuide;
const vectors = JSON.parse(await readFile(new URL('../data/fold-vectors.json', here), 'utf8'));
const letters = new Map(Object.entries(vectors.letters));
guide.useLetters(vectors.letters);

let checks = 0;
const failures = [];
function same(actual, wanted, what) {
  checks += 1;
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  if (a !== w) failures.push(`${what}: expected ${w}, got ${a}`);
}

for (const f of vectors.fold) {
  same(search.normalise(f.text, letters), f.folded, `search.js fold of ${JSON.stringify(f.text)}`);
  same(guide.fold(f.text), f.folded, `email-guide.js fold of ${JSON.stringify(f.text)}`);
}
for (const w of vectors.words) {
  same(search.words(w.text, letters), w.words, `search.js words of ${JSON.stringify(w.text)}`);
}

for (const failure of failures) console.log(`FAIL ${failure}`);
if (failures.length) process.exit(1);
console.log(`${checks} checks passed`);
