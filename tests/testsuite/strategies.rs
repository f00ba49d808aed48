//! The strategy library (`kind = "strategies"`): the page without JavaScript in both languages,
//! the site-wide values `strategies` and `strategy_matches`, the checklist attribute
//! `strategy:` with its column in the CSV and its line in the PDF, every error of a library and
//! of the attribute with its place, a site without a library, and the bundled library.

use pretty_assertions::assert_eq;
use scraper::{Html, Selector};
use toolkit::kinds::strategies::library::{self, Library};

use crate::harness::{Site, repo_root};

const SITE_TOML: &str = r#"title = { en = "Clinic toolkit", nl = "Kliniektoolkit" }
base_url = "https://example.org/kit/"
default_language = "en"
languages = ["en", "nl"]

[[domains]]
slug = "process"
name = { en = "Process", nl = "Proces" }
"#;

const LIBRARY: &str = r#"+++
title = "Strategies"
kind = "strategies"
+++

Suggestions to discuss, not prescriptions.

```toml strategies
[[cluster]]
id = "train"
name = "Train & educate"

[[cluster]]
id = "evaluate"
name = "Evaluate"

[[strategy]]
id = "conduct-educational-meetings"
name = "Conduct educational meetings"
cluster = "train"
definition = "Meet to teach <the> team."
source = "Powell et al. 2015"

[[strategy]]
id = "audit-and-provide-feedback"
name = "Audit and provide feedback"
cluster = "evaluate"
definition = "Show the team its figures."

[[strategy]]
id = "purposely-reexamine-the-implementation"
name = "Purposely reexamine the implementation"
cluster = "evaluate"
definition = "Look again on purpose."

[[match]]
construct = "reflecting-and-evaluating"
cfir2009 = "Reflecting & Evaluating"
level2 = ["purposely-reexamine-the-implementation"]
level1 = ["audit-and-provide-feedback"]
```
"#;

const CHECKLIST: &str = r#"+++
title = "Process checklist"
kind = "checklist"
domain = "process"
+++

