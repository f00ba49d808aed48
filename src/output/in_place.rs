//! Updating an existing output folder in place: only files whose bytes changed are written,
//! files no longer produced are deleted (only those the old manifest lists), and unchanged files
//! are left alone, so their modification times stay and uploads stay small.
//!
//! Every changed file is written in full to a staging folder beside the output and then renamed
//! over the old one, so a file in the output is always whole: the old bytes or the new ones. The
//! manifest is widened to list both the old and the new files before anything moves, so a build
//! stopped half-way leaves an output the next build still recognises as its own and completes.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{FileContent, MANIFEST, OutputError, manifest};
use crate::fsutil::io_reason;

/// What an update did.
#[derive(Debug, Default)]
pub struct Updated {
    /// Files whose bytes changed or that are new.
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files of the old output no longer produced, deleted.
    pub removed: usize,
    pub bytes: u64,
    /// Files of the old output that could not be deleted, with the reason.
    pub not_removed: Vec<String>,
}

/// Updates `target` (an output folder whose files are all in `old`) to hold exactly `files`.
/// `staging` is an empty folder on the same file system; `shown` is the output as the user
/// named it, for messages.
pub fn update(
    target: &Path,
    shown: &Path,
    staging: &Path,
    old: &BTreeSet<String>,
    files: &BTreeMap<String, FileContent>,
) -> Result<Updated, OutputError> {
    // Once files move, an error leaves the output partly updated (every file whole).
    let io_error =
        |relative: &str, e: io::Error| OutputError::Unfinished(shown.join(relative), io_reason(&e));
    let stop = TestStop::from_env();

    // 1. The manifest lists old and new files until the update is complete.
    let union: BTreeSet<&String> = old.iter().chain(files.keys()).collect();
    if union.len() != old.len() {
        replace_manifest(target, staging, union.into_iter())
            .map_err(|e| OutputError::Io(shown.join(MANIFEST), io_reason(&e)))?;
    }

    // 2. Files no longer produced go, and the folders they leave empty.
    let mut updated = Updated::default();
    for stale in old.iter().filter(|name| !files.contains_key(*name)) {
        let path = target.join(stale);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => match fs::remove_file(&path) {
                Ok(()) => {
                    updated.removed += 1;
                    remove_empty_parents(target, stale);
                }
                Err(e) => updated.not_removed.push(format!(
                    "{}: {}",
                    shown.join(stale).display(),
                    io_reason(&e)
                )),
            },
            // Gone already, or not a plain file (never followed): nothing to do.
            _ => {}
        }
    }

    // 3. New and changed files, folder by folder over the cores.
    let mut folders: BTreeMap<&str, Vec<(&String, &FileContent)>> = BTreeMap::new();
    for (relative, content) in files {
        let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
        folders.entry(folder).or_default().push((relative, content));
    }
    let folders: Vec<_> = folders.into_iter().collect();
    let counter = AtomicUsize::new(0);
    let results = folders
        .par_iter()
        .map(
            |(folder, entries)| -> Result<(usize, usize, u64), OutputError> {
                let (mut written, mut unchanged, mut bytes) = (0, 0, 0);
                let mut made_folder = false;
                for (relative, content) in entries {
                    let data = content.read().map_err(|e| io_error(relative, e))?;
                    bytes += data.len() as u64;
                    let path = target.join(relative);
                    if same_bytes(&path, &data) {
                        unchanged += 1;
                        continue;
                    }
                    if !made_folder && !folder.is_empty() {
                        fs::create_dir_all(target.join(folder)).map_err(|e| io_error(folder, e))?;
                        made_folder = true;
                    }
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let temporary = staging.join(format!("{n}"));
                    fs::write(&temporary, &data).map_err(|e| io_error(relative, e))?;
                    fs::rename(&temporary, &path).map_err(|e| {
                        let _ = fs::remove_file(&temporary);
                        io_error(relative, e)
                    })?;
                    written += 1;
                    stop.after_write();
                }
                Ok((written, unchanged, bytes))
            },
        )
        .collect::<Vec<_>>();
    for result in results {
        let (written, unchanged, bytes) = result?;
        updated.written += written;
        updated.unchanged += unchanged;
        updated.bytes += bytes;
    }

    // 4. Complete: the manifest lists what is there now (and stale files that stayed).
    let kept: BTreeSet<&String> = files
        .keys()
        .chain(old.iter().filter(|name| {
            !files.contains_key(*name) && fs::symlink_metadata(target.join(name)).is_ok()
        }))
        .collect();
    if !kept.iter().copied().eq(old.iter()) {
        replace_manifest(target, staging, kept.into_iter()).map_err(|e| io_error(MANIFEST, e))?;
    }
    Ok(updated)
}

