//! The training planner: the schedule in Rust against the file of test vectors it shares with
//! the JavaScript planner, the `.ics` read back by an independent parser, `toolkit plan`, the page
//! built without JavaScript, and bad plans with their place in the file. The JavaScript planner
//! and the page in a browser are tested in tests/browser/planner.rs.

use std::collections::BTreeMap;

use pretty_assertions::assert_eq;
use serde_json::Value;
use toolkit::kinds::planner::{Rules, date, ics, schedule};

use crate::harness::{Site, fails_with, repo_root, run_in};
use crate::planner_vectors::{compute, vector_calendar, vectors};

#[test]
fn rust_schedule_matches_the_shared_vectors() {
    let vectors = vectors();
    for case in vectors["cases"].as_array().unwrap() {
        let (_, s) = compute(&vectors, case);
        let entries: Vec<String> = s
            .entries
            .iter()
            .map(|e| {
                let mut text = format!("{} {}", e.date, e.id);
                if let (Some(n), Some(of)) = (e.n, e.of) {
                    text.push_str(&format!(" {n}/{of}"));
                }
                if let Some(days) = e.days {
                    text.push_str(&format!(" {days} days"));
                }
                if let Some(from) = &e.moved_from {
                    text.push_str(&format!(" from {from}"));
                }
                text
            })
            .collect();
        let actual = serde_json::json!({
            "entries": entries,
            "gap_days": s.gap_days,
            "warning": s.warning,
            "proposed_training": s.proposed_training,
        });
        assert_eq!(actual, case["expected"], "{}", case["name"]);
    }
}

#[test]
fn rust_go_live_range_matches_the_shared_vectors() {
    let vectors = vectors();
    let rules: Rules = serde_json::from_value(vectors["rules"].clone()).unwrap();
    let (first, last) = schedule::go_live_range(&rules).unwrap();
    assert_eq!(
        serde_json::json!([first.to_string(), last.to_string()]),
        vectors["go_live_range"]["expected"]
    );
}

