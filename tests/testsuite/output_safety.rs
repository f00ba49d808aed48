//! Nothing lost: a failed build leaves the previous output as it was, and toolkit replaces only
//! an output folder it wrote, deleting only files it wrote.

use crate::harness::Site;

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    let before = site.tree("public");
    // Break the site: the next build fails and must not touch public/.
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\nweight = = 1\n+++\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/about.md:3:10: error: invalid TOML"),
        "{}",
        run.stderr
    );
    assert_eq!(site.tree("public"), before);
    // No staging folder is left beside it.
    let names: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".public")), "{names:?}");
}

#[test]
fn rebuild_replaces_own_output_and_drops_stale_pages() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    assert!(site.root.join("public/about/index.html").exists());
    std::fs::remove_file(site.root.join("content/about.md")).unwrap();
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nNo links.\n",
    );
    site.run(&["build"]).success();
    assert!(!site.root.join("public/about").exists());
    assert!(site.root.join("public/index.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = Site::fixture("hosting");
    site.write("public/notes.txt", "my notes");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "error: public holds files that toolkit did not write, such as public/notes.txt; nothing was changed\n  hint: toolkit only replaces a folder it made; move those files elsewhere, or choose another --output\n"
    );
    assert_eq!(site.read("public/notes.txt"), "my notes");
}

#[test]
fn refuses_when_a_foreign_file_was_added_to_its_output() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    let before = site.tree("public");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("such as public/.git/HEAD"),
        "{}",
        run.stderr
    );
    assert_eq!(site.tree("public"), before);
}

#[test]
fn refuses_output_that_is_the_site_or_a_source_folder() {
    let site = Site::fixture("hosting");
    for (output, what) in [
        (".", "the site folder itself"),
        (
            "content",
            "content/, themes/, static/, templates/, i18n/ or a folder inside them",
        ),
        (
            "static",
            "content/, themes/, static/, templates/, i18n/ or a folder inside them",
        ),
        ("..", "a folder that holds the site"),
    ] {
        let before = site.tree("content");
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 3, "{output}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: the output folder {output} would overwrite the site's own files; nothing was changed\n  hint: choose another output_dir in site.toml or --output: it may not be {what}\n"
            )
        );
        assert_eq!(site.tree("content"), before);
    }
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = Site::fixture("hosting");
    site.run(&["build", "--output", "elsewhere/out"]).success();
    assert!(site.root.join("elsewhere/out/index.html").exists());
    assert!(!site.root.join("public").exists());
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("hosting");
    let run = site.run(&["check"]);
    run.success();
    assert!(
        run.stderr.starts_with("Checked 2 pages in 1 language in "),
        "{}",
        run.stderr
    );
    assert!(!site.root.join("public").exists());
}
