//! The survey results in JavaScript: `survey-aggregate.js` aggregates the vectors the Rust
//! aggregation is tested against to the same numbers (`tests/browser/survey-aggregate-vectors.mjs`).

use crate::tools::{node_checks, node_script};

#[test]
fn javascript_aggregation_matches_the_shared_vectors() {
    let printed = node_checks(
        node_script("survey-aggregate-vectors.mjs"),
        "survey-aggregate-vectors.mjs",
        String::new,
    );
    let cases = crate::survey_aggregate_vectors::vectors()["cases"]
        .as_array()
        .unwrap()
        .len();
    assert!(
        printed.contains(&format!("{cases} checks passed")),
        "{printed}"
    );
}
