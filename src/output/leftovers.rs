//! What an interrupted build leaves beside the output: a staging folder (`.public.new-…`) or an
//! old output set aside (`.public.old-…`). The next build removes those that are toolkit's and
//! belong to no running build, and puts a set-aside output back when the output is missing.

use std::fs;
use std::path::{Path, PathBuf};

use super::{owned_files, remove_owned};
use crate::diagnostics::Diagnostic;

/// The file in a staging folder that marks it as toolkit's while it is written; it holds the
/// id of the process that writes it.
pub const STAGING_MARKER: &str = ".toolkit-staging";

/// A folder left beside the output.
#[derive(Debug)]
struct Leftover {
    path: PathBuf,
    /// The process that made it, when it says.
    owner: Option<u32>,
    staging: bool,
}

/// Tidies the leftovers of earlier builds of `output` (`name` is its folder name). Returns
/// warnings about those that could not be removed.
pub fn tidy(parent: &Path, name: &str, output: &Path) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut found = find(parent, name);
    if fs::symlink_metadata(output).is_err() {
        // A build was stopped between setting the old output aside and moving the new one in.
        found.sort_by_key(|l| fs::metadata(&l.path).and_then(|m| m.modified()).ok());
        if let Some(index) = found
            .iter()
            .rposition(|l| !l.staging && !is_running(l.owner) && owned_files(&l.path).is_ok())
        {
            let leftover = found.remove(index);
            match fs::rename(&leftover.path, output) {
                Ok(()) => warnings.push(
                    Diagnostic::warning(format!(
                        "{} was missing after an interrupted build; the previous output was put back from {}",
                        output.display(),
                        leftover.path.display()
                    ))
                    .with_hint("nothing to do: this build replaces it as usual"),
                ),
                Err(e) => warnings.push(Diagnostic::warning(format!(
                    "{} is missing and the previous output in {} could not be put back: {}",
                    output.display(),
                    leftover.path.display(),
                    crate::fsutil::io_reason(&e)
                ))),
            }
        }
    }
    for leftover in found {
        if is_running(leftover.owner) {
            continue;
        }
        let marked = leftover.path.join(STAGING_MARKER);
        let result = if leftover.staging && fs::symlink_metadata(&marked).is_ok_and(|m| m.is_file())
        {
            fs::remove_dir_all(&leftover.path).map_err(|e| crate::fsutil::io_reason(&e))
        } else {
            match owned_files(&leftover.path) {
                Ok(listed) => remove_owned(&leftover.path, &listed),
                Err(e) => Err(e.to_string()),
            }
        };
        if let Err(reason) = result {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} was left by an interrupted build and could not be removed: {reason}",
                    leftover.path.display()
                ))
                .with_hint("look inside and delete it yourself if you do not need it"),
            );
        }
    }
    warnings
}

/// The staging and set-aside folders of `name` in `parent` (real folders, not links).
fn find(parent: &Path, name: &str) -> Vec<Leftover> {
    let new_prefix = format!(".{name}.new-");
    let old_prefix = format!(".{name}.old-");
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file_name = e.file_name().to_str()?.to_string();
            let path = e.path();
            if file_name.starts_with(&new_prefix) {
                let owner = fs::read_to_string(path.join(STAGING_MARKER))
                    .ok()
                    .and_then(|t| t.trim().parse().ok());
                Some(Leftover {
                    path,
                    owner,
                    staging: true,
                })
            } else if let Some(rest) = file_name.strip_prefix(&old_prefix) {
                let owner = rest.split('-').next().and_then(|p| p.parse().ok());
                Some(Leftover {
                    path,
                    owner,
                    staging: false,
                })
            } else {
                None
            }
        })
        .collect()
}

/// Whether the process `owner` is another one that is still running (a build at work).
fn is_running(owner: Option<u32>) -> bool {
    let Some(pid) = owner else { return false };
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e != rustix::io::Errno::SRCH,
        }
    }
    #[cfg(not(unix))]
    {
        true
    }
}
