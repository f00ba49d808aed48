//! The measures kind's worked examples (`tests/data/measures-vectors.json`), shared by the Rust
//! code and `measures.js` (tests/browser/measures.rs): the caseload calculator's results and the
//! geometry of a chart.

use serde_json::Value;
use toolkit::kinds::measures::{caseload, chart, figures::Figure};

use crate::harness::repo_root;

pub fn vectors() -> Value {
    let text =
        std::fs::read_to_string(repo_root().join("tests/data/measures-vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn rust_caseload_matches_the_shared_vectors() {
    for case in vectors()["caseload"].as_array().unwrap() {
        let inputs: Vec<(String, f64)> = case["inputs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        let results = caseload::compute(&inputs);
        for key in caseload::OUTPUTS {
            let expected = case["expected"][key].as_f64().unwrap();
            let got = results.get(key);
            assert!(
                (got - expected).abs() < 1e-9,
                "{}: {key} is {got}, expected {expected}",
                case["name"]
            );
            assert_eq!(
                caseload::shown(key, got),
                case["shown"][key].as_str().unwrap(),
                "{}: {key} as shown",
                case["name"]
            );
        }
    }
}

#[test]
fn rust_chart_geometry_matches_the_shared_vectors() {
    for case in vectors()["charts"].as_array().unwrap() {
        let months = chart::months_between(
            case["first"].as_str().unwrap(),
            case["last"].as_str().unwrap(),
        );
        let figures: Vec<Figure> = case["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| Figure {
                month: f["month"].as_str().unwrap().to_string(),
                numerator: None,
                denominator: None,
                value: f["value"].as_f64().unwrap(),
            })
            .collect();
        let g = chart::geometry(
            &months,
            &figures,
            case["percent"].as_bool().unwrap(),
            case["target"].as_f64(),
        );
        let got = serde_json::json!({
            "y_max": g.y_max,
            "ticks": g.ticks,
            "labelled": g.labelled,
            "runs": g.runs,
            "target_y": g.target_y,
        });
        assert!(
            same(&got, &case["expected"]),
            "{}:\n got      {got}\n expected {}",
            case["name"],
            case["expected"]
        );
    }
}

/// Whether two JSON values are the same, numbers compared as numbers (48 and 48.0 are the same).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
