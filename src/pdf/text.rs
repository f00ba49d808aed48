//! The embedded fonts: glyph look-up, text widths and line wrapping.
//!
//! Text is set glyph by glyph from the font's `cmap` and `hmtx` tables
//! (no kerning or ligatures), so the widths measured here are exactly the
//! widths drawn.

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use super::PdfError;

const REGULAR_TTF: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("fonts/LiberationSans-Bold.ttf");

/// The glyph drawn for characters the font lacks.
const NOTDEF: u32 = 0;

/// Characters after which an over-long word (a URL) is preferably broken.
const SOFT_BREAKS: &[char] = &['/', '-', '.', '?', '&', '=', '_', '#', ':'];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// The two weights of Liberation Sans.
pub(super) struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

impl Fonts {
    pub(super) fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: FontFace::load(REGULAR_TTF, "Liberation Sans Regular")?,
            bold: FontFace::load(BOLD_TTF, "Liberation Sans Bold")?,
        })
    }

    pub(super) fn face(&self, weight: Weight) -> &FontFace {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// One font: the handle krilla embeds and the metrics used to measure text.
pub(super) struct FontFace {
    pub(super) pdf_font: krilla::text::Font,
    charmap: Charmap<'static>,
    glyph_metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Ascender and descender as fractions of the font size (descender positive).
    pub(super) ascent: f32,
    pub(super) descent: f32,
}

impl FontFace {
    fn load(bytes: &'static [u8], name: &'static str) -> Result<Self, PdfError> {
        let font = FontRef::new(bytes).map_err(|_| PdfError::Font(name))?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(PdfError::Font(name));
        }
        let pdf_font = krilla::text::Font::new(bytes.into(), 0).ok_or(PdfError::Font(name))?;
        Ok(Self {
            pdf_font,
            charmap: font.charmap(),
            glyph_metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
        })
    }

    /// The glyph for a character and its advance as a fraction of the font size.
    fn glyph(&self, ch: char) -> (skrifa::GlyphId, f32) {
        let glyph = self.charmap.map(ch).unwrap_or(skrifa::GlyphId::new(NOTDEF));
        let advance = self.glyph_metrics.advance_width(glyph).unwrap_or(0.0);
        (glyph, advance / self.units_per_em)
    }

    fn char_width(&self, ch: char, size: f32) -> f32 {
        self.glyph(ch).1 * size
    }

    /// Width of a single line of text, in points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.char_width(ch, size)).sum()
    }

    /// The glyphs that draw `text`, each tied to the characters it shows so
    /// that the text can be selected and extracted.
    pub(super) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(start, ch)| {
                let (glyph, advance) = self.glyph(ch);
                KrillaGlyph::new(
                    GlyphId::new(glyph.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    start..start + ch.len_utf8(),
                    None,
                )
            })
            .collect()
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
        FontFace::load(REGULAR_TTF, "regular").expect("embedded font loads")
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
            assert_ne!(face.glyph(ch).0.to_u32(), NOTDEF, "no glyph for {ch}");
        }
    }
}
