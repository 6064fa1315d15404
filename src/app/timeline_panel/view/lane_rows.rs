//! How tall each lane is, and how wide each title: the lanes share the plot's height by the
//! rows their titles need (a lane laid out with all the rows it could have tells how many it
//! uses), and titles are measured once per font and kept.

use super::*;
use crate::timeline::heights;
use crate::timeline::LaneLayout;
use std::collections::HashMap;
use std::sync::Arc;

/// Measured title widths, by document, for one library, font and scale.
#[derive(Clone, Debug, Default)]
pub(super) struct TitleWidths {
    key: Option<(usize, u32, u32)>,
    px: HashMap<DocIndex, f32>,
}

/// Widths kept at most; past this the cache starts again (a million documents zoomed
/// through one by one would otherwise keep them all).
const MOST_KEPT: usize = 200_000;

impl TitleWidths {
    /// A title's width in the font, measured the first time it is asked for.
    pub(super) fn of(
        &mut self,
        ui: &Ui,
        corpus: &Corpus,
        font: &egui::FontId,
        doc: DocIndex,
    ) -> f32 {
        let key = measured_in(ui, corpus, font);
        if self.key != Some(key) || self.px.len() > MOST_KEPT {
            self.key = Some(key);
            self.px.clear();
        }
        *self.px.entry(doc).or_insert_with(|| {
            corpus.library.docs().get(doc).map_or(0.0, |d| {
                ui.painter()
                    .layout_no_wrap(d.title.clone(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
        })
    }
}

/// What titles are measured in: the library (its address), the font size and the pixels per
/// point (their bits). A measured width, or a layout made of them, holds while this does.
pub(super) fn measured_in(ui: &Ui, corpus: &Corpus, font: &egui::FontId) -> (usize, u32, u32) {
    (
        Arc::as_ptr(&corpus.library) as usize,
        font.size.to_bits(),
        ui.ctx().pixels_per_point().to_bits(),
    )
}

/// Rows a lane `height` points tall holds.
pub(super) fn rows_in(height: f32, t: &Tokens) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rows = ((height - 6.0) / t.row_height).floor().max(1.0) as usize;
    rows
}

/// The height that holds `rows` rows.
fn height_of(rows: usize, t: &Tokens) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let h = rows as f32 * t.row_height + 6.5;
    h
}

/// Lane heights: every lane keeps room for its name (on paper a lane with nothing in view is
/// left out); a lane with documents in view wishes for the rows its titles use when nothing
/// has to be cut (`layouts`, laid out with every row the plot has), and gets them where the
/// plot has room, the smaller wishes first; height left over goes to lanes with documents in
/// view, in proportion to how many (capped). Animated, so nothing jumps while panning. When
/// the lanes' least heights do not fit, they compress (down to one row each); only when even
/// that does not fit do they overflow, and the lane area scrolls (see `show`).
pub(super) fn lane_heights(
    ui: &Ui,
    lanes: &[DrawnLane],
    layouts: &[Arc<LaneLayout>],
    f: &Frame,
    t: &Tokens,
) -> Vec<f32> {
    // A lane with documents in view wishes for two rows, or its name on two lines.
    let busy_h = (t.row_height * 2.0).max(t.text_size * 3.2);
    let idle_h = if t.paper { 0.0 } else { t.text_size * 1.9 };
    let floor = t.row_height + 6.0;
    let in_view = |i: usize| layouts.get(i).map_or(0, |l| l.in_view);
    // The least: a row (or the name, when collapsed). The wishes: first the rows the titles
    // use, for every lane; then room for the name on two lines and its count.
    let mins: Vec<f32> = (0..lanes.len())
        .map(|i| {
            if in_view(i) == 0 {
                idle_h
            } else if lanes[i].collapsed {
                t.text_size * 1.9
            } else {
                height_of(1, t).max(t.text_size * 1.9)
            }
        })
        .collect();
    let rows_wish: Vec<f32> = (0..lanes.len())
        .map(|i| match layouts.get(i) {
            Some(l) if !lanes[i].collapsed && !l.is_density() && l.in_view > 0 => {
                mins[i].max(height_of(l.rows_used, t))
            }
            _ => mins[i],
        })
        .collect();
    let name_wish: Vec<f32> = (0..lanes.len())
        .map(|i| {
            if in_view(i) > 0 && !lanes[i].collapsed {
                rows_wish[i].max(busy_h)
            } else {
                rows_wish[i]
            }
        })
        .collect();
    let weights: Vec<f32> = (0..lanes.len())
        .map(|i| {
            if lanes[i].collapsed || in_view(i) == 0 {
                0.0
            } else {
                #[allow(clippy::cast_precision_loss)]
                let d = (in_view(i).min(12) as f32).sqrt();
                d + 0.15
            }
        })
        .collect();
    heights::share(
        f.lanes_clip.height(),
        &mins,
        &[&rows_wish, &name_wish],
        &weights,
        floor,
    )
    .into_iter()
    .enumerate()
    .map(|(i, target)| {
        ui.ctx()
            .animate_value_with_time(Id::unique(("lane-height", i)), target, 0.25)
    })
    .collect()
}
