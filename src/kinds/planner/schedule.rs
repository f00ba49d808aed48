//! The dated schedule: the plan's events and reminders placed on calendar dates from a go-live
//! date and the training days. Date-only arithmetic on day numbers (no time of day, no time
//! zone), the same as `planner.js`; both are tested against `tests/data/planner-vectors.json`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rules::Rules;

/// A calendar date, as the number of days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The first date that can be written as `YYYY-MM-DD`: 0001-01-01.
    pub const FIRST: Date = Date(-719_162);
    /// The last date that can be written as `YYYY-MM-DD`: 9999-12-31.
    pub const LAST: Date = Date(2_932_896);

    /// The date of a year, month (1–12) and day, if there is one.
    pub fn from_ymd(year: i64, month: i64, day: i64) -> Option<Date> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
        {
            return None;
        }
        // Days from civil (H. Hinnant), with March as the first month of the year.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Reads `YYYY-MM-DD`, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let shape = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !shape {
            return Err("write it as YYYY-MM-DD, like 2027-03-01".to_string());
        }
        let [year, month, day] =
            [parts[0], parts[1], parts[2]].map(|p| p.parse::<i64>().unwrap_or(0));
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        Date::from_ymd(year, month, day).ok_or_else(|| {
            format!(
                "{} {year} has {} days",
                MONTHS[(month - 1) as usize],
                days_in_month(year, month)
            )
        })
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Days from `other` to `self`.
    pub fn days_since(self, other: Date) -> i64 {
        self.0 - other.0
    }

    /// 0 is Monday, 6 is Sunday.
    pub fn weekday(self) -> usize {
        (self.0 + 3).rem_euclid(7) as usize
    }

    /// `20270301`, for calendars.
    pub fn compact(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

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
    let offsets = rules
        .events
        .iter()
        .map(|e| e.offset_days)
        .chain(rules.reminders.iter().flat_map(|r| {
            let last = r
                .every_days
                .saturating_mul(r.count.saturating_sub(1))
                .saturating_add(r.start_offset_days);
            [r.start_offset_days, last]
        }))
        .chain([0]);
    let (low, high) = offsets.fold((0i64, 0i64), |(low, high), o| (low.min(o), high.max(o)));
    let first = Date::FIRST.0.saturating_sub(low);
    let last = Date::LAST.0.saturating_sub(high);
    (first <= last).then_some((Date(first), Date(last)))
}

/// Places the plan on the calendar. Without training days the training falls on its planned
/// day; with them, it falls on each of them (sorted, repeats dropped). Entries are in date
/// order; on one date, events come in the order written, before reminders.
pub fn compute(rules: &Rules, go_live: Date, training: &[Date]) -> Schedule {
    let mut days: Vec<Date> = training.to_vec();
    days.sort();
    days.dedup();
    let mut entries = Vec::new();
    let planned = rules.training().map_or(0, |t| t.offset_days);
    for event in &rules.events {
        if event.training && !days.is_empty() {
            let of = days.len() as i64;
            for (i, day) in days.iter().enumerate() {
                entries.push(Entry {
                    id: event.id.clone(),
                    date: day.to_string(),
                    offset_days: day.days_since(go_live),
                    n: (of > 1).then_some(i as i64 + 1),
                    of: (of > 1).then_some(of),
                });
            }
        } else {
            entries.push(Entry {
                id: event.id.clone(),
                date: go_live.add_days(event.offset_days).to_string(),
                offset_days: event.offset_days,
                n: None,
                of: None,
            });
        }
    }
    for reminder in &rules.reminders {
        for i in 0..reminder.count {
            let offset = reminder.start_offset_days + i * reminder.every_days;
            entries.push(Entry {
                id: reminder.id.clone(),
                date: go_live.add_days(offset).to_string(),
                offset_days: offset,
                n: Some(i + 1),
                of: Some(reminder.count),
            });
        }
    }
    entries.sort_by_key(|e| e.offset_days);
    let last = days.last().copied().unwrap_or(go_live.add_days(planned));
    let gap_days = go_live.days_since(last);
    let warning = if gap_days > rules.max_gap_days {
        Some(Warning::GapTooLong)
    } else if gap_days < 0 {
        Some(Warning::TrainingAfterGoLive)
    } else {
        None
    };
    Schedule {
        go_live: go_live.to_string(),
        entries,
        gap_days,
        proposed_training: warning.map(|_| go_live.add_days(planned).to_string()),
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2028-02-29",
            "2026-12-31",
            "9999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Date::parse("1970-01-01").unwrap(), Date(0));
        assert_eq!(Date::parse("1970-01-05").unwrap().weekday(), 0);
    }

    #[test]
    fn the_first_and_last_dates_are_years_1_and_9999() {
        assert_eq!(Date::from_ymd(1, 1, 1), Some(Date::FIRST));
        assert_eq!(Date::from_ymd(9999, 12, 31), Some(Date::LAST));
        assert_eq!(Date::LAST.add_days(1).to_string(), "10000-01-01");
    }

    fn rules(events: &[i64], reminders: &[(i64, i64, i64)]) -> Rules {
        let event = |(n, offset_days): (usize, &i64)| super::super::rules::Event {
            id: format!("e{n}"),
            title: format!("E{n}"),
            offset_days: *offset_days,
            training: n == 0,
            description: String::new(),
            source: None,
        };
        let reminder = |(n, &(start_offset_days, every_days, count)): (usize, &(i64, i64, i64))| {
            super::super::rules::Reminder {
                id: format!("r{n}"),
                title: format!("R{n}"),
                every_days,
                count,
                start_offset_days,
                description: String::new(),
                source: None,
            }
        };
        Rules {
            max_gap_days: 14,
            example_go_live: None,
            events: events.iter().enumerate().map(event).collect(),
            reminders: reminders.iter().enumerate().map(reminder).collect(),
        }
    }

    #[test]
    fn go_live_range_keeps_every_date_in_years_1_to_9999() {
        let plan = rules(&[-7, -30, 0], &[(7, 14, 4)]);
        let (first, last) = go_live_range(&plan).unwrap();
        assert_eq!(first, Date::FIRST.add_days(30));
        // The last reminder is 7 + 3 × 14 = 49 days after go-live.
        assert_eq!(last, Date::LAST.add_days(-49));
        for go_live in [first, last] {
            let s = compute(&plan, go_live, &[]);
            assert!(
                s.entries.iter().all(|e| Date::parse(&e.date).is_ok()),
                "{s:?}"
            );
        }
        let late = compute(&plan, last.add_days(1), &[]);
        assert_eq!(late.entries.last().unwrap().date, "10000-01-01");
        // Plans after go-live only, or before it only, do not move the other end.
        assert_eq!(
            go_live_range(&rules(&[5], &[])),
            Some((Date::FIRST, Date::LAST.add_days(-5)))
        );
        assert_eq!(
            go_live_range(&rules(&[-5], &[])),
            Some((Date::FIRST.add_days(5), Date::LAST))
        );
        // A reminder of 500 times every 36,600 days spans more than 9999 years.
        assert_eq!(go_live_range(&rules(&[0], &[(0, 36_600, 500)])), None);
    }

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(
            Date::parse("2027-02-29").unwrap_err(),
            "February 2027 has 28 days"
        );
        assert_eq!(
            Date::parse("2027-13-01").unwrap_err(),
            "there is no month 13"
        );
        assert!(Date::parse("1-3-2027").is_err());
        assert!(Date::parse("2027-3-01").is_err());
    }
}
