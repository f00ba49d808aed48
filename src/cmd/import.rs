//! `toolkit import DIR [--output NEW_SITE]`: converts a Jekyll or Hugo site into a new toolkit
//! site folder and lists what it could not convert (see `crate::import`).

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::import;

pub struct ImportArgs {
    pub source: PathBuf,
    pub output: Option<PathBuf>,
    pub quiet: bool,
}

pub fn import(args: &ImportArgs) -> Outcome {
    let shown = args.source.display().to_string();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.source));
    let imported = match import::read(&args.source, &shown) {
        Ok(imported) => imported,
        Err(d) => {
            anstream::eprintln!("{}", d.render(true));
            return Outcome::BadCommandLine;
        }
    };
    if let Err(d) = import::write(&imported, &output) {
        anstream::eprintln!("{}", d.render(true));
        return Outcome::OutputRefused;
    }
    for line in &imported.report {
        println!("{line}");
    }
    if !args.quiet {
        let out = output.display();
        let notes = match imported.report.len() {
            0 => "everything was converted".to_string(),
            n => format!(
                "{} not converted, listed above and in {}",
                super::count(n, "thing"),
                output.join(import::REPORT).display()
            ),
        };
        anstream::eprintln!(
            "Imported {} and {} from the {} site {shown} into {out}; {notes}. Next: toolkit check --root {out}",
            super::count(imported.pages, "page"),
            super::count(imported.copied, "other file"),
            imported.generator,
        );
    }
    Outcome::Success
}

/// `handbook` → `handbook-toolkit`, beside it.
fn default_output(source: &Path) -> PathBuf {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .filter(|n| n != "." && n != "..")
        .unwrap_or_else(|| "site".to_string());
    let folder = source.parent().unwrap_or(Path::new(""));
    folder.join(format!("{name}-toolkit"))
}
