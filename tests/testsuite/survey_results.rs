//! Survey results: `toolkit survey` on the fixture's scan with twelve answer sets in two waves
//! (answer files, a file of codes, the CSV of paper answers) plus a broken code, a duplicate and
//! another survey's answers; and the results page the build makes, and its errors.

use pretty_assertions::assert_eq;

use crate::harness::{Site, fixtures};

/// The fixture site with the answer files beside it, in `answers/`.
fn site() -> Site {
    let site = Site::fixture("survey-results");
    crate::harness::copy_tree(
        &fixtures().join("survey-answers"),
        &site.root.join("answers"),
        &[],
    );
    site
}

const ALL: &[&str] = &[
    "answers/answers-a1b2c3.json",
    "answers/answers-d4e5f6.json",
    "answers/answers-g7h8i9.json",
    "answers/codes.txt",
    "answers/paper.csv",
    "answers/other-survey.json",
];

#[test]
fn survey_prints_the_ranked_barriers_and_refuses_bad_answer_sets_one_by_one() {
    let site = site();
    let mut args = vec!["survey", "--page", "content/tools/scan.md"];
    args.extend(ALL);
    let run = site.run(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
Team scan (content/tools/scan.md)
12 answer sets: 6 at the baseline, 6 at the follow-up.

Ranked by the follow-up answers (6 answer sets).
By role: Therapist 3, Manager 1 (fewer than 3, not broken down), Administrative staff 2 (fewer than 3, not broken down)

The barriers, highest first
  1.  71  Available Resources (Inner setting)  discuss first

Scores per construct
 Baseline Follow-up  Change  Construct
       71        38     -33  Innovation Complexity (Innovation)
       70        71      +1  Available Resources (Inner setting)
       67        25     -42  Tension for Change (Inner setting)
       58        29     -29  Access to Knowledge & Information (Inner setting)
"
    );
    assert_eq!(
        run.stderr,
        "\
answers/codes.txt:4:1: error: refused: the check at the end does not match: a character was changed or lost when the code was copied
  hint: ask the respondent to send the answers again, or type them from the paper form
answers/paper.csv:4:1: error: respondent `b8c9d0` is already counted: the same answer set twice
  hint: each answer set is counted once; remove the copy
answers/other-survey.json:1:1: error: refused: these answers are for the survey `staff-survey`, not `barrier-scan`
  hint: name the survey page these answers belong to with --page, or leave the file out
error: 3 answer sets or files were not counted; the rest were
"
    );
}

