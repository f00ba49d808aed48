//! The programs these tests run besides `toolkit`: Chromium (the one `TOOLKIT_CHROMIUM` names,
//! by default Debian's `/usr/bin/chromium`), and the Node.js scripts of `tests/browser/` with
//! their npm packages. scripts/test.sh installs them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::crawl::Server;
use crate::harness::{repo_root, run_in};

/// The Chromium the tests drive: the path in `TOOLKIT_CHROMIUM`, or Debian's.
pub fn chromium() -> PathBuf {
    let path = std::env::var_os("TOOLKIT_CHROMIUM")
        .filter(|path| !path.is_empty())
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.is_file(),
        "Chromium is missing ({} does not exist): run scripts/test.sh, which installs it, or set \
         TOOLKIT_CHROMIUM to the path of a Chromium",
        path.display()
    );
    path
}

/// The folder of the browser tests, with its npm packages installed.
pub fn browser_tests() -> PathBuf {
    let dir = repo_root().join("tests/browser");
    chromium();
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

/// `node SCRIPT` in `tests/browser/`, for a script that drives Chromium: it is told which one.
pub fn browser_script(script: &str) -> Command {
    let dir = browser_tests();
    let mut command = Command::new("node");
    command
        .arg(script)
        .env("TOOLKIT_CHROMIUM", chromium())
        .current_dir(&dir);
    command
}

/// Builds the bundled toolkit under `/org/toolkit/`, serves it, and runs one script of
/// `tests/browser/` against it with Node.js; the script prints its checks and ends with
/// "checks passed". Returns what it printed.
pub fn run_script(script: &str) -> String {
    let mut command = browser_script(script);
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
    command.arg(&url);
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

/// `node SCRIPT` in `tests/browser/`, for a script that runs without a browser.
pub fn node_script(script: &str) -> Command {
    let mut command = Command::new("node");
    command
        .arg(script)
        .current_dir(repo_root().join("tests/browser"));
    command
}

/// What a poppler tool (`pdfinfo`, `pdftotext`) printed for `args`; it must succeed.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is missing ({e}): run scripts/test.sh, which installs poppler-utils")
    });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Prints `url` to `pdf` with headless Chromium, as a reader's "Print to PDF" would (A4 is the
/// page size the pages' print stylesheet asks for).
pub fn print_to_pdf(url: &str, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "Chromium printed nothing: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}
