//! The cache of PDF forms in `.toolkit-cache/pdf/`: kept between builds, used, pruned to what
//! the last build used, and never needed.

use std::collections::BTreeSet;
use std::fs;

use pretty_assertions::assert_eq;

use crate::harness::{Site, toolkit};

/// The cache's entries, by file name.
fn entries(site: &Site) -> BTreeSet<String> {
    match fs::read_dir(site.root.join(".toolkit-cache/pdf")) {
        Ok(dir) => dir
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

fn pdfs(site: &Site) -> BTreeSet<String> {
    site.tree("public")
        .into_keys()
        .filter(|name| name.ends_with(".pdf"))
        .collect()
}

#[test]
fn forms_are_kept_between_builds_and_a_warm_build_publishes_the_same_bytes() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    let cold = site.tree("public");
    let kept = entries(&site);
    // One entry per form: each checklist and each language's bundle.
    assert_eq!(kept.len(), pdfs(&site).len(), "{kept:?}");
    assert!(kept.iter().all(|n| n.len() == 68 && n.ends_with(".pdf")));

    site.run(&["build"]).success();
    assert_eq!(site.tree("public"), cold);
    assert_eq!(entries(&site), kept);
}

#[test]
fn a_kept_form_is_published_instead_of_drawn_again() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    // Every kept form is replaced by a marker: the next build must publish the markers.
    for name in entries(&site) {
        fs::write(site.root.join(".toolkit-cache/pdf").join(&name), b"kept").unwrap();
    }
    site.run(&["build"]).success();
    for name in pdfs(&site) {
        assert_eq!(site.tree("public")[&name], b"kept", "{name}");
    }
}

#[test]
fn an_edit_draws_a_new_form_and_the_build_removes_only_unused_entries_of_its_own() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    let before = entries(&site);
    let foreign = site.root.join(".toolkit-cache/pdf/notes.txt");
    fs::write(&foreign, "mine").unwrap();

    let page = site.root.join("content/lists/start.md");
    let text = fs::read_to_string(&page).unwrap();
    let edited = text.replacen("- [ ] ", "- [ ] Edited: ", 1);
    assert_ne!(edited, text);
    fs::write(&page, edited).unwrap();
    site.run(&["build"]).success();

    let after = entries(&site);
    // The edited checklist's form and its language's bundle are new; the old ones are gone.
    assert_eq!(before.difference(&after).count(), 2, "{before:?} {after:?}");
    let drawn: Vec<&String> = after
        .difference(&before)
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(drawn.len(), 2, "{before:?} {after:?}");
    assert!(after.contains("notes.txt"));
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "mine");
}

#[test]
fn toolkit_cache_0_draws_every_form_and_keeps_nothing() {
    let site = Site::fixture("checklists");
    let run = toolkit()
        .args(["build"])
        .env("TOOLKIT_CACHE", "0")
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(!site.root.join(".toolkit-cache").exists());
    assert!(!pdfs(&site).is_empty());
}

#[test]
fn check_uses_kept_forms_but_writes_none() {
    let site = Site::fixture("checklists");
    site.run(&["check"]).success();
    assert!(!site.root.join(".toolkit-cache").exists());
    site.run(&["build"]).success();
    let kept = entries(&site);
    let stale = format!("{}.pdf", "0".repeat(64));
    fs::write(site.root.join(".toolkit-cache/pdf").join(&stale), b"old").unwrap();
    site.run(&["check"]).success();
    // A check neither adds forms nor removes unused ones.
    let mut expected = kept.clone();
    expected.insert(stale);
    assert_eq!(entries(&site), expected);
}
