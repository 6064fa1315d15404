//! Deterministic CPU rendering of egui output to RGBA images and PNG files.
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

// ----------------------------------------------------------------------------
// Textures

/// One texture as egui described it: premultiplied sRGBA texels, row-major.
#[derive(Clone)]
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[u8; 4]>,
    options: TextureOptions,
}

impl Texture {
    fn from_color_image(image: &ColorImage, options: TextureOptions) -> Self {
        let [width, height] = image.size;
        let Some(len) = width.checked_mul(height) else {
            return Self {
                width: 0,
                height: 0,
                texels: Vec::new(),
                options,
            };
        };
        // `ColorImage`'s fields are public, so its pixel count may not match its size: pad or cut.
        let mut texels: Vec<[u8; 4]> = image
            .pixels
            .iter()
            .take(len)
            .map(|c| c.to_array())
            .collect();
        texels.resize(len, [0; 4]);
        Self {
            width,
            height,
            texels,
            options,
        }
    }

    /// Copies `patch` into this texture with its top-left corner at `pos`, cut to the bounds.
    fn patch(&mut self, pos: [usize; 2], patch: &ColorImage) {
        let [pw, ph] = patch.size;
        let [px, py] = pos;
        if px >= self.width || py >= self.height {
            return;
        }
        let cols = pw.min(self.width - px);
        let rows = ph.min(self.height - py);
        for row in 0..rows {
            let src_start = row * pw;
            let dst_start = (py + row) * self.width + px;
            let (Some(src), Some(dst)) = (
                patch.pixels.get(src_start..src_start + cols),
                self.texels.get_mut(dst_start..dst_start + cols),
            ) else {
                return;
            };
            for (d, s) in dst.iter_mut().zip(src) {
                *d = s.to_array();
            }
        }
    }
}

/// Textures egui asked for (font atlas and any images), kept up to date from TexturesDelta.
#[derive(Default, Clone)]
pub struct CpuTextures {
    textures: HashMap<TextureId, Texture>,
}

impl CpuTextures {
    /// Applies a whole delta: first every `set` (whole images, and partial updates at `pos`),
    /// then every `free`. Does not empty `delta`: egui debug-asserts that a non-empty
    /// [`TexturesDelta`] is not dropped, so call `delta.clear()` afterwards, or use
    /// [`Self::apply_and_clear`]. A texture freed by this delta but still painted in the same
    /// frame needs [`Self::apply_sets`] before painting and [`Self::apply_frees`] after.
    pub fn apply(&mut self, delta: &TexturesDelta) {
        self.apply_sets(delta);
        self.apply_frees(delta);
    }

    /// [`Self::apply`], then empties `delta`.
    pub fn apply_and_clear(&mut self, delta: &mut TexturesDelta) {
        self.apply(delta);
        delta.clear();
    }

    /// Applies the `set` half of a delta (what egui painters do before painting).
    pub fn apply_sets(&mut self, delta: &TexturesDelta) {
        // The order between different ids does not matter; per id, the deltas are in order.
        for (id, deltas) in &delta.set {
            for image_delta in deltas {
                self.set(*id, image_delta);
            }
        }
    }

    /// Applies the `free` half of a delta (what egui painters do after painting).
    pub fn apply_frees(&mut self, delta: &TexturesDelta) {
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// Applies one image delta: a whole image replaces the texture (and its sampler options);
    /// a partial one (`pos: Some`) is copied into the existing texture, cut to its bounds, and
    /// is ignored when the texture is unknown.
    pub fn set(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        match delta.pos {
            None => {
                self.textures
                    .insert(id, Texture::from_color_image(image, delta.options));
            }
            Some(pos) => {
                if let Some(texture) = self.textures.get_mut(&id) {
                    texture.patch(pos, image);
                }
            }
        }
    }

    /// Size `[width, height]` of a known texture.
    pub fn size(&self, id: TextureId) -> Option<[usize; 2]> {
        self.textures.get(&id).map(|t| [t.width, t.height])
    }

    /// One texel as premultiplied [`Color32`], if the texture and position exist.
    pub fn texel(&self, id: TextureId, x: usize, y: usize) -> Option<Color32> {
        let t = self.textures.get(&id)?;
        if x >= t.width || y >= t.height {
            return None;
        }
        let [r, g, b, a] = *t.texels.get(y * t.width + x)?;
        Some(Color32::from_rgba_premultiplied(r, g, b, a))
    }

    /// Number of textures held.
    pub fn len(&self) -> usize {
        self.textures.len()
    }

    /// True if no texture is held.
    pub fn is_empty(&self) -> bool {
        self.textures.is_empty()
    }
}

// ----------------------------------------------------------------------------
// Image and PNG

/// An RGBA8 image, row-major, sRGB, unpremultiplied alpha in the output.
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes: R, G, B, A per pixel, rows top to bottom.
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bytes", &self.pixels.len())
            .finish()
    }
}

impl Image {
    /// The RGBA bytes of pixel (`x`, `y`), if inside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = self.pixels.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Encodes as an 8-bit RGBA PNG (tagged sRGB). The bytes depend only on the pixels.
    pub fn encode_png(&self) -> Result<Vec<u8>, String> {
        let expected = (self.width as usize)
            .checked_mul(self.height as usize)
            .and_then(|n| n.checked_mul(4));
        if expected != Some(self.pixels.len()) {
            return Err(format!(
                "image is {}x{} but holds {} bytes",
                self.width,
                self.height,
                self.pixels.len()
            ));
        }
        if self.width == 0 || self.height == 0 {
            return Err(format!(
                "cannot encode an empty {}x{} image as PNG",
                self.width, self.height
            ));
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("PNG header: {e}"))?;
        writer
            .write_image_data(&self.pixels)
            .map_err(|e| format!("PNG data: {e}"))?;
        writer.finish().map_err(|e| format!("PNG end: {e}"))?;
        Ok(out)
    }

