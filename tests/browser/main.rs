//! The tests that need more than Rust: the bundled toolkit in headless Chromium (Playwright,
//! axe-core), the Nu Html Checker (Java), pages printed by Chromium, PDFs read back with
//! poppler's `pdftotext`, and the JavaScript checks run with Node.js against the vectors the Rust
//! code is tested with. Not part of a plain `cargo test`; scripts/test.sh installs what they need
//! and runs them with `cargo test --test browser`. `TOOLKIT_CHROMIUM` names the Chromium to drive
//! (default: Debian's `/usr/bin/chromium`).

// Shared with the plain test suite (tests/testsuite/), which uses all of their functions; this
// target only some.
#[allow(dead_code)]
#[path = "../testsuite/crawl.rs"]
mod crawl;
#[allow(dead_code)]
#[path = "../testsuite/harness.rs"]
mod harness;
#[path = "../testsuite/planner_vectors.rs"]
mod planner_vectors;
#[allow(dead_code)]
#[path = "../testsuite/serve_server.rs"]
mod serve_server;
#[allow(dead_code)]
#[path = "../testsuite/survey_aggregate_vectors.rs"]
mod survey_aggregate_vectors;

mod bundled;
mod checklists;
mod csp;
mod email_guide;
mod layout;
mod layout_shift;
mod lighthouse;
mod measures;
mod meeting;
mod office;
mod offline;
mod plan;
mod planner;
mod print;
mod quality;
mod results;
mod search;
mod serve;
mod stakeholders;
mod strategies;
mod survey;
mod tools;
