//! A CPU renderer for egui_kittest snapshot tests, so snapshots need no GPU and come out
//! byte-identical on every machine. Include it from a test file with
//! `mod support;` (it is `support::cpu_renderer`) and build harnesses with
//! `Harness::builder().renderer(cpu_renderer::CpuRenderer::default())`.
//!
//! Needs dev-dependencies `egui_kittest = { version = "0.37", features = ["snapshot"] }` and
//! `image = { version = "0.25", default-features = false }`. All drawing is done by
//! `archive_timeline::render`; this file only adapts it to kittest's `TestRenderer`.

use archive_timeline::render::{rasterize, CpuTextures};

/// Keeps the textures kittest hands over and rasterizes each frame with
/// [`archive_timeline::render::rasterize`] over a transparent background, like kittest's wgpu
/// renderer (panels paint their own fill).
#[derive(Default)]
pub struct CpuRenderer {
    textures: CpuTextures,
}

impl egui_kittest::TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut egui::TexturesDelta) {
        self.textures.apply_and_clear(delta);
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * ppp;
        let (width, height) = (size.x.round() as u32, size.y.round() as u32);
        let primitives = ctx.tessellate(output.shapes.clone(), ppp);
        let img = rasterize(
            &primitives,
            &self.textures,
            width,
            height,
            ppp,
            egui::Color32::TRANSPARENT,
        );
        let (w, h) = (img.width, img.height);
        image::RgbaImage::from_raw(w, h, img.pixels)
            .ok_or_else(|| format!("rendered buffer does not fit {w}x{h}"))
    }
}
