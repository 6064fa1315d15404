//! The rasterizer: egui's tessellated meshes filled triangle by triangle in integer sub-pixel
//! arithmetic with a top-left rule, texels and vertex colours multiplied and blended like a
//! GPU's `Rgba8Unorm` target, rows spread over rayon's threads.

use super::*;

/// u8 -> 0..=1 float.
pub(super) fn unorm(v: u8) -> f32 {
    f32::from(v) * (1.0 / 255.0)
}

/// 0..=1 float -> u8, rounded to nearest, clamped (NaN gives 0).
pub(super) fn quantize(v: f32) -> u8 {
    // `as` saturates: negative and NaN give 0, above 255 gives 255.
    (v * 255.0 + 0.5) as u8
}

pub(super) fn color_f32(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [unorm(r), unorm(g), unorm(b), unorm(a)]
}

/// `floor(a / b)` for `b > 0`.
pub(super) fn floor_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

/// `ceil(a / b)` for `b > 0`.
pub(super) fn ceil_div(a: i64, b: i64) -> i64 {
    -(-a).div_euclid(b)
}

/// The pixel rectangle `[x0, x1) x [y0, y1)` a clip rect (in points) maps to, rounded and
/// clamped exactly like egui-wgpu's scissor rect.
pub(super) fn scissor(clip: egui::Rect, ppp: f32, width: u32, height: u32) -> [usize; 4] {
    // `as u32` saturates (negative and NaN give 0), as in egui-wgpu.
    let x0 = ((ppp * clip.min.x).round() as u32).min(width);
    let y0 = ((ppp * clip.min.y).round() as u32).min(height);
    let x1 = ((ppp * clip.max.x).round() as u32).clamp(x0, width);
    let y1 = ((ppp * clip.max.y).round() as u32).clamp(y0, height);
    [x0 as usize, y0 as usize, x1 as usize, y1 as usize]
}

/// A vertex in pixels, with premultiplied colour in 0..=1.
#[derive(Clone, Copy)]
pub(super) struct PixelVertex {
    pub(super) pos: [f32; 2],
    pub(super) uv: [f32; 2],
    pub(super) color: [f32; 4],
}

impl PixelVertex {
    pub(super) fn lerp(&self, other: &Self, t: f32) -> Self {
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
pub(super) struct Edge {
    pub(super) ax: i64,
    pub(super) ay: i64,
    pub(super) dx: i64,
    pub(super) dy: i64,
    /// 0 for top/left edges, -1 otherwise: a pixel is covered when `E + bias >= 0`.
    pub(super) bias: i64,
}

impl Edge {
    pub(super) fn new(a: [i64; 2], b: [i64; 2]) -> Self {
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

    pub(super) fn eval(&self, px: i64, py: i64) -> i64 {
        self.dx * (py - self.ay) - self.dy * (px - self.ax)
    }

    /// Change of E for one pixel to the right.
    pub(super) fn step(&self) -> i64 {
        -self.dy * SUB
    }
}

/// A set-up triangle, ready to fill.
pub(super) struct Tri {
    /// Weight edges: `edges[0]` is opposite vertex a (unused for weights), `edges[1]` gives
    /// the weight of b, `edges[2]` the weight of c.
    pub(super) edges: [Edge; 3],
    /// Pixel bounds, already cut to the scissor rect: `[x0, x1) x [y0, y1)`.
    pub(super) x0: usize,
    pub(super) x1: usize,
    pub(super) y0: usize,
    pub(super) y1: usize,
    pub(super) inv_area: f32,
    pub(super) color_a: [f32; 4],
    pub(super) color_ab: [f32; 4],
    pub(super) color_ac: [f32; 4],
    pub(super) uv_a: [f32; 2],
    pub(super) uv_ab: [f32; 2],
    pub(super) uv_ac: [f32; 2],
    /// Index into the texture table.
    pub(super) texture: usize,
    pub(super) filter: TextureFilter,
    pub(super) wrap: TextureWrapMode,
    /// How the triangle's pixels get their colour.
    pub(super) shade: Shade,
}

#[derive(Clone, Copy)]
pub(super) enum Shade {
    /// Same premultiplied colour everywhere (constant vertex colour and UV).
    Solid([f32; 4]),
    /// Constant texel, interpolated vertex colour (e.g. feathered solid shapes).
    ConstTexel([f32; 4]),
    /// Both interpolated (text, images).
    Full,
}

pub(super) fn sub(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
}

pub(super) fn mul(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3]]
}

pub(super) fn wrap_coord(c: i64, size: i64, wrap: TextureWrapMode) -> usize {
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

pub(super) fn texel(tex: &Texture, x: usize, y: usize) -> [f32; 4] {
    match tex.texels.get(y * tex.width + x) {
        Some(&[r, g, b, a]) => [unorm(r), unorm(g), unorm(b), unorm(a)],
        None => [0.0; 4],
    }
}

/// Samples like egui-wgpu's "predictable texture filtering": nearest texel, or four taps at
/// texel centres mixed bilinearly, with the texture's wrap mode. `tex` has a non-zero size.
pub(super) fn sample(
    tex: &Texture,
    uv: [f32; 2],
    filter: TextureFilter,
    wrap: TextureWrapMode,
) -> [f32; 4] {
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
pub(super) fn clip_to_guard(poly: Vec<PixelVertex>) -> Vec<PixelVertex> {
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

pub(super) struct SetupContext<'a> {
    pub(super) scissor: [usize; 4],
    pub(super) texture_index: usize,
    pub(super) texture: &'a Texture,
}

/// Sets up one triangle whose positions are finite and within the guard band.
pub(super) fn setup_tri(v: [PixelVertex; 3], ctx: &SetupContext<'_>, out: &mut Vec<Tri>) {
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
pub(super) fn setup_mesh(mesh: &Mesh, ppp: f32, ctx: &SetupContext<'_>, out: &mut Vec<Tri>) {
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
pub(super) fn blend(dst: &mut [u8; 4], src: [f32; 4]) {
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
pub(super) fn fill(
    tri: &Tri,
    textures: &[&Texture],
    band: &mut [[u8; 4]],
    band_y0: usize,
    width: usize,
) {
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
pub(super) fn lerp4(a: [f32; 4], ab: [f32; 4], ac: [f32; 4], wb: f32, wc: f32) -> [f32; 4] {
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
