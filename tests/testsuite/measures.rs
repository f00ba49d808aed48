//! Measures pages: indicators whose figures come from a CSV file beside the page, drawn as SVG
//! line charts with a table each (points, target line, gaps, labels), the quarterly review, every
//! error of a bad block or data file with its place, the page without a data file, and the
//! caseload calculator's worked example computed at build time. The browser side is in
//! tests/browser/measures.rs.

use pretty_assertions::assert_eq;
use scraper::{ElementRef, Html, Selector};

use crate::harness::{Site, copy_tree, fails_with, repo_root};
use crate::measures_vectors::vectors;

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn within<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

fn attr(element: &ElementRef<'_>, name: &str) -> String {
    element.value().attr(name).unwrap_or_default().to_string()
}

const PAGE: &str = r#"+++
title = "Measures"
kind = "measures"
+++

Intro.

```toml measures
data = "figures.csv"

[[indicator]]
id = "reach"
name = "Reach <of> ICBT"
definition = "Offered among eligible."
numerator = "patients offered ICBT"
denominator = "patients eligible"
unit = "percent"
direction = "higher"
target = 60
reaim = "reach"
source = "Glasgow et al. 1999"

[[indicator]]
id = "waiting-time"
name = "Waiting time"
unit = "days"
direction = "lower"
target = 28
reaim = "reach"
source = "Duffy et al. 2023"
```
"#;

const FIGURES: &str = "# Invented figures\nmonth,indicator,numerator,denominator,value\n2027-01,reach,5,10,\n2027-02,reach,1,4,\n2027-04,reach,10,10,\n2027-05,reach,0,7,\n2027-01,waiting-time,,,10\n2027-05,waiting-time,,,30\n";

fn site_with(page: &str, figures: Option<&str>) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Fixture\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write("content/measures.md", page);
    if let Some(figures) = figures {
        site.write("content/figures.csv", figures);
    }
    site
}

#[test]
fn each_indicator_gets_a_chart_with_its_points_target_gaps_and_last_value() {
    let site = site_with(PAGE, Some(FIGURES));
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/measures/index.html"));
    let sections = select(&html, "section.measures-indicator");
    assert_eq!(sections.len(), 2);

    let reach = sections[0];
    assert_eq!(attr(&reach, "data-indicator"), "reach");
    let svg = within(reach, "svg.measures-chart")[0];
    assert_eq!(attr(&svg, "role"), "img");
    assert_eq!(
        text(&within(svg, "title")[0]),
        "Reach <of> ICBT: line chart of the figures in the table beside it"
    );
    // Points for every month with figures, at the places the shared vectors give.
    let points: Vec<(String, String, String)> = within(svg, "circle.measures-point")
        .iter()
        .map(|c| (attr(c, "data-month"), attr(c, "cx"), attr(c, "cy")))
        .collect();
    let p = |m: &str, x: &str, y: &str| (m.to_string(), x.to_string(), y.to_string());
    assert_eq!(
        points,
        [
            p("2027-01", "40", "108"),
            p("2027-02", "127.5", "154"),
            p("2027-04", "302.5", "16"),
            p("2027-05", "390", "200")
        ]
    );
    // March has no figures: the line breaks into two runs.
    let lines: Vec<String> = within(svg, "polyline.measures-line")
        .iter()
        .map(|l| attr(l, "points"))
        .collect();
    assert_eq!(lines, ["40,108 127.5,154", "302.5,16 390,200"]);
    // The target is a dashed line across, labelled.
    let target = within(svg, "line.measures-target")[0];
    assert_eq!(
        (
            attr(&target, "y1"),
            attr(&target, "y2"),
            attr(&target, "stroke-dasharray")
        ),
        ("89.6".into(), "89.6".into(), "8 5".into())
    );
    assert_eq!(
        text(&within(svg, ".measures-target-label")[0]),
        "Target 60 %"
    );
    // The last value is labelled beside the last point.
    let last = within(svg, "text.measures-last")[0];
    assert_eq!(text(&last), "0 %");
    assert_eq!(attr(&last, "x"), "398");
    // Months along the bottom; greyscale only.
    let months: Vec<String> = within(svg, "text.measures-month")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        months,
        ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"]
    );
    let svg_text = svg.html();
    for colour in ["#111", "#555", "#bbb", "#333", "#fff"] {
        assert!(svg_text.contains(colour));
    }
    let colours: Vec<&str> = svg_text
        .match_indices('#')
        .map(|(i, _)| &svg_text[i..i + 4])
        .collect();
    assert!(
        colours
            .iter()
            .all(|c| ["#111", "#555", "#bbb", "#333", "#fff"].contains(c)),
        "{colours:?}"
    );

    // The days chart: its own scale, the last value with its unit.
    let wait = sections[1];
    let wait_svg = within(wait, "svg")[0];
    assert_eq!(within(wait_svg, "circle").len(), 2);
    assert_eq!(
        within(wait_svg, "polyline").len(),
        0,
        "two months far apart are not joined"
    );
    assert_eq!(text(&within(wait_svg, "text.measures-last")[0]), "30 days");
    let ticks: Vec<String> = within(wait_svg, "text.measures-tick")
        .iter()
        .map(text)
        .collect();
    assert_eq!(ticks, ["0", "12.5", "25", "37.5", "50"]);
}

