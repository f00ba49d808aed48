//! Reading a kind's TOML (a page's data block, or the kind's section of site.toml) key by key,
//! with the byte offset of every key and value, so that each problem names its place: typed
//! getters (text, whole numbers in a range, true or false, dates, lists, tables and lists of
//! tables), required keys, and unknown keys with a did-you-mean. Every problem is a
//! [`Problem`] at an offset of the text that was parsed. Built on `toml::de::DeTable`, which
//! keeps a span for every key and value, the tables of a `[[list]]` included.
//!
//! ```text
//! let doc = toml_spans::parse(text, "the planner's TOML is not valid", HINT)?;
//! let top = doc.table();
//! top.check_keys(&TOP, |key| format!("add `{key} = …`"), &mut problems);
//! let gap = top.get("max_gap_days").and_then(|v| v.integer(&DAYS, 0..=36_600, …, &mut problems));
//! ```

use std::ops::RangeInclusive;

use time::{Date, Month};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Problem;

/// What a value must be, in words ("a whole number of days"), and how to write it, for
/// "expected …, found …" problems.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'s> {
    pub what: &'s str,
    pub hint: &'s str,
}

pub const TEXT: Expected<'static> = Expected {
    what: "text",
    hint: "put text in \"double quotes\"",
};
pub const WHOLE_NUMBER: Expected<'static> = Expected {
    what: "a whole number",
    hint: "write a whole number without quotes, like 3",
};
pub const TRUE_OR_FALSE: Expected<'static> = Expected {
    what: "true or false",
    hint: "write true or false, without quotes",
};
pub const DATE: Expected<'static> = Expected {
    what: "a date",
    hint: "write a date as YYYY-MM-DD, like 2027-03-01",
};
pub const LIST: Expected<'static> = Expected {
    what: "a list",
    hint: "write a list in square brackets: [\"a\", \"b\"]",
};
pub const TABLE: Expected<'static> = Expected {
    what: "a table",
    hint: "write a table as { key = value } or under a [name] line",
};

/// A parsed TOML text.
pub struct Document<'i> {
    root: Spanned<DeTable<'i>>,
}

/// Parses `text`. A syntax error (or a key written twice) is one problem, "`invalid`: what is
/// wrong", with a hint for that mistake, or `hint` when there is none.
pub fn parse<'i>(text: &'i str, invalid: &str, hint: &str) -> Result<Document<'i>, Problem> {
    DeTable::parse(text)
        .map(|root| Document { root })
        .map_err(|e| {
            let explained = crate::toml_errors::explain(&e, text);
            Problem::new(
                e.span().map_or(0, |s| s.start),
                format!("{invalid}: {}", explained.problem),
                explained.hint.unwrap_or_else(|| hint.to_string()),
            )
        })
}

impl<'i> Document<'i> {
    /// The top-level table; it starts at offset 0.
    pub fn table(&self) -> Table<'_, 'i> {
        Table {
            at: 0,
            entries: self.root.get_ref(),
        }
    }
}

/// A table, and where it starts (its `[name]` or `[[name]]` line, or the `{` of an inline
/// table; 0 for the top level).
#[derive(Clone, Copy)]
pub struct Table<'a, 'i> {
    pub at: usize,
    entries: &'a DeTable<'i>,
}

/// A value, with its key and where both are written. An item of a list has its list's key.
#[derive(Clone, Copy)]
pub struct Value<'a, 'i> {
    pub key: &'a str,
    /// Where the key is written.
    pub key_at: usize,
    /// Where the value is written.
    pub at: usize,
    value: &'a DeValue<'i>,
}

impl<'a, 'i> Table<'a, 'i> {
    /// Its keys and values, in the order they are written.
    pub fn entries(&self) -> Vec<Value<'a, 'i>> {
        let mut entries: Vec<Value<'a, 'i>> = self
            .entries
            .iter()
            .map(|(key, value)| Value {
                key: key.get_ref().as_ref(),
                key_at: key.span().start,
                at: value.span().start,
                value: value.get_ref(),
            })
            .collect();
        entries.sort_by_key(|v| v.key_at);
        entries
    }

