//! The Content-Security-Policy every page carries (as a `<meta http-equiv>`, since static hosts
//! such as GitHub Pages cannot send headers): only the site's own origin for scripts, styles,
//! images, fonts and connections, plus the hosts `allowed_hosts` in site.toml names. And the
//! search of a page's Markdown for what it would load from another host, which the policy blocks.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use crate::config::Config;

/// The policy of every page of the site. No inline script or style is allowed: the theme's
/// scripts are files, and the data they read sits in `<script type="application/json">`
/// blocks, which browsers never run.
pub fn policy(config: &Config) -> String {
    let hosts: String = config
        .allowed_hosts
        .iter()
        .map(|host| format!(" https://{host}"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self'{hosts}; style-src 'self'; img-src 'self' data:{hosts}; \
         media-src 'self'{hosts}; frame-src 'self'{hosts}; font-src 'self'; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// Checks a host written in `allowed_hosts`: `player.vimeo.com`, `https://player.vimeo.com` or
/// `*.example.org`. Returns the host name alone, in lowercase.
pub fn allowed_host(written: &str) -> Result<String, String> {
    let trimmed = written.trim();
    let host = trimmed
        .strip_prefix("https://")
        .unwrap_or(trimmed)
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let name = host.strip_prefix("*.").unwrap_or(&host);
    let plain = !name.is_empty()
        && name.contains('.')
        && name.split('.').all(|part| {
            !part.is_empty()
                && !part.starts_with('-')
                && !part.ends_with('-')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !plain {
        return Err(format!(
            "`{}` in `allowed_hosts` is not a host name",
            written.escape_debug()
        ));
    }
    Ok(host)
}

/// Something a page's Markdown would load from another host.
#[derive(Debug, PartialEq, Eq)]
pub struct OutsideEmbed {
    /// Where it is written, in bytes of the body.
    pub offset: usize,
    /// What it is: `an image`, `a script`, `a frame`, …
    pub what: &'static str,
    pub url: String,
    pub host: String,
}

/// What the Markdown `events` of `body` load from a host that is neither the site's nor one of
/// `allowed` (as [`allowed_host`] returns them): Markdown images, and the `src` of HTML
/// `img`, `script`, `iframe`, `video`, `audio`, `source`, `track` and `embed` tags, and
/// stylesheets' `href`.
pub fn outside_embeds(
    body: &str,
    events: &[(Event<'_>, Range<usize>)],
    allowed: &[String],
) -> Vec<OutsideEmbed> {
    let mut found = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(host) = outside_host(dest_url, allowed) {
                    found.push(OutsideEmbed {
                        offset: range.start,
                        what: "an image",
                        url: dest_url.to_string(),
                        host,
                    });
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let html = &body[range.clone()];
                for (at, what, url) in html_sources(html) {
                    if let Some(host) = outside_host(&url, allowed) {
                        found.push(OutsideEmbed {
                            offset: range.start + at,
                            what,
                            url,
                            host,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The host of `url` when it is on another site and not allowed: `https://x.org/a.png`,
/// `//x.org/a.png`.
fn outside_host(url: &str, allowed: &[String]) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, h)| h)
        .split(':')
        .next()
        .unwrap_or("")
        .to_string();
    if host.is_empty() {
        return None;
    }
    let permitted = allowed.iter().any(|a| match a.strip_prefix("*.") {
        Some(parent) => host.ends_with(&format!(".{parent}")),
        None => *a == host,
    });
    (!permitted).then_some(host)
}

/// The tags that load what they name, the attribute that names it, and what to call it.
const LOADING_TAGS: [(&str, &str, &str); 9] = [
    ("img", "src", "an image"),
    ("script", "src", "a script"),
    ("iframe", "src", "a frame"),
    ("video", "src", "a video"),
    ("audio", "src", "an audio file"),
    ("source", "src", "a media file"),
    ("track", "src", "a text track"),
    ("embed", "src", "an embedded file"),
    ("link", "href", "a stylesheet"),
];

/// Every (offset of the tag, what, URL) an HTML fragment loads.
fn html_sources(html: &str) -> Vec<(usize, &'static str, String)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find('<') {
        let start = from + at;
        from = start + 1;
        let tag_end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start + 1..tag_end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let Some(&(_, attribute, what)) = LOADING_TAGS.iter().find(|(t, _, _)| *t == name) else {
            continue;
        };
        if name == "link" && !tag.contains("stylesheet") {
            continue;
        }
        if let Some(value) = attribute_value(&html[start + 1..tag_end], tag, attribute) {
            found.push((start, what, value));
        }
    }
    found
}

/// The value of `name` in the inside of a tag (`original`, and `lower` its lowercase copy).
fn attribute_value(original: &str, lower: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start == 0
            || lower[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = lower.len() - rest.len() + 1;
        let value = original[value_start..].trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embeds(markdown: &str, allowed: &[&str]) -> Vec<(usize, &'static str, String)> {
        let events = crate::markdown::parse(markdown);
        let allowed: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
        outside_embeds(markdown, &events, &allowed)
            .into_iter()
            .map(|e| (e.offset, e.what, e.host))
            .collect()
    }

    #[test]
    fn finds_images_scripts_and_frames_of_other_hosts() {
        let md = "# T\n\n![x](https://cdn.example.org/a.png)\n\n![y](pic.png)\n\n\
                  <iframe src=\"https://www.youtube.com/embed/1\"></iframe>\n\n\
                  Text <img alt='' SRC='//img.example.net/b.gif'> and <a href=\"https://x.org/\">a link</a>.\n\n\
                  <script src=https://evil.example/x.js></script>\n";
        let found = embeds(md, &[]);
        let hosts: Vec<(&str, &str)> = found.iter().map(|(_, w, h)| (*w, h.as_str())).collect();
        assert_eq!(
            hosts,
            [
                ("an image", "cdn.example.org"),
                ("a frame", "www.youtube.com"),
                ("an image", "img.example.net"),
                ("a script", "evil.example"),
            ]
        );
        assert_eq!(&md[found[1].0..found[1].0 + 7], "<iframe");
        assert_eq!(&md[found[2].0..found[2].0 + 4], "<img");
    }

    #[test]
    fn allowed_hosts_are_not_reported_and_go_into_the_policy() {
        let md = "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n\n![a](https://a.img.example.org/x.png)\n";
        assert!(embeds(md, &["player.vimeo.com", "*.example.org"]).is_empty());
        assert_eq!(embeds(md, &["vimeo.com"]).len(), 2);
        assert_eq!(
            allowed_host("https://Player.Vimeo.com/"),
            Ok("player.vimeo.com".into())
        );
        assert_eq!(allowed_host("*.example.org"), Ok("*.example.org".into()));
        for bad in [
            "",
            "http://x.org",
            "x.org/path",
            "localhost",
            "a b.org",
            "-x.org",
        ] {
            assert!(allowed_host(bad).is_err(), "{bad}");
        }
    }
}
