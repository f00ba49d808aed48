//! Answering HTTP requests from the build in memory: files, redirects, the 404 page, the error
//! page while nothing has built yet, and the event stream that tells pages to reload.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::Shared;
use super::inject::{self, EVENTS_PATH};
use super::route::{Route, content_type, resolve};

/// How often an idle event stream sends a comment, so that closed pages are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
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

/// Serves requests on `listener` from worker threads; returns once they are started.
pub fn start(listener: TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    // Connections accepted from the listener inherit TCP_NODELAY. Without it, a response's
    // head and body go out in two writes and every keep-alive request waits for the client's
    // delayed acknowledgement (about 40 ms).
    socket2::SockRef::from(&listener).set_tcp_nodelay(true)?;
    let server = Server::from_listener(listener, None).map_err(io::Error::other)?;
    let server = Arc::new(server);
    let workers = thread::available_parallelism().map_or(4, |n| n.get().clamp(4, 16));
    for _ in 0..workers {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(request: Request, shared: &Arc<Shared>) {
    let path = request.url().split('?').next().unwrap_or("");
    if path == EVENTS_PATH {
        let shared = Arc::clone(shared);
        thread::spawn(move || events(request, &shared));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = Response::from_string("Only GET and HEAD are served.\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"))
            .with_header(header("Content-Type", "text/plain; charset=utf-8"));
        let _ = request.respond(response);
        return;
    }
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
            match resolve(request.url(), &build.base_path, |p| files.contains(p)) {
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
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", &kind))
        .with_header(header("Cache-Control", "no-store"));
    if let Some(location) = location {
        response = response.with_header(header("Location", &location));
    }
    let _ = request.respond(response);
}

/// A Server-Sent Events stream: the current build's id at once, then each new one.
fn events(request: Request, shared: &Shared) {
    let (sender, builds) = channel();
    let first = shared.current().id.clone();
    shared.listen(sender);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if send(&mut writer, head).is_err() || send(&mut writer, &event(&first)).is_err() {
        return;
    }
    loop {
        let text = match builds.recv_timeout(KEEP_ALIVE) {
            Ok(id) => event(&id),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&mut writer, &text).is_err() {
            return;
        }
    }
}

fn event(id: &str) -> String {
    format!("event: build\ndata: {id}\n\n")
}

fn send(writer: &mut Box<dyn Write + Send>, text: &str) -> io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}
