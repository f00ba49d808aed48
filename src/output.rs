//! Writing the output folder without ever losing anything.
//!
//! The site is written into a new folder beside the output and swapped in only when all of it
//! was written. A manifest in the output lists every file toolkit wrote; toolkit replaces an
//! existing output folder only when it holds nothing else, and deletes only files it listed.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::fsutil::io_reason;
use crate::site::FileContent;

/// The file in every output folder that lists what toolkit wrote there.
pub const MANIFEST: &str = ".toolkit-manifest";
const MANIFEST_HEADER: &str =
    "# Written by toolkit. It replaces this folder only while every file in it is listed here.";

/// Why the output could not be written. Nothing was changed when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {0} would overwrite the site's own files")]
    Overlaps(PathBuf, &'static str),
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("{0} holds files that toolkit did not write, such as {1}")]
    NotOurs(PathBuf, PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, String),
}

impl OutputError {
    pub fn hint(&self) -> String {
        match self {
            OutputError::Overlaps(_, what) => format!("choose another output_dir in site.toml or --output: it may not be {what}"),
            OutputError::NotAFolder(_) => "remove that file or choose another --output".to_string(),
            OutputError::NotOurs(..) => "toolkit only replaces a folder it made; move those files elsewhere, or choose another --output".to_string(),
            OutputError::Io(..) => "check the folder's permissions and free disk space".to_string(),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// Refuses an output folder that is the site folder, one of its source folders, inside one of
/// them, or a folder above the site.
pub fn check_location(root: &Path, output: &Path) -> Result<(), OutputError> {
    let root = absolute(root);
    let out = absolute(output);
    if out == root {
        return Err(OutputError::Overlaps(
            output.to_path_buf(),
            "the site folder itself",
        ));
    }
    if root.starts_with(&out) {
        return Err(OutputError::Overlaps(
            output.to_path_buf(),
            "a folder that holds the site",
        ));
    }
    for source in ["content", "themes", "static", "templates", "i18n"] {
        if out.starts_with(root.join(source)) {
            return Err(OutputError::Overlaps(
                output.to_path_buf(),
                "content/, themes/, static/, templates/, i18n/ or a folder inside them",
            ));
        }
    }
    Ok(())
}

/// An absolute, normalised path that follows links for the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut result = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            result.pop();
        } else if name != "." {
            result.push(name);
        }
    }
    result
}

/// Writes `files` to `output`, replacing an earlier output of toolkit's.
pub fn write(
    root: &Path,
    output: &Path,
    files: &BTreeMap<String, FileContent>,
) -> Result<Written, OutputError> {
    check_location(root, output)?;
    let old_manifest = check_replaceable(output)?;
    let io_error = |path: &Path, e: io::Error| OutputError::Io(path.to_path_buf(), io_reason(&e));

    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, e))?;

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
    let mut manifest = String::from(MANIFEST_HEADER);
    manifest.push('\n');
    for relative in files.keys() {
        manifest.push_str(relative);
        manifest.push('\n');
    }
    fs::write(staging.path().join(MANIFEST), manifest)
        .map_err(|e| io_error(&output.join(MANIFEST), e))?;

    // Swap: the old output steps aside, the new one takes its place, then the old one goes.
    let staged = staging.keep();
    let aside = if output.exists() {
        let aside = unused_name(&parent, &format!(".{name}.old"));
        fs::rename(output, &aside).map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            io_error(output, e)
        })?;
        Some(aside)
    } else {
        None
    };
    if let Err(e) = fs::rename(&staged, output) {
        if let Some(aside) = &aside {
            let _ = fs::rename(aside, output);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(io_error(output, e));
    }
    if let Some(aside) = aside {
        remove_listed(&aside, &old_manifest);
    }
    Ok(Written {
        files: files.len() + 1,
        bytes,
    })
}

/// Checks that an existing output folder holds only what toolkit wrote; returns that list.
fn check_replaceable(output: &Path) -> Result<BTreeSet<String>, OutputError> {
    let metadata = match fs::symlink_metadata(output) {
        Ok(m) => m,
        Err(_) => return Ok(BTreeSet::new()),
    };
    if !metadata.is_dir() {
        return Err(OutputError::NotAFolder(output.to_path_buf()));
    }
    let listed: BTreeSet<String> = match fs::read_to_string(output.join(MANIFEST)) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| OutputError::Io(output.to_path_buf(), e.to_string()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if name != MANIFEST && !listed.contains(&name) {
            return Err(OutputError::NotOurs(
                output.to_path_buf(),
                entry.path().to_path_buf(),
            ));
        }
    }
    Ok(listed)
}

fn unused_name(parent: &Path, prefix: &str) -> PathBuf {
    let pid = std::process::id();
    (0..)
        .map(|n| parent.join(format!("{prefix}-{pid}-{n}")))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Deletes the files toolkit listed in an old output folder, then the folders they leave empty.
fn remove_listed(folder: &Path, listed: &BTreeSet<String>) {
    for relative in listed.iter().map(String::as_str).chain([MANIFEST]) {
        let _ = fs::remove_file(folder.join(relative));
    }
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().to_path_buf())
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        let _ = fs::remove_dir(dir);
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
    fn refuses_source_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for bad in [".", "content", "content/out", "static", "themes", ".."] {
            assert!(check_location(root, &root.join(bad)).is_err(), "{bad}");
        }
        assert!(check_location(root, &root.join("public")).is_ok());
        assert!(check_location(root, &root.join("../elsewhere")).is_ok());
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
