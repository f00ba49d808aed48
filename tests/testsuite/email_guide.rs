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
    // In the page from the start (nothing moves when the script runs); hidden by noscript.css.
    assert!(
        select(&html, "section.email-checker")[0]
            .value()
            .classes()
            .any(|c| c == "js-only")
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

/// The bundled feedback guide of one language, built from the repository's own site: its
/// rules (as the checker gets them), its page, and the text of its good and bad examples and
/// templates.
struct Guide {
    lang: &'static str,
    rules: Vec<Rule>,
    data: Value,
    html: Html,
    good: Vec<String>,
    bad: Vec<String>,
    templates: Vec<String>,
}

fn bundled_guides() -> Vec<Guide> {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    crate::harness::run_in(
        &repo_root(),
        &["build", "--quiet", "--output", output.to_str().unwrap()],
    )
    .success();
    [("en", ""), ("nl", "nl/")]
        .into_iter()
        .map(|(lang, prefix)| {
            let page = output.join(format!("{prefix}tools/feedback-guide/index.html"));
            let html = Html::parse_document(&std::fs::read_to_string(page).unwrap());
            let raw = select(&html, "script#email-guide-data")[0].inner_html();
            let data: Value = serde_json::from_str(&raw).unwrap();
            let rules: Vec<Rule> = serde_json::from_value(data["rules"].clone()).unwrap();
            let texts = |css: &str| -> Vec<String> {
                select(&html, css)
                    .iter()
                    .map(|p| p.text().collect::<String>())
                    .collect()
            };
            let good = texts("figure.email-do pre");
            let bad = texts("figure.email-dont pre");
            let templates = texts("figure.email-template pre");
            Guide {
                lang,
                rules,
                data,
                html,
                good,
                bad,
                templates,
            }
        })
        .collect()
}

fn rule<'g>(guide: &'g Guide, id: &str) -> &'g Rule {
    guide
        .rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{}: no rule {id}", guide.lang))
}

/// The names of the entries of the sources page (`### Paxling et al. 2013 {#paxling-2013}`).
fn source_entries() -> Vec<String> {
    let sources = std::fs::read_to_string(repo_root().join("content/sources.md")).unwrap();
    sources
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|l| l.split(" {#").next().unwrap().to_string())
        .collect()
}

/// A number in a feedback-guide rule either comes from a source marked as stating it
/// (`basis = "source"`, the source an entry of the sources page) or is labelled the toolkit's
/// own default, on the rule and on the page; a toolkit default cites no study.
#[test]
fn every_number_in_the_bundled_feedback_rules_has_a_source_or_is_a_toolkit_default() {
    let entries = source_entries();
    let mut numbers = 0;
    for guide in bundled_guides() {
        for rule in &guide.rules {
            let words = format!("{} {}", rule.message, rule.shown_name());
            if rule.limit.is_none() && !words.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            numbers += 1;
            let what = format!("{}: rule {}", guide.lang, rule.id);
            let basis_shown = select(
                &guide.html,
                &format!("li#rule-{} .email-rule-basis", rule.id),
            );
            match rule.basis.as_deref() {
                Some("toolkit-default") => {
                    assert!(
                        rule.source.to_lowercase().contains("toolkit"),
                        "{what}: a toolkit default names the toolkit as its source, not {}",
                        rule.source
                    );
                    for entry in &entries {
                        let author = entry
                            .split([' ', '(', ','])
                            .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                            .take_while(|w| !["et", "and", "en"].contains(w))
                            .collect::<Vec<_>>()
                            .join(" ");
                        assert!(
                            author.len() < 4 || !rule.source.contains(author.as_str()),
                            "{what}: a toolkit default cites {entry}"
                        );
                    }
                    let shown = text(&basis_shown[0]);
                    assert!(shown.contains("toolkit"), "{what}: the page says {shown:?}");
                }
                Some("source") => {
                    for cited in rule
                        .source
                        .split(';')
                        .map(|s| s.trim().replace(" e.a.", " et al."))
                    {
                        assert!(
                            entries.iter().any(|e| e.starts_with(&cited)),
                            "{what}: {cited} is not an entry of the sources page"
                        );
                    }
                    assert_eq!(basis_shown.len(), 1, "{what}: the page does not say so");
                }
                other => panic!(
                    "{what} holds a number but its basis is {other:?}: mark it basis = \"source\" (the source states it) or basis = \"toolkit-default\""
                ),
            }
        }
    }
    assert!(numbers >= 4, "only {numbers} rules with a number");
}

