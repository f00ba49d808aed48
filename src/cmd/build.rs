//! `toolkit build` and `toolkit check`: render the site; write it (build) or only check it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Outcome, count, report};
use crate::diagnostics::Diagnostics;
use crate::site::{self, Options};

/// What `build` should do besides what `Options` says.
#[derive(Debug, Clone, Default)]
pub struct BuildArgs {
    pub options: Options,
    /// Overrides `output_dir` (relative to the current folder).
    pub output: Option<PathBuf>,
    pub quiet: bool,
}

/// A site rendered into memory, with the warnings met on the way.
type Rendered = (site::Site, BTreeMap<String, site::FileContent>, Diagnostics);

/// Renders the site in memory; on errors, reports them and says how `what` ended.
fn render(args: &BuildArgs, what: &str) -> Result<Rendered, Outcome> {
    let mut diagnostics = Diagnostics::new();
    let built = site::build_in_memory(&args.options, &mut diagnostics);
    diagnostics.sort();
    match built {
        Some((site, files)) => Ok((site, files, diagnostics)),
        None => Err(failed(&diagnostics, what)),
    }
}

pub fn build(args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let (site, files, diagnostics) = match render(args, "build") {
        Ok(rendered) => rendered,
        Err(outcome) => return outcome,
    };
    let output = match &args.output {
        Some(dir) => dir.clone(),
        None => crate::diagnostics::display_path(&args.options.root, &site.config.output_dir),
    };
    let mut stages = crate::timings::Stages::start();
    let written = crate::output::write(&args.options.root, &output, &files);
    stages.lap("write");
    let mut written = match written {
        Ok(written) => written,
        Err(e) => {
            report(&diagnostics);
            anstream::eprintln!("{}", e.diagnostic().render(true));
            return Outcome::OutputRefused;
        }
    };
    site.pdf_cache.remove_unused();
    let mut diagnostics = diagnostics;
    diagnostics.extend(std::mem::take(&mut written.warnings));
    report(&diagnostics);
    if !args.quiet {
        let languages = site.config.languages.len();
        anstream::eprintln!(
            "Built {} in {} into {} in {:.2} s{}{}",
            count(site.page_count(), "page"),
            count(languages, "language"),
            shown_dir(&output),
            started.elapsed().as_secs_f64(),
            changes_note(&written),
            warnings_note(&diagnostics),
        );
    }
    Outcome::Success
}

/// What an update of an earlier output changed: `: 3 of 240 files changed, 1 removed`.
fn changes_note(written: &crate::output::Written) -> String {
    // The manifest is counted in `files` and rewritten by every build.
    let total = written.files.saturating_sub(1);
    if written.changed == total && written.removed == 0 {
        return String::new();
    }
    let removed = match written.removed {
        0 => String::new(),
        n => format!(", {n} removed"),
    };
    format!(
        ": {} of {} changed{removed}",
        written.changed,
        count(total, "file")
    )
}

pub fn check(args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let mut args = args.clone();
    args.options.read_only_cache = true;
    let (site, _, mut diagnostics) = match render(&args, "check") {
        Ok(rendered) => rendered,
        Err(outcome) => return outcome,
    };
    // What `build` only warns about (a map without a required group) fails a check.
    diagnostics.incomplete_as_errors();
    if diagnostics.has_errors() {
        return failed(&diagnostics, "check");
    }
    report(&diagnostics);
    if !args.quiet {
        anstream::eprintln!(
            "Checked {} in {} in {:.2} s: no errors{}",
            count(site.page_count(), "page"),
            count(site.config.languages.len(), "language"),
            started.elapsed().as_secs_f64(),
            warnings_note(&diagnostics),
        );
    }
    Outcome::Success
}

fn failed(diagnostics: &Diagnostics, what: &str) -> Outcome {
    report(diagnostics);
    let mut summary = format!(
        "{what} failed: {}",
        count(diagnostics.error_count(), "error")
    );
    if diagnostics.warning_count() > 0 {
        summary.push_str(&format!(
            ", {}",
            count(diagnostics.warning_count(), "warning")
        ));
    }
    if what == "build" {
        summary.push_str("; the output folder was not changed");
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    anstream::eprintln!("{}error{}: {summary}", style.render(), style.render_reset());
    Outcome::SiteProblems
}

fn warnings_note(diagnostics: &Diagnostics) -> String {
    match diagnostics.warning_count() {
        0 => String::new(),
        n => format!(" ({})", count(n, "warning")),
    }
}

fn shown_dir(path: &Path) -> String {
    let mut text = path.display().to_string();
    if !text.ends_with('/') {
        text.push('/');
    }
    text
}
