//! `toolkit serve` under clients that misbehave: requests that once panicked it, running out of
//! descriptors, a client that never reads, oversized and malformed request heads, too many event
//! streams. After each, the server still answers. Every loop is bounded and every wait has a
//! deadline.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::unix::process::CommandExt;
use std::thread;
use std::time::Duration;

use crate::harness::Site;
use crate::serve::{DEADLINE, Response, Server, eventually, small_site};

/// Connects to the server with the deadline as read and write timeout.
fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.set_write_timeout(Some(DEADLINE)).unwrap();
    stream
}

/// Reads one response whose body has a `Content-Length` (keep-alive connections).
fn read_one(stream: &mut TcpStream) -> Response {
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1, "closed inside a head");
        bytes.push(byte[0]);
    }
    let mut response = Response::parse(&bytes);
    let length: usize = response
        .header("Content-Length")
        .expect("Content-Length")
        .parse()
        .unwrap();
    response.body = vec![0; length];
    stream.read_exact(&mut response.body).unwrap();
    response
}

/// Everything the server sends until it closes the connection; a reset after the answer (the
/// server stops reading a client that goes on sending) ends it as well.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return bytes,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::ConnectionReset && !bytes.is_empty() => {
                return bytes;
            }
            Err(e) => panic!("{e} after {:?}", String::from_utf8_lossy(&bytes)),
        }
    }
}

/// A GET that may fail, for waiting until the server answers again.
fn try_get(server: &Server, path: &str) -> Result<Response, String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", server.port)).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\n\r\n").as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .map_err(|e| format!("read: {e}"))?;
    if bytes.is_empty() {
        return Err("no answer".to_string());
    }
    Ok(Response::parse(&bytes))
}

#[track_caller]
fn assert_alive(server: &mut Server) {
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "toolkit serve ended:\n{}",
        server.log()
    );
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

/// A base path with `é`: the redirect from `/café` to `/café/` once panicked a worker per
/// request, until none was left.
#[test]
fn a_non_ascii_base_path_redirects_with_an_encoded_location() {
    let site = small_site();
    site.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/café/\"\n",
    );
    let mut server = Server::start(&site, &[]);
    for _ in 0..5 {
        let redirect = server.get("/caf%C3%A9");
        assert_eq!(redirect.status, 301, "{}", server.log());
        assert_eq!(redirect.header("Location").as_deref(), Some("/caf%C3%A9/"));
    }
    let redirect = server.get("/caf%C3%A9/x?a=%22b%22");
    assert_eq!(
        redirect.header("Location").as_deref(),
        Some("/caf%C3%A9/x/?a=%22b%22")
    );
    let home = server.get("/caf%C3%A9/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Welcome."));
    assert_alive(&mut server);
}

/// With 64 descriptors (and with 20, where accepting itself fails), a burst of connections
/// neither stops the server nor leaves it refusing connections once the burst is over.
#[test]
fn running_out_of_descriptors_does_not_stop_the_server() {
    for limit in [64, 20] {
        let site = small_site();
        let mut command = Server::command(&site, &[]);
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(move || {
                let limits = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limits) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let mut server = Server::spawn(command);
        let mut burst = Vec::new();
        for _ in 0..100 {
            match TcpStream::connect_timeout(
                &([127, 0, 0, 1], server.port).into(),
                Duration::from_secs(2),
            ) {
                Ok(stream) => burst.push(stream),
                Err(_) => break,
            }
        }
        // Some of them ask for a page, as browsers do.
        for stream in burst.iter_mut().step_by(3) {
            let _ = stream.write_all(b"GET /sub/ HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        thread::sleep(Duration::from_millis(500));
        drop(burst);
        let home = eventually(Duration::from_millis(100), || {
            try_get(&server, "/sub/").and_then(|r| match r.status {
                200 => Ok(r),
                other => Err(format!("HTTP {other}")),
            })
        });
        assert!(home.text().contains("Welcome."));
        assert_alive(&mut server);
        if limit == 20 {
            assert!(
                server.log().contains(
                    "warning: cannot accept connections: Too many open files (os error 24); \
                     trying again as connections close\n  \
                     hint: close some connections or raise the limit (`ulimit -n`)"
                ),
                "{}",
                server.log()
            );
        }
    }
}

/// One client pipelines requests for a large file and never reads: the others are answered.
#[test]
fn a_client_that_never_reads_does_not_block_the_others() {
    let site = small_site();
    site.write(
        "static/files/big.txt",
        &"0123456789abcdef".repeat(64 * 1024),
    );
    let mut server = Server::start(&site, &[]);
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(1024).unwrap();
    socket
        .connect(&std::net::SocketAddr::from(([127, 0, 0, 1], server.port)).into())
        .unwrap();
    let stuck: TcpStream = socket.into();
    stuck
        .set_write_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let request = b"GET /sub/files/big.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    for _ in 0..200 {
        // The server stops reading once it cannot write; then this times out.
        if (&stuck).write_all(request).is_err() {
            break;
        }
    }
    for _ in 0..10 {
        let page = server.get("/sub/x/");
        assert_eq!(page.status, 200);
        assert!(page.text().contains("The first version."));
    }
    drop(stuck);
    assert_alive(&mut server);
}

/// A head past 64 KiB gets 431 and a closed connection; the server reads no more of it than the
/// limit, so 8 MiB of header leave its memory as it was.
#[test]
fn request_heads_over_the_limit_get_431_and_cost_no_memory() {
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    // Within the limit: answered.
    let cookie = "c".repeat(60 * 1024);
    let fine = server.request(&format!(
        "GET /sub/ HTTP/1.0\r\nCookie: {cookie}\r\nX-Many: 1\r\n\r\n"
    ));
    assert_eq!(fine.status, 200);

    let rss = || -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            .unwrap_or(0)
    };
    let before = rss();
    let mut stream = connect(&server);
    let mut writer = stream.try_clone().unwrap();
    let sender = thread::spawn(move || {
        writer
            .write_all(b"GET /sub/ HTTP/1.1\r\nHost: x\r\nX-Big: ")
            .unwrap();
        let mebibyte = vec![b'a'; 1 << 20];
        for _ in 0..8 {
            // The server closes the connection at some point: the rest is refused.
            if writer.write_all(&mebibyte).is_err() {
                break;
            }
        }
    });
    let answer = read_until_closed(&mut stream);
    let after = rss();
    sender.join().unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{text}"
    );
    assert!(text.contains("\r\nConnection: close\r\n"), "{text}");
    assert!(
        text.ends_with("The request line and headers are longer than 64 KiB.\n"),
        "{text}"
    );
    assert!(
        after < before + 4 * 1024,
        "memory grew from {before} kB to {after} kB"
    );
    assert_eq!(server.get("/sub/").status, 200);
    assert_alive(&mut server);
}

