//! TOML errors worded for people: which key or value is wrong and a hint for every kind of
//! mistake, shared by `site.toml`, front matter and the tools' data blocks.

use crate::diagnostics::Diagnostic;
/// What was wrong with a piece of TOML, in words, and a hint when one fits the mistake (callers
/// add a hint of their own for the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The problem without a prefix, e.g. "duplicate key `title`".
    pub problem: String,
    pub hint: Option<String>,
    /// True for a syntax error (the text is not TOML at all), false for a value of the wrong
    /// type or a key that is not known or missing.
    pub syntax: bool,
}

/// The hint for a syntax error that has no better one.
pub const GENERIC_HINT: &str = "TOML is `key = value` lines: text in \"double quotes\", lists in [ ], tables under a [name] line";

/// Explains `error`, which was found in `text`.
pub fn explain(error: &toml::de::Error, text: &str) -> Explained {
    let message = error.message().trim();
    let span_text = error
        .span()
        .and_then(|span| text.get(span))
        .unwrap_or("")
        .trim();
    if message.starts_with("duplicate key") {
        return duplicate_key(message, span_text, error.span().map(|s| s.start), text);
    }
    if let Some(explained) = wrong_type(message) {
        return explained;
    }
    Explained {
        problem: bare_word(message, span_text).unwrap_or_else(|| message.to_string()),
        hint: syntax_hint(message).map(str::to_string),
        syntax: true,
    }
}

/// `title = Plan` is reported as "invalid boolean, expected `true`" (the parser guesses from the
/// first letter); say that the word is not a value.
fn bare_word(message: &str, span_text: &str) -> Option<String> {
    let guesses = [
        "invalid boolean",
        "invalid value",
        "string values must be quoted",
    ];
    let description = message.split(", expected").next().unwrap_or(message);
    let word = span_text.lines().next().unwrap_or("").trim();
    let one_word = !word.is_empty() && !word.contains(char::is_whitespace);
    (guesses.contains(&description) && one_word && word.chars().count() <= 40)
        .then(|| format!("`{word}` is not a value (text must be in quotes)"))
}

/// "duplicate key `title`", with a hint that says which two lines to look at.
fn duplicate_key(message: &str, span_text: &str, start: Option<usize>, text: &str) -> Explained {
    // The parser's error points at the key; a map's error names it in backticks.
    let named = message.split('`').nth(1).filter(|k| !k.is_empty());
    let key = named.unwrap_or(span_text);
    if key.is_empty() || key.contains('\n') {
        return Explained {
            problem: "duplicate key".to_string(),
            hint: Some("a key may be written only once in a table; remove one of the two".into()),
            syntax: true,
        };
    }
    let in_header = start.is_some_and(|start| {
        let line_start = text[..start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        text[line_start..].trim_start().starts_with('[')
    });
    let hint = if in_header {
        format!("the table [{key}] is written twice; merge the two into one")
    } else {
        format!("`{key}` is set twice in the same table; remove one of the two `{key} = …` lines")
    };
    Explained {
        problem: format!("duplicate key `{key}`"),
        hint: Some(hint),
        syntax: true,
    }
}

/// serde's "invalid type: floating point `1e308`, expected i64" as "expected a whole number,
/// found the number 1e308".
fn wrong_type(message: &str) -> Option<Explained> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    let (found, expected) = rest.split_once(", expected ")?;
    let (expected, hint) = expected_words(expected);
    Some(Explained {
        problem: format!("expected {expected}, found {}", found_words(found)),
        hint: hint.map(str::to_string),
        syntax: false,
    })
}

/// serde's name of the type that was wanted, in words, and a hint for writing it.
fn expected_words(expected: &str) -> (String, Option<&'static str>) {
    let whole = [
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize",
    ];
    if whole.contains(&expected) {
        return (
            "a whole number".into(),
            Some("write a whole number without quotes, like 3"),
        );
    }
    match expected {
        "a string" => ("text".into(), Some("put text in \"double quotes\"")),
        "a boolean" => (
            "true or false".into(),
            Some("write true or false, without quotes"),
        ),
        "a sequence" => (
            "a list".into(),
            Some("write a list in square brackets: [\"a\", \"b\"]"),
        ),
        "f32" | "f64" => (
            "a number".into(),
            Some("write a number without quotes, like 2.5"),
        ),
        other if other.starts_with("struct ") || other == "a map" => (
            "a table".into(),
            Some("write a table as { key = value } or under a [name] line"),
        ),
        other => (other.to_string(), None),
    }
}

/// serde's description of the value that was found, in words: a huge number stays short.
fn found_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
    };
    if let Some(n) = quoted("integer ").or_else(|| quoted("unsigned integer ")) {
        return format!("the number {n}");
    }
    if let Some(n) = quoted("floating point ") {
        return format!("the number {}", short_number(n));
    }
    if let Some(b) = quoted("boolean ") {
        return b.to_string();
    }
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "a table".to_string(),
        other => other.to_string(),
    }
}

/// A number as serde printed it (`1e308` comes out with 309 digits), written short.
fn short_number(printed: &str) -> String {
    match printed.parse::<f64>() {
        Ok(n) if printed.len() > 16 && n.is_finite() => format!("{n:e}"),
        _ => printed.to_string(),
    }
}

