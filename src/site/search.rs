//! The search index of one language, made at build time: every page and every checklist item as
//! a document, and an inverted index from normalised words to documents. `search.js` loads it
//! the first time someone searches and matches query words as prefixes of indexed words, so
//! `patiënt` finds `patiënten` and `Patienten`. Words are normalised the same way on both sides:
//! lower case, accents removed (NFD, combining marks dropped), split at anything that is not a
//! letter or digit.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Site;
use crate::kinds::checklist::ChecklistData;

/// How much a match in each part of a document counts.
const WEIGHT_TITLE: u8 = 3;
const WEIGHT_HEADING: u8 = 2;
const WEIGHT_TEXT: u8 = 1;

/// One search result: a page or a checklist item.
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
    docs: Vec<Document>,
    /// Word → the documents it is in, ascending, each as `(gap from the previous document << 2)
    /// | weight`: small numbers keep the file small.
    words: BTreeMap<String, Vec<u32>>,
}

/// Lower case, accents removed.
pub fn normalise(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The normalised words of a text, two characters or longer.
pub fn words(text: &str) -> Vec<String> {
    normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// A document and the best weight of each of its words.
struct Entry {
    doc: Document,
    words: HashMap<String, u8>,
}

impl Entry {
    fn new(doc: Document, parts: &[(&str, u8)]) -> Entry {
        let mut words: HashMap<String, u8> = HashMap::new();
        for (text, weight) in parts {
            for word in self::words(text) {
                let best = words.entry(word).or_default();
                *best = (*best).max(*weight);
            }
        }
        Entry { doc, words }
    }
}

fn assemble(entries: Vec<Entry>) -> Index {
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    let mut last: HashMap<String, u32> = HashMap::new();
    let mut docs = Vec::with_capacity(entries.len());
    for (number, entry) in entries.into_iter().enumerate() {
        let number = number as u32;
        for (word, weight) in entry.words {
            let previous = last.insert(word.clone(), number);
            let gap = previous.map_or(number, |p| number - p);
            postings
                .entry(word)
                .or_default()
                .push((gap << 2) | u32::from(weight));
        }
        docs.push(entry.doc);
    }
    Index {
        version: 2,
        docs,
        words: postings.into_iter().collect(),
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

/// The page and, on a checklist, each of its items.
fn page_entries(site: &Site, index: usize, lang: &str) -> Vec<Entry> {
    let page = &site.pages[index];
    let url = site.url_path(&page.url);
    let context = page
        .parent
        .as_ref()
        .and_then(|key| site.index.get(&(key.clone(), lang.to_string())))
        .map(|&i| site.pages[i].title.clone())
        .unwrap_or_default();
    let headings: Vec<&str> = page.headings.iter().map(|h| h.title.as_str()).collect();
    let body = crate::markdown::plain_text(&page.text[page.body_offset..]);
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
            (&body, WEIGHT_TEXT),
        ],
    )];
    if page.kind.name() == "checklist"
        && let Some(data) = ChecklistData::from_value(&page.data)
    {
        for item in data.items() {
            let about = [
                item.role.as_deref().unwrap_or(""),
                item.construct.as_deref().unwrap_or(""),
            ]
            .join(" ");
            entries.push(Entry::new(
                Document {
                    t: item.text.plain.clone(),
                    u: format!("{url}#{}", item.id),
                    c: page.title.clone(),
                },
                &[(&item.text.plain, WEIGHT_TITLE), (&about, WEIGHT_TEXT)],
            ));
        }
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
}
