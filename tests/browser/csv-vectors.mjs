// The action plan's CSV in JavaScript (themes/default/static/action-plan.js, loaded without a
// DOM) against tests/data/csv-vectors.json, the vectors src/spreadsheet.rs is tested against.
// Usage: node csv-vectors.mjs. Prints one line per check.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// action-plan.js is a classic script: run it as one, so that it assigns globalThis.toolkitActionPlan.
new Function(readFileSync(here('../../themes/default/static/action-plan.js'), 'utf8'))();
const { csvText } = globalThis.toolkitActionPlan;
const vectors = JSON.parse(readFileSync(here('../data/csv-vectors.json'), 'utf8'));

let failed = 0;
for (const c of vectors.cases) {
  const got = csvText(c.rows, c.separator);
  if (got === c.expected) console.log(`ok   ${c.name}`);
  else {
    failed += 1;
    console.log(`FAIL ${c.name}\n  expected ${JSON.stringify(c.expected)}\n  got      ${JSON.stringify(got)}`);
  }
}
console.log(failed ? `${failed} checks failed` : `${vectors.cases.length} checks passed`);
process.exit(failed ? 1 : 0);
