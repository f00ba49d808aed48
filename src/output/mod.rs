//! Writing the output folder without ever losing anything.
//!
//! A manifest in the output lists every file toolkit wrote; toolkit changes an existing output
//! folder only when it holds nothing else, and deletes only files it listed. A first build is
//! written into a new folder beside the output and moved into place when all of it was written;
//! later builds update the output in place (`in_place`): only changed files are written, each
//! whole, through a rename. `location` says where an output may be, `manifest` reads and writes
//! the list, `swap` puts a new folder in place and `leftovers` tidies what interrupted builds
//! left; `single_file` writes one file a command was asked for.

mod in_place;
mod leftovers;
mod location;
mod manifest;
mod single_file;
mod swap;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Position};
use crate::fsutil::io_reason;

pub use location::{SOURCE_FOLDERS, check as check_location, lexical_absolute};
pub use manifest::{MANIFEST, is_safe_entry};
pub use single_file::SingleFile;

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContent {
    Bytes(Vec<u8>),
    Builtin(&'static [u8]),
    Copy(PathBuf),
}

impl FileContent {
    /// The bytes, reading a file to be copied.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            FileContent::Bytes(b) => std::borrow::Cow::Borrowed(b),
            FileContent::Builtin(b) => std::borrow::Cow::Borrowed(b),
            FileContent::Copy(path) => std::borrow::Cow::Owned(std::fs::read(path)?),
        })
    }
}

/// Why the output could not be written. Nothing was changed when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {0} would overwrite the site's own files")]
    Overlaps(PathBuf, &'static str),
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("{0} holds files that toolkit did not write, such as {1}")]
    NotOurs(PathBuf, PathBuf),
    #[error("{0} holds a link, {1}, and toolkit never replaces a folder with links in it")]
    HoldsLink(PathBuf, PathBuf),
    #[error("the manifest lists `{entry}`, which is not a file inside the output folder")]
    BadManifest {
        manifest: PathBuf,
        line: usize,
        entry: String,
    },
    #[error("the file name `{0}` cannot be listed in the manifest")]
    UnlistableName(String),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, String),
    /// An update in place stopped after some files had changed.
    #[error("cannot write {0}: {1}")]
    Unfinished(PathBuf, String),
}

impl OutputError {
    pub fn hint(&self) -> String {
        match self {
            OutputError::Overlaps(_, what) => format!("choose another output_dir in site.toml or --output: it may not be {what}"),
            OutputError::NotAFolder(_) => "remove that file or choose another --output".to_string(),
            OutputError::NotOurs(..) | OutputError::HoldsLink(..) => "toolkit only replaces a folder it made; move those files elsewhere, or choose another --output".to_string(),
            OutputError::BadManifest { .. } => "toolkit deletes only files inside its output folder; the manifest was changed by someone else. Check the folder, then delete it yourself if you no longer need it".to_string(),
            OutputError::UnlistableName(_) => "rename the file: a file name may not contain a line break or other control character".to_string(),
            OutputError::Io(..) => "check the folder's permissions and free disk space".to_string(),
            OutputError::Unfinished(..) => "check the folder's permissions and free disk space, then build again: the next build completes the update".to_string(),
        }
    }

    /// The error as it is reported, with the manifest's line when it is about one.
    pub fn diagnostic(&self) -> Diagnostic {
        let outcome = match self {
            OutputError::Unfinished(..) => {
                "the output is partly updated: every file in it is whole, old or new"
            }
            _ => "nothing was changed",
        };
        let d = Diagnostic::error(format!("{self}; {outcome}")).with_hint(self.hint());
        match self {
            OutputError::BadManifest { manifest, line, .. } => d.at(
                manifest.clone(),
                Position {
                    line: *line,
                    column: 1,
                },
            ),
            _ => d,
        }
    }
}

/// What was written, and warnings about what was found beside or in the old output.
#[derive(Debug)]
pub struct Written {
    /// Files of the output, the manifest included.
    pub files: usize,
    /// Files whose bytes were written (new or changed); the rest were left untouched.
    pub changed: usize,
    /// Files of an earlier build no longer produced, deleted.
    pub removed: usize,
    pub bytes: u64,
    pub warnings: Vec<Diagnostic>,
}

