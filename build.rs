//! Rebuilds toolkit when a file is added to the built-in theme or the starter site, which are
//! compiled into the binary, and records the commit a release build is made from, for
//! `toolkit --version`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/starter");
    println!("cargo:rustc-env=TOOLKIT_BUILT_FROM={}", built_from());
}

/// What `--version` shows after the version number: the commit from `TOOLKIT_COMMIT` (for builds
/// from a source archive, which has no git history), else from git for a release build, else a
/// word saying which it is. A debug build does not read git, so that a commit does not recompile
/// every development build.
fn built_from() -> String {
    println!("cargo:rerun-if-env-changed=TOOLKIT_COMMIT");
    if let Ok(commit) = std::env::var("TOOLKIT_COMMIT") {
        let commit = commit.trim();
        if !commit.is_empty() {
            return format!("commit {}", short(commit));
        }
    }
    if std::env::var("PROFILE").as_deref() != Ok("release") {
        return "debug build".to_string();
    }
    match git_commit() {
        Some((hash, date)) => format!("commit {}, {date}", short(&hash)),
        None => "unknown commit".to_string(),
    }
}

/// A full hash shortened to 12 characters; anything else (a tag, a name) as given.
fn short(commit: &str) -> &str {
    let hex = commit.len() >= 12 && commit.bytes().all(|b| b.is_ascii_hexdigit());
    if hex { &commit[..12] } else { commit }
}

/// The commit checked out (hash and date) and, so that the next commit rebuilds, the files git
/// keeps it in. None outside a git checkout or without git.
fn git_commit() -> Option<(String, String)> {
    let out = git(&["log", "-1", "--format=%H %cs"])?;
    let (hash, date) = out.split_once(' ')?;
    for name in ["HEAD", "packed-refs"] {
        watch(git(&["rev-parse", "--git-path", name]));
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watch(git(&["rev-parse", "--git-path", &branch]));
    }
    Some((hash.to_string(), date.to_string()))
}

fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let out = Command::new("git")
        .args(args)
        .current_dir(&dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Reruns this script when a file of git changes; only files that exist, as a missing one would
/// rerun it on every build.
fn watch(path: Option<String>) {
    let Some(path) = path else { return };
    let mut path = PathBuf::from(path);
    if path.is_relative()
        && let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR")
    {
        path = Path::new(&dir).join(path);
    }
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
