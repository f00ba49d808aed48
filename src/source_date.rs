//! `SOURCE_DATE_EPOCH`: the moment a reproducible build stamps on what it makes (the date on the
//! PDF forms, the calendar's time stamp) instead of the present one.

use time::OffsetDateTime;

use crate::diagnostics::Diagnostic;

/// The environment variable, as <https://reproducible-builds.org/specs/source-date-epoch/> names it.
pub const VARIABLE: &str = "SOURCE_DATE_EPOCH";

/// The moment of `SOURCE_DATE_EPOCH`, or now when it is not set. A value that is not a time
/// toolkit can use gives now and a warning saying so, so a build meant to be reproducible does
/// not silently carry today's date.
pub fn moment() -> (OffsetDateTime, Option<Diagnostic>) {
    let value = std::env::var_os(VARIABLE).map(|v| v.to_string_lossy().into_owned());
    match value.as_deref().map(str::trim) {
        None | Some("") => (OffsetDateTime::now_utc(), None),
        Some(text) => match parse(text) {
            Ok(moment) => (moment, None),
            Err(why) => (
                OffsetDateTime::now_utc(),
                Some(
                    Diagnostic::warning(format!(
                        "{VARIABLE} `{text}` {why}; the current date is used instead"
                    ))
                    .with_hint(format!(
                        "set {VARIABLE} to whole seconds since 1970-01-01 UTC, such as the last commit's: {VARIABLE}=$(git log -1 --format=%ct)"
                    )),
                ),
            ),
        },
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from [`moment`], without its warning.
pub fn today() -> String {
    moment().0.date().to_string()
}

/// Whole seconds since 1970 as a moment between the years 1 and 9999.
fn parse(text: &str) -> Result<OffsetDateTime, &'static str> {
    let seconds: i64 = text
        .parse()
        .map_err(|_| "is not a whole number of seconds")?;
    OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|_| "is not a date between the years 1 and 9999")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_become_a_moment_and_nonsense_is_refused() {
        assert_eq!(
            parse("1795305600").unwrap().date().to_string(),
            "2026-11-22"
        );
        assert_eq!(
            parse("abc").unwrap_err(),
            "is not a whole number of seconds"
        );
        assert_eq!(
            parse("99999999999999").unwrap_err(),
            "is not a date between the years 1 and 9999"
        );
    }
}