/// A hint for each kind of syntax error the TOML parser reports.
fn syntax_hint(message: &str) -> Option<&'static str> {
    let description = message.split(", expected").next().unwrap_or(message);
    let is = |words: &[&str]| words.contains(&description);
    let hint = if is(&[
        "string values must be quoted",
        "invalid value",
        "invalid boolean",
        "missing opening quote",
    ]) {
        "put text in \"double quotes\"; numbers, true, false and dates go without"
    } else if is(&[
        "missing assignment between key-value pairs",
        "key with no value",
        "missing value for key",
        "missing value",
        "extra assignment between key-value pairs",
        "extra `=`",
        "invalid key-value pair",
        "unexpected key or value",
        "unexpected content",
        "unexpected content between comment and newline",
    ]) {
        "write one `key = value` on each line; a comment starts with #"
    } else if description.contains("key") {
        "a key is letters, digits, `_` and `-`; put any other key in \"quotes\""
    } else if description.contains("string")
        || is(&["missing escaped value", "too few unicode value digits"])
    {
        "close text with the quote it opens with; in \"double quotes\" a backslash starts an escape (write \\\\ for one), or use 'single quotes'"
    } else if description.contains("date") || description.contains("time") {
        "write a date as year-month-day, such as 2027-03-01, and make it a day that exists"
    } else if description.contains("array") && !description.contains("array table") {
        "write a list as [\"a\", \"b\"]: commas between the values and a closing ]"
    } else if description.contains("inline table") {
        "write an inline table on one line as { key = \"value\", other = 2 }"
    } else if description.contains("table") {
        "write a table's name in one pair of brackets, [name], or [[name]] for a list of tables"
    } else if description.contains("number")
        || description.contains("float")
        || description.contains("exponent")
        || description.contains("fraction")
        || description.contains("mantissa")
        || description.contains("sign")
        || description.contains("digit")
        || description.contains("radix")
        || description.contains("leading zero")
    {
        "write numbers plainly, like 3, -14 or 2.5"
    } else if description.contains("comment") {
        "a comment starts with # and runs to the end of the line"
    } else if description.contains("carriage return") {
        "save the file with ordinary line endings (LF or CRLF)"
    } else if description.contains("recurs") {
        "lists and tables are nested too deeply"
    } else {
        return None;
    };
    Some(hint)
}

/// Rewords a TOML error in `text` for people: unknown keys get a suggestion, a duplicate key is
/// named, and most other mistakes get a hint (callers add their own where there is none).
pub fn toml_error(error: &toml::de::Error, text: &str, keys: &str) -> Diagnostic {
    let message = error.message().trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let mut d = Diagnostic::error(format!("unknown key `{name}`"));
        let close = crate::diagnostics::closest(name, expected.iter().copied(), 2);
        d = match close {
            Some(k) => d.with_hint(format!(
                "did you mean `{k}`? The keys are: {}",
                expected.join(", ")
            )),
            None if !expected.is_empty() => {
                d.with_hint(format!("the keys here are: {}", expected.join(", ")))
            }
            None => d.with_hint(format!("the keys are: {keys}")),
        };
        return d;
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return Diagnostic::error(format!("`{name}` is missing"))
            .with_hint(format!("add `{name} = …`"));
    }
    let explained = explain(error, text);
    let message = if explained.syntax {
        format!("invalid TOML: {}", explained.problem)
    } else {
        explained.problem
    };
    Diagnostic {
        hint: explained.hint,
        ..Diagnostic::error(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_text(text: &str) -> Explained {
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        explain(&error, text)
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let e = explain_text("title = \"a\"\nbase = 1\ntitle = \"b\"\n");
        assert_eq!(e.problem, "duplicate key `title`");
        assert_eq!(
            e.hint.as_deref(),
            Some("`title` is set twice in the same table; remove one of the two `title = …` lines")
        );
        let e = explain_text("[extra]\na = 1\n[extra]\nb = 2\n");
        assert_eq!(e.problem, "duplicate key `extra`");
        assert_eq!(
            e.hint.as_deref(),
            Some("the table [extra] is written twice; merge the two into one")
        );
    }

    #[test]
    fn wrong_types_are_in_words_and_huge_numbers_stay_short() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Score {
            influence: i64,
        }
        let text = "influence = 1e308\n";
        let error = toml::from_str::<Score>(text).unwrap_err();
        let e = explain(&error, text);
        assert_eq!(e.problem, "expected a whole number, found the number 1e308");
        assert_eq!(
            e.hint.as_deref(),
            Some("write a whole number without quotes, like 3")
        );
        assert!(!e.syntax);
    }

    #[test]
    fn syntax_errors_get_hints() {
        for text in [
            "title = T\n",
            "title = 'T\n",
            "d = 2027-02-30\n",
            "n = 1e\n",
            "n = 01\n",
            "t = [\"a\" = 1]\n",
            "t = \"\u{7}\"\n",
            "a = 1 # \u{0}\n",
            "= 1\n",
            "[[a]\n",
            "title\n",
            "[extra\n",
            "list = [1 2]\n",
            "t = { a = 1,, }\n",
            "title = \"\\q\"\n",
            "a = 1 b = 2\n",
        ] {
            let e = explain_text(text);
            assert!(e.syntax, "{text:?}: {e:?}");
            assert!(e.hint.is_some(), "{text:?}: {e:?}");
        }
    }
}
