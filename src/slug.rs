//! Slugs for heading ids, item ids and URLs: lowercase ASCII words joined by hyphens.

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

/// Makes `base` unique among `taken` by adding `-1`, `-2`, … and records the result.
pub fn unique(base: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
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
        let mut taken = Default::default();
        assert_eq!(unique("a", &mut taken), "a");
        assert_eq!(unique("a", &mut taken), "a-1");
        assert_eq!(unique("a", &mut taken), "a-2");
        assert_eq!(unique("", &mut taken), "section");
    }
}