- [ ] Hold a kick-off meeting. {#kick-off}
  role: lead | strategy: conduct-educational-meetings, audit-and-provide-feedback
- [ ] Review every quarter. {#review}
  phase: sustain
"#;

/// The Dutch library: the English one in Dutch words, with the English names kept.
fn dutch_library() -> String {
    LIBRARY
        .replace("title = \"Strategies\"", "title = \"Strategieën\"")
        .replace(
            "name = \"Conduct educational meetings\"",
            "name = \"Scholingsbijeenkomsten houden\"\nenglish = \"Conduct educational meetings\"",
        )
        .replace(
            "Meet to teach <the> team.",
            "Kom samen om het team te leren.",
        )
}

fn dutch_checklist() -> String {
    CHECKLIST
        .replace("Process checklist", "Proceschecklist")
        .replace("Hold a kick-off meeting.", "Houd een startbijeenkomst.")
}

/// A site in English and Dutch with a library and a checklist whose first item names two of its
/// strategies.
fn site() -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE_TOML);
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHello.\n");
    site.write(
        "content/_index.nl.md",
        "+++\ntitle = \"Thuis\"\n+++\nHallo.\n",
    );
    site.write("content/tools/library.md", LIBRARY);
    site.write("content/tools/library.nl.md", &dutch_library());
    site.write("content/lists/process.md", CHECKLIST);
    site.write("content/lists/process.nl.md", &dutch_checklist());
    site
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn attrs(html: &Html, css: &str, name: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .map(|e| e.value().attr(name).unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_page_shows_clusters_strategies_matches_and_items_without_javascript() {
    let site = site();
    site.run(&["build"]).success();
    let page = site.read("public/tools/library/index.html");
    assert!(
        !page.contains("<script src=\"/kit/strategies"),
        "no script of its own"
    );
    let html = Html::parse_document(&page);
    // The text of the page (the caveat) comes before the library; the block itself is gone.
    assert!(page.find("Suggestions to discuss").unwrap() < page.find("strategy-library").unwrap());
    assert!(!page.contains("[[strategy]]"));
    assert_eq!(
        texts(&html, ".strategy-cluster-list li"),
        ["Train & educate (1)", "Evaluate (2)"]
    );
    assert_eq!(
        attrs(&html, ".strategy-cluster-list a", "href"),
        ["#cluster-train", "#cluster-evaluate"]
    );
    assert_eq!(
        texts(&html, ".strategy h3"),
        [
            "Conduct educational meetings",
            "Audit and provide feedback",
            "Purposely reexamine the implementation"
        ]
    );
    assert_eq!(
        attrs(&html, ".strategy h3", "id"),
        [
            "conduct-educational-meetings",
            "audit-and-provide-feedback",
            "purposely-reexamine-the-implementation"
        ]
    );
    // Definitions are text, escaped.
    assert!(page.contains("Meet to teach &lt;the&gt; team."), "{page}");
    assert_eq!(
        texts(&html, "#cluster-evaluate ~ .strategy .strategy-matches li"),
        [
            "Reflecting & Evaluating · Level 1: at least half of the experts (matched to the CFIR 2009 construct: Reflecting & Evaluating)",
            "Reflecting & Evaluating · Level 2: 20 to 49% of the experts (matched to the CFIR 2009 construct: Reflecting & Evaluating)"
        ]
    );
    // The checklist items that carry a strategy, linked.
    assert_eq!(
        texts(&html, ".strategy-items li"),
        [
            "Hold a kick-off meeting. (Process checklist)",
            "Hold a kick-off meeting. (Process checklist)"
        ]
    );
    assert_eq!(
        attrs(&html, ".strategy-items a", "href"),
        [
            "/kit/lists/process/#kick-off",
            "/kit/lists/process/#kick-off"
        ]
    );
    assert_eq!(
        texts(&html, ".strategy-counts"),
        ["3 strategies in 2 clusters; 2 matches to 1 CFIR constructs."]
    );

    // In Dutch: Dutch words, the construct in Dutch with its English name, the English name of
    // a strategy kept, and the Dutch checklist's items.
    let nl = Html::parse_document(&site.read("public/nl/tools/library/index.html"));
    assert_eq!(
        texts(&nl, ".strategy-english"),
        ["Engelse naam: Conduct educational meetings"]
    );
    assert_eq!(attrs(&nl, ".strategy-english span", "lang"), ["en"]);
    assert_eq!(
        texts(&nl, "#audit-and-provide-feedback ~ .strategy-matches li"),
        [
            "Reflecteren en evalueren (Reflecting & Evaluating) · Niveau 1: minstens de helft van de experts (gekoppeld aan het CFIR 2009-construct: Reflecting & Evaluating)"
        ]
    );
    assert_eq!(
        texts(&nl, ".strategy-items li")[0],
        "Houd een startbijeenkomst. (Proceschecklist)"
    );
    assert_eq!(
        attrs(&nl, ".strategy-items a", "href")[0],
        "/kit/nl/lists/process/#kick-off"
    );
}

#[test]
fn search_finds_each_strategy_at_its_anchor() {
    let site = site();
    site.run(&["build"]).success();
    let index: serde_json::Value =
        serde_json::from_str(&site.read("public/nl/search-index.json")).unwrap();
    let doc = index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["u"] == "/kit/nl/tools/library/#conduct-educational-meetings")
        .expect("the strategy is a search entry of its own");
    assert_eq!(doc["t"], "Scholingsbijeenkomsten houden");
    assert!(
        index["words"]["scholingsbijeenkomsten"].is_array(),
        "the strategy's name is found"
    );
}

#[test]
fn every_template_sees_strategies_and_strategy_matches() {
    let site = site();
    site.write(
        "templates/dump.html",
        "<pre>{% for construct, list in strategy_matches %}{% for m in list %}{{ construct }}|{{ m.id }}|{{ m.name }}|{{ m.level }}|{{ m.url }}|{{ m.cfir2009 }}\n{% endfor %}{% endfor %}</pre>\n\
         <pre>{% for id, s in strategies %}{{ id }}|{{ s.name }}|{{ s.cluster }}|{{ s.url }}\n{% endfor %}</pre>\n",
    );
    site.write(
        "content/dump.md",
        "+++\ntitle = \"Dump\"\ntemplate = \"dump.html\"\n+++\n",
    );
    site.run(&["build"]).success();
    assert_eq!(
        site.read("public/dump/index.html"),
        "<pre>reflecting-and-evaluating|audit-and-provide-feedback|Audit and provide feedback|1|/kit/tools/library/#audit-and-provide-feedback|Reflecting &amp; Evaluating\n\
         reflecting-and-evaluating|purposely-reexamine-the-implementation|Purposely reexamine the implementation|2|/kit/tools/library/#purposely-reexamine-the-implementation|Reflecting &amp; Evaluating\n</pre>\n\
         <pre>audit-and-provide-feedback|Audit and provide feedback|Evaluate|/kit/tools/library/#audit-and-provide-feedback\n\
         conduct-educational-meetings|Conduct educational meetings|Train &amp; educate|/kit/tools/library/#conduct-educational-meetings\n\
         purposely-reexamine-the-implementation|Purposely reexamine the implementation|Evaluate|/kit/tools/library/#purposely-reexamine-the-implementation\n</pre>\n"
    );
    // A site without a library has neither value.
    std::fs::remove_file(site.root.join("content/tools/library.md")).unwrap();
    std::fs::remove_file(site.root.join("content/tools/library.nl.md")).unwrap();
    site.write(
        "content/lists/process.md",
        &CHECKLIST.replace(
            " | strategy: conduct-educational-meetings, audit-and-provide-feedback",
            "",
        ),
    );
    site.write(
        "content/lists/process.nl.md",
        &dutch_checklist().replace(
            " | strategy: conduct-educational-meetings, audit-and-provide-feedback",
            "",
        ),
    );
    site.write(
        "templates/dump.html",
        "{% if strategy_matches is defined or strategies is defined %}defined{% else %}absent{% endif %}\n",
    );
    site.run(&["build"]).success();
    assert_eq!(site.read("public/dump/index.html"), "absent\n");
}

#[test]
fn the_csv_and_the_pdf_name_an_items_strategies() {
    let site = site();
    site.run(&["build"]).success();
    let csv = site.read("public/lists/process/process.csv");
    assert_eq!(
        csv.trim_start_matches('\u{feff}'),
        "Domain,Id,Item,Role,Phase,Strategy,Date,Initials\r\n\
         Process,kick-off,Hold a kick-off meeting.,lead,,\"conduct-educational-meetings, audit-and-provide-feedback\",,\r\n\
         Process,review,Review every quarter.,,Sustain,,,\r\n"
    );
    let bundle = site.read("public/nl/checklists.csv");
    assert!(bundle.contains(";Strategie;"), "{bundle}");
    let pdf = lopdf::Document::load_mem(
        &std::fs::read(site.root.join("public/lists/process/process.pdf")).unwrap(),
    )
    .unwrap();
    let text = pdf.extract_text(&[1]).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Strategy: conduct-educational-meetings, audit-and-provide-feedback"),
        "{text}"
    );
}

/// Builds the site with `file` changed by `edit`, and returns what the build printed; the build
/// must fail.
fn errors_after(file: &str, edit: impl Fn(&str) -> String) -> String {
    let site = site();
    let text = site.read(file);
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    site.write(file, &changed);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.root.join("public").exists());
    run.stderr
}

