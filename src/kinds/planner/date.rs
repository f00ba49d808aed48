//! The planner's calendar dates: [`time::Date`] read from and written as `YYYY-MM-DD`, kept from
//! 0001-01-01 to 9999-12-31 (what `YYYY-MM-DD` and a calendar file can hold), with date-only
//! arithmetic in whole days and in calendar months: no time of day and no time zone, so no
//! daylight saving. Also the clinic's working days: Monday to Friday, but for the non-working
//! days a plan names. The rules and the schedule both use it.

use time::{Month, Weekday};

pub use time::Date;

/// The first and the last date a plan may hold, and reading `YYYY-MM-DD`: the dates every kind
/// reads.
pub use crate::kinds::kit::toml_spans::{
    FIRST_DATE as FIRST, LAST_DATE as LAST, parse_date as parse,
};

/// The date `days` days after `date` (before it when negative), if that is a date from
/// 0001-01-01 to 9999-12-31.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    let julian = i64::from(date.to_julian_day()).checked_add(days)?;
    Date::from_julian_day(i32::try_from(julian).ok()?)
        .ok()
        .filter(|d| (FIRST..=LAST).contains(d))
}

/// Days from `from` to `to` (negative when `to` comes first).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.to_julian_day()) - i64::from(from.to_julian_day())
}

/// The same day `months` calendar months later (earlier when negative): 31 January + 1 month is
/// the last day of February, 29 February + 12 months is 28 February; `None` outside 0001-01-01
/// to 9999-12-31.
pub fn add_months(date: Date, months: i64) -> Option<Date> {
    let index = i64::from(date.year())
        .checked_mul(12)?
        .checked_add(i64::from(u8::from(date.month())) - 1)?
        .checked_add(months)?;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day)
        .ok()
        .filter(|d| (FIRST..=LAST).contains(d))
}

/// A day a plan names as not worked: one date, or a day of the year (`12-25`), every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonWorking {
    Date(Date),
    Yearly(Month, u8),
}

/// Reads a non-working day: `YYYY-MM-DD`, or `MM-DD` for every year.
pub fn parse_non_working(text: &str) -> Result<NonWorking, String> {
    if text.len() == 10 {
        return parse(text).map(NonWorking::Date);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let shape = parts.len() == 2
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape {
        return Err(
            "write a date as YYYY-MM-DD (2027-04-27), or MM-DD for every year (12-25)".to_string(),
        );
    }
    let [month, day] = [parts[0], parts[1]].map(|p| p.parse::<u8>().unwrap_or(0));
    let Ok(month) = Month::try_from(month) else {
        return Err(format!("there is no month {month}"));
    };
    // 29 February is a day of the year too: it is not worked in the years that have it.
    let longest = month.length(2000);
    if day == 0 || day > longest {
        return Err(format!("{month} has {longest} days"));
    }
    Ok(NonWorking::Yearly(month, day))
}

/// Whether the clinic works on `date`: Monday to Friday, and not one of `closed`.
pub fn is_working_day(date: Date, closed: &[NonWorking]) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
        && !closed.iter().any(|c| match *c {
            NonWorking::Date(d) => d == date,
            NonWorking::Yearly(month, day) => date.month() == month && date.day() == day,
        })
}

/// The nearest date from `date` on, going one day at a time in the direction of `step` (1 or
/// -1), on which `days` days in a row are all working days; `None` if there is none within a
/// year or within 0001-01-01 to 9999-12-31.
pub fn nearest_working(date: Date, days: i64, step: i64, closed: &[NonWorking]) -> Option<Date> {
    (0..=366).find_map(|n| {
        let start = add_days(date, n * step)?;
        (0..days.max(1))
            .all(|i| add_days(start, i).is_some_and(|d| is_working_day(d, closed)))
            .then_some(start)
    })
}

