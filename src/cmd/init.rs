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
        anstream::eprint!("{}", next_steps(dir, &program()));
    }
    Outcome::Success
}

/// How to run this toolkit again from any folder: `toolkit` when that name on the PATH is this
/// very program, else its full path (run through `cargo run`, or from a download folder), so
/// that the printed commands work as they are.
fn program() -> String {
    let Ok(exe) = std::env::current_exe() else {
        return "toolkit".to_string();
    };
    let name = format!("toolkit{}", std::env::consts::EXE_SUFFIX);
    let same = |candidate: &Path| fs::canonicalize(candidate).ok() == fs::canonicalize(&exe).ok();
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| same(&dir.join(&name))))
        .unwrap_or(false);
    if on_path {
        "toolkit".to_string()
    } else {
        shell_word(&exe.to_string_lossy())
    }
}

/// What `init` prints when it is done: the commands to preview and to build the new site.
fn next_steps(dir: &Path, program: &str) -> String {
    let mut out = format!(
        "Created a toolkit site in {}. Next, preview it while you write, then build it:\n",
        shown(dir)
    );
    if dir != Path::new(".") {
        out.push_str(&format!("  cd {}\n", shell_word(&dir.to_string_lossy())));
    }
    out.push_str(&format!("  {program} serve --watch\n  {program} build\n"));
    if program != "toolkit" {
        out.push_str(
            "(`toolkit` is not on your PATH as this program, so the commands name it in full.)\n",
        );
    }
    out
}

/// `text` as one word for the shell: as it is when it holds only safe characters, else quoted.
fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:=@,%".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else if cfg!(windows) {
        format!("\"{text}\"")
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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
    use std::path::Path;

    #[test]
    fn next_steps_name_the_program_as_it_can_be_run() {
        assert_eq!(
            super::next_steps(Path::new("my site"), "toolkit"),
            "Created a toolkit site in my site. Next, preview it while you write, then build it:\n  cd 'my site'\n  toolkit serve --watch\n  toolkit build\n"
        );
        assert_eq!(
            super::next_steps(Path::new("."), "/opt/tk/toolkit"),
            "Created a toolkit site in this folder. Next, preview it while you write, then build it:\n  /opt/tk/toolkit serve --watch\n  /opt/tk/toolkit build\n(`toolkit` is not on your PATH as this program, so the commands name it in full.)\n"
        );
        if !cfg!(windows) {
            assert_eq!(super::shell_word("it's here"), "'it'\\''s here'");
        }
    }

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