    /// The value of `key`, if it is written.
    pub fn get(&self, key: &str) -> Option<Value<'a, 'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(k, value)| Value {
                key: k.get_ref().as_ref(),
                key_at: k.span().start,
                at: value.span().start,
                value: value.get_ref(),
            })
    }

    /// Reports each key that is not one of `keys.known` ("unknown key `titel` in an
    /// `[[event]]`", with the closest known key and the list of them), and each of
    /// `keys.required` that is not written ("this event has no `title`", `add` giving the hint)
    /// unless an unknown key was meant to be it. Returns whether all was well.
    pub fn check_keys(
        &self,
        keys: &Keys<'_>,
        add: impl Fn(&str) -> String,
        problems: &mut Vec<Problem>,
    ) -> bool {
        let before = problems.len();
        let mut meant = Vec::new();
        for entry in self.entries() {
            if !keys.known.contains(&entry.key) {
                problems.push(unknown_key(entry.key, entry.key_at, keys.known, keys.place));
                meant.extend(crate::diagnostics::closest(
                    entry.key,
                    keys.known.iter().copied(),
                    3,
                ));
            }
        }
        for &key in keys.required {
            if self.get(key).is_none() && !meant.contains(&key) {
                problems.push(Problem::new(
                    self.at,
                    format!("this {} has no `{key}`", keys.thing),
                    add(key),
                ));
            }
        }
        problems.len() == before
    }
}

/// The keys a table may have and those it must have, and what the table is called in
/// problems.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'s> {
    pub known: &'s [&'s str],
    pub required: &'s [&'s str],
    /// For unknown keys: "unknown key `titel` in an `[[event]]`".
    pub place: &'s str,
    /// For missing keys: "this event has no `title`".
    pub thing: &'s str,
}

/// "unknown key `titel` in an `[[event]]`", with "did you mean `title`?" when a known key is
/// close, and the keys `place` knows.
pub fn unknown_key(key: &str, at: usize, known: &[&str], place: &str) -> Problem {
    let listed = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match crate::diagnostics::closest(key, known.iter().copied(), 3) {
        Some(close) => format!("did you mean `{close}`? {place} knows {listed}"),
        None => format!("{place} knows {listed}"),
    };
    Problem::new(at, format!("unknown key `{key}` in {place}"), hint)
}

impl<'a, 'i> Value<'a, 'i> {
    /// The value as the TOML parser keeps it, for what the getters do not cover.
    pub fn raw(&self) -> &'a DeValue<'i> {
        self.value
    }

    /// The value in words, for "found …": `the text "ten"`, `the number 1e308`, `a list`.
    pub fn found(&self) -> String {
        match self.value {
            DeValue::String(s) if s.chars().count() <= 40 && !s.contains('\n') => {
                format!("the text \"{s}\"")
            }
            DeValue::String(_) => "text".to_string(),
            DeValue::Integer(n) => format!("the number {}", n.as_str()),
            DeValue::Float(n) => format!("the number {}", n.as_str()),
            DeValue::Boolean(b) => b.to_string(),
            DeValue::Datetime(d) => format!("the date {d}"),
            DeValue::Array(_) => "a list".to_string(),
            DeValue::Table(_) => "a table".to_string(),
        }
    }

    /// The problem "expected `expected`, found …" at the value.
    pub fn wrong(&self, expected: &Expected<'_>) -> Problem {
        Problem::new(
            self.at,
            format!("expected {}, found {}", expected.what, self.found()),
            expected.hint,
        )
    }

