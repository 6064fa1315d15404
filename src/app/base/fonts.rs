//! The bundled fonts for Chinese, Japanese and Korean (`assets/fonts/`, see its README), added
//! as fallbacks after egui's own fonts (which cover Latin, Greek and Cyrillic), for every
//! context the app draws into: the window, the kittest harnesses, and the CPU-rendered
//! pictures (`render`, Export view as PNG, snapshots), since they all draw through
//! `TimelineApp::show`.
//!
//! The font bytes are `'static` (compiled in), so a context takes them without copying.
//! Together they add 1.7 MB to the binary.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Simplified and traditional hanzi, kanji and kana (Droid Sans Fallback, subset).
static CJK: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallback-CJK-subset.ttf");
/// The 2,350 Hangul syllables of KS X 1001 (Noto Sans CJK KR, subset).
static HANGUL: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKkr-Hangul-subset.otf");

/// Names the fonts are registered under.
pub const CJK_NAME: &str = "droid-sans-fallback-cjk";
pub const HANGUL_NAME: &str = "noto-sans-cjk-kr-hangul";

/// Adds the bundled fonts to `ctx` once (after egui's defaults, for both families). They take
/// effect at the start of the next pass, or at once if nothing has been laid out yet.
pub fn install(ctx: &egui::Context) {
    let id = egui::Id::unique("archive-timeline-fonts-installed");
    if ctx.data(|d| d.get_temp::<bool>(id)).unwrap_or(false) {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(id, true));
    for (name, bytes) in [(HANGUL_NAME, HANGUL), (CJK_NAME, CJK)] {
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(bytes),
            families,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_hangul_titles_have_every_glyph() {
        let ctx = egui::Context::default();
        install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        for title in [
            "中苏关系",               // simplified Chinese
            "中蘇關係",               // traditional Chinese
            "朝鮮戦争についての報告", // Japanese: kanji and kana
            "조선민주주의인민공화국", // Korean: Hangul
            "Телеграмма Молотова",
        ] {
            let ok = ctx.fonts_mut(|f| f.has_glyphs(&font, title));
            assert!(ok, "no glyph for some of {title}");
        }
        // The symbols the toolbar, the table and the file picker use.
        for symbol in ["☰", "»", "📁", "🗋", "⬆", "✖", "⏶", "⏷", "➡"] {
            assert!(ctx.fonts_mut(|f| f.has_glyphs(&font, symbol)), "{symbol}");
        }
        // The collections panel's and the detail panel's collection controls.
        for symbol in ["■", "✏", "🗑", "➕", "💬", "📌", "🎓"] {
            assert!(ctx.fonts_mut(|f| f.has_glyphs(&font, symbol)), "{symbol}");
        }
        let mono = egui::FontId::monospace(12.0);
        assert!(ctx.fonts_mut(|f| f.has_glyphs(&mono, "档案 문서")));
    }

    /// The limit the README states: no Arabic or Hebrew font is bundled, so right-to-left
    /// titles draw as boxes (and egui would lay them out left to right, with no bidi
    /// reordering). If a font is added, this fails: update the README's "Scripts" section.
    #[test]
    fn right_to_left_scripts_have_no_bundled_font() {
        let ctx = egui::Context::default();
        install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        assert!(!ctx.fonts_mut(|f| f.has_glyphs(&font, "שלום")));
        assert!(!ctx.fonts_mut(|f| f.has_glyphs(&font, "سلام")));
    }
}
