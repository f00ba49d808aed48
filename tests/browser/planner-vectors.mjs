// The training planner's schedule in JavaScript (themes/default/static/planner.js, loaded without
// a DOM) against tests/data/planner-vectors.json, the vectors the Rust planner is tested against.
// Usage: node planner-vectors.mjs. Writes the calendar of the vectors' `ics` case to the file
// given as its first argument, if any, and of its `also` case to the second, for the Rust test to
// compare. Prints one line per check.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// planner.js is a classic script: run it as one, so that it assigns globalThis.toolkitPlanner.
new Function(readFileSync(here('../../themes/default/static/planner.js'), 'utf8'))();
const planner = globalThis.toolkitPlanner;
const vectors = JSON.parse(readFileSync(here('../data/planner-vectors.json'), 'utf8'));

let failed = 0;
let passed = 0;
const compactEntry = (e) => `${e.date} ${e.id}${e.n ? ` ${e.n}/${e.of}` : ''}${e.days ? ` ${e.days} days` : ''}${e.moved_from ? ` from ${e.moved_from}` : ''}`;

for (const c of vectors.cases) {
  const rules = c.rules || vectors.rules;
  const got = planner.schedule(rules, c.go_live, c.training);
  const actual = {
    entries: got.entries.map(compactEntry),
    gap_days: got.gap_days,
    warning: got.warning,
    proposed_training: got.proposed_training,
  };
  const a = JSON.stringify(actual);
  const w = JSON.stringify(c.expected);
  if (a === w) {
    passed += 1;
    console.log(`ok   ${c.name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${c.name}\n  expected ${w}\n  got      ${a}`);
  }
}

for (const bad of ['2027-02-29', '2027-13-01', '2027-3-1', '']) {
  if (planner.parseDate(bad) !== null) {
    failed += 1;
    console.log(`FAIL ${JSON.stringify(bad)} was read as a date`);
  } else passed += 1;
}

const range = JSON.stringify(planner.goLiveRange(vectors.rules));
if (range === JSON.stringify(vectors.go_live_range.expected)) passed += 1;
else {
  failed += 1;
  console.log(`FAIL go_live_range\n  expected ${JSON.stringify(vectors.go_live_range.expected)}\n  got      ${range}`);
}

const spec = vectors.ics;
const c = vectors.cases[spec.case];
const text = planner.calendar(c.rules || vectors.rules, planner.schedule(c.rules || vectors.rules, c.go_live, c.training), spec);
const long = text.split('\r\n').filter((line) => Buffer.byteLength(line) > 75);
if (long.length || !text.endsWith('END:VCALENDAR\r\n')) {
  failed += 1;
  console.log(`FAIL calendar lines: ${long.length} longer than 75 octets`);
} else passed += 1;
if (process.argv[2]) writeFileSync(process.argv[2], text);
// The second calendar: weekend moves, a two-day training, busy and free entries.
const also = vectors.cases[spec.also];
const alsoRules = also.rules || vectors.rules;
const alsoText = planner.calendar(alsoRules, planner.schedule(alsoRules, also.go_live, also.training), spec);
if (process.argv[3]) writeFileSync(process.argv[3], alsoText);

console.log(failed ? `${failed} checks failed` : `${passed} checks passed`);
process.exit(failed ? 1 : 0);
