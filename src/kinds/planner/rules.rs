//! The planner's rules: the TOML of a page's ```` ```toml planner ```` block, checked key by key
//! with the byte offset of every problem, so that each error can name its `path:line:col`.

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::date::{self, Date};

/// The keys of the block's top level, of an `[[event]]` and of a `[[reminder]]`.
pub const TOP_KEYS: &[&str] = &["max_gap_days", "example_go_live", "event", "reminder"];
pub const EVENT_KEYS: &[&str] = &[
    "id",
    "title",
    "offset_days",
    "description",
    "source",
    "training",
];
pub const REMINDER_KEYS: &[&str] = &[
    "id",
    "title",
    "every_days",
    "count",
    "start_offset_days",
    "description",
    "source",
];

/// The rules of a plan, as the browser and `toolkit plan` use them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// The longest acceptable gap, in days, between the last training day and go-live.
    pub max_gap_days: i64,
    /// A go-live date the form starts with (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_go_live: Option<String>,
    pub events: Vec<Event>,
    #[serde(default)]
    pub reminders: Vec<Reminder>,
}

/// One dated activity, counted in days from go-live (negative: before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub offset_days: i64,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The training itself: its date is the one the user enters.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub training: bool,
}

/// A repeated activity: `count` times, every `every_days` days, from `start_offset_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub title: String,
    pub every_days: i64,
    pub count: i64,
    pub start_offset_days: i64,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Rules {
    /// The event whose date is the training day.
    pub fn training(&self) -> Option<&Event> {
        self.events.iter().find(|e| e.training)
    }

    /// The first and the last day of the plan, in days from go-live: every event, the first and
    /// the last repeat of every reminder, and go-live itself.
    pub fn span(&self) -> (i64, i64) {
        let offsets = self
            .events
            .iter()
            .map(|e| e.offset_days)
            .chain(self.reminders.iter().flat_map(|r| {
                let last = r
                    .every_days
                    .saturating_mul(r.count.saturating_sub(1))
                    .saturating_add(r.start_offset_days);
                [r.start_offset_days, last]
            }))
            .chain([0]);
        offsets.fold((0, 0), |(low, high), o| (low.min(o), high.max(o)))
    }
}

/// A problem at a byte offset of the block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
    /// Where the same thing was first written, for "first on line N".
    pub first: Option<usize>,
}

fn problem(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        offset,
        message: message.into(),
        hint: hint.into(),
        first: None,
    }
}

