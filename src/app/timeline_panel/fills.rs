//! Many flat rectangles, painted the way a software rasterizer fills them fastest.
//!
//! A classroom laptop without a GPU draws the window with Mesa's llvmpipe, which pays for
//! every pixel of every triangle on the CPU. Two things it does well, measured in the real
//! window (`bench --window`, a million documents, whole span, 1920×1080):
//! - **A scissored clear.** A rectangle of one opaque colour, cleared (`glScissor` +
//!   `glClear`) instead of drawn as egui's two textured, blended triangles, is filled as
//!   memory, not shaded. The timeline's ground (lane stripes and era bands, about 1.3 million
//!   pixels) cost about 10 ms of CPU per frame drawn as triangles and about 3.5 ms cleared.
//!   Only in the app's own glow window ([`cleared`]); pictures, posters, handouts and tests,
//!   drawn without one, get the same rectangles as a mesh.
//! - **Rectangles it recognises.** llvmpipe bins a pair of triangles that form a
//!   screen-aligned rectangle as one rectangle (no edge equations, whole tiles filled at once),
//!   but only within a draw of whole rectangles; Mesa cuts a larger draw into pieces of 1,023
//!   indices (an odd number of triangles), and those go the triangle way. A density lane's
//!   bars (about 640 a lane) are therefore sent as batches of at most [`BATCH`] rectangles,
//!   each its own draw ([`add_batched`]): about 3 ms less CPU per whole-span frame. A GPU
//!   does not mind either way.

use egui::epaint::{Mesh, Shape};
use egui::{Color32, Painter, Rect};

/// The most rectangles a draw holds: 170 × 6 = 1,020 indices, under Mesa's 1,024-index
/// pieces and a whole number of rectangles.
pub const BATCH: usize = 170;

/// Adds `mesh` (made of [`Mesh::add_colored_rect`] rectangles only: four vertices and six
/// indices each, in order) to `painter` as draws of at most [`BATCH`] rectangles, each clipped
/// to its own rectangles' bounds within the painter's clip (egui merges neighbouring shapes
/// only when their clips are equal, so each batch stays a draw of its own).
pub fn add_batched(painter: &Painter, mesh: Mesh) {
    let rects_only =
        mesh.indices.len() == mesh.vertices.len() / 4 * 6 && mesh.vertices.len().is_multiple_of(4);
    if mesh.indices.len() <= BATCH * 6 || !rects_only {
        painter.add(mesh);
        return;
    }
    let clip = painter.clip_rect();
    for (quads, vertices) in mesh
        .indices
        .chunks(BATCH * 6)
        .zip(mesh.vertices.chunks(BATCH * 4))
    {
        let first = quads.first().copied().unwrap_or(0);
        let batch = Mesh {
            indices: quads.iter().map(|i| i.saturating_sub(first)).collect(),
            vertices: vertices.to_vec(),
            texture_id: mesh.texture_id,
        };
        let bounds = vertices.iter().fold(Rect::NOTHING, |b, v| {
            b.union(Rect::from_min_max(v.pos, v.pos))
        });
        painter.with_clip_rect(bounds.intersect(clip)).add(batch);
    }
}

/// Opaque rectangles (within `clip`) filled by scissored clears of the window, in paint
/// order with the shapes around them. `None` when one of them is not opaque (a clear
/// replaces what is under it; it cannot blend) or none shows: the caller paints a mesh.
pub fn cleared(rects: &[(Rect, Color32)], clip: Rect) -> Option<Shape> {
    if rects.iter().any(|(_, c)| !c.is_opaque()) {
        return None;
    }
    let shown: Vec<(Rect, [f32; 4])> = rects
        .iter()
        .map(|(r, c)| (r.intersect(clip), c.to_normalized_gamma_f32()))
        .filter(|(r, _)| r.is_positive())
        .collect();
    if shown.is_empty() {
        return None;
    }
    let bounds = shown.iter().fold(Rect::NOTHING, |b, (r, _)| b.union(*r));
    let clear = eframe::egui_glow::CallbackFn::new(move |info, painter| {
        clear_rects(painter.gl(), &info, &shown);
    });
    Some(Shape::Callback(egui::PaintCallback {
        rect: bounds,
        callback: std::sync::Arc::new(clear),
    }))
}

/// A rectangle in points as the window's pixels, GL's way: (left, bottom, width, height),
/// the bottom counted up from the window's bottom edge. Edges are rounded as a triangle's
/// pixel centres fall, so rectangles that share an edge share it here too.
fn scissor_box(r: Rect, pixels_per_point: f32, height_px: u32) -> (i32, i32, i32, i32) {
    #[allow(clippy::cast_possible_truncation)]
    let px = |v: f32| (v * pixels_per_point).round() as i32;
    let h = i32::try_from(height_px).unwrap_or(i32::MAX);
    let (x0, x1, y0, y1) = (px(r.min.x), px(r.max.x), px(r.min.y), px(r.max.y));
    (x0, h - y1, (x1 - x0).max(0), (y1 - y0).max(0))
}

