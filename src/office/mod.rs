//! Documents a clinic fills in, made at build time: a page's Word version (`downloads =
//! ["docx"]` in its front matter), the Word and Excel versions of checklists and the Excel
//! version of a stakeholder map, and the placeholders (`[[clinic name]]`) left to fill in.

pub mod docx;
pub mod placeholders;
pub mod xlsx;

/// The formats a page may ask for in `downloads`.
pub const FORMATS: &[&str] = &["docx"];

/// A link's address as one that works from a downloaded file: an address on another site as
/// it is, one on this site with the site's scheme and host, one relative to the page from the
/// page's own address (`permalink`).
pub fn absolute_url(link: &str, base_url: &str, permalink: &str) -> String {
    let has_scheme = link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme {
        return link.to_string();
    }
    if let Some(rest) = link.strip_prefix("//") {
        let scheme = base_url.split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}://{rest}");
    }
    if link.starts_with('/') {
        let origin = match base_url.split_once("://") {
            Some((scheme, rest)) => {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or(""))
            }
            None => String::new(),
        };
        return format!("{origin}{link}");
    }
    format!("{permalink}{link}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_work_from_a_downloaded_file() {
        let base = "https://org.github.io/toolkit/";
        let page = "https://org.github.io/toolkit/templates/plan/";
        assert_eq!(
            absolute_url("https://example.org/a", base, page),
            "https://example.org/a"
        );
        assert_eq!(absolute_url("mailto:a@b.nl", base, page), "mailto:a@b.nl");
        assert_eq!(
            absolute_url("/toolkit/checklists/", base, page),
            "https://org.github.io/toolkit/checklists/"
        );
        assert_eq!(
            absolute_url("#costs", base, page),
            "https://org.github.io/toolkit/templates/plan/#costs"
        );
        assert_eq!(
            absolute_url("../board/", base, page),
            "https://org.github.io/toolkit/templates/plan/../board/"
        );
    }
}