/// Writes `files` to `output`, replacing an earlier output of toolkit's. `output` is shown in
/// messages as given; `.` and `..` in it are resolved by their text before anything is checked.
pub fn write(
    root: &Path,
    output: &Path,
    files: &BTreeMap<String, FileContent>,
) -> Result<Written, OutputError> {
    if let Some(bad) = files.keys().find(|name| !is_safe_entry(name)) {
        return Err(OutputError::UnlistableName(bad.escape_debug().to_string()));
    }
    check_location(root, output)?;
    let target = lexical_absolute(output);
    let io_error = |path: &Path, e: io::Error| OutputError::Io(path.to_path_buf(), io_reason(&e));
    let (parent, name) = match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string_lossy().into_owned()),
        _ => {
            return Err(OutputError::Overlaps(
                output.to_path_buf(),
                "the root of the file system",
            ));
        }
    };
    let mut warnings = leftovers::tidy(&parent, &name, &target);
    let old_manifest = check_replaceable(output, &target)?;
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, e))?;
    let marker = staging.path().join(leftovers::STAGING_MARKER);
    fs::write(&marker, std::process::id().to_string()).map_err(|e| io_error(&parent, e))?;

    // An output of an earlier build is updated in place: only what changed is written.
    if !old_manifest.is_empty() {
        let updated = in_place::update(&target, output, staging.path(), &old_manifest, files)?;
        if !updated.not_removed.is_empty() {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} of the previous build could not be removed and stayed: {}",
                    if updated.not_removed.len() == 1 {
                        "a file".to_string()
                    } else {
                        format!("{} files", updated.not_removed.len())
                    },
                    updated.not_removed.join("; ")
                ))
                .with_hint(
                    "check the permissions of those files; the next build removes them once it may",
                ),
            );
        }
        return Ok(Written {
            files: files.len() + 1,
            changed: updated.written,
            removed: updated.removed,
            bytes: updated.bytes,
            warnings,
        });
    }

    // Files are written folder by folder, the folders shared out over the cores.
    let mut folders: BTreeMap<&str, Vec<(&String, &FileContent)>> = BTreeMap::new();
    for (relative, content) in files {
        let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
        folders.entry(folder).or_default().push((relative, content));
    }
    let folders: Vec<_> = folders.into_iter().collect();
    let bytes: u64 = folders
        .par_iter()
        .map(|(folder, files)| -> Result<u64, OutputError> {
            let dir = staging.path().join(folder);
            fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
            let mut bytes = 0;
            for (relative, content) in files {
                let target = staging.path().join(relative);
                let data = content.read().map_err(|e| io_error(&target, e))?;
                bytes += data.len() as u64;
                fs::write(&target, &data).map_err(|e| io_error(&output.join(relative), e))?;
            }
            Ok(bytes)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    let manifest = manifest::render(files.keys()).map_err(OutputError::UnlistableName)?;
    fs::write(staging.path().join(MANIFEST), manifest)
        .map_err(|e| io_error(&output.join(MANIFEST), e))?;
    fs::remove_file(&marker).map_err(|e| io_error(&marker, e))?;

    // Swap: the new output takes the old one's place, then toolkit's files in the old one go.
    let staged = staging.keep();
    let aside = || unused_name(&parent, &format!(".{name}.old"));
    let old = swap::swap(&staged, &target, aside).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        io_error(output, e)
    })?;
    if let Some(old) = old
        && let Err(reason) = remove_owned(&old, &old_manifest)
    {
        warnings.push(
            Diagnostic::warning(format!(
                "the previous output could not be removed completely and is left in {}: {reason}",
                old.display()
            ))
            .with_hint("check the permissions of those files, then delete the folder yourself"),
        );
    }
    Ok(Written {
        files: files.len() + 1,
        changed: files.len(),
        removed: 0,
        bytes,
        warnings,
    })
}

/// Checks that an existing output folder holds only what toolkit wrote; returns that list.
/// `shown` is the output as the user named it, `target` the path to look at.
fn check_replaceable(shown: &Path, target: &Path) -> Result<BTreeSet<String>, OutputError> {
    let metadata = match fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(_) => return Ok(BTreeSet::new()),
    };
    if !metadata.is_dir() {
        return Err(OutputError::NotAFolder(shown.to_path_buf()));
    }
    owned_files(target).map_err(|e| e.shown_in(shown, target))
}

