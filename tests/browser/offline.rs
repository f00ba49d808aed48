//! Works offline after the first visit: the service worker the build writes keeps the language
//! in use, answers offline with pages that say they are the offline copy, keeps nothing a
//! reader typed, updates when a new build is published, and is removed under `toolkit serve`
//! (`tests/browser/offline.mjs`, which builds and serves a copy of the bundled toolkit itself).

use crate::harness::{copy_tree, repo_root};
use crate::tools::{browser_script, node_checks};

#[test]
fn the_offline_copy_is_kept_shown_offline_updated_by_a_new_build_and_removed_by_serve() {
    let site = tempfile::tempdir().unwrap();
    let repo = repo_root();
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    for folder in ["content", "static", "themes"] {
        if repo.join(folder).is_dir() {
            copy_tree(&repo.join(folder), &site.path().join(folder), &[]);
        }
    }
    let mut command = browser_script("offline.mjs");
    command
        .arg(site.path())
        .env("TOOLKIT_BIN", env!("CARGO_BIN_EXE_toolkit"))
        .env("NO_COLOR", "1");
    let printed = node_checks(command, "offline.mjs", String::new);
    for line in printed.lines().filter(|l| !l.starts_with("ok ")) {
        eprintln!("{line}");
    }
}
