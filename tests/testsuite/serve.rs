//! `toolkit serve --watch`: the real server on a free port, driven over HTTP while the test edits
//! the site the way editors do. Every wait has a deadline.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Site, read_tree, toolkit};
pub use crate::serve_server::*;

#[test]
fn serves_the_site_under_its_base_path() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    assert!(
        server
            .log()
            .contains(&format!("Serving http://127.0.0.1:{}/sub/", server.port)),
        "{}",
        server.log()
    );
    let home = server.get("/sub/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Welcome."));
    assert!(home.text().contains(START), "reload script injected");
    assert_eq!(home.header("Cache-Control").as_deref(), Some("no-store"));
    assert!(
        home.text()
            .contains(&format!("http://127.0.0.1:{}/sub/", server.port)),
        "base URL is the local address"
    );

    let redirect = server.get("/sub/x");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location").as_deref(), Some("/sub/x/"));
    assert_eq!(
        server.get("/sub").header("Location").as_deref(),
        Some("/sub/")
    );
    assert!(server.get("/sub/x/").text().contains("The first version."));
    assert_eq!(server.get("/sub/x/index.html").status, 200);

    let missing = server.get("/sub/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found"),
        "{}",
        missing.text()
    );
    assert_eq!(server.get("/elsewhere/").status, 404);

    let head = server.request("HEAD /sub/ HTTP/1.0\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/sub/../site.toml",
        "/sub/%2e%2e/site.toml",
        "/sub/..%2fsite.toml",
        "//etc/passwd",
        "/sub//etc/passwd",
        "/sub/%5c..%5csite.toml",
        "/sub/..\\site.toml",
        "/sub/../../../../etc/passwd",
        "/sub/static/files/form.txt",
        "/sub/content/x.md",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("base_url"), "{path}");
        assert!(!response.text().contains("root:"), "{path}");
    }
}

