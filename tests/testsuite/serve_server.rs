//! A running `toolkit serve --watch` for tests: started on a free port, its log collected, its
//! answers read over HTTP, killed when dropped; and a small site to serve. Shared by the serve
//! tests of both test targets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Site, toolkit};

/// Long enough for a rebuild on a busy two-core machine running the other tests in parallel.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Calls `attempt` every `pause` until it gives `Ok`; after [`DEADLINE`], fails with the last
/// `Err` it gave.
#[track_caller]
pub fn eventually<T>(pause: Duration, mut attempt: impl FnMut() -> Result<T, String>) -> T {
    let started = Instant::now();
    loop {
        match attempt() {
            Ok(done) => return done,
            Err(why) => assert!(started.elapsed() < DEADLINE, "{why}"),
        }
        thread::sleep(pause);
    }
}
pub const START: &str = "<!--toolkit-serve-->";
pub const END: &str = "<!--/toolkit-serve-->";

/// A running `toolkit serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `toolkit serve --watch --port 0 ARGS` in `site` and waits for "Serving http://…".
    pub fn start(site: &Site, args: &[&str]) -> Server {
        Server::start_with(site, args, &[])
    }

    /// Like [`Server::start`], with environment variables.
    pub fn start_with(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Server::command(site, args);
        command.envs(env.iter().copied());
        Server::spawn(command)
    }

    /// The command that [`Server::start`] runs, to be changed before [`Server::spawn`].
    pub fn command(site: &Site, args: &[&str]) -> Command {
        let mut command = toolkit();
        command
            .args(["serve", "--watch", "--port", "0"])
            .args(args)
            .current_dir(&site.root);
        command
    }

    /// Runs `command` (from [`Server::command`]) and waits for "Serving http://…".
    pub fn spawn(mut command: Command) -> Server {
        let mut child = command
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
        let log = server.wait_log("the Serving line", |log| log.contains("Serving http://"));
        let rest = &log[log.find("Serving http://127.0.0.1:").unwrap() + 25..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        server.port = digits.parse().unwrap();
        server
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    #[track_caller]
    pub fn wait_log(&mut self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let log = self.log();
            if done(&log) {
                return log;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("toolkit serve ended ({status}) before {what}:\n{log}");
            }
            assert!(
                started.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}:\n{log}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn request(&self, raw: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    pub fn get(&self, path: &str) -> Response {
        self.request(&format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"))
    }

    /// GETs `path` until `done` holds for the response; panics after the deadline.
    #[track_caller]
    pub fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(path);
            if done(&response) {
                return response;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path}: no {what} within {DEADLINE:?}; last answer {} {}\nlog:\n{}",
                response.status,
                response.text(),
                self.log()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn parse(bytes: &[u8]) -> Response {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(bytes)));
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Response {
            status,
            head,
            body: bytes[split + 4..].to_vec(),
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

/// The page without what `serve` added.
pub fn strip_injected(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    match (text.find(START), text.find(END)) {
        (Some(a), Some(b)) => {
            let mut out = body[..a].to_vec();
            out.extend_from_slice(&body[b + END.len()..]);
            out
        }
        _ => body.to_vec(),
    }
}

/// A small site under `/sub/` on the default theme.
pub fn small_site() -> Site {
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
    site.write("content/sec/_index.md", "+++\ntitle = \"Section\"\n+++\n");
    site.write("content/sec/c.md", "+++\ntitle = \"C\"\n+++\nSee C.\n");
    site.write("static/files/form.txt", "a form\n");
    site.write("static/files/data.csv", "a,b\n1,2\n");
    site.write("static/files/notes.md", "# notes\n");
    site.write("static/files/cal.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
    site.write("static/img/p.png", "\u{89}PNG");
    site
}
