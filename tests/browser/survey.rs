//! The survey in the browser: the answer codes of `survey-code.js` against the vectors the Rust
//! code is tested with, and the bundled barrier scan filled in headless Chromium
//! (`tests/browser/survey.mjs`).

use crate::tools::{node_checks, node_script};

#[test]
fn the_javascript_codes_match_the_vectors() {
    node_checks(
        node_script("survey-vectors.mjs"),
        "survey-vectors.mjs",
        String::new,
    );
}

#[test]
fn the_barrier_scan_in_a_browser() {
    crate::tools::run_script("survey.mjs");
}