/// Reads the rules from the block's text.
pub fn read(text: &str) -> Result<Rules, Vec<Problem>> {
    let table = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let explained = crate::toml_errors::explain(&e, text);
        let hint = explained.hint.unwrap_or_else(|| {
            "write `key = value` lines, [[event]] and [[reminder]] tables; text goes in \"quotes\""
                .to_string()
        });
        vec![problem(
            offset,
            format!("the planner's TOML is not valid: {}", explained.problem),
            hint,
        )]
    })?;
    let mut problems = Vec::new();
    let mut rules = Rules {
        max_gap_days: 0,
        example_go_live: None,
        events: Vec::new(),
        reminders: Vec::new(),
    };
    let mut max_gap = None;
    let mut example_at = 0;
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (key, value) in sorted(table.get_ref()) {
        let at = key.span().start;
        match key.get_ref().as_ref() {
            "max_gap_days" => {
                if let Some(n) = integer(value, 0, &mut problems) {
                    max_gap = Some(n);
                    rules.max_gap_days = n;
                }
            }
            "example_go_live" => {
                example_at = value.span().start;
                rules.example_go_live = date_value(value, &mut problems).map(|d| d.to_string())
            }
            "event" => {
                for table in tables(value, "event", &mut problems) {
                    if let Some(event) = event(table, &mut problems, &mut ids) {
                        rules.events.push(event);
                    }
                }
            }
            "reminder" => {
                for table in tables(value, "reminder", &mut problems) {
                    if let Some(reminder) = reminder(table, &mut problems, &mut ids) {
                        rules.reminders.push(reminder);
                    }
                }
            }
            other => problems.push(unknown(at, other, TOP_KEYS, "the planner")),
        }
    }
    if max_gap.is_none() && problems.is_empty() {
        problems.push(problem(
            0,
            "the plan needs `max_gap_days`",
            "add `max_gap_days = 14`: the longest acceptable gap, in days, between the last training day and go-live",
        ));
    }
    let trainings: Vec<&Event> = rules.events.iter().filter(|e| e.training).collect();
    if problems.is_empty() {
        match trainings.as_slice() {
            [] => problems.push(problem(
                0,
                "the plan has no training event",
                "mark the event of the training day with `training = true`",
            )),
            [_] => {}
            [_, second, ..] => problems.push(problem(
                position_of(text, &second.id),
                format!(
                    "the events `{}` and `{}` are both marked `training = true`",
                    trainings[0].id, second.id
                ),
                "mark one event as the training; the user can enter several training days",
            )),
        }
    }
    if problems.is_empty()
        && let Some(training) = rules.training()
        && (training.offset_days > 0 || -training.offset_days > rules.max_gap_days)
    {
        problems.push(problem(
            position_of(text, &training.id),
            format!(
                "the training `{}` is planned at day {}, outside the plan's own limit",
                training.id, training.offset_days
            ),
            format!(
                "give it an `offset_days` from -{} to 0, so that the default plan keeps to max_gap_days",
                rules.max_gap_days
            ),
        ));
    }
    if problems.is_empty() {
        check_dates_fit(text, &rules, example_at, &mut problems);
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

/// The plan must fit between 0001-01-01 and 9999-12-31, the dates a calendar can hold, for
/// some go-live date, and for the example go-live if there is one.
fn check_dates_fit(text: &str, rules: &Rules, example_at: usize, problems: &mut Vec<Problem>) {
    let Some((first, last)) = date::go_live_range(rules.span()) else {
        let longest = rules
            .reminders
            .iter()
            .max_by_key(|r| r.every_days.saturating_mul(r.count))
            .map_or(0, |r| position_of(text, &r.id));
        problems.push(problem(
            longest,
            "the plan spans more days than fit between 0001-01-01 and 9999-12-31",
            "give the reminders fewer repeats (`count`) or shorter intervals (`every_days`)",
        ));
        return;
    };
    let example = rules
        .example_go_live
        .as_deref()
        .and_then(|d| date::parse(d).ok());
    if let Some(example) = example
        && !(first..=last).contains(&example)
    {
        problems.push(problem(
            example_at,
            format!(
                "the example go-live {example} puts part of the plan outside 0001-01-01 to 9999-12-31"
            ),
            format!("choose a date from {first} to {last}"),
        ));
    }
}

/// The offset of `id = "<id>"` in the text, for problems found after parsing.
fn position_of(text: &str, id: &str) -> usize {
    text.find(&format!("\"{id}\"")).unwrap_or(0)
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

/// A table's entries in the order they are written.
fn sorted<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

fn unknown(offset: usize, key: &str, known: &[&str], place: &str) -> Problem {
    let listed = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match crate::diagnostics::closest(key, known.iter().copied(), 3) {
        Some(close) => format!("did you mean `{close}`? {place} knows {listed}"),
        None => format!("{place} knows {listed}"),
    };
    problem(offset, format!("unknown key `{key}` in {place}"), hint)
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A whole number of at least `min`.
fn integer(value: &Spanned<DeValue<'_>>, min: i64, problems: &mut Vec<Problem>) -> Option<i64> {
    let at = value.span().start;
    let written = value.get_ref().as_integer();
    let Some(n) = written.and_then(|n| i64::from_str_radix(n.as_str(), n.radix()).ok()) else {
        if written.is_some() {
            problems.push(problem(
                at,
                "this number of days is far more than a hundred years",
                "plans are counted in days; check the number",
            ));
            return None;
        }
        problems.push(problem(
            at,
            format!(
                "expected a whole number of days, found {}",
                type_name(value.get_ref())
            ),
            "write a number without quotes, like 14",
        ));
        return None;
    };
    // Beyond a hundred years first: an offset far before go-live is too far, not too small.
    if n.abs() > 36_600 {
        problems.push(problem(
            at,
            format!("{n} days is more than a hundred years"),
            "plans are counted in days; check the number",
        ));
        return None;
    }
    if n < min {
        problems.push(problem(
            at,
            format!("{n} is too small here: the least is {min}"),
            if min > 0 {
                format!("a count or an interval must be at least {min}")
            } else {
                "count days before go-live with `offset_days`, not here".to_string()
            },
        ));
        return None;
    }
    Some(n)
}

fn text_value(value: &Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) -> Option<String> {
    match value.get_ref().as_str() {
        Some(s) => Some(s.to_string()),
        None => {
            problems.push(problem(
                value.span().start,
                format!("expected text, found {}", type_name(value.get_ref())),
                "put text in \"quotes\"",
            ));
            None
        }
    }
}

/// A date, written as a TOML date (`2027-03-01`) or as text (`"2027-03-01"`).
fn date_value(value: &Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) -> Option<Date> {
    let at = value.span().start;
    let written = match value.get_ref() {
        DeValue::String(s) => s.to_string(),
        DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        other => {
            problems.push(problem(
                at,
                format!("expected a date, found {}", type_name(other)),
                "write a date as YYYY-MM-DD, like 2027-03-01",
            ));
            return None;
        }
    };
    match date::parse(&written) {
        Ok(d) => Some(d),
        Err(why) => {
            problems.push(problem(
                at,
                format!("`{written}` is not a date: {why}"),
                "write a date as YYYY-MM-DD, like 2027-03-01",
            ));
            None
        }
    }
}

fn tables<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, &'a DeTable<'i>)> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(t) => Some((item.span().start, t)),
                _ => {
                    problems.push(problem(
                        item.span().start,
                        format!("each {name} must be a table"),
                        format!("write each one under its own [[{name}]] line"),
                    ));
                    None
                }
            })
            .collect(),
        _ => {
            problems.push(problem(
                value.span().start,
                format!("`{name}` must be a list of tables"),
                format!("write each one under its own [[{name}]] line"),
            ));
            Vec::new()
        }
    }
}

