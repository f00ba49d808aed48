//! E-mail feedback guides: rules listed, examples labelled and paired, templates with a copy
//! button for the script; bad rules and examples that contradict the rules fail the build with
//! their place in the file; the Rust checks give the answers of the vectors file they share with
//! the JavaScript checks (tested against it, and in a browser, in tests/browser/email_guide.rs).

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};
use serde_json::Value;
use toolkit::kinds::email_guide::check::{self, Rule};

use crate::harness::{Site, fails_with, repo_root};

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

#[test]
fn rules_examples_and_templates_become_html_with_the_rules_as_json() {
    let site = Site::fixture("email-guide");
    site.run(&["build"]).success();
    let html = Html::parse_document(&site.read("public/guide/index.html"));
    let rules: Vec<String> = select(&html, "li.email-rule")
        .iter()
        .map(|r| r.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        rules,
        ["rule-praise", "rule-question", "rule-rush", "rule-short"]
    );
    let first = text(&select(&html, "#rule-praise")[0]);
    assert!(first.contains("Warning"), "{first}");
    assert!(first.contains("Based on evidence"), "{first}");
    assert!(first.contains("Praise <the> work."), "{first}");
    assert!(first.contains("Source: Study 2016"), "{first}");
    assert!(first.contains("well done") && !first.contains("goed gedaan"));

    // The pair shares a wrapper; the lone bad example does not.
    let pairs = select(&html, ".email-pair");
    assert_eq!(pairs.len(), 1);
    let in_pair: Vec<String> = select(&html, ".email-pair > figure")
        .iter()
        .map(|f| f.value().attr("class").unwrap().to_string())
        .collect();
    assert_eq!(
        in_pair,
        ["email-example email-do", "email-example email-dont"]
    );
    assert_eq!(select(&html, "figure.email-dont").len(), 2);
    let labels: Vec<String> = select(&html, "figure.email-example figcaption")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        [
            "✓ Do: a good example",
            "✗ Don't: a bad example",
            "✗ Don't: a bad example"
        ]
    );
    let breaks: Vec<String> = select(&html, ".email-breaks").iter().map(text).collect();
    assert_eq!(
        breaks,
        [
            "Breaks the rules: praise, question, rush, short",
            "Breaks the rules: praise, question"
        ]
    );
    assert_eq!(
        text(&select(&html, ".email-do pre")[0]),
        "Well done, Anna! How did it go?"
    );

    // The template is plain text; its copy button waits hidden for the script.
    let template = &select(&html, "figure.email-template pre")[0];
    assert_eq!(template.value().attr("id"), Some("email-template-1"));
    let button = &select(&html, "button.email-copy")[0];
    assert_eq!(button.value().attr("data-copy"), Some("email-template-1"));
    assert!(button.value().attr("hidden").is_some());
    assert!(
        select(&html, "section.email-checker")[0]
            .value()
            .attr("hidden")
            .is_some()
    );
    assert_eq!(select(&html, "textarea#email-draft").len(), 1);
    assert_eq!(select(&html, "label[for=email-draft]").len(), 1);
    assert!(
        select(&html, "input#email-keep")[0]
            .value()
            .attr("checked")
            .is_none(),
        "keeping the draft is off by default"
    );
    assert_eq!(
        select(&html, "link[href=\"/email-guide.css\"]").len(),
        1,
        "the guide's stylesheet"
    );

    // The rules as JSON, in the page's language, safe inside a script element.
    let script = &select(&html, "script#email-guide-data")[0];
    let raw = script.inner_html();
    assert!(!raw.contains('<'), "{raw}");
    let data: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(data["rules"][0]["message"], "Praise <the> work.");
    assert_eq!(
        data["rules"][0]["phrases"],
        serde_json::json!(["well done"])
    );
    assert_eq!(data["rules"][3]["limit"], 5);
    assert_eq!(data["words"]["copied"], "Copied.");

    // The Dutch page uses its language's phrases and words.
    let dutch = Html::parse_document(&site.read("public/nl/guide/index.html"));
    let raw = select(&dutch, "script#email-guide-data")[0].inner_html();
    let data: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        data["rules"][0]["phrases"],
        serde_json::json!(["goed gedaan"])
    );
    assert_eq!(
        text(&select(&dutch, "figure.email-do figcaption")[0]),
        "✓ Wel: een goed voorbeeld"
    );
}

#[test]
fn invalid_rules_fail_with_their_place_and_a_hint() {
    let site = fails_with("errors/email-guide-rules", &["build"], 1);
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_broken_link_in_where_a_rule_points_fails_with_its_place() {
    let site = fails_with("errors/email-guide-see", &["build"], 1);
    assert!(!site.root.join("public").exists());
}

#[test]
fn examples_that_contradict_the_rules_fail_the_build() {
    let site = fails_with("errors/email-guide-examples", &["build"], 1);
    assert!(!site.root.join("public").exists());
}

fn vectors() -> Value {
    let path = repo_root().join("tests/data/email-vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn rust_checks_give_the_answers_of_the_shared_vectors() {
    let vectors = vectors();
    let rules: Vec<Rule> = serde_json::from_value(vectors["rules"].clone()).unwrap();
    let mut failures = Vec::new();
    let mut checks = 0;
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        for (id, pass) in case["verdicts"].as_object().unwrap() {
            let rule = rules
                .iter()
                .find(|r| &r.id == id)
                .unwrap_or_else(|| panic!("{name}: unknown rule {id}"));
            let verdict = check::check(rule, text);
            checks += 1;
            if Some(verdict.pass) != pass.as_bool() {
                failures.push(format!("{name}: {id} should give {pass}"));
            }
            if let Some(found) = case["found"].get(id) {
                let at = verdict.at.map(|r| &text[r]);
                if at != found.as_str() {
                    failures.push(format!("{name}: {id} found {at:?}, not {found}"));
                }
            }
            if let Some(all) = case["all"].get(id) {
                let got: Vec<&str> = verdict.all.iter().map(|r| &text[r.clone()]).collect();
                let wanted: Vec<&str> = all
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                if got != wanted {
                    failures.push(format!("{name}: {id} found all {got:?}, not {wanted:?}"));
                }
            }
        }
    }
    for case in vectors["sentences"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let got: Vec<&str> = check::sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        let wanted: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        checks += 1;
        if got != wanted {
            failures.push(format!("sentences of {text:?}: {got:?}, not {wanted:?}"));
        }
    }
    for case in vectors["words"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        checks += 1;
        if Some(check::word_count(text) as u64) != case["count"].as_u64() {
            failures.push(format!("words of {text:?}: {}", check::word_count(text)));
        }
    }
    for case in vectors["fold"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        checks += 1;
        if Some(check::fold(text).as_str()) != case["folded"].as_str() {
            failures.push(format!("fold of {text:?}: {}", check::fold(text)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checks > 50, "only {checks} checks");
}