#[test]
fn content_types_and_many_requests_at_once() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    for (path, want) in [
        ("/sub/", "text/html; charset=utf-8"),
        ("/sub/style.css", "text/css; charset=utf-8"),
        ("/sub/sitemap.xml", "application/xml; charset=utf-8"),
        ("/sub/robots.txt", "text/plain; charset=utf-8"),
        ("/sub/files/form.txt", "text/plain; charset=utf-8"),
        ("/sub/files/data.csv", "text/csv; charset=utf-8"),
        ("/sub/files/notes.md", "text/markdown; charset=utf-8"),
        ("/sub/files/cal.ics", "text/calendar; charset=utf-8"),
        ("/sub/img/p.png", "image/png"),
        ("/sub/no-such/", "text/html; charset=utf-8"),
    ] {
        assert_eq!(
            server.get(path).header("Content-Type").as_deref(),
            Some(want),
            "{path}"
        );
    }
    assert_eq!(server.get("/sub/files/form.txt").text(), "a form\n");

    // Garbage does not stop it.
    for garbage in [
        "\x00\x01\x02 garbage\r\n\r\n",
        "GET\r\n\r\n",
        "GET / HTTP/9.9\r\nHost: \u{7f}\r\n\r\n",
        "BREW /sub/ HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let _ = stream.write_all(garbage.as_bytes());
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let _ = stream.read_to_end(&mut Vec::new());
    }
    let port = server.port;
    let workers: Vec<_> = (0..32)
        .map(|_| {
            thread::spawn(move || {
                for _ in 0..20 {
                    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    stream.set_read_timeout(Some(DEADLINE)).unwrap();
                    stream.write_all(b"GET /sub/x/ HTTP/1.0\r\n\r\n").unwrap();
                    let mut bytes = Vec::new();
                    stream.read_to_end(&mut bytes).unwrap();
                    assert_eq!(Response::parse(&bytes).status, 200);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(server.get("/sub/").status, 200);
}

#[test]
fn edits_new_deleted_and_renamed_files_are_served() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe second version.\n",
    );
    server.wait_for("/sub/x/", "edit", |r| r.text().contains("second version"));

    // Save as editors do: write a temporary file, rename it over the original.
    site.write(
        "content/x.md.tmp",
        "+++\ntitle = \"X\"\n+++\nRenamed over.\n",
    );
    std::fs::rename(
        site.root.join("content/x.md.tmp"),
        site.root.join("content/x.md"),
    )
    .unwrap();
    server.wait_for("/sub/x/", "rename-over save", |r| {
        r.text().contains("Renamed over.")
    });

    // Swap and backup files are not pages and do not break the build.
    site.write("content/.x.md.swp", "binary junk");
    site.write("content/x.md~", "old");
    site.write("content/4913", "");

    site.write(
        "content/new/deep.md",
        "+++\ntitle = \"Deep\"\n+++\nA new folder.\n",
    );
    server.wait_for("/sub/new/deep/", "new file", |r| r.status == 200);
    std::fs::rename(
        site.root.join("content/new"),
        site.root.join("content/moved"),
    )
    .unwrap();
    server.wait_for("/sub/moved/deep/", "renamed folder", |r| r.status == 200);
    assert_eq!(server.get("/sub/new/deep/").status, 404);
    std::fs::remove_file(site.root.join("content/sec/c.md")).unwrap();
    server.wait_for("/sub/sec/c/", "deleted file", |r| r.status == 404);

    site.write(
        "templates/page.html",
        "<html><body>T1 {{ page.title }}</body></html>",
    );
    server.wait_for("/sub/x/", "new template", |r| r.text().contains("T1 X"));
    site.write(
        "templates/page.html",
        "<html><body>T2 {{ page.title }}</body></html>",
    );
    server.wait_for("/sub/x/", "template edit", |r| r.text().contains("T2 X"));

    site.write(
        "site.toml",
        "title = \"Renamed site\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    server.wait_for("/sub/", "site.toml edit", |r| {
        r.text().contains("Renamed site")
    });
    let log = server.log();
    assert!(log.contains("Rebuilt in "), "{log}");
    assert!(!log.contains("error"), "{log}");
}

#[test]
fn a_broken_edit_shows_every_error_over_the_last_good_page() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    site.write("content/x.md", "+++\ntitle = \n+++\nBroken <b>.\n");
    site.write("content/sec/c.md", "+++\ntitel = \"C\"\n+++\n");
    let page = server.wait_for("/sub/x/", "overlay", |r| {
        r.text().contains("role=\"alert\"")
    });
    let text = page.text();
    assert_eq!(page.status, 200);
    assert!(
        text.contains("The first version."),
        "last good page: {text}"
    );
    assert!(text.contains("content/x.md:2:"), "{text}");
    assert!(text.contains("content/sec/c.md:2:"), "all errors: {text}");
    assert!(text.contains("2 errors"), "{text}");
    // The rest of the site stays browsable, with the overlay.
    let home = server.get("/sub/");
    assert!(home.text().contains("Welcome.") && home.text().contains("role=\"alert\""));
    server.wait_log_line("content/x.md:2:");

    site.write("content/x.md", "+++\ntitle = \"X\"\n+++\nFixed.\n");
    site.write("content/sec/c.md", "+++\ntitle = \"C\"\n+++\n");
    let fixed = server.wait_for("/sub/x/", "fix", |r| r.text().contains("Fixed."));
    assert!(!fixed.text().contains("role=\"alert\""));
}

impl Server {
    /// With `TOOLKIT_TIMINGS`, the log names each full build: there must be none.
    #[track_caller]
    fn assert_only_pages_rebuilt(&self) {
        let log = self.log();
        assert!(
            !log.contains("full build"),
            "only the edited pages are rebuilt: {log}"
        );
    }

    #[track_caller]
    fn wait_log_line(&self, needle: &str) {
        eventually(Duration::from_millis(20), || {
            let log = self.log();
            if log.contains(needle) {
                Ok(())
            } else {
                Err(format!("no {needle} in:\n{log}"))
            }
        });
    }
}

