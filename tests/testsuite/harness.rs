//! Runs the real `toolkit` binary on a copy of a fixture site and compares what it did with what
//! the fixture expects. `TOOLKIT_BLESS=1 cargo test` rewrites the expectations.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture copied into a temporary folder, so runs never touch the repository.
pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` (without its `expected/` and `stderr.txt`).
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_tree(
            &fixtures().join(name),
            &site.root,
            &["expected", "stderr.txt"],
        );
        site
    }

    pub fn empty() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        Site { _dir: dir, root }
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Runs `toolkit ARGS` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(
            toolkit()
                .args(args)
                .current_dir(&self.root)
                .output()
                .unwrap(),
        )
    }

    /// Every file under `folder` with its bytes.
    pub fn tree(&self, folder: &str) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.root.join(folder))
    }
}

/// Runs `toolkit ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::from(toolkit().args(args).current_dir(dir).output().unwrap())
}

pub fn toolkit() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_toolkit"));
    // A fixed build date (2026-11-22) keeps generated forms the same from run to run.
    command
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TOOLKIT_CACHE");
    command
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    #[allow(dead_code)]
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "toolkit failed:\n{}", self.stderr);
        self
    }
}

pub fn bless() -> bool {
    std::env::var_os("TOOLKIT_BLESS").is_some()
}

/// Builds fixture `name` and compares its output with `expected/`: the output must hold exactly
/// the files of `expected/`, each with the same bytes. With `TOOLKIT_BLESS`, `expected/` becomes
/// a copy of the output instead: new files are added and files no longer produced removed.
/// Returns the site for more checks.
pub fn build_and_compare(name: &str, args: &[&str]) -> Site {
    let site = Site::fixture(name);
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    site.run(&all).success();
    let expected_dir = fixtures().join(name).join("expected");
    let mut produced = site.tree("public");
    // The built-in theme's own files are compared with the theme, not kept in every expected/.
    let theme = read_tree(&repo_root().join("themes/default/static"));
    for (relative, bytes) in &theme {
        if let Some(got) = produced.get(relative)
            && !expected_dir.join(relative).exists()
        {
            assert!(
                got == bytes,
                "{name}: public/{relative} is not the built-in theme's file"
            );
            produced.remove(relative);
        }
    }
    if bless() {
        bless_tree(&expected_dir, &produced);
        return site;
    }
    let expected = read_tree(&expected_dir);
    assert!(!expected.is_empty(), "{name} has no expected/ files");
    let missing: Vec<&String> = expected
        .keys()
        .filter(|relative| !produced.contains_key(*relative))
        .collect();
    let extra: Vec<&String> = produced
        .keys()
        .filter(|relative| !expected.contains_key(*relative))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{name}: the output does not hold the files of expected/ (TOOLKIT_BLESS=1 rewrites \
         expected/; review the new files before committing them)\n\
         expected but not produced: {missing:?}\nproduced but not in expected/: {extra:?}"
    );
    for (relative, want) in &expected {
        let got = &produced[relative];
        pretty_assertions::assert_eq!(
            String::from_utf8_lossy(got),
            String::from_utf8_lossy(want),
            "{name}: public/{relative} differs from expected/{relative} (TOOLKIT_BLESS=1 rewrites it)"
        );
    }
    site
}

/// Makes `dir` hold exactly `files`: writes each of them, removes every other file and the
/// folders that leaves empty.
fn bless_tree(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for relative in read_tree(dir).keys() {
        if !files.contains_key(relative) {
            fs::remove_file(dir.join(relative)).unwrap();
        }
    }
    for (relative, bytes) in files {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    // Deepest folders first, so that a folder emptied by its children's removal goes too.
    let mut folders: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_dir())
        .map(|entry| entry.into_path())
        .collect();
    folders.sort_by_key(|folder| std::cmp::Reverse(folder.components().count()));
    for folder in folders {
        if fs::read_dir(&folder).unwrap().next().is_none() {
            fs::remove_dir(&folder).unwrap();
        }
    }
}

/// Runs `toolkit ARGS` on fixture `name`, expects exit code `code` and exactly `stderr.txt`.
pub fn fails_with(name: &str, args: &[&str], code: i32) -> Site {
    let site = Site::fixture(name);
    check_failure(&site, name, args, code);
    site
}

pub fn check_failure(site: &Site, name: &str, args: &[&str], code: i32) {
    let run = site.run(args);
    let expected_path = fixtures().join(name).join("stderr.txt");
    if bless() {
        fs::write(&expected_path, &run.stderr).unwrap();
    } else {
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{name}/stderr.txt is missing"));
        pretty_assertions::assert_eq!(
            run.stderr,
            expected,
            "{name}: stderr differs from stderr.txt"
        );
    }
    assert_eq!(run.code, code, "{name}: exit code; stderr:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{name} panicked");
}

pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(from).unwrap();
        if skip.iter().any(|s| relative.starts_with(s)) {
            continue;
        }
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, fs::read(entry.path()).unwrap());
        }
    }
    files
}
