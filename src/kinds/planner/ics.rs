//! The schedule as an iCalendar file (RFC 5545): one all-day VEVENT per dated entry, text
//! escaped, lines folded at 75 octets and ended with CRLF. `planner.js` writes the same.

use super::date;
use super::rules::Rules;
use super::schedule::Schedule;

/// What the calendar is called and where its UIDs come from.
pub struct Calendar<'a> {
    /// The calendar's name (the page's title).
    pub name: &'a str,
    /// The site's host, which makes UIDs unique: `org.github.io`.
    pub host: &'a str,
    /// The time the file is made, as `20270301T120000Z`.
    pub stamp: &'a str,
    /// "Source", in the page's language.
    pub source_word: &'a str,
    /// "{n} of {of}", in the page's language.
    pub occurrence: &'a str,
}

/// A moment in UTC (such as `source_date::moment`'s) as the calendar's time stamp:
/// `20270301T120000Z`.
pub fn stamp(moment: time::OffsetDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        moment.year(),
        u8::from(moment.month()),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second()
    )
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines; the other control characters
/// RFC 5545 does not allow in text (all of U+0000 to U+001F but tab, and U+007F) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_ascii_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

/// An entry's title: the event's, with "(2 of 6)" for repeats.
pub fn title(rules: &Rules, id: &str, n: Option<i64>, of: Option<i64>, occurrence: &str) -> String {
    let base = rules
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str()))
        .chain(
            rules
                .reminders
                .iter()
                .map(|r| (r.id.as_str(), r.title.as_str())),
        )
        .find(|(i, _)| *i == id)
        .map_or(id, |(_, t)| t);
    match (n, of) {
        (Some(n), Some(of)) => format!(
            "{base} ({})",
            occurrence
                .replace("{n}", &n.to_string())
                .replace("{of}", &of.to_string())
        ),
        _ => base.to_string(),
    }
}

fn details<'a>(rules: &'a Rules, id: &str) -> (&'a str, Option<&'a str>) {
    rules
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.description.as_str(), e.source.as_deref()))
        .chain(
            rules
                .reminders
                .iter()
                .map(|r| (r.id.as_str(), r.description.as_str(), r.source.as_deref())),
        )
        .find(|(i, _, _)| *i == id)
        .map_or(("", None), |(_, d, s)| (d, s))
}

/// Whether an entry takes the team's time: events do unless `busy = false`, reminders do not
/// unless `busy = true`.
pub fn busy(rules: &Rules, id: &str) -> bool {
    rules
        .events
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.busy.unwrap_or(true))
        .or_else(|| {
            rules
                .reminders
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.busy.unwrap_or(false))
        })
        .unwrap_or(false)
}

/// Whether `bytes` are a calendar toolkit wrote (which `plan --ics` may replace).
pub fn is_toolkits(bytes: &[u8]) -> bool {
    bytes.starts_with(b"BEGIN:VCALENDAR")
        && bytes
            .windows(b"\r\nPRODID:-//toolkit//".len())
            .any(|w| w == b"\r\nPRODID:-//toolkit//")
}

