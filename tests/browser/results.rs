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

/// The results page in Chromium with the fixture's answer sets (`tests/browser/results.mjs`): what
/// it refuses and why, the ranked list, the flag, the hidden small group, axe in both languages,
/// no request elsewhere; its CSV is the one `toolkit survey` writes, and it prints on one A4 page.
#[test]
fn results_page_in_a_browser() {
    let site = crate::harness::Site::fixture("survey-results");
    let out = tempfile::tempdir().unwrap();
    let public = site.root.join("public");
    let server = crate::crawl::Server::start(&public, "/org/kit/");
    let url = format!("http://127.0.0.1:{}/org/kit/", server.port);
    site.run(&["build", "--base-url", &url]).success();
    let answers = crate::harness::fixtures().join("survey-answers");
    let mut command = crate::tools::browser_script("results.mjs");
    command.arg(&url).arg(&answers).arg(out.path());
    let printed = node_checks(command, "results.mjs", String::new);
    assert!(printed.contains("14 checks passed"), "{printed}");

    // The CSV the page downloaded is the CSV the command writes from the same files.
    let mut args: Vec<String> = vec![
        "survey".into(),
        "--page".into(),
        "content/tools/scan.md".into(),
        "--csv".into(),
        "cli.csv".into(),
    ];
    for name in [
        "answers-a1b2c3.json",
        "answers-d4e5f6.json",
        "answers-g7h8i9.json",
        "codes.txt",
        "paper.csv",
    ] {
        args.push(answers.join(name).to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = site.run(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let browser = std::fs::read_to_string(out.path().join("browser.csv")).unwrap();
    assert_eq!(browser, site.read("cli.csv"));
    assert!(browser.contains("\r\nconstruct,Follow-up,available-resources,,Available Resources,Inner setting,6,71,,,discuss first,,,,,\r\n"), "{browser}");

    // The print view: one A4 page with the chart and the ranked list.
    let pdf = out.path().join("results.pdf");
    let pdf = pdf.to_str().unwrap();
    let info = crate::tools::poppler("pdfinfo", &[pdf]);
    assert!(info.contains("(A4)"), "{info}");
    assert!(info.contains("Pages:           1\n"), "{info}");
    let text = crate::tools::poppler("pdftotext", &["-layout", pdf, "-"]);
    for printed in [
        "The barriers, highest first",
        "Available Resources",
        "71 of 100",
        "Discuss this first",
    ] {
        assert!(
            text.contains(printed),
            "`{printed}` is not printed:\n{text}"
        );
    }
    for hidden in ["Add answers", "Answers per statement", "Reserve an hour"] {
        assert!(!text.contains(hidden), "`{hidden}` is printed:\n{text}");
    }
}