#[test]
fn a_first_build_that_fails_still_serves_the_errors() {
    let site = small_site();
    site.write("content/x.md", "+++\ntitle = \n+++\n");
    let server = Server::start(&site, &[]);
    let page = server.get("/sub/x/");
    assert_eq!(page.status, 500);
    assert!(
        page.text().contains("could not be built"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("content/x.md:2:"), "{}", page.text());
    assert!(server.log().contains("content/x.md:2:"));
    site.write("content/x.md", "+++\ntitle = \"X\"\n+++\nNow it works.\n");
    server.wait_for("/sub/x/", "first good build", |r| {
        r.status == 200 && r.text().contains("Now it works.")
    });
}

#[test]
fn the_event_stream_announces_each_build() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
        .write_all(b"GET /__toolkit/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut next_id = || {
        let mut line = String::new();
        loop {
            line.clear();
            let n = reader
                .read_line(&mut line)
                .expect("an event within the deadline");
            assert!(n > 0, "the event stream closed");
            if let Some(id) = line.strip_prefix("data: ") {
                return id.trim().to_string();
            }
        }
    };
    let first = next_id();
    site.write("content/x.md", "+++\ntitle = \"X\"\n+++\nChanged.\n");
    let second = next_id();
    assert_ne!(first, second);
    let page = server.get("/sub/x/");
    assert!(
        page.text().contains(&format!("\"{second}\"")),
        "page knows its build"
    );
}

/// After any series of edits the served site is a fresh `toolkit build`, byte for byte.
#[test]
fn random_edits_serve_what_a_fresh_build_writes() {
    let site = small_site();
    let server = Server::start(&site, &[]);
    let mut seed: u64 = 0x5eed_2026;
    let mut random = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut pages = vec!["x.md".to_string(), "sec/c.md".to_string()];
    let mut served_before: Vec<String> = Vec::new();
    for round in 0..4 {
        for step in 0..6 {
            let n = round * 10 + step;
            match random(7) {
                0 | 1 if !pages.is_empty() => {
                    let page = &pages[random(pages.len())];
                    let body = format!("+++\ntitle = \"Page {n}\"\n+++\nEdited {n}.\n");
                    let tmp = site.root.join(format!("content/{page}.tmp"));
                    std::fs::write(&tmp, body).unwrap();
                    std::fs::rename(&tmp, site.root.join(format!("content/{page}"))).unwrap();
                }
                2 => {
                    let page = format!("{}p{n}.md", ["", "sec/", "more/"][random(3)]);
                    site.write(&format!("content/{page}"), &format!("New page {n}.\n"));
                    pages.push(page);
                }
                3 if pages.len() > 1 => {
                    let page = pages.remove(random(pages.len()));
                    std::fs::remove_file(site.root.join(format!("content/{page}"))).unwrap();
                }
                4 if !pages.is_empty() => {
                    let i = random(pages.len());
                    let renamed = format!("sec/r{n}.md");
                    std::fs::rename(
                        site.root.join(format!("content/{}", pages[i])),
                        site.root.join(format!("content/{renamed}")),
                    )
                    .unwrap();
                    pages[i] = renamed;
                }
                5 => site.write("static/files/form.txt", &format!("form {n}\n")),
                _ => site.write(
                    "site.toml",
                    &format!("title = \"Site {n}\"\nbase_url = \"https://example.org/sub/\"\n"),
                ),
            }
            thread::sleep(Duration::from_millis(random(60) as u64));
        }
        let fresh = fresh_build(&server, &site);
        eventually(Duration::from_millis(50), || {
            let differing = served_differently(&server, &fresh);
            let gone: Vec<&String> = served_before
                .iter()
                .filter(|key| {
                    !fresh.contains_key(*key) && server.get(&format!("/sub/{key}")).status != 404
                })
                .collect();
            if differing.is_empty() && gone.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "round {round}: served files differ from a fresh build: {differing:?}; still served: {gone:?}\n{}",
                    server.log()
                ))
            }
        });
        served_before = fresh.keys().cloned().collect();
    }
}

