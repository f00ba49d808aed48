//! `toolkit init [DIR]`: writes a starter site that builds at once, with a GitHub Pages workflow.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use super::Outcome;
use crate::diagnostics::Diagnostic;
use crate::fsutil::io_reason;

/// The starter site: site.toml, a page of every kind, a deploy workflow, a .gitignore.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/starter");

/// Where the starter's files name the version of toolkit that writes them: the deploy workflow
/// installs exactly that version.
const VERSION_MARK: &str = "@TOOLKIT_VERSION@";

/// The starter's files as (path, text), for writing and for tests.
pub fn starter_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(&STARTER, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|(path, text)| (path, text.replace(VERSION_MARK, env!("CARGO_PKG_VERSION"))))
        .collect()
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        out.push((path, file.contents_utf8().expect("starter files are UTF-8")));
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

pub fn init(dir: &Path, quiet: bool) -> Outcome {
    let fail = |d: Diagnostic| {
        anstream::eprintln!("{}", d.render(true));
        Outcome::OutputRefused
    };
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return fail(
                    Diagnostic::error(format!("{} is not empty", shown(dir)))
                        .with_hint("toolkit init only writes into an empty or new folder, so that nothing is overwritten; name a new folder: toolkit init my-toolkit"),
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Err(e) = fs::create_dir_all(dir) {
                return fail(Diagnostic::error(format!(
                    "cannot create {}: {}",
                    shown(dir),
                    io_reason(&e)
                )));
            }
        }
        Err(e) => {
            return fail(Diagnostic::error(format!(
                "cannot read {}: {}",
                shown(dir),
                io_reason(&e)
            )));
        }
    }
    for (path, text) in starter_files() {
        let target = dir.join(&path);
        if let Some(parent) = target.parent()
            && let Err(e) = fs::create_dir_all(parent)
        {
            return fail(Diagnostic::error(format!(
                "cannot create {}: {}",
                parent.display(),
                io_reason(&e)
            )));
        }
        if let Err(e) = fs::write(&target, &text) {
            return fail(Diagnostic::error(format!(
                "cannot write {}: {}",
                target.display(),
                io_reason(&e)
            )));
        }
    }
    if !quiet {
        let cd = if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", shown(dir))
        };
        anstream::eprintln!(
            "Created a toolkit site in {}. Next: {cd}toolkit build",
            shown(dir)
        );
    }
    Outcome::Success
}

fn shown(dir: &Path) -> String {
    if dir == Path::new(".") {
        "this folder".to_string()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_deploy_workflow_installs_the_version_that_wrote_it() {
        let files = super::starter_files();
        let (_, workflow) = files
            .iter()
            .find(|(path, _)| path == ".github/workflows/deploy.yml")
            .expect("the starter has a deploy workflow");
        let line = format!("TOOLKIT_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
        assert_eq!(workflow.matches(&line).count(), 1, "{workflow}");
        assert!(workflow.contains("pip install \"implementation-toolkit==$TOOLKIT_VERSION\""));
        assert!(
            files
                .iter()
                .all(|(_, text)| !text.contains(super::VERSION_MARK))
        );
        // The package it installs is the one pyproject.toml builds.
        let pyproject = include_str!("../../pyproject.toml");
        assert!(pyproject.contains("\nname = \"implementation-toolkit\"\n"));
    }

    #[test]
    fn starter_has_a_page_of_every_kind() {
        let files = super::starter_files();
        for kind in crate::kinds::ALL {
            let has = files.iter().any(|(path, text)| {
                path.starts_with("content/")
                    && if kind.name() == crate::kinds::DEFAULT {
                        !text.contains("\nkind = ")
                    } else {
                        text.contains(&format!("\nkind = \"{}\"", kind.name()))
                    }
            });
            assert!(
                has,
                "the starter site has no page of kind `{}`",
                kind.name()
            );
        }
    }
}
