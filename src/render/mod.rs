//! Deterministic CPU rendering of egui output to RGBA images and PNG files.
//!
//! A renderer, so it knows egui: it reads epaint's meshes and texture deltas and runs egui for
//! one frame ([`render_ui`]). It is the one module outside `app` that does, and it knows
//! nothing of the app (pictures of the app are `app::picture`'s). Files: `textures`,
//! `raster`, `image` (PNG), `ui` (one frame to an image), `vector` (one frame's shapes to
//! vector pages for SVG and PDF, before tessellation), `tests`.
//!
//! Owns: keeping a CPU copy of the textures egui asks for ([`CpuTextures`]), rasterizing
//! tessellated egui output ([`rasterize`]) into an [`Image`], encoding that image as PNG, and
//! the one-call helper [`render_ui`] used by the PNG export (app and `render` subcommand) and by
//! the snapshot tests.
//!
//! Must not touch: the app's state, its live `egui::Context` (render with a dedicated context),
//! the GPU, the file system other than the path handed to [`Image::write_png`], or anything
//! global. No thread-local or process-wide state is kept; rendering is a pure function of its
//! inputs and gives the same bytes on every machine and for any number of rayon threads.
//!
//! How it matches egui's GPU painters (egui_glow / egui-wgpu with a non-sRGB-aware target):
//! vertex colours and texels are premultiplied sRGB bytes, multiplied together in 0..=1 floats,
//! and composited with `dst = src + dst * (1 - src_alpha)` in gamma space; the frame buffer is
//! 8 bits per channel, rounded after every blend like a GPU's `Rgba8Unorm` target. Coverage is
//! decided at pixel centres with 8 bits of sub-pixel precision and a top-left fill rule, in
//! integer arithmetic. Anti-aliasing comes from egui's feathered meshes, so no multisampling
//! is done. Not reproduced: dithering, mipmaps, and paint callbacks (skipped).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use egui::epaint::textures::{TextureFilter, TextureOptions, TextureWrapMode, TexturesDelta};
use egui::epaint::{
    ClippedPrimitive, Color32, ColorImage, ImageData, ImageDelta, Mesh, Primitive, TextureAtlas,
    TextureId,
};
use rayon::prelude::*;

/// Largest width or height [`rasterize`] and [`render_ui`] produce; larger requests are clamped.
pub const MAX_SIDE: u32 = 16_384;

/// Sub-pixel precision of vertex positions (8 bits, like Direct3D/Vulkan rasterizers).
const SUBPIXEL_BITS: u32 = 8;
const SUB: i64 = 1 << SUBPIXEL_BITS;
const HALF: i64 = SUB / 2;
/// Triangles reaching further than this many pixels from the origin are clipped to it first,
/// so that the fixed-point edge functions below never overflow an `i64`.
const GUARD: f32 = (1 << 20) as f32;
/// UVs are clamped to this range (far beyond any sensible repeat count) to keep them finite.
const UV_LIMIT: f32 = 65_536.0;
/// Rows per parallel band.
const BAND_ROWS: usize = 16;

mod image;
mod raster;
#[cfg(test)]
mod tests;
mod textures;
mod ui;
pub mod vector;

pub use image::Image;
pub use raster::rasterize;
pub use textures::CpuTextures;
pub use ui::render_ui;

use textures::*;