#[test]
fn build_output_has_no_reload_script() {
    let site = small_site();
    site.run(&["build"]).success();
    for (name, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("toolkit-serve") && !text.contains("EventSource"),
            "{name}"
        );
    }
}

#[test]
fn ctrl_c_stops_it_and_the_output_folder_is_untouched() {
    let site = small_site();
    site.run(&["build"]).success();
    let before = site.tree("public");
    let mut server = Server::start(&site, &[]);
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nUnsaved by serve.\n",
    );
    server.wait_for("/sub/x/", "edit", |r| {
        r.text().contains("Unsaved by serve.")
    });
    assert_eq!(
        unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) },
        0
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < DEADLINE, "still running after SIGINT");
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert_eq!(site.tree("public"), before);
    assert!(
        !Path::new(&site.root.join("public/x/index.html")).exists() || {
            !site
                .read("public/x/index.html")
                .contains("Unsaved by serve.")
        }
    );
}

#[test]
fn serve_has_help_with_exit_codes() {
    let out = toolkit().args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "Exit codes:",
        "--watch",
        "--port",
        "--bind",
        "--base-url",
        "4  the address",
    ] {
        assert!(text.contains(needed), "serve --help lacks {needed}: {text}");
    }
}

/// The bundled toolkit, served as an author would: every page, asset, download and anchor the
/// pages link to is there, under the base path.
#[test]
fn bundled_toolkit_is_served_with_no_broken_link() {
    let site = Site::empty();
    let repo = crate::harness::repo_root();
    crate::harness::copy_tree(&repo.join("content"), &site.root.join("content"), &[]);
    std::fs::copy(repo.join("site.toml"), site.root.join("site.toml")).unwrap();
    let server = Server::start(&site, &[]);
    let report = crate::crawl::crawl(server.port, "/toolkit/");
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.pages >= 44, "only {} pages", report.pages);
    let pdf = server.get("/toolkit/checklists/process/process.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(
        pdf.header("Content-Type").as_deref(),
        Some("application/pdf")
    );
    assert!(pdf.body.starts_with(b"%PDF-"));
}

/// A link in the site that points outside it is refused, as by `build`: the error is shown and
/// nothing outside the site is served.
#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_served() {
    let site = small_site();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "the secret outside the site\n").unwrap();
    std::os::unix::fs::symlink(&secret, site.root.join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root.join("static/outside")).unwrap();
    let server = Server::start(&site, &[]);
    for path in ["/sub/leak.txt", "/sub/outside/secret.txt"] {
        let response = server.get(path);
        assert_ne!(response.status, 200, "{path}");
        assert!(!response.text().contains("the secret"), "{path}");
        assert!(
            response.text().contains("which is outside the site folder"),
            "{path}: {}",
            response.text()
        );
    }
}

