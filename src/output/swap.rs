//! Putting a finished output folder in the place of the old one. On Linux both are exchanged in
//! one step, so that there is never a moment without an output folder; elsewhere (or on file
//! systems without the exchange) the old one steps aside first.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Moves `staged` to `output`. Returns where the old output is now, if there was one.
pub fn swap(
    staged: &Path,
    output: &Path,
    aside: impl Fn() -> PathBuf,
) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(output).is_err() {
        fs::rename(staged, output)?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    match exchange(staged, output) {
        Ok(()) => return Ok(Some(staged.to_path_buf())),
        Err(e) if exchange_unsupported(&e) => {}
        Err(e) => return Err(e),
    }
    let aside = aside();
    fs::rename(output, &aside)?;
    if let Err(e) = fs::rename(staged, output) {
        let _ = fs::rename(&aside, output);
        return Err(e);
    }
    Ok(Some(aside))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(target_os = "linux")]
fn exchange_unsupported(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(code) if code == rustix::io::Errno::INVAL.raw_os_error()
            || code == rustix::io::Errno::NOSYS.raw_os_error()
            || code == rustix::io::Errno::OPNOTSUPP.raw_os_error()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_folder_takes_the_place_and_the_old_one_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let (staged, output) = (dir.path().join("new"), dir.path().join("public"));
        fs::create_dir(&staged).unwrap();
        fs::write(staged.join("f"), "new").unwrap();
        fs::create_dir(&output).unwrap();
        fs::write(output.join("f"), "old").unwrap();
        let old = swap(&staged, &output, || dir.path().join("aside"))
            .unwrap()
            .unwrap();
        assert_eq!(fs::read_to_string(output.join("f")).unwrap(), "new");
        assert_eq!(fs::read_to_string(old.join("f")).unwrap(), "old");
    }
}
