//! The survey's answer codes and files (`tests/data/survey-code-vectors.json`), shared by the
//! Rust code (here) and the browser's `survey-code.js` (tests/browser/survey.rs).

use serde_json::Value;
use toolkit::kinds::survey::SurveyData;
use toolkit::kinds::survey::code::{self, Answers};

use crate::harness::repo_root;

fn vectors() -> Value {
    let text =
        std::fs::read_to_string(repo_root().join("tests/data/survey-code-vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn kind_of(result: Result<Answers, code::CodeError>) -> String {
    match result {
        Ok(_) => "accepted".to_string(),
        Err(e) => e.kind().to_string(),
    }
}

#[test]
fn codes_and_files_read_and_write_as_the_vectors_say() {
    let v = vectors();
    let survey: SurveyData = serde_json::from_value(v["survey"].clone()).unwrap();
    for c in v["crc"].as_array().unwrap() {
        let text = c["text"].as_str().unwrap();
        assert_eq!(
            format!("{:08x}", crc32fast::hash(text.as_bytes())),
            c["crc32"].as_str().unwrap()
        );
        assert_eq!(code::check(text), c["crc32"].as_str().unwrap()[4..]);
    }
    let mut failures = Vec::new();
    for case in v["valid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let answers: Answers = serde_json::from_value(case["answers"].clone()).unwrap();
        let wanted = case["code"].as_str().unwrap();
        if code::encode(&answers, &survey) != wanted {
            failures.push(format!(
                "encode {name}: {}",
                code::encode(&answers, &survey)
            ));
        }
        match code::decode_for(&format!(" {wanted}\n"), &survey) {
            Ok(read) if read == answers => {}
            other => failures.push(format!("decode {name}: {other:?}")),
        }
        let text = serde_json::to_string(&answers).unwrap();
        match code::read_file(&text, &survey) {
            Ok(read) if read == answers => {}
            other => failures.push(format!("file {name}: {other:?}")),
        }
    }
    for case in v["valid_files"].as_array().unwrap() {
        let got = kind_of(code::read_file(case["text"].as_str().unwrap(), &survey));
        if got != "accepted" {
            failures.push(format!("file {}: {got}", case["name"]));
        }
    }
    for (list, read) in [
        (
            "invalid_codes",
            code::decode_for as fn(&str, &SurveyData) -> _,
        ),
        ("invalid_files", code::read_file),
    ] {
        let key = if list == "invalid_codes" {
            "code"
        } else {
            "text"
        };
        for case in v[list].as_array().unwrap() {
            let got = kind_of(read(case[key].as_str().unwrap(), &survey));
            if got != case["kind"].as_str().unwrap() {
                failures.push(format!("{list} {}: {got}", case["name"]));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn errors_say_what_is_wrong() {
    let v = vectors();
    let survey: SurveyData = serde_json::from_value(v["survey"].clone()).unwrap();
    let message = |code: &str| code::decode_for(code, &survey).unwrap_err().to_string();
    assert_eq!(
        message("TK1.barrier-scan.2"),
        "a code has 8 parts separated by dots, this one has 3: it may be cut off"
    );
    assert_eq!(
        message("TK1.barrier-scan.2.b20270301.therapist.a1b2c3.4142.188e"),
        "the check at the end does not match: a character was changed or lost when the code was copied"
    );
    let body = "TK1.barrier-scan.1.b20270301.-.a1b2c3.4155";
    assert_eq!(
        message(&format!("{body}.{}", code::check(body))),
        "these answers are for version 1 of the survey; this is version 2"
    );
    let body = "TK1.barrier-scan.2.b20270301.-.a1b2c3.4165";
    assert_eq!(
        message(&format!("{body}.{}", code::check(body))),
        "the answer 6 to `s03` is not on the scale of 1 to 5"
    );
}