/// Many files written at once (a `git checkout`, a search-and-replace) give one rebuild.
#[test]
fn a_burst_of_changes_gives_one_rebuild() {
    // The watcher's longest wait (`LONGEST_WAIT` in src/serve/watch.rs): a rebuild starts at the
    // latest this long after the first change, so a second rebuild for the same burst would be
    // announced before the event stream has been idle this long.
    const LONGEST_WAIT: Duration = Duration::from_secs(2);
    let debounce = toolkit::serve::watch::DEBOUNCE;
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    server.wait_log("the first build", |log| log.contains("Serving http://"));
    // The id of every build the server announces on its event stream, as it comes.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .write_all(b"GET /__toolkit/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (sender, builds) = std::sync::mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("data: ")
                && sender.send(id.trim().to_string()).is_err()
            {
                return;
            }
        }
    });
    builds
        .recv_timeout(DEADLINE)
        .expect("the event stream announces the current build");
    // On a machine so busy that the test pauses between two files for half the watcher's debounce,
    // or takes half its longest wait to write them all, the files are no burst: then the test
    // writes a new burst.
    for attempt in 0..3 {
        let before = server.log().matches("Rebuilt in").count();
        let started = Instant::now();
        let mut written = started;
        let mut longest_pause = Duration::ZERO;
        for n in 0..20 {
            site.write(
                &format!("content/sec/burst-{attempt}-{n}.md"),
                &format!("+++\ntitle = \"Burst {n}\"\n+++\nPage {n}.\n"),
            );
            longest_pause = longest_pause.max(written.elapsed());
            written = Instant::now();
        }
        let took = started.elapsed();
        let first = builds
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|e| panic!("no build after the burst ({e}):\n{}", server.log()));
        let mut ids = vec![first];
        while let Ok(id) = builds.recv_timeout(LONGEST_WAIT) {
            ids.push(id);
        }
        if longest_pause >= debounce / 2 || took >= LONGEST_WAIT / 2 {
            eprintln!(
                "attempt {attempt}: 20 files written in {took:?}, with a pause of \
                 {longest_pause:?}: not a burst, written again"
            );
            continue;
        }
        assert_eq!(ids.len(), 1, "builds {ids:?}:\n{}", server.log());
        let after = server.log().matches("Rebuilt in").count();
        assert_eq!(after - before, 1, "{}", server.log());
        for n in 0..20 {
            assert_eq!(
                server.get(&format!("/sub/sec/burst-{attempt}-{n}/")).status,
                200
            );
        }
        return;
    }
    panic!("the machine was too busy to write 20 small files in a burst three times");
}

/// Saves a page whole, as many editors do (a temporary file renamed over it), so that the
/// server never reads half of it.
fn save(site: &Site, relative: &str, text: &str) {
    let temporary = format!("{relative}.tmp");
    site.write(&temporary, text);
    std::fs::rename(site.root.join(temporary), site.root.join(relative)).unwrap();
}

/// Waits until every file a fresh `toolkit build` of the site writes is served with the same
/// bytes (without what serve adds to pages).
#[track_caller]
fn wait_until_served_as_built(server: &Server, site: &Site, what: &str) {
    let fresh = fresh_build(server, site);
    eventually(Duration::from_millis(50), || {
        let differing = served_differently(server, &fresh);
        if differing.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{what}: served files differ from a fresh build: {differing:?}\n{}",
                server.log()
            ))
        }
    });
}

/// What a fresh `toolkit build` of the site writes for the server's address, by file name.
#[track_caller]
fn fresh_build(server: &Server, site: &Site) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let base_url = format!("http://127.0.0.1:{}/sub/", server.port);
    let output = out.path().join("public");
    let built = toolkit()
        .args(["build", "--quiet", "--base-url", &base_url, "--output"])
        .arg(&output)
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut fresh = read_tree(&output);
    fresh.remove(".toolkit-manifest");
    // Only a build writes the service worker of the offline copy; serve never does.
    fresh.remove("sw.js");
    fresh
}

/// The files of a fresh build that the server does not serve with the same bytes (what serve
/// adds to pages left out).
fn served_differently<'a>(
    server: &Server,
    fresh: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    fresh
        .iter()
        .filter(|(key, want)| {
            let got = server.get(&format!("/sub/{key}"));
            got.status != 200 || strip_injected(&got.body) != **want
        })
        .map(|(key, _)| key)
        .collect()
}