/// The `id`, `title`, `description` and `source` every event and reminder has.
#[derive(Default)]
struct Common {
    id: Option<String>,
    title: Option<String>,
    description: String,
    source: Option<String>,
}

fn common_key(
    key: &str,
    value: &Spanned<DeValue<'_>>,
    common: &mut Common,
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> bool {
    match key {
        "id" => {
            if let Some(id) = text_value(value, problems) {
                let at = value.span().start;
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    problems.push(problem(
                        at,
                        format!("the id `{id}` may only hold letters, digits, `-` and `_`"),
                        "write it like \"booster-1\"; calendars use it to recognise the event",
                    ));
                } else if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                    problems.push(Problem {
                        first: Some(*first),
                        ..problem(
                            at,
                            format!("the id `{id}` is used twice in this plan"),
                            "give every event and reminder its own id; calendars use it to recognise the event",
                        )
                    });
                } else {
                    ids.push((id.clone(), at));
                    common.id = Some(id);
                }
            }
        }
        "title" => common.title = text_value(value, problems),
        "description" => common.description = text_value(value, problems).unwrap_or_default(),
        "source" => common.source = text_value(value, problems),
        _ => return false,
    }
    true
}

fn required<T>(
    value: Option<T>,
    key: &str,
    at: usize,
    place: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if value.is_none() {
        problems.push(problem(
            at,
            format!("this {place} has no `{key}`"),
            match key {
                "id" => "add `id = \"short-name\"`, unique in the plan".to_string(),
                "title" => "add `title = \"What happens\"`".to_string(),
                _ => format!("add `{key} = …` (a whole number of days)"),
            },
        ));
    }
    value
}

