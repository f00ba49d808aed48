//! The survey aggregation's test vectors (`tests/data/survey-aggregate-vectors.json`), shared by
//! the Rust aggregation's tests and the JavaScript one's (tests/browser/results.rs): each case's
//! answer sets give exactly the expected results.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;
use serde_json::Value;
use toolkit::kinds::survey_results::aggregate::{AnswerSet, SurveyShape, aggregate};

use crate::harness::repo_root;

pub fn vectors() -> Value {
    let text =
        std::fs::read_to_string(repo_root().join("tests/data/survey-aggregate-vectors.json"))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What the Rust aggregation makes of a case, as JSON.
pub fn compute(vectors: &Value, case: &Value) -> Value {
    let survey: SurveyShape = serde_json::from_value(vectors["survey"].clone()).unwrap();
    let domains: BTreeMap<String, String> =
        serde_json::from_value(vectors["domains"].clone()).unwrap();
    let sets: Vec<AnswerSet> = serde_json::from_value(case["answers"].clone()).unwrap();
    serde_json::to_value(aggregate(&survey, &domains, &sets)).unwrap()
}

#[test]
fn rust_aggregation_matches_the_shared_vectors() {
    let vectors = vectors();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        assert_eq!(
            compute(&vectors, case),
            case["expected"],
            "case {}",
            case["name"]
        );
    }
}

/// A few numbers of the vectors worked out by hand from the definitions on the results page, so
/// that the vectors are not only what the code says.
#[test]
fn the_vectors_follow_the_definitions() {
    let vectors = vectors();
    let twelve = &vectors["cases"][0]["expected"];
    let baseline = &twelve["waves"]["baseline"];
    // s01 (barrier) answered 5 4 5 4 2 3: sorted 2 3 4 4 5 5, median 4, halves 2 3 4 | 4 5 5.
    let s01 = &baseline["statements"][0];
    assert_eq!(s01["median"], 4.0);
    assert_eq!(
        (s01["q1"].clone(), s01["q3"].clone()),
        (3.0.into(), 5.0.into())
    );
    assert_eq!(s01["wide"], true);
    // Innovation complexity: s01 gives 4+3+4+3+1+2 = 17 of 24, s02 (facilitator, 5 - point)
    // answered 1 2 2 1 4 3 gives 4+3+3+4+1+2 = 17 of 24: 34/48 = 70.8 → 71.
    assert_eq!(baseline["constructs"][0]["score"], 71);
    // Four therapists are broken down; one manager and one without a role are not.
    assert_eq!(
        baseline["constructs"][0]["roles"].as_array().unwrap().len(),
        1
    );
    assert_eq!(baseline["roles"][1]["shown"], false);
    // Two admins in the follow-up: hidden.
    assert_eq!(twelve["waves"]["follow-up"]["roles"][2]["n"], 2);
    assert_eq!(twelve["waves"]["follow-up"]["roles"][2]["shown"], false);
    // The follow-up is ranked; available resources 79 (19 of 24) is its only barrier.
    assert_eq!(twelve["current"], "follow-up");
    assert_eq!(twelve["ranked"][0]["construct"], "available-resources");
    assert_eq!(twelve["ranked"][0]["score"], 79);
    // Ties keep the survey's order.
    let ties = &vectors["cases"][3]["expected"]["ranked"];
    let order: Vec<&str> = ties
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["construct"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "innovation-complexity",
            "available-resources",
            "tension-for-change",
            "access-to-knowledge-and-information"
        ]
    );
}
