//! The checks of an e-mail guide's rules, applied to a message: word and sentence counts,
//! phrases that must or must not appear (every place a flagged phrase appears, not only the
//! first), words about risk that point to a procedure, a question. Pure functions over text; the same checks
//! are written once more in `email-guide.js` for the browser, and both are tested against
//! `tests/data/email-vectors.json`.
//!
//! Matching ignores case, punctuation and accents (`patiënt` matches `patient`), and a phrase
//! matches whole words in one sentence (`you must` does not match `you mustard`); a word of a
//! phrase ending in `*` matches any word it begins (`catastroph*`).

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The kinds of check a rule can make.
pub const CHECKS: &[&str] = &[
    "max-words",
    "max-sentence-words",
    "contains-phrase",
    "asks-question",
    "flagged-phrases",
    "risk-phrases",
];

/// Checks that need a `limit`.
pub const LIMIT_CHECKS: &[&str] = &["max-words", "max-sentence-words"];

/// Checks that need `phrases`.
pub const PHRASE_CHECKS: &[&str] = &["contains-phrase", "flagged-phrases", "risk-phrases"];

/// Checks that flag the phrases they find. `risk-phrases` matches like `flagged-phrases`, but
/// what it finds is not a fault of the message: it points to a procedure (the rule's `see`).
pub const FLAGGING_CHECKS: &[&str] = &["flagged-phrases", "risk-phrases"];

/// Abbreviations after which a full stop does not end a sentence (English and Dutch), written
/// lower-case and without accents.
pub const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "etc.", "vs.", "dr.", "mr.", "mrs.", "ms.", "prof.", "approx.", "a.m.", "p.m.",
    "bijv.", "bv.", "b.v.", "d.w.z.", "o.a.", "e.a.", "enz.", "mevr.", "dhr.", "drs.", "nr.",
    "ca.", "m.b.t.", "i.p.v.", "z.s.m.", "t.z.t.", "evt.", "vgl.", "zgn.", "incl.", "excl.",
    "resp.", "al.",
];

/// A rule as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub check: String,
    pub severity: String,
    pub message: String,
    pub source: String,
    /// A short name for people, in the page's language; the id when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Where the rule's number comes from: `source` (the source states it) or
    /// `toolkit-default` (no source gives it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Inline Markdown shown with the rule and its findings: where to turn (a procedure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub see: Option<String>,
    /// Where `see` starts in the page's body, for messages about its links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub see_at: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

impl Rule {
    /// Whether a message must pass the rule (errors and warnings) or may ignore it (tips).
    pub fn is_required(&self) -> bool {
        self.severity != "tip"
    }

    /// The name people see: `name`, or the id.
    pub fn shown_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// What one rule says about one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub pass: bool,
    /// The words the verdict is about: the first flagged phrase, or a sentence that is too long.
    pub at: Option<Range<usize>>,
    /// Every place a flagged phrase appears, in the order of the text (`at` is the first).
    pub all: Vec<Range<usize>>,
    /// A count for the limit checks: words in the message, or in its longest sentence.
    pub count: Option<usize>,
}

impl Verdict {
    fn pass() -> Verdict {
        Verdict {
            pass: true,
            at: None,
            all: Vec::new(),
            count: None,
        }
    }
}

/// The text folded ([`crate::text::fold`]: lower case without accents), with typographic
/// apostrophes made straight.
pub fn fold(text: &str) -> String {
    crate::text::fold(text)
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || crate::text::is_accent(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// The words of a text for matching: runs of letters and digits, with apostrophes inside a
/// word kept (`doesn't`), each folded, with its byte range.
pub fn tokens(text: &str) -> Vec<(String, Range<usize>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_word_char(chars[i].1)
                || (is_apostrophe(chars[i].1)
                    && chars.get(i + 1).is_some_and(|(_, c)| is_word_char(*c))))
        {
            i += 1;
        }
        let from = chars[start].0;
        let to = chars.get(i).map_or(text.len(), |(at, _)| *at);
        out.push((fold(&text[from..to]), from..to));
    }
    out
}