/// `20270301`, for calendars.
pub fn compact(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The go-live dates for which every day from `low` to `high` days after go-live (`low` ≤ 0 ≤
/// `high`) falls from 0001-01-01 to 9999-12-31; `None` when that span is longer than those dates.
pub fn go_live_range((low, high): (i64, i64)) -> Option<(Date, Date)> {
    let first = add_days(FIRST, low.checked_neg()?)?;
    let last = add_days(LAST, high.checked_neg()?)?;
    (first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use time::Weekday;

    use super::*;

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2028-02-29",
            "2026-12-31",
            "9999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(parse(text).unwrap().to_string(), text);
        }
        assert_eq!(parse("1970-01-05").unwrap().weekday(), Weekday::Monday);
        assert_eq!(compact(parse("0001-03-09").unwrap()), "00010309");
    }

    #[test]
    fn the_first_and_last_dates_are_years_1_and_9999() {
        assert_eq!(parse("0001-01-01"), Ok(FIRST));
        assert_eq!(parse("9999-12-31"), Ok(LAST));
        assert_eq!(add_days(LAST, 1), None);
        assert_eq!(add_days(FIRST, -1), None);
        assert_eq!(add_days(FIRST, i64::MAX), None);
        assert_eq!(days_between(FIRST, LAST), 3_652_058);
        assert_eq!(add_days(FIRST, 3_652_058), Some(LAST));
    }

    #[test]
    fn arithmetic_counts_calendar_days_across_month_ends_and_daylight_saving() {
        let day = |text| parse(text).unwrap();
        assert_eq!(add_days(day("2028-01-31"), 30), Some(day("2028-03-01")));
        assert_eq!(add_days(day("2027-01-31"), 30), Some(day("2027-03-02")));
        // The European summer time starts on 2026-03-29: still one day per day.
        assert_eq!(days_between(day("2026-03-28"), day("2026-03-30")), 2);
        assert_eq!(days_between(day("2026-03-30"), day("2026-03-28")), -2);
    }

    #[test]
    fn months_follow_the_calendar_and_keep_to_the_end_of_short_months() {
        let day = |text| parse(text).unwrap();
        let months = |text, n| add_months(day(text), n).unwrap().to_string();
        assert_eq!(months("2027-03-01", 12), "2028-03-01");
        assert_eq!(months("2027-03-01", 36), "2030-03-01");
        assert_eq!(months("2027-01-31", 1), "2027-02-28");
        assert_eq!(months("2028-01-31", 1), "2028-02-29");
        assert_eq!(months("2027-01-31", 3), "2027-04-30");
        assert_eq!(months("2028-02-29", 12), "2029-02-28");
        assert_eq!(months("2028-02-29", 48), "2032-02-29");
        assert_eq!(months("2027-03-31", -1), "2027-02-28");
        assert_eq!(months("2027-01-15", -13), "2025-12-15");
        assert_eq!(add_months(LAST, 1), None);
        assert_eq!(add_months(FIRST, -1), None);
        assert_eq!(add_months(FIRST, i64::MAX), None);
    }

    #[test]
    fn working_days_skip_weekends_and_the_days_a_plan_names() {
        let day = |text| parse(text).unwrap();
        let closed = [
            parse_non_working("12-25").unwrap(),
            parse_non_working("2027-04-27").unwrap(),
        ];
        // Saturday 1 May 2027 and Sunday 2 May.
        assert!(!is_working_day(day("2027-05-01"), &[]));
        assert!(!is_working_day(day("2027-05-02"), &[]));
        assert!(is_working_day(day("2027-05-03"), &[]));
        assert!(!is_working_day(day("2027-04-27"), &closed));
        assert!(!is_working_day(day("2031-12-25"), &closed));
        assert!(is_working_day(day("2028-04-27"), &closed));
        let near = |text, days, step| {
            nearest_working(day(text), days, step, &closed)
                .unwrap()
                .to_string()
        };
        assert_eq!(near("2027-05-01", 1, 1), "2027-05-03");
        assert_eq!(near("2027-05-01", 1, -1), "2027-04-30");
        // Christmas 2027 is a Saturday; Friday 24 December is worked.
        assert_eq!(near("2027-12-25", 1, -1), "2027-12-24");
        // Two days in a row from Friday 23 April 2027: not over the weekend, nor 27 April.
        assert_eq!(near("2027-04-23", 2, 1), "2027-04-28");
        assert_eq!(near("2027-04-23", 2, -1), "2027-04-22");
        // 9999-12-31 is a Friday: closed, there is no later working day.
        let new_year = [parse_non_working("12-31").unwrap()];
        assert_eq!(nearest_working(LAST, 1, 1, &new_year), None);
        assert_eq!(nearest_working(LAST, 1, 1, &[]), Some(LAST));
    }

    #[test]
    fn non_working_days_are_dates_or_days_of_every_year() {
        assert_eq!(
            parse_non_working("02-29"),
            Ok(NonWorking::Yearly(Month::February, 29))
        );
        assert_eq!(
            parse_non_working("02-30").unwrap_err(),
            "February has 29 days"
        );
        assert_eq!(
            parse_non_working("13-01").unwrap_err(),
            "there is no month 13"
        );
        assert_eq!(
            parse_non_working("2027-02-29").unwrap_err(),
            "February 2027 has 28 days"
        );
        assert!(parse_non_working("25 Dec").is_err());
    }

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(
            parse("2027-02-29").unwrap_err(),
            "February 2027 has 28 days"
        );
        assert_eq!(parse("2027-13-01").unwrap_err(), "there is no month 13");
        assert_eq!(parse("2027-00-01").unwrap_err(), "there is no month 0");
        assert_eq!(parse("0000-01-01").unwrap_err(), "January 0 has 31 days");
        assert!(parse("1-3-2027").is_err());
        assert!(parse("2027-3-01").is_err());
        assert!(parse("+027-03-01").is_err());
    }

    #[test]
    fn go_live_range_keeps_the_span_in_years_1_to_9999() {
        assert_eq!(
            go_live_range((-30, 49)),
            Some((add_days(FIRST, 30).unwrap(), add_days(LAST, -49).unwrap()))
        );
        assert_eq!(go_live_range((0, 0)), Some((FIRST, LAST)));
        assert_eq!(go_live_range((0, 3_652_058)), Some((FIRST, FIRST)));
        assert_eq!(go_live_range((0, 3_652_059)), None);
        assert_eq!(go_live_range((-3_652_059, 0)), None);
        assert_eq!(go_live_range((i64::MIN, i64::MAX)), None);
    }
}
