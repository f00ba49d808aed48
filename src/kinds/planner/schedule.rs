//! The dated schedule: the plan's events and reminders placed on calendar dates from a go-live
//! date and the training days, with the whole-day and calendar-month arithmetic of `date.rs` (no
//! time of day, no time zone), the same as `planner.js`; both are tested against
//! `tests/data/planner-vectors.json`.
//!
//! Nothing the plan places falls on a Saturday, a Sunday or a non-working day the plan names: it
//! moves to the nearest working day in the direction that keeps its rule. Before go-live that is
//! earlier (a rule such as "book patients three weeks before" stays kept), after go-live later;
//! the training moves towards go-live, which keeps the longest gap, unless that would reach
//! go-live. Go-live itself and the training days a user enters are their dates as given.

use serde::{Deserialize, Serialize};

use super::date::{self, Date};
use super::rules::{Event, Rules};

/// One dated activity of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The id of the event or reminder.
    pub id: String,
    pub date: String,
    /// Days from go-live (negative: before).
    pub offset_days: i64,
    /// Which repeat of a reminder, or which of several training days, counting from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<i64>,
    /// Of how many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<i64>,
    /// The rule counts in calendar months: how many from go-live (for "3 months after go-live").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_months: Option<i64>,
    /// How many days in a row it lasts, when more than one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// The date the rule gives, when that is not a working day and the entry was moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

/// What is wrong with the training days entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    /// The last training day is longer before go-live than the plan allows.
    GapTooLong,
    /// The last training day comes after go-live.
    TrainingAfterGoLive,
}

/// The dated schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub go_live: String,
    pub entries: Vec<Entry>,
    /// Days from the last training day to go-live.
    pub gap_days: i64,
    pub warning: Option<Warning>,
    /// A training date that fits the plan, when the one entered does not.
    pub proposed_training: Option<String>,
}

/// The go-live dates for which every date of the schedule (every event, every reminder and a
/// proposed training day) falls from 0001-01-01 to 9999-12-31, the dates `YYYY-MM-DD` and a
/// calendar file can hold; `None` when the plan spans more than that. Training days entered
/// are dates already, so they do not narrow it.
pub fn go_live_range(rules: &Rules) -> Option<(Date, Date)> {
    date::go_live_range(rules.span())
}

/// A go-live date outside [`go_live_range`]: part of the schedule would fall outside 0001-01-01
/// to 9999-12-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    /// The go-live dates that work for the plan, if any do.
    pub range: Option<(Date, Date)>,
}

