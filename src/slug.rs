//! Slugs for heading ids, item ids and URLs: folded words ([`crate::text::fold`]) joined by
//! hyphens. Letters with an ASCII fold are folded (`Őszi ülés` → `oszi-ules`); letters of other
//! scripts stay, lower-cased, in ids (`Η συνάντηση` → `η-συναντηση`), while URL paths keep to
//! ASCII ([`url_slug`]).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::text::fold;

/// Makes a slug of `text`: the text folded (lower case, accents dropped: `ë` → `e`), with
/// anything that is not a letter or digit made a single hyphen between words. Letters outside
/// ASCII that have no ASCII fold are kept (composed again, NFC), so HTML ids in any script keep
/// their words. Returns an empty string for text with no letters or digits.
pub fn slugify(text: &str) -> String {
    join_words(&fold(text), |c| {
        c.is_ascii_alphanumeric() || (!c.is_ascii() && (c.is_alphabetic() || is_combining_mark(c)))
    })
    .nfc()
    .collect()
}

/// The id of a heading that has none written, by GitHub's rule (which kramdown and most
/// handbooks follow): the text folded as [`slugify`] folds it, every character that is not a
/// letter, digit, `_` or `-` dropped (`Don’t` → `dont`, `C++` → `c`), and each space made a
/// hyphen (`Step 2: train` → `step-2-train`, `A & B` → `a--b`). Letters outside ASCII are kept
/// or folded as in [`slugify`].
pub fn heading_id(text: &str) -> String {
    fold(text.trim())
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_ascii_alphanumeric() => Some(c),
            c if !c.is_ascii() && (c.is_alphabetic() || is_combining_mark(c)) => Some(c),
            _ => None,
        })
        .nfc()
        .collect()
}

/// Like [`slugify`], but only ASCII letters and digits are kept: for the segments of URL paths,
/// which stay readable and need no escapes. Letters with no ASCII fold separate words, as every
/// other character does.
pub fn url_slug(text: &str) -> String {
    join_words(&fold(text), |c| c.is_ascii_alphanumeric())
}

/// The runs of `kept` characters of `folded`, joined by single hyphens.
fn join_words(folded: &str, kept: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut pending_hyphen = false;
    for c in folded.chars() {
        if !kept(c) {
            pending_hyphen = true;
            continue;
        }
        if pending_hyphen && !out.is_empty() {
            out.push('-');
        }
        pending_hyphen = false;
        out.push(c);
    }
    out
}

/// Whether `text` is already a slug: what `slugify` would return for it.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// Makes heading ids unique in a page by adding `-1`, `-2`, … to a repeated slug. It remembers,
/// per slug, the next number to try, so that n equal headings take linear time, not quadratic;
/// the ids are the same as trying every number from 1.
#[derive(Debug, Default)]
pub struct Unique {
    next: HashMap<String, u64>,
}

impl Unique {
    /// `base`, or `base-N` with the smallest N not in `taken` (`section` for an empty base);
    /// records the result in `taken`.
    pub fn id(&mut self, base: &str, taken: &mut HashSet<String>) -> String {
        let base = if base.is_empty() { "section" } else { base };
        if taken.insert(base.to_string()) {
            return base.to_string();
        }
        // Every number below `next` is taken: ids are only ever added to `taken`.
        let next = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Timing of the training"), "timing-of-the-training");
        assert_eq!(slugify("  Wat is e-health? "), "wat-is-e-health");
        assert_eq!(slugify("Één café, één priorité"), "een-cafe-een-priorite");
        assert_eq!(slugify("C++ & Rust!"), "c-rust");
        assert_eq!(slugify("***"), "");
        assert_eq!(slugify("Step 2: train"), "step-2-train");
    }

    #[test]
    fn letters_outside_ascii_are_folded_or_kept() {
        assert_eq!(slugify("Őszi ülés"), "oszi-ules");
        assert_eq!(slugify("İstanbul"), "istanbul");
        assert_eq!(slugify("Đakovo"), "dakovo");
        assert_eq!(slugify("Þingvellir"), "thingvellir");
        assert_eq!(slugify("Příliš žluťoučký kůň"), "prilis-zlutoucky-kun");
        assert_eq!(slugify("Η συνάντηση"), "η-συναντηση");
        assert_eq!(slugify("Встреча команды"), "встреча-команды");
        assert_eq!(slugify("会議の記録"), "会議の記録");
        // Composed again: the syllables and kana as they are usually written.
        assert_eq!(slugify("회의 がっこう"), "회의-がっこう");
        assert_eq!(slugify("हिन्दी पाठ"), "हिन्दी-पाठ");
        // Symbols and digits outside ASCII separate words, as they always did.
        assert_eq!(slugify("m² per patiënt"), "m-per-patient");
    }