/// The number of words: pieces between white space that hold a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(is_word_char))
        .count()
}

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &[
    '"', '\'', '\u{201d}', '\u{2019}', ')', ']', '»', '\u{201c}', '*', '_',
];

/// The sentences of a text, as byte ranges without surrounding white space. A sentence ends at
/// `.`, `!`, `?` or `…` followed by white space (after any closing quotes or brackets), and at
/// a blank line; not after a known abbreviation (`e.g.`, `bijv.`), and not at `.` or `…` when
/// the next word starts with a lower-case letter.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &text[from..to];
        let trimmed_start = from + (piece.len() - piece.trim_start().len());
        let trimmed_end = from + piece.trim_end().len();
        if trimmed_end > trimmed_start && text[trimmed_start..trimmed_end].chars().any(is_word_char)
        {
            out.push(trimmed_start..trimmed_end);
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '\n' {
            // A blank line ends a sentence.
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != '\n' && chars[j].1.is_whitespace() {
                j += 1;
            }
            if j < chars.len() && chars[j].1 == '\n' {
                push(start, at(i), &mut out);
                start = at(j);
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && TERMINATORS.contains(&chars[i].1) {
            i += 1;
        }
        while i < chars.len() && CLOSERS.contains(&chars[i].1) {
            i += 1;
        }
        if i < chars.len() && !chars[i].1.is_whitespace() {
            continue;
        }
        let run: String = chars[run_start..i]
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| TERMINATORS.contains(c))
            .collect();
        let strong = run.contains('?') || run.contains('!');
        if !strong {
            // The next word, after white space.
            let mut j = i;
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            let next_lower = chars.get(j).is_some_and(|(_, c)| c.is_lowercase());
            if next_lower {
                continue;
            }
            if run == "." {
                let mut w = run_start;
                while w > 0 && !chars[w - 1].1.is_whitespace() && chars[w - 1].1 != '(' {
                    w -= 1;
                }
                let word = fold(&text[at(w)..at(run_start + 1)]);
                if ABBREVIATIONS.contains(&word.as_str()) {
                    continue;
                }
            }
        }
        push(start, at(i), &mut out);
        start = at(i);
    }
    push(start, text.len(), &mut out);
    out
}

/// Whether a sentence is a question: its final punctuation holds a `?`.
fn is_question(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
    let tail: String = end
        .chars()
        .rev()
        .take_while(|c| TERMINATORS.contains(c))
        .collect();
    tail.contains('?')
}

/// A phrase as the words it must match, each with whether it matches any word it begins.
fn wanted_words(phrase: &str) -> Vec<(String, bool)> {
    phrase
        .split_whitespace()
        .flat_map(|part| {
            let prefix = part.ends_with('*');
            let mut parts: Vec<(String, bool)> = tokens(part.trim_end_matches('*'))
                .into_iter()
                .map(|(t, _)| (t, false))
                .collect();
            if let Some(last) = parts.last_mut() {
                last.1 = prefix;
            }
            parts
        })
        .collect()
}

/// Every place in `text` where one of `phrases` appears, as whole words within one sentence,
/// in the order of the text. At each word the first phrase of the list that matches there is
/// taken, and the search goes on after it, so places do not overlap.
pub fn find_phrases(text: &str, phrases: &[String]) -> Vec<Range<usize>> {
    let wanted: Vec<Vec<(String, bool)>> = phrases
        .iter()
        .map(|p| wanted_words(p))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let words = tokens(&text[sentence.clone()]);
        let mut s = 0;
        while s < words.len() {
            let hit = wanted.iter().find(|want| {
                want.len() <= words.len() - s
                    && want
                        .iter()
                        .zip(&words[s..])
                        .all(|((want, prefix), (w, _))| {
                            if *prefix {
                                w.starts_with(want.as_str())
                            } else {
                                w == want
                            }
                        })
            });
            match hit {
                Some(want) => {
                    let last = s + want.len() - 1;
                    out.push(sentence.start + words[s].1.start..sentence.start + words[last].1.end);
                    s = last + 1;
                }
                None => s += 1,
            }
        }
    }
    out
}