    /// The value as text.
    pub fn text(&self, problems: &mut Vec<Problem>) -> Option<&'a str> {
        match self.value {
            DeValue::String(s) => Some(s.as_ref()),
            _ => {
                problems.push(self.wrong(&TEXT));
                None
            }
        }
    }

    /// The value as a whole number in `range`. A number outside it (`None`: too large to hold
    /// at all) is reported with the message and hint `outside` gives.
    pub fn integer(
        &self,
        expected: &Expected<'_>,
        range: RangeInclusive<i64>,
        outside: impl FnOnce(Option<i64>) -> (String, String),
        problems: &mut Vec<Problem>,
    ) -> Option<i64> {
        let DeValue::Integer(written) = self.value else {
            problems.push(self.wrong(expected));
            return None;
        };
        let n = i64::from_str_radix(written.as_str(), written.radix()).ok();
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let (message, hint) = outside(n);
                problems.push(Problem::new(self.at, message, hint));
                None
            }
        }
    }

    /// The value as true or false.
    pub fn bool(&self, expected: &Expected<'_>, problems: &mut Vec<Problem>) -> Option<bool> {
        match self.value {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                problems.push(self.wrong(expected));
                None
            }
        }
    }

    /// The value as a date from 0001-01-01 to 9999-12-31, written as a TOML date
    /// (`2027-03-01`) or as text (`"2027-03-01"`).
    pub fn date(&self, problems: &mut Vec<Problem>) -> Option<Date> {
        let written = match self.value {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            _ => {
                problems.push(self.wrong(&DATE));
                return None;
            }
        };
        match parse_date(&written) {
            Ok(date) => Some(date),
            Err(why) => {
                problems.push(Problem::new(
                    self.at,
                    format!("`{written}` is not a date: {why}"),
                    DATE.hint,
                ));
                None
            }
        }
    }

    /// The items of a list, each with this value's key.
    pub fn list(&self, problems: &mut Vec<Problem>) -> Option<Vec<Value<'a, 'i>>> {
        match self.value {
            DeValue::Array(items) => Some(
                items
                    .iter()
                    .map(|item| Value {
                        at: item.span().start,
                        value: item.get_ref(),
                        ..*self
                    })
                    .collect(),
            ),
            _ => {
                problems.push(self.wrong(&LIST));
                None
            }
        }
    }

    /// The value as a table.
    pub fn table(&self, problems: &mut Vec<Problem>) -> Option<Table<'a, 'i>> {
        match self.value {
            DeValue::Table(entries) => Some(Table {
                at: self.at,
                entries,
            }),
            _ => {
                problems.push(self.wrong(&TABLE));
                None
            }
        }
    }

    /// The value as a list of tables (`[[event]]` tables, or `[{ … }, { … }]`); `hint` says how
    /// to write one.
    pub fn tables(&self, hint: &str, problems: &mut Vec<Problem>) -> Vec<Table<'a, 'i>> {
        let DeValue::Array(items) = self.value else {
            problems.push(Problem::new(
                self.at,
                format!("`{}` must be a list of tables", self.key),
                hint,
            ));
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(entries) => Some(Table {
                    at: item.span().start,
                    entries,
                }),
                _ => {
                    problems.push(Problem::new(
                        item.span().start,
                        format!("each item of `{}` must be a table", self.key),
                        hint,
                    ));
                    None
                }
            })
            .collect()
    }
}

/// The first date that can be written as `YYYY-MM-DD`: 0001-01-01.
pub const FIRST_DATE: Date = match Date::from_calendar_date(1, Month::January, 1) {
    Ok(date) => date,
    Err(_) => panic!("0001-01-01 is a date"),
};

/// The last date that can be written as `YYYY-MM-DD`: 9999-12-31.
pub const LAST_DATE: Date = match Date::from_calendar_date(9999, Month::December, 31) {
    Ok(date) => date,
    Err(_) => panic!("9999-12-31 is a date"),
};

