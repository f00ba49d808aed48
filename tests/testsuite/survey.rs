//! The survey kind: the form built without JavaScript, the PDF form and the CSV template beside
//! it, every problem of a survey block with its place and hint, the constructs of site.toml
//! (checked in survey blocks and in checklists, free text without a list), translations that do
//! not match, and the bundled barrier scan. The answer codes are in survey_vectors.rs; the page
//! in a browser in tests/browser/survey.rs.

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};

use crate::harness::{Site, repo_root};

const SITE_TOML: &str = r#"title = "Kit"
base_url = "https://example.org/kit/"
languages = ["en", "nl"]

[[domains]]
slug = "inner-setting"
name = { en = "Inner setting", nl = "Interne context" }

[[domains.constructs]]
id = "available-resources"
name = { en = "Available Resources", nl = "Beschikbare middelen" }

[[domains.constructs]]
id = "funding"
parent = "available-resources"
name = { en = "Funding", nl = "Budget" }

[[domains.constructs]]
id = "access-to-knowledge-and-information"
name = { en = "Access to Knowledge & Information", nl = "Toegang tot kennis en informatie" }
"#;

const SCAN: &str = r#"+++
title = "Scan"
kind = "survey"
email = "lead@clinic.example"
+++

Tell us what gets in the way.

```toml survey
id = "scan"
version = 2
points = 4

[[role]]
id = "therapist"
name = "Therapist"

[[statement]]
id = "s01"
construct = "Funding"
direction = "barrier"
text = "There is no <budget> for licences & training."
source = "Study A"
theme = "costs"

[[statement]]
id = "s02"
construct = "access to knowledge and information"
direction = "facilitator"
text = "The training was good."

[[open]]
id = "q1"
text = "Anything else?"
```
"#;

fn site_with(page: &str) -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE_TOML);
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHome.\n");
    site.write("content/scan.md", page);
    site
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_form_has_a_fieldset_per_statement_and_a_radio_per_point_without_javascript() {
    let site = site_with(SCAN);
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/scan/index.html"));
    let form = &select(&html, "form#survey")[0];
    let data = |name: &str| form.value().attr(name).unwrap().to_string();
    assert_eq!(
        [
            data("data-survey"),
            data("data-version"),
            data("data-points"),
            data("data-statements"),
            data("data-open"),
            data("data-roles"),
            data("data-email")
        ],
        [
            "scan",
            "2",
            "4",
            "s01 s02",
            "q1",
            "therapist",
            "lead@clinic.example"
        ]
    );
    let fieldsets = select(&html, "fieldset.survey-statement");
    assert_eq!(fieldsets.len(), 2);
    let legends: Vec<String> = select(&html, "fieldset.survey-statement > legend")
        .iter()
        .map(text)
        .collect();
    // The statement's text is escaped, not markup.
    assert_eq!(
        legends,
        [
            "1. There is no <budget> for licences & training.",
            "2. The training was good."
        ]
    );
    let points: Vec<String> = select(&html, "#s-s01 label.survey-point")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        points,
        [
            "1 Strongly disagree",
            "2 Disagree",
            "3 Agree",
            "4 Strongly agree"
        ]
    );
    for p in 1..=4 {
        let radio = &select(&html, &format!("#s-s01-{p}"))[0];
        assert_eq!(radio.value().attr("type"), Some("radio"));
        assert_eq!(radio.value().attr("name"), Some("s01"));
        assert_eq!(radio.value().attr("value"), Some(p.to_string().as_str()));
    }
    assert_eq!(text(&select(&html, "label[for=q-q1]")[0]), "Anything else?");
    assert_eq!(text(&select(&html, ".survey-from")[0]), "Source: Study A");
    // Where the answers go, said before the first question.
    assert_eq!(
        text(&select(&html, ".survey-privacy")[0]),
        "Your answers stay in this browser while you fill in the form. Nobody sees them until you hand them in yourself at the end, as a file, a code or an e-mail, to the person who asked you to take part."
    );
    // Handing in needs JavaScript: hidden until it runs; without it, the paper routes.
    assert!(
        select(&html, "#survey-handin")[0]
            .value()
            .attr("hidden")
            .is_some()
    );
    let paper: Vec<&str> = select(&html, ".survey-nojs a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(paper, ["scan-form.pdf", "scan-answers.csv"]);
    assert_eq!(
        select(&html, "[data-survey-mail]")[0].value().attr("href"),
        Some("mailto:lead@clinic.example")
    );
    // The tool comes first, the text about it after.
    let content = site.read("public/scan/index.html");
    assert!(content.find("id=\"survey\"").unwrap() < content.find("Tell us what").unwrap());
    assert!(content.contains("survey-code.js") && content.contains("survey.js"));
}

