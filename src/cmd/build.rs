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
    /// `check --placeholders`: list the placeholders left to fill in.
    pub placeholders: bool,
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
    let (site, mut files, diagnostics) = match render(args, "build") {
        Ok(rendered) => rendered,
        Err(outcome) => return outcome,
    };
    if let Err(outcome) = add_service_worker(&site, &mut files, &diagnostics) {
        return outcome;
    }
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

/// Adds the service worker that keeps the site for reading offline (unless site.toml says
/// `offline = false`). A file of the site at its place is an error: the build does not replace it.
fn add_service_worker(
    site: &site::Site,
    files: &mut BTreeMap<String, site::FileContent>,
    diagnostics: &Diagnostics,
) -> Result<(), Outcome> {
    if !site.config.offline {
        return Ok(());
    }
    let worker = crate::offline::WORKER;
    let made = if files.contains_key(worker) {
        Err(crate::diagnostics::Diagnostic::error(format!(
            "the site has a file published as `{worker}`, where the build writes its service worker"
        ))
        .with_hint("rename that file, or set `offline = false` in site.toml to do without the offline copy"))
    } else {
        crate::offline::service_worker(&site.config, files).map_err(|e| {
            crate::diagnostics::Diagnostic::error(format!(
                "could not read the site's files for the offline copy: {e}"
            ))
        })
    };
    match made {
        Ok(bytes) => {
            files.insert(worker.to_string(), site::FileContent::Bytes(bytes));
            Ok(())
        }
        Err(d) => {
            let mut diagnostics = diagnostics.clone();
            diagnostics.push(d);
            Err(failed(&diagnostics, "build"))
        }
    }
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
    if args.placeholders {
        list_placeholders(&site);
    }
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

/// `check --placeholders`: every `[[placeholder]]` of the site's pages, one line each with its
/// file, line and column, on standard output; then how many, on standard error.
fn list_placeholders(site: &site::Site) {
    let mut pages: Vec<&site::Page> = site.pages.iter().filter(|p| p.source.is_some()).collect();
    pages.sort_by(|a, b| a.shown.cmp(&b.shown));
    let (mut found_count, mut in_pages) = (0, 0);
    for page in pages {
        let found = crate::office::placeholders::in_markdown(&page.text[page.body_offset..]);
        if found.is_empty() {
            continue;
        }
        in_pages += 1;
        let lines = crate::diagnostics::LineIndex::new(&page.text);
        for placeholder in found {
            found_count += 1;
            let at = lines.position(&page.text, page.body_offset + placeholder.offset);
            anstream::println!(
                "{}:{}:{}: to fill in: [[{}]]",
                page.shown.display(),
                at.line,
                at.column,
                placeholder.name
            );
        }
    }
    if found_count == 0 {
        anstream::eprintln!("No placeholders left to fill in.");
    } else {
        anstream::eprintln!(
            "{} left to fill in, in {}.",
            count(found_count, "placeholder"),
            count(in_pages, "page")
        );
    }
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
