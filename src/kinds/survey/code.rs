//! One respondent's answers to a survey, as the JSON file a respondent hands in and as the
//! one-line text code (`TK1.<survey>.<version>.<b|f><YYYYMMDD>.<role or ->.<respondent>.<answers>.<check>`):
//! encoding, decoding, and checking an answer set against its survey, with errors that say what
//! is wrong. `themes/default/static/survey-code.js` does the same in the browser; both are tested
//! on `tests/data/survey-code-vectors.json`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::SurveyData;

/// The `format` of an answers file.
pub const FORMAT: &str = "toolkit-survey-answers";
/// What every code starts with.
pub const PREFIX: &str = "TK1";

/// When the answers were given: before the actions (baseline) or after them (follow-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wave {
    Baseline,
    FollowUp,
}

impl Wave {
    /// Its letter in a code.
    pub fn letter(self) -> char {
        match self {
            Wave::Baseline => 'b',
            Wave::FollowUp => 'f',
        }
    }

    /// Its name in a file: `baseline`, `follow-up`.
    pub fn name(self) -> &'static str {
        match self {
            Wave::Baseline => "baseline",
            Wave::FollowUp => "follow-up",
        }
    }
}

/// One respondent's answer set, as in the JSON file (`open` is empty for a code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub format: String,
    pub survey: String,
    pub version: u32,
    /// Six random base-36 characters; two answer sets with the same respondent are duplicates.
    pub respondent: String,
    pub wave: Wave,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub role: Option<String>,
    /// The point each statement got (1 to the scale's points), `None` when not answered.
    pub answers: BTreeMap<String, Option<u8>>,
    #[serde(default)]
    pub open: BTreeMap<String, String>,
}

/// What is wrong with a code or an answer set. [`CodeError::kind`] is the same word the
/// browser's `survey-code.js` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// It does not start with `TK1.`.
    Prefix,
    /// It has another number of dot-separated parts than 8.
    Parts(usize),
    /// The check digits are not those of the rest.
    Check,
    /// The survey id is empty or not a slug.
    SurveyId(String),
    /// The version is not a whole number from 1.
    Version(String),
    /// The wave and date part is not `b` or `f` and eight digits.
    Wave(String),
    /// The date does not exist.
    Date(String),
    /// The role part is not `-` or a slug.
    Role(String),
    /// The respondent is not six base-36 characters.
    Respondent(String),
    /// The answers are not all digits.
    AnswerDigits(String),
    /// The answers belong to another survey.
    OtherSurvey { found: String, expected: String },
    /// The answers belong to another version of the survey.
    OtherVersion { found: u32, expected: u32 },
    /// Not one answer per statement.
    AnswerCount { found: usize, expected: usize },
    /// A point beyond the scale.
    Point {
        statement: String,
        point: u8,
        points: u8,
    },
    /// A role the survey does not list.
    UnknownRole(String),
    /// An answer to a statement the survey does not have.
    UnknownStatement(String),
    /// An open answer to a question the survey does not have.
    UnknownQuestion(String),
    /// A file that is not an answers file.
    File(String),
}

