//! Escaping text for HTML and XML (`&`, `<`, `>`, `"`, `'`), one way everywhere toolkit writes
//! markup by hand: generated HTML, the SVG map, the sitemap, the dev server's error overlay.

/// `text` with the characters that are special in HTML and XML replaced by entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_special_character_is_replaced() {
        assert_eq!(
            super::escape("a & b < c > d \"e\" 'f'"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;"
        );
    }
}