    /// Encodes as PNG and writes it to `path` (replacing any file there).
    /// Writes the PNG atomically: a temporary file in the same folder, synced, then renamed
    /// over `path`, so a reader never sees a half-written picture.
    pub fn write_png(&self, path: &std::path::Path) -> std::io::Result<()> {
        use std::io::Write;
        let bytes = self.encode_png().map_err(std::io::Error::other)?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => std::path::Path::new("."),
        };
        let mut temp = tempfile::Builder::new()
            .prefix(".picture.")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(&bytes)?;
        temp.as_file().sync_all()?;
        temp.persist(path).map(drop).map_err(|e| e.error)
    }
}

// ----------------------------------------------------------------------------
// Rasterizer

/// u8 -> 0..=1 float.
fn unorm(v: u8) -> f32 {
    f32::from(v) * (1.0 / 255.0)
}

/// 0..=1 float -> u8, rounded to nearest, clamped (NaN gives 0).
fn quantize(v: f32) -> u8 {
    // `as` saturates: negative and NaN give 0, above 255 gives 255.
    (v * 255.0 + 0.5) as u8
}

fn color_f32(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [unorm(r), unorm(g), unorm(b), unorm(a)]
}

/// `floor(a / b)` for `b > 0`.
fn floor_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

/// `ceil(a / b)` for `b > 0`.
fn ceil_div(a: i64, b: i64) -> i64 {
    -(-a).div_euclid(b)
}

/// The pixel rectangle `[x0, x1) x [y0, y1)` a clip rect (in points) maps to, rounded and
/// clamped exactly like egui-wgpu's scissor rect.
fn scissor(clip: egui::Rect, ppp: f32, width: u32, height: u32) -> [usize; 4] {
    // `as u32` saturates (negative and NaN give 0), as in egui-wgpu.
    let x0 = ((ppp * clip.min.x).round() as u32).min(width);
    let y0 = ((ppp * clip.min.y).round() as u32).min(height);
    let x1 = ((ppp * clip.max.x).round() as u32).clamp(x0, width);
    let y1 = ((ppp * clip.max.y).round() as u32).clamp(y0, height);
    [x0 as usize, y0 as usize, x1 as usize, y1 as usize]
}

/// A vertex in pixels, with premultiplied colour in 0..=1.
#[derive(Clone, Copy)]
struct PixelVertex {
    pos: [f32; 2],
    uv: [f32; 2],
    color: [f32; 4],
}

impl PixelVertex {
    fn lerp(&self, other: &Self, t: f32) -> Self {
        let l = |a: f32, b: f32| a + (b - a) * t;
        Self {
            pos: [l(self.pos[0], other.pos[0]), l(self.pos[1], other.pos[1])],
            uv: [l(self.uv[0], other.uv[0]), l(self.uv[1], other.uv[1])],
            color: [
                l(self.color[0], other.color[0]),
                l(self.color[1], other.color[1]),
                l(self.color[2], other.color[2]),
                l(self.color[3], other.color[3]),
            ],
        }
    }
}

/// One edge function `E(p) = dx * (p.y - ay) - dy * (p.x - ax)` in fixed point.
#[derive(Clone, Copy)]
struct Edge {
    ax: i64,
    ay: i64,
    dx: i64,
    dy: i64,
    /// 0 for top/left edges, -1 otherwise: a pixel is covered when `E + bias >= 0`.
    bias: i64,
}

impl Edge {
    fn new(a: [i64; 2], b: [i64; 2]) -> Self {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        // The inside is where E grows. Left edge: E grows with x (dy < 0);
        // top edge: horizontal with E growing downwards (dx > 0).
        let top_left = dy < 0 || (dy == 0 && dx > 0);
        Self {
            ax: a[0],
            ay: a[1],
            dx,
            dy,
            bias: if top_left { 0 } else { -1 },
        }
    }

    fn eval(&self, px: i64, py: i64) -> i64 {
        self.dx * (py - self.ay) - self.dy * (px - self.ax)
    }

    /// Change of E for one pixel to the right.
    fn step(&self) -> i64 {
        -self.dy * SUB
    }
}

/// A set-up triangle, ready to fill.
struct Tri {
    /// Weight edges: `edges[0]` is opposite vertex a (unused for weights), `edges[1]` gives
    /// the weight of b, `edges[2]` the weight of c.
    edges: [Edge; 3],
    /// Pixel bounds, already cut to the scissor rect: `[x0, x1) x [y0, y1)`.
    x0: usize,
    x1: usize,
    y0: usize,
    y1: usize,
    inv_area: f32,
    color_a: [f32; 4],
    color_ab: [f32; 4],
    color_ac: [f32; 4],
    uv_a: [f32; 2],
    uv_ab: [f32; 2],
    uv_ac: [f32; 2],
    /// Index into the texture table.
    texture: usize,
    filter: TextureFilter,
    wrap: TextureWrapMode,
    /// How the triangle's pixels get their colour.
    shade: Shade,
}

#[derive(Clone, Copy)]
enum Shade {
    /// Same premultiplied colour everywhere (constant vertex colour and UV).
    Solid([f32; 4]),
    /// Constant texel, interpolated vertex colour (e.g. feathered solid shapes).
    ConstTexel([f32; 4]),
    /// Both interpolated (text, images).
    Full,
}

fn sub(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
}

fn mul(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3]]
}

