//! Escaping text for the formats toolkit writes by hand: HTML and XML (`&`, `<`, `>`, `"`, `'`,
//! and no characters XML forbids), used for generated HTML, the SVG map, the sitemap and the dev
//! server's error overlay; and JSON inside an HTML `<script>` element.

use std::borrow::Cow;

/// `text` with the characters that are special in HTML and XML replaced by entities, and the
/// characters XML 1.0 does not allow replaced by U+FFFD (see [`xml_chars`]).
pub fn escape(text: &str) -> String {
    let text = xml_chars(text);
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &text);
    out
}

/// Whether XML 1.0 allows `c` in a document: not the C0 controls other than tab, line feed and
/// carriage return, nor U+FFFE or U+FFFF. (Rust strings hold no surrogates.)
fn allowed_in_xml(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` with every character XML 1.0 does not allow (a NUL or BEL from a TOML `\u0000`, say)
/// replaced by U+FFFD, so that an SVG or sitemap stays well-formed. Borrows when there is none.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_in_xml) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if allowed_in_xml(c) { c } else { '\u{fffd}' })
            .collect(),
    )
}

/// `value` as JSON that can stand inside `<script type="application/json">`: `<`, `>` and `&`
/// are written as `\u003c`, `\u003e` and `\u0026`, so that no `</script>`, `<!--` or `<script`
/// in the data can end the element early or change how HTML reads it; U+2028 and U+2029 as
/// `\u2028` and `\u2029`, which older JavaScript does not allow raw in strings. The result is
/// the same JSON value.
pub fn script_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Serialising maps with text keys and plain values cannot fail.
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        // These characters only occur inside JSON strings, where `\uXXXX` means the same.
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_replaced() {
        assert_eq!(
            escape("a & b < c > d \"e\" 'f'"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;"
        );
    }

    #[test]
    fn characters_xml_forbids_become_replacement_characters() {
        assert_eq!(
            escape("Team\u{0}manager\u{7} <\u{1b}>\u{fffe}"),
            "Team\u{fffd}manager\u{fffd} &lt;\u{fffd}&gt;\u{fffd}"
        );
        // Tab and line ends are allowed, and so is everything else.
        assert_eq!(escape("a\tb\nc\rd é 😀"), "a\tb\nc\rd é 😀");
        assert!(matches!(xml_chars("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn script_json_cannot_end_or_reopen_the_script() {
        let value = serde_json::json!([
            "Training <!--<script> day </script> & \u{2028}\u{2029} \"q\"",
            { "a<b": 1 },
        ]);
        let json = script_json(&value);
        assert_eq!(
            json,
            r#"["Training \u003c!--\u003cscript\u003e day \u003c/script\u003e \u0026 \u2028\u2029 \"q\"",{"a\u003cb":1}]"#
        );
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!json.contains(bad), "{bad:?} in {json}");
        }
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }
}
