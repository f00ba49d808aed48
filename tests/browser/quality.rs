//! Site-wide quality gates on the bundled toolkit: accessibility (axe-core, WCAG 2.1 A and AA),
//! the skip link and focus, nothing loaded from another host, no cookies and no broken link, in
//! headless Chromium (`tests/browser/quality.mjs`); every page valid HTML by the Nu Html Checker
//! (`vnu.jar` from the `vnu-jar` npm package, run with Java).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::harness::{repo_root, run_in};
use crate::tools::run_script;

#[test]
fn every_page_is_accessible_self_contained_and_without_broken_links_in_a_browser() {
    let printed = run_script("quality.mjs");
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}

fn vnu_jar() -> PathBuf {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "{} is missing: run scripts/test.sh, which installs it with npm ci",
        jar.display()
    );
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.is_ok_and(|o| o.status.success()),
        "Java is missing (`java` did not run): run scripts/test.sh, which installs \
         default-jre-headless on Debian, or install a Java runtime (17 or newer)"
    );
    jar
}

/// One error of the Nu Html Checker, as `page:line:col: message`.
fn vnu_errors(json: &str, root: &std::path::Path) -> Vec<String> {
    let report: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("vnu printed no JSON ({e}):\n{json}"));
    let root = root.to_string_lossy().into_owned();
    report["messages"]
        .as_array()
        .expect("vnu's JSON has no messages")
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let path = url
                .strip_prefix("file:")
                .unwrap_or(url)
                .trim_start_matches(&root);
            let line = m["lastLine"].as_u64().unwrap_or(0);
            let col = m["firstColumn"]
                .as_u64()
                .or(m["lastColumn"].as_u64())
                .unwrap_or(0);
            let extract = m["extract"].as_str().unwrap_or("").replace('\n', " ");
            format!(
                "{path}:{line}:{col}: {}: {}\n    {extract}",
                m["type"].as_str().unwrap_or("error"),
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn every_generated_page_is_valid_html_for_the_nu_html_checker() {
    let jar = vnu_jar();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let output = public.to_string_lossy().into_owned();
    run_in(
        &repo_root(),
        &[
            "build",
            "--base-url",
            "https://example.org/org/toolkit/",
            "--output",
            &output,
        ],
    )
    .success();
    let pages = walkdir::WalkDir::new(&public)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 40, "only {pages} pages were built");

    let started = Instant::now();
    let run = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(&public)
        .output()
        .unwrap();
    let took = started.elapsed();
    // vnu writes its JSON report to stderr and exits 1 when it found errors.
    let json = String::from_utf8_lossy(&run.stderr);
    let errors = vnu_errors(json.trim(), &public);
    eprintln!(
        "vnu: {pages} pages checked, {} HTML errors, {:.1} s",
        errors.len(),
        took.as_secs_f64()
    );
    assert!(
        errors.is_empty(),
        "the Nu Html Checker found {} errors in the bundled toolkit:\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(run.status.success(), "vnu failed ({}): {json}", run.status);
}