fn wrap_coord(c: i64, size: i64, wrap: TextureWrapMode) -> usize {
    let c = match wrap {
        TextureWrapMode::ClampToEdge => c.clamp(0, size - 1),
        TextureWrapMode::Repeat => c.rem_euclid(size),
        TextureWrapMode::MirroredRepeat => {
            let period = 2 * size;
            let phase = c.rem_euclid(period);
            phase.min(period - 1 - phase)
        }
    };
    c as usize
}

fn texel(tex: &Texture, x: usize, y: usize) -> [f32; 4] {
    match tex.texels.get(y * tex.width + x) {
        Some(&[r, g, b, a]) => [unorm(r), unorm(g), unorm(b), unorm(a)],
        None => [0.0; 4],
    }
}

/// Samples like egui-wgpu's "predictable texture filtering": nearest texel, or four taps at
/// texel centres mixed bilinearly, with the texture's wrap mode. `tex` has a non-zero size.
fn sample(tex: &Texture, uv: [f32; 2], filter: TextureFilter, wrap: TextureWrapMode) -> [f32; 4] {
    let (w, h) = (tex.width as i64, tex.height as i64);
    let (fw, fh) = (tex.width as f32, tex.height as f32);
    match filter {
        TextureFilter::Nearest => {
            let x = wrap_coord((uv[0] * fw).floor() as i64, w, wrap);
            let y = wrap_coord((uv[1] * fh).floor() as i64, h, wrap);
            texel(tex, x, y)
        }
        TextureFilter::Linear => {
            let fx = uv[0] * fw - 0.5;
            let fy = uv[1] * fh - 0.5;
            let (x0f, y0f) = (fx.floor(), fy.floor());
            let (tx, ty) = (fx - x0f, fy - y0f);
            let (x0, y0) = (x0f as i64, y0f as i64);
            let (xa, xb) = (wrap_coord(x0, w, wrap), wrap_coord(x0 + 1, w, wrap));
            let (ya, yb) = (wrap_coord(y0, h, wrap), wrap_coord(y0 + 1, h, wrap));
            let (tl, tr) = (texel(tex, xa, ya), texel(tex, xb, ya));
            let (bl, br) = (texel(tex, xa, yb), texel(tex, xb, yb));
            let mut out = [0.0; 4];
            for i in 0..4 {
                let top = tl[i] + (tr[i] - tl[i]) * tx;
                let bottom = bl[i] + (br[i] - bl[i]) * tx;
                out[i] = top + (bottom - top) * ty;
            }
            out
        }
    }
}

/// Sutherland–Hodgman clip of a polygon to `|x|, |y| <= GUARD`.
fn clip_to_guard(poly: Vec<PixelVertex>) -> Vec<PixelVertex> {
    let mut poly = poly;
    // (axis, sign): keep points with sign * coord <= GUARD.
    for (axis, sign) in [(0, 1.0f32), (0, -1.0), (1, 1.0), (1, -1.0)] {
        if poly.is_empty() {
            break;
        }
        let inside = |v: &PixelVertex| sign * v.pos[axis] <= GUARD;
        let mut out = Vec::with_capacity(poly.len() + 2);
        for i in 0..poly.len() {
            let cur = poly[i];
            let prev = poly[(i + poly.len() - 1) % poly.len()];
            let (cin, pin) = (inside(&cur), inside(&prev));
            if cin != pin {
                let (dp, dc) = (sign * prev.pos[axis] - GUARD, sign * cur.pos[axis] - GUARD);
                let t = dp / (dp - dc);
                let mut v = prev.lerp(&cur, t);
                v.pos[axis] = sign * GUARD;
                out.push(v);
            }
            if cin {
                out.push(cur);
            }
        }
        poly = out;
    }
    poly
}

struct SetupContext<'a> {
    scissor: [usize; 4],
    texture_index: usize,
    texture: &'a Texture,
}