/// Whether the file at `path` holds exactly `data` (a plain file of the same length first).
fn same_bytes(path: &Path, data: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == data.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == data)
        }
        _ => false,
    }
}

/// Writes the manifest listing `names` beside the output, then renames it into place.
/// The names were checked before the update began, so each is one line.
fn replace_manifest<'a>(
    target: &Path,
    staging: &Path,
    names: impl Iterator<Item = &'a String>,
) -> io::Result<()> {
    let text = manifest::render(names).map_err(|name| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("the name {name:?}"))
    })?;
    let temporary = staging.join(MANIFEST);
    fs::write(&temporary, text)?;
    fs::rename(&temporary, target.join(MANIFEST))
}

/// Removes the folders above `relative` that are now empty, up to (not including) `target`.
fn remove_empty_parents(target: &Path, relative: &str) {
    let mut rest = relative;
    while let Some((parent, _)) = rest.rsplit_once('/') {
        if fs::remove_dir(target.join(parent)).is_err() {
            break;
        }
        rest = parent;
    }
}

/// For the tests of interrupted builds only: `TOOLKIT_TEST_STOP_AFTER_WRITES=N` ends a debug
/// build's process abruptly once N changed files have been renamed into place, as a power cut
/// or a killed process would. Release builds ignore it.
struct TestStop {
    after: Option<usize>,
    done: AtomicUsize,
}

impl TestStop {
    fn from_env() -> TestStop {
        let after = if cfg!(debug_assertions) {
            std::env::var("TOOLKIT_TEST_STOP_AFTER_WRITES")
                .ok()
                .and_then(|n| n.parse().ok())
        } else {
            None
        };
        TestStop {
            after,
            done: AtomicUsize::new(0),
        }
    }

    /// Counts a file renamed into place; ends the process at the count asked for.
    fn after_write(&self) {
        if let Some(after) = self.after
            && self.done.fetch_add(1, Ordering::SeqCst) + 1 >= after
        {
            std::process::exit(137);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> BTreeMap<String, FileContent> {
        list.iter()
            .map(|(n, c)| (n.to_string(), FileContent::Bytes(c.as_bytes().to_vec())))
            .collect()
    }

    fn listed(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn writes_only_what_changed_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (out, staging) = (dir.path().join("public"), dir.path().join("stage"));
        fs::create_dir_all(out.join("a/b")).unwrap();
        fs::create_dir(&staging).unwrap();
        fs::write(out.join("same.html"), "same").unwrap();
        fs::write(out.join("changed.html"), "old!").unwrap();
        fs::write(out.join("a/b/gone.html"), "gone").unwrap();
        let old = listed(&["same.html", "changed.html", "a/b/gone.html"]);
        let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(out.join("same.html"))
            .unwrap()
            .set_modified(past)
            .unwrap();
        let new = files(&[
            ("same.html", "same"),
            ("changed.html", "new!"),
            ("c/new.html", "new"),
        ]);
        let updated = update(&out, Path::new("public"), &staging, &old, &new).unwrap();
        assert_eq!(
            (updated.written, updated.unchanged, updated.removed),
            (2, 1, 1)
        );
        assert_eq!(
            fs::read_to_string(out.join("changed.html")).unwrap(),
            "new!"
        );
        assert_eq!(fs::read_to_string(out.join("c/new.html")).unwrap(), "new");
        assert!(!out.join("a").exists(), "emptied folders go too");
        let modified = fs::metadata(out.join("same.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, past, "an unchanged file is not touched");
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(
            manifest::parse(&manifest).unwrap(),
            listed(&["same.html", "changed.html", "c/new.html"])
        );
        assert_eq!(fs::read_dir(&staging).unwrap().count(), 0);
    }
}
