//! The training planner in JavaScript: `planner.js` computes the schedules of the vectors file the
//! Rust planner is tested against and writes the same calendar (`tests/browser/planner-vectors.mjs`),
//! and the bundled planner page works in a browser (`tests/browser/planner.mjs`).

use pretty_assertions::assert_eq;

use crate::planner_vectors::{calendar_of, vector_calendar, vectors};
use crate::tools::{node_checks, node_script, run_script};

fn node_vectors(ics_out: &[&std::path::Path]) -> String {
    let mut command = node_script("planner-vectors.mjs");
    command.args(ics_out);
    node_checks(command, "planner-vectors.mjs", String::new)
}

#[test]
fn javascript_schedule_matches_the_shared_vectors() {
    node_vectors(&[]);
}

#[test]
fn javascript_writes_the_calendar_rust_writes() {
    let (_, _, rust) = vector_calendar(&vectors());
    let (_, _, rust_also) = calendar_of(&vectors(), "also");
    let dir = tempfile::tempdir().unwrap();
    let js_path = dir.path().join("js.ics");
    let also_path = dir.path().join("also.ics");
    node_vectors(&[&js_path, &also_path]);
    let js = std::fs::read_to_string(&js_path).unwrap();
    assert_eq!(js, rust, "planner.js and ics.rs wrote different calendars");
    let js = std::fs::read_to_string(&also_path).unwrap();
    assert_eq!(
        js, rust_also,
        "planner.js and ics.rs wrote different calendars"
    );
}

#[test]
fn planner_in_a_browser() {
    run_script("planner.mjs");
}