#[test]
fn the_csv_template_has_a_column_per_statement_after_the_respondents_columns() {
    let site = site_with(SCAN);
    site.run(&["build"]).success();
    assert_eq!(
        site.read("public/scan/scan-answers.csv"),
        "respondent,wave,date,role,s01,s02\r\n"
    );
}

#[test]
fn the_pdf_form_has_every_statement_with_a_box_per_point() {
    let site = site_with(SCAN);
    site.run(&["build"]).success();
    let bytes = std::fs::read(site.root.join("public/scan/scan-form.pdf")).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Survey: scan version 2",
        "1. There is no <budget> for licences & training.",
        "2. The training was good.",
        "1 Strongly disagree",
        "4 Strongly agree",
        "Anything else?",
        "Role (optional)",
    ] {
        assert!(text.contains(wanted), "{wanted:?} is not in {text}");
    }
    // A box per point: four rows under each of the two statements.
    assert_eq!(text.matches("Strongly agree").count(), 2);
}

/// Builds a page whose survey block is `block` and returns what toolkit printed.
fn errors_of(block: &str) -> String {
    let page =
        format!("+++\ntitle = \"Scan\"\nkind = \"survey\"\n+++\n\n```toml survey\n{block}```\n");
    let site = site_with(&page);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.root.join("public").exists());
    run.stderr
        .lines()
        .filter(|l| !l.starts_with("error: build failed"))
        .collect::<Vec<_>>()
        .join("\n")
}

const STATEMENT: &str =
    "[[statement]]\nid = \"s01\"\nconstruct = \"funding\"\ndirection = \"barrier\"\ntext = \"T\"\n";