/// Sets up one triangle whose positions are finite and within the guard band.
fn setup_tri(v: [PixelVertex; 3], ctx: &SetupContext<'_>, out: &mut Vec<Tri>) {
    let fixed = |p: [f32; 2]| {
        [
            (p[0] * SUB as f32).round() as i64,
            (p[1] * SUB as f32).round() as i64,
        ]
    };
    let (a, mut b, mut c) = (v[0], v[1], v[2]);
    let (pa, mut pb, mut pc) = (fixed(a.pos), fixed(b.pos), fixed(c.pos));
    let mut area = Edge::new(pa, pb).eval(pc[0], pc[1]);
    if area == 0 {
        return;
    }
    if area < 0 {
        std::mem::swap(&mut b, &mut c);
        std::mem::swap(&mut pb, &mut pc);
        area = -area;
    }

    // Pixel bounds: pixel x is a candidate when its centre x*SUB+HALF lies in [min, max].
    let min_x = pa[0].min(pb[0]).min(pc[0]);
    let max_x = pa[0].max(pb[0]).max(pc[0]);
    let min_y = pa[1].min(pb[1]).min(pc[1]);
    let max_y = pa[1].max(pb[1]).max(pc[1]);
    let [sx0, sy0, sx1, sy1] = ctx.scissor;
    let clamp = |v: i64, lo: usize, hi: usize| v.clamp(lo as i64, hi as i64) as usize;
    let x0 = clamp(ceil_div(min_x - HALF, SUB), sx0, sx1);
    let x1 = clamp(floor_div(max_x - HALF, SUB) + 1, sx0, sx1);
    let y0 = clamp(ceil_div(min_y - HALF, SUB), sy0, sy1);
    let y1 = clamp(floor_div(max_y - HALF, SUB) + 1, sy0, sy1);
    if x0 >= x1 || y0 >= y1 {
        return;
    }

    let inv_area = 1.0 / area as f32;
    let color_const = a.color == b.color && a.color == c.color;
    let uv_const = a.uv == b.uv && a.uv == c.uv;
    let options = ctx.texture.options;

    // Texels per pixel, to pick the magnification or minification filter.
    let uv_ab = [b.uv[0] - a.uv[0], b.uv[1] - a.uv[1]];
    let uv_ac = [c.uv[0] - a.uv[0], c.uv[1] - a.uv[1]];
    let edge_b = Edge::new(pc, pa);
    let edge_c = Edge::new(pa, pb);
    let filter = if uv_const {
        options.magnification
    } else {
        // d(weight)/dx = step / area, d(weight)/dy = dx_edge * SUB / area.
        let (db_dx, dc_dx) = (
            edge_b.step() as f32 * inv_area,
            edge_c.step() as f32 * inv_area,
        );
        let (db_dy, dc_dy) = (
            (edge_b.dx * SUB) as f32 * inv_area,
            (edge_c.dx * SUB) as f32 * inv_area,
        );
        let (tw, th) = (ctx.texture.width as f32, ctx.texture.height as f32);
        let du_dx = (uv_ab[0] * db_dx + uv_ac[0] * dc_dx) * tw;
        let dv_dx = (uv_ab[1] * db_dx + uv_ac[1] * dc_dx) * th;
        let du_dy = (uv_ab[0] * db_dy + uv_ac[0] * dc_dy) * tw;
        let dv_dy = (uv_ab[1] * db_dy + uv_ac[1] * dc_dy) * th;
        let scale2 = (du_dx * du_dx + dv_dx * dv_dx).max(du_dy * du_dy + dv_dy * dv_dy);
        if scale2 > 1.0 + 1e-3 {
            options.minification
        } else {
            options.magnification
        }
    };
    let wrap = options.wrap_mode;

    let shade = match (color_const, uv_const) {
        (true, true) => Shade::Solid(mul(a.color, sample(ctx.texture, a.uv, filter, wrap))),
        (false, true) => Shade::ConstTexel(sample(ctx.texture, a.uv, filter, wrap)),
        _ => Shade::Full,
    };

    out.push(Tri {
        edges: [Edge::new(pb, pc), edge_b, edge_c],
        x0,
        x1,
        y0,
        y1,
        inv_area,
        color_a: a.color,
        color_ab: sub(b.color, a.color),
        color_ac: sub(c.color, a.color),
        uv_a: a.uv,
        uv_ab,
        uv_ac,
        texture: ctx.texture_index,
        filter,
        wrap,
        shade,
    });
}

/// Sets up every triangle of one mesh, in index order.
fn setup_mesh(mesh: &Mesh, ppp: f32, ctx: &SetupContext<'_>, out: &mut Vec<Tri>) {
    let vertex = |i: u32| -> Option<PixelVertex> {
        let v = mesh.vertices.get(usize::try_from(i).ok()?)?;
        let pos = [v.pos.x * ppp, v.pos.y * ppp];
        if !(pos[0].is_finite() && pos[1].is_finite() && v.uv.x.is_finite() && v.uv.y.is_finite()) {
            return None;
        }
        Some(PixelVertex {
            pos,
            uv: [
                v.uv.x.clamp(-UV_LIMIT, UV_LIMIT),
                v.uv.y.clamp(-UV_LIMIT, UV_LIMIT),
            ],
            color: color_f32(v.color),
        })
    };
    for idx in mesh.indices.chunks_exact(3) {
        let (Some(a), Some(b), Some(c)) = (vertex(idx[0]), vertex(idx[1]), vertex(idx[2])) else {
            continue;
        };
        let in_guard = |v: &PixelVertex| v.pos[0].abs() <= GUARD && v.pos[1].abs() <= GUARD;
        if in_guard(&a) && in_guard(&b) && in_guard(&c) {
            setup_tri([a, b, c], ctx, out);
        } else {
            let poly = clip_to_guard(vec![a, b, c]);
            for i in 1..poly.len().saturating_sub(1) {
                setup_tri([poly[0], poly[i], poly[i + 1]], ctx, out);
            }
        }
    }
}

/// Composites premultiplied `src` over the 8-bit premultiplied `dst`.
#[inline]
fn blend(dst: &mut [u8; 4], src: [f32; 4]) {
    let a = src[3];
    if a >= 1.0 {
        *dst = [
            quantize(src[0]),
            quantize(src[1]),
            quantize(src[2]),
            quantize(a),
        ];
        return;
    }
    if src == [0.0; 4] {
        return;
    }
    let k = 1.0 - a;
    *dst = [
        quantize(src[0] + unorm(dst[0]) * k),
        quantize(src[1] + unorm(dst[1]) * k),
        quantize(src[2] + unorm(dst[2]) * k),
        quantize(a + unorm(dst[3]) * k),
    ];
}