/// Every VEVENT of a calendar, as property name → value, read by the `ical` crate.
fn events_of(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser
        .next()
        .expect("a calendar")
        .expect("a calendar that parses");
    assert!(parser.next().is_none(), "one calendar only");
    let top: BTreeMap<String, String> = calendar
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    assert_eq!(top["VERSION"], "2.0");
    assert_eq!(top["CALSCALE"], "GREGORIAN");
    assert!(top["PRODID"].contains("toolkit"));
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    let params = p
                        .params
                        .as_ref()
                        .map(|ps| {
                            ps.iter()
                                .map(|(k, v)| format!(";{k}={}", v.join(",")))
                                .collect::<String>()
                        })
                        .unwrap_or_default();
                    (
                        format!("{}{params}", p.name),
                        p.value.clone().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .collect()
}

fn check_calendar(text: &str, s: &schedule::Schedule, titles: &[String], host: &str) {
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    let events = events_of(text);
    assert_eq!(events.len(), s.entries.len());
    for ((event, entry), title) in events.iter().zip(&s.entries).zip(titles) {
        let compact = entry.date.replace('-', "");
        let planned = entry
            .moved_from
            .as_deref()
            .unwrap_or(&entry.date)
            .replace('-', "");
        assert_eq!(event["UID"], format!("{}-{planned}@{host}", entry.id));
        assert!(
            event["DTSTAMP"].len() == 16 && event["DTSTAMP"].ends_with('Z'),
            "DTSTAMP {}",
            event["DTSTAMP"]
        );
        assert_eq!(event["DTSTART;VALUE=DATE"], compact);
        let next = date::add_days(date::parse(&entry.date).unwrap(), entry.days.unwrap_or(1));
        let end = next.unwrap().to_string().replace('-', "");
        assert_eq!(event["DTEND;VALUE=DATE"], end);
        assert_eq!(event["SUMMARY"], *title, "SUMMARY of {}", entry.id);
    }
}

/// Escaped as RFC 5545 TEXT, as a parser that does not unescape returns it.
fn escaped(text: &str) -> String {
    ics::escape(text)
}

/// The calendar of the shared vectors parses, with an event for each entry of the schedule and
/// RFC 5545 escapes; tests/browser/planner.rs checks that planner.js writes the same calendar.
#[test]
fn the_calendar_of_the_shared_vectors_parses_with_an_event_per_entry() {
    let (rules, s, rust) = vector_calendar(&vectors());
    assert!(rust.contains("X-WR-CALNAME:Training plan\\; test\\, one\u{fffd}\r\n"));
    // A control character (U+0007 in the name) became U+FFFD.
    assert!(rust.contains("SUMMARY:Booster\\, session\r\n"));
    let titles: Vec<String> = s
        .entries
        .iter()
        .map(|e| escaped(&ics::title(&rules, &e.id, e.n, e.of, "{n} of {of}")))
        .collect();
    check_calendar(&rust, &s, &titles, "example.org");
}

/// The calendar read back: a two-day training is one event over both days (DTEND is the day
/// after the last), training and meetings are busy and reminders and tasks free, and a moved
/// event keeps the UID of the date its rule gives.
#[test]
fn the_calendar_spans_multi_day_training_and_marks_what_is_busy() {
    let vectors = vectors();
    let (_, s, text) = crate::planner_vectors::calendar_of(&vectors, "also");
    let events = events_of(&text);
    let got: Vec<[&str; 5]> = events
        .iter()
        .map(|e| {
            [
                e["UID"].as_str(),
                e["DTSTART;VALUE=DATE"].as_str(),
                e["DTEND;VALUE=DATE"].as_str(),
                e["TRANSP"].as_str(),
                e["SUMMARY"].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "book-20270412@example.org",
                "20270412",
                "20270413",
                "TRANSPARENT",
                "Book the first patients"
            ],
            [
                "check-20270427@example.org",
                "20270426",
                "20270427",
                "TRANSPARENT",
                "Check the test accounts"
            ],
            [
                "training-20270426@example.org",
                "20270428",
                "20270430",
                "OPAQUE",
                "Core training"
            ],
            [
                "go-live-20270503@example.org",
                "20270503",
                "20270504",
                "TRANSPARENT",
                "Go-live"
            ],
            [
                "booster-20270508@example.org",
                "20270510",
                "20270511",
                "OPAQUE",
                "Booster"
            ],
            [
                "tips-20270517@example.org",
                "20270517",
                "20270518",
                "TRANSPARENT",
                "Practical tip (1 of 1)"
            ],
        ]
    );
    assert_eq!(events.len(), s.entries.len());
}

#[test]
fn the_proposed_training_day_is_said_from_where_it_lands_after_moving_off_a_weekend() {
    // Go-live on a Saturday: the planned week before it is a weekend, so the two training days
    // move to Monday and Tuesday, five days before go-live; the warning says so, not "1 week".
    let run = run_in(
        &repo_root(),
        &[
            "plan",
            "--go-live",
            "2027-03-06",
            "--training",
            "2027-01-01",
        ],
    );
    run.success();
    assert!(
        run.stderr
            .contains("Train on 2027-03-01 (5 days before go-live) instead."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: run again with --training 2027-03-01"),
        "{}",
        run.stderr
    );
}

#[test]
fn plan_prints_the_schedule_warns_and_writes_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ics");
    let file_arg = file.to_string_lossy().into_owned();
    let run = run_in(
        &repo_root(),
        &[
            "plan",
            "--go-live",
            "2028-02-29",
            "--training",
            "2028-01-03",
            "--ics",
            &file_arg,
        ],
    );
    run.success();
    assert!(
        run.stdout
            .contains("2028-01-03  57 days before go-live   Core training (1.5 days)\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2028-02-29  go-live"), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("2028-03-21  3 weeks after go-live ")
                && l.ends_with("  First booster session")),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            // The training lasts two days: the second is 56 days before go-live.
            .contains("warning: Too long a gap: the last training day is 56 days before go-live"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: run again with --training 2028-02-22"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let lines = run.stdout.lines().filter(|l| l.starts_with("20")).count();
    assert_eq!(events_of(&text).len(), lines);
    assert!(
        text.contains("UID:training-20280103@example.org\r\n"),
        "{text}"
    );
    assert!(text.contains("X-WR-CALNAME:Training planner\r\n"), "{text}");

    let nl = run_in(
        &repo_root(),
        &[
            "plan",
            "--go-live",
            "2027-01-04",
            "--training",
            "2026-12-28",
            "--page",
            "content/tools/training-planner.nl.md",
        ],
    );
    nl.success();
    assert!(
        nl.stdout.contains("2026-12-28  1 week vóór de start"),
        "{}",
        nl.stdout
    );
    assert!(
        nl.stdout
            .contains("De laatste trainingsdag ligt 6 dagen vóór de start"),
        "{}",
        nl.stdout
    );
    assert!(nl.stderr.is_empty(), "{}", nl.stderr);
}

/// `toolkit plan` says yearly and quarterly rows as a person would, keeps them on the calendar
/// date, and says which rows moved off a weekend or a holiday, as the page does.
#[test]
fn plan_says_months_and_years_and_which_rows_moved() {
    let run = run_in(&repo_root(), &["plan", "--go-live", "2027-03-01"]);
    run.success();
    let line = |start: &str, end: &str| {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(start) && l.ends_with(end)),
            "no line {start} … {end} in\n{}",
            run.stdout
        );
    };
    line(
        "2027-06-01  3 months after go-live ",
        "  Second booster session",
    );
    line(
        "2027-09-01  6 months after go-live ",
        "  Six-month review of training needs",
    );
    line(
        "2028-03-01  1 year after go-live ",
        "  Yearly refresher training (1 of 3)",
    );
    line(
        "2030-03-01  3 years after go-live ",
        "  Yearly refresher training (3 of 3)",
    );
    line(
        "2027-12-01  9 months after go-live ",
        "  Check for new starters (3 of 8)",
    );
    // Go-live on a Wednesday: the practice case 4 days before falls on a Saturday and moves to
    // the Friday before, so that it stays at least 4 days before go-live.
    let run = run_in(&repo_root(), &["plan", "--go-live", "2027-03-03"]);
    run.success();
    assert!(
        run.stdout.contains(
            "2027-02-26  4 days before go-live    Practice case on a test account (moved from 2027-02-27: not a working day)\n"
        ),
        "{}",
        run.stdout
    );
    let nl = run_in(
        &repo_root(),
        &[
            "plan",
            "--go-live",
            "2027-03-03",
            "--page",
            "content/tools/training-planner.nl.md",
        ],
    );
    nl.success();
    assert!(
        nl.stdout
            .contains("(verplaatst van 2027-02-27: geen werkdag)\n"),
        "{}",
        nl.stdout
    );
    assert!(nl.stdout.contains("  1 jaar na de start "), "{}", nl.stdout);
}

