// The measures page's JavaScript (themes/default/static/measures.js, loaded without a DOM)
// against tests/data/measures-vectors.json, the worked examples the Rust code is tested against:
// the caseload calculator's results and how they are shown, and the geometry of a chart.
// Usage: node measures-vectors.mjs. Prints one line per check.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// measures.js is a classic script: run it as one, so that it assigns globalThis.toolkitMeasures.
new Function(readFileSync(here('../../themes/default/static/measures.js'), 'utf8'))();
const measures = globalThis.toolkitMeasures;
const vectors = JSON.parse(readFileSync(here('../data/measures-vectors.json'), 'utf8'));

let failed = 0;
let passed = 0;
function report(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}\n  ${detail}`);
  }
}

for (const c of vectors.caseload) {
  const got = measures.computeCaseload(c.inputs);
  for (const [key, wanted] of Object.entries(c.expected)) {
    report(`caseload, ${c.name}: ${key}`, Math.abs(got[key] - wanted) < 1e-9, `expected ${wanted}, got ${got[key]}`);
    const shown = measures.shownResult(key, got[key]);
    report(`caseload, ${c.name}: ${key} as shown`, shown === c.shown[key], `expected ${c.shown[key]}, got ${shown}`);
  }
}

for (const c of vectors.charts) {
  const months = measures.monthsBetween(c.first, c.last);
  const g = measures.geometry(months, c.figures, c.percent, c.target);
  const got = JSON.stringify({ y_max: g.y_max, ticks: g.ticks, labelled: g.labelled, runs: g.runs, target_y: g.target_y });
  const wanted = JSON.stringify(c.expected);
  report(`chart, ${c.name}`, got === wanted, `expected ${wanted}\n  got      ${got}`);
}

for (const bad of ['2027-1', '2027-13', '2027-00', '0000-01', '27-01', '2027/01', ' 2027-01']) {
  report(`${JSON.stringify(bad)} is not a month`, !measures.isMonth(bad), 'it was read as one');
}
report('2027-01 is a month', measures.isMonth('2027-01'), 'it was not read as one');

if (failed) {
  console.log(`${failed} of ${failed + passed} checks failed`);
  process.exit(1);
}
console.log(`all ${passed} checks passed`);
