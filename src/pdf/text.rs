//! The fonts: glyph look-up, text widths and line wrapping.
//!
//! Text is set in the embedded Liberation Sans; a character it lacks is set in a font of the
//! machine that has it (see `fallback`), and as the empty box when none has. Glyphs are placed
//! one by one from the fonts' `cmap` and `hmtx` tables (no kerning, ligatures or shaping), so the
//! widths measured here are exactly the widths drawn.

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};

use super::PdfError;
pub(super) use super::face::Weight;
use super::face::{Face, NOTDEF};
use super::fallback;

const REGULAR_TTF: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("fonts/LiberationSans-Bold.ttf");

/// Characters after which an over-long word (a URL) is preferably broken.
const SOFT_BREAKS: &[char] = &['/', '-', '.', '?', '&', '=', '_', '#', ':'];

/// The two weights of Liberation Sans.
pub(super) struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

impl Fonts {
    pub(super) fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: FontFace::load(REGULAR_TTF, Weight::Regular, "Liberation Sans Regular")?,
            bold: FontFace::load(BOLD_TTF, Weight::Bold, "Liberation Sans Bold")?,
        })
    }

    pub(super) fn face(&self, weight: Weight) -> &FontFace {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Whether `face` is one of the embedded fonts rather than one of the machine.
    pub(super) fn is_embedded(&self, face: &Face) -> bool {
        std::ptr::eq(face, &self.regular.primary) || std::ptr::eq(face, &self.bold.primary)
    }
}

/// Characters that take no room and show nothing: control characters, and the invisible
/// formatting marks (zero-width spaces and joiners, direction marks and overrides, the
/// byte-order mark), which would otherwise be drawn as boxes.
pub(super) fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
        )
}

/// A run of text set in one face, as `draw` puts it on the page.
pub(super) struct Run<'f> {
    pub(super) face: &'f Face,
    /// The bytes of the text the run shows.
    pub(super) range: Range<usize>,
    /// Glyphs with text ranges relative to `range`.
    pub(super) glyphs: Vec<KrillaGlyph>,
    /// The run's width as a fraction of the font size.
    pub(super) advance: f32,
}

/// One weight of the embedded font, with the machine's fonts for what it lacks.
pub(super) struct FontFace {
    primary: Face,
    weight: Weight,
    /// Ascender and descender as fractions of the font size (descender positive).
    pub(super) ascent: f32,
    pub(super) descent: f32,
}

impl FontFace {
    fn load(bytes: &'static [u8], weight: Weight, name: &'static str) -> Result<Self, PdfError> {
        let primary = Face::load(bytes, 0).ok_or(PdfError::Font(name))?;
        Ok(Self {
            ascent: primary.ascent,
            descent: primary.descent,
            primary,
            weight,
        })
    }

    /// The face that draws a character, its glyph and its advance as a fraction of the font
    /// size; `None` for a character that is not drawn at all.
    fn glyph(&self, ch: char) -> Option<(&Face, skrifa::GlyphId, f32)> {
        if is_invisible(ch) {
            return None;
        }
        let (face, glyph) = match self.primary.glyph_id(ch) {
            Some(glyph) => (&self.primary, glyph),
            None => fallback::face_for(ch, self.weight)
                .and_then(|face| Some((face, face.glyph_id(ch)?)))
                .unwrap_or((&self.primary, skrifa::GlyphId::new(NOTDEF))),
        };
        Some((face, glyph, face.advance(glyph)))
    }

    /// The face `ch` is drawn in, when some font has it: the embedded one or one of the machine.
    pub(super) fn face_of(&self, ch: char) -> Option<&Face> {
        if self.primary.glyph_id(ch).is_some() {
            return Some(&self.primary);
        }
        fallback::face_for(ch, self.weight).filter(|face| face.glyph_id(ch).is_some())
    }

    fn char_width(&self, ch: char, size: f32) -> f32 {
        self.glyph(ch).map_or(0.0, |(_, _, advance)| advance * size)
    }

