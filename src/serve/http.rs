//! What the server answers, from the build in memory: files, redirects, the 404 page, the error
//! page while nothing has built yet, and the event stream that tells pages to reload. The
//! connections themselves are `server`'s.

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};

use super::Shared;
use super::inject::{self, EVENTS_PATH};
use super::request::Request;
use super::response::Response;
use super::route::{Route, content_type, resolve};

/// How many ports after a busy one are tried.
const PORTS_TO_TRY: u16 = 20;

/// A listening socket, and whether it had to move off the port asked for.
pub struct Listening {
    pub listener: TcpListener,
    pub address: SocketAddr,
    pub moved_from: Option<u16>,
}

/// Listens on `ip:port`; when that port is busy, on the next free one (port 0: any free port).
pub fn listen(ip: IpAddr, port: u16) -> io::Result<Listening> {
    let mut last_error = None;
    let tries = if port == 0 { 1 } else { PORTS_TO_TRY };
    for offset in 0..tries {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind((ip, candidate)) {
            Ok(listener) => {
                let address = listener.local_addr()?;
                return Ok(Listening {
                    listener,
                    address,
                    moved_from: (offset > 0).then_some(port),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrInUse)))
}

/// What a request gets.
#[derive(Debug)]
pub enum Answer {
    Response(Response),
    /// The event stream that announces builds (`server` keeps it open).
    Events,
}

/// The answer to `request` from the build being served.
pub fn answer(request: &Request, shared: &Shared) -> Answer {
    let path = request.target.split('?').next().unwrap_or("");
    let asset = match path {
        inject::SCRIPT_PATH => Some(("text/javascript; charset=utf-8", inject::SCRIPT)),
        inject::STYLE_PATH => Some(("text/css; charset=utf-8", inject::STYLE)),
        _ => None,
    };
    if let Some((kind, text)) = asset
        && matches!(request.method.as_str(), "GET" | "HEAD")
    {
        return Answer::Response(Response::new(200, kind, text.as_bytes().to_vec()));
    }
    if path == EVENTS_PATH {
        return match request.method.as_str() {
            "GET" => Answer::Events,
            _ => Answer::Response(not_allowed("GET")),
        };
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Answer::Response(not_allowed("GET, HEAD"));
    }
    Answer::Response(file(&request.target, shared))
}

/// 405, with the methods that are allowed.
fn not_allowed(allow: &str) -> Response {
    let text = match allow {
        "GET" => "Only GET is served here.\n",
        _ => "Only GET and HEAD are served.\n",
    };
    Response::text(405, text).with_header("Allow", allow)
}

/// The file, redirect or error page for the request target `target`.
fn file(target: &str, shared: &Shared) -> Response {
    let build = shared.current();
    let (status, kind, body, location) = match &build.files {
        None => (
            500,
            "text/html; charset=utf-8".to_string(),
            inject::error_page(&build.id, &build.errors),
            None,
        ),
        Some(files) => {
            let read = |key: &str| shared.read(files, key);
            let not_found = || match read("404.html") {
                Some(bytes) => (404, content_type("404.html"), bytes, None),
                None => (
                    404,
                    "text/plain; charset=utf-8".to_string(),
                    b"Not found\n".to_vec(),
                    None,
                ),
            };
            match resolve(target, &build.base_path, |p| files.contains(p)) {
                Route::Redirect(location) => (
                    301,
                    "text/plain; charset=utf-8".to_string(),
                    b"Moved\n".to_vec(),
                    Some(location),
                ),
                Route::File(key) => match read(&key) {
                    Some(bytes) => (200, content_type(&key), bytes, None),
                    None => not_found(),
                },
                Route::NotFound => not_found(),
            }
        }
    };
    let body = if kind.starts_with("text/html") && build.files.is_some() {
        inject::inject(&body, &build.id, &build.errors)
    } else {
        body
    };
    let response = Response::new(status, &kind, body);
    match location {
        Some(location) => response.with_header("Location", location),
        None => response,
    }
}

/// The head of the event stream and its first event, `build_id`.
pub fn events_head(build_id: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: close\r\n\r\nretry: 500\n\n{}",
        event(build_id)
    )
}

/// The event that announces build `id`.
pub fn event(id: &str) -> String {
    format!("event: build\ndata: {id}\n\n")
}

/// What an event stream sends while nothing happens, so that closed pages are noticed.
pub const EVENTS_KEEP_ALIVE: &str = ": keep-alive\n\n";
