//! Reading request heads: where a head ends, whether it stays within [`MAX_HEAD`], and what it
//! asks for. Pure and unit-tested; the connection layer feeds it the bytes it has read so far.
//!
//! Strict on purpose: a request line with bytes outside printable ASCII, a line that ends in a
//! bare LF, or anything but HTTP/1.0 and HTTP/1.1 is malformed (400), never guessed at.

/// The longest request head (request line and headers, with the empty line that ends them) the
/// server reads. Browsers send one or two KiB, but every development server on `localhost`
/// shares one set of cookies, so this is four times the 16 KiB of Node.js; a longer head gets
/// `431 Request Header Fields Too Large`.
pub const MAX_HEAD: usize = 64 * 1024;

/// A well-formed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, … (case-sensitive, as sent).
    pub method: String,
    /// The request target as sent: `/sub/about/?x=1`.
    pub target: String,
    /// HTTP/1.0 is answered as HTTP/1.0 clients expect (no keep-alive unless asked for).
    pub http_1_0: bool,
    /// The connection closes after the answer (`Connection: close`; HTTP/1.0 without
    /// `Connection: keep-alive`).
    pub close: bool,
    /// A body follows the head (`Content-Length` above 0, or `Transfer-Encoding`). Bodies are never
    /// read, so such a connection is closed after the answer.
    pub has_body: bool,
    /// The length of the head in bytes, with the empty line that ends it.
    pub length: usize,
}

/// What the bytes read so far hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// The head has not ended yet and is within the limit: read more.
    Incomplete,
    Complete(Request),
    /// Not an HTTP/1.x request head: answered with 400.
    Malformed,
    /// No end within [`MAX_HEAD`] bytes: answered with 431.
    TooLarge,
}

/// Parses the request head at the start of `buffer`. `scanned` is how far earlier calls looked
/// for the head's end (start with 0); it lets a head that arrives in many small pieces be
/// scanned once, not once per piece.
pub fn parse(buffer: &[u8], scanned: &mut usize) -> Parsed {
    let end = match head_end(buffer, scanned) {
        Ok(Some(end)) => end,
        Ok(None) if buffer.len() > MAX_HEAD => return Parsed::TooLarge,
        Ok(None) => return Parsed::Incomplete,
        Err(Malformed) => return Parsed::Malformed,
    };
    if end > MAX_HEAD {
        return Parsed::TooLarge;
    }
    match parse_complete(&buffer[..end]) {
        Some(request) => Parsed::Complete(request),
        None => Parsed::Malformed,
    }
}

struct Malformed;

/// How many empty lines may come before the request line (RFC 9112, 2.2 asks for at least one).
const MAX_LEADING_EMPTY_LINES: usize = 4;

/// The end of the head (just after its empty line), looking from `scanned` on; a line that
/// ends in a bare LF makes the head malformed.
fn head_end(buffer: &[u8], scanned: &mut usize) -> Result<Option<usize>, Malformed> {
    let mut start = 0;
    while buffer[start..].starts_with(b"\r\n") {
        start += 2;
        if start > 2 * MAX_LEADING_EMPTY_LINES {
            return Err(Malformed);
        }
    }
    let limit = buffer.len().min(MAX_HEAD + 1);
    for i in (*scanned).max(start)..limit {
        if buffer[i] != b'\n' {
            continue;
        }
        if i == 0 || buffer[i - 1] != b'\r' {
            return Err(Malformed);
        }
        // `\n\r\n` after the request line: the empty line that ends the head.
        if i >= start + 2 && buffer[i - 2] == b'\n' {
            *scanned = i + 1;
            return Ok(Some(i + 1));
        }
    }
    *scanned = limit.max(*scanned);
    Ok(None)
}

/// A complete head (ending in its empty line) as a request; `None` when it is malformed.
fn parse_complete(head: &[u8]) -> Option<Request> {
    let request_line = head
        .split(|&b| b == b'\n')
        .find(|line| *line != b"\r")
        .unwrap_or_default();
    if !request_line
        .strip_suffix(b"\r")
        .unwrap_or(request_line)
        .iter()
        .all(|&b| b.is_ascii_graphic() || b == b' ')
    {
        return None;
    }
    let lines = head.iter().filter(|&&b| b == b'\n').count();
    let mut headers = vec![httparse::EMPTY_HEADER; lines];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(head) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) | Err(_) => return None,
    };
    let http_1_0 = parsed.version? == 0;
    let mut keep_alive = !http_1_0;
    let mut has_body = false;
    for header in parsed.headers.iter() {
        let value = std::str::from_utf8(header.value).ok();
        if header.name.eq_ignore_ascii_case("connection") {
            let value = value?;
            if has_token(value, "close") {
                keep_alive = false;
            } else if has_token(value, "keep-alive") {
                keep_alive = true;
            }
        } else if header.name.eq_ignore_ascii_case("content-length") {
            has_body |= value?.trim().parse::<u64>().ok()? > 0;
        } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
            has_body = true;
        }
    }
    Some(Request {
        method: parsed.method?.to_string(),
        target: parsed.path?.to_string(),
        http_1_0,
        close: !keep_alive,
        has_body,
        length,
    })
}

