//! The checklists in a browser: ticking, reloading, progress, the dashboard, export, import,
//! reset, the Dutch and print pages, and the pages without JavaScript, on the bundled toolkit.
//! Runs `tests/browser/checklists.mjs` (Playwright driving Debian's `chromium`) with Node.js;
//! scripts/test.sh installs Chromium and the script's npm packages.

use std::path::Path;
use std::process::Command;

use crate::crawl::Server;
use crate::harness::{repo_root, run_in};

/// The folder of the browser tests, with its npm packages installed.
fn browser_tests() -> std::path::PathBuf {
    let dir = repo_root().join("tests/browser");
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "Chromium is missing: run scripts/test.sh, which installs it"
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "Node.js is missing (`node` did not run): run scripts/test.sh, which says how to install it"
    );
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "{} has no node_modules/playwright-core: run scripts/test.sh, which installs it with npm ci",
        dir.display()
    );
    dir
}

#[test]
fn checklists_tick_save_export_import_and_reset_in_a_browser() {
    run_script("checklists.mjs");
}

/// Builds the bundled toolkit under `/org/toolkit/`, serves it, and runs one script of
/// `tests/browser/` against it with Node.js; the script prints its checks and ends with
/// "checks passed". Returns what it printed.
pub fn run_script(script: &str) -> String {
    let dir = browser_tests();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let server = Server::start(&public, "/org/toolkit/");
    let url = format!("http://127.0.0.1:{}/org/toolkit/", server.port);
    let output = public.to_string_lossy().into_owned();
    run_in(
        &repo_root(),
        &["build", "--base-url", &url, "--output", &output],
    )
    .success();
    let mut command = Command::new("node");
    command.arg(script).arg(&url).current_dir(&dir);
    node_checks(command, script, String::new)
}

/// Runs a Node.js script of `tests/browser/` (`command` names it and its arguments): it must
/// succeed and end with "checks passed"; `context` adds to the message when it does not.
/// Returns what it printed.
#[track_caller]
pub fn node_checks(mut command: Command, script: &str, context: impl FnOnce() -> String) -> String {
    let run = command
        .output()
        .expect("Node.js is missing: run scripts/test.sh, which says how to install it");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "tests/browser/{script} failed ({}):\n{printed}{}",
        run.status,
        context()
    );
    assert!(printed.contains("checks passed"), "{printed}");
    printed
}