    #[test]
    fn ids_of_ascii_and_latin_headings_are_unchanged() {
        // The ids these headings had before letters outside ASCII were kept: every anchor of an
        // existing site must keep working.
        let ids = [
            ("Timing of the training", "timing-of-the-training"),
            ("Crème brûlée à la française", "creme-brulee-a-la-francaise"),
            ("Ærø og Øresund", "aero-og-oresund"),
            ("Œuvres complètes", "oeuvres-completes"),
            ("Straße und Übergröße", "strasse-und-ubergrosse"),
            ("Łódź, Kraków, Gdańsk", "lodz-krakow-gdansk"),
            ("Ångström & Ølstykke", "angstrom-olstykke"),
            ("Ça va? Où ça?", "ca-va-ou-ca"),
            ("Déjà vu — naïve café", "deja-vu-naive-cafe"),
            ("Year 2025/26: über-review", "year-2025-26-uber-review"),
            ("Señor Muñoz", "senor-munoz"),
            ("Häufige Fragen (FAQ)", "haufige-fragen-faq"),
            ("Beoordeling & evaluatie", "beoordeling-evaluatie"),
            ("Wat is ĳs?", "wat-is-ijs"),
            ("m² per patiënt", "m-per-patient"),
        ];
        for (heading, id) in ids {
            assert_eq!(slugify(heading), id, "{heading}");
        }
        // Every letter the first table folded still folds the same way.
        let table = [
            ("àáâãäåÀÁÂÃÄÅ", "a"),
            ("æÆ", "ae"),
            ("çÇćč", "c"),
            ("èéêëÈÉÊËęě", "e"),
            ("ìíîïÌÍÎÏ", "i"),
            ("ñÑńň", "n"),
            ("òóôõöøÒÓÔÕÖØ", "o"),
            ("œŒ", "oe"),
            ("ùúûüÙÚÛÜů", "u"),
            ("ýÿÝ", "y"),
            ("ß", "ss"),
            ("łŁ", "l"),
            ("śšŠ", "s"),
            ("žźżŽ", "z"),
            ("ř", "r"),
            ("ĳ", "ij"),
        ];
        for (letters, folded) in table {
            for c in letters.chars() {
                assert_eq!(slugify(&format!("x{c}y")), format!("x{folded}y"), "{c}");
            }
        }
    }

    #[test]
    fn heading_ids_follow_githubs_rule() {
        // Heading, and the id GitHub gives it (with letters outside ASCII folded as slugs fold
        // them).
        let cases = [
            ("Don’t use FAQs", "dont-use-faqs"),
            ("Don't use FAQs", "dont-use-faqs"),
            ("Timing of the training", "timing-of-the-training"),
            ("Step 2: train", "step-2-train"),
            ("What is e-health?", "what-is-e-health"),
            ("C++ & Rust!", "c--rust"),
            ("A - B", "a---b"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("Year 2025/26", "year-202526"),
            ("v1.2 (beta)", "v12-beta"),
            ("“Quoted” words…", "quoted-words"),
            ("The 5 W’s: who, what, when", "the-5-ws-who-what-when"),
            ("  Spaces around  ", "spaces-around"),
            ("Één café, één priorité", "een-cafe-een-priorite"),
            ("Őszi ülés", "oszi-ules"),
            ("Straße", "strasse"),
            ("Η συνάντηση", "η-συναντηση"),
            ("会議の記録", "会議の記録"),
            ("m² per patiënt", "m-per-patient"),
            ("***", ""),
        ];
        for (heading, id) in cases {
            assert_eq!(heading_id(heading), id, "{heading}");
        }
    }

    #[test]
    fn url_slugs_keep_to_ascii() {
        assert_eq!(url_slug("Őszi ülés"), "oszi-ules");
        assert_eq!(url_slug("Een café"), "een-cafe");
        assert_eq!(url_slug("Η συνάντηση 2"), "2");
        assert_eq!(url_slug("Встреча"), "");
    }

    #[test]
    fn every_slug_is_a_slug() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let slug = slugify(&format!("A{c}b {c}ς"));
            assert!(is_slug(&slug), "{c:?} gives {slug:?}");
        }
    }

    #[test]
    fn unique_ids() {
        let mut taken = HashSet::new();
        let mut unique = Unique::default();
        assert_eq!(unique.id("a", &mut taken), "a");
        assert_eq!(unique.id("a", &mut taken), "a-1");
        assert_eq!(unique.id("a", &mut taken), "a-2");
        assert_eq!(unique.id("", &mut taken), "section");
        assert_eq!(unique.id("", &mut taken), "section-1");
    }

    #[test]
    fn unique_ids_step_over_ids_taken_before() {
        let mut taken: HashSet<String> = ["notes-1", "notes-3", "a-1"].map(String::from).into();
        let mut unique = Unique::default();
        let ids: Vec<String> = ["notes", "notes", "notes", "notes", "a-1", "a"]
            .iter()
            .map(|base| unique.id(base, &mut taken))
            .collect();
        assert_eq!(
            ids,
            ["notes", "notes-2", "notes-4", "notes-5", "a-1-1", "a"]
        );
        // `a-1` was taken from the start, so a repeated `a` steps over it.
        assert_eq!(unique.id("a", &mut taken), "a-2");
    }

    #[test]
    fn twenty_thousand_equal_headings_get_numbered_ids() {
        let mut taken = HashSet::new();
        let mut unique = Unique::default();
        let mut last = String::new();
        for _ in 0..20_000 {
            last = unique.id("notes", &mut taken);
        }
        assert_eq!(last, "notes-19999");
        assert_eq!(taken.len(), 20_000);
    }
}