/// Whether the comma-separated header `value` lists `token` (case-insensitive).
fn has_token(value: &str, token: &str) -> bool {
    value
        .split(',')
        .any(|part| part.trim().eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(bytes: &[u8]) -> Parsed {
        parse(bytes, &mut 0)
    }

    fn complete(bytes: &[u8]) -> Request {
        match parse_all(bytes) {
            Parsed::Complete(request) => request,
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(bytes)),
        }
    }

    #[test]
    fn a_get_request() {
        let head = b"GET /sub/?x=1 HTTP/1.1\r\nHost: a\r\n\r\n";
        let mut bytes = head.to_vec();
        bytes.extend_from_slice(b"GET /next HTTP/1.1\r\n");
        assert_eq!(
            complete(&bytes),
            Request {
                method: "GET".into(),
                target: "/sub/?x=1".into(),
                http_1_0: false,
                close: false,
                has_body: false,
                length: head.len(),
            }
        );
    }

    #[test]
    fn connection_closing_and_keep_alive() {
        assert!(complete(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").close);
        assert!(complete(b"GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n").close);
        assert!(complete(b"GET / HTTP/1.0\r\n\r\n").close);
        let keep = complete(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assert!(!keep.close && keep.http_1_0);
        assert!(!complete(b"HEAD / HTTP/1.1\r\n\r\n").close);
    }

    #[test]
    fn bodies_are_noticed() {
        assert!(complete(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").has_body);
        assert!(complete(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").has_body);
        assert!(!complete(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").has_body);
        assert_eq!(
            parse_all(b"BREW / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
            Parsed::Malformed
        );
    }

    #[test]
    fn a_head_in_pieces_is_incomplete_until_its_empty_line() {
        let head = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        let mut scanned = 0;
        for end in 0..head.len() {
            assert_eq!(
                parse(&head[..end], &mut scanned),
                Parsed::Incomplete,
                "{end}"
            );
            assert!(scanned <= end);
        }
        assert!(matches!(
            parse(head, &mut scanned),
            Parsed::Complete(Request { length: 27, .. })
        ));
    }

    #[test]
    fn empty_lines_before_the_request_line_are_skipped() {
        assert_eq!(
            complete(b"\r\n\r\nGET /a HTTP/1.1\r\n\r\n").target,
            "/a".to_string()
        );
    }

    #[test]
    fn malformed_heads() {
        for bytes in [
            &b"GET / HTTP/1.1\n\n"[..],
            b"GET / HTTP/1.1\nHost: a\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\n\r\n",
            b"GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n",
            b"GET /\x7f HTTP/1.1\r\n\r\n",
            b"GET / HTTP/2.0\r\n\r\n",
            b"GET / HTTP/9.9\r\n\r\n",
            b"GET\r\n\r\n",
            b"\x00\x01\x02 garbage\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: \x01\r\n\r\n",
            b"GET / HTTP/1.1\r\nNo colon\r\n\r\n",
        ] {
            assert_eq!(
                parse_all(bytes),
                Parsed::Malformed,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // A bare LF is refused as soon as it arrives.
        assert_eq!(parse_all(b"GET / HTTP/1.1\n"), Parsed::Malformed);
    }

    #[test]
    fn header_values_may_hold_utf_8() {
        let request = complete("GET / HTTP/1.1\r\nX-Name: café\r\n\r\n".as_bytes());
        assert_eq!(request.target, "/");
    }

    #[test]
    fn heads_longer_than_the_limit_are_too_large() {
        let mut bytes = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        bytes.resize(MAX_HEAD + 1, b'a');
        assert_eq!(parse_all(&bytes), Parsed::TooLarge);
        // Ending just past the limit is too large as well.
        let mut bytes = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        bytes.resize(MAX_HEAD - 3, b'a');
        bytes.extend_from_slice(b"\r\n\r\n");
        assert_eq!(parse_all(&bytes), Parsed::TooLarge);
        // Just at the limit, with many headers, is fine.
        let mut bytes = b"GET / HTTP/1.1\r\n".to_vec();
        while bytes.len() + 5 + 2 <= MAX_HEAD {
            bytes.extend_from_slice(b"a:b\r\n");
        }
        bytes.extend_from_slice(b"\r\n");
        assert!(bytes.len() <= MAX_HEAD);
        assert!(matches!(parse_all(&bytes), Parsed::Complete(_)));
    }
}
