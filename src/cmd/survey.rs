//! `toolkit survey`: the results of a survey on the command line, from answer files, files of
//! codes and the CSV of paper answers, aggregated as the results page does it
//! ([`crate::kinds::survey_results::aggregate`]): the ranked barriers and the score of every
//! construct, and with `--csv` the same CSV the page downloads. A file or line that cannot be
//! read is reported at its place and the rest still counted; the exit code then says so.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Outcome, report};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, one_line};
use crate::kinds::kit::word;
use crate::kinds::survey::SurveyData;
use crate::kinds::survey_results::aggregate::{self, AnswerSet, Results, SurveyShape};
use crate::kinds::survey_results::export::{self, Names};
use crate::kinds::survey_results::import;
use crate::site::{Options, Page, Site};

/// What `toolkit survey` was asked.
#[derive(Debug, Clone)]
pub struct SurveyArgs {
    pub root: PathBuf,
    /// The survey page.
    pub page: PathBuf,
    /// Answer files, files of codes, CSV files of paper answers.
    pub answers: Vec<PathBuf>,
    /// Where to write the CSV.
    pub csv: Option<PathBuf>,
    /// Replace the CSV file whatever it is.
    pub force: bool,
    pub quiet: bool,
}

/// The survey page as the site loaded it.
fn survey_page<'s>(site: &'s Site, path: &Path) -> Option<&'s Page> {
    let file = std::fs::canonicalize(path).ok()?;
    site.pages.iter().find(|p| {
        p.kind.name() == "survey"
            && p.source.as_ref().is_some_and(|s| {
                std::fs::canonicalize(site.root.join(s)).ok().as_ref() == Some(&file)
            })
    })
}

/// The names the output uses, in the page's language.
fn names(site: &Site, page: &Page, survey: &SurveyData) -> Names {
    let config = &site.config;
    let words = site.words(&page.lang);
    let mut names = Names::default();
    for s in &survey.statements {
        names.statements.insert(s.id.clone(), s.text.clone());
        let described = crate::kinds::survey_results::describe_construct(
            config,
            &page.lang,
            &words,
            &s.construct,
        );
        names.constructs.insert(s.construct.clone(), described);
    }
    for d in &config.domains {
        names.domains.insert(
            d.slug.clone(),
            d.name.get(&page.lang, &config.default_language).to_string(),
        );
    }
    names
}

/// The answer sets of every file, without duplicates; what could not be read goes to `problems`.
fn read_all(paths: &[PathBuf], survey: &SurveyData, problems: &mut Diagnostics) -> Vec<AnswerSet> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut sets = Vec::new();
    for path in paths {
        let text = match crate::fsutil::read_text(path, path) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        for read in import::read(&text, survey) {
            let at = Position {
                line: read.line,
                column: 1,
            };
            match read.result {
                Ok(answers) => {
                    if !seen.insert(answers.respondent.clone()) {
                        problems.push(
                            Diagnostic::error(format!(
                                "respondent `{}` is already counted: the same answer set twice",
                                answers.respondent
                            ))
                            .at(path, at)
                            .with_hint("each answer set is counted once; remove the copy"),
                        );
                        continue;
                    }
                    let value = serde_json::to_value(&answers).unwrap_or_default();
                    if let Ok(set) = serde_json::from_value::<AnswerSet>(value) {
                        sets.push(set);
                    }
                }
                Err(why) => problems.push(
                    Diagnostic::error(format!("refused: {why}"))
                        .at(path, at)
                        .with_hint(hint(&why)),
                ),
            }
        }
    }
    sets
}

/// What to do about an answer set that was refused.
fn hint(why: &crate::kinds::survey::code::CodeError) -> &'static str {
    match why.kind() {
        "other-survey" | "other-version" => {
            "name the survey page these answers belong to with --page, or leave the file out"
        }
        "file" => {
            "give answer files (.json), files of codes (one per line) or the CSV of paper answers"
        }
        _ => "ask the respondent to send the answers again, or type them from the paper form",
    }
}

/// The ranked list and the score of every construct, as text.
fn text(
    results: &Results,
    names: &Names,
    survey: &SurveyData,
    words: &BTreeMap<String, String>,
    title: &str,
) -> String {
    let w = |key: &str| word(words, key).to_string();
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n{}\n\n",
        one_line(title),
        w("survey_results_js_count")
            .replace(
                "{total}",
                &results.respondents.values().sum::<usize>().to_string()
            )
            .replace("{baseline}", &results.respondents["baseline"].to_string())
            .replace("{follow_up}", &results.respondents["follow-up"].to_string())
    ));
    let Some(wave) = results.waves.get(&results.current) else {
        out.push_str(&format!("{}\n", w("survey_results_js_none")));
        return out;
    };
    let wave_word = |name: &str| w(&format!("survey_results_wave_{}", name.replace('-', "_")));
    out.push_str(&format!(
        "{}\n",
        w("survey_results_js_showing")
            .replace("{wave}", &wave_word(&results.current).to_lowercase())
            .replace("{count}", &wave.n.to_string())
    ));
    let roles: Vec<String> = wave
        .roles
        .iter()
        .map(|r| {
            let name = match &r.role {
                Some(id) => survey
                    .roles
                    .iter()
                    .find(|role| role.id == *id)
                    .map_or(id.clone(), |role| role.name.clone()),
                None => w("survey_results_js_no_role"),
            };
            if r.role.is_some() && !r.shown {
                format!("{name} {} ({})", r.n, w("survey_results_js_small"))
            } else {
                format!("{name} {}", r.n)
            }
        })
        .collect();
    out.push_str(&format!(
        "{} {}\n\n",
        w("survey_results_js_roles"),
        roles.join(", ")
    ));
    out.push_str(&format!("{}\n", w("survey_results_ranked")));
    if results.ranked.is_empty() {
        out.push_str(&format!("  {}\n", w("survey_results_js_no_barriers")));
    }
    for (i, r) in results.ranked.iter().enumerate() {
        let flag = if r.wide {
            format!("  {}", w("survey_results_csv_discuss"))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:>3}. {:>3}  {}{flag}\n",
            i + 1,
            r.score,
            one_line(&construct(names, &r.construct))
        ));
    }
    out.push('\n');
    // Every construct, with both waves and the change when there are two.
    let two = !results.change.is_empty();
    out.push_str(&format!("{}\n", w("survey_results_per_construct")));
    if two {
        out.push_str(&format!(
            "{:>9} {:>9} {:>7}  {}\n",
            wave_word("baseline"),
            wave_word("follow-up"),
            w("survey_results_js_change"),
            w("survey_results_js_construct")
        ));
        for c in &results.change {
            let show = |s: Option<u32>| s.map_or("-".to_string(), |s| s.to_string());
            let change = c.change.map_or("-".to_string(), |c| {
                if c > 0 {
                    format!("+{c}")
                } else {
                    c.to_string()
                }
            });
            out.push_str(&format!(
                "{:>9} {:>9} {:>7}  {}\n",
                show(c.baseline),
                show(c.follow_up),
                change,
                one_line(&construct(names, &c.construct))
            ));
        }
    } else {
        for c in &wave.constructs {
            let wide = if c.wide {
                format!("  {}", w("survey_results_csv_discuss"))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{:>5}  {}{wide}\n",
                c.score.map_or("-".to_string(), |s| s.to_string()),
                one_line(&construct(names, &c.id))
            ));
        }
    }
    out
}

