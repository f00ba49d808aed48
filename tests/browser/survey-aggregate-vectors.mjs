// The survey aggregation in JavaScript (themes/default/static/survey-aggregate.js, loaded without a
// DOM) against tests/data/survey-aggregate-vectors.json, the vectors the Rust aggregation is
// tested against. Usage: node survey-aggregate-vectors.mjs. Prints one line per check.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
new Function(readFileSync(here('../../themes/default/static/survey-aggregate.js'), 'utf8'))();
const { aggregate } = globalThis.toolkitSurveyAggregate;
const vectors = JSON.parse(readFileSync(here('../data/survey-aggregate-vectors.json'), 'utf8'));

// JSON with its keys sorted, so that key order does not count.
const canonical = (value) => JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
  : v));

let failed = 0;
let passed = 0;
for (const c of vectors.cases) {
  const got = canonical(aggregate(vectors.survey, vectors.domains, c.answers));
  const want = canonical(c.expected);
  if (got === want) {
    passed += 1;
    console.log(`ok   ${c.name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${c.name}\n  expected ${want}\n  got      ${got}`);
  }
}
console.log(failed ? `${failed} of ${passed + failed} checks failed` : `${passed} checks passed`);
process.exit(failed ? 1 : 0);
