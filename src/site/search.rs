//! The search index of one language, made at build time: every page and every part of a page
//! that its kind indexes on its own (a checklist's items) as a document, and an inverted index
//! from normalised words to documents. `search.js` loads it the first time someone searches and
//! matches query words as prefixes of indexed words, so `patiënt` finds `patiënten` and
//! `Patienten`. Words are normalised the same way on both sides: folded ([`crate::text::fold`]:
//! lower case, accents removed), split at anything that is not a letter, digit or mark. The
//! index carries the fold's table of letters, so the script folds queries with the same table.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

use super::Site;
use crate::text::fold;

/// How much a match in each part of a document counts.
const WEIGHT_TITLE: u8 = 3;
const WEIGHT_HEADING: u8 = 2;
const WEIGHT_TEXT: u8 = 1;

/// One search result: a page or a part of one.
#[derive(Debug, Serialize)]
struct Document {
    /// Title (of the page, or the item's text).
    t: String,
    /// URL, with the site's base path.
    u: String,
    /// Where it is: the section of a page, the checklist of an item.
    c: String,
}

#[derive(Debug, Serialize)]
struct Index {
    version: u8,
    /// The fold's letters that do not decompose ([`crate::text::LETTERS`]), for `search.js`.
    fold: serde_json::Value,
    docs: Vec<Document>,
    /// Word → the documents it is in, ascending, each as `(gap from the previous document << 2)
    /// | weight`: small numbers keep the file small.
    words: BTreeMap<String, Vec<u32>>,
}

/// The normalised words of a text, two characters or longer.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    each_word(&fold(text), |w| found.push(w.to_string()));
    found
}

/// Calls `found` with each word of a normalised text, two characters or longer. Marks belong to
/// their words (`हिन्दी` is one word).
fn each_word<'a>(normalised: &'a str, mut found: impl FnMut(&'a str)) {
    for word in normalised.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c))) {
        let long_enough = if word.is_ascii() {
            word.len() >= 2
        } else {
            word.chars().nth(1).is_some()
        };
        if long_enough {
            found(word);
        }
    }
}

/// A document and the best weight of each of its words.
struct Entry {
    doc: Document,
    words: Vec<(String, u8)>,
}

impl Entry {
    fn new(doc: Document, parts: &[(&str, u8)]) -> Entry {
        let normalised: Vec<(String, u8)> = parts
            .iter()
            .map(|(text, weight)| (fold(text), *weight))
            .collect();
        let mut best: FxHashMap<&str, u8> = FxHashMap::default();
        for (text, weight) in &normalised {
            each_word(text, |word| {
                let known = best.entry(word).or_default();
                *known = (*known).max(*weight);
            });
        }
        Entry {
            doc,
            words: best
                .into_iter()
                .map(|(word, weight)| (word.to_string(), weight))
                .collect(),
        }
    }
}

fn assemble(entries: Vec<Entry>) -> Index {
    // Word → (the last document it was seen in, its postings).
    let mut postings: FxHashMap<String, (u32, Vec<u32>)> = FxHashMap::default();
    let mut docs = Vec::with_capacity(entries.len());
    for (number, entry) in entries.into_iter().enumerate() {
        let number = number as u32;
        for (word, weight) in entry.words {
            match postings.get_mut(word.as_str()) {
                Some((last, list)) => {
                    list.push(((number - *last) << 2) | u32::from(weight));
                    *last = number;
                }
                None => {
                    postings.insert(word, (number, vec![(number << 2) | u32::from(weight)]));
                }
            }
        }
        docs.push(entry.doc);
    }
    Index {
        version: 2,
        fold: crate::text::letters_json(),
        docs,
        words: postings
            .into_iter()
            .map(|(word, (_, list))| (word, list))
            .collect(),
    }
}

/// The index of `lang` as JSON.
pub fn index(site: &Site, lang: &str) -> Vec<u8> {
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].lang == lang && site.pages[i].source.is_some())
        .collect();
    let entries: Vec<Entry> = pages
        .par_iter()
        .flat_map_iter(|&i| page_entries(site, i, lang))
        .collect();
    serde_json::to_vec(&assemble(entries)).unwrap_or_default()
}