/// The first place in `text` where one of `phrases` appears, as whole words within one
/// sentence.
pub fn find_phrase(text: &str, phrases: &[String]) -> Option<Range<usize>> {
    find_phrases(text, phrases).into_iter().next()
}

/// What `rule` says about `text`.
pub fn check(rule: &Rule, text: &str) -> Verdict {
    let limit = rule.limit.unwrap_or(u64::MAX) as usize;
    match rule.check.as_str() {
        "max-words" => {
            let count = word_count(text);
            Verdict {
                pass: count <= limit,
                at: None,
                all: Vec::new(),
                count: Some(count),
            }
        }
        "max-sentence-words" => {
            let longest = sentences(text)
                .into_iter()
                .map(|s| (word_count(&text[s.clone()]), s))
                .fold(None::<(usize, Range<usize>)>, |best, next| match best {
                    Some(b) if b.0 >= next.0 => Some(b),
                    _ => Some(next),
                });
            match longest {
                Some((count, range)) => Verdict {
                    pass: count <= limit,
                    at: (count > limit).then_some(range),
                    all: Vec::new(),
                    count: Some(count),
                },
                None => Verdict {
                    pass: true,
                    at: None,
                    all: Vec::new(),
                    count: Some(0),
                },
            }
        }
        "contains-phrase" => Verdict {
            pass: find_phrase(text, &rule.phrases).is_some(),
            at: None,
            all: Vec::new(),
            count: None,
        },
        "flagged-phrases" | "risk-phrases" => {
            let all = find_phrases(text, &rule.phrases);
            match all.first() {
                Some(first) => Verdict {
                    pass: false,
                    at: Some(first.clone()),
                    all,
                    count: None,
                },
                None => Verdict::pass(),
            }
        }
        "asks-question" => Verdict {
            pass: sentences(text)
                .iter()
                .any(|s| is_question(&text[s.clone()])),
            at: None,
            all: Vec::new(),
            count: None,
        },
        _ => Verdict::pass(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Patiënt Één Café doesn’t"), "patient een cafe doesn't");
        assert_eq!(fold("e\u{0301}"), "e");
        assert_eq!(fold("Őszi ülés, Straße"), "oszi ules, strasse");
    }

    #[test]
    fn splits_sentences_at_stops_but_not_after_abbreviations() {
        assert_eq!(
            shown("Well done, e.g. on Monday. How did it go? Great!\n\nBye"),
            [
                "Well done, e.g. on Monday.",
                "How did it go?",
                "Great!",
                "Bye"
            ]
        );
        assert_eq!(
            shown("Bijv. maandag… en dinsdag. Klaar"),
            ["Bijv. maandag… en dinsdag.", "Klaar"]
        );
    }

    #[test]
    fn phrases_match_whole_words_within_a_sentence() {
        let p = |s: &str| vec![s.to_string()];
        assert!(find_phrase("You must go.", &p("you must")).is_some());
        assert!(find_phrase("You mustard.", &p("you must")).is_none());
        assert!(find_phrase("No. Rush hour.", &p("no rush")).is_none());
        assert!(find_phrase("Cognitieve   distorsie!", &p("cognitieve distorsie")).is_some());
        assert!(find_phrase("Catastrophising again", &p("catastroph*")).is_some());
    }

    #[test]
    fn every_place_a_phrase_appears_is_found_in_text_order() {
        let text = "You must rest. You didn't do it, so you must try. Must you?";
        let phrases = vec!["you must".to_string(), "you didn't do".to_string()];
        let found: Vec<&str> = find_phrases(text, &phrases)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["You must", "You didn't do", "you must"]);
    }
}
