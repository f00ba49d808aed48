//! Fonts of the machine for the characters Liberation Sans lacks (CJK, Arabic, Devanagari, …):
//! the faces `fontdb` finds in the system's font folders, tried in a fixed order, so that the same
//! machine always draws a form with the same fonts.
//!
//! Nothing is read until a character needs it: the folders are scanned once, a face's character
//! coverage is read once, and only the faces that draw something stay loaded for the rest of the
//! process. Private-use characters are never looked up: every font means something else by them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use skrifa::MetadataProvider;

use super::face::{Face, Weight};

/// One face of a font file on the machine.
struct Candidate {
    path: PathBuf,
    index: u32,
    weight: u16,
    upright: bool,
    monospaced: bool,
    /// The characters the face has outlines for, as sorted inclusive ranges; read on first use.
    coverage: OnceLock<Vec<(u32, u32)>>,
    /// The face, once it has drawn something; `None` when it could not be loaded.
    loaded: OnceLock<Option<&'static Face>>,
}

impl Candidate {
    fn covers(&self, ch: char) -> bool {
        let ranges = self
            .coverage
            .get_or_init(|| read_coverage(&self.path, self.index));
        let code = u32::from(ch);
        let i = ranges.partition_point(|&(_, end)| end < code);
        ranges.get(i).is_some_and(|&(start, _)| start <= code)
    }

    fn face(&self) -> Option<&'static Face> {
        *self.loaded.get_or_init(|| {
            let bytes = std::fs::read(&self.path).ok()?;
            // Kept for the rest of the process: the face draws into every later form.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            Face::load(bytes, self.index).map(|face| &*Box::leak(Box::new(face)))
        })
    }
}

/// Every candidate face, and the order each weight tries them in.
struct SystemFonts {
    candidates: Vec<Candidate>,
    regular_order: Vec<usize>,
    bold_order: Vec<usize>,
    /// The face found for a character and weight (an index into `candidates`), or none.
    found: Mutex<HashMap<(char, Weight), Option<usize>>>,
}

fn system() -> &'static SystemFonts {
    static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();
    SYSTEM.get_or_init(SystemFonts::scan)
}

impl SystemFonts {
    fn scan() -> SystemFonts {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        let candidates: Vec<Candidate> = database
            .faces()
            .filter_map(|info| match &info.source {
                fontdb::Source::File(path) => Some(Candidate {
                    path: path.clone(),
                    index: info.index,
                    weight: info.weight.0,
                    upright: info.style == fontdb::Style::Normal,
                    monospaced: info.monospaced,
                    coverage: OnceLock::new(),
                    loaded: OnceLock::new(),
                }),
                _ => None,
            })
            .collect();
        let order = |target: u16| {
            let mut order: Vec<usize> = (0..candidates.len()).collect();
            order.sort_by_key(|&i| {
                let c = &candidates[i];
                (
                    !c.upright,
                    c.weight.abs_diff(target),
                    c.monospaced,
                    c.path.clone(),
                    c.index,
                )
            });
            order
        };
        SystemFonts {
            regular_order: order(400),
            bold_order: order(700),
            candidates,
            found: Mutex::new(HashMap::new()),
        }
    }

    fn find(&self, ch: char, weight: Weight) -> Option<&'static Face> {
        let known = self
            .found
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(ch, weight))
            .copied();
        let index = match known {
            Some(index) => index,
            None => {
                let order = match weight {
                    Weight::Regular => &self.regular_order,
                    Weight::Bold => &self.bold_order,
                };
                let index = order.iter().copied().find(|&i| {
                    let candidate = &self.candidates[i];
                    candidate.covers(ch) && candidate.face().is_some()
                });
                self.found
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert((ch, weight), index);
                index
            }
        };
        self.candidates[index?].face()
    }
}

/// A face of the machine that draws `ch`, preferring one close to `weight`.
pub(super) fn face_for(ch: char, weight: Weight) -> Option<&'static Face> {
    if is_private_use(ch) {
        return None;
    }
    system().find(ch, weight)
}

/// Characters whose look every font defines for itself.
fn is_private_use(ch: char) -> bool {
    matches!(ch, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// The characters a face has outlines for; nothing for a face without outlines (a bitmap-only
/// emoji font) or that cannot be read.
fn read_coverage(path: &std::path::Path, index: u32) -> Vec<(u32, u32)> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(font) = skrifa::FontRef::from_index(&bytes, index) else {
        return Vec::new();
    };
    if font.outline_glyphs().format().is_none() {
        return Vec::new();
    }
    let mut codes: Vec<u32> = font
        .charmap()
        .mappings()
        .filter(|(_, glyph)| glyph.to_u32() != 0)
        .map(|(code, _)| code)
        .collect();
    codes.sort_unstable();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for code in codes {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 >= code => *end = (*end).max(code),
            _ => ranges.push((code, code)),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_characters_are_never_looked_up() {
        assert!(face_for('\u{e000}', Weight::Regular).is_none());
        assert!(face_for('\u{10fffd}', Weight::Bold).is_none());
        assert!(!is_private_use('項'));
    }
}