#[test]
fn each_chart_has_a_table_of_the_same_figures_with_the_gaps_said() {
    let site = site_with(PAGE, Some(FIGURES));
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/measures/index.html"));
    let table = select(&html, "#measure-reach table.measures-table")[0];
    assert_eq!(
        text(&within(table, "caption")[0]),
        "Reach <of> ICBT per month"
    );
    let head: Vec<String> = within(table, "thead th").iter().map(text).collect();
    assert_eq!(head, ["Month", "Numerator", "Denominator", "Percentage"]);
    let rows: Vec<Vec<String>> = within(table, "tbody tr")
        .iter()
        .map(|r| within(*r, "th, td").iter().map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["2027-01", "5", "10", "50 %"],
            vec!["2027-02", "1", "4", "25 %"],
            vec!["2027-03", "no figures"],
            vec!["2027-04", "10", "10", "100 %"],
            vec!["2027-05", "0", "7", "0 %"],
        ]
    );
    let wait: Vec<Vec<String>> = select(&html, "#measure-waiting-time tbody tr")
        .iter()
        .map(|r| within(*r, "th, td").iter().map(text).collect())
        .collect();
    assert_eq!(wait[0], ["2027-01", "10 days"]);
    assert_eq!(wait[1], ["2027-02", "no figures"]);
    assert_eq!(wait[4], ["2027-05", "30 days"]);

    // The last-updated line, the file's note, the facts of each indicator.
    assert_eq!(
        text(&select(&html, ".measures-updated")[0]),
        "Last updated: figures up to 2027-05, from figures.csv."
    );
    assert_eq!(
        text(&select(&html, ".measures-note")[0]),
        "Invented figures"
    );
    let facts: Vec<String> = select(&html, "#measure-reach .measures-facts dd")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        facts,
        [
            "patients offered ICBT ÷ patients eligible × 100",
            "higher",
            "60 %",
            "Reach",
            "Glasgow et al. 1999"
        ]
    );
}

