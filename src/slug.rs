//! Slugs for heading ids, item ids and URLs: lowercase ASCII words joined by hyphens.

use std::collections::{HashMap, HashSet};

/// Makes a slug of `text`: accents are dropped (`ë` → `e`), anything else that is not a letter
/// or digit becomes a single hyphen. Returns an empty string for text with no letters or digits.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let folded = fold(c);
        if folded.is_empty() {
            pending_hyphen = true;
            continue;
        }
        if pending_hyphen && !out.is_empty() {
            out.push('-');
        }
        pending_hyphen = false;
        out.push_str(folded);
    }
    out
}

/// Whether `text` is already a slug (what `slugify` would return for it).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Drops diacritics from the Latin letters European languages use.
fn fold(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ů' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'ł' | 'Ł' => "l",
        'ś' | 'š' | 'Š' => "s",
        'ž' | 'ź' | 'ż' | 'Ž' => "z",
        'ř' => "r",
        'ĳ' => "ij",
        c if c.is_ascii_alphanumeric() => ascii(c),
        _ => "",
    }
}

fn ascii(c: char) -> &'static str {
    const TABLE: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    let lower = c.to_ascii_lowercase();
    let i = TABLE.find(lower).unwrap_or(0);
    &TABLE[i..i + 1]
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
    fn slug_check() {
        assert!(is_slug("inner-setting"));
        assert!(!is_slug("Inner"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
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
