//! The measures pages in JavaScript: `measures.js` gives the answers of the worked examples the
//! Rust code is tested against (`tests/browser/measures-vectors.mjs`), and the bundled pages work
//! in a browser (`tests/browser/measures.mjs`): typed figures on the charts, impossible ones
//! refused, the review printed on A4, axe-core clean, no request leaving the site. The CSV the
//! page downloads is then built into a site, which must read back the same figures.

use pretty_assertions::assert_eq;
use toolkit::kinds::measures::{figures, indicators};

use crate::crawl::Server;
use crate::harness::{Site, copy_tree, repo_root, run_in};
use crate::tools::{browser_script, node_checks, node_script};

#[test]
fn javascript_gives_the_answers_of_the_shared_vectors() {
    node_checks(
        node_script("measures-vectors.mjs"),
        "measures-vectors.mjs",
        String::new,
    );
}

/// The indicators of a bundled measures page.
fn bundled_indicators(page: &str) -> Vec<indicators::Indicator> {
    let text = std::fs::read_to_string(repo_root().join(page)).unwrap();
    let block = text
        .split("```toml measures\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    indicators::read(block).unwrap().indicators
}

#[test]
fn measures_in_a_browser_and_the_downloaded_csv_read_back_by_a_build() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let downloads = out.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let server = Server::start(&public, "/org/toolkit/");
    let url = format!("http://127.0.0.1:{}/org/toolkit/", server.port);
    run_in(
        &repo_root(),
        &[
            "build",
            "--base-url",
            &url,
            "--output",
            public.to_str().unwrap(),
        ],
    )
    .success();
    let mut command = browser_script("measures.mjs");
    command.arg(&url).arg(&downloads);
    node_checks(command, "measures.mjs", String::new);

    for (lang, page, built, percent) in [
        (
            "en",
            "content/tools/measures.md",
            "public/tools/measures/index.html",
            "64.5 %",
        ),
        (
            "nl",
            "content/tools/measures.nl.md",
            "public/nl/tools/measures/index.html",
            "64,5 %",
        ),
    ] {
        let csv = std::fs::read_to_string(downloads.join(format!("{lang}.csv"))).unwrap();
        // The build reads the downloaded file as it is, and would write it back the same.
        let indicators = bundled_indicators(page);
        let read = figures::read(&csv, &indicators).unwrap();
        assert_eq!(figures::write(&read, &indicators), csv, "{lang}");
        let reach = read.by_indicator["reach"].last().unwrap();
        assert_eq!(
            (reach.month.as_str(), reach.numerator, reach.denominator),
            ("2027-04", Some(20), Some(31))
        );
        assert_eq!(
            read.by_indicator["waiting-time"].last().unwrap().value,
            25.5
        );

        // A site built with the downloaded file shows the typed month.
        let site = Site::empty();
        for part in ["site.toml", "content", "themes"] {
            let from = repo_root().join(part);
            if from.is_dir() {
                copy_tree(&from, &site.root.join(part), &[]);
            } else {
                std::fs::copy(&from, site.root.join(part)).unwrap();
            }
        }
        site.write("content/tools/measures.csv", &csv);
        site.run(&["build"]).success();
        let html = site.read(built);
        assert!(
            html.contains(&format!("<tr data-month=\"2027-04\"><th scope=\"row\">2027-04</th><td>20</td><td>31</td><td>{percent}</td></tr>")),
            "{lang}: the typed month is not in the built table"
        );
        assert!(
            html.contains("data-month=\"2027-04\" cx="),
            "{lang}: no point for 2027-04"
        );
    }
}