#[test]
fn unknown_strategies_and_constructs_in_a_match_are_named_with_a_did_you_mean() {
    let stderr = errors_after("content/tools/library.md", |t| {
        t.replace(
            "level2 = [\"purposely-reexamine-the-implementation\"]",
            "level2 = [\"purposely-reexamine-the-implementaton\"]",
        )
        .replace(
            "construct = \"reflecting-and-evaluating\"",
            "construct = \"reflecting-and-evaluatin\"",
        )
    });
    assert_eq!(
        stderr,
        "content/tools/library.md:37:13: error: unknown construct `reflecting-and-evaluatin`\n  \
         hint: did you mean \"reflecting-and-evaluating\"? a match names a construct of the site by its id, like \"available-resources\"\n\
         content/tools/library.md:39:11: error: unknown strategy `purposely-reexamine-the-implementaton`\n  \
         hint: did you mean \"purposely-reexamine-the-implementation\"? a match names strategies by the id of a [[strategy]] of this block\n\
         error: build failed: 2 errors; the output folder was not changed\n"
    );
}

#[test]
fn duplicate_ids_unknown_clusters_and_unknown_keys_are_named() {
    let stderr = errors_after("content/tools/library.md", |t| {
        t.replace(
            "id = \"audit-and-provide-feedback\"\nname = \"Audit and provide feedback\"\ncluster = \"evaluate\"",
            "id = \"conduct-educational-meetings\"\nname = \"Audit and provide feedback\"\ncluster = \"evaluat\"",
        )
        .replace("definition = \"Look again on purpose.\"", "defenition = \"Look again on purpose.\"")
    });
    assert_eq!(
        stderr,
        "content/tools/library.md:25:6: error: the strategy id `conduct-educational-meetings` is used twice (first on line 18)\n  \
         hint: give each strategy its own id\n\
         content/tools/library.md:27:11: error: unknown cluster `evaluat`\n  \
         hint: did you mean \"evaluate\"? the clusters are the [[cluster]] tables of this block\n\
         content/tools/library.md:34:1: error: unknown key `defenition` in a `[[strategy]]`\n  \
         hint: did you mean `definition`? a `[[strategy]]` knows `id`, `name`, `english`, `definition`, `cluster`, `source`\n\
         content/tools/library.md:40:11: error: unknown strategy `audit-and-provide-feedback`\n  \
         hint: a match names strategies by the id of a [[strategy]] of this block\n\
         error: build failed: 4 errors; the output folder was not changed\n"
    );
}