/// The page and the parts of it that its kind indexes on their own.
fn page_entries(site: &Site, index: usize, lang: &str) -> Vec<Entry> {
    let page = &site.pages[index];
    let url = site.url_path(&page.url);
    let context = page
        .parent
        .as_ref()
        .and_then(|key| site.index.get(&(key.clone(), lang.to_string())))
        .map(|&i| site.public(i).title.to_string())
        .unwrap_or_default();
    let extra = page.kind.search(&page.data);
    let text = if extra.text.is_empty() {
        std::borrow::Cow::Borrowed(page.plain.as_str())
    } else {
        let mut text = page.plain.clone();
        for more in &extra.text {
            text.push(' ');
            text.push_str(more);
        }
        std::borrow::Cow::Owned(text)
    };
    let headings: Vec<&str> = page.headings.iter().map(|h| h.title.as_str()).collect();
    let mut entries = vec![Entry::new(
        Document {
            t: page.title.clone(),
            u: url.clone(),
            c: context,
        },
        &[
            (&page.title, WEIGHT_TITLE),
            (
                page.front.description.as_deref().unwrap_or(""),
                WEIGHT_HEADING,
            ),
            (&headings.join(" "), WEIGHT_HEADING),
            (&text, WEIGHT_TEXT),
        ],
    )];
    for part in extra.entries {
        entries.push(Entry::new(
            Document {
                t: part.title.clone(),
                u: format!("{url}#{}", part.anchor),
                c: page.title.clone(),
            },
            &[(&part.title, WEIGHT_TITLE), (&part.about, WEIGHT_TEXT)],
        ));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_without_accents() {
        let found = words("Patiënten, één café—self-help; a 2e keer");
        assert_eq!(
            found,
            ["patienten", "een", "cafe", "self", "help", "2e", "keer"]
        );
    }

    #[test]
    fn each_document_keeps_its_best_weight_per_word_and_gaps_are_encoded() {
        let doc = |t: &str| Document {
            t: t.into(),
            u: format!("/{t}/"),
            c: String::new(),
        };
        let index = assemble(vec![
            Entry::new(
                doc("a"),
                &[("Plan", WEIGHT_TITLE), ("plan the plan", WEIGHT_TEXT)],
            ),
            Entry::new(doc("b"), &[("Other", WEIGHT_TITLE)]),
            Entry::new(doc("c"), &[("a plan", WEIGHT_TEXT)]),
        ]);
        // Documents 0 (weight 3) and 2 (gap 2, weight 1).
        assert_eq!(index.words["plan"], [3, (2 << 2) | 1]);
        assert_eq!(index.words["the"], [1]);
        assert!(!index.words.contains_key("a"));
    }

    #[test]
    fn words_are_the_words_of_the_shared_vectors() {
        // `search.js` gives the same words (tests/browser/fold-vectors.mjs).
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/fold-vectors.json")).unwrap();
        for case in vectors["words"].as_array().unwrap() {
            let text = case["text"].as_str().unwrap();
            let wanted: Vec<&str> = case["words"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|w| w.as_str())
                .collect();
            assert_eq!(words(text), wanted, "{text}");
        }
    }

    #[test]
    fn accents_and_case_match_both_ways() {
        let index = assemble(vec![
            Entry::new(
                Document {
                    t: "Őszi ülés".into(),
                    u: "/a/".into(),
                    c: String::new(),
                },
                &[("Őszi ülés", WEIGHT_TITLE)],
            ),
            Entry::new(
                Document {
                    t: "Ules".into(),
                    u: "/b/".into(),
                    c: String::new(),
                },
                &[("Ules Straße", WEIGHT_TITLE)],
            ),
        ]);
        // Both documents hold `ules`, and every way of writing it finds them.
        assert_eq!(index.words["ules"], [3, (1 << 2) | 3]);
        for query in ["ulés", "Ülés", "ules", "ÜLES"] {
            assert_eq!(words(query), ["ules"], "{query}");
        }
        assert_eq!(words("STRASSE straße"), ["strasse", "strasse"]);
        assert_eq!(words("हिन्दी Η συνάντηση"), ["हिन्दी", "συναντηση"]);
    }
}
