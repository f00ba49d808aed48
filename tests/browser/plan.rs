//! The action plan in a browser (`tests/browser/plan.mjs`): picking checklist items, actions of
//! one's own, owners, dates and statuses kept across a reload and shared with the checklists'
//! ticks, the review notice, the dashboard's counts, the progress file exported and imported in
//! a fresh profile, the one-page A4 print, axe-core in both languages and 320 px. The files the
//! page downloads are read back here with parsers of their own: the calendars with the `ical`
//! crate (two exports, the same UIDs), the Dutch CSV with the `csv` crate.

use std::collections::BTreeMap;

use crate::crawl::Server;
use crate::harness::{repo_root, run_in};
use crate::tools::{browser_script, node_checks, node_script};

/// Builds the bundled toolkit, serves it and runs plan.mjs; returns the folder of its downloads
/// and the host the site was served on.
fn run_plan_script() -> (tempfile::TempDir, String) {
    let site = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let public = site.path().join("public");
    let server = Server::start(&public, "/org/toolkit/");
    let url = format!("http://127.0.0.1:{}/org/toolkit/", server.port);
    let output = public.to_string_lossy().into_owned();
    run_in(
        &repo_root(),
        &["build", "--base-url", &url, "--output", &output],
    )
    .success();
    let mut command = browser_script("plan.mjs");
    command.arg(&url).arg(downloads.path());
    node_checks(command, "plan.mjs", String::new);
    (downloads, format!("127.0.0.1:{}", server.port))
}

/// The VEVENTs of a calendar as property name → value (values unescaped, as RFC 5545 says).
fn events(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser
        .next()
        .expect("a calendar")
        .expect("a calendar that parses");
    assert!(parser.next().is_none(), "one calendar only");
    let prodid = calendar.properties.iter().find(|p| p.name == "PRODID");
    assert_eq!(
        prodid.and_then(|p| p.value.as_deref()),
        Some("-//toolkit//action plan//EN")
    );
    calendar
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| (p.name.clone(), unescape(p.value.as_deref().unwrap_or(""))))
                .collect()
        })
        .collect()
}

/// A TEXT value as it was before RFC 5545 escaping.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

#[test]
fn javascript_csv_matches_the_shared_vectors() {
    node_checks(
        node_script("csv-vectors.mjs"),
        "csv-vectors.mjs",
        String::new,
    );
}

#[test]
fn action_plan_in_a_browser_with_calendars_and_csv_read_back() {
    let (downloads, host) = run_plan_script();
    let read = |name: &str| std::fs::read_to_string(downloads.path().join(name)).unwrap();

    let (first, second) = (read("plan-1.ics"), read("plan-2.ics"));
    for text in [&first, &second] {
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
        }
        assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    }
    let (one, two) = (events(&first), events(&second));
    let uids = |events: &[BTreeMap<String, String>]| -> Vec<String> {
        events.iter().map(|e| e["UID"].clone()).collect()
    };
    // The same UIDs, in the same order: a second import updates the events.
    assert_eq!(uids(&one), uids(&two));
    assert_eq!(one.len(), 13, "twelve due dates and the review date");
    // The action's id and the site's base path, at the site's host.
    let host_and_site = format!(".org-toolkit@{host}");
    for uid in uids(&one) {
        assert!(
            uid.starts_with("action-plan-") && uid.ends_with(&host_and_site),
            "{uid}"
        );
    }
    let review = one
        .iter()
        .find(|e| e["UID"] == format!("action-plan-review{host_and_site}"))
        .expect("the review date's event");
    assert_eq!(review["SUMMARY"], "Review the action plan");
    assert_eq!(review["DTSTART"], "20200201");
    assert_eq!(review["DTEND"], "20200202");

    // What was typed comes back as typed, through the escaping.
    let hostile = one
        .iter()
        .find(|e| e["SUMMARY"].starts_with("=HYPERLINK"))
        .expect("the action with markup in its text");
    assert_eq!(
        hostile["SUMMARY"],
        "=HYPERLINK(\"http://x\");<img src=x onerror=alert(1)>, a \\ b"
    );
    let first_action = |events: &[BTreeMap<String, String>]| {
        events
            .iter()
            .find(|e| e["DESCRIPTION"].contains("Anna (team manager)"))
            .cloned()
            .expect("Anna's action")
    };
    let (before, after) = (first_action(&one), first_action(&two));
    assert_eq!(before["UID"], after["UID"]);
    assert_eq!(
        (before["DTSTART"].as_str(), after["DTSTART"].as_str()),
        ("20200115", "20200116")
    );
    assert_eq!(
        before["DESCRIPTION"],
        "Owner: Anna (team manager)\nStatus: To do\nBarrier: Tension for Change\nStrategies: identify-and-prepare-champions, conduct-educational-meetings\nNote: Ask the board; \"urgent\", really"
    );

    // The Dutch CSV: a byte-order mark, semicolons, a header and one row per action.
    let csv_bytes = std::fs::read(downloads.path().join("plan-nl.csv")).unwrap();
    assert!(csv_bytes.starts_with("\u{feff}".as_bytes()));
    assert!(String::from_utf8_lossy(&csv_bytes).contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv_bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "Actie",
            "Checklist",
            "Eigenaar",
            "Uiterste datum",
            "Status",
            "Belemmering",
            "Strategieën",
            "Notitie"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 12);
    let row = |start: &str| {
        rows.iter()
            .find(|r| r[0].starts_with(start))
            .unwrap_or_else(|| panic!("no row for {start}: {rows:?}"))
    };
    // A cell a spreadsheet would run as a formula starts with an apostrophe.
    let hostile = row("'=HYPERLINK");
    assert_eq!(
        hostile[0],
        "'=HYPERLINK(\"http://x\");<img src=x onerror=alert(1)>, a \\ b"
    );
    assert_eq!(hostile[2], "'=Carla");
    let own = row("Agree the referral letter");
    assert_eq!(
        own[1..],
        [
            "",
            "Bram",
            "2099-02-10",
            "Bezig",
            "Samenwerkingsverbanden en contacten", // the construct's Dutch name from site.toml
            "",
            ""
        ]
    );
    let anna = rows.iter().find(|r| r[2] == "Anna (team manager)").unwrap();
    assert_eq!(anna[3], "2020-01-16");
    assert_eq!(anna[4], "Te doen");
    assert_eq!(anna[7], "Ask the board; \"urgent\", really");
    assert!(!anna[1].is_empty(), "a checklist item names its checklist");
}