/// Request lines that are not HTTP/1.x get 400 and a closed connection; the event stream
/// answers GET only.
#[test]
fn malformed_requests_get_400_and_the_event_stream_only_get() {
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    for raw in [
        &b"GET /sub/ HTTP/1.1\n\n"[..],
        b"GET /sub/ HTTP/1.1\nHost: x\n\n",
        b"GET /sub/caf\xc3\xa9 HTTP/1.1\r\n\r\n",
        b"GET /sub/ HTTP/2.0\r\n\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n",
        b"GET\r\n\r\n",
    ] {
        let mut stream = connect(&server);
        stream.write_all(raw).unwrap();
        let answer = read_until_closed(&mut stream);
        let response = Response::parse(&answer);
        assert_eq!(
            response.status,
            400,
            "{:?}: {}",
            String::from_utf8_lossy(raw),
            response.head
        );
        assert_eq!(response.header("Connection").as_deref(), Some("close"));
    }
    for method in ["POST", "HEAD", "PUT"] {
        let response = server.request(&format!(
            "{method} /__toolkit/events HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("Allow").as_deref(), Some("GET"), "{method}");
    }
    let post = server.request("POST /sub/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow").as_deref(), Some("GET, HEAD"));
    assert_eq!(server.get("/sub/").status, 200);
    assert_alive(&mut server);
}

/// At most 64 event streams are open at once; the next gets 503, and a closed one makes room.
#[test]
fn event_streams_are_bounded() {
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    let open = |server: &Server| {
        let mut stream = connect(server);
        stream
            .write_all(b"GET /__toolkit/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).unwrap();
        (stream, String::from_utf8_lossy(&head).into_owned())
    };
    let mut streams = Vec::new();
    for n in 0..64 {
        let (stream, status) = open(&server);
        assert_eq!(status, "HTTP/1.1 200", "stream {n}");
        streams.push(stream);
    }
    let (_, status) = open(&server);
    assert_eq!(status, "HTTP/1.1 503");
    assert_eq!(server.get("/sub/").status, 200, "pages are still served");
    let closed = streams.pop().unwrap();
    closed.shutdown(Shutdown::Both).unwrap();
    drop(closed);
    eventually(Duration::from_millis(50), || match open(&server) {
        (stream, status) if status == "HTTP/1.1 200" => {
            streams.push(stream);
            Ok(())
        }
        (_, status) => Err(status),
    });
    assert_alive(&mut server);
}

/// Keep-alive: several requests on one connection, HEAD with the length but no body; slow
/// clients that send half a head do not hold up the others.
#[test]
fn keep_alive_head_and_slow_clients() {
    let site = small_site();
    let mut server = Server::start(&site, &[]);
    let slow: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = connect(&server);
            stream.write_all(b"GET /sub/ HTTP/1.1\r\nHo").unwrap();
            stream
        })
        .collect();
    let mut stream = connect(&server);
    for path in ["/sub/", "/sub/x/", "/sub/files/form.txt", "/sub/x"] {
        stream
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
            .unwrap();
        let response = read_one(&mut stream);
        assert!(matches!(response.status, 200 | 301), "{path}");
        assert_eq!(response.header("Connection"), None, "{path}");
    }
    stream
        .write_all(b"HEAD /sub/files/form.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1);
        bytes.push(byte[0]);
    }
    let head = Response::parse(&bytes);
    assert_eq!(head.header("Content-Length").as_deref(), Some("7"));
    // No body: the next answer follows the head at once.
    stream
        .write_all(b"GET /sub/files/form.txt HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let last = read_until_closed(&mut stream);
    let last = Response::parse(&last);
    assert_eq!(last.text(), "a form\n");
    assert_eq!(last.header("Connection").as_deref(), Some("close"));
    drop(slow);
    assert_alive(&mut server);
}

/// `::ffff:127.0.0.1` is the loopback address written as IPv6: no warning.
#[test]
fn an_ipv4_mapped_loopback_address_is_loopback() {
    let site: Site = small_site();
    let mut server = Server::start(&site, &["--bind", "::ffff:127.0.0.1"]);
    assert!(!server.log().contains("warning"), "{}", server.log());
    assert_eq!(server.get("/sub/").status, 200);
    assert_alive(&mut server);
}
