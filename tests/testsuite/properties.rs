//! Property tests: mutated front matter, checklist items and attribute lines, and the data blocks
//! of every kind (stakeholders, planner, email guide) never make toolkit panic, and every error
//! names `path:line:col` inside the file. In process for speed (256 cases per property, or
//! `PROPTEST_CASES`), and once with the real binary, where `check` and `build` must agree.
//!
//! Failures are not saved to files: a failing input found here becomes a unit test of its own.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use toolkit::config::Config as SiteConfig;
use toolkit::content::front_matter::{self, FrontMatter};
use toolkit::diagnostics::{Diagnostic, LineIndex, Severity};
use toolkit::kinds::{self, KindInput};

use crate::harness::{Site, run_in};

const SITE_TOML: &str = include_str!("../../src/cmd/starter/site.toml");
const CHECKLIST: &str = include_str!("../../src/cmd/starter/content/checklists/first-steps.md");
const STAKEHOLDERS: &str = include_str!("../../src/cmd/starter/content/tools/stakeholder-map.md");
const PLANNER: &str = include_str!("../../src/cmd/starter/content/tools/training-planner.md");
const EMAIL_GUIDE: &str = include_str!("../../src/cmd/starter/content/tools/feedback-guide.md");
const PAGE: &str = include_str!("../../src/cmd/starter/content/guide.md");

/// The starter's pages, by where they are in a site.
const PAGES: &[(&str, &str)] = &[
    ("content/checklists/first-steps.md", CHECKLIST),
    ("content/tools/stakeholder-map.md", STAKEHOLDERS),
    ("content/tools/training-planner.md", PLANNER),
    ("content/tools/feedback-guide.md", EMAIL_GUIDE),
    ("content/guide.md", PAGE),
];

/// `cases` runs, or `PROPTEST_CASES`; no files of failures.
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    })
}

/// Pieces of text that are special somewhere: TOML syntax and edge values, the checklist's
/// attribute line, Markdown structure, values out of range for each kind, line ends, byte-order
/// marks, control characters and other scripts.
#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    "=", "\"", "'", "\"\"\"", "[[", "]]", "[", "]", "{", "}", ",", ".", "#", "\\", "\\u",
    "\\u0000", "\\u001b[2J", "\\uD800", "1e308", "-1e308", "nan", "inf", "9223372036854775808",
    "-1000000000000", "0", "-0", "1.5", "0x1F", "2027-02-30", "2027-13-01", "0000-01-01",
    "10000-01-01", "2027-03-01T10:00:00Z", "true", "title = \"x\"", "kind = \"checklist\"",
    "domain = \"process\"", "[extra]", "[[stakeholder]]", "[[event]]", "[[reminder]]", "[[rule]]",
    "+++", "```", "~~~", "- [ ] ", "- [x] ", "  - [ ] nested", "> ", "{#}", "{#a b}", "{#x}",
    "{#plan}", "{#name-a-lead}", " | ", "role:", "phase: launch", "phase: nowhere",
    "source: [a](b.md)", "theme: ,", "construct:", "|||", "<!--", "<script>", "<div>",
    "\n> ", "\n    ", "\n1. [ ] x\n", "\n| a |\n|---|\n| - [ ] x |\n", "\n- [ ] {#}\n",
    "\n- [ ] \n", "\n## H {#plan}\n", "\n# T\n", "[x](#nowhere)", "[y](../nope.md)",
    "![i](a.png)", "[^1]", "\n[^1]: note\n", "\n```toml stakeholders\n", "\n```toml planner\n",
    "\n```toml rules\n", "\n```email do\n", "\n```email template\n",
    "offset_days = 36601", "count = 0", "every_days = -1", "training = true",
    "example_go_live = 2027-02-30", "check = \"max-words\"", "limit = -1",
    "severity = \"fatal\"", "phrases = []", "influence = 0", "interest = 6", "stance = \"x\"",
    "actions = []", "required_groups = [\"x\"]", "languages = [\"en\", \"nl\"]",
    "default_language = \"nl\"", "theme = \"../x\"",
    "\n", "\r\n", "\r", "\u{feff}", "\u{0}", "\u{7}", "\u{1b}", "\u{200b}", "\u{202e}",
    "\u{2028}", "\u{301}", "İ", "ß", "ﬃ", "項目", "مرحبا", "नमस्ते", "😀", "\u{e000}", "\t",
];

/// A piece of [`SPECIAL`] text, or a few arbitrary characters.
fn fragment() -> impl Strategy<Value = String> {
    let special = prop::sample::select(SPECIAL).prop_map(str::to_string);
    let any_text = prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter);
    prop_oneof![3 => special, 1 => any_text]
}