#[test]
fn a_strategy_without_a_definition_in_a_language_is_an_error_in_that_file() {
    let stderr = errors_after("content/tools/library.nl.md", |t| {
        t.replace("definition = \"Show the team its figures.\"\n", "")
    });
    assert_eq!(
        stderr,
        "content/tools/library.nl.md:25:1: error: this strategy has no `definition`\n  \
         hint: add `definition = \"…\"`\n\
         error: build failed: 1 error; the output folder was not changed\n"
    );
}

#[test]
fn translations_that_disagree_are_named() {
    let stderr = errors_after("content/tools/library.nl.md", |t| {
        t.replace(
            "id = \"purposely-reexamine-the-implementation\"",
            "id = \"purposely-reexamine-implementation\"",
        )
        .replace(
            "level2 = [\"purposely-reexamine-the-implementation\"]",
            "level2 = [\"purposely-reexamine-implementation\"]",
        )
    });
    assert_eq!(
        stderr,
        "content/tools/library.nl.md:8:1: error: the matches of this translation differ from those of content/tools/library.md: reflecting-and-evaluating → purposely-reexamine-implementation (level 2, only here); reflecting-and-evaluating → purposely-reexamine-the-implementation (level 2, only there)\n  \
         hint: translations give the same [[match]] tables; copy them from the library in the default language\n\
         content/tools/library.nl.md:8:1: error: the strategy `purposely-reexamine-the-implementation` of content/tools/library.md is not in this translation\n  \
         hint: translations list the same strategies: add a [[strategy]] with id = \"purposely-reexamine-the-implementation\", or remove it from content/tools/library.md\n\
         content/tools/library.nl.md:32:6: error: the strategy `purposely-reexamine-implementation` is not in content/tools/library.md\n  \
         hint: translations list the same strategies, with the same ids: add it to content/tools/library.md, or correct the id\n\
         error: build failed: 3 errors; the output folder was not changed\n"
    );
}

#[test]
fn an_unknown_strategy_in_a_checklist_item_gets_a_did_you_mean() {
    let stderr = errors_after("content/lists/process.md", |t| {
        t.replace(
            "strategy: conduct-educational-meetings, audit-and-provide-feedback",
            "strategy: conduct-educational-meetings,  audit-and-provide-feedbak",
        )
    });
    assert_eq!(
        stderr,
        "content/lists/process.md:8:57: error: unknown strategy `audit-and-provide-feedbak`\n  \
         hint: did you mean \"audit-and-provide-feedback\"? the strategies are listed in content/tools/library.md\n\
         error: build failed: 1 error; the output folder was not changed\n"
    );
}