#[test]
fn every_block_problem_names_its_place_and_what_to_do() {
    let head = "id = \"scan\"\nversion = 1\n";
    assert_eq!(
        errors_of(&format!(
            "{head}[[statement]]\nid = \"s01\"\nconstruct = \"Fundng\"\ndirection = \"barrier\"\ntext = \"T\"\n"
        )),
        "content/scan.md:11:13: error: unknown construct `Fundng`\n  hint: did you mean `funding` (Funding)? write a construct's id or its name as site.toml lists it under [[domains.constructs]]"
    );
    assert_eq!(
        errors_of(&format!("{head}{STATEMENT}{STATEMENT}")),
        "content/scan.md:15:6: error: statement `s01` is listed twice (first on line 10)\n  hint: give each statement its own id; answers are kept by id"
    );
    assert_eq!(
        errors_of(&format!("{head}points = 1\n{STATEMENT}")),
        "content/scan.md:9:10: error: a scale of 1 points: a scale has 2 to 9 points\n  hint: write `points = 5` for strongly disagree … strongly agree"
    );
    assert_eq!(
        errors_of(&format!("{head}points = 10\n{STATEMENT}")),
        "content/scan.md:9:10: error: a scale of 10 points: a scale has 2 to 9 points\n  hint: write `points = 5` for strongly disagree … strongly agree"
    );
    assert_eq!(
        errors_of(&format!(
            "{head}[[statement]]\nid = \"s01\"\nconstruct = \"funding\"\ndirection = \"barier\"\ntext = \"T\"\n"
        )),
        "content/scan.md:12:13: error: unknown direction `barier`\n  hint: did you mean \"barrier\"? write \"barrier\" when agreeing means a barrier, \"facilitator\" when agreeing means a facilitator"
    );
    assert_eq!(
        errors_of(&format!("{head}titel = \"x\"\n{STATEMENT}")),
        "content/scan.md:9:1: error: unknown key `titel` in a survey\n  hint: a survey knows `id`, `version`, `points`, `labels`, `email`, `role`, `statement`, `open`"
    );
    assert_eq!(
        errors_of(&format!("{head}{STATEMENT}texts = \"x\"\n")),
        "content/scan.md:14:1: error: unknown key `texts` in a [[statement]]\n  hint: did you mean `text`? a [[statement]] knows `id`, `construct`, `direction`, `text`, `source`, `theme`"
    );
    assert_eq!(
        errors_of(&format!(
            "{head}points = 3\nlabels = [\"No\", \"Yes\"]\n{STATEMENT}"
        )),
        "content/scan.md:10:10: error: 2 labels for a scale of 3 points\n  hint: give one label per point, 3 in all, from the lowest to the highest"
    );
    assert_eq!(
        errors_of(&format!("version = 1\n{STATEMENT}")),
        "content/scan.md:7:1: error: this survey has no `id`\n  hint: add `id = \"…\"`, a short name in lowercase letters, digits and hyphens"
    );
    assert_eq!(
        errors_of(&format!(
            "{head}[[statement]]\nid = \"S 1\"\nconstruct = \"funding\"\ndirection = \"barrier\"\n"
        )),
        "content/scan.md:9:1: error: this statement has no `text`\n  hint: add `text = \"…\"`\ncontent/scan.md:10:6: error: the statement id `S 1` may only hold lowercase letters a-z, digits and single hyphens\n  hint: write it like \"s-1\""
    );
}

#[test]
fn a_scale_may_have_its_own_labels_and_an_email_in_the_block() {
    let page = format!(
        "+++\ntitle = \"Scan\"\nkind = \"survey\"\n+++\n\n```toml survey\nid = \"scan\"\nversion = 1\npoints = 3\nlabels = [\"Never\", \"Sometimes\", \"Often\"]\nemail = \"team@clinic.example\"\n{STATEMENT}```\n"
    );
    let site = site_with(&page);
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/scan/index.html"));
    let points: Vec<String> = select(&html, "#s-s01 label.survey-point")
        .iter()
        .map(text)
        .collect();
    assert_eq!(points, ["1 Never", "2 Sometimes", "3 Often"]);
    assert_eq!(
        select(&html, "form#survey")[0].value().attr("data-email"),
        Some("team@clinic.example")
    );
    // Dutch labels come from the theme's Dutch words.
    site.write(
        "content/scan.nl.md",
        &SCAN.replace("title = \"Scan\"", "title = \"Scan NL\""),
    );
    site.write("content/scan.md", SCAN);
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/nl/scan/index.html"));
    let points: Vec<String> = select(&html, "#s-s01 label.survey-point")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        points,
        ["1 Helemaal oneens", "2 Oneens", "3 Eens", "4 Helemaal eens"]
    );
}

