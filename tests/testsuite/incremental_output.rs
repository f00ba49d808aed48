//! A rebuild writes only the files whose bytes changed: unchanged files keep their modification
//! time, files no longer produced go, and a build stopped half-way leaves every file whole and is
//! completed by the next build.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::harness::{Site, read_tree, toolkit};

const LONG_AGO: u64 = 1_000_000_000;

/// Sets the modification time of every file under `folder` to a moment long ago.
fn age_every_file(folder: &Path) {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(LONG_AGO);
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
    }
}

/// The files under `folder` whose modification time is no longer the one `age_every_file` set.
fn touched(folder: &Path) -> Vec<String> {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(LONG_AGO);
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.metadata().unwrap().modified().unwrap() != past {
            let relative = entry.path().strip_prefix(folder).unwrap();
            names.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    names
}

#[test]
fn a_rebuild_without_changes_touches_no_file() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    let before = site.tree("public");
    age_every_file(&site.root.join("public"));
    let run = site.run(&["build"]);
    run.success();
    assert_eq!(touched(&site.root.join("public")), Vec::<String>::new());
    assert_eq!(site.tree("public"), before);
    let files = before.len() - 1;
    assert!(
        run.stderr
            .contains(&format!(" s: 0 of {files} files changed (1 warning)\n")),
        "{}",
        run.stderr
    );
}

#[test]
fn one_changed_page_rewrites_only_the_files_that_show_it() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    age_every_file(&site.root.join("public"));
    let page = site.read("content/lists/team.md");
    site.write(
        "content/lists/team.md",
        &page.replacen(
            "+++\n\n",
            "+++\n\nA new sentence only this page shows.\n\n",
            1,
        ),
    );
    site.run(&["build"]).success();
    assert_eq!(
        touched(&site.root.join("public")),
        [
            "lists/team/index.html",
            "lists/team/team.md",
            "search-index.json",
            // The offline copy's version follows the site's content.
            "sw.js",
        ]
    );
    // The same bytes as a build from nothing.
    let fresh = tempfile::tempdir().unwrap();
    site.run(&[
        "build",
        "--output",
        fresh.path().join("out").to_str().unwrap(),
    ])
    .success();
    assert_eq!(site.tree("public"), read_tree(&fresh.path().join("out")));
}

#[test]
fn a_page_that_is_gone_leaves_with_its_folder() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    assert!(site.root.join("public/lists/team/index.html").exists());
    std::fs::remove_file(site.root.join("content/lists/team.md")).unwrap();
    std::fs::remove_file(site.root.join("content/lists/team.nl.md")).unwrap();
    let run = site.run(&["build"]);
    run.success();
    assert!(!site.root.join("public/lists/team").exists());
    assert!(!site.root.join("public/nl/lists/team").exists());
    let manifest = site.read("public/.toolkit-manifest");
    assert!(!manifest.contains("lists/team/"), "{manifest}");
    assert!(
        run.stderr.contains(" removed (1 warning)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_build_stopped_half_way_leaves_whole_files_and_the_next_build_completes_it() {
    let site = Site::fixture("checklists");
    site.run(&["build"]).success();
    let old = site.tree("public");
    for page in ["start", "team"] {
        for suffix in ["md", "nl.md"] {
            let path = format!("content/lists/{page}.{suffix}");
            let text = site.read(&path);
            site.write(&path, &text.replacen("+++\n\n", "+++\n\nChanged.\n\n", 1));
        }
    }
    let fresh = tempfile::tempdir().unwrap();
    let new_output = fresh.path().join("out");
    site.run(&["build", "--output", new_output.to_str().unwrap()])
        .success();
    let new = read_tree(&new_output);

    // The process ends abruptly once the third changed file is in place, as a killed build
    // would.
    let stopped = toolkit()
        .arg("build")
        .current_dir(&site.root)
        .env("TOOLKIT_TEST_STOP_AFTER_WRITES", "3")
        .output()
        .unwrap();
    assert_eq!(stopped.status.code(), Some(137));
    let half = site.tree("public");
    let whole = |name: &String, bytes: &Vec<u8>| {
        old.get(name) == Some(bytes) || new.get(name) == Some(bytes)
    };
    assert!(
        half.iter()
            .all(|(name, bytes)| name == ".toolkit-manifest" || whole(name, bytes))
    );
    let changed_now: Vec<_> = half
        .iter()
        .filter(|(name, bytes)| old.get(*name) != Some(*bytes) && *name != ".toolkit-manifest")
        .collect();
    // Files are written from every core: another may have finished one more meanwhile.
    assert!(changed_now.len() >= 3, "three files had been replaced");
    assert_ne!(half, new, "the build was stopped before it finished");
    let manifest = site.read("public/.toolkit-manifest");
    for name in half.keys().filter(|n| *n != ".toolkit-manifest") {
        assert!(manifest.lines().any(|l| l == name), "{name} is listed");
    }

    let run = site.run(&["build"]);
    run.success();
    assert_eq!(
        site.tree("public").into_iter().collect::<BTreeMap<_, _>>(),
        new
    );
    let beside: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert_eq!(
        beside,
        Vec::<String>::new(),
        "the staging folder was tidied"
    );
}
