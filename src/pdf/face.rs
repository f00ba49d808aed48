//! One face of a font file, as the PDF forms use it: the handle krilla embeds and the metrics
//! that measure text. Both the embedded fonts (`text`) and the machine's fonts (`fallback`) are
//! faces.

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

/// The glyph drawn for characters no font has.
pub(super) const NOTDEF: u32 = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// One face of a font file: the handle krilla embeds and the metrics used to measure text.
pub(super) struct Face {
    pub(super) pdf_font: krilla::text::Font,
    /// A digest of the font file and the face's index in it, to tell fonts apart.
    pub(super) digest: blake3::Hash,
    charmap: Charmap<'static>,
    glyph_metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Ascender and descender as fractions of the font size (descender positive).
    pub(super) ascent: f32,
    pub(super) descent: f32,
}

impl Face {
    /// Face `index` of a font file; `None` when it cannot be read or embedded.
    pub(super) fn load(bytes: &'static [u8], index: u32) -> Option<Self> {
        let font = FontRef::from_index(bytes, index).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        let pdf_font = krilla::text::Font::new(bytes.into(), index)?;
        let mut digest = blake3::Hasher::new();
        digest.update(bytes);
        digest.update(&index.to_le_bytes());
        Some(Self {
            pdf_font,
            digest: digest.finalize(),
            charmap: font.charmap(),
            glyph_metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
        })
    }

    /// The face's glyph for `ch`, unless it has none.
    pub(super) fn glyph_id(&self, ch: char) -> Option<skrifa::GlyphId> {
        self.charmap.map(ch).filter(|g| g.to_u32() != NOTDEF)
    }

    /// A glyph's advance as a fraction of the font size.
    pub(super) fn advance(&self, glyph: skrifa::GlyphId) -> f32 {
        self.glyph_metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }
}