impl CodeError {
    /// A short word for what is wrong, shared with the browser.
    pub fn kind(&self) -> &'static str {
        match self {
            CodeError::Prefix => "prefix",
            CodeError::Parts(_) => "parts",
            CodeError::Check => "check",
            CodeError::SurveyId(_) => "survey-id",
            CodeError::Version(_) => "version",
            CodeError::Wave(_) => "wave",
            CodeError::Date(_) => "date",
            CodeError::Role(_) => "role",
            CodeError::Respondent(_) => "respondent",
            CodeError::AnswerDigits(_) => "answer-digits",
            CodeError::OtherSurvey { .. } => "other-survey",
            CodeError::OtherVersion { .. } => "other-version",
            CodeError::AnswerCount { .. } => "answer-count",
            CodeError::Point { .. } => "point",
            CodeError::UnknownRole(_) => "unknown-role",
            CodeError::UnknownStatement(_) => "unknown-statement",
            CodeError::UnknownQuestion(_) => "unknown-question",
            CodeError::File(_) => "file",
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::Prefix => write!(f, "a code starts with {PREFIX}."),
            CodeError::Parts(n) => write!(
                f,
                "a code has 8 parts separated by dots, this one has {n}: it may be cut off"
            ),
            CodeError::Check => write!(
                f,
                "the check at the end does not match: a character was changed or lost when the code was copied"
            ),
            CodeError::SurveyId(s) => write!(f, "`{s}` is not a survey id"),
            CodeError::Version(s) => write!(f, "`{s}` is not a survey version"),
            CodeError::Wave(s) => write!(
                f,
                "`{s}` is not a wave and a date: b (baseline) or f (follow-up) and YYYYMMDD"
            ),
            CodeError::Date(s) => write!(f, "the date `{s}` does not exist"),
            CodeError::Role(s) => write!(f, "`{s}` is not a role id"),
            CodeError::Respondent(s) => {
                write!(f, "the respondent `{s}` is not six letters a-z and digits")
            }
            CodeError::AnswerDigits(s) => {
                write!(f, "the answers `{s}` may only hold the digits 0 to 9")
            }
            CodeError::OtherSurvey { found, expected } => write!(
                f,
                "these answers are for the survey `{found}`, not `{expected}`"
            ),
            CodeError::OtherVersion { found, expected } => write!(
                f,
                "these answers are for version {found} of the survey; this is version {expected}"
            ),
            CodeError::AnswerCount { found, expected } => write!(
                f,
                "there are {found} answers; the survey has {expected} statements"
            ),
            CodeError::Point {
                statement,
                point,
                points,
            } => write!(
                f,
                "the answer {point} to `{statement}` is not on the scale of 1 to {points}"
            ),
            CodeError::UnknownRole(r) => write!(f, "the survey has no role `{r}`"),
            CodeError::UnknownStatement(s) => write!(f, "the survey has no statement `{s}`"),
            CodeError::UnknownQuestion(s) => write!(f, "the survey has no open question `{s}`"),
            CodeError::File(why) => write!(f, "this is not an answers file: {why}"),
        }
    }
}

impl std::error::Error for CodeError {}

/// CRC-32 (IEEE) of `text`, its low 16 bits as four lower-case hex digits.
pub fn check(text: &str) -> String {
    format!("{:04x}", crc32fast::hash(text.as_bytes()) & 0xffff)
}

fn is_id(text: &str) -> bool {
    crate::slug::is_slug(text) && text.is_ascii()
}

fn is_respondent(text: &str) -> bool {
    text.len() == 6
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
}

/// `2027-03-01` from `20270301`, if that date exists.
fn dashed_date(compact: &str) -> Option<String> {
    let dashed = format!(
        "{}-{}-{}",
        compact.get(..4)?,
        compact.get(4..6)?,
        compact.get(6..8)?
    );
    crate::kinds::kit::toml_spans::parse_date(&dashed)
        .ok()
        .map(|_| dashed)
}

/// The code of an answer set, the statements in the survey's order (open answers are left out).
pub fn encode(answers: &Answers, survey: &SurveyData) -> String {
    let points: String = survey
        .statements
        .iter()
        .map(|s| match answers.answers.get(&s.id).copied().flatten() {
            Some(p @ 1..=9) => char::from(b'0' + p),
            _ => '0',
        })
        .collect();
    let body = format!(
        "{PREFIX}.{}.{}.{}{}.{}.{}.{points}",
        answers.survey,
        answers.version,
        answers.wave.letter(),
        answers.date.replace('-', ""),
        answers.role.as_deref().unwrap_or("-"),
        answers.respondent,
    );
    let check = check(&body);
    format!("{body}.{check}")
}

/// A code read without its survey: the answers as written, one digit per statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub survey: String,
    pub version: u32,
    pub wave: Wave,
    pub date: String,
    pub role: Option<String>,
    pub respondent: String,
    /// One digit per statement, 0 for no answer.
    pub points: Vec<u8>,
}

/// Reads a code (spaces around it are ignored) and checks its form and its check digits.
pub fn decode(code: &str) -> Result<Decoded, CodeError> {
    let code = code.trim();
    let parts: Vec<&str> = code.split('.').collect();
    if parts[0] != PREFIX {
        return Err(CodeError::Prefix);
    }
    if parts.len() != 8 {
        return Err(CodeError::Parts(parts.len()));
    }
    let body = &code[..code.rfind('.').unwrap_or(0)];
    if check(body) != parts[7] {
        return Err(CodeError::Check);
    }
    let [_, survey, version, when, role, respondent, points, _] = parts[..] else {
        return Err(CodeError::Parts(parts.len()));
    };
    if !is_id(survey) {
        return Err(CodeError::SurveyId(survey.to_string()));
    }
    let version = match version.parse::<u32>() {
        Ok(v) if v >= 1 && version.bytes().all(|b| b.is_ascii_digit()) => v,
        _ => return Err(CodeError::Version(version.to_string())),
    };
    let wave = match when.get(..1) {
        Some("b") => Wave::Baseline,
        Some("f") => Wave::FollowUp,
        _ => return Err(CodeError::Wave(when.to_string())),
    };
    let compact = &when[1..];
    if compact.len() != 8 || !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeError::Wave(when.to_string()));
    }
    let date = dashed_date(compact).ok_or_else(|| CodeError::Date(compact.to_string()))?;
    let role = match role {
        "-" => None,
        r if is_id(r) => Some(r.to_string()),
        r => return Err(CodeError::Role(r.to_string())),
    };
    if !is_respondent(respondent) {
        return Err(CodeError::Respondent(respondent.to_string()));
    }
    if !points.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeError::AnswerDigits(points.to_string()));
    }
    Ok(Decoded {
        survey: survey.to_string(),
        version,
        wave,
        date,
        role,
        respondent: respondent.to_string(),
        points: points.bytes().map(|b| b - b'0').collect(),
    })
}

