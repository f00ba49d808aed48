//! The GitHub Pages workflow that publishes the bundled toolkit. The site-wide quality gates in
//! a browser and the Nu Html Checker are in tests/browser/quality.rs.

use crate::harness::repo_root;

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
