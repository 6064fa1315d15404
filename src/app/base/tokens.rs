//! Design tokens: every colour, size and spacing the panels use, in one place.
//!
//! Panels ask for a [`Tokens`] value instead of writing literals, so a classroom or
//! high-contrast look is a swap of tokens, not edits across panels.

use egui::{Color32, FontId};

/// The smallest text anywhere (captions, result dates, file paths), in points at scale 1.
pub const SMALLEST_TEXT: f32 = 11.0;

#[derive(Clone, Debug)]
pub struct Tokens {
    pub dark: bool,
    /// Base text size in points.
    pub text_size: f32,
    pub row_height: f32,
    pub marker_size: f32,
    pub lane_gutter: f32,
    pub undated_column: f32,
    pub axis_height: f32,
    pub overview_height: f32,
    pub label_gap: f32,
    /// Longest title laid out beside a marker (the plot's edge comes first on any screen).
    pub max_label: f32,
    /// Drawing for paper (posters, handouts): lanes with nothing in view are left out, and
    /// each title keeps room after it for a viewer's wider fallback font.
    pub paper: bool,
    /// The window is cleared to `background` before each frame (the live app's window, whose
    /// clear colour is `background`): the timeline leaves those pixels alone instead of
    /// painting them again. A software renderer (llvmpipe) clears for almost nothing but pays
    /// for every painted pixel. Pictures, posters and handouts paint their background.
    pub window_clears: bool,
    pub background: Color32,
    pub lane_stripe: Color32,
    pub grid: Color32,
    pub grid_major: Color32,
    pub text: Color32,
    pub text_weak: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub era_band: Color32,
    pub density: Color32,
    pub window_box: Color32,
}

impl Tokens {
    pub fn for_visuals(visuals: &egui::Visuals) -> Tokens {
        if visuals.dark_mode {
            Tokens::dark()
        } else {
            Tokens::light()
        }
    }

    pub fn dark() -> Tokens {
        Tokens {
            dark: true,
            text_size: 13.5,
            row_height: 22.0,
            marker_size: 10.0,
            lane_gutter: 170.0,
            undated_column: 92.0,
            axis_height: 30.0,
            overview_height: 56.0,
            label_gap: 8.0,
            max_label: 2000.0,
            paper: false,
            window_clears: false,
            background: Color32::from_rgb(24, 26, 30),
            lane_stripe: Color32::from_rgb(30, 33, 38),
            grid: Color32::from_rgb(44, 48, 56),
            grid_major: Color32::from_rgb(70, 76, 88),
            text: Color32::from_rgb(225, 228, 235),
            text_weak: Color32::from_rgb(150, 156, 168),
            selection: Color32::from_rgb(255, 214, 10),
            hover: Color32::from_rgb(255, 255, 255),
            era_band: Color32::from_rgba_unmultiplied(255, 255, 255, 10),
            density: Color32::from_rgb(120, 160, 220),
            window_box: Color32::from_rgb(255, 214, 10),
        }
    }

    pub fn light() -> Tokens {
        Tokens {
            dark: false,
            background: Color32::from_rgb(250, 250, 248),
            lane_stripe: Color32::from_rgb(240, 241, 244),
            grid: Color32::from_rgb(222, 224, 230),
            grid_major: Color32::from_rgb(180, 184, 194),
            text: Color32::from_rgb(20, 22, 28),
            text_weak: Color32::from_rgb(90, 96, 108),
            selection: Color32::from_rgb(200, 60, 0),
            hover: Color32::from_rgb(0, 0, 0),
            era_band: Color32::from_rgba_unmultiplied(0, 0, 0, 10),
            density: Color32::from_rgb(60, 100, 170),
            window_box: Color32::from_rgb(200, 60, 0),
            ..Tokens::dark()
        }
    }

    /// Room kept after a title, as a share of its width: on paper, for the fallback font of
    /// an SVG viewer that ignores the embedded one (librsvg's DejaVu Sans sets the bundled
    /// Ubuntu Light's titles about 12% wider).
    pub fn label_slack(&self) -> f32 {
        if self.paper {
            0.15
        } else {
            0.0
        }
    }

    /// Below this width a label is not worth drawing (about two characters).
    pub fn char_px_min(&self) -> f32 {
        self.text_size
    }

    /// For a poster page or a handout's picture: only the lanes with documents in view, and
    /// titles fitted with room for a wider fallback font (an SVG viewer that ignores the
    /// embedded fonts, such as librsvg, draws the text wider).
    #[must_use]
    pub fn for_print(self) -> Tokens {
        Tokens {
            paper: true,
            ..self
        }
    }

    /// For a projector: strong contrast that survives a washed-out image, bigger marks.
    pub fn presentation(dark: bool) -> Tokens {
        let base = if dark {
            Tokens::dark()
        } else {
            Tokens::light()
        };
        let (bg, fg) = if dark {
            (Color32::BLACK, Color32::WHITE)
        } else {
            (Color32::WHITE, Color32::BLACK)
        };
        Tokens {
            text_size: 15.0,
            row_height: 26.0,
            marker_size: 13.0,
            background: bg,
            lane_stripe: if dark {
                Color32::from_rgb(22, 22, 22)
            } else {
                Color32::from_rgb(236, 236, 236)
            },
            text: fg,
            text_weak: fg,
            grid: if dark {
                Color32::from_rgb(70, 70, 70)
            } else {
                Color32::from_rgb(170, 170, 170)
            },
            grid_major: fg,
            ..base
        }
    }

    pub fn font(&self) -> FontId {
        FontId::proportional(self.text_size)
    }

    pub fn small_font(&self) -> FontId {
        FontId::proportional((self.text_size * 0.85).max(SMALLEST_TEXT))
    }

    pub fn heading_font(&self) -> FontId {
        FontId::proportional(self.text_size * 1.35)
    }

    /// A lane's colour from its theme's RGB, adjusted to read on this background.
    pub fn lane_color(&self, rgb: [u8; 3]) -> Color32 {
        Color32::from_rgb(rgb[0], rgb[1], rgb[2])
    }
}
