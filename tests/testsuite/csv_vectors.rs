//! The CSV test vectors (`tests/data/csv-vectors.json`), shared by the Rust CSV writer
//! (`toolkit::spreadsheet`) and the action plan's in the browser (tests/browser/plan.rs runs
//! tests/browser/csv-vectors.mjs on them).

use pretty_assertions::assert_eq;
use toolkit::spreadsheet::{Sheet, separator};

use crate::harness::repo_root;

#[test]
fn rust_writes_the_csv_of_every_vector() {
    let text = std::fs::read_to_string(repo_root().join("tests/data/csv-vectors.json")).unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let lang = case["lang"].as_str().unwrap();
        assert_eq!(
            char::from(separator(lang)).to_string(),
            case["separator"].as_str().unwrap(),
            "{name}"
        );
        let mut sheet = Sheet::for_language(lang);
        for row in case["rows"].as_array().unwrap() {
            let cells: Vec<&str> = row
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            sheet.row(cells).unwrap();
        }
        let written = String::from_utf8(sheet.finish().unwrap()).unwrap();
        assert_eq!(written, case["expected"].as_str().unwrap(), "{name}");
    }
}