/// Reads `YYYY-MM-DD` (from 0001-01-01 to 9999-12-31), or says what is wrong with it.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shape = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape {
        return Err("write it as YYYY-MM-DD, like 2027-03-01".to_string());
    }
    // Four and two digits: these always fit.
    let year: i32 = parts[0].parse().unwrap_or(0);
    let [month, day] = [parts[1], parts[2]].map(|p| p.parse::<u8>().unwrap_or(0));
    let Ok(month) = Month::try_from(month) else {
        return Err(format!("there is no month {month}"));
    };
    Date::from_calendar_date(year, month, day)
        .ok()
        .filter(|date| *date >= FIRST_DATE)
        .ok_or_else(|| format!("{month} {year} has {} days", month.length(year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT_: &str = "title = \"Plan\"\ncount = 3\nwhen = \"2027-02-30\"\n\n[[event]]\nid = \"a\"\ntitel = \"A\"\n\n[[event]]\nid = 7\n";

    /// Up to five bytes of the text from `offset`.
    fn start(offset: usize) -> &'static str {
        let rest = &TEXT_[offset..];
        rest.get(..5).unwrap_or(rest)
    }

    fn problems_of(f: impl FnOnce(Table<'_, '_>, &mut Vec<Problem>)) -> Vec<Problem> {
        let doc = parse(TEXT_, "invalid", "hint").unwrap();
        let mut problems = Vec::new();
        f(doc.table(), &mut problems);
        problems
    }

    #[test]
    fn keys_come_in_written_order_with_their_places() {
        let doc = parse(TEXT_, "invalid", "hint").unwrap();
        let keys: Vec<&str> = doc.table().entries().iter().map(|v| v.key).collect();
        assert_eq!(keys, ["title", "count", "when", "event"]);
        let count = doc.table().get("count").unwrap();
        assert_eq!(&TEXT_[count.key_at..count.at], "count = ");
    }

    #[test]
    fn unknown_keys_get_a_did_you_mean_and_the_known_keys() {
        let problems = problems_of(|top, problems| {
            let events = top
                .get("event")
                .unwrap()
                .tables("write [[event]]", problems);
            assert_eq!(events.len(), 2);
            let keys = Keys {
                known: &["id", "title"],
                required: &["id", "title"],
                place: "an [[event]]",
                thing: "event",
            };
            let add = |key: &str| format!("add `{key} = \"…\"`");
            // `titel` was meant to be `title`: that is not missing too.
            assert!(!events[0].check_keys(&keys, add, problems));
            assert!(!events[1].check_keys(&keys, add, problems));
            events[1].get("id").unwrap().text(problems);
        });
        let shown: Vec<(&str, &str, &str)> = problems
            .iter()
            .map(|p| (start(p.offset), p.message.as_str(), p.hint.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "titel",
                    "unknown key `titel` in an [[event]]",
                    "did you mean `title`? an [[event]] knows `id`, `title`"
                ),
                ("[[eve", "this event has no `title`", "add `title = \"…\"`"),
                (
                    "7\n",
                    "expected text, found the number 7",
                    "put text in \"double quotes\""
                )
            ]
        );
    }

    #[test]
    fn numbers_out_of_range_and_bad_dates_are_reported_at_the_value() {
        let problems = problems_of(|top, problems| {
            let count = top.get("count").unwrap();
            let outside = |n: Option<i64>| (format!("{n:?} is out of range"), "1 to 2".into());
            assert_eq!(count.integer(&WHOLE_NUMBER, 1..=2, outside, problems), None);
            assert_eq!(top.get("when").unwrap().date(problems), None);
            let title = top.get("title").unwrap();
            assert_eq!(
                title.integer(&WHOLE_NUMBER, 0..=9, |_| unreachable!(), problems),
                None
            );
        });
        let shown: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (&TEXT_[p.offset..][..1], p.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("3", "Some(3) is out of range"),
                (
                    "\"",
                    "`2027-02-30` is not a date: February 2027 has 28 days"
                ),
                ("\"", "expected a whole number, found the text \"Plan\""),
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_one_problem_with_a_hint() {
        let error = parse("a = 1\nb = \"open\n", "the block is not valid", "fallback")
            .err()
            .unwrap();
        // On the second line, where the text is left open.
        assert!((6..=16).contains(&error.offset), "{error:?}");
        assert!(
            error.message.starts_with("the block is not valid: "),
            "{error:?}"
        );
        assert_ne!(error.hint, "fallback");
    }
}
