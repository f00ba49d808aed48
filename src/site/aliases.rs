//! The old addresses of pages (`aliases` in front matter): a small page at each that sends the
//! reader on, with a meta refresh, a canonical link, `noindex` and a link to follow by hand, as
//! Zola and Hugo write them.

use super::published::{Origin, Published};
use super::{FileContent, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::escape::escape;

/// Adds a redirect page for every alias of every page. An alias that is not a path from the
/// site's base is an error at its line; one that lands where another file is, an error naming
/// both.
pub(super) fn add_alias_pages(site: &Site, files: &mut Published, diagnostics: &mut Diagnostics) {
    for page in &site.pages {
        for alias in &page.front.aliases {
            let name = match output_name(&alias.value) {
                Ok(name) => name,
                Err(why) => {
                    diagnostics.push(
                        Diagnostic::error(format!("the alias `{}` {why}", alias.value))
                            .at(page.shown.clone(), alias.value_position)
                            .with_hint(
                                "write the old address from the site's base, such as \"/old/path/\"",
                            ),
                    );
                    continue;
                }
            };
            let url = site.url_path(name.strip_suffix("index.html").unwrap_or(&name));
            let html = redirect_page(site, page);
            files.add(
                name,
                FileContent::Bytes(html.into_bytes()),
                Origin::Alias(page.shown.clone(), alias.value_position),
                &url,
                diagnostics,
            );
        }
    }
}

/// The output file of an alias: `/old/path/` → `old/path/index.html`, `/old.html` → `old.html`.
fn output_name(alias: &str) -> Result<String, &'static str> {
    let Some(path) = alias.strip_prefix('/') else {
        return Err("does not start with /");
    };
    if alias.starts_with("//") || alias.contains(['?', '#', '\\']) {
        return Err("is not a path of the site");
    }
    let path = crate::text::percent_decode(path).ok_or("is not a path of the site")?;
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err("may not hold `.` or `..`");
    }
    if path.is_empty() {
        return Err("is the site's home page");
    }
    let last = path.rsplit('/').next().unwrap_or("");
    Ok(if path.ends_with('/') {
        format!("{path}index.html")
    } else if last.ends_with(".html") || last.ends_with(".htm") {
        path
    } else if last.contains('.') {
        return Err(
            "names a file that is not a page: a redirect page stands at an address ending in / or .html",
        );
    } else {
        format!("{path}/index.html")
    })
}

fn redirect_page(site: &Site, page: &super::Page) -> String {
    let target = site.url_path(&page.url);
    let canonical = format!("{}{}", site.config.base_url, page.url);
    let words = site.words(&page.lang);
    let moved = words
        .get("moved_text")
        .map(String::as_str)
        .unwrap_or("This page has moved to");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p>{moved} <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = escape(&page.lang),
        title = escape(&page.title),
        canonical = escape(&canonical),
        target = escape(&target),
        moved = escape(moved),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_output_names() {
        assert_eq!(output_name("/old/path/"), Ok("old/path/index.html".into()));
        assert_eq!(output_name("/old/path"), Ok("old/path/index.html".into()));
        assert_eq!(output_name("/old.html"), Ok("old.html".into()));
        assert_eq!(output_name("/my%20page/"), Ok("my page/index.html".into()));
        assert_eq!(output_name("old/"), Err("does not start with /"));
        assert_eq!(output_name("//host/x"), Err("is not a path of the site"));
        assert_eq!(output_name("/a/../b/"), Err("may not hold `.` or `..`"));
        assert_eq!(output_name("/"), Err("is the site's home page"));
        assert_eq!(output_name("/x?y"), Err("is not a path of the site"));
        assert!(output_name("/robots.txt").is_err());
    }
}
