//! A face cut down to the characters a picture uses, as a font a browser loads from an SVG's
//! `@font-face` rule: typst's `subsetter` keeps only those glyphs (outlines, metrics, names),
//! and since it makes subsets for PDF, where the file maps characters itself, it drops the
//! `cmap` and `OS/2` tables a web font needs; they are put back here with `write-fonts` (a
//! `cmap` for just the kept characters, the face's own `OS/2`).
//!
//! Pure: no egui, no files.

use super::vector::Face;
use std::collections::BTreeSet;
use write_fonts::read::{FontRef, TableProvider as _};
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::{GlyphId, Tag};
use write_fonts::FontBuilder;

/// A subset font, ready for a `data:` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebFont {
    /// The OpenType file (TrueType or CFF outlines).
    pub bytes: Vec<u8>,
    /// `font/ttf` or `font/otf`.
    pub mime: &'static str,
    /// The CSS `format()` hint: `truetype` or `opentype`.
    pub format: &'static str,
    /// How many characters it maps.
    pub chars: usize,
}

/// `face` with only the glyphs of those of `chars` it has (and `.notdef`), with a character
/// map for them. `None` when it has none of them, or the face cannot be subset.
pub fn subset(face: &Face, chars: &BTreeSet<char>) -> Option<WebFont> {
    let ids = face.glyph_ids();
    let wanted: Vec<(char, u16)> = chars
        .iter()
        .filter_map(|c| Some((*c, u16::try_from(*ids.get(c)?).ok()?)))
        .filter(|&(_, gid)| gid != 0)
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let bytes: &[u8] = (*face.data).as_ref();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(_, gid) in &wanted {
        remapper.remap(gid);
    }
    let cut = subsetter::subset(bytes, face.index, &remapper).ok()?;
    let mappings = wanted
        .iter()
        .filter_map(|&(c, gid)| Some((c, GlyphId::new(u32::from(remapper.get(gid)?)))));
    let cmap = Cmap::from_mappings(mappings).ok()?;
    let original = FontRef::from_index(bytes, face.index).ok()?;
    let cut_font = FontRef::new(&cut).ok()?;
    let is_cff = cut_font.cff().is_ok();
    let mut builder = FontBuilder::new();
    builder.add_table(&cmap).ok()?;
    if let Some(os2) = original.table_data(Tag::new(b"OS/2")) {
        builder.add_raw(Tag::new(b"OS/2"), os2.as_bytes());
    }
    builder.copy_missing_tables(cut_font);
    Some(WebFont {
        bytes: builder.build(),
        mime: if is_cff { "font/otf" } else { "font/ttf" },
        format: if is_cff { "opentype" } else { "truetype" },
        chars: wanted.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::MetadataProvider as _;
    use std::sync::Arc;

    fn face(name: &str, bytes: &'static [u8]) -> Face {
        Face {
            name: name.into(),
            css_family: "sans-serif".into(),
            css_weight: 400,
            data: Arc::new(bytes),
            index: 0,
        }
    }

    /// Characters the subset maps, each to a glyph with an outline.
    fn mapped(bytes: &[u8]) -> BTreeSet<char> {
        let font = skrifa::FontRef::new(bytes).expect("the subset reads as a font");
        let outlines = font.outline_glyphs();
        font.charmap()
            .mappings()
            .filter_map(|(c, g)| {
                outlines.get(g)?;
                char::from_u32(c)
            })
            .collect()
    }

    #[test]
    fn a_subset_maps_just_the_characters_asked_for() {
        let cjk = face(
            "cjk",
            include_bytes!("../../assets/fonts/DroidSansFallback-CJK-subset.ttf"),
        );
        let hangul = face(
            "hangul",
            include_bytes!("../../assets/fonts/NotoSansCJKkr-Hangul-subset.otf"),
        );
        let want: BTreeSet<char> = "中苏关系朝鮮 x".chars().collect();
        let font = subset(&cjk, &want).expect("a subset");
        assert_eq!(font.mime, "font/ttf");
        let got = mapped(&font.bytes);
        let han: BTreeSet<char> = "中苏关系朝鮮".chars().collect();
        assert!(han.is_subset(&got), "{got:?}");
        assert!(got.len() <= want.len(), "{got:?}");
        assert!(font.bytes.len() < 20_000, "{}", font.bytes.len());
        // CFF outlines (the Hangul face) come out as an OpenType-CFF font.
        let font = subset(&hangul, &"조선".chars().collect()).expect("a subset");
        assert_eq!(font.mime, "font/otf");
        assert_eq!(mapped(&font.bytes), "조선".chars().collect());
        // Nothing the face has: no font.
        assert!(subset(&hangul, &"xyz".chars().collect()).is_none());
        let broken = face("broken", b"not a font at all");
        assert!(subset(&broken, &want).is_none());
    }
}
