//! A translated survey must ask the same thing: the same id, version, scale, roles, open
//! questions and statements (ids, constructs, directions, in the same order), since answers and
//! codes from every language are counted together. A translation is compared with the page in
//! the site's default language (`barrier-scan.nl.md` with `barrier-scan.md`); a difference is
//! an error that names both files.

use std::path::{Path, PathBuf};

use super::{Block, SurveyData, parse};
use crate::diagnostics::Diagnostic;
use crate::kinds::KindInput;

/// The file of the page in the default language beside a translation: `x.nl.md` → `x.md`.
fn original(shown: &Path, lang: &str) -> Option<PathBuf> {
    let name = shown.file_name()?.to_str()?;
    let stem = name.strip_suffix(&format!(".{lang}.md"))?;
    Some(shown.with_file_name(format!("{stem}.md")))
}

/// The survey of the page in the default language, if this page is a translation and that
/// page reads without problems (its own problems are reported with it).
fn original_survey(input: &KindInput<'_>) -> Option<(PathBuf, SurveyData)> {
    if input.lang == input.config.default_language {
        return None;
    }
    let path = original(input.shown, input.lang)?;
    let text = std::fs::read_to_string(&path).ok()?;
    let split = crate::content::front_matter::split(&text, &path).ok()?;
    let words = super::builtin_words(&input.config.default_language);
    let context = parse::Context {
        constructs: input.config.constructs(),
        default_lang: &input.config.default_language,
        words: &words,
    };
    let lines = crate::diagnostics::LineIndex::new(&text);
    let at = |offset: usize| lines.position(&text, split.body_offset + offset);
    let (data, _) = super::read_page(split.body, &context, &at, &path).ok()?;
    Some((path, data))
}

/// What differs between this translation and the page in the default language, if anything.
pub fn check(input: &KindInput<'_>, data: &SurveyData, block: &Block) -> Vec<Diagnostic> {
    let Some((path, other)) = original_survey(input) else {
        return Vec::new();
    };
    let there = path.display().to_string();
    // Where a statement's id is written in this page's block.
    let place = |id: &str| {
        block
            .text
            .find(&format!("\"{id}\""))
            .map_or(block.offset, |i| block.offset + i)
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut differ = |what: &str, here: String, other: String| {
        if here != other {
            found.push((
                block.offset,
                format!("the {what} is {here} here and {other} in {there}"),
            ));
        }
    };
    differ(
        "survey id",
        format!("`{}`", data.id),
        format!("`{}`", other.id),
    );
    differ(
        "version",
        data.version.to_string(),
        other.version.to_string(),
    );
    differ(
        "scale",
        format!("{} points", data.points),
        format!("{} points", other.points),
    );
    let ids = |list: Vec<&String>| {
        list.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    differ(
        "list of roles",
        ids(data.roles.iter().map(|r| &r.id).collect()),
        ids(other.roles.iter().map(|r| &r.id).collect()),
    );
    differ(
        "list of open questions",
        ids(data.open.iter().map(|q| &q.id).collect()),
        ids(other.open.iter().map(|q| &q.id).collect()),
    );
    for (i, statement) in data.statements.iter().enumerate() {
        let at = place(&statement.id);
        match other.statements.iter().position(|s| s.id == statement.id) {
            None => found.push((
                at,
                format!("statement `{}` is not in {there}", statement.id),
            )),
            Some(j) => {
                let theirs = &other.statements[j];
                if theirs.construct != statement.construct {
                    found.push((
                        at,
                        format!(
                            "statement `{}` is about `{}` here and about `{}` in {there}",
                            statement.id, statement.construct, theirs.construct
                        ),
                    ));
                }
                if theirs.direction != statement.direction {
                    found.push((
                        at,
                        format!(
                            "statement `{}` is a {} here and a {} in {there}",
                            statement.id,
                            direction(statement.direction),
                            direction(theirs.direction)
                        ),
                    ));
                }
                if i != j {
                    found.push((
                        at,
                        format!(
                            "statement `{}` is number {} here and number {} in {there}",
                            statement.id,
                            i + 1,
                            j + 1
                        ),
                    ));
                }
            }
        }
    }
    for theirs in &other.statements {
        if !data.statements.iter().any(|s| s.id == theirs.id) {
            found.push((
                block.offset,
                format!(
                    "{there} has statement `{}`, this translation does not",
                    theirs.id
                ),
            ));
        }
    }
    found
        .into_iter()
        .map(|(offset, message)| {
            Diagnostic::error(format!("this translation does not match {there}: {message}"))
                .at(input.shown, input.position(offset))
                .with_hint(
                    "the translations of a survey share its id, version, scale, role and question ids, and its statements' ids, constructs, directions and order; only the texts differ",
                )
        })
        .collect()
}

fn direction(direction: super::Direction) -> &'static str {
    match direction {
        super::Direction::Barrier => "barrier",
        super::Direction::Facilitator => "facilitator",
    }
}