/// One change to a text.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(Index, String),
    /// Replaces what follows the `=` (or the `:`) of a line.
    ReplaceValue(Index, String),
    DeleteLine(Index),
    DuplicateLine(Index),
    Truncate(Index),
    ReplaceRange(Index, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), fragment()).prop_map(|(i, f)| Mutation::Insert(i, f)),
        4 => (any::<Index>(), fragment()).prop_map(|(i, f)| Mutation::ReplaceValue(i, f)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), 0..8usize, fragment())
            .prop_map(|(i, n, f)| Mutation::ReplaceRange(i, n, f)),
    ]
}

/// The byte offsets of the text's characters, and its end.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let at = |index: &Index| index.get(&boundaries(text)).to_owned();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line = |index: &Index| index.index(lines.len().max(1));
    match mutation {
        Mutation::Insert(index, fragment) => {
            let at = at(index);
            format!("{}{fragment}{}", &text[..at], &text[at..])
        }
        Mutation::ReplaceValue(index, fragment) => {
            let n = line(index);
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if let Some(l) = out.get_mut(n)
                && let Some(sign) = l.find(['=', ':'])
            {
                let end = if l.ends_with('\n') { "\n" } else { "" };
                *l = format!("{} {fragment}{end}", &l[..=sign]);
            }
            out.concat()
        }
        Mutation::DeleteLine(index) => {
            let n = line(index);
            let mut out = lines.clone();
            if n < out.len() {
                out.remove(n);
            }
            out.concat()
        }
        Mutation::DuplicateLine(index) => {
            let n = line(index);
            let mut out = lines.clone();
            if let Some(l) = out.get(n).copied() {
                out.insert(n, l);
            }
            out.concat()
        }
        Mutation::Truncate(index) => text[..at(index)].to_string(),
        Mutation::ReplaceRange(index, length, fragment) => {
            let bounds = boundaries(text);
            let start = index.index(bounds.len());
            let end = bounds[(start + length).min(bounds.len() - 1)];
            format!("{}{fragment}{}", &text[..bounds[start]], &text[end..])
        }
    }
}

/// A page of the starter with one to five changes.
fn mutated_page() -> impl Strategy<Value = (usize, String)> {
    (0..PAGES.len(), prop::collection::vec(mutation(), 1..6)).prop_map(|(page, mutations)| {
        let text = mutations
            .iter()
            .fold(PAGES[page].1.to_string(), |text, m| apply(&text, m));
        (page, text)
    })
}

/// What loading one page gives: the steps of the site's loader (front matter, kind, keys, the
/// kind's data and warnings), in process.
fn load_page(config: &SiteConfig, text: &str, shown: &Path) -> Vec<Diagnostic> {
    let split = match front_matter::split(text, shown) {
        Ok(split) => split,
        Err(d) => return vec![d],
    };
    let lines = LineIndex::new(text);
    let (front, mut problems) = match split.front {
        Some((front, offset)) => match front_matter::parse(front, offset, text, &lines, shown) {
            Ok(parsed) => parsed,
            Err(problems) => return problems,
        },
        None => (FrontMatter::default(), Vec::new()),
    };
    let default = kinds::find(kinds::DEFAULT).expect("the default kind exists");
    let kind = match &front.kind {
        Some(k) => kinds::find(&k.value).unwrap_or(default),
        None => default,
    };
    let accepted: Vec<_> = front
        .other
        .iter()
        .filter(|f| kind.keys().contains(&f.value.0.as_str()))
        .cloned()
        .collect();
    let input = KindInput {
        config,
        front: &front,
        file_text: text,
        lines: &lines,
        body: &text[split.body_offset..],
        body_offset: split.body_offset,
        shown,
        lang: "en",
    };
    match kind.prepare(&input, &accepted) {
        Ok(data) if problems.is_empty() => kind.warnings(&input, &data),
        Ok(_) => problems,
        Err(more) => {
            problems.extend(more);
            problems
        }
    }
}

/// Every error names the file and a line and column inside `text`.
fn errors_are_placed(
    problems: &[Diagnostic],
    shown: &Path,
    text: &str,
) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in problems.iter().filter(|d| d.severity == Severity::Error) {
        prop_assert_eq!(d.path.as_deref(), Some(shown), "{}", d);
        let Some(position) = d.position else {
            return Err(TestCaseError::fail(format!("no line and column: {d}")));
        };
        prop_assert!(
            position.line >= 1 && position.line <= lines.len(),
            "line outside the file: {}",
            d
        );
        let width = lines[position.line - 1].chars().count();
        prop_assert!(
            position.column >= 1 && position.column <= width + 1,
            "column outside line {} ({} characters): {}",
            position.line,
            width,
            d
        );
        prop_assert!(d.hint.is_some(), "no hint: {}", d);
    }
    Ok(())
}