/// The GL calls of [`cleared`]. egui_glow restores its own state (scissor, viewport) after
/// a callback, and eframe sets the clear colour again before it clears the next frame.
#[allow(unsafe_code)]
fn clear_rects(
    gl: &eframe::glow::Context,
    info: &egui::PaintCallbackInfo,
    rects: &[(Rect, [f32; 4])],
) {
    use eframe::glow::{self, HasContext as _};
    let [_, height_px] = info.screen_size_px;
    // SAFETY (each block here): plain state calls on the context egui_glow is painting with,
    // on its thread, inside its paint pass; the arguments are integers and colours, no
    // pointers.
    unsafe { gl.enable(glow::SCISSOR_TEST) };
    for (r, [red, green, blue, alpha]) in rects {
        let (x, y, w, h) = scissor_box(*r, info.pixels_per_point, height_px);
        unsafe {
            gl.scissor(x, y, w, h);
            gl.clear_color(*red, *green, *blue, *alpha);
            gl.clear(glow::COLOR_BUFFER_BIT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn scissor_boxes_count_from_the_bottom_and_share_edges() {
        let top = Rect::from_min_max(pos2(10.0, 0.0), pos2(30.5, 20.2));
        let below = Rect::from_min_max(pos2(10.0, 20.2), pos2(30.5, 50.0));
        // 1.5 pixels per point, a window 100 pixels tall.
        let a = scissor_box(top, 1.5, 100);
        let b = scissor_box(below, 1.5, 100);
        assert_eq!(a, (15, 70, 31, 30));
        assert_eq!(b, (15, 25, 31, 45));
        // The upper one's bottom edge is the lower one's top edge: no gap, no overlap.
        assert_eq!(b.1 + b.3, a.1);
    }

    #[test]
    fn only_opaque_rectangles_in_view_are_cleared() {
        let clip = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        let inside = (
            Rect::from_min_max(pos2(0.0, 0.0), pos2(50.0, 10.0)),
            Color32::from_rgb(1, 2, 3),
        );
        let outside = (
            Rect::from_min_max(pos2(200.0, 0.0), pos2(250.0, 10.0)),
            Color32::from_rgb(1, 2, 3),
        );
        let Some(Shape::Callback(cb)) = cleared(&[inside, outside], clip) else {
            panic!("a callback");
        };
        assert_eq!(cb.rect, inside.0);
        assert!(cleared(&[outside], clip).is_none());
        let translucent = (inside.0, Color32::from_rgba_premultiplied(1, 2, 3, 100));
        assert!(cleared(&[inside, translucent], clip).is_none());
    }

    #[test]
    fn batches_hold_whole_rectangles_each_in_its_own_clip() {
        let ctx = egui::Context::default();
        let mut mesh = Mesh::default();
        let n = BATCH * 2 + 5;
        for i in 0..n {
            #[allow(clippy::cast_precision_loss)]
            let x = i as f32 * 3.0;
            mesh.add_colored_rect(
                Rect::from_min_max(pos2(x, 10.0), pos2(x + 2.0, 40.0)),
                Color32::RED,
            );
        }
        let whole = mesh.clone();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            add_batched(ui.painter(), mesh.clone());
        });
        // No renderer here to take the font atlas.
        output.textures_delta.clear();
        let batches: Vec<&Mesh> = output
            .shapes
            .iter()
            .filter_map(|s| match &s.shape {
                Shape::Mesh(m) => Some(&**m),
                _ => None,
            })
            .collect();
        assert_eq!(
            batches
                .iter()
                .map(|m| m.indices.len() / 6)
                .collect::<Vec<_>>(),
            vec![BATCH, BATCH, 5]
        );
        // Every batch indexes its own vertices, the same rectangles in the same order.
        let mut vertices = Vec::new();
        for m in &batches {
            assert!(m.indices.iter().all(|&i| (i as usize) < m.vertices.len()));
            assert_eq!(&m.indices[..6], &whole.indices[..6]);
            vertices.extend(m.vertices.iter().map(|v| v.pos));
        }
        assert_eq!(
            vertices,
            whole.vertices.iter().map(|v| v.pos).collect::<Vec<_>>()
        );
        // Each in its own clip: the bounds of its rectangles.
        let clips: Vec<Rect> = output
            .shapes
            .iter()
            .filter(|s| matches!(s.shape, Shape::Mesh(_)))
            .map(|s| s.clip_rect)
            .collect();
        #[allow(clippy::cast_precision_loss)]
        let second_left = BATCH as f32 * 3.0;
        assert_eq!(clips[1].left(), second_left);
        assert_eq!(clips[1].top(), 10.0);
        assert_ne!(clips[0], clips[1]);
    }
}