    /// Width of a single line of text, in points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.char_width(ch, size)).sum()
    }

    /// The runs of glyphs that draw `text`, one per stretch of text in the same face, each glyph
    /// tied to the characters it shows so that the text can be selected and extracted.
    pub(super) fn runs(&self, text: &str) -> Vec<Run<'_>> {
        let mut runs: Vec<Run<'_>> = Vec::new();
        for (start, ch) in text.char_indices() {
            let end = start + ch.len_utf8();
            let glyph = self.glyph(ch);
            // Characters drawn by nothing stay with the run they are in.
            let new_run = match (runs.last(), glyph) {
                (None, _) => true,
                (Some(run), Some((face, _, _))) => {
                    !std::ptr::eq(run.face, face) && !run.glyphs.is_empty()
                }
                (Some(_), None) => false,
            };
            if new_run {
                runs.push(Run {
                    face: glyph.map_or(&self.primary, |(face, _, _)| face),
                    range: start..start,
                    glyphs: Vec::new(),
                    advance: 0.0,
                });
            }
            let Some(run) = runs.last_mut() else {
                continue;
            };
            if let Some((face, glyph, advance)) = glyph {
                run.face = face;
                run.glyphs.push(KrillaGlyph::new(
                    GlyphId::new(glyph.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    start - run.range.start..end - run.range.start,
                    None,
                ));
                run.advance += advance;
            }
            run.range.end = end;
        }
        runs
    }

    /// Breaks text into lines no wider than `max_width`, at spaces where it
    /// can and inside words that are wider than a line on their own.
    /// Line breaks in the text are kept; runs of spaces become one; other
    /// control characters are dropped.
    ///
    /// A line that ends where a space was keeps that space (it is invisible
    /// at the end of a line), so that text extracted from the PDF, and read
    /// out by a screen reader, has its words apart.
    pub(super) fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let printable: String = text
            .chars()
            .filter(|ch| !ch.is_control() || ch.is_whitespace())
            .collect();
        let mut lines = Vec::new();
        for paragraph in printable.lines() {
            self.wrap_paragraph(paragraph, size, max_width, &mut lines);
        }
        if let Some(last) = lines.last_mut() {
            last.truncate(last.trim_end().len());
        }
        lines
    }

    fn wrap_paragraph(&self, paragraph: &str, size: f32, max_width: f32, lines: &mut Vec<String>) {
        let space_width = self.char_width(' ', size);
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = self.width(word, size);
            if !line.is_empty() && line_width + space_width + word_width <= max_width {
                line.push(' ');
                line.push_str(word);
                line_width += space_width + word_width;
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
                lines.push(std::mem::take(&mut line));
            }
            let mut pieces = self.break_word(word, size, max_width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces.into_iter().map(str::to_owned));
            line_width = self.width(last, size);
            line = last.to_owned();
        }
        if !line.is_empty() {
            line.push(' ');
            lines.push(line);
        }
    }

    /// Cuts a word into pieces that each fit `max_width` (every piece holds
    /// at least one character), preferring to cut after a [`SOFT_BREAKS`]
    /// character in the second half of a piece.
    fn break_word<'w>(&self, word: &'w str, size: f32, max_width: f32) -> Vec<&'w str> {
        let mut pieces = Vec::new();
        let mut rest = word;
        while self.width(rest, size) > max_width {
            let cut = self.cut_position(rest, size, max_width);
            let (piece, remainder) = rest.split_at(cut);
            pieces.push(piece);
            rest = remainder;
        }
        if !rest.is_empty() {
            pieces.push(rest);
        }
        pieces
    }

    /// Byte index at which to cut `text` so that the part before it fits.
    fn cut_position(&self, text: &str, size: f32, max_width: f32) -> usize {
        let mut fitting_end = 0;
        let mut soft_break_end = None;
        let mut width = 0.0;
        for (index, ch) in text.char_indices() {
            let advance = self.char_width(ch, size);
            if fitting_end > 0 && width + advance > max_width {
                break;
            }
            width += advance;
            fitting_end = index + ch.len_utf8();
            if SOFT_BREAKS.contains(&ch) && width >= max_width / 2.0 {
                soft_break_end = Some(fitting_end);
            }
        }
        soft_break_end
            .filter(|&end| end < text.len())
            .unwrap_or(fitting_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> FontFace {
        FontFace::load(REGULAR_TTF, Weight::Regular, "regular").expect("embedded font loads")
    }

    #[test]
    fn every_wrapped_line_fits_and_no_text_is_lost() {
        let face = regular();
        let text = "Wie is verantwoordelijk voor de coördinatie van het ‘implementatieplan’ — en wanneer wordt het geëvalueerd…";
        let lines = face.wrap(text, 10.0, 120.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(
                face.width(line.trim_end(), 10.0) <= 120.0,
                "{line:?} is too wide"
            );
            assert!(
                line.ends_with(' ') || line == lines.last().unwrap_or(line),
                "{line:?}"
            );
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn a_long_url_is_broken_preferably_after_a_slash() {
        let face = regular();
        let url = "https://example.org/implementation/toolkit/checklists/inner-setting/evidence-base/very-long-path";
        let lines = face.wrap(&format!("See {url} today"), 10.0, 150.0);
        for line in &lines {
            assert!(
                face.width(line.trim_end(), 10.0) <= 150.0,
                "{line:?} is too wide"
            );
        }
        assert_eq!(lines.concat().replace(' ', ""), format!("See{url}today"));
        assert!(
            lines[1].ends_with('/') || lines[1].ends_with('-'),
            "{lines:?}"
        );
    }

    #[test]
    fn a_line_narrower_than_one_character_still_makes_progress() {
        let face = regular();
        let lines = face.wrap("WWW", 10.0, 1.0);
        assert_eq!(lines, ["W", "W", "W"]);
        assert_eq!(face.wrap("", 10.0, 100.0), Vec::<String>::new());
        assert_eq!(
            face.wrap("one\n\ntwo  three", 10.0, 100.0),
            ["one ", "two three"]
        );
    }

    #[test]
    fn accented_latin_characters_have_glyphs() {
        let face = regular();
        for ch in "éëïüôç“”‘’–—…·".chars() {
            assert!(face.primary.glyph_id(ch).is_some(), "no glyph for {ch}");
        }
    }
}