fn event(
    (at, table): (usize, &DeTable<'_>),
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> Option<Event> {
    let before = problems.len();
    let mut common = Common::default();
    let mut offset = None;
    let mut training = false;
    let mut had_id = false;
    for (key, value) in sorted(table) {
        let name = key.get_ref().as_ref();
        had_id |= name == "id";
        if common_key(name, value, &mut common, problems, ids) {
            continue;
        }
        match name {
            "offset_days" => offset = integer(value, -36_600, problems),
            "training" => match value.get_ref().as_bool() {
                Some(b) => training = b,
                None => problems.push(problem(
                    value.span().start,
                    format!(
                        "expected true or false, found {}",
                        type_name(value.get_ref())
                    ),
                    "write `training = true` on the training day's event",
                )),
            },
            other => problems.push(unknown(key.span().start, other, EVENT_KEYS, "an [[event]]")),
        }
    }
    if !had_id {
        required(None::<()>, "id", at, "event", problems);
    }
    let title = required(common.title, "title", at, "event", problems);
    if offset.is_none() && !table.iter().any(|(k, _)| k.get_ref() == "offset_days") {
        required(None::<()>, "offset_days", at, "event", problems);
    }
    if problems.len() > before {
        return None;
    }
    Some(Event {
        id: common.id?,
        title: title?,
        offset_days: offset?,
        description: common.description,
        source: common.source,
        training,
    })
}

fn reminder(
    (at, table): (usize, &DeTable<'_>),
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> Option<Reminder> {
    let before = problems.len();
    let mut common = Common::default();
    let (mut every, mut count, mut start) = (None, None, None);
    let mut had_id = false;
    for (key, value) in sorted(table) {
        let name = key.get_ref().as_ref();
        had_id |= name == "id";
        if common_key(name, value, &mut common, problems, ids) {
            continue;
        }
        match name {
            "every_days" => every = integer(value, 1, problems),
            "count" => count = integer(value, 1, problems),
            "start_offset_days" => start = integer(value, -36_600, problems),
            other => problems.push(unknown(
                key.span().start,
                other,
                REMINDER_KEYS,
                "a [[reminder]]",
            )),
        }
    }
    if !had_id {
        required(None::<()>, "id", at, "reminder", problems);
    }
    let title = required(common.title, "title", at, "reminder", problems);
    for (value, key) in [
        (every, "every_days"),
        (count, "count"),
        (start, "start_offset_days"),
    ] {
        if value.is_none() && !table.iter().any(|(k, _)| k.get_ref() == key) {
            required(None::<()>, key, at, "reminder", problems);
        }
    }
    if problems.len() > before {
        return None;
    }
    if count? > 500 {
        problems.push(problem(
            at,
            format!("{} repeats are too many for one reminder", count?),
            "keep `count` at 500 or less",
        ));
        return None;
    }
    Some(Reminder {
        id: common.id?,
        title: title?,
        every_days: every?,
        count: count?,
        start_offset_days: start?,
        description: common.description,
        source: common.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "max_gap_days = 14\n\n[[event]]\nid = \"training\"\ntitle = \"Training\"\noffset_days = -7\ntraining = true\n\n[[reminder]]\nid = \"tips\"\ntitle = \"Tip\"\nevery_days = 14\ncount = 3\nstart_offset_days = 7\n";

    #[test]
    fn reads_events_and_reminders_in_order() {
        let rules = read(GOOD).unwrap();
        assert_eq!(rules.max_gap_days, 14);
        assert_eq!(rules.training().unwrap().id, "training");
        assert_eq!(rules.reminders[0].count, 3);
    }

    #[test]
    fn problems_carry_their_offsets() {
        let text = GOOD
            .replace("count = 3", "count = -1")
            .replace("title = \"Tip\"", "titel = \"Tip\"");
        let problems = read(&text).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"unknown key `titel` in a [[reminder]]"),
            "{messages:?}"
        );
        let negative = problems
            .iter()
            .find(|p| p.message.starts_with("-1"))
            .unwrap();
        assert_eq!(&text[negative.offset..negative.offset + 2], "-1");
    }

    #[test]
    fn the_plan_must_fit_in_years_1_to_9999() {
        let late = format!("example_go_live = 9999-12-01\n{GOOD}");
        let problems = read(&late).unwrap_err();
        assert_eq!(
            problems[0].message,
            "the example go-live 9999-12-01 puts part of the plan outside 0001-01-01 to 9999-12-31"
        );
        assert_eq!(
            problems[0].hint,
            "choose a date from 0001-01-08 to 9999-11-26"
        );
        assert_eq!(&late[problems[0].offset..][..10], "9999-12-01");
        let fits = format!("example_go_live = 9999-11-26\n{GOOD}");
        assert!(read(&fits).is_ok());

        let long = GOOD
            .replace("every_days = 14", "every_days = 36600")
            .replace("count = 3", "count = 500");
        let problems = read(&long).unwrap_err();
        assert_eq!(
            problems[0].message,
            "the plan spans more days than fit between 0001-01-01 and 9999-12-31"
        );
        assert!(long[problems[0].offset..].starts_with("\"tips\""));
    }

    #[test]
    fn a_repeated_id_is_an_error() {
        let text = GOOD.replace("id = \"tips\"", "id = \"training\"");
        let problems = read(&text).unwrap_err();
        assert!(problems[0].message.contains("used twice"), "{problems:?}");
    }
}
