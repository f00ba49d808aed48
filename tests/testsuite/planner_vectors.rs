//! The training planner's test vectors (`tests/data/planner-vectors.json`), shared by the Rust
//! planner's tests and the JavaScript planner's (tests/browser/planner.rs), and what the Rust
//! planner computes from them.

use serde_json::Value;
use toolkit::kinds::planner::{Date, Rules, date, ics, schedule};

use crate::harness::repo_root;

pub fn vectors() -> Value {
    let text =
        std::fs::read_to_string(repo_root().join("tests/data/planner-vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn rules_of(vectors: &Value, case: &Value) -> Rules {
    serde_json::from_value(case.get("rules").unwrap_or(&vectors["rules"]).clone()).unwrap()
}

pub fn compute(vectors: &Value, case: &Value) -> (Rules, schedule::Schedule) {
    let rules = rules_of(vectors, case);
    let go_live = date::parse(case["go_live"].as_str().unwrap()).unwrap();
    let training: Vec<Date> = case["training"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| date::parse(d.as_str().unwrap()).unwrap())
        .collect();
    let s = schedule::compute(&rules, go_live, &training).unwrap();
    (rules, s)
}

/// The calendar of the vectors' `ics` case as the Rust planner writes it, with the rules and the
/// schedule it comes from.
pub fn vector_calendar(vectors: &Value) -> (Rules, schedule::Schedule, String) {
    calendar_of(vectors, "case")
}

/// The calendar of the case the vectors' `ics` names under `key` (`case` or `also`).
pub fn calendar_of(vectors: &Value, key: &str) -> (Rules, schedule::Schedule, String) {
    let spec = &vectors["ics"];
    let case = &vectors["cases"][spec[key].as_u64().unwrap() as usize];
    let (rules, s) = compute(vectors, case);
    let words = &spec["words"];
    let calendar = ics::calendar(
        &rules,
        &s,
        &ics::Calendar {
            name: spec["name"].as_str().unwrap(),
            host: spec["host"].as_str().unwrap(),
            stamp: spec["stamp"].as_str().unwrap(),
            source_word: words["planner_source"].as_str().unwrap(),
            occurrence: words["planner_occurrence"].as_str().unwrap(),
        },
    )
    .unwrap();
    (rules, s, calendar)
}
