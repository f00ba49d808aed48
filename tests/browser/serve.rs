//! `toolkit serve --watch` in a real browser (`tests/browser/serve-reload.mjs`): a saved edit
//! reloads the open page, a broken edit shows the errors over the last good page, and the fix
//! takes them away.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Site, toolkit};
use crate::tools::{browser_script, node_checks};

/// Long enough for a build on a busy two-core machine running the other tests in parallel.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `toolkit serve --watch` on a free port, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `toolkit serve --watch --port 0` in `site` and waits for "Serving http://…".
    fn start(site: &Site) -> Server {
        let mut child = toolkit()
            .args(["serve", "--watch", "--port", "0"])
            .current_dir(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        let started = Instant::now();
        server.port = loop {
            let log = server.log();
            if let Some(at) = log.find("Serving http://127.0.0.1:") {
                let digits: String = log[at + 25..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                break digits.parse().unwrap();
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("toolkit serve ended ({status}) before it served:\n{log}");
            }
            assert!(
                started.elapsed() < DEADLINE,
                "toolkit serve did not serve within {DEADLINE:?}:\n{log}"
            );
            thread::sleep(Duration::from_millis(20));
        };
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What an author sees in a real browser: a saved edit reloads the open page; a broken edit
/// shows the errors over the last good page; the fix takes them away.
#[test]
fn the_browser_reloads_and_shows_errors_over_the_last_good_page() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
    );
    site.write(
        "content/x.md",
        "+++\ntitle = \"X\"\n+++\nThe first version.\n",
    );
    let server = Server::start(&site);
    let mut command = browser_script("serve-reload.mjs");
    command
        .arg(format!("http://127.0.0.1:{}/sub/x/", server.port))
        .arg(site.root.join("content/x.md"));
    node_checks(command, "serve-reload.mjs", || {
        format!("\nserver log:\n{}", server.log())
    });
}