/// The rules have the same ids in both languages, each with a name in the page's language,
/// shown on the page instead of the id; the bad examples name the rules they break.
#[test]
fn bundled_feedback_rules_carry_names_in_the_page_language() {
    let guides = bundled_guides();
    let ids = |g: &Guide| g.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&guides[0]), ids(&guides[1]));
    for guide in &guides {
        let names: Vec<String> = select(&guide.html, ".email-rule-name")
            .iter()
            .map(text)
            .collect();
        let wanted: Vec<String> = guide
            .rules
            .iter()
            .map(|r| r.name.clone().unwrap())
            .collect();
        assert_eq!(names, wanted, "{}", guide.lang);
        assert!(select(&guide.html, ".email-rule-id").is_empty());
        for breaks in select(&guide.html, ".email-breaks a") {
            let id = breaks
                .value()
                .attr("href")
                .unwrap()
                .trim_start_matches("#rule-");
            assert_eq!(
                text(&breaks),
                rule(guide, id).shown_name(),
                "{}",
                guide.lang
            );
        }
        assert_eq!(
            guide.data["rules"][0]["name"],
            guide.rules[0].name.clone().unwrap()
        );
    }
    assert_eq!(rule(&guides[0], "no-blame").shown_name(), "No blame");
    assert_eq!(rule(&guides[1], "no-blame").shown_name(), "Geen verwijten");
}

/// The risk rule flags a bad example and no good example or template, in both languages, and
/// points to the risk playbook; threats are flagged; the Dutch rules know `u` as well as `je`.
#[test]
fn bundled_risk_and_threat_rules_flag_the_bad_examples_and_pass_the_good_ones() {
    for guide in bundled_guides() {
        let lang = guide.lang;
        let risk = rule(&guide, "risk-words");
        assert_eq!(risk.check, "risk-phrases");
        let flagged_bad = guide
            .bad
            .iter()
            .filter(|t| !check::check(risk, t).pass)
            .count();
        assert!(
            flagged_bad >= 1,
            "{lang}: no bad example is flagged by the risk rule"
        );
        for text in guide.good.iter().chain(&guide.templates) {
            let verdict = check::check(risk, text);
            assert!(
                verdict.pass,
                "{lang}: the risk rule flags {:?}",
                verdict.at.map(|r| &text[r])
            );
        }
        let prefix = if lang == "en" {
            "/toolkit/"
        } else {
            "/toolkit/nl/"
        };
        let see = guide
            .rules
            .iter()
            .position(|r| r.id == "risk-words")
            .unwrap();
        let see = guide.data["rules"][see]["see_html"].as_str().unwrap();
        assert!(
            see.contains(&format!("href=\"{prefix}playbooks/risk-and-safety/\"")),
            "{lang}: {see}"
        );
        let shown = text(&select(&guide.html, "li#rule-risk-words .email-rule-see a")[0]);
        assert!(!shown.is_empty());

        let threats = rule(&guide, "no-threats");
        assert!(
            guide
                .bad
                .iter()
                .any(|t| check::check(threats, t).all.len() >= 2)
        );
        assert!(
            guide
                .good
                .iter()
                .chain(&guide.templates)
                .all(|t| check::check(threats, t).pass)
        );
    }
    let guides = bundled_guides();
    let (en, nl) = (&guides[0], &guides[1]);
    let threat = "If you skip another module I will take you off the programme and give your place to someone who wants it. Is that clear?";
    let found: Vec<&str> = check::check(rule(en, "no-threats"), threat)
        .all
        .into_iter()
        .map(|r| &threat[r])
        .collect();
    assert_eq!(
        found,
        [
            "take you off the programme",
            "give your place to",
            "Is that clear"
        ]
    );
    let risky = "Soms denk ik aan zelfmoord. Ik wil mezelf iets aandoen.";
    assert_eq!(check::check(rule(nl, "risk-words"), risky).all.len(), 2);

    let good_u = "Goed dat u uw dagboek zes dagen heeft ingevuld. U schrijft dat de ochtenden het zwaarst zijn. Welke dag wilt u volgende week samen bekijken?";
    for id in [
        "praise-effort",
        "refer-to-own-work",
        "ask-question",
        "no-blame",
        "no-threats",
    ] {
        assert!(check::check(rule(nl, id), good_u).pass, "nl u-form: {id}");
    }
    let bad_u = "U heeft de opdracht weer niet gedaan. U moet elke dag oefenen.";
    let blame = check::check(rule(nl, "no-blame"), bad_u);
    let found: Vec<&str> = blame.all.into_iter().map(|r| &bad_u[r]).collect();
    assert_eq!(found, ["weer niet gedaan", "U moet"]);
}
