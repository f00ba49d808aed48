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

/// The actions a workflow uses, as (name, version): `actions/checkout@v6` → ("actions/checkout", "v6").
fn actions(workflow: &str) -> Vec<(String, String)> {
    workflow
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .filter_map(|a| a.split_once('@'))
        .map(|(name, version)| (name.to_string(), version.to_string()))
        .collect()
}

#[test]
fn the_pages_workflow_builds_the_bundled_toolkit_and_its_docs_with_the_pages_base_url() {
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
    let checkout = position("uses: actions/checkout@");
    let python = position("uses: actions/setup-python@");
    let released = position("id: release");
    let install = position("pip install \"implementation-toolkit==");
    let rust = position("uses: dtolnay/rust-toolchain@stable");
    let compile = position("cargo build --release --locked");
    let pages = position("uses: actions/configure-pages@");
    let check = position("toolkit check --root docs");
    let cache = position("path: .toolkit-cache");
    let site = position("--base-url");
    let upload = position("uses: actions/upload-pages-artifact@");
    assert!(
        checkout < python
            && python < released
            && released < install
            && released < rust
            && rust < compile
            && install < check
            && compile < check
            && check < site
            && pages < site
            && cache < site
            && site < upload,
        "the build job's steps are out of order: {build:#?}"
    );
    // toolkit comes from PyPI once the version of Cargo.toml is released, else from source.
    assert!(build[install].contains("if: steps.release.outputs.released == 'yes'"));
    for step in [rust, compile] {
        assert!(build[step].contains("if: steps.release.outputs.released != 'yes'"));
    }
    assert!(
        build[pages].contains("id: pages"),
        "configure-pages needs `id: pages`"
    );
    let command = &build[site];
    assert!(
        command.contains("toolkit build --base-url \"${{ steps.pages.outputs.base_url }}/\" --output public\n")
            && command.contains("toolkit build --root docs --base-url \"${{ steps.pages.outputs.base_url }}/docs/\" --output public/docs"),
        "the toolkit and its docs are not built with the Pages base URL into public/: {command}"
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
            .any(|s| s.contains("uses: actions/deploy-pages@") && s.contains("id: deployment")),
        "the deploy job does not run actions/deploy-pages: {deploy:#?}"
    );
    assert!(
        workflow.contains("needs: build") && workflow.contains("name: github-pages"),
        "the deploy job must need build and use the github-pages environment"
    );

    // The starter of `toolkit init` publishes the same way, with the same versions of the actions.
    let starter =
        std::fs::read_to_string(repo_root().join("src/cmd/starter/.github/workflows/deploy.yml"))
            .unwrap();
    let ours = actions(&workflow);
    let theirs = actions(&starter);
    for name in [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/cache",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ] {
        let version = |list: &[(String, String)]| {
            list.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("{name} is missing from a Pages workflow"))
        };
        assert_eq!(
            version(&theirs),
            version(&ours),
            "the starter's deploy.yml and pages.yml use different versions of {name}"
        );
    }
    assert!(
        starter.contains("${{ steps.pages.outputs.base_url }}/")
            && starter.contains("id-token: write")
    );
}
