//! Search: each language gets an index of its pages and checklist items, with words in lower
//! case and without accents. Search in a browser is tested in tests/browser/search.rs.

use crate::harness::Site;

fn index(site: &Site, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap()
}

/// The documents a normalised word leads to, as URLs. Each entry of the index is
/// `(gap from the previous document << 2) | weight`.
fn found(index: &serde_json::Value, word: &str) -> Vec<String> {
    let entries = index["words"][word].as_array().cloned().unwrap_or_default();
    let mut doc = 0;
    entries
        .iter()
        .map(|entry| {
            doc += entry.as_u64().unwrap() as usize >> 2;
            index["docs"][doc]["u"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn each_language_has_an_index_of_pages_and_checklist_items() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    let en = index(&site, "public/search-index.json");
    let nl = index(&site, "public/nl/search-index.json");
    // Pages and items of the language only.
    let urls: Vec<&str> = nl["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["u"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"/kit/nl/lists/start/"), "{urls:?}");
    assert!(urls.contains(&"/kit/nl/lists/start/#pilot"), "{urls:?}");
    assert!(urls.iter().all(|u| u.starts_with("/kit/nl/")), "{urls:?}");
    // "patiënten" is found as "patienten"; the item's document names its checklist.
    assert_eq!(
        found(&nl, "patienten"),
        ["/kit/nl/lists/start/", "/kit/nl/lists/start/#pilot"]
    );
    assert_eq!(
        found(&nl, "patient"),
        [
            "/kit/nl/lists/start/",
            "/kit/nl/lists/start/#plan-the-training-close-to-the-first-patient"
        ]
    );
    let pilot = nl["docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["u"] == "/kit/nl/lists/start/#pilot")
        .unwrap();
    assert_eq!(pilot["t"], "Begin met twee patiënten, „als pilot”.");
    assert_eq!(pilot["c"], "Starten");
    assert!(found(&en, "patienten").is_empty());
    assert!(found(&en, "lead").contains(&"/kit/lists/start/#name-lead".to_string()));
    // Every page links the index of its own language and the script.
    let page = site.read("public/nl/lists/start/index.html");
    assert!(
        page.contains("data-index=\"/kit/nl/search-index.json\""),
        "{page}"
    );
    assert!(page.contains("<script src=\"/kit/search.js\" defer></script>"));
}

/// The tool pages are found by what they show (the planner's steps, the map's groups), not by
/// the TOML they are written in.
#[test]
fn tool_pages_are_found_by_what_they_show_not_their_data_blocks() {
    let site = Site::empty();
    let repo = crate::harness::repo_root();
    for folder in ["content", "themes"] {
        crate::harness::copy_tree(&repo.join(folder), &site.root.join(folder), &[]);
    }
    std::fs::copy(repo.join("site.toml"), site.root.join("site.toml")).unwrap();
    site.run(&["build", "--quiet"]).success();
    let en = index(&site, "public/search-index.json");
    let planner = "/toolkit/tools/training-planner/".to_string();
    let map = "/toolkit/tools/stakeholder-map/".to_string();
    // "Book the first patients" is a step of the planner; "Board of directors" a group on the map.
    assert!(
        found(&en, "book").contains(&planner),
        "{:?}",
        found(&en, "book")
    );
    assert!(
        found(&en, "board").contains(&map),
        "{:?}",
        found(&en, "board")
    );
    // Keys of the data blocks are not words of the site.
    for key in ["offset", "max_gap_days", "gap_days"] {
        assert!(found(&en, key).is_empty(), "{key}: {:?}", found(&en, key));
    }
}
