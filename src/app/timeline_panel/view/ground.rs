//! The timeline's ground: background, lane stripes and era bands as opaque cells of one
//! colour each, so each pixel under the lanes is filled once, not once per translucent layer
//! (in the app's own window the cells are cleared, not drawn: see [`fills`]).
//!
//! A software rasterizer (Mesa llvmpipe, what a classroom PC without a GPU runs) pays for
//! every pixel of every layer; three full-height layers cost three fills. Here the colours
//! the layers would blend to are worked out per cell on the CPU instead.

use crate::app::timeline_panel::fills;
use egui::epaint::{Mesh, Shape};
use egui::{Color32, Rect};

/// `top` over `under`, as the GPU blends egui's premultiplied colours.
pub(super) fn over(top: Color32, under: Color32) -> Color32 {
    let keep = 255 - u16::from(top.a());
    let mix = |t: u8, u: u8| -> u8 {
        let v = u16::from(t) + (u16::from(u) * keep + 127) / 255;
        u8::try_from(v.min(255)).unwrap_or(u8::MAX)
    };
    Color32::from_rgba_premultiplied(
        mix(top.r(), under.r()),
        mix(top.g(), under.g()),
        mix(top.b(), under.b()),
        mix(top.a(), under.a()),
    )
}

/// What lies under the lanes, left to right and top to bottom.
pub(super) struct Ground<'a> {
    /// The whole area: gutter, plot and undated column, from the axis down.
    pub area: Rect,
    /// Where era bands show (the plot's columns).
    pub plot_x: egui::Rangef,
    /// Banded eras' x ranges (already clipped to the plot).
    pub bands: &'a [egui::Rangef],
    /// Striped lanes' y ranges (already clipped to where lanes show).
    pub stripes: &'a [egui::Rangef],
    pub background: Color32,
    pub stripe: Color32,
    pub era: Color32,
    /// The window is already cleared to `background`: cells of that colour are left out and
    /// the others are cleared too, not drawn ([`Ground::shape`]).
    pub cleared: bool,
}