/// The whole calendar file, or which entry's date cannot be written (outside 0001-01-01 to
/// 9999-12-31; `schedule::go_live_range` gives the go-live dates that avoid it). An event on
/// 9999-12-31 has no DTEND: an all-day event without one lasts that day (RFC 5545, 3.6.1).
pub fn calendar(rules: &Rules, schedule: &Schedule, cal: &Calendar<'_>) -> Result<String, String> {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//toolkit//training planner//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(cal.name)),
    ];
    for entry in &schedule.entries {
        let day = date::parse(&entry.date).map_err(|_| {
            format!(
                "`{}` falls on {}, outside the dates a calendar can hold ({} to {})",
                entry.id,
                entry.date,
                date::FIRST,
                date::LAST
            )
        })?;
        let (description, source) = details(rules, &entry.id);
        let mut text = description.to_string();
        if let Some(source) = source {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!("{}: {source}", cal.source_word));
        }
        lines.push("BEGIN:VEVENT".to_string());
        let start = date::compact(day);
        // The date the rule gives, so that a moved event keeps its UID when a calendar is
        // downloaded again, and no two repeats moved to one day share one.
        let planned = entry
            .moved_from
            .as_deref()
            .and_then(|d| date::parse(d).ok())
            .map_or_else(|| start.clone(), date::compact);
        lines.push(format!("UID:{}-{planned}@{}", entry.id, cal.host));
        lines.push(format!("DTSTAMP:{}", cal.stamp));
        lines.push(format!("DTSTART;VALUE=DATE:{start}"));
        // All day: DTEND is the day after the last (RFC 5545, 3.6.1); 10000-01-01 cannot be
        // written, and without DTEND an all-day event lasts its one day.
        if let Some(end) = date::add_days(day, entry.days.unwrap_or(1)) {
            lines.push(format!("DTEND;VALUE=DATE:{}", date::compact(end)));
        }
        lines.push(format!(
            "SUMMARY:{}",
            escape(&title(rules, &entry.id, entry.n, entry.of, cal.occurrence))
        ));
        if !text.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&text)));
        }
        // Training and meetings take the team's time; reminders do not.
        let busy = if busy(rules, &entry.id) {
            "OPAQUE"
        } else {
            "TRANSPARENT"
        };
        lines.push(format!("TRANSP:{busy}"));
        lines.push("END:VEVENT".to_string());
    }
    lines.push("END:VCALENDAR".to_string());
    Ok(lines.iter().map(|l| fold(l)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::planner::date::{Date, FIRST, LAST};

    #[test]
    fn the_stamp_is_the_moment_in_utc() {
        let moment = time::OffsetDateTime::from_unix_timestamp(1_795_305_600 + 3_723).unwrap();
        assert_eq!(stamp(moment), "20261122T010203Z");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn control_characters_become_replacement_characters() {
        assert_eq!(
            escape("bell\u{7} nul\u{0} esc\u{1b} del\u{7f}\ttab\r\nline"),
            "bell\u{fffd} nul\u{fffd} esc\u{fffd} del\u{fffd}\ttab\\nline"
        );
    }

    const PLAN: &str = "max_gap_days = 14\n\n[[event]]\nid = \"training\"\ntitle = \"Training\"\noffset_days = -7\ntraining = true\n\n[[event]]\nid = \"go-live\"\ntitle = \"Go-live\"\noffset_days = 0\n";

    /// The calendar of [`PLAN`], with `change` made to its schedule first.
    fn calendar_for(go_live: Date, change: impl FnOnce(&mut Schedule)) -> Result<String, String> {
        let rules = super::super::rules::read(PLAN).unwrap();
        let mut schedule = super::super::schedule::compute(&rules, go_live, &[]).unwrap();
        change(&mut schedule);
        let cal = Calendar {
            name: "Plan",
            host: "example.org",
            stamp: "20270101T120000Z",
            source_word: "Source",
            occurrence: "{n} of {of}",
        };
        calendar(&rules, &schedule, &cal)
    }

    #[test]
    fn an_event_on_the_last_date_has_no_end_and_none_is_dropped() {
        let text = calendar_for(LAST, |_| {}).unwrap();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert!(text.contains("DTSTART;VALUE=DATE:99991224\r\nDTEND;VALUE=DATE:99991225\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:99991231\r\nSUMMARY:Go-live\r\n"));
    }

    #[test]
    fn a_date_outside_years_1_to_9999_is_an_error_not_a_missing_event() {
        // `schedule::compute` refuses such a go-live; a schedule from elsewhere may hold them.
        assert_eq!(
            calendar_for(LAST, |s| s.entries[1].date = "10000-01-01".to_string()).unwrap_err(),
            "`go-live` falls on 10000-01-01, outside the dates a calendar can hold (0001-01-01 to 9999-12-31)"
        );
        let first = date::add_days(FIRST, 7).unwrap();
        assert_eq!(
            calendar_for(first, |s| s.entries[0].date = "0000-12-25".to_string()).unwrap_err(),
            "`training` falls on 0000-12-25, outside the dates a calendar can hold (0001-01-01 to 9999-12-31)"
        );
        assert!(
            calendar_for(first, |_| {})
                .unwrap()
                .contains("DTSTART;VALUE=DATE:00010101\r\n")
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("short"), "short\r\n");
    }
}
