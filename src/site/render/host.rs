//! The files beside the pages: the theme's and the site's static files, and what a host needs
//! (the sitemap).

use std::path::PathBuf;

use super::*;
use crate::diagnostics::Diagnostics;
use crate::site::published::{Origin, Published};
use crate::site::{PublicPage, Site};

/// The theme's files (built-in, then the site's theme), the site's `static/` (which may
/// replace a theme's file) and the files of `content/` that are not pages.
pub(in crate::site) fn static_files(site: &Site, diagnostics: &mut Diagnostics) -> Published {
    let mut files = Published::default();
    for (name, bytes) in crate::theme::builtin_files("static") {
        let url = site.url_path(&name);
        let origin = Origin::Theme("a file of the built-in theme".into());
        files.add(name, FileContent::Builtin(bytes), origin, &url, diagnostics);
    }
    let mut problems = Vec::new();
    // The site's theme first: the site's own static/ may replace its files.
    let theme = format!("themes/{}/static", site.config.theme);
    for folder in [theme.as_str(), "static"] {
        let found = crate::content::walk::files(
            &site.root,
            folder,
            crate::fsutil::is_ignored_name,
            &mut problems,
        );
        for found in found {
            let url = site.url_path(&found.name);
            let origin = if folder == "static" {
                Origin::Copied(site.shown(&found.relative))
            } else {
                Origin::Theme(format!("{} of the site's theme", found.relative.display()))
            };
            let content = FileContent::Copy(found.path);
            files.add(found.name, content, origin, &url, diagnostics);
        }
    }
    diagnostics.extend(problems);
    for (name, path) in &site.assets {
        let url = site.url_path(name);
        let origin = Origin::Copied(site.shown(&PathBuf::from("content").join(name)));
        files.add(
            name.clone(),
            FileContent::Copy(path.clone()),
            origin,
            &url,
            diagnostics,
        );
    }
    files
}

/// `sitemap.xml`: every page, with its translations as alternates.
pub(in crate::site) fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<PublicPage<'_>> = (0..site.pages.len()).map(|i| site.public(i)).collect();
    pages.sort_by(|a, b| a.url.cmp(b.url));
    for page in pages {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            crate::escape::escape(&format!("{}{}", site.config.base_url, page.url))
        ));
        if site.config.languages.len() > 1 {
            for lang in &site.config.languages {
                if let Some(&i) = site.index.get(&(page.key.to_string(), lang.clone())) {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                        crate::escape::escape(&format!(
                            "{}{}",
                            site.config.base_url,
                            site.public(i).url
                        ))
                    ));
                }
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Adds what a host needs: the 404 page, the sitemap, robots.txt, .nojekyll and CNAME.
pub(in crate::site) fn add_host_files(
    site: &Site,
    shared: &SharedContext,
    files: &mut crate::site::published::Published,
    diagnostics: &mut Diagnostics,
) {
    let mut host_files: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    let default = &site.config.default_language;
    let title = shared
        .words(default)
        .get("not_found_title")
        .map(String::as_str)
        .unwrap_or("");
    let context = made_up_context(site, shared, title, "404.html", default, "404");
    match site.templates.render("404.html", &context) {
        Ok(html) => host_files.push(("404.html", html.into_bytes(), "the 404 page")),
        Err(d) => diagnostics.push(d),
    }
    host_files.push(("sitemap.xml", sitemap(site).into_bytes(), "the sitemap"));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    host_files.push((
        "robots.txt",
        robots.into_bytes(),
        "the robots.txt toolkit writes",
    ));
    host_files.push((".nojekyll", Vec::new(), "the .nojekyll file toolkit writes"));
    if let Some(cname) = &site.config.cname {
        let cname = format!("{cname}\n").into_bytes();
        host_files.push((
            "CNAME",
            cname,
            "the CNAME file made from `cname` in site.toml",
        ));
    }
    for (name, bytes, what) in host_files {
        let url = site.url_path(name);
        let origin = Origin::Made(what.to_string());
        files.add(
            name.into(),
            FileContent::Bytes(bytes),
            origin,
            &url,
            diagnostics,
        );
    }
}