/// Places the plan on the calendar. Without training days the training falls on its planned
/// day; with them, it starts on each of them (sorted, repeats and days inside the training
/// before dropped). Entries are in date
/// order; on one date, events come in the order written, before reminders. A go-live date
/// outside [`go_live_range`] is refused.
pub fn compute(rules: &Rules, go_live: Date, training: &[Date]) -> Result<Schedule, OutOfRange> {
    let range = go_live_range(rules);
    let refused = OutOfRange { range };
    if !range.is_some_and(|(first, last)| (first..=last).contains(&go_live)) {
        return Err(refused);
    }
    // Within the range, every offset of the plan gives a date.
    let on = |offset: i64| date::add_days(go_live, offset).ok_or(refused);
    let in_months = |months: i64| date::add_months(go_live, months).ok_or(refused);
    let closed: Vec<date::NonWorking> = rules
        .non_working_days
        .iter()
        .filter_map(|d| date::parse_non_working(d).ok())
        .collect();
    // A date of the plan, moved to working days: earlier before go-live, later after it.
    let working = |day: Date, length: i64, training: bool| -> (Date, Option<String>) {
        let step = if day < go_live { -1 } else { 1 };
        let found = if day == go_live {
            Some(day)
        } else if training {
            date::nearest_working(day, length, 1, &closed)
                .filter(|d| date::add_days(*d, length - 1).is_some_and(|end| end < go_live))
                .or_else(|| date::nearest_working(day, length, -1, &closed))
        } else {
            date::nearest_working(day, length, step, &closed)
        };
        match found {
            Some(moved) if moved != day => (moved, Some(day.to_string())),
            _ => (day, None),
        }
    };
    let mut entries = Vec::new();
    let planned = rules.training();
    let length = |event: &Event| event.days.unwrap_or(1).max(1);
    // Each training day entered starts a training of the planned length; a day inside the one
    // before (both days of a two-day training entered) is part of it.
    let mut days: Vec<Date> = training.to_vec();
    days.sort();
    days.dedup();
    let planned_length = planned.map_or(1, length);
    let mut kept: Vec<Date> = Vec::with_capacity(days.len());
    for day in days {
        let inside = kept
            .last()
            .is_some_and(|first| date::days_between(*first, day) < planned_length);
        if !inside {
            kept.push(day);
        }
    }
    let days = kept;
    for event in &rules.events {
        let span = (length(event) > 1).then(|| length(event));
        if event.training && !days.is_empty() {
            let of = days.len() as i64;
            for (i, day) in days.iter().enumerate() {
                entries.push(Entry {
                    id: event.id.clone(),
                    date: day.to_string(),
                    offset_days: date::days_between(go_live, *day),
                    n: (of > 1).then_some(i as i64 + 1),
                    of: (of > 1).then_some(of),
                    offset_months: None,
                    days: span,
                    moved_from: None,
                });
            }
        } else {
            let day = match event.offset_months {
                Some(months) => in_months(months)?,
                None => on(event.offset_days)?,
            };
            let (moved, from) = working(day, length(event), event.training);
            entries.push(Entry {
                id: event.id.clone(),
                date: moved.to_string(),
                offset_days: date::days_between(go_live, day),
                n: None,
                of: None,
                offset_months: event.offset_months,
                days: span,
                moved_from: from,
            });
        }
    }
    for reminder in &rules.reminders {
        for i in 0..reminder.count {
            let (day, months) = match (reminder.start_offset_months, reminder.every_months) {
                (Some(start), Some(every)) => {
                    let months = start + i * every;
                    (in_months(months)?, Some(months))
                }
                _ => (
                    on(reminder.start_offset_days + i * reminder.every_days)?,
                    None,
                ),
            };
            let (moved, from) = working(day, 1, false);
            entries.push(Entry {
                id: reminder.id.clone(),
                date: moved.to_string(),
                offset_days: date::days_between(go_live, day),
                n: Some(i + 1),
                of: Some(reminder.count),
                offset_months: months,
                days: None,
                moved_from: from,
            });
        }
    }
    // In date order (`YYYY-MM-DD` sorts as dates do); on one date, in the order written,
    // events before reminders.
    entries.sort_by(|a, b| a.date.cmp(&b.date));
    let planned_day = match planned {
        Some(event) => working(on(event.offset_days)?, planned_length, true).0,
        None => go_live,
    };
    // The gap runs from the last day of the last training.
    let last = days.last().copied().unwrap_or(planned_day);
    let last = date::add_days(last, planned_length - 1).unwrap_or(last);
    let gap_days = date::days_between(last, go_live);
    let warning = if gap_days > rules.max_gap_days {
        Some(Warning::GapTooLong)
    } else if gap_days < 0 {
        Some(Warning::TrainingAfterGoLive)
    } else {
        None
    };
    Ok(Schedule {
        go_live: go_live.to_string(),
        entries,
        gap_days,
        proposed_training: warning.map(|_| planned_day.to_string()),
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::planner::date::{FIRST, LAST, add_days};

    fn rules(events: &[i64], reminders: &[(i64, i64, i64)]) -> Rules {
        let event = |(n, offset_days): (usize, &i64)| super::super::rules::Event {
            id: format!("e{n}"),
            title: format!("E{n}"),
            offset_days: *offset_days,
            offset_months: None,
            days: None,
            busy: None,
            training: n == 0,
            description: String::new(),
            source: None,
        };
        let reminder = |(n, &(start_offset_days, every_days, count)): (usize, &(i64, i64, i64))| {
            super::super::rules::Reminder {
                id: format!("r{n}"),
                title: format!("R{n}"),
                every_days,
                every_months: None,
                count,
                start_offset_days,
                start_offset_months: None,
                busy: None,
                description: String::new(),
                source: None,
            }
        };
        Rules {
            max_gap_days: 14,
            example_go_live: None,
            non_working_days: Vec::new(),
            events: events.iter().enumerate().map(event).collect(),
            reminders: reminders.iter().enumerate().map(reminder).collect(),
        }
    }

    fn day(first_or_last: Date, days: i64) -> Date {
        add_days(first_or_last, days).unwrap()
    }

    #[test]
    fn go_live_range_keeps_every_date_in_years_1_to_9999() {
        let plan = rules(&[-7, -30, 0], &[(7, 14, 4)]);
        let (first, last) = go_live_range(&plan).unwrap();
        assert_eq!(first, day(FIRST, 30));
        // The last reminder is 7 + 3 × 14 = 49 days after go-live.
        assert_eq!(last, day(LAST, -49));
        for go_live in [first, last] {
            let s = compute(&plan, go_live, &[]).unwrap();
            assert!(
                s.entries.iter().all(|e| date::parse(&e.date).is_ok()),
                "{s:?}"
            );
        }
        let range = Some((first, last));
        assert_eq!(compute(&plan, day(last, 1), &[]), Err(OutOfRange { range }));
        assert_eq!(
            compute(&plan, day(first, -1), &[]),
            Err(OutOfRange { range })
        );
        // Plans after go-live only, or before it only, do not move the other end.
        assert_eq!(
            go_live_range(&rules(&[5], &[])),
            Some((FIRST, day(LAST, -5)))
        );
        assert_eq!(
            go_live_range(&rules(&[-5], &[])),
            Some((day(FIRST, 5), LAST))
        );
        // A reminder of 500 times every 36,600 days spans more than 9999 years.
        let endless = rules(&[0], &[(0, 36_600, 500)]);
        assert_eq!(go_live_range(&endless), None);
        assert_eq!(
            compute(&endless, day(FIRST, 0), &[]),
            Err(OutOfRange { range: None })
        );
    }

    #[test]
    fn training_days_are_sorted_and_the_gap_is_counted_in_calendar_days() {
        let plan = rules(&[-7, 0], &[]);
        let go_live = date::parse("2026-03-30").unwrap();
        let days = ["2026-03-23", "2026-03-09", "2026-03-23"].map(|d| date::parse(d).unwrap());
        let s = compute(&plan, go_live, &days).unwrap();
        let dates: Vec<(&str, i64)> = s
            .entries
            .iter()
            .map(|e| (e.date.as_str(), e.offset_days))
            .collect();
        assert_eq!(
            dates,
            [("2026-03-09", -21), ("2026-03-23", -7), ("2026-03-30", 0)]
        );
        assert_eq!(s.gap_days, 7);
        assert_eq!(s.warning, None);
        let late = compute(&plan, go_live, &[date::parse("2026-04-02").unwrap()]).unwrap();
        assert_eq!(late.gap_days, -3);
        assert_eq!(late.warning, Some(Warning::TrainingAfterGoLive));
        assert_eq!(late.proposed_training.as_deref(), Some("2026-03-23"));
    }
}
