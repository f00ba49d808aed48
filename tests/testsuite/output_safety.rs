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

/// The names of the entries of the folder that holds the site (where staging folders go).
fn beside_the_output(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_manifest_entry_outside_the_output_is_refused_and_nothing_is_deleted() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    let outside = site.root.parent().unwrap().join("notes.txt");
    std::fs::write(&outside, "my notes").unwrap();
    for entry in [
        "../site.toml".to_string(),
        "../../notes.txt".to_string(),
        outside.display().to_string(),
        "about/../../site.toml".to_string(),
    ] {
        let manifest = site.read("public/.toolkit-manifest");
        let lines = manifest.lines().count();
        site.write("public/.toolkit-manifest", &format!("{manifest}{entry}\n"));
        let before = site.tree("public");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 3, "{entry}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "public/.toolkit-manifest:{}:1: error: the manifest lists `{entry}`, which is not a file inside the output folder; nothing was changed\n  hint: toolkit deletes only files inside its output folder; the manifest was changed by someone else. Check the folder, then delete it yourself if you no longer need it\n",
                lines + 1
            )
        );
        assert!(site.root.join("site.toml").exists(), "{entry}");
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "my notes");
        assert_eq!(site.tree("public"), before);
        site.write("public/.toolkit-manifest", &manifest);
    }
    site.run(&["build"]).success();
}

#[test]
fn a_link_inside_the_output_is_never_followed_when_old_files_are_deleted() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    let elsewhere = site.root.parent().unwrap().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("index.html"), "mine").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join("public/linked")).unwrap();
    let manifest = site.read("public/.toolkit-manifest");
    site.write(
        "public/.toolkit-manifest",
        &format!("{manifest}linked\nlinked/index.html\n"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: public holds a link, public/linked, and toolkit never replaces a folder with links in it; nothing was changed\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("index.html")).unwrap(),
        "mine"
    );
}

#[test]
fn output_paths_are_normalised_before_they_are_checked() {
    let site = Site::fixture("hosting");
    let content = site.tree("content");
    for output in [
        "nothing-here/../content",
        "a/b/../../static/x",
        "public/../.",
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 3, "{output}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "error: the output folder {output} would overwrite the site's own files; nothing was changed\n"
            )),
            "{}",
            run.stderr
        );
    }
    // The same through site.toml.
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{config}output_dir = \"nothing-here/../content\"\n"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    site.write("site.toml", &config);
    assert_eq!(site.tree("content"), content);
    assert_eq!(beside_the_output(&site), ["content", "site.toml", "static"]);

    // A user's folder beside the site, reached through a folder that does not exist.
    let docs = site.root.parent().unwrap().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("thesis.txt"), "thesis").unwrap();
    let run = site.run(&["build", "--output", "nope/../../docs"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: nope/../../docs holds files that toolkit did not write, such as nope/../../docs/thesis.txt; nothing was changed\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("thesis.txt")).unwrap(),
        "thesis"
    );
    assert!(!site.root.join("nope").exists());
    // `./public/./` is just public/.
    site.run(&["build", "--output", "./public/./"]).success();
    assert!(site.root.join("public/index.html").exists());
}

#[test]
fn an_interrupted_builds_staging_folder_is_removed_by_the_next_build() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    // What a build stopped while writing leaves: a marked staging folder, its process gone.
    site.write(".public.new-AbC123/.toolkit-staging", "999999999");
    site.write(".public.new-AbC123/index.html", "half");
    // And one stopped after setting the old output aside: a complete output with its manifest.
    site.write(
        ".public.old-999999999-0/.toolkit-manifest",
        "# header\nindex.html\n",
    );
    site.write(".public.old-999999999-0/index.html", "old");
    // A folder of the same shape that is not toolkit's is left alone, with a warning.
    site.write(".public.old-999999998-0/thesis.txt", "mine");
    let run = site.run(&["build"]);
    run.success();
    assert_eq!(
        beside_the_output(&site),
        [
            ".public.old-999999998-0",
            "content",
            "public",
            "site.toml",
            "static"
        ]
    );
    assert!(
        run.stderr.contains(
            ".public.old-999999998-0 was left by an interrupted build and could not be removed: "
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.read(".public.old-999999998-0/thesis.txt"), "mine");
}