/// Edits to the text of existing pages (rebuilt one page at a time) serve what a fresh build
/// writes, the search index included.
#[test]
fn an_edit_to_a_page_body_is_served() {
    let site = small_site();
    site.write(
        "content/sec/c.md",
        "+++\ntitle = \"C\"\n+++\nSee [X](../x.md#part).\n",
    );
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe first version.\n\n## Part {#part}\n",
    );
    // With timings on, serve says why it rebuilds the whole site.
    let server = Server::start_with(&site, &[], &[("TOOLKIT_TIMINGS", "1")]);
    save(
        &site,
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe second version, about kangaroos.\n\n## Part {#part}\n",
    );
    let page = server.wait_for("/sub/x/", "edit", |r| r.text().contains("second version"));
    assert!(!page.text().contains("role=\"alert\""), "{}", page.text());
    let index = server.get("/sub/search-index.json");
    assert!(index.text().contains("kangaroos"), "{}", index.text());
    wait_until_served_as_built(&server, &site, "an edit");

    // Saved twice more, and a section page.
    for n in 0..2 {
        save(
            &site,
            "content/x.md",
            &format!("+++\ntitle = \"X\"\n+++\nRenamed over {n}.\n\n## Part {{#part}}\n"),
        );
        server.wait_for("/sub/x/", "rename-over save", |r| {
            r.text().contains(&format!("Renamed over {n}."))
        });
    }
    save(
        &site,
        "content/sec/_index.md",
        "+++\ntitle = \"Section\"\n+++\nAbout the section.\n",
    );
    server.wait_for("/sub/sec/", "section edit", |r| {
        r.text().contains("About the section.")
    });
    wait_until_served_as_built(&server, &site, "more edits");
    assert!(!server.log().contains("error"), "{}", server.log());
    server.assert_only_pages_rebuilt();
}

/// An edit that removes an anchor another page links to gives the error a full build gives,
/// over the last good version of the pages.
#[test]
fn an_edit_that_removes_an_anchor_another_page_links_to_shows_the_error() {
    let site = small_site();
    site.write(
        "content/sec/c.md",
        "+++\ntitle = \"C\"\n+++\nSee [the part](../x.md#part).\n",
    );
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe first version.\n\n## Part {#part}\n",
    );
    let server = Server::start_with(&site, &[], &[("TOOLKIT_TIMINGS", "1")]);
    save(
        &site,
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe second version.\n\n## Portion\n",
    );
    let expected = site.run(&["check"]);
    assert_eq!(expected.code, 1, "{}", expected.stderr);
    let error = expected
        .stderr
        .lines()
        .find(|line| line.contains("error:"))
        .unwrap()
        .to_string();
    assert!(
        error.starts_with("content/sec/c.md:4:5: error: the link `../x.md#part` points to `#part`"),
        "{error}"
    );
    let page = server.wait_for("/sub/sec/c/", "overlay", |r| {
        r.text().contains("role=\"alert\"")
    });
    let text = page.text();
    assert!(text.contains("See <a"), "last good page: {text}");
    assert!(text.contains(&error), "{text}");
    assert!(text.contains("1 error;"), "{text}");
    let x = server.get("/sub/x/");
    assert!(
        x.text().contains("The first version.") && x.text().contains("role=\"alert\""),
        "{}",
        x.text()
    );
    server.wait_log_line(&error);

    save(
        &site,
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe third version.\n\n## Portion {#part}\n",
    );
    let fixed = server.wait_for("/sub/x/", "fix", |r| r.text().contains("third version"));
    assert!(!fixed.text().contains("role=\"alert\""), "{}", fixed.text());
    assert!(!server.get("/sub/sec/c/").text().contains("role=\"alert\""));
    wait_until_served_as_built(&server, &site, "the fix");
    server.assert_only_pages_rebuilt();
}

/// A new title shows in the navigation of the other pages (a full rebuild).
#[test]
fn an_edit_that_changes_a_title_updates_the_navigation_of_other_pages() {
    let site = small_site();
    let server = Server::start_with(&site, &[], &[("TOOLKIT_TIMINGS", "1")]);
    assert!(!server.get("/sub/sec/c/").text().contains("Xylophone"));
    site.write(
        "content/x.md",
        "+++\ntitle = \"Xylophone\"\n+++\nThe first version.\n",
    );
    server.wait_for("/sub/sec/c/", "the new title in the navigation", |r| {
        r.text().contains("Xylophone")
    });
    wait_until_served_as_built(&server, &site, "a new title");
    server.wait_log_line("full build: what other pages show of content/x.md changed");
}