#[test]
fn survey_writes_the_csv_of_the_page_and_exits_0_when_all_are_counted() {
    let site = site();
    let run = site.run(&[
        "survey",
        "--page",
        "content/tools/scan.nl.md",
        "answers/answers-a1b2c3.json",
        "answers/answers-d4e5f6.json",
        "--csv",
        "results.csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Teamscan (content/tools/scan.nl.md)\n2 antwoordsets: 2 bij de nulmeting, 0 bij de vervolgmeting.\n"), "{}", run.stdout);
    // One baseline wave: scores per construct without a change column. Innovation complexity:
    // s01 (barrier) 5 and 4 give 4 + 3, s02 (facilitator) 1 and 2 give 4 + 3: 14 of 16 = 88.
    assert!(
        run.stdout
            .contains("   88  Beschikbare middelen (Interne context)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "Wrote results.csv\n");
    let csv = site.read("results.csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    // Dutch: a byte-order mark, semicolons, the decimal comma.
    assert_eq!(
        lines[0],
        "\u{feff}Niveau;Meting;Id;Uitspraak;Construct;Domein;Antwoorden;Barrièrescore (0-100);Mediaan;Interkwartielafstand;Spreiding;1;2;3;4;5"
    );
    assert_eq!(
        lines[1],
        "uitspraak;Nulmeting;s01;Het online programma past slecht bij hoe we werken.;Complexiteit van de innovatie;Innovatie;2;88;4,5;1;;0;0;0;1;1"
    );
    assert_eq!(
        lines[6],
        "construct;Nulmeting;innovation-complexity;;Complexiteit van de innovatie;Innovatie;4;88;;;;;;;;"
    );
    assert_eq!(
        lines[10],
        "domein;Nulmeting;intervention;;;Innovatie;4;88;;;;;;;;"
    );
    assert_eq!(lines.len(), 13, "{csv}");

    // Its own CSV it may replace; another file it leaves alone.
    site.run(&[
        "survey",
        "--page",
        "content/tools/scan.md",
        "answers/codes.txt",
        "--csv",
        "results.csv",
    ]);
    site.write("notes.csv", "my notes\n");
    let run = site.run(&[
        "survey",
        "--page",
        "content/tools/scan.md",
        "answers/answers-a1b2c3.json",
        "--csv",
        "notes.csv",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(site.read("notes.csv"), "my notes\n");
}

#[test]
fn survey_names_a_page_that_is_not_a_survey() {
    let site = site();
    let run = site.run(&[
        "survey",
        "--page",
        "content/tools/results.md",
        "answers/codes.txt",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: content/tools/results.md is not a survey page of this site\n  hint: name a page with kind = \"survey\": --page content/tools/barrier-scan.md\n"
    );
}

#[test]
fn the_results_page_carries_its_survey_and_what_addresses_each_construct() {
    let site = site();
    site.run(&["build"]).success();
    let html = site.read("public/tools/results/index.html");
    assert!(html.contains("<p class=\"results-no-script\">This page adds up the answers"));
    let start = html
        .find("<script type=\"application/json\" id=\"results-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    // Markup in a statement is text in the JSON, and cannot close the script.
    assert!(json.contains("for \\u003cb\\u003eonline\\u003c/b\\u003e feedback"));
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["survey"]["id"], "barrier-scan");
    assert_eq!(data["separator"], ",");
    assert_eq!(
        data["links"]["available-resources"],
        serde_json::json!([
            {"kind": "checklist", "ref": "checklists/inner#reserve-time", "title": "Reserve an hour a week for online feedback", "url": "/kit/checklists/inner/#reserve-time"},
            {"kind": "playbook", "ref": null, "title": "Workload", "url": "/kit/playbooks/workload/"}
        ])
    );
    assert_eq!(
        data["constructs"]["innovation-complexity"]["domain"],
        "intervention"
    );
    // The Dutch page: Dutch names, Dutch links, semicolons.
    let nl = site.read("public/nl/tools/results/index.html");
    assert!(nl.contains("\"Beschikbare middelen\""));
    assert!(nl.contains("/kit/nl/checklists/inner/#reserve-time"));
    assert!(nl.contains("\"separator\":\";\""));
}

#[test]
fn a_results_page_naming_an_unknown_survey_is_an_error_with_a_did_you_mean() {
    let site = site();
    let page = site.read("content/tools/results.nl.md");
    site.write(
        "content/tools/results.nl.md",
        &page.replace("survey = \"barrier-scan\"", "survey = \"barier-scan\""),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/tools/results.nl.md:4:10: error: unknown survey `barier-scan`\n  hint: did you mean \"barrier-scan\"? the surveys in Nederlands are: \"barrier-scan\"\nerror: build failed: 1 error; the output folder was not changed\n"
    );
    site.write(
        "content/tools/results.nl.md",
        &page.replace("survey = \"barrier-scan\"", "survey = 3"),
    );
    let run = site.run(&["build"]);
    assert_eq!(
        run.stderr,
        "content/tools/results.nl.md:4:10: error: `survey` must be the id of a survey, as text\n  hint: write the id its ```toml survey block gives: survey = \"barrier-scan\"\nerror: build failed: 1 error; the output folder was not changed\n"
    );
}

#[test]
fn a_playbook_naming_an_unknown_construct_is_an_error() {
    let site = site();
    site.write(
        "content/playbooks/workload.md",
        "+++\ntitle = \"Workload\"\nconstructs = [\"Available Resources\", \"Availble resorces\"]\n+++\n\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/playbooks/workload.md:3:14: error: unknown construct `Availble resorces`\n  hint: did you mean `available-resources` (Available Resources)? write a construct's id or its name as site.toml lists it under [[domains.constructs]]\nerror: build failed: 1 error; the output folder was not changed\n"
    );
}