#[test]
fn a_translation_must_ask_the_same_statements_about_the_same_constructs() {
    let site = site_with(SCAN);
    let translated = SCAN
        .replace(
            "construct = \"access to knowledge and information\"",
            "construct = \"available-resources\"",
        )
        .replace("id = \"s02\"", "id = \"s03\"");
    site.write("content/scan.nl.md", &translated);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    let hint = "  hint: the translations of a survey share its id, version, scale, role and question ids, and its statements' ids, constructs, directions and order; only the texts differ";
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| !l.starts_with("error: build failed"))
            .collect::<Vec<_>>()
            .join("\n"),
        format!(
            "content/scan.nl.md:10:1: error: this translation does not match content/scan.md: content/scan.md has statement `s02`, this translation does not\n{hint}\ncontent/scan.nl.md:27:6: error: this translation does not match content/scan.md: statement `s03` is not in content/scan.md\n{hint}"
        )
    );
    let site = site_with(SCAN);
    site.write(
        "content/scan.nl.md",
        &SCAN.replace(
            "construct = \"Funding\"",
            "construct = \"Beschikbare middelen\"",
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("content/scan.nl.md:19:6: error: this translation does not match content/scan.md: statement `s01` is about `available-resources` here and about `funding` in content/scan.md\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn site_toml_constructs_are_checked_with_their_place() {
    let site = site_with(SCAN);
    site.write(
        "site.toml",
        &format!(
            "{SITE_TOML}\n[[domains.constructs]]\nid = \"funding\"\nname = \"Again\"\n\n[[domains.constructs]]\nid = \"space\"\nparent = \"availble-resources\"\nname = \"Space\"\n\n[[domains.constructs]]\nid = \"coins\"\nparent = \"funding\"\nname = \"Coins\"\n\n[[domains.constructs]]\nid = \"Materials & Equipment\"\nname = \"M\"\n"
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| !l.starts_with("error: build failed"))
            .collect::<Vec<_>>()
            .join("\n"),
        "site.toml:23:6: error: construct `funding` is listed twice (first under domain `inner-setting`)\n  hint: give each construct its own id\n\
site.toml:28:10: error: construct `space` names the parent `availble-resources`, which domain `inner-setting` does not list\n  hint: did you mean `available-resources`? a subconstruct's parent is a construct of the same domain\n\
site.toml:33:10: error: construct `coins` names the parent `funding`, which is itself a subconstruct\n  hint: name the construct `funding` belongs to, or remove its `parent`\n\
site.toml:37:6: error: construct id `Materials & Equipment` may only hold lowercase letters a-z, digits and single hyphens\n  hint: write it like \"materials-and-equipment\""
    );
}

const CHECKLIST: &str = "+++\ntitle = \"Inner\"\nkind = \"checklist\"\ndomain = \"inner-setting\"\n+++\n\n- [ ] Budget the licences. {#budget}\n  construct: CONSTRUCT\n";

#[test]
fn a_checklist_names_a_listed_construct_or_gets_a_did_you_mean() {
    let site = site_with(SCAN);
    site.write("content/inner.md", &CHECKLIST.replace("CONSTRUCT", "Funds"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/inner.md:8:14: error: unknown construct `Funds`"
    );
    assert!(
        run.stderr
            .contains("  hint: did you mean `funding` (Funding)?"),
        "{}",
        run.stderr
    );
    // By name in another language, in any case: shown in the page's language and the default's.
    site.write(
        "content/inner.md",
        &CHECKLIST.replace("CONSTRUCT", "budget"),
    );
    site.write(
        "content/inner.nl.md",
        &CHECKLIST.replace("CONSTRUCT", "FUNDING"),
    );
    site.run(&["build"]).success();
    let en = site.read("public/inner/index.html");
    let nl = site.read("public/nl/inner/index.html");
    assert!(en.contains(">Funding<") || en.contains("Funding</"), "{en}");
    assert!(nl.contains("Budget (Funding)"), "{nl}");
}

#[test]
fn without_a_list_of_constructs_a_checklist_and_a_survey_keep_free_text() {
    let site = site_with(SCAN);
    site.write(
        "site.toml",
        "title = \"Kit\"\nbase_url = \"https://example.org/kit/\"\n\n[[domains]]\nslug = \"inner-setting\"\nname = \"Inner setting\"\n",
    );
    site.write(
        "content/inner.md",
        &CHECKLIST.replace("CONSTRUCT", "Our own factor"),
    );
    site.write(
        "content/scan.md",
        &SCAN.replace("construct = \"Funding\"", "construct = \"Money worries\""),
    );
    site.run(&["build"]).success();
    assert!(
        site.read("public/inner/index.html")
            .contains("Our own factor")
    );
}

/// The survey block of a bundled page, as its data.
fn bundled_survey(path: &str) -> toolkit::kinds::survey::SurveyData {
    let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
    let start = text.find("```toml survey\n").unwrap() + "```toml survey\n".len();
    let end = start + text[start..].find("```\n").unwrap();
    let config = toolkit::config::Config::from_file(
        &repo_root().join("site.toml"),
        std::path::Path::new("site.toml"),
        &["stakeholders"],
    )
    .unwrap();
    let words = toolkit::kinds::survey::builtin_words("en");
    let context = toolkit::kinds::survey::parse::Context {
        constructs: config.constructs(),
        default_lang: "en",
        words: &words,
    };
    toolkit::kinds::survey::parse::read(&text[start..end], &context).unwrap()
}

#[test]
fn the_bundled_barrier_scan_covers_the_study_themes_in_both_languages() {
    let en = bundled_survey("content/tools/barrier-scan.md");
    let nl = bundled_survey("content/tools/barrier-scan.nl.md");
    assert!(
        (20..=30).contains(&en.statements.len()),
        "{}",
        en.statements.len()
    );
    let shape = |s: &toolkit::kinds::survey::SurveyData| {
        s.statements
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.construct.clone(),
                    s.direction,
                    s.theme.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&en), shape(&nl));
    // Every statement names where it comes from; a study theme is one of the paper's.
    let themes = std::fs::read_to_string(repo_root().join("tests/data/study-themes.toml")).unwrap();
    for s in &en.statements {
        assert!(s.source.is_some(), "{} has no source", s.id);
        if let Some(theme) = &s.theme {
            assert!(themes.contains(&format!("id = \"{theme}\"")), "{theme}");
        }
    }
    // Every domain of the study is asked about.
    let config = toolkit::config::Config::from_file(
        &repo_root().join("site.toml"),
        std::path::Path::new("site.toml"),
        &["stakeholders"],
    )
    .unwrap();
    let mut domains: Vec<String> = en
        .statements
        .iter()
        .map(|s| {
            config
                .constructs()
                .get(&s.construct)
                .unwrap()
                .domain
                .clone()
        })
        .collect();
    domains.sort();
    domains.dedup();
    assert_eq!(
        domains,
        [
            "individuals",
            "inner-setting",
            "intervention",
            "outer-setting",
            "process"
        ]
    );
}

#[test]
fn the_bundled_site_lists_the_48_cfir_constructs_and_19_subconstructs() {
    let config = toolkit::config::Config::from_file(
        &repo_root().join("site.toml"),
        std::path::Path::new("site.toml"),
        &["stakeholders"],
    )
    .unwrap();
    let constructs = config.constructs();
    let top = constructs.iter().filter(|c| c.parent.is_none()).count();
    let subs = constructs.iter().filter(|c| c.parent.is_some()).count();
    assert_eq!((top, subs), (48, 19));
    for c in constructs.iter() {
        let toolkit::config::LocalizedText::PerLanguage(names) = &c.name else {
            panic!("{} has one name for every language", c.id);
        };
        assert!(
            names.contains_key("en") && names.contains_key("nl"),
            "{}",
            c.id
        );
    }
    // Training and its follow-up are about access to knowledge, in every checklist.
    for path in [
        "content/checklists/process.md",
        "content/checklists/process.nl.md",
    ] {
        let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
        for id in [
            "booster-sessions",
            "use-based-booster",
            "fortnightly-tips",
            "new-starter-programme",
            "yearly-refresher",
        ] {
            let at = text.find(&format!("{{#{id}}}")).unwrap();
            let line = text[at..].lines().nth(1).unwrap();
            assert!(
                line.contains("construct: Access to Knowledge & Information"),
                "{path} {id}: {line}"
            );
        }
    }
}
