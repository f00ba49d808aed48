//! Listing the files of a source folder (`content/`, `static/`, a theme's `static/`): links are
//! followed only while they stay inside the site folder, and a file name that cannot be
//! published as it is (not UTF-8, or with a line break or other control character) is an error.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

/// A file found in a source folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its path below the folder, `/`-separated: `images/logo.png`.
    pub name: String,
    /// Where to read it.
    pub path: PathBuf,
    /// Its path from the site folder, for messages.
    pub relative: PathBuf,
}

/// The files below `root/folder`, in name order, leaving out what `ignored` says; the problems
/// met are added to `problems`. A missing folder has no files.
pub fn files(
    root: &Path,
    folder: &str,
    ignored: fn(&OsStr) -> bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let base = root.join(folder);
    if fs::symlink_metadata(&base).is_err() {
        return Vec::new();
    }
    let site = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shown = |path: &Path| {
        let relative = path.strip_prefix(root).unwrap_or(path);
        display_path(root, Path::new(&shown_text(&relative.to_string_lossy())))
    };
    let mut found = Vec::new();
    let mut link_problems = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && ignored(e.file_name()) {
                return false;
            }
            if !e.path_is_symlink() {
                return true;
            }
            match fs::canonicalize(e.path()) {
                Ok(target) if target.starts_with(&site) => true,
                Ok(target) => {
                    link_problems.push(
                        Diagnostic::error(format!(
                            "this is a link to {}, which is outside the site folder",
                            target.display()
                        ))
                        .in_file(shown(e.path()))
                        .with_hint("copy the file or folder into the site instead of linking to it: toolkit publishes only what is inside the site folder"),
                    );
                    false
                }
                Err(_) => {
                    link_problems.push(
                        Diagnostic::error("this is a link to something that does not exist")
                            .in_file(shown(e.path()))
                            .with_hint("remove the link or make it point to a file inside the site folder"),
                    );
                    false
                }
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| base.clone());
                let dangling = fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink())
                    && fs::metadata(&path).is_err();
                let (message, hint) = if e.loop_ancestor().is_some() {
                    (
                        "this link leads back to a folder that holds it".to_string(),
                        "remove the link: a folder may not contain itself",
                    )
                } else if dangling {
                    (
                        "this is a link to something that does not exist".to_string(),
                        "remove the link or make it point to a file inside the site folder",
                    )
                } else {
                    let reason = e
                        .io_error()
                        .map(crate::fsutil::io_reason)
                        .unwrap_or_else(|| e.to_string());
                    (
                        format!("cannot read: {reason}"),
                        "check that you may read it",
                    )
                };
                problems.push(
                    Diagnostic::error(message)
                        .in_file(shown(&path))
                        .with_hint(hint),
                );
                continue;
            }
        };
        let relative = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let Some(name) = relative.to_str() else {
            problems.push(
                Diagnostic::error("the file name is not valid UTF-8")
                    .in_file(shown(entry.path()))
                    .with_hint("rename it: toolkit publishes file names as UTF-8, and two such names could become one"),
            );
            continue;
        };
        if name.chars().any(char::is_control) {
            problems.push(
                Diagnostic::error(
                    "the file name contains a line break or another control character",
                )
                .in_file(shown(entry.path()))
                .with_hint("rename it without such characters"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        found.push(Found {
            name: name.replace('\\', "/"),
            path: entry.path().to_path_buf(),
            relative: Path::new(folder).join(relative),
        });
    }
    problems.extend(link_problems);
    found
}

/// `text` with control characters written as escapes, so that a message stays on one line.
pub fn shown_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(root: &Path) -> (Vec<String>, Vec<String>) {
        let mut problems = Vec::new();
        let found = files(root, "content", |_| false, &mut problems);
        (
            found.into_iter().map(|f| f.name).collect(),
            problems.iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn follows_links_inside_the_site_and_refuses_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content/docs")).unwrap();
        fs::create_dir_all(root.join("shared")).unwrap();
        fs::write(root.join("shared/logo.txt"), "logo").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        fs::write(root.join("content/docs/a.md"), "a").unwrap();
        std::os::unix::fs::symlink("../shared", root.join("content/images")).unwrap();
        std::os::unix::fs::symlink("../../secret.txt", root.join("content/secret.txt")).unwrap();
        std::os::unix::fs::symlink("nothing", root.join("content/gone.txt")).unwrap();
        std::os::unix::fs::symlink(".", root.join("content/docs/loop")).unwrap();
        let (names, problems) = list(&root);
        assert_eq!(names, ["docs/a.md", "images/logo.txt"]);
        let secret = fs::canonicalize(dir.path().join("secret.txt")).unwrap();
        let shown = root.display();
        assert_eq!(
            problems,
            [
                format!(
                    "{shown}/content/docs/loop: error: this link leads back to a folder that holds it\n  hint: remove the link: a folder may not contain itself"
                ),
                format!(
                    "{shown}/content/gone.txt: error: this is a link to something that does not exist\n  hint: remove the link or make it point to a file inside the site folder"
                ),
                format!(
                    "{shown}/content/secret.txt: error: this is a link to {}, which is outside the site folder\n  hint: copy the file or folder into the site instead of linking to it: toolkit publishes only what is inside the site folder",
                    secret.display()
                ),
            ]
        );
    }

    #[test]
    fn refuses_names_that_cannot_be_published() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/a\nb.txt"), "x").unwrap();
        fs::write(
            root.join("content").join(OsStr::from_bytes(b"caf\xe9.txt")),
            "x",
        )
        .unwrap();
        fs::write(root.join("content/ok.txt"), "x").unwrap();
        let (names, problems) = list(root);
        assert_eq!(names, ["ok.txt"]);
        let shown = root.display();
        assert_eq!(
            problems,
            [
                format!(
                    "{shown}/content/a\\nb.txt: error: the file name contains a line break or another control character\n  hint: rename it without such characters"
                ),
                format!(
                    "{shown}/content/caf\u{fffd}.txt: error: the file name is not valid UTF-8\n  hint: rename it: toolkit publishes file names as UTF-8, and two such names could become one"
                ),
            ]
        );
    }
}