#[test]
fn the_quarterly_review_lists_what_is_off_target_and_has_room_for_decisions() {
    let site = site_with(PAGE, Some(FIGURES));
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/measures/index.html"));
    let off: Vec<String> = select(&html, "#measures-review .measures-off-list li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        off,
        [
            "Reach <of> ICBT is off target: 0 % in 2027-05, target 60 %.",
            "Waiting time is off target: 30 days in 2027-05, target 28 days."
        ]
    );
    let head: Vec<String> = select(&html, ".measures-decisions thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(head, ["Decision", "Owner", "By when"]);
    assert_eq!(select(&html, ".measures-decisions tbody tr").len(), 5);
    // The form to type figures is there for the script, hidden without it.
    let form = select(&html, "form#measures-form")[0];
    assert!(form.value().attr("hidden").is_some());
    assert_eq!(within(form, "input").len(), 1 + 2 + 1);
}

#[test]
fn without_a_data_file_the_page_shows_the_definitions_and_how_to_start() {
    let page = PAGE.replace("data = \"figures.csv\"\n", "");
    let site = site_with(&page, None);
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/measures/index.html"));
    assert_eq!(select(&html, "svg").len(), 0);
    assert_eq!(select(&html, ".measures-table").len(), 0);
    assert_eq!(select(&html, ".measures-facts").len(), 2);
    let start = text(&select(&html, ".measures-start")[0]);
    assert!(start.starts_with("No figures yet. To start:"), "{start}");
    assert!(
        start.contains("Create a file called measures.csv in the same folder as this page"),
        "{start}"
    );
    assert!(start.contains("2027-01,reach,12,40,"), "{start}");
    assert_eq!(
        text(&select(&html, ".measures-off-none")[0]),
        "Every indicator with a target met it in its last month with figures."
    );
}

#[test]
fn every_bad_row_and_block_is_reported_at_once_with_its_place() {
    let site = fails_with("errors/measures", &["build"], 1);
    assert!(!site.root.join("public").exists());
}

#[test]
fn the_data_file_errors_name_their_row_and_column_exactly() {
    let stderr =
        std::fs::read_to_string(crate::harness::fixtures().join("errors/measures/stderr.txt"))
            .unwrap();
    for line in [
        "content/rows.csv:2:1: error: `2027-1` is not a month written as YYYY-MM",
        "content/rows.csv:3:9: error: unknown indicator `reech`",
        "  hint: did you mean `reach`? the page's indicators are `reach`, `waiting-time`",
        "content/rows.csv:4:17: error: the denominator is 0",
        "content/rows.csv:5:15: error: the numerator 12 is above the denominator 10",
        "  hint: patients offered ICBT are counted among patients eligible, so there cannot be more of them: check both figures",
        "content/rows.csv:7:1: error: `reach` has figures for 2027-04 twice (first on line 6)",
        "content/rows.csv:8:15: error: the numerator `five` is not a whole number",
        "content/rows.csv:9:20: error: `reach` is a percentage: leave its value empty",
        "content/rows.csv:10:24: error: `waiting-time` needs a value in this row",
        "content/rows.csv:11:22: error: `waiting-time` is a number of days: leave its numerator empty",
        "content/rows.csv:12:24: error: the value `-2` is not a number of zero or more",
        "content/rows.csv:13:1: error: this row has 4 fields, the first line names 5 columns",
        "content/patient.csv:1:17: error: unknown column `patient_name`",
        "  hint: the columns are month, indicator, numerator, denominator and value; only totals for the whole clinic belong in this file, never names, numbers or other details of a patient",
        "content/patient.csv:1:52: error: unknown column `valeu`",
        "content/block.md:12:8: error: unknown unit `procent`",
        "content/block.md:13:13: error: unknown direction `up`",
        "content/block.md:15:9: error: unknown RE-AIM dimension `uptake`",
        "content/block.md:19:6: error: the indicator id `reach` is used twice (first on line 8)",
        "content/block.md:23:10: error: a target of 120 % is not a share",
        "content/missing.md:7:8: error: the data file content/nowhere.csv could not be read: No such file or directory",
    ] {
        assert!(
            stderr.lines().any(|l| l == line),
            "missing: {line}\n{stderr}"
        );
    }
}

#[test]
fn the_caseload_worked_example_is_computed_at_build_time_with_formulas_in_words() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    crate::harness::run_in(
        &repo_root(),
        &["build", "--output", public.to_str().unwrap()],
    )
    .success();
    let vectors = vectors();
    let bundled = &vectors["caseload"][0];
    assert_eq!(bundled["name"], "the bundled worked example");
    for (lang, page, judgement, point) in [
        (
            "en",
            "tools/caseload/index.html",
            "Toolkit default: our judgement, no source gives it",
            ".",
        ),
        (
            "nl",
            "nl/tools/caseload/index.html",
            "Standaard van de toolkit: eigen inschatting, geen bron geeft dit getal",
            ",",
        ),
    ] {
        let html = Html::parse_document(&std::fs::read_to_string(public.join(page)).unwrap());
        // Every default is the vectors' input, and says where it comes from.
        let inputs = select(&html, "table.caseload-inputs tbody tr");
        assert_eq!(
            inputs.len(),
            bundled["inputs"].as_object().unwrap().len(),
            "{lang}"
        );
        for row in &inputs {
            let key = attr(row, "data-input");
            let cells: Vec<String> = within(*row, "td").iter().map(text).collect();
            let value = bundled["inputs"][&key].as_f64().unwrap();
            assert!(
                cells[0].starts_with(&format!("{value} ")),
                "{lang} {key}: {cells:?}"
            );
            let sourced = ["modules", "contacts"].contains(&key.as_str());
            assert_eq!(cells[1] == judgement, !sourced, "{lang} {key}: {cells:?}");
            assert_eq!(
                cells[1].contains("van der Vaart"),
                sourced,
                "{lang} {key}: {cells:?}"
            );
        }
        // Every result is the vectors' figure, with its formula in words beside it.
        for row in select(&html, "table.caseload-example tbody tr") {
            let key = attr(&row, "data-output");
            let cells: Vec<String> = within(row, "td").iter().map(text).collect();
            let shown = bundled["shown"][&key].as_str().unwrap().replace('.', point);
            assert!(
                cells[0].starts_with(&format!("{shown} ")),
                "{lang} {key}: {cells:?}"
            );
            assert!(cells[1].contains(['×', '÷']), "{lang} {key}: {cells:?}");
        }
        assert!(
            select(&html, "form#caseload-form")[0]
                .value()
                .attr("hidden")
                .is_some()
        );
    }
}