fn site_config() -> SiteConfig {
    SiteConfig::parse(SITE_TOML, Path::new("site.toml"), &["stakeholders"])
        .expect("the starter's site.toml is valid")
}

#[test]
fn mutated_pages_give_placed_errors_and_never_panic() {
    let config = site_config();
    runner(256)
        .run(&mutated_page(), |(page, text)| {
            let shown = Path::new(PAGES[page].0);
            let problems = load_page(&config, &text, shown);
            errors_are_placed(&problems, shown, &text)
        })
        .unwrap();
}

#[test]
fn arbitrary_front_matter_gives_placed_errors_and_never_panics() {
    let config = site_config();
    let front = prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat());
    let kind = prop::sample::select(vec![
        "",
        "checklist",
        "stakeholders",
        "planner",
        "email-guide",
    ]);
    runner(256)
        .run(&(front, kind), |(front, kind)| {
            let kind_line = if kind.is_empty() {
                String::new()
            } else {
                format!("kind = \"{kind}\"\n")
            };
            let text = format!("+++\n{kind_line}{front}\n+++\nBody.\n");
            let shown = Path::new("content/page.md");
            errors_are_placed(&load_page(&config, &text, shown), shown, &text)
        })
        .unwrap();
}

#[test]
fn mutated_site_toml_gives_placed_errors_and_never_panics() {
    let site_toml = prop::collection::vec(mutation(), 1..4).prop_map(|mutations| {
        mutations
            .iter()
            .fold(SITE_TOML.to_string(), |text, m| apply(&text, m))
    });
    runner(256)
        .run(&site_toml, |text| {
            let shown = Path::new("site.toml");
            match SiteConfig::parse(&text, shown, &["stakeholders"]) {
                Ok(_) => Ok(()),
                Err(problems) => errors_are_placed(&problems, shown, &text),
            }
        })
        .unwrap();
}

/// `toolkit check` and `toolkit build` on a site with one mutated page: neither panics, they
/// agree, a failed build writes nothing, and every error line names `path:line:col`.
#[test]
fn check_and_build_agree_on_mutated_pages() {
    let dir = Site::empty();
    std::fs::remove_dir(&dir.root).unwrap();
    run_in(dir.root.parent().unwrap(), &["init", "site"]).success();
    let site = &dir;
    // The real binary takes a while per case: a tenth of the in-process cases.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(24, |n| (n / 10).max(1));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 32,
        ..Config::default()
    });
    runner
        .run(&mutated_page(), |(page, text)| {
            let (relative, original) = PAGES[page];
            site.write(relative, &text);
            let check = site.run(&["check"]);
            let build = site.run(&["build", "--quiet"]);
            let public = site.root.join("public");
            let built = public.exists();
            site.write(relative, original);
            if built {
                std::fs::remove_dir_all(&public).unwrap();
            }
            for (what, run) in [("check", &check), ("build", &build)] {
                prop_assert!(
                    !run.stderr.contains("panicked") && [0, 1].contains(&run.code),
                    "{} exited {}:\n{}",
                    what,
                    run.code,
                    run.stderr
                );
                for line in run.stderr.lines() {
                    prop_assert!(is_placed_or_summary(line), "{}: {}", what, line);
                }
            }
            // `check` fails what `build` only warns about; otherwise they agree.
            if check.code == 0 {
                prop_assert_eq!(
                    build.code,
                    0,
                    "check passed, build failed:\n{}",
                    build.stderr
                );
            }
            if build.code != 0 {
                prop_assert!(!built, "a failed build wrote public/");
                prop_assert_eq!(check.code, 1, "build failed, check passed");
                let errors = |stderr: &str| -> Vec<String> {
                    stderr
                        .lines()
                        .filter(|l| l.contains(": error: "))
                        .map(str::to_string)
                        .collect()
                };
                let check_errors = errors(&check.stderr);
                for error in errors(&build.stderr) {
                    prop_assert!(check_errors.contains(&error), "only build: {}", error);
                }
                // What check has besides is what build only warns about.
                for error in check_errors {
                    let warning = error.replacen(": error: ", ": warning: ", 1);
                    prop_assert!(
                        build.stderr.contains(&error) || build.stderr.contains(&warning),
                        "only check: {}",
                        error
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

/// `path:line:col: error: …`, a hint, a warning, or the closing summary.
fn is_placed_or_summary(line: &str) -> bool {
    let Some((place, _)) = line.split_once(": error: ") else {
        return true;
    };
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next().unwrap_or("");
    let row = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    numeric(column) && numeric(row) && parts.next().is_some_and(|p| !p.is_empty())
}
