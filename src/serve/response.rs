//! Responses as the connection layer writes them: a status, headers and a body. A header value
//! that could break the response (a line break, a byte outside printable ASCII) is never written:
//! the response becomes a 500 and the server says which header it was.

use crate::diagnostics::Diagnostic;

/// An HTTP response; `Content-Length` and `Connection` are added when it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a `Content-Type` and `Cache-Control: no-store` (nothing served is
    /// final while the author edits).
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-store".to_string()),
            ],
            body,
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The value of header `name`, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The bytes of the status line and headers. `keep_alive`: whether the connection stays
    /// open; `http_1_0`: the client spoke HTTP/1.0 (which closes unless told otherwise).
    pub fn head(&self, keep_alive: bool, http_1_0: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        match (keep_alive, http_1_0) {
            (false, _) => head.push_str("Connection: close\r\n"),
            (true, true) => head.push_str("Connection: keep-alive\r\n"),
            (true, false) => {}
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    /// This response, or a 500 when one of its header values cannot be sent as it is (the
    /// server's terminal says which).
    pub fn checked(self) -> Response {
        let Some((name, value)) = self.headers.iter().find(|(_, v)| !is_sendable(v)) else {
            return self;
        };
        let d = Diagnostic::warning(format!(
            "answered a request with 500: the {name} header {value:?} cannot be sent"
        ))
        .with_hint("header values must be printable ASCII; please report this as a bug");
        anstream::eprintln!("{}", d.render(true));
        Response::text(500, "The server could not send this response.\n")
    }
}

/// Whether `value` can be sent as a header value as it is: printable ASCII, spaces and tabs.
pub fn is_sendable(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\t')
}

/// The reason phrase of the statuses the server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads() {
        let response = Response::text(301, "Moved\n").with_header("Location", "/sub/");
        assert_eq!(
            String::from_utf8(response.head(true, false)).unwrap(),
            "HTTP/1.1 301 Moved Permanently\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Cache-Control: no-store\r\nLocation: /sub/\r\nContent-Length: 6\r\n\r\n"
        );
        let head = String::from_utf8(response.head(false, false)).unwrap();
        assert!(head.ends_with("Content-Length: 6\r\nConnection: close\r\n\r\n"));
        let head = String::from_utf8(response.head(true, true)).unwrap();
        assert!(head.ends_with("Connection: keep-alive\r\n\r\n"));
    }

    #[test]
    fn unsendable_header_values_give_a_500() {
        for value in ["/café/", "/a\r\nSet-Cookie: x=1", "/a\nb", "/\u{7f}"] {
            assert!(!is_sendable(value), "{value:?}");
            let response = Response::text(301, "Moved\n")
                .with_header("Location", value)
                .checked();
            assert_eq!(response.status, 500);
            assert_eq!(response.header("Location"), None);
        }
        let fine = Response::text(301, "").with_header("Location", "/caf%C3%A9/?q=a b");
        assert_eq!(fine.clone().checked(), fine);
    }
}
