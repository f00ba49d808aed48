//! Site-wide quality gates on the bundled toolkit: accessibility (axe-core, WCAG 2.1 A and AA),
//! the skip link and focus, nothing loaded from another host, no cookies and no broken link, in
//! headless Chromium (`tests/browser/quality.mjs`); every page valid HTML by the Nu Html Checker
//! (`vnu.jar` from the `vnu-jar` npm package, run with Java); and the GitHub Pages workflow that
//! publishes the bundled toolkit.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::browser::run_script;
use crate::harness::{repo_root, run_in};

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

/// The steps of a workflow's job, as the lines that start each `- ` item under `steps:`.
fn step_text(workflow: &str, job: &str) -> Vec<String> {
    let mut steps: Vec<String> = Vec::new();
    let mut in_job = false;
    let mut in_steps = false;
    for line in workflow.lines() {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if indent == 2 && text.ends_with(':') {
            in_job = text == format!("{job}:");
            in_steps = false;
            continue;
        }
        if indent == 0 {
            in_job = false;
        }
        if in_job && indent == 4 {
            in_steps = text == "steps:";
            continue;
        }
        if in_job && in_steps {
            if let Some(rest) = text.strip_prefix("- ") {
                steps.push(rest.to_string());
            } else if let Some(last) = steps.last_mut() {
                last.push('\n');
                last.push_str(text);
            }
        }
    }
    steps
}

#[test]
fn the_pages_workflow_builds_the_bundled_toolkit_with_the_pages_base_url_and_deploys_it() {
    let path = repo_root().join(".github/workflows/pages.yml");
    let workflow =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for wanted in [
        "on:\n  push:\n    branches: [main]\n  workflow_dispatch:",
        "permissions:",
        "  pages: write",
        "  id-token: write",
        "concurrency:",
        "  group: pages",
    ] {
        assert!(workflow.contains(wanted), "pages.yml lacks {wanted:?}");
    }
    let build = step_text(&workflow, "build");
    let position = |what: &str| {
        build
            .iter()
            .position(|s| s.contains(what))
            .unwrap_or_else(|| panic!("the build job has no step with {what:?}: {build:#?}"))
    };
    let checkout = position("uses: actions/checkout@v4");
    let rust = position("uses: dtolnay/rust-toolchain@stable");
    let pages = position("uses: actions/configure-pages@v5");
    let compile = position("cargo build --release --locked");
    let site = position("--base-url");
    let upload = position("uses: actions/upload-pages-artifact@v3");
    let cache = position("path: .toolkit-cache");
    assert!(
        checkout < rust
            && rust < compile
            && pages < site
            && compile < site
            && cache < site
            && site < upload,
        "the build job's steps are out of order: {build:#?}"
    );
    assert!(
        build[pages].contains("id: pages"),
        "configure-pages needs `id: pages`"
    );
    let command = &build[site];
    assert!(
        command.contains("target/release/toolkit build")
            && command.contains("${{ steps.pages.outputs.base_url }}/")
            && command.contains("--output public"),
        "the site is not built with the Pages base URL into public/: {command}"
    );
    assert!(
        build[upload].contains("path: public"),
        "upload-pages-artifact does not upload public/: {}",
        build[upload]
    );
    let deploy = step_text(&workflow, "deploy");
    assert!(
        deploy
            .iter()
            .any(|s| s.contains("uses: actions/deploy-pages@v4") && s.contains("id: deployment")),
        "the deploy job does not run actions/deploy-pages: {deploy:#?}"
    );
    assert!(
        workflow.contains("needs: build") && workflow.contains("name: github-pages"),
        "the deploy job must need build and use the github-pages environment"
    );

    // The starter of `toolkit init` publishes the same way.
    let starter =
        std::fs::read_to_string(repo_root().join("src/cmd/starter/.github/workflows/deploy.yml"))
            .unwrap();
    for action in [
        "actions/checkout@v4",
        "actions/configure-pages@v5",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
        "${{ steps.pages.outputs.base_url }}/",
        "id-token: write",
    ] {
        assert!(
            starter.contains(action),
            "the starter's deploy.yml lacks {action:?}, which pages.yml uses"
        );
    }
}