#[test]
fn a_missing_output_is_put_back_from_where_an_interrupted_build_set_it_aside() {
    let site = Site::fixture("hosting");
    site.run(&["build"]).success();
    std::fs::rename(
        site.root.join("public"),
        site.root.join(".public.old-999999999-0"),
    )
    .unwrap();
    // A check does not touch it; the next build puts it back, then replaces it as usual.
    site.run(&["check"]).success();
    assert!(site.root.join(".public.old-999999999-0").exists());
    let run = site.run(&["build"]);
    run.success();
    assert!(
        run.stderr.contains(
            "was missing after an interrupted build; the previous output was put back from"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        beside_the_output(&site),
        ["content", "public", "site.toml", "static"]
    );
    assert!(site.root.join("public/index.html").exists());
}

/// Runs `toolkit build` in `root`; as an unprivileged user when the tests run as root (root
/// may write anywhere, so permissions would not stop it).
fn build_as_user(dir: &std::path::Path, root: &std::path::Path) -> std::process::Output {
    let as_nobody = unsafe { libc::geteuid() } == 0;
    let mut command = if as_nobody {
        for entry in walkdir::WalkDir::new(dir) {
            let path = entry.unwrap().into_path();
            std::os::unix::fs::lchown(&path, Some(65534), Some(65534)).unwrap();
        }
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_toolkit"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_toolkit"))
    };
    command
        .arg("build")
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn hosting_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::harness::copy_tree(
        &crate::harness::fixtures().join("hosting"),
        &root,
        &["expected"],
    );
    (dir, root)
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_file_of_the_previous_build_that_cannot_be_removed_is_reported_and_removed_later() {
    let (dir, root) = hosting_copy();
    assert!(build_as_user(dir.path(), &root).status.success());
    std::fs::remove_file(root.join("content/about.md")).unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"Home\"\n+++\nHello.\n",
    )
    .unwrap();
    set_mode(&root.join("public/about"), 0o555);
    let run = build_as_user(dir.path(), &root);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: a file of the previous build could not be removed and stayed: public/about/index.html: Permission denied"
        ),
        "{stderr}"
    );
    let manifest = std::fs::read_to_string(root.join("public/.toolkit-manifest")).unwrap();
    assert!(
        manifest.lines().any(|l| l == "about/index.html"),
        "{manifest}"
    );
    // Once it may, the next build removes it.
    set_mode(&root.join("public/about"), 0o755);
    let run = build_as_user(dir.path(), &root);
    assert!(run.status.success());
    assert!(!root.join("public/about").exists());
}

#[test]
fn a_file_that_cannot_be_written_stops_the_build_and_the_next_build_completes_it() {
    let (dir, root) = hosting_copy();
    assert!(build_as_user(dir.path(), &root).status.success());
    std::fs::write(
        root.join("content/about.md"),
        "+++\ntitle = \"About\"\n+++\nMore.\n",
    )
    .unwrap();
    set_mode(&root.join("public/about"), 0o555);
    let run = build_as_user(dir.path(), &root);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(
            "error: cannot write public/about/index.html: Permission denied; the output is partly updated: every file in it is whole, old or new\n  hint: check the folder's permissions and free disk space, then build again: the next build completes the update\n"
        ),
        "{stderr}"
    );
    assert!(
        !read_dir_names(&root)
            .iter()
            .any(|n| n.starts_with(".public"))
    );
    set_mode(&root.join("public/about"), 0o755);
    assert!(build_as_user(dir.path(), &root).status.success());
    assert!(
        std::fs::read_to_string(root.join("public/about/index.html"))
            .unwrap()
            .contains("More.")
    );
}

fn read_dir_names(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}
