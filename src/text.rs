//! Text handling shared by slugs, search and the e-mail checks: one accent fold, and percent
//! decoding with the `percent-encoding` crate.
//!
//! The fold is written once more in JavaScript (`search.js`, `email-guide.js`), which gets its
//! table of [`LETTERS`] from the build (in the search index and in the e-mail guide's page data),
//! and both sides are tested against `tests/data/fold-vectors.json`.

use percent_encoding::percent_decode_str;
use unicode_normalization::UnicodeNormalization;

/// Lower-case letters that canonical decomposition leaves whole but that fold to other letters,
/// applied after lower-casing. `ς` folds to `σ` (as Unicode case folding does) so that a final
/// sigma, which JavaScript's `toLowerCase` makes of a capital one, matches either way; `µ`, the
/// micro sign, folds to the Greek letter for the same reason.
pub const LETTERS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('ø', "o"),
    ('œ', "oe"),
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('ı', "i"),
    ('þ', "th"),
    ('ĳ', "ij"),
    ('ħ', "h"),
    ('ŧ', "t"),
    ('ŀ', "l"),
    ('ſ', "s"),
    ('ŋ', "ng"),
    ('ƒ', "f"),
    ('ǆ', "dz"),
    ('ǉ', "lj"),
    ('ǌ', "nj"),
    ('ª', "a"),
    ('º', "o"),
    ('ﬀ', "ff"),
    ('ﬁ', "fi"),
    ('ﬂ', "fl"),
    ('ﬃ', "ffi"),
    ('ﬄ', "ffl"),
    ('ﬅ', "st"),
    ('ﬆ', "st"),
    ('ς', "σ"),
    ('µ', "μ"),
];

/// Whether `c` is an accent that the fold drops: a mark of the combining diacritical blocks
/// (`é` is `e` and U+0301 once decomposed). Other marks, such as the vowel signs of Indic
/// scripts or the Japanese voicing mark, belong to their letters and are kept.
pub fn is_accent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

fn letter(c: char) -> Option<&'static str> {
    LETTERS
        .iter()
        .find(|(from, _)| *from == c)
        .map(|(_, to)| *to)
}

/// Lower case without accents: the text canonically decomposed (NFD), lower-cased, accents
/// dropped ([`is_accent`]) and the [`LETTERS`] that do not decompose folded (`ß` → `ss`,
/// `ø` → `o`). `Őszi ülés` → `oszi ules`, `İstanbul` → `istanbul`; letters of scripts without
/// accents of this kind (Greek without its tonos, Cyrillic, CJK) stay letters.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().flat_map(char::to_lowercase) {
        if is_accent(c) {
            continue;
        }
        match letter(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out
}

/// The fold's [`LETTERS`] as a JSON object (`{"ß": "ss", …}`), for the scripts that fold in the
/// browser.
pub fn letters_json() -> serde_json::Value {
    LETTERS
        .iter()
        .map(|(from, to)| (from.to_string(), serde_json::Value::from(*to)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Decodes `%XX` escapes (`my%20file.md` → `my file.md`). A `%` that does not start an escape
/// of two hex digits stays as it is; `None` when the decoded bytes are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// Whether every `%` in `text` starts an escape of two hex digits.
pub fn escapes_are_whole(text: &str) -> bool {
    text.split('%')
        .skip(1)
        .all(|after| after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_letters_that_do_not_decompose() {
        assert_eq!(fold("Őszi ülés"), "oszi ules");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Đakovo"), "dakovo");
        assert_eq!(fold("Straße ÆØÅ Œuvre Łódź"), "strasse aeoa oeuvre lodz");
        assert_eq!(fold("Þingvellir Iğdır"), "thingvellir igdir");
        assert_eq!(fold("e\u{0301}"), "e");
        assert_eq!(fold("Patiënt Één Café"), "patient een cafe");
    }

    #[test]
    fn keeps_letters_of_other_scripts() {
        assert_eq!(fold("Η συνάντηση"), "η συναντηση");
        assert_eq!(fold("ΣΥΝΆΝΤΗΣΗΣ"), "συναντησησ");
        assert_eq!(fold("Встреча"), "встреча");
        assert_eq!(fold("会議"), "会議");
        // Marks that belong to their letters stay.
        assert_eq!(fold("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for text in [
            "Őszi ülés",
            "ẞ",
            "ǅ",
            "ΣΑΣ",
            "ﬁnance",
            "x²",
            "İı",
            "회의",
            "がっこう",
        ] {
            let once = fold(text);
            assert_eq!(fold(&once), once, "{text}");
        }
    }

    #[test]
    fn every_letter_is_lower_case_and_folds_to_what_the_table_says() {
        for (from, to) in LETTERS {
            assert_eq!(from.to_lowercase().to_string(), from.to_string(), "{from}");
            assert_eq!(&fold(&from.to_string()), to, "{from}");
        }
    }

    /// The vectors `search.js` and `email-guide.js` are tested against too.
    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../tests/data/fold-vectors.json")).unwrap()
    }

    #[test]
    fn fold_gives_the_answers_of_the_shared_vectors() {
        let vectors = vectors();
        // The scripts are tested with the vectors' letters and get the build's on a page.
        assert_eq!(vectors["letters"], letters_json());
        let cases = vectors["fold"].as_array().unwrap();
        for case in cases {
            let text = case["text"].as_str().unwrap();
            assert_eq!(Some(fold(text).as_str()), case["folded"].as_str(), "{text}");
        }
        for (from, _) in LETTERS {
            assert!(
                cases.iter().any(|c| c["text"]
                    .as_str()
                    .is_some_and(|t| t.to_lowercase().contains(*from))),
                "no vector holds `{from}`"
            );
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("my%20file.md").as_deref(),
            Some("my file.md")
        );
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(percent_decode("%C3"), None);
        assert!(escapes_are_whole("/a%20b%2F"));
        assert!(!escapes_are_whole("/a%2"));
        assert!(!escapes_are_whole("/a%zz"));
        assert!(!escapes_are_whole("%"));
    }
}