/// The files a folder's manifest lists, when the folder holds nothing else (and no links).
pub(crate) fn owned_files(folder: &Path) -> Result<BTreeSet<String>, OutputError> {
    let manifest_path = folder.join(MANIFEST);
    let listed = match fs::symlink_metadata(&manifest_path) {
        Ok(m) if m.is_file() => {
            let text = fs::read_to_string(&manifest_path)
                .map_err(|e| OutputError::Io(manifest_path.clone(), io_reason(&e)))?;
            manifest::parse(&text).map_err(|bad| OutputError::BadManifest {
                manifest: manifest_path.clone(),
                line: bad.line,
                entry: bad.entry,
            })?
        }
        _ => BTreeSet::new(),
    };
    for entry in walkdir::WalkDir::new(folder)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| OutputError::Io(folder.to_path_buf(), e.to_string()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        if entry.file_type().is_symlink() {
            return Err(OutputError::HoldsLink(
                folder.to_path_buf(),
                entry.path().to_path_buf(),
            ));
        }
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if name != MANIFEST && !listed.contains(&name) {
            return Err(OutputError::NotOurs(
                folder.to_path_buf(),
                entry.path().to_path_buf(),
            ));
        }
    }
    Ok(listed)
}

impl OutputError {
    /// The same error with paths under `target` shown under `shown`.
    fn shown_in(self, shown: &Path, target: &Path) -> OutputError {
        let show = |p: PathBuf| match p.strip_prefix(target) {
            Ok(rest) if rest.as_os_str().is_empty() => shown.to_path_buf(),
            Ok(rest) => shown.join(rest),
            Err(_) => p,
        };
        match self {
            OutputError::NotOurs(a, b) => OutputError::NotOurs(show(a), show(b)),
            OutputError::HoldsLink(a, b) => OutputError::HoldsLink(show(a), show(b)),
            OutputError::BadManifest {
                manifest,
                line,
                entry,
            } => OutputError::BadManifest {
                manifest: show(manifest),
                line,
                entry,
            },
            other => other,
        }
    }
}

fn unused_name(parent: &Path, prefix: &str) -> PathBuf {
    let pid = std::process::id();
    (0..)
        .map(|n| parent.join(format!("{prefix}-{pid}-{n}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("some name is free")
}

/// Deletes the files of `folder` that toolkit listed (found by walking it, never through a
/// link), then the folders they leave empty, then `folder` itself. Says what stayed, and why.
pub(crate) fn remove_owned(folder: &Path, listed: &BTreeSet<String>) -> Result<(), String> {
    let mut first_problem = None;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(folder).min_depth(1) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
            continue;
        }
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if (name == MANIFEST || listed.contains(&name))
            && !entry.file_type().is_symlink()
            && let Err(e) = fs::remove_file(entry.path())
        {
            first_problem
                .get_or_insert_with(|| format!("{}: {}", entry.path().display(), io_reason(&e)));
        }
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        let _ = fs::remove_dir(dir);
    }
    match fs::remove_dir(folder) {
        Ok(()) => Ok(()),
        Err(e) => Err(first_problem.unwrap_or_else(|| io_reason(&e))),
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

    #[test]
    fn writes_then_replaces_its_own_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            dir.path(),
            &out,
            &files(&[("index.html", "one"), ("a/index.html", "a")]),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a");
        write(dir.path(), &out, &files(&[("index.html", "two")])).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("a").exists(),
            "a file of the old build that the new one lacks is gone"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_a_folder_with_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        let e = write(dir.path(), &out, &files(&[("index.html", "x")])).unwrap_err();
        assert!(matches!(e, OutputError::NotOurs(..)), "{e}");
        assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        assert!(!out.join("index.html").exists());
    }

    #[test]
    fn refuses_a_file_in_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(&out, "notes").unwrap();
        assert!(matches!(
            write(dir.path(), &out, &files(&[])),
            Err(OutputError::NotAFolder(_))
        ));
        assert_eq!(fs::read_to_string(&out).unwrap(), "notes");
    }
}