/// Fills the part of `tri` inside the band of rows starting at `band_y0`.
fn fill(tri: &Tri, textures: &[&Texture], band: &mut [[u8; 4]], band_y0: usize, width: usize) {
    let band_y1 = band_y0 + band.len() / width;
    let (y_start, y_end) = (tri.y0.max(band_y0), tri.y1.min(band_y1));
    let Some(texture) = textures.get(tri.texture) else {
        return;
    };
    let px0 = tri.x0 as i64 * SUB + HALF;
    let steps = [
        tri.edges[0].step(),
        tri.edges[1].step(),
        tri.edges[2].step(),
    ];
    let last = (tri.x1 - tri.x0) as i64 - 1;
    for y in y_start..y_end {
        let py = y as i64 * SUB + HALF;
        // Exact span of covered pixels on this row, offsets from x0.
        let (mut lo, mut hi) = (0i64, last);
        let mut e = [0i64; 3];
        for k in 0..3 {
            e[k] = tri.edges[k].eval(px0, py);
            let biased = e[k] + tri.edges[k].bias;
            let s = steps[k];
            if s > 0 {
                lo = lo.max(ceil_div(-biased, s));
            } else if s < 0 {
                hi = hi.min(floor_div(biased, -s));
            } else if biased < 0 {
                hi = -1;
            }
        }
        if lo > hi {
            continue;
        }
        let row_start = (y - band_y0) * width + tri.x0;
        let Some(row) = band.get_mut(row_start + lo as usize..=row_start + hi as usize) else {
            continue;
        };
        match tri.shade {
            Shade::Solid(src) => {
                if src[3] >= 1.0 {
                    row.fill([
                        quantize(src[0]),
                        quantize(src[1]),
                        quantize(src[2]),
                        quantize(src[3]),
                    ]);
                } else {
                    for px in row {
                        blend(px, src);
                    }
                }
            }
            Shade::ConstTexel(tex) => {
                for (i, px) in (lo..).zip(row) {
                    let wb = (e[1] + steps[1] * i) as f32 * tri.inv_area;
                    let wc = (e[2] + steps[2] * i) as f32 * tri.inv_area;
                    let color = lerp4(tri.color_a, tri.color_ab, tri.color_ac, wb, wc);
                    blend(px, mul(color, tex));
                }
            }
            Shade::Full => {
                for (i, px) in (lo..).zip(row) {
                    let wb = (e[1] + steps[1] * i) as f32 * tri.inv_area;
                    let wc = (e[2] + steps[2] * i) as f32 * tri.inv_area;
                    let color = lerp4(tri.color_a, tri.color_ab, tri.color_ac, wb, wc);
                    let uv = [
                        tri.uv_a[0] + tri.uv_ab[0] * wb + tri.uv_ac[0] * wc,
                        tri.uv_a[1] + tri.uv_ab[1] * wb + tri.uv_ac[1] * wc,
                    ];
                    let t = sample(texture, uv, tri.filter, tri.wrap);
                    blend(px, mul(color, t));
                }
            }
        }
    }
}

#[inline]
fn lerp4(a: [f32; 4], ab: [f32; 4], ac: [f32; 4], wb: f32, wc: f32) -> [f32; 4] {
    [
        a[0] + ab[0] * wb + ac[0] * wc,
        a[1] + ab[1] * wb + ac[1] * wc,
        a[2] + ab[2] * wb + ac[2] * wc,
        a[3] + ab[3] * wb + ac[3] * wc,
    ]
}

/// Rasterizes tessellated output: clip rects, per-vertex colours, texture sampling (bilinear, with the texture's sampler options if simple), alpha blending like egui's renderers (premultiplied alpha, blending in gamma/sRGB space as egui_glow does by default). `pixels_per_point` scales positions; background is `clear`.
///
/// Meshes whose texture is unknown or empty are skipped (egui-wgpu skips them too), as are
/// paint callbacks, triangles with out-of-range indices or non-finite positions or UVs, and
/// degenerate triangles. Sides above [`MAX_SIDE`] are clamped to it.
pub fn rasterize(
    primitives: &[ClippedPrimitive],
    textures: &CpuTextures,
    width: u32,
    height: u32,
    pixels_per_point: f32,
    clear: Color32,
) -> Image {
    let (width, height) = (width.min(MAX_SIDE), height.min(MAX_SIDE));
    let (w, h) = (width as usize, height as usize);
    let mut frame = vec![clear.to_array(); w * h];

    if w > 0 && h > 0 {
        // Textures used, in first-use order.
        let mut table: Vec<&Texture> = Vec::new();
        let mut index_of: HashMap<TextureId, usize> = HashMap::new();
        let mut jobs: Vec<(&Mesh, SetupContext<'_>)> = Vec::new();
        for prim in primitives {
            let Primitive::Mesh(mesh) = &prim.primitive else {
                continue; // paint callbacks need a GPU
            };
            let scissor = scissor(prim.clip_rect, pixels_per_point, width, height);
            if scissor[0] >= scissor[2] || scissor[1] >= scissor[3] || mesh.indices.is_empty() {
                continue;
            }
            let Some(texture) = textures.textures.get(&mesh.texture_id) else {
                continue;
            };
            if texture.width == 0 || texture.height == 0 {
                continue;
            }
            let texture_index = *index_of.entry(mesh.texture_id).or_insert_with(|| {
                table.push(texture);
                table.len() - 1
            });
            jobs.push((
                mesh,
                SetupContext {
                    scissor,
                    texture_index,
                    texture,
                },
            ));
        }

        // Set up all triangles (in parallel per mesh, concatenated in paint order).
        let per_mesh: Vec<Vec<Tri>> = jobs
            .par_iter()
            .map(|(mesh, ctx)| {
                let mut out = Vec::new();
                setup_mesh(mesh, pixels_per_point, ctx, &mut out);
                out
            })
            .collect();
        let tris: Vec<Tri> = per_mesh.into_iter().flatten().collect();

        // Bin triangle indices into bands of rows, keeping paint order within each band.
        let bands = h.div_ceil(BAND_ROWS);
        let mut bins: Vec<Vec<u32>> = vec![Vec::new(); bands];
        for (i, tri) in tris.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            for bin in &mut bins[tri.y0 / BAND_ROWS..tri.y1.div_ceil(BAND_ROWS)] {
                bin.push(i);
            }
        }

        // Each band is filled by one thread, triangle by triangle: every pixel sees the
        // same operations in the same order whatever the thread count.
        frame
            .par_chunks_mut(BAND_ROWS * w)
            .zip(bins.par_iter())
            .enumerate()
            .for_each(|(band_index, (band, bin))| {
                for &i in bin {
                    if let Some(tri) = tris.get(i as usize) {
                        fill(tri, &table, band, band_index * BAND_ROWS, w);
                    }
                }
            });
    }

    // Premultiplied -> unpremultiplied RGBA bytes.
    let mut pixels = vec![0u8; w * h * 4];
    pixels
        .par_chunks_mut(4 * w.max(1))
        .zip(frame.par_chunks(w.max(1)))
        .for_each(|(out, row)| {
            for (o, &[r, g, b, a]) in out.chunks_exact_mut(4).zip(row) {
                let unmul = match a {
                    255 => [r, g, b, a],
                    0 => [0, 0, 0, 0],
                    _ => {
                        let f = |c: u8| {
                            ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8
                        };
                        [f(r), f(g), f(b), a]
                    }
                };
                o.copy_from_slice(&unmul);
            }
        });
    Image {
        width,
        height,
        pixels,
    }
}

