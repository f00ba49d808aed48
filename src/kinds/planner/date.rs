//! The planner's calendar dates: [`time::Date`] read from and written as `YYYY-MM-DD`, kept from
//! 0001-01-01 to 9999-12-31 (what `YYYY-MM-DD` and a calendar file can hold), with date-only
//! arithmetic in whole days: no time of day and no time zone, so no daylight saving. The rules
//! and the schedule both use it.

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