#[test]
fn editing_the_bundled_example_csv_and_rebuilding_changes_the_charts() {
    let site = Site::empty();
    for part in ["site.toml", "content", "themes"] {
        let from = repo_root().join(part);
        if from.is_dir() {
            copy_tree(&from, &site.root.join(part), &[]);
        } else {
            std::fs::copy(&from, site.root.join(part)).unwrap();
        }
    }
    site.run(&["build"]).success();
    let chart = |site: &Site| {
        let html = Html::parse_document(&site.read("public/tools/measures/index.html"));
        select(&html, "#measure-reach svg")[0].html()
    };
    let before = chart(&site);
    assert!(before.contains("data-month=\"2027-03\""));
    let csv = site.read("content/tools/measures.csv");
    site.write(
        "content/tools/measures.csv",
        &format!("{csv}2027-04,reach,30,31,\n"),
    );
    site.run(&["build"]).success();
    let after = chart(&site);
    assert_ne!(before, after);
    assert!(after.contains("data-month=\"2027-04\""));
    let html = Html::parse_document(&site.read("public/tools/measures/index.html"));
    assert_eq!(
        text(&select(&html, "#measure-reach text.measures-last")[0]),
        "96.8 %"
    );
}

#[test]
fn the_bundled_example_csv_is_written_as_the_download_writes_it() {
    use toolkit::kinds::measures::{figures, indicators};
    for page in ["content/tools/measures.md", "content/tools/measures.nl.md"] {
        let text = std::fs::read_to_string(repo_root().join(page)).unwrap();
        let block = text
            .split("```toml measures\n")
            .nth(1)
            .and_then(|rest| rest.split("\n```").next())
            .unwrap();
        let read = indicators::read(block).unwrap();
        assert!((6..=10).contains(&read.indicators.len()), "{page}");
        let csv = std::fs::read_to_string(repo_root().join("content/tools/measures.csv")).unwrap();
        assert!(csv.starts_with("# Example figures, invented for this toolkit"));
        let figures = figures::read(&csv, &read.indicators).unwrap();
        assert_eq!(figures::write(&figures, &read.indicators), csv, "{page}");
        for indicator in &read.indicators {
            assert!(!indicator.source.is_empty(), "{page}: {}", indicator.id);
            assert!(
                figures.by_indicator.contains_key(&indicator.id),
                "{page}: {}",
                indicator.id
            );
        }
    }
}

#[test]
fn serve_redraws_the_charts_when_the_data_file_is_saved_and_shows_its_errors() {
    use crate::serve_server::Server;
    let site = site_with(PAGE, Some(FIGURES));
    let server = Server::start(&site, &[]);
    server.wait_for("/measures/", "first build", |r| {
        r.text().contains("data-month=\"2027-05\" cx=")
    });
    // Saved as editors save: a new file renamed over the old one.
    let save = |text: &str| {
        site.write("content/figures.csv.tmp", text);
        std::fs::rename(
            site.root.join("content/figures.csv.tmp"),
            site.root.join("content/figures.csv"),
        )
        .unwrap();
    };
    save(&format!("{FIGURES}2027-06,reach,6,10,\n"));
    let page = server.wait_for("/measures/", "a month added", |r| {
        r.text().contains("data-month=\"2027-06\" cx=")
    });
    assert!(page.text().contains("figures up to 2027-06"));
    save(&format!("{FIGURES}2027-06,reach,16,10,\n"));
    let page = server.wait_for("/measures/", "a bad row", |r| {
        r.text()
            .contains("the numerator 16 is above the denominator 10")
    });
    assert!(page.text().contains("figures.csv:9:15"), "{}", page.text());
}
