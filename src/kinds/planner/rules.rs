//! The planner's rules: the TOML of a page's ```` ```toml planner ```` block, checked key by key
//! with the byte offset of every problem, so that each error can name its `path:line:col`.

use serde::{Deserialize, Serialize};

use super::date;
use toml::de::DeValue;

use crate::kinds::kit::toml_spans::{self, Expected, Keys, Table, Value};

/// The keys of the block's top level, of an `[[event]]` and of a `[[reminder]]`.
pub const TOP_KEYS: &[&str] = &[
    "max_gap_days",
    "example_go_live",
    "non_working_days",
    "event",
    "reminder",
];
pub const EVENT_KEYS: &[&str] = &[
    "id",
    "title",
    "offset_days",
    "offset_months",
    "days",
    "busy",
    "description",
    "source",
    "training",
];
pub const REMINDER_KEYS: &[&str] = &[
    "id",
    "title",
    "every_days",
    "every_months",
    "count",
    "start_offset_days",
    "start_offset_months",
    "busy",
    "description",
    "source",
];

/// The keys of the block's top level, of an `[[event]]` and of a `[[reminder]]`, as the
/// reader checks them.
const TOP: Keys<'static> = Keys {
    known: TOP_KEYS,
    required: &[],
    place: "the planner",
    thing: "plan",
};
const EVENT: Keys<'static> = Keys {
    known: EVENT_KEYS,
    required: &["id", "title"],
    place: "an [[event]]",
    thing: "event",
};
const REMINDER: Keys<'static> = Keys {
    known: REMINDER_KEYS,
    required: &["id", "title", "count"],
    place: "a [[reminder]]",
    thing: "reminder",
};

/// The rules of a plan, as the browser and `toolkit plan` use them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// The longest acceptable gap, in days, between the last training day and go-live.
    pub max_gap_days: i64,
    /// A go-live date the form starts with (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_go_live: Option<String>,
    /// Days the clinic does not work besides Saturday and Sunday: `YYYY-MM-DD`, or `MM-DD` for
    /// every year (see [`date::parse_non_working`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_working_days: Vec<String>,
    pub events: Vec<Event>,
    #[serde(default)]
    pub reminders: Vec<Reminder>,
}

/// One dated activity, counted in days from go-live (negative: before), or in calendar months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub offset_days: i64,
    /// Counted in calendar months instead of days: `12` is the same date a year after go-live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_months: Option<i64>,
    /// How many days in a row it lasts (1 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// Whether calendars show the time as busy (events are, unless `busy = false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub busy: Option<bool>,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The training itself: its date is the one the user enters.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub training: bool,
}

/// A repeated activity: `count` times, every `every_days` days from `start_offset_days`, or
/// every `every_months` calendar months from `start_offset_months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub every_days: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_months: Option<i64>,
    pub count: i64,
    #[serde(default)]
    pub start_offset_days: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_offset_months: Option<i64>,
    /// Whether calendars show the time as busy (reminders are not, unless `busy = true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub busy: Option<bool>,
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

    /// The first and the last day of the plan, in days from go-live: every event (to its last
    /// day), the first and the last repeat of every reminder, and go-live itself. A month counts
    /// as 31 days, so that the span holds the plan for every go-live date.
    pub fn span(&self) -> (i64, i64) {
        let months = |m: i64| m.saturating_mul(31);
        let offsets = self
            .events
            .iter()
            .flat_map(|e| {
                let first = e.offset_months.map_or(e.offset_days, months);
                [first, first.saturating_add(e.days.unwrap_or(1) - 1)]
            })
            .chain(self.reminders.iter().flat_map(|r| {
                let (start, every) = match (r.start_offset_months, r.every_months) {
                    (Some(start), Some(every)) => (months(start), months(every)),
                    _ => (r.start_offset_days, r.every_days),
                };
                let last = every
                    .saturating_mul(r.count.saturating_sub(1))
                    .saturating_add(start);
                [start, last]
            }))
            .chain([0]);
        offsets.fold((0, 0), |(low, high), o| (low.min(o), high.max(o)))
    }
}

pub use crate::kinds::kit::Problem;

/// A number of days, as a plan counts them.
const DAYS: Expected<'static> = Expected {
    what: "a whole number of days",
    hint: "write a number without quotes, like 14",
};