// ----------------------------------------------------------------------------
// One-call rendering of a UI

/// Textures of a context rendered with [`render_ui`], kept in that context's temporary data
/// so that images loaded in an earlier call stay available.
#[derive(Clone, Default)]
struct Stash(Arc<Mutex<CpuTextures>>);

fn stash_id() -> egui::Id {
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
        .native_pixels_per_point = Some(ppp / zoom);

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

// ----------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, Vertex, WHITE_UV};
    use egui::{pos2, Pos2, Rect};

    /// Textures with a 2x2 opaque white texture as the font texture (WHITE_UV hits white).
    fn white_textures() -> CpuTextures {
        let mut t = CpuTextures::default();
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            TextureId::default(),
            [ImageDelta::full(
                ColorImage::filled([2, 2], Color32::WHITE),
                TextureOptions::LINEAR,
            )]
            .into_iter()
            .collect(),
        );
        t.apply_and_clear(&mut delta);
        t
    }

    fn rect_prim(rect: Rect, clip: Rect, color: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, color);
        ClippedPrimitive {
            clip_rect: clip,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn count_non(img: &Image, bg: [u8; 4], area: impl Fn(u32, u32) -> bool) -> usize {
        let mut n = 0;
        for y in 0..img.height {
            for x in 0..img.width {
                if area(x, y) && img.pixel(x, y) != Some(bg) {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn filled_rect_is_exact_and_clipped() {
        let t = white_textures();
        let color = Color32::from_rgb(200, 30, 90);
        let rect = Rect::from_min_max(pos2(2.0, 3.0), pos2(12.0, 9.0));
        let img = rasterize(
            &[rect_prim(rect, Rect::EVERYTHING, color)],
            &t,
            16,
            12,
            1.0,
            Color32::BLACK,
        );
        assert_eq!(
            (img.width, img.height, img.pixels.len()),
            (16, 12, 16 * 12 * 4)
        );
        for y in 0..12 {
            for x in 0..16 {
                let inside = (2..12).contains(&x) && (3..9).contains(&y);
                let want = if inside {
                    [200, 30, 90, 255]
                } else {
                    [0, 0, 0, 255]
                };
                assert_eq!(img.pixel(x, y), Some(want), "pixel {x},{y}");
            }
        }

        // Same rect at 2 pixels per point, clipped to x < 5 points.
        let clip = Rect::from_min_max(Pos2::ZERO, pos2(5.0, 100.0));
        let img = rasterize(
            &[rect_prim(rect, clip, color)],
            &t,
            32,
            24,
            2.0,
            Color32::BLACK,
        );
        for y in 0..24 {
            for x in 0..32 {
                let inside = (4..10).contains(&x) && (6..18).contains(&y);
                let want = if inside {
                    [200, 30, 90, 255]
                } else {
                    [0, 0, 0, 255]
                };
                assert_eq!(img.pixel(x, y), Some(want), "pixel {x},{y}");
            }
        }
    }

    #[test]
    fn adjacent_triangles_cover_each_pixel_once() {
        // A quad split on its diagonal, half-transparent: double coverage would show.
        let t = white_textures();
        let rect = Rect::from_min_max(pos2(0.3, 0.7), pos2(13.6, 9.2));
        let img = rasterize(
            &[rect_prim(
                rect,
                Rect::EVERYTHING,
                Color32::from_black_alpha(128),
            )],
            &t,
            16,
            12,
            1.0,
            Color32::WHITE,
        );
        for y in 0..12 {
            for x in 0..16 {
                let p = img.pixel(x, y).unwrap_or_default();
                assert!(p == [255; 4] || p == [127, 127, 127, 255], "{x},{y}: {p:?}");
            }
        }
    }

    #[test]
    fn translucent_rect_blends_over_white() {
        let t = white_textures();
        // 50% red, premultiplied: (128, 0, 0, 128).
        let color = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0));
        let img = rasterize(
            &[rect_prim(rect, Rect::EVERYTHING, color)],
            &t,
            4,
            4,
            1.0,
            Color32::WHITE,
        );
        // 128 + 255 * (1 - 128/255) = 255 for red; 255 * 127/255 = 127 for green and blue.
        assert_eq!(img.pixel(1, 1), Some([255, 127, 127, 255]));

        // Over a transparent background the output is unpremultiplied again.
        let img = rasterize(
            &[rect_prim(rect, Rect::EVERYTHING, color)],
            &t,
            4,
            4,
            1.0,
            Color32::TRANSPARENT,
        );
        assert_eq!(img.pixel(2, 2), Some([255, 0, 0, 128]));
    }

    #[test]
    fn textured_quad_samples_texels() {
        // A 4x2 texture drawn 1:1 shows its texels exactly; drawn 2:1 with nearest, doubled.
        let mut t = CpuTextures::default();
        let id = TextureId::User(7);
        let texels: Vec<Color32> = (0..8u8)
            .map(|i| Color32::from_rgb(i * 30, 255 - i * 30, i))
            .collect();
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [ImageDelta::full(
                ColorImage::new([4, 2], texels.clone()),
                TextureOptions::NEAREST,
            )]
            .into_iter()
            .collect(),
        );
        t.apply_and_clear(&mut delta);
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::ZERO, pos2(4.0, 2.0)),
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let prim = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        let img = rasterize(std::slice::from_ref(&prim), &t, 4, 2, 1.0, Color32::BLACK);
        for (i, c) in texels.iter().enumerate() {
            let (x, y) = ((i % 4) as u32, (i / 4) as u32);
            assert_eq!(img.pixel(x, y), Some(c.to_array()), "texel {x},{y}");
        }
        let img = rasterize(&[prim], &t, 8, 4, 2.0, Color32::BLACK);
        assert_eq!(img.pixel(7, 3), Some(texels[7].to_array()));
        assert_eq!(img.pixel(2, 0), Some(texels[1].to_array()));
    }

    #[test]
    fn partial_texture_update_lands_at_pos() {
        let mut t = CpuTextures::default();
        let id = TextureId::Managed(3);
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            id,
            [
                ImageDelta::full(
                    ColorImage::filled([8, 6], Color32::BLUE),
                    TextureOptions::LINEAR,
                ),
                ImageDelta::partial(
                    [5, 4],
                    ColorImage::filled([2, 2], Color32::RED),
                    TextureOptions::LINEAR,
                ),
                // Partly outside: cut, not a panic.
                ImageDelta::partial(
                    [7, 5],
                    ColorImage::filled([3, 3], Color32::GREEN),
                    TextureOptions::LINEAR,
                ),
            ]
            .into_iter()
            .collect(),
        );
        // Partial update of an unknown texture: ignored.
        delta.set.insert(
            TextureId::Managed(99),
            [ImageDelta::partial(
                [0, 0],
                ColorImage::filled([1, 1], Color32::RED),
                TextureOptions::LINEAR,
            )]
            .into_iter()
            .collect(),
        );
        t.apply_and_clear(&mut delta);
        assert_eq!(t.size(id), Some([8, 6]));
        assert_eq!(t.size(TextureId::Managed(99)), None);
        assert_eq!(t.texel(id, 4, 4), Some(Color32::BLUE));
        assert_eq!(t.texel(id, 5, 4), Some(Color32::RED));
        assert_eq!(t.texel(id, 6, 5), Some(Color32::RED));
        assert_eq!(t.texel(id, 7, 4), Some(Color32::BLUE));
        assert_eq!(t.texel(id, 7, 5), Some(Color32::GREEN));
        assert_eq!(t.texel(id, 8, 5), None);

        let mut delta = TexturesDelta::default();
        delta.free.insert(id);
        t.apply_and_clear(&mut delta);
        assert!(t.is_empty());
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        let t = white_textures();
        let v = |x: f32, y: f32, u: f32| Vertex {
            pos: pos2(x, y),
            uv: pos2(u, u),
            color: Color32::from_rgba_premultiplied(250, 20, 10, 100),
        };
        let mesh = Mesh {
            indices: vec![
                0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 1, 99, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1,
            ],
            vertices: vec![
                v(0.0, 0.0, 0.0),
                v(f32::NAN, 1.0, 0.0),
                v(5.0, 5.0, f32::INFINITY),
                v(1.0, 1.0, 0.0),
                v(2.0, 2.0, 0.0),
                v(3.0, 3.0, 0.0), // collinear
                v(-1e30, -1e30, 1e30),
                v(1e30, -1e30, -1e30),
                v(0.0, 1e30, 0.5),
                v(-3e6, 5.0, 0.2),
                v(4e6, 6.0, 0.9),
                v(5.0, 9e6, 3.0),
                v(f32::INFINITY, 0.0, 0.0),
                v(0.0, f32::NEG_INFINITY, 0.0),
                v(1.0, 1.0, f32::NAN),
            ],
            texture_id: TextureId::default(),
        };
        let missing = Mesh {
            indices: vec![0, 1, 2],
            vertices: vec![v(0.0, 0.0, 0.0), v(9.0, 0.0, 0.0), v(0.0, 9.0, 0.0)],
            texture_id: TextureId::User(12345),
        };
        let clips = [
            Rect::EVERYTHING,
            Rect::NOTHING,
            Rect::NAN,
            Rect::from_min_max(pos2(-1e30, 3.0), pos2(1e30, 4.0)),
        ];
        let mut prims = Vec::new();
        for clip in clips {
            for mesh in [&mesh, &missing] {
                prims.push(ClippedPrimitive {
                    clip_rect: clip,
                    primitive: Primitive::Mesh(mesh.clone()),
                });
            }
        }
        for (w, h, ppp) in [
            (20, 20, 1.0),
            (0, 0, 1.0),
            (1, 0, 1.0),
            (7, 3, f32::NAN),
            (7, 3, 0.0),
            (7, 3, -2.0),
            (7, 3, f32::INFINITY),
            (3, 5, 1e-30),
            (u32::MAX, 1, 1.0),
        ] {
            let img = rasterize(&prims, &t, w, h, ppp, Color32::DARK_GRAY);
            assert_eq!(
                img.pixels.len(),
                img.width as usize * img.height as usize * 4
            );
        }
        // The big clipped triangle (guard-band path) still paints inside the 20x20 frame.
        let img = rasterize(&prims, &t, 20, 20, 1.0, Color32::DARK_GRAY);
        assert!(count_non(&img, [64, 64, 64, 255], |_, _| true) > 0);
        // An empty image cannot be a PNG, but that is an error, not a panic.
        let empty = rasterize(&prims, &t, 0, 5, 1.0, Color32::BLACK);
        assert!(empty.encode_png().is_err());
        // A weird ColorImage (pixels shorter than its size) is padded, not a panic.
        let mut bad = CpuTextures::default();
        let image = ColorImage {
            size: [4, 4],
            source_size: egui::Vec2::splat(4.0),
            pixels: vec![Color32::RED; 3],
        };
        bad.set(
            TextureId::default(),
            &ImageDelta::full(image, TextureOptions::LINEAR),
        );
        assert_eq!(
            bad.texel(TextureId::default(), 3, 3),
            Some(Color32::TRANSPARENT)
        );
    }

    #[test]
    fn big_triangles_match_across_the_guard_band() {
        // A rect whose corners are far outside the guard band paints the whole frame.
        let t = white_textures();
        let rect = Rect::from_min_max(pos2(-5e6, -5e6), pos2(5e6, 5e6));
        let img = rasterize(
            &[rect_prim(rect, Rect::EVERYTHING, Color32::GOLD)],
            &t,
            10,
            10,
            1.0,
            Color32::BLACK,
        );
        assert_eq!(count_non(&img, Color32::GOLD.to_array(), |_, _| true), 0);
    }

    fn label_ui(ui: &mut egui::Ui) {
        ui.label("Hungary, October 1956");
    }

    #[test]
    fn text_renders_inside_its_rect() {
        let ctx = egui::Context::default();
        ctx.set_visuals(egui::Visuals::light());
        let mut label_rect = Rect::NOTHING;
        let img = render_ui(&ctx, egui::vec2(300.0, 60.0), 1.5, Color32::WHITE, |ui| {
            label_rect = ui.label("Hungary, October 1956").rect;
        });
        assert_eq!((img.width, img.height), (450, 90));
        let r = label_rect;
        assert!(r.width() > 50.0, "label laid out: {r:?}");
        let inside = |x: u32, y: u32| {
            let p = pos2((x as f32 + 0.5) / 1.5, (y as f32 + 0.5) / 1.5);
            r.contains(p)
        };
        let far = |x: u32, y: u32| {
            let p = pos2((x as f32 + 0.5) / 1.5, (y as f32 + 0.5) / 1.5);
            !r.expand(2.0).contains(p)
        };
        let white = [255; 4];
        let ink = count_non(&img, white, inside);
        assert!(ink > 200, "only {ink} inked pixels inside the label");
        assert_eq!(count_non(&img, white, far), 0);
        // Text is dark grey on white: some pixel is much darker than the background.
        let darkest = img
            .pixels
            .chunks_exact(4)
            .map(|p| p[0])
            .min()
            .unwrap_or(255);
        assert!(darkest < 100, "darkest {darkest}");
    }

    #[test]
    fn render_ui_has_the_right_size_and_is_repeatable() {
        let ctx = egui::Context::default();
        let a = render_ui(&ctx, egui::vec2(64.5, 20.0), 2.0, Color32::WHITE, label_ui);
        assert_eq!((a.width, a.height), (129, 40));
        assert_eq!(a.pixels.len(), 129 * 40 * 4);
        // Same context again, and a fresh context: same bytes.
        let b = render_ui(&ctx, egui::vec2(64.5, 20.0), 2.0, Color32::WHITE, label_ui);
        let c = render_ui(
            &egui::Context::default(),
            egui::vec2(64.5, 20.0),
            2.0,
            Color32::WHITE,
            label_ui,
        );
        assert_eq!(a, b);
        assert_eq!(a, c);
        // PNG bytes are stable too, and decode to the same size.
        let png = a.encode_png().unwrap_or_default();
        assert_eq!(png.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]));
        assert_eq!(b.encode_png().unwrap_or_default(), png);
        // Degenerate sizes give empty images, not panics.
        let z = render_ui(
            &ctx,
            egui::vec2(f32::NAN, -3.0),
            f32::NAN,
            Color32::WHITE,
            label_ui,
        );
        assert_eq!((z.width, z.height), (0, 0));
    }

    #[test]
    fn thread_count_does_not_change_the_image() {
        let ctx = egui::Context::default();
        let draw = |ui: &mut egui::Ui| {
            ui.heading("Suez");
            let _ = ui.button("Export");
            ui.painter()
                .circle_filled(pos2(80.0, 60.0), 17.3, Color32::from_rgb(20, 120, 200));
            ui.painter().line_segment(
                [pos2(3.0, 90.0), pos2(190.0, 71.0)],
                egui::Stroke::new(1.3, Color32::RED),
            );
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map(|pool| {
                pool.install(|| {
                    render_ui(&ctx, egui::vec2(200.0, 100.0), 1.25, Color32::WHITE, draw)
                })
            });
        let many = rayon::ThreadPoolBuilder::new()
            .num_threads(5)
            .build()
            .map(|pool| {
                pool.install(|| {
                    render_ui(&ctx, egui::vec2(200.0, 100.0), 1.25, Color32::WHITE, draw)
                })
            });
        match (one, many) {
            (Ok(one), Ok(many)) => assert_eq!(one, many),
            (one, many) => panic!("thread pools: {:?} {:?}", one.err(), many.err()),
        }
    }

    #[test]
    fn white_uv_is_white_in_the_font_atlas() {
        // egui paints solid shapes with WHITE_UV into the font texture.
        let ctx = egui::Context::default();
        let _ = render_ui(&ctx, egui::vec2(10.0, 10.0), 1.0, Color32::WHITE, label_ui);
        let stash = ctx.data_mut(|d| d.get_temp_mut_or_default::<Stash>(stash_id()).clone());
        let textures = stash.0.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(WHITE_UV, Pos2::ZERO);
        assert_eq!(
            textures.texel(TextureId::default(), 0, 0),
            Some(Color32::WHITE)
        );
    }
}
