//! One call from a UI closure to an image: runs egui for a frame of the given size and scale,
//! tessellates and rasterizes it (pictures of the app, the command line's `render`).

use super::*;

/// Textures of a context rendered with [`render_ui`], kept in that context's temporary data
/// so that images loaded in an earlier call stay available.
#[derive(Clone, Default)]
pub(super) struct Stash(pub(super) Arc<Mutex<CpuTextures>>);

pub(super) fn stash_id() -> egui::Id {
    egui::Id::unique("archive_timeline::render::textures")
}

/// Convenience: runs one egui pass of `ui` at a size in points and a pixels_per_point, twice (egui sizes some things on the first pass), tessellates, and rasterizes.
///
/// Use a dedicated context (e.g. `egui::Context::default()` with the app's fonts and style
/// applied), never the live one of a window: this feeds it input of its own. The image is
/// `round(size_points * pixels_per_point)` pixels (each side at most [`MAX_SIDE`]); a
/// non-finite or non-positive `pixels_per_point` counts as 1. The context's textures are kept
/// in its temporary data between calls, and the font atlas is always taken whole from the
/// context, so a context that has also been painted elsewhere still renders its text.
pub fn render_ui(
    ctx: &egui::Context,
    size_points: egui::Vec2,
    pixels_per_point: f32,
    clear: Color32,
    mut ui: impl FnMut(&mut egui::Ui),
) -> Image {
    let ppp = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
        pixels_per_point
    } else {
        1.0
    };
    let side = |points: f32| {
        let points = if points.is_finite() {
            points.max(0.0)
        } else {
            0.0
        };
        ((points * ppp).round() as u32).min(MAX_SIDE)
    };
    let (width, height) = (side(size_points.x), side(size_points.y));
    let size = egui::vec2(width as f32 / ppp, height as f32 / ppp);

    let input = frame_input(ctx, size, ppp);

    // Both passes first (the UI code may use the context freely), then the textures.
    let mut first = ctx.run_ui(input.clone(), &mut ui);
    let mut output = ctx.run_ui(input, &mut ui);
    let mut delta = std::mem::take(&mut first.textures_delta);
    delta.append(std::mem::take(&mut output.textures_delta));

    let stash = ctx.data_mut(|d| d.get_temp_mut_or_default::<Stash>(stash_id()).clone());
    let mut textures = stash.0.lock().unwrap_or_else(PoisonError::into_inner);
    textures.apply_sets(&delta);
    let atlas = ctx.fonts(|f| f.image());
    textures.set(
        TextureId::default(),
        &ImageDelta::full(atlas, TextureAtlas::texture_options()),
    );

    let primitives = ctx.tessellate(output.shapes, ppp);
    let image = rasterize(&primitives, &textures, width, height, ppp, clear);
    textures.apply_frees(&delta);
    delta.clear();
    image
}

/// The input of one headless frame of `size` points at `pixels_per_point` (the context's zoom
/// taken out, so text comes out at the size asked): the one setup the raster and the vector
/// capture share.
pub(crate) fn frame_input(
    ctx: &egui::Context,
    size: egui::Vec2,
    pixels_per_point: f32,
) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    let zoom = ctx.zoom_factor();
    let zoom = if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(pixels_per_point / zoom);
    input
}