/// The most days a plan counts in any one number: a hundred years.
const MOST_DAYS: i64 = 36_600;

/// Reads the rules from the block's text.
pub fn read(text: &str) -> Result<Rules, Vec<Problem>> {
    let doc = toml_spans::parse(
        text,
        "the planner's TOML is not valid",
        "write `key = value` lines, [[event]] and [[reminder]] tables; text goes in \"quotes\"",
    )
    .map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut rules = Rules {
        max_gap_days: 0,
        example_go_live: None,
        non_working_days: Vec::new(),
        events: Vec::new(),
        reminders: Vec::new(),
    };
    let mut max_gap = None;
    let mut example_at = 0;
    let mut ids: Vec<(String, usize)> = Vec::new();
    let top = doc.table();
    top.check_keys(&TOP, add, &mut problems);
    for value in top.entries() {
        match value.key {
            "max_gap_days" => {
                if let Some(n) = days(value, 0, &mut problems) {
                    max_gap = Some(n);
                    rules.max_gap_days = n;
                }
            }
            "example_go_live" => {
                example_at = value.at;
                rules.example_go_live = value.date(&mut problems).map(|d| d.to_string())
            }
            "non_working_days" => rules.non_working_days = non_working_days(value, &mut problems),
            "event" => {
                for table in
                    value.tables("write each one under its own [[event]] line", &mut problems)
                {
                    if let Some(event) = event(table, &mut problems, &mut ids) {
                        rules.events.push(event);
                    }
                }
            }
            "reminder" => {
                for table in value.tables(
                    "write each one under its own [[reminder]] line",
                    &mut problems,
                ) {
                    if let Some(reminder) = reminder(table, &mut problems, &mut ids) {
                        rules.reminders.push(reminder);
                    }
                }
            }
            _ => {} // reported by `check_keys`
        }
    }
    if max_gap.is_none() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "the plan needs `max_gap_days`",
            "add `max_gap_days = 14`: the longest acceptable gap, in days, between the last training day and go-live",
        ));
    }
    let trainings: Vec<&Event> = rules.events.iter().filter(|e| e.training).collect();
    if problems.is_empty() {
        match trainings.as_slice() {
            [] => problems.push(Problem::new(
                0,
                "the plan has no training event",
                "mark the event of the training day with `training = true`",
            )),
            [_] => {}
            [_, second, ..] => problems.push(Problem::new(
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
        problems.push(Problem::new(
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
        // A month counts as 31 days here, as in `Rules::span`.
        let longest = rules
            .reminders
            .iter()
            .max_by_key(|r| {
                r.every_months
                    .map_or(r.every_days, |m| m.saturating_mul(31))
                    .saturating_mul(r.count)
            })
            .map_or(0, |r| position_of(text, &r.id));
        problems.push(Problem::new(
            longest,
            "the plan spans more days than fit between 0001-01-01 and 9999-12-31",
            "give the reminders fewer repeats (`count`) or shorter intervals (`every_days`, `every_months`)",
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
        problems.push(Problem::new(
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

/// A whole number of days from `min` to a hundred years.
fn days(value: Value<'_, '_>, min: i64, problems: &mut Vec<Problem>) -> Option<i64> {
    let check = "plans are counted in days; check the number";
    let outside = |n: Option<i64>| match n {
        None => (
            "this number of days is far more than a hundred years".to_string(),
            check.to_string(),
        ),
        // Beyond a hundred years first: an offset far before go-live is too far, not too small.
        Some(n) if n.abs() > MOST_DAYS => (
            format!("{n} days is more than a hundred years"),
            check.to_string(),
        ),
        Some(n) => (
            format!("{n} is too small here: the least is {min}"),
            if min > 0 {
                format!("a count or an interval must be at least {min}")
            } else {
                "count days before go-live with `offset_days`, not here".to_string()
            },
        ),
    };
    value.integer(&DAYS, min..=MOST_DAYS, outside, problems)
}

/// The most times one reminder repeats.
const MOST_REPEATS: i64 = 500;

/// How many times a reminder repeats: from 1 to [`MOST_REPEATS`].
fn repeats(value: Value<'_, '_>, problems: &mut Vec<Problem>) -> Option<i64> {
    let expected = Expected {
        what: "a whole number of repeats",
        hint: "write how many times, without quotes, like 6",
    };
    let outside = |n: Option<i64>| match n {
        Some(n) if n < 1 => (
            format!("{n} is too small here: the least is 1"),
            "a reminder repeats at least once".to_string(),
        ),
        Some(n) => (
            format!("{n} repeats are too many for one reminder"),
            format!("keep `count` at {MOST_REPEATS} or less"),
        ),
        None => (
            "this number of repeats is far too large".to_string(),
            format!("keep `count` at {MOST_REPEATS} or less"),
        ),
    };
    value.integer(&expected, 1..=MOST_REPEATS, outside, problems)
}

/// A number of calendar months, as a plan counts them.
const MONTHS: Expected<'static> = Expected {
    what: "a whole number of calendar months",
    hint: "write a number without quotes, like 12 for a year",
};

/// The most calendar months a plan counts in any one number: a hundred years.
const MOST_MONTHS: i64 = 1200;

/// A whole number of calendar months, from `min` up to a hundred years either way.
fn month_count(value: Value<'_, '_>, min: i64, problems: &mut Vec<Problem>) -> Option<i64> {
    let outside = |n: Option<i64>| match n {
        Some(n) if n.abs() <= MOST_MONTHS => (
            format!("{n} is too small here: the least is {min}"),
            format!("a count or an interval must be at least {min}"),
        ),
        Some(n) => (
            format!("{n} months is more than a hundred years"),
            "count calendar months here: 12 is a year".to_string(),
        ),
        None => (
            "this number of months is far more than a hundred years".to_string(),
            "count calendar months here: 12 is a year".to_string(),
        ),
    };
    value.integer(&MONTHS, min..=MOST_MONTHS, outside, problems)
}

/// A whole number of days in a row, from 1 to `max`.
fn days_in_a_row(value: Value<'_, '_>, max: i64, problems: &mut Vec<Problem>) -> Option<i64> {
    let outside = |n: Option<i64>| match n {
        Some(n) if n < 1 => (
            format!("{n} is too small here: the least is 1"),
            format!("give a number from 1 to {max}"),
        ),
        Some(n) => (
            format!("{n} is too many days in a row: the most is {max}"),
            format!("give a number from 1 to {max}"),
        ),
        None => (
            "this number is far outside the days an event can last".to_string(),
            format!("give a number from 1 to {max}"),
        ),
    };
    value.integer(&DAYS, 1..=max, outside, problems)
}

/// The list of non-working days: dates (`2027-04-27`, quoted or not) and days of every year
/// (`"12-25"`).
fn non_working_days(value: Value<'_, '_>, problems: &mut Vec<Problem>) -> Vec<String> {
    let hint = "list dates as YYYY-MM-DD and days of every year as \"MM-DD\": non_working_days = [2027-04-27, \"12-25\"]";
    let toml::de::DeValue::Array(_) = value.raw() else {
        problems.push(Problem::new(
            value.at,
            format!("`non_working_days` must be a list, found {}", value.found()),
            hint,
        ));
        return Vec::new();
    };
    let Some(items) = value.list(problems) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    for item in items {
        let written = match item.raw() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            _ => {
                problems.push(Problem::new(
                    item.at,
                    format!("expected a date, found {}", item.found()),
                    hint,
                ));
                continue;
            }
        };
        match date::parse_non_working(&written) {
            Ok(_) => days.push(written),
            Err(why) => problems.push(Problem::new(
                item.at,
                format!("`{written}` is not a day of the calendar: {why}"),
                hint,
            )),
        }
    }
    days
}

/// What to add for a key an event or a reminder must have.
fn add(key: &str) -> String {
    match key {
        "id" => "add `id = \"short-name\"`, unique in the plan".to_string(),
        "title" => "add `title = \"What happens\"`".to_string(),
        _ if key.ends_with("_months") => {
            format!("add `{key} = …` (a whole number of calendar months)")
        }
        "count" => "add `count = …` (how many times)".to_string(),
        _ => format!("add `{key} = …` (a whole number of days)"),
    }
}

/// Whether an unknown key of `table` was clearly meant to be one of `keys` (then a missing
/// key of that group is not reported as well: the misspelt one is, with a did-you-mean).
fn meant(table: &Table<'_, '_>, known: &[&str], keys: &[&str]) -> bool {
    table.entries().iter().any(|entry| {
        !known.contains(&entry.key)
            && crate::diagnostics::closest(entry.key, known.iter().copied(), 3)
                .is_some_and(|close| keys.contains(&close))
    })
}

/// The keys that say when an event happens, and how often and from when a reminder repeats.
const EVENT_TIMING: &[&str] = &["offset_days", "offset_months"];
const REMINDER_TIMING: &[&str] = &[
    "every_days",
    "start_offset_days",
    "every_months",
    "start_offset_months",
];

/// Whether calendars show an event or a reminder as busy.
const BUSY: Expected<'static> = Expected {
    what: "true or false",
    hint: "write `busy = true` or `busy = false`",
};

/// The `id`, `title`, `description` and `source` every event and reminder has.
#[derive(Default)]
struct Common {
    id: Option<String>,
    title: Option<String>,
    description: String,
    source: Option<String>,
}

/// Reads `value` if its key is one of [`Common`]'s; false for any other key.
fn common_key(
    value: Value<'_, '_>,
    common: &mut Common,
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> bool {
    let text = |problems: &mut Vec<Problem>| value.text(problems).map(str::to_string);
    match value.key {
        "id" => {
            if let Some(id) = text(problems) {
                let at = value.at;
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    problems.push(Problem::new(
                        at,
                        format!("the id `{id}` may only hold letters, digits, `-` and `_`"),
                        "write it like \"booster-1\"; calendars use it to recognise the event",
                    ));
                } else if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                    problems.push(Problem {
                        first: Some(*first),
                        ..Problem::new(
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
        "title" => common.title = text(problems),
        "description" => common.description = text(problems).unwrap_or_default(),
        "source" => common.source = text(problems),
        _ => return false,
    }
    true
}

fn event(
    table: Table<'_, '_>,
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> Option<Event> {
    let before = problems.len();
    let mut common = Common::default();
    let mut offset = None;
    let (mut months, mut span, mut busy) = (None, None, None);
    let mut training = false;
    let is_training = Expected {
        what: "true or false",
        hint: "write `training = true` on the training day's event",
    };
    let keys_fine = table.check_keys(&EVENT, add, problems);
    for value in table.entries() {
        if common_key(value, &mut common, problems, ids) {
            continue;
        }
        match value.key {
            "offset_days" => offset = days(value, -MOST_DAYS, problems),
            "offset_months" => months = month_count(value, -MOST_MONTHS, problems),
            "days" => span = days_in_a_row(value, 31, problems),
            "busy" => busy = value.bool(&BUSY, problems),
            "training" => training = value.bool(&is_training, problems).unwrap_or(false),
            _ => {} // reported by `check_keys`
        }
    }
    let has = |key: &str| table.get(key).is_some();
    match (has("offset_days"), has("offset_months")) {
        (false, false) if keys_fine || !meant(&table, EVENT_KEYS, EVENT_TIMING) => {
            problems.push(Problem::new(
                table.at,
                "this event has no `offset_days`",
                add("offset_days"),
            ))
        }
        (false, false) => {}
        (true, true) => problems.push(Problem::new(
            table.at,
            "this event has both `offset_days` and `offset_months`",
            "count it in days or in calendar months, not both",
        )),
        (false, true) if training => problems.push(Problem::new(
            table.at,
            "the training is counted in months",
            "count the training in days before go-live, with `offset_days`",
        )),
        (false, true) => offset = Some(0),
        (true, false) => {}
    }
    if problems.len() > before {
        return None;
    }
    Some(Event {
        id: common.id?,
        title: common.title?,
        offset_days: offset?,
        offset_months: months,
        days: span,
        busy,
        description: common.description,
        source: common.source,
        training,
    })
}

fn reminder(
    table: Table<'_, '_>,
    problems: &mut Vec<Problem>,
    ids: &mut Vec<(String, usize)>,
) -> Option<Reminder> {
    let before = problems.len();
    let mut common = Common::default();
    let (mut every, mut count, mut start) = (None, None, None);
    let (mut every_months, mut start_months, mut busy) = (None, None, None);
    let keys_fine = table.check_keys(&REMINDER, add, problems);
    for value in table.entries() {
        if common_key(value, &mut common, problems, ids) {
            continue;
        }
        match value.key {
            "every_days" => every = days(value, 1, problems),
            "count" => count = repeats(value, problems),
            "start_offset_days" => start = days(value, -MOST_DAYS, problems),
            "every_months" => every_months = month_count(value, 1, problems),
            "start_offset_months" => start_months = month_count(value, -MOST_MONTHS, problems),
            "busy" => busy = value.bool(&BUSY, problems),
            _ => {} // reported by `check_keys`
        }
    }
    let has = |key: &str| table.get(key).is_some();
    let in_months = has("every_months") || has("start_offset_months");
    let mixed = in_months && (has("every_days") || has("start_offset_days"));
    if mixed {
        problems.push(Problem::new(
            table.at,
            "this reminder mixes days and months",
            "count a reminder in days (`every_days`, `start_offset_days`) or in calendar months (`every_months`, `start_offset_months`)",
        ));
    }
    let (every_key, start_key) = if in_months {
        ("every_months", "start_offset_months")
    } else {
        ("every_days", "start_offset_days")
    };
    for key in [every_key, start_key] {
        if !has(key) && !mixed && (keys_fine || !meant(&table, REMINDER_KEYS, REMINDER_TIMING)) {
            problems.push(Problem::new(
                table.at,
                format!("this reminder has no `{key}`"),
                add(key),
            ));
        }
    }
    if in_months {
        every = Some(0);
        start = Some(0);
    }
    if problems.len() > before {
        return None;
    }
    Some(Reminder {
        id: common.id?,
        title: common.title?,
        every_days: every?,
        every_months: every_months.filter(|_| in_months),
        count: count?,
        start_offset_days: start?,
        start_offset_months: start_months.filter(|_| in_months),
        busy,
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

    /// The messages of the problems of `text`.
    fn messages(text: &str) -> Vec<String> {
        read(text)
            .unwrap_err()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn a_misspelt_key_of_the_other_unit_is_named_once_and_not_also_missing() {
        let event = GOOD.replace("offset_days = -7", "offset_month = -1");
        assert_eq!(
            messages(&event),
            ["unknown key `offset_month` in an [[event]]"]
        );
        let reminder = GOOD
            .replace("every_days = 14", "every_month = 1")
            .replace("start_offset_days = 7", "start_offset_month = 1");
        assert_eq!(
            messages(&reminder),
            [
                "unknown key `every_month` in a [[reminder]]",
                "unknown key `start_offset_month` in a [[reminder]]"
            ]
        );
    }

    #[test]
    fn counts_are_repeats_and_non_working_days_a_list_of_dates() {
        let problems = read(&GOOD.replace("count = 3", "count = \"three\"")).unwrap_err();
        assert_eq!(
            problems[0].message,
            "expected a whole number of repeats, found the text \"three\""
        );
        let problems = read(&GOOD.replace("count = 3", "count = 40000")).unwrap_err();
        assert_eq!(
            problems[0].message,
            "40000 repeats are too many for one reminder"
        );
        assert_eq!(problems[0].hint, "keep `count` at 500 or less");
        let problems = read(&format!("non_working_days = \"12-25\"\n{GOOD}")).unwrap_err();
        assert_eq!(
            problems[0].message,
            "`non_working_days` must be a list, found the text \"12-25\""
        );
        assert!(
            problems[0]
                .hint
                .contains("non_working_days = [2027-04-27, \"12-25\"]")
        );
    }

    #[test]
    fn a_plan_too_long_in_months_points_at_its_reminder() {
        let text = format!(
            "{GOOD}\n[[reminder]]\nid = \"huge\"\ntitle = \"Huge\"\nevery_months = 1200\ncount = 500\nstart_offset_months = 0\n"
        );
        let problems = read(&text).unwrap_err();
        assert_eq!(
            problems[0].message,
            "the plan spans more days than fit between 0001-01-01 and 9999-12-31"
        );
        assert!(text[problems[0].offset..].starts_with("\"huge\""));
    }

    #[test]
    fn a_repeated_id_is_an_error() {
        let text = GOOD.replace("id = \"tips\"", "id = \"training\"");
        let problems = read(&text).unwrap_err();
        assert!(problems[0].message.contains("used twice"), "{problems:?}");
    }
}
