//! Word and Excel downloads: what a page asks for in `downloads`, the errors and warnings
//! about it, the files beside pages and checklists, the list of placeholders on the page, and
//! two builds giving the same bytes. The files' insides are read by Python's python-docx and
//! openpyxl and converted by LibreOffice in the browser target (`tests/browser/office.rs`).

use crate::harness::Site;

const PLAN: &str = "content/templates/plan.md";

#[test]
fn an_unknown_download_format_is_named_where_it_is_written() {
    let site = Site::fixture("office");
    let text = site.read(PLAN).replace(
        "downloads = [\"docx\"]",
        "downloads = [\"docx\", \"pdf\", \"Docx \"]",
    );
    site.write(PLAN, &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/templates/plan.md:4:23: error: unknown download format \"pdf\"\n  hint: the formats a page can ask for are: \"docx\"; checklists also download as PDF, CSV and Excel by themselves\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/templates/plan.md:4:30: error: unknown download format \"Docx \"\n  hint: did you mean \"docx\"? The formats a page can ask for are: \"docx\"\n"
        ),
        "{}",
        run.stderr
    );
    let text = site.read(PLAN).replace(
        "downloads = [\"docx\", \"pdf\", \"Docx \"]",
        "downloads = 3",
    );
    site.write(PLAN, &text);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "content/templates/plan.md:4:13: error: `downloads` must be a list of formats, not the number 3\n  hint: for example `downloads = [\"docx\"]`\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn what_word_cannot_hold_is_a_warning_at_its_line() {
    let site = Site::fixture("office");
    let text =
        site.read(PLAN) + "\n<div class=\"note\">Call us</div>\n\nA note.[^1]\n\n[^1]: The note.\n";
    site.write(PLAN, &text);
    let run = site.run(&["build"]);
    run.success();
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains("Word")).collect();
    assert_eq!(
        lines,
        [
            "content/templates/plan.md:32:1: warning: the Word version of this page holds raw HTML as plain text",
            "  hint: Word files hold no HTML: write it in Markdown (a list, a table, **bold**), or keep it and tidy the text in Word",
            "content/templates/plan.md:34:8: warning: the Word version of this page holds a footnote as plain text",
            "  hint: footnotes are not put in the Word file as footnotes: it shows [label] and the note's text as a paragraph; write the note in the text to keep it together",
            "content/templates/plan.md:36:1: warning: the Word version of this page holds a footnote as plain text",
            "  hint: footnotes are not put in the Word file as footnotes: it shows [label] and the note's text as a paragraph; write the note in the text to keep it together",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn pages_list_their_placeholders_and_link_their_word_version() {
    let site = Site::fixture("office");
    site.run(&["build"]).success();
    let html = site.read("public/templates/plan/index.html");
    assert!(
        html.contains("<ul><li><mark>[[clinic name]]</mark></li><li><mark>[[your name]]</mark></li><li><mark>[[number]]</mark></li><li><mark>[[trainer]]</mark></li></ul>"),
        "{html}"
    );
    assert!(!html.contains("<mark>[[not a placeholder]]</mark>"));
    assert!(html.contains("<a href=\"/kit/templates/plan/plan.docx\" download"));
    let dutch = site.read("public/nl/templates/plan/index.html");
    assert!(dutch.contains("<h2 id=\"to-fill-in-heading\">In te vullen</h2>"));
    assert!(dutch.contains("<li><mark>[[naam instelling]]</mark></li>"));
    assert!(dutch.contains(">Bewerkbare versie (Word)</a>"));
    // A page without placeholders or downloads shows neither.
    let home = site.read("public/templates/index.html");
    assert!(!home.contains("to-fill-in") && !home.contains(".docx"));
    let checklist = site.read("public/lists/start/index.html");
    assert!(checklist.contains("<a href=\"/kit/lists/start/start.docx\" download"));
    assert!(checklist.contains("<a href=\"/kit/lists/start/start.xlsx\" download"));
    let map = site.read("public/map/index.html");
    assert!(map.contains("<a href=\"/kit/map/map.xlsx\" download"));
}

#[test]
fn word_and_excel_files_are_made_and_stay_the_same_from_build_to_build() {
    let site = Site::fixture("office");
    site.run(&["build", "--output", "first"]).success();
    site.run(&["build", "--output", "second"]).success();
    let first = site.tree("first");
    let office: Vec<&String> = first
        .keys()
        .filter(|name| name.ends_with(".docx") || name.ends_with(".xlsx"))
        .collect();
    assert_eq!(
        office,
        [
            "checklists.xlsx",
            "lists/start/start.docx",
            "lists/start/start.xlsx",
            "lists/team/team.docx",
            "lists/team/team.xlsx",
            "map/map.xlsx",
            "nl/checklists.xlsx",
            "nl/lists/start/start.docx",
            "nl/lists/start/start.xlsx",
            "nl/lists/team/team.docx",
            "nl/lists/team/team.xlsx",
            "nl/map/map.xlsx",
            "nl/templates/plan/plan.docx",
            "templates/plan/plan.docx",
        ]
    );
    assert!(first == site.tree("second"), "two builds differ");
    // Zip files start with a local file header.
    for name in office {
        assert!(first[name].starts_with(b"PK\x03\x04"), "{name}");
    }
}

#[test]
fn check_lists_the_placeholders_left_only_when_asked() {
    let site = Site::fixture("office");
    let run = site.run(&["check", "--placeholders"]);
    run.success();
    assert_eq!(
        run.stdout,
        "content/templates/plan.md:7:20: to fill in: [[clinic name]]\n\
         content/templates/plan.md:7:51: to fill in: [[your name]]\n\
         content/templates/plan.md:15:17: to fill in: [[number]]\n\
         content/templates/plan.md:22:20: to fill in: [[trainer]]\n\
         content/templates/plan.nl.md:7:20: to fill in: [[naam instelling]]\n"
    );
    assert!(
        run.stderr
            .starts_with("5 placeholders left to fill in, in 2 pages.\nChecked 14 pages"),
        "{}",
        run.stderr
    );
    // They are normal in templates: a plain check says nothing of them.
    let run = site.run(&["check"]);
    run.success();
    assert_eq!(run.stdout, "");
    assert!(!run.stderr.contains("placeholder"), "{}", run.stderr);
    // Filled in, the list is empty.
    for file in ["content/templates/plan.md", "content/templates/plan.nl.md"] {
        let text = site.read(file).replace("[[", "").replace("]]", "");
        site.write(file, &text);
    }
    let run = site.run(&["check", "--placeholders", "--quiet"]);
    run.success();
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "No placeholders left to fill in.\n");
}