impl Ground<'_> {
    /// The ground as shapes: in the app's own window (cleared to the background), its cells
    /// are cleared, not drawn ([`fills::cleared`]); elsewhere one mesh.
    pub(super) fn shape(&self, clip: Rect) -> Shape {
        let cells = self.cells();
        if self.cleared {
            if let Some(shape) = fills::cleared(&cells, clip) {
                return shape;
            }
        }
        let mut mesh = Mesh::default();
        for (rect, color) in cells {
            mesh.add_colored_rect(rect, color);
        }
        Shape::mesh(mesh)
    }

    /// Cuts the area at every band and stripe edge; each cell gets the colour its layers
    /// blend to. A handful of rectangles, no anti-aliased edges (the edges are between
    /// near-identical colours).
    pub(super) fn cells(&self) -> Vec<(Rect, Color32)> {
        let mut xs = vec![self.area.left(), self.area.right()];
        for b in self.bands {
            xs.extend([b.min, b.max]);
        }
        let mut ys = vec![self.area.top(), self.area.bottom()];
        for s in self.stripes {
            ys.extend([s.min, s.max]);
        }
        let cut = |v: &mut Vec<f32>, lo: f32, hi: f32| {
            v.retain(|x| (lo..=hi).contains(x));
            v.sort_by(f32::total_cmp);
            v.dedup();
        };
        cut(&mut xs, self.area.left(), self.area.right());
        cut(&mut ys, self.area.top(), self.area.bottom());
        let mut cells = Vec::new();
        let mut add = |rect: Rect, color: Color32| {
            if !(self.cleared && color == self.background) {
                cells.push((rect, color));
            }
        };
        for row in ys.windows(2) {
            let (y0, y1) = (row[0], row[1]);
            let mid_y = (y0 + y1) * 0.5;
            let striped = self.stripes.iter().any(|s| s.contains(mid_y));
            let base = if striped {
                over(self.stripe, self.background)
            } else {
                self.background
            };
            // Neighbouring cells of one colour become one rectangle.
            let mut run: Option<(f32, f32, Color32)> = None;
            for col in xs.windows(2) {
                let (x0, x1) = (col[0], col[1]);
                let mid_x = (x0 + x1) * 0.5;
                let banded =
                    self.plot_x.contains(mid_x) && self.bands.iter().any(|b| b.contains(mid_x));
                let color = if banded { over(self.era, base) } else { base };
                run = match run {
                    Some((start, _, c)) if c == color => Some((start, x1, c)),
                    Some((start, end, c)) => {
                        add(Rect::from_x_y_ranges(start..=end, y0..=y1), c);
                        Some((x0, x1, color))
                    }
                    None => Some((x0, x1, color)),
                };
            }
            if let Some((start, end, c)) = run {
                add(Rect::from_x_y_ranges(start..=end, y0..=y1), c);
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, Rangef};

    #[test]
    fn over_blends_like_premultiplied_alpha() {
        let under = Color32::from_rgb(24, 26, 30);
        assert_eq!(over(Color32::TRANSPARENT, under), under);
        assert_eq!(
            over(Color32::from_rgb(1, 2, 3), under),
            Color32::from_rgb(1, 2, 3)
        );
        let band = over(Color32::from_rgba_unmultiplied(255, 255, 255, 10), under);
        assert_eq!(band.a(), 255);
        // 10/255 of white over the background: 10 + 24 * 245 / 255, rounded.
        assert_eq!(band.r(), 33);
    }

    #[test]
    fn each_point_is_covered_once_with_its_layers_colour() {
        let area = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 50.0));
        let (bg, stripe) = (Color32::from_rgb(10, 10, 10), Color32::from_rgb(20, 20, 20));
        let era = Color32::from_rgba_unmultiplied(255, 255, 255, 10);
        let bands = [Rangef::new(40.0, 60.0)];
        let stripes = [Rangef::new(10.0, 20.0)];
        let ground = Ground {
            area,
            plot_x: Rangef::new(20.0, 80.0),
            bands: &bands,
            stripes: &stripes,
            background: bg,
            stripe,
            era,
            cleared: false,
        };
        let cells = ground.cells();
        let color_at = |x: f32, y: f32| {
            cells
                .iter()
                .filter(|(r, _)| r.contains(pos2(x, y)))
                .map(|(_, c)| *c)
                .collect::<Vec<_>>()
        };
        let covered: f32 = cells.iter().map(|(r, _)| r.area()).sum();
        assert!((covered - area.area()).abs() < 0.01, "{covered}");
        assert_eq!(color_at(5.0, 5.0), vec![bg]);
        assert_eq!(color_at(5.0, 15.0), vec![stripe]);
        assert_eq!(color_at(50.0, 5.0), vec![over(era, bg)]);
        assert_eq!(color_at(50.0, 15.0), vec![over(era, stripe)]);
        assert_eq!(color_at(90.0, 15.0), vec![stripe]);

        // Drawn without a window: one mesh of those cells, two triangles each.
        let Shape::Mesh(mesh) = ground.shape(area) else {
            panic!("a mesh");
        };
        assert_eq!(mesh.indices.len(), cells.len() * 6);

        // Over a window cleared to the background, the background's cells are left out and
        // the rest is as before; they are cleared, not drawn.
        let cleared = Ground {
            cleared: true,
            ..ground
        };
        let kept: Vec<_> = cells.iter().copied().filter(|q| q.1 != bg).collect();
        assert!(kept.len() < cells.len());
        assert_eq!(cleared.cells(), kept);
        let Shape::Callback(clear) = cleared.shape(area) else {
            panic!("a scissored clear");
        };
        let bounds = kept.iter().fold(Rect::NOTHING, |b, (r, _)| b.union(*r));
        assert_eq!(clear.rect, bounds);
    }
}