#[test]
fn plan_refuses_bad_dates_with_exit_code_2() {
    for args in [
        ["plan", "--go-live", "2027-02-29"].as_slice(),
        &["plan", "--go-live", "2027-03-01", "--training", "1 March"],
        &["plan"],
    ] {
        let run = run_in(&repo_root(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    let run = run_in(&repo_root(), &["plan", "--go-live", "2027-02-29"]);
    assert!(
        run.stderr
            .contains("`2027-02-29` is not a date: February 2027 has 28 days"),
        "{}",
        run.stderr
    );
    let help = run_in(&repo_root(), &["plan", "--help"]);
    assert!(
        help.stdout.contains("Exit codes:") && help.stdout.contains("--ics"),
        "{}",
        help.stdout
    );
}

#[test]
fn plan_refuses_a_go_live_that_puts_dates_outside_years_1_to_9999() {
    // Such dates used to be left out of the calendar, while every event was reported written.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ics");
    let file_arg = file.to_string_lossy().into_owned();
    // The yearly refreshers are counted in months, each as 31 days here, so that the range holds
    // for every go-live date in it.
    let hint = "  hint: choose a go-live date from 0001-01-22 to 9996-12-10 for the plan in content/tools/training-planner.md\n";
    for (go_live, side) in [
        ("9999-12-01", "after 9999-12-31, the last date"),
        ("9997-01-01", "after 9999-12-31, the last date"),
        ("0001-01-03", "before 0001-01-01, the first date"),
        ("0001-01-21", "before 0001-01-01, the first date"),
    ] {
        let run = run_in(
            &repo_root(),
            &["plan", "--go-live", go_live, "--ics", &file_arg],
        );
        assert_eq!(run.code, 2, "{go_live}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: --go-live {go_live} puts part of the plan {side} a calendar can hold\n{hint}"
            )
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(!file.exists(), "{go_live}: a calendar was written");
    }
    // At both ends of the range every printed date is in the calendar.
    for go_live in ["9996-12-10", "0001-01-22"] {
        let run = run_in(
            &repo_root(),
            &["plan", "--go-live", go_live, "--ics", &file_arg],
        );
        run.success();
        let printed = run
            .stdout
            .lines()
            .filter(|l| l.as_bytes().first().is_some_and(u8::is_ascii_digit))
            .count();
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(events_of(&text).len(), printed, "{go_live}");
        assert!(
            run.stderr
                .contains(&format!("Wrote {file_arg} ({printed} events)")),
            "{}",
            run.stderr
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:00010101\r\n"), "{text}");
    // Go-live on the last date, a Friday.
    let site = small_planner("Training");
    let run = site.run(&[
        "plan",
        "--go-live",
        "9999-12-31",
        "--page",
        "content/plan.md",
        "--ics",
        &file_arg,
    ]);
    run.success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("DTSTART;VALUE=DATE:99991231\r\nSUMMARY:"),
        "the last day has no DTEND, as 10000-01-01 cannot be written: {text}"
    );
}

/// A site with one small planner page whose training event is titled `title` (TOML text).
fn small_planner(title: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Fixture\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/plan.md",
        &format!(
            "+++\ntitle = \"Plan\"\nkind = \"planner\"\n+++\n\n```toml planner\nmax_gap_days = 14\n\n[[event]]\nid = \"training\"\ntitle = \"{title}\"\noffset_days = -7\ntraining = true\n\n[[event]]\nid = \"go-live\"\ntitle = \"Go-live\"\noffset_days = 0\n```\n"
        ),
    );
    site
}

#[test]
fn script_text_in_the_plan_leaves_the_later_scripts_of_the_page_intact() {
    // `<!--<script>` in JSON that only had `</` escaped kept the HTML parser inside the data
    // block past its `</script>`, and planner.js became part of it.
    let site = small_planner("Training <!--<script> day </script> & more");
    site.run(&["build", "--quiet"]).success();
    let page = site.read("public/plan/index.html");
    let open = "<script type=\"application/json\" id=\"planner-data\">";
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    let json = &page[start..end];
    for bad in ["<", ">", "&"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
    let data: Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        data["rules"]["events"][0]["title"],
        "Training <!--<script> day </script> & more"
    );
    let html = scraper::Html::parse_document(&page);
    let scripts: Vec<String> = html
        .select(&scraper::Selector::parse("script[src]").unwrap())
        .filter_map(|s| s.value().attr("src").map(str::to_string))
        .collect();
    assert!(
        scripts.iter().any(|s| s.ends_with("planner.js")),
        "planner.js is no longer a script element: {scripts:?}"
    );
    let data_block = html
        .select(&scraper::Selector::parse("script#planner-data").unwrap())
        .next()
        .unwrap();
    assert_eq!(data_block.text().collect::<String>(), json);
}

#[test]
fn control_characters_in_the_plan_do_not_reach_the_calendar() {
    let site = small_planner("Training\\u0007day\\u0000");
    let run = site.run(&[
        "plan",
        "--go-live",
        "2027-03-01",
        "--page",
        "content/plan.md",
        "--ics",
        "plan.ics",
    ]);
    run.success();
    let text = site.read("plan.ics");
    assert!(
        text.contains("SUMMARY:Training\u{fffd}day\u{fffd}\r\n"),
        "{text}"
    );
    let raw = text
        .replace("\r\n", "")
        .chars()
        .filter(|c| c.is_control())
        .count();
    assert_eq!(raw, 0, "{text:?}");
    assert_eq!(events_of(&text).len(), 2);
}

#[test]
fn plan_reports_a_bad_page_with_its_place() {
    let site = Site::fixture("errors/planner");
    let run = site.run(&[
        "plan",
        "--go-live",
        "2027-03-01",
        "--page",
        "content/toml.md",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/toml.md:12:15: error: the planner's TOML is not valid"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_plans_fail_the_build_with_their_place() {
    let site = fails_with("errors/planner", &["build"], 1);
    assert!(!site.root.join("public").exists());
}

#[test]
fn the_built_page_shows_the_plan_relative_to_go_live_without_javascript() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    run_in(
        &repo_root(),
        &["build", "--output", &public.to_string_lossy()],
    )
    .success();
    let read = |p: &str| std::fs::read_to_string(public.join(p)).unwrap();
    let en = read("tools/training-planner/index.html");
    let html = scraper::Html::parse_document(&en);
    let rows: Vec<(String, String)> = html
        .select(&scraper::Selector::parse("table.planner-plan tbody tr").unwrap())
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&scraper::Selector::parse("td").unwrap())
                .map(|td| td.text().collect::<String>())
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect();
    assert_eq!(rows.len(), 37);
    assert_eq!(rows[0].0, "3 weeks before go-live");
    assert!(rows[0].1.starts_with("Book the first patients"));
    assert_eq!(rows[1].0, "1 week before go-live");
    assert_eq!(rows[3].0, "go-live");
    assert!(
        rows.iter()
            .any(|(when, what)| when == "3 weeks after go-live"
                && what.starts_with("First booster session"))
    );
    assert!(
        !en.contains("max_gap_days = 14"),
        "the rules are shown as code"
    );
    assert!(en.contains("planner.css") && en.contains("planner.js"));
    assert!(en.contains("<form class=\"planner-form js-only\" id=\"planner-form\">"));
    let nl = read("nl/tools/training-planner/index.html");
    assert!(
        nl.contains("<td class=\"planner-when\">3 weken vóór de start</td>"),
        "Dutch words"
    );
    assert!(nl.contains("Startdatum (de eerste patiënten beginnen)"));
    assert!(public.join("planner.js").is_file());
    assert!(public.join("planner.css").is_file());
}

#[test]
fn plan_never_writes_its_calendar_over_a_source_or_a_foreign_file() {
    let site = crate::harness::Site::empty();
    crate::harness::run_in(site.root.parent().unwrap(), &["init", "site", "--quiet"]).success();
    let page = "content/tools/training-planner.md";
    let page_text = site.read(page);
    let config = site.read("site.toml");
    site.write("notes.txt", "my notes");
    let plan = |target: &str, extra: &[&str]| {
        let mut args = vec![
            "plan",
            "--go-live",
            "2027-03-01",
            "--quiet",
            "--ics",
            target,
        ];
        args.extend_from_slice(extra);
        site.run(&args)
    };
    for (target, message, hint) in [
        (
            page,
            "the calendar would be written over the site's sources (content/)",
            "write it outside content/, themes/, static/, templates/ and i18n/, or add --force",
        ),
        (
            "site.toml",
            "the calendar would be written over the site's sources (site.toml)",
            "write it outside content/, themes/, static/, templates/ and i18n/, or add --force",
        ),
        (
            "notes.txt",
            "the file exists and is not the calendar toolkit wrote",
            "choose another file name, or add --force to replace it",
        ),
    ] {
        let run = plan(target, &[]);
        assert_eq!(run.code, 3, "{target}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!("{target}: error: {message}\n  hint: {hint}\n")
        );
    }
    assert_eq!(site.read(page), page_text);
    assert_eq!(site.read("site.toml"), config);
    assert_eq!(site.read("notes.txt"), "my notes");
    site.run(&["check", "--quiet"]).success();

    // Its own calendar is replaced; --force replaces anything.
    plan("plan.ics", &[]).success();
    plan("plan.ics", &[]).success();
    plan("notes.txt", &["--force"]).success();
    assert!(site.read("notes.txt").starts_with("BEGIN:VCALENDAR\r\n"));
}

#[test]
fn plan_prints_the_sites_own_words_as_its_page_shows_them() {
    let site = small_planner("Training");
    site.write(
        "i18n/en.toml",
        "planner_schedule_caption = \"Rollout on {date}\"\nplanner_at_go_live = \"launch day\"\nplanner_gap_ok = \"A gap of {gap} days; {max} are allowed.\"\nplanner_gap_too_long = \"A gap of {gap} days is more than {max}: train on {date} ({when}).\"\n",
    );
    let expected = "Rollout on 2027-03-01 (content/plan.md)\n\
                    2027-02-22  1 week before go-live  Training\n\
                    2027-03-01  launch day             Go-live\n\
                    A gap of 7 days; 14 are allowed.\n";
    // The site's planner page, found by its kind, and the same page named.
    for extra in [&[][..], &["--page", "content/plan.md"]] {
        let mut args = vec!["plan", "--go-live", "2027-03-01"];
        args.extend_from_slice(extra);
        let run = site.run(&args);
        run.success();
        assert_eq!(run.stdout, expected, "{args:?}");
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    let late = site.run(&[
        "plan",
        "--go-live",
        "2027-03-01",
        "--training",
        "2027-01-01",
    ]);
    late.success();
    assert!(
        late.stderr.starts_with(
            "warning: A gap of 59 days is more than 14: train on 2027-02-22 (1 week before go-live).\n"
        ),
        "{}",
        late.stderr
    );
    // The page the build makes says the same.
    site.run(&["build", "--quiet"]).success();
    let page = site.read("public/plan/index.html");
    assert!(
        page.contains("<td class=\"planner-when\">launch day</td>"),
        "{page}"
    );
    assert!(page.contains("\"planner_gap_ok\":\"A gap of {gap} days; {max} are allowed.\""));
}

#[test]
fn plan_identifies_the_page_and_its_language_as_the_build_does() {
    let site = small_planner("Training");
    site.write(
        "site.toml",
        "title = \"Fixture\"\nbase_url = \"https://example.org/\"\ndefault_language = \"nl\"\nlanguages = [\"nl\", \"en\"]\n",
    );
    let english = site
        .read("content/plan.md")
        .replace("Plan", "Plan in English");
    site.write("content/plan.en.md", &english);
    let plan = |extra: &[&str]| {
        let mut args = vec!["plan", "--go-live", "2027-03-01", "--quiet"];
        args.extend_from_slice(extra);
        let run = site.run(&args);
        run.success();
        run.stdout.clone()
    };
    // A page without a language in its name is in the site's default language.
    let dutch = format!(
        "2027-02-22  1 week vóór de start  Training\n2027-03-01  {:<20}  Go-live\n",
        "start"
    );
    assert_eq!(plan(&[]), dutch);
    assert_eq!(plan(&["--page", "content/plan.md"]), dutch);
    assert_eq!(
        plan(&["--page", "content/plan.en.md"]),
        "2027-02-22  1 week before go-live  Training\n2027-03-01  go-live                Go-live\n"
    );
    // The calendar is named after the page's title, as on the page.
    plan(&["--page", "content/plan.en.md", "--ics", "plan.ics"]);
    assert!(
        site.read("plan.ics")
            .contains("X-WR-CALNAME:Plan in English\r\n")
    );

    // A language the site does not have is the build's error.
    site.write("content/plan.de.md", &english);
    let run = site.run(&[
        "plan",
        "--go-live",
        "2027-03-01",
        "--page",
        "content/plan.de.md",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/plan.de.md: error: the file name says it is in language `de`, which is not one of the site's languages (nl, en)\n  \
         hint: add \"de\" to `languages` in site.toml, or rename the file\n\
         error: the plan could not be read\n"
    );
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(
        build.stderr.starts_with(run.stderr.lines().next().unwrap()),
        "{}",
        build.stderr
    );
}