/// A construct's name with its domain: "Available Resources (Inner Setting)".
fn construct(names: &Names, id: &str) -> String {
    match names.constructs.get(id) {
        Some((name, Some(domain))) => {
            format!("{name} ({})", names.domains.get(domain).unwrap_or(domain))
        }
        Some((name, None)) => name.clone(),
        None => id.to_string(),
    }
}

pub fn survey(args: &SurveyArgs) -> Outcome {
    let (now, _) = crate::source_date::moment();
    let mut diagnostics = Diagnostics::new();
    let options = Options {
        root: args.root.clone(),
        build_date: Some(now.date().to_string()),
        ..Options::default()
    };
    let site = Site::load(&options, &mut diagnostics);
    let Some(site) = site else {
        diagnostics.sort();
        report(&diagnostics);
        anstream::eprintln!("error: the site could not be read");
        return Outcome::SiteProblems;
    };
    let Some(page) = survey_page(&site, &args.page) else {
        let mut page_problems: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                d.path
                    .as_deref()
                    .is_some_and(|f| same_file(&site, f, &args.page))
            })
            .collect();
        page_problems.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
        for d in &page_problems {
            anstream::eprintln!("{}", d.render(true));
        }
        if page_problems.is_empty() {
            let d = Diagnostic::error(format!(
                "{} is not a survey page of this site",
                args.page.display()
            ))
            .with_hint("name a page with kind = \"survey\": --page content/tools/barrier-scan.md");
            anstream::eprintln!("{}", d.render(true));
        }
        return Outcome::SiteProblems;
    };
    let Ok(survey) = serde_json::from_value::<SurveyData>(page.data.clone()) else {
        return Outcome::SiteProblems;
    };
    let Ok(shape) = serde_json::from_value::<SurveyShape>(page.data.clone()) else {
        return Outcome::SiteProblems;
    };
    let names = names(&site, page, &survey);
    let mut problems = Diagnostics::new();
    let sets = read_all(&args.answers, &survey, &mut problems);
    let domains: BTreeMap<String, String> = names
        .constructs
        .iter()
        .filter_map(|(id, (_, d))| Some((id.clone(), d.clone()?)))
        .collect();
    let results = aggregate::aggregate(&shape, &domains, &sets);
    let words = site.words(&page.lang);
    report(&problems);
    let title = [page.front.title.as_deref(), Some(page.title.as_str())]
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty())
        .unwrap_or(&survey.id)
        .to_string();
    let title = format!("{title} ({})", args.page.display());
    print!("{}", text(&results, &names, &survey, &words, &title));
    if let Some(path) = &args.csv {
        let bytes = match export::csv(&results, shape.points, &names, &words, &page.lang) {
            Ok(bytes) => bytes,
            Err(e) => {
                anstream::eprintln!("error: could not write the CSV: {e}");
                return Outcome::OutputRefused;
            }
        };
        let file = crate::output::SingleFile {
            root: &args.root,
            what: "the results CSV",
            is_ours: &|bytes: &[u8]| export::is_toolkits(bytes),
            force: args.force,
        };
        if let Err(d) = file.write(path, &bytes) {
            anstream::eprintln!("{}", d.render(true));
            return Outcome::OutputRefused;
        }
        if !args.quiet {
            anstream::eprintln!("Wrote {}", path.display());
        }
    }
    if problems.has_errors() {
        let n = problems.iter().count();
        anstream::eprintln!(
            "error: {n} {} not counted; the rest were",
            if n == 1 {
                "answer set or file was"
            } else {
                "answer sets or files were"
            }
        );
        return Outcome::SiteProblems;
    }
    Outcome::Success
}

/// Whether a diagnostic's file is the page named on the command line.
fn same_file(site: &Site, shown: &Path, named: &Path) -> bool {
    let a = std::fs::canonicalize(site.root.join(shown)).or_else(|_| std::fs::canonicalize(shown));
    let b = std::fs::canonicalize(named);
    matches!((a, b), (Ok(a), Ok(b)) if a == b)
}