impl Decoded {
    /// The answer set, checked against its survey.
    pub fn answers(&self, survey: &SurveyData) -> Result<Answers, CodeError> {
        if self.points.len() != survey.statements.len() {
            // The survey and version are checked first: they say more.
            same_survey(&self.survey, self.version, survey)?;
            return Err(CodeError::AnswerCount {
                found: self.points.len(),
                expected: survey.statements.len(),
            });
        }
        let answers = Answers {
            format: FORMAT.to_string(),
            survey: self.survey.clone(),
            version: self.version,
            respondent: self.respondent.clone(),
            wave: self.wave,
            date: self.date.clone(),
            role: self.role.clone(),
            answers: survey
                .statements
                .iter()
                .zip(&self.points)
                .map(|(s, &p)| (s.id.clone(), (p != 0).then_some(p)))
                .collect(),
            open: BTreeMap::new(),
        };
        answers.check(survey)?;
        Ok(answers)
    }
}

fn same_survey(id: &str, version: u32, survey: &SurveyData) -> Result<(), CodeError> {
    if id != survey.id {
        return Err(CodeError::OtherSurvey {
            found: id.to_string(),
            expected: survey.id.clone(),
        });
    }
    if version != survey.version {
        return Err(CodeError::OtherVersion {
            found: version,
            expected: survey.version,
        });
    }
    Ok(())
}

/// Reads and checks a code against its survey.
pub fn decode_for(code: &str, survey: &SurveyData) -> Result<Answers, CodeError> {
    decode(code)?.answers(survey)
}

/// Reads and checks an answers file against its survey.
pub fn read_file(text: &str, survey: &SurveyData) -> Result<Answers, CodeError> {
    let answers: Answers =
        serde_json::from_str(text).map_err(|e| CodeError::File(e.to_string()))?;
    if answers.format != FORMAT {
        return Err(CodeError::File(format!(
            "its format is `{}`, not `{FORMAT}`",
            answers.format
        )));
    }
    answers.check(survey)?;
    Ok(answers)
}

impl Answers {
    /// Checks the answer set against its survey: the same survey and version, known
    /// statements, questions and role, points on the scale, a respondent and a real date.
    pub fn check(&self, survey: &SurveyData) -> Result<(), CodeError> {
        same_survey(&self.survey, self.version, survey)?;
        if !is_respondent(&self.respondent) {
            return Err(CodeError::Respondent(self.respondent.clone()));
        }
        if crate::kinds::kit::toml_spans::parse_date(&self.date).is_err() {
            return Err(CodeError::Date(self.date.clone()));
        }
        if let Some(role) = &self.role
            && !survey.roles.iter().any(|r| r.id == *role)
        {
            return Err(CodeError::UnknownRole(role.clone()));
        }
        for (id, point) in &self.answers {
            if !survey.statements.iter().any(|s| s.id == *id) {
                return Err(CodeError::UnknownStatement(id.clone()));
            }
            if let Some(p) = *point
                && !(1..=survey.points).contains(&p)
            {
                return Err(CodeError::Point {
                    statement: id.clone(),
                    point: p,
                    points: survey.points,
                });
            }
        }
        for id in self.open.keys() {
            if !survey.open.iter().any(|q| q.id == *id) {
                return Err(CodeError::UnknownQuestion(id.clone()));
            }
        }
        Ok(())
    }

    /// The answers in the survey's order (a statement without an entry is not answered).
    pub fn in_order(&self, survey: &SurveyData) -> Vec<Option<u8>> {
        survey
            .statements
            .iter()
            .map(|s| self.answers.get(&s.id).copied().flatten())
            .collect()
    }
}