#[test]
fn a_site_without_a_library_builds_and_refuses_strategies_saying_why() {
    let site = site();
    std::fs::remove_file(site.root.join("content/tools/library.md")).unwrap();
    std::fs::remove_file(site.root.join("content/tools/library.nl.md")).unwrap();
    site.write(
        "content/lists/process.nl.md",
        &dutch_checklist().replace(
            "  role: lead | strategy: conduct-educational-meetings, audit-and-provide-feedback\n",
            "  role: lead\n",
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/lists/process.md:8:26: error: unknown strategy `conduct-educational-meetings`: this site has no strategy library in English\n  \
         hint: add a page of kind = \"strategies\" with a ```toml strategies block (a new site has one in content/tools/strategies.md), or remove `strategy:` from the item\n\
         content/lists/process.md:8:56: error: unknown strategy `audit-and-provide-feedback`: this site has no strategy library in English\n  \
         hint: add a page of kind = \"strategies\" with a ```toml strategies block (a new site has one in content/tools/strategies.md), or remove `strategy:` from the item\n\
         error: build failed: 2 errors; the output folder was not changed\n"
    );
    // Without `strategy:` the site builds, and its CSV has no strategy column.
    site.write(
        "content/lists/process.md",
        &CHECKLIST.replace(
            "  role: lead | strategy: conduct-educational-meetings, audit-and-provide-feedback\n",
            "  role: lead\n",
        ),
    );
    site.run(&["build"]).success();
    assert!(!site.read("public/checklists.csv").contains("Strategy"));
    assert!(
        !site
            .read("public/lists/process/index.html")
            .contains("strateg")
    );
}

/// The bundled library of one language.
fn bundled(file: &str) -> Library {
    let text = std::fs::read_to_string(repo_root().join("content/tools").join(file)).unwrap();
    let start = text.find("```toml strategies\n").unwrap() + "```toml strategies\n".len();
    let end = start + text[start..].find("```").unwrap();
    let ids: Vec<&str> = toolkit::kinds::strategies::constructs::CONSTRUCTS
        .iter()
        .map(|(id, _)| *id)
        .collect();
    library::read(&text[start..end], &ids).unwrap_or_else(|p| panic!("{file}: {p:?}"))
}

#[test]
fn the_bundled_library_has_the_73_eric_strategies_in_9_clusters_in_both_languages() {
    let en = bundled("strategies.md");
    let nl = bundled("strategies.nl.md");
    for (lang, library) in [("en", &en), ("nl", &nl)] {
        assert_eq!(library.strategies.len(), 73, "{lang}");
        assert_eq!(library.clusters.len(), 9, "{lang}");
        for cluster in &library.clusters {
            assert!(
                library.strategies.iter().any(|s| s.cluster == cluster.id),
                "{lang}: cluster {} is empty",
                cluster.id
            );
        }
        for s in &library.strategies {
            assert!(
                s.definition.split_whitespace().count() >= 5,
                "{lang}: {} has no real definition",
                s.id
            );
            // Ids are the slugs of the official English names.
            let english = s.english.as_deref().unwrap_or(&s.name);
            assert_eq!(toolkit::slug::slugify(english), s.id, "{lang}");
        }
    }
    // The same ids, clusters and matches in both languages; the Dutch page keeps every
    // English name, and its definitions are its own.
    let key = |l: &Library| {
        l.strategies
            .iter()
            .map(|s| (s.id.clone(), s.cluster.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&en), key(&nl));
    let pairs = |l: &Library| {
        l.matches
            .iter()
            .map(|m| {
                (
                    m.construct.clone(),
                    m.strategy.clone(),
                    m.level,
                    m.cfir2009.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(&en), pairs(&nl));
    for (e, n) in en.strategies.iter().zip(&nl.strategies) {
        assert_eq!(n.english.as_deref(), Some(e.name.as_str()));
        assert_ne!(n.definition, e.definition);
    }
    // The cluster sizes of Waltz et al. 2015.
    let size = |cluster: &str| {
        en.strategies
            .iter()
            .filter(|s| s.cluster == cluster)
            .count()
    };
    assert_eq!(
        [
            size("use-evaluative-and-iterative-strategies"),
            size("provide-interactive-assistance"),
            size("adapt-and-tailor-to-context"),
            size("develop-stakeholder-interrelationships"),
            size("train-and-educate-stakeholders"),
            size("support-clinicians"),
            size("engage-consumers"),
            size("utilize-financial-strategies"),
            size("change-infrastructure"),
        ],
        [10, 4, 4, 17, 11, 5, 5, 9, 8]
    );
    // Every match says where it comes from.
    assert!(en.matches.iter().all(|m| m.source.is_some()));
}

#[test]
fn with_constructs_in_site_toml_a_match_names_one_of_them_and_shows_its_names() {
    let site = site();
    site.write(
        "site.toml",
        &format!(
            "{SITE_TOML}\n[[domains.constructs]]\nid = \"reflecting-and-evaluating\"\nname = {{ en = \"Reflecting & Evaluating\", nl = \"Terugblikken\" }}\n"
        ),
    );
    site.run(&["build"]).success();
    let nl = Html::parse_document(&site.read("public/nl/tools/library/index.html"));
    assert_eq!(
        texts(&nl, "#audit-and-provide-feedback ~ .strategy-matches li"),
        [
            "Terugblikken (Reflecting & Evaluating) · Niveau 1: minstens de helft van de experts (gekoppeld aan het CFIR 2009-construct: Reflecting & Evaluating)"
        ]
    );
    // A construct of CFIR 2.0 that this site does not list is refused.
    let library = site.read("content/tools/library.md").replace(
        "construct = \"reflecting-and-evaluating\"",
        "construct = \"reflecting-and-evaluatng\"",
    );
    site.write("content/tools/library.md", &library);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/tools/library.md:37:13: error: unknown construct `reflecting-and-evaluatng`\n  \
         hint: did you mean \"reflecting-and-evaluating\"? a match names a construct of the site by its id, like \"available-resources\"\n\
         error: build failed: 1 error; the output folder was not changed\n"
    );
    site.write(
        "content/tools/library.md",
        &library.replace("reflecting-and-evaluatng", "available-resources"),
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.starts_with(
            "content/tools/library.md:37:13: error: unknown construct `available-resources`\n"
        ),
        "{}",
        run.stderr
    );
}
