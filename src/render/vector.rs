//! egui's shapes, before tessellation, as vector pages ([`crate::output::vector`]): runs
//! egui for a frame like [`super::render_ui`], then walks the clipped shapes (rects, circles,
//! segments, paths, béziers, plain meshes, and text galleys row by row) instead of
//! rasterizing them. Text keeps each character's position from egui's layout, and the face
//! egui's fallback chain would use for it, so the SVG and PDF read like the window.

use super::*;
use crate::output::vector::{Face, Item, Page, Path, Rgba, TextRun, P};
use egui::epaint::{ClippedShape, ColorMode, Shape, StrokeKind, TextShape};
use egui::{FontFamily, Pos2, Rect};
use skrifa::MetadataProvider;
use std::collections::{BTreeMap, HashSet};

/// The app's fonts (egui's bundled ones) with their fallback chains, for text runs.
pub struct FaceBook {
    pub faces: Vec<Face>,
    /// Per face: the characters it has.
    covers: Vec<HashSet<char>>,
    /// Per face: egui's size tweak (emoji fonts are drawn smaller).
    scales: Vec<f32>,
    /// Face indices per family, in fallback order.
    families: BTreeMap<String, Vec<usize>>,
}

impl std::fmt::Debug for FaceBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaceBook")
            .field("faces", &self.faces)
            .finish()
    }
}

fn family_key(family: &FontFamily) -> String {
    match family {
        FontFamily::Proportional => "proportional".into(),
        FontFamily::Monospace => "monospace".into(),
        FontFamily::Name(name) => name.to_string(),
    }
}

impl FaceBook {
    /// The fonts egui draws with by default.
    pub fn egui_default() -> FaceBook {
        FaceBook::of_definitions(&egui::FontDefinitions::default())
    }

    /// The fonts `ctx` draws with (egui's and any the app added, such as CJK fallbacks),
    /// read once per set of fonts and shared.
    pub fn of_context(ctx: &egui::Context) -> std::sync::Arc<FaceBook> {
        use std::sync::{Arc, Mutex, OnceLock, PoisonError};
        static BOOKS: OnceLock<Mutex<BTreeMap<Vec<String>, Arc<FaceBook>>>> = OnceLock::new();
        let defs = ctx.fonts(|f| f.definitions().clone());
        let key: Vec<String> = defs.font_data.keys().cloned().collect();
        let books = BOOKS.get_or_init(|| Mutex::new(BTreeMap::new()));
        let mut books = books.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            books
                .entry(key)
                .or_insert_with(|| Arc::new(FaceBook::of_definitions(&defs))),
        )
    }

    /// The fonts of `defs`, with their fallback chains.
    pub fn of_definitions(defs: &egui::FontDefinitions) -> FaceBook {
        let mut faces = Vec::new();
        let mut covers = Vec::new();
        let mut scales = Vec::new();
        let mut index_of = BTreeMap::new();
        for (name, data) in &defs.font_data {
            let bytes: &[u8] = (*data.font).as_ref();
            let cover = skrifa::FontRef::from_index(bytes, data.index)
                .map(|f| {
                    f.charmap()
                        .mappings()
                        .filter_map(|(c, _)| char::from_u32(c))
                        .collect()
                })
                .unwrap_or_default();
            let (css_family, css_weight) = match name.as_str() {
                "Ubuntu-Light" => ("Ubuntu, 'Ubuntu Light', sans-serif", 300),
                "Hack" => ("Hack, monospace", 400),
                "NotoEmoji-Regular" => ("'Noto Emoji', sans-serif", 400),
                _ => ("sans-serif", 400),
            };
            let css_family = if css_family == "sans-serif" {
                format!("'{name}', sans-serif")
            } else {
                css_family.to_string()
            };
            index_of.insert(name.clone(), faces.len());
            faces.push(Face {
                name: name.clone(),
                css_family,
                css_weight,
                data: data.font.clone(),
                index: data.index,
            });
            covers.push(cover);
            scales.push(data.tweak.scale);
        }
        let families = defs
            .families
            .iter()
            .map(|(family, names)| {
                let chain = names
                    .iter()
                    .filter_map(|n| index_of.get(n).copied())
                    .collect();
                (family_key(family), chain)
            })
            .collect();
        FaceBook {
            faces,
            covers,
            scales,
            families,
        }
    }

    /// The face egui would draw `c` in for `family`, and its size factor.
    fn face_for(&self, family: &FontFamily, c: char) -> Option<(usize, f32)> {
        let chain = self
            .families
            .get(&family_key(family))
            .or_else(|| self.families.get("proportional"))?;
        let face = chain
            .iter()
            .copied()
            .find(|&f| self.covers.get(f).is_some_and(|cover| cover.contains(&c)))
            .or_else(|| chain.first().copied())?;
        Some((face, self.scales.get(face).copied().unwrap_or(1.0)))
    }
}

/// Runs `ui` for a frame of `size_points` (twice, as [`super::render_ui`] does) and returns
/// the shapes it painted, in paint order.
pub fn capture(
    ctx: &egui::Context,
    size_points: egui::Vec2,
    pixels_per_point: f32,
    mut ui: impl FnMut(&mut egui::Ui),
) -> Vec<ClippedShape> {
    let input = super::ui::frame_input(ctx, size_points, pixels_per_point);
    // Textures are not drawn here: their deltas are let go on purpose.
    ctx.run_ui(input.clone(), &mut ui).textures_delta.clear();
    let mut output = ctx.run_ui(input, &mut ui);
    output.textures_delta.clear();
    std::mem::take(&mut output.shapes)
}

/// Unpremultiplies egui's colour.
fn rgba(c: Color32) -> Rgba {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Rgba { r, g, b, a }
}

fn p(pos: Pos2) -> P {
    P { x: pos.x, y: pos.y }
}

/// Turns shapes into page items (clip groups where a shape reaches outside its clip).
pub struct Converter<'a> {
    pub book: &'a FaceBook,
}

impl Converter<'_> {
    /// The shapes as one page of `width` x `height` points.
    pub fn page(
        &self,
        shapes: &[ClippedShape],
        width: f32,
        height: f32,
        background: Option<Rgba>,
    ) -> Page {
        let mut items = Vec::new();
        for clipped in shapes {
            let clip = clipped.clip_rect;
            let bounds = clipped.shape.visual_bounding_rect();
            // Nothing to draw (an empty shape has no finite bounds).
            if !bounds.is_finite() || bounds.width() < 0.0 || bounds.height() < 0.0 {
                continue;
            }
            if !clip.intersects(bounds.expand(1.0)) {
                continue;
            }
            let mut out = Vec::new();
            self.shape(&clipped.shape, &mut out);
            if out.is_empty() {
                continue;
            }
            let item_group = if clip.contains_rect(bounds) {
                out
            } else {
                vec![Item::Clip {
                    rect: [clip.min.x, clip.min.y, clip.max.x, clip.max.y],
                    items: out,
                }]
            };
            // A layer's transform (scaled or moved areas) applies after tessellation.
            let t = clipped.transform_after_tessellation;
            if t == egui::emath::TSTransform::IDENTITY {
                items.extend(item_group);
            } else {
                items.extend(
                    item_group
                        .into_iter()
                        .map(|item| item.placed(t.scaling, t.translation.x, t.translation.y)),
                );
            }
        }
        Page {
            width,
            height,
            background,
            items,
        }
    }

    fn fill_stroke(out: &mut Vec<Item>, path: &Path, fill: Color32, stroke: egui::Stroke) {
        if fill.a() > 0 {
            out.push(Item::Fill {
                path: path.clone(),
                color: rgba(fill),
            });
        }
        if stroke.width > 0.0 && stroke.color.a() > 0 {
            out.push(Item::Stroke {
                path: path.clone(),
                color: rgba(stroke.color),
                width: stroke.width,
            });
        }
    }

    fn shape(&self, shape: &Shape, out: &mut Vec<Item>) {
        match shape {
            Shape::Noop | Shape::Callback(_) | Shape::Band(_) => {}
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.shape(s, out);
                }
            }
            Shape::Circle(c) => {
                let path = Path::ellipse(p(c.center), c.radius, c.radius);
                Self::fill_stroke(out, &path, c.fill, c.stroke);
            }
            Shape::Ellipse(e) => {
                let path = Path::ellipse(p(e.center), e.radius.x, e.radius.y);
                Self::fill_stroke(out, &path, e.fill, e.stroke);
            }
            Shape::LineSegment { points, stroke } => {
                let path = Path::polyline(&[p(points[0]), p(points[1])], false);
                Self::fill_stroke(out, &path, Color32::TRANSPARENT, *stroke);
            }
            Shape::Path(path_shape) => {
                let points: Vec<P> = path_shape.points.iter().copied().map(p).collect();
                let path = Path::polyline(&points, path_shape.closed);
                let color = match &path_shape.stroke.color {
                    ColorMode::Solid(c) => *c,
                    ColorMode::UV(f) => f(
                        path_shape.visual_bounding_rect(),
                        path_shape.points.first().copied().unwrap_or_default(),
                    ),
                };
                let fill = if path_shape.closed {
                    path_shape.fill
                } else {
                    Color32::TRANSPARENT
                };
                Self::fill_stroke(
                    out,
                    &path,
                    fill,
                    egui::Stroke::new(path_shape.stroke.width, color),
                );
            }
            Shape::Rect(r) => {
                let cr = r.corner_radius;
                let radii = [cr.nw, cr.ne, cr.se, cr.sw].map(f32::from);
                let body = Path::rounded_rect(
                    r.rect.min.x,
                    r.rect.min.y,
                    r.rect.max.x,
                    r.rect.max.y,
                    radii,
                );
                if r.fill.a() > 0 {
                    out.push(Item::Fill {
                        path: body,
                        color: rgba(r.fill),
                    });
                }
                if r.stroke.width > 0.0 && r.stroke.color.a() > 0 {
                    let w = r.stroke.width;
                    let rect = match r.stroke_kind {
                        StrokeKind::Inside => r.rect.shrink(w / 2.0),
                        StrokeKind::Middle => r.rect,
                        StrokeKind::Outside => r.rect.expand(w / 2.0),
                    };
                    let shift = match r.stroke_kind {
                        StrokeKind::Inside => -w / 2.0,
                        StrokeKind::Middle => 0.0,
                        StrokeKind::Outside => w / 2.0,
                    };
                    let path = Path::rounded_rect(
                        rect.min.x,
                        rect.min.y,
                        rect.max.x,
                        rect.max.y,
                        radii.map(|x| (x + shift).max(0.0)),
                    );
                    out.push(Item::Stroke {
                        path,
                        color: rgba(r.stroke.color),
                        width: w,
                    });
                }
            }
            Shape::Text(text) => self.text(text, out),
            Shape::Mesh(mesh) => {
                // Plain coloured triangles (no image textures): one filled path each.
                if mesh.texture_id != egui::TextureId::default() {
                    return;
                }
                // A rectangle of one colour (as `Mesh::add_colored_rect` makes them: the
                // timeline's ground and density bars) is one path, so a viewer draws no
                // seam along its diagonal; anything else, a path per triangle.
                let mut rest = mesh.indices.as_slice();
                while !rest.is_empty() {
                    if let Some((corners, color)) = colored_rect(mesh, rest) {
                        rest = &rest[6..];
                        if color.a() > 0 {
                            out.push(Item::Fill {
                                path: Path::polyline(&corners.map(p), true),
                                color: rgba(color),
                            });
                        }
                        continue;
                    }
                    let (tri, tail) = rest.split_at(3.min(rest.len()));
                    rest = tail;
                    let v: Vec<_> = tri
                        .iter()
                        .filter_map(|&i| mesh.vertices.get(i as usize))
                        .collect();
                    if v.len() != 3 || v[0].color.a() == 0 {
                        continue;
                    }
                    let path = Path::polyline(&[p(v[0].pos), p(v[1].pos), p(v[2].pos)], true);
                    out.push(Item::Fill {
                        path,
                        color: rgba(v[0].color),
                    });
                }
            }
            Shape::QuadraticBezier(q) => {
                let [a, c, d] = q.points;
                // A quadratic as a cubic: control points two thirds of the way to c.
                let c1 = a + (c - a) * (2.0 / 3.0);
                let c2 = d + (c - d) * (2.0 / 3.0);
                let path = Path(vec![
                    crate::output::vector::Seg::Move(p(a)),
                    crate::output::vector::Seg::Cubic(p(c1), p(c2), p(d)),
                ]);
                let mut path = path;
                if q.closed {
                    path.0.push(crate::output::vector::Seg::Close);
                }
                let color = match &q.stroke.color {
                    ColorMode::Solid(c) => *c,
                    ColorMode::UV(_) => Color32::GRAY,
                };
                let fill = if q.closed {
                    q.fill
                } else {
                    Color32::TRANSPARENT
                };
                Self::fill_stroke(out, &path, fill, egui::Stroke::new(q.stroke.width, color));
            }
            Shape::CubicBezier(c) => {
                let [a, b, cc, d] = c.points;
                let mut path = Path(vec![
                    crate::output::vector::Seg::Move(p(a)),
                    crate::output::vector::Seg::Cubic(p(b), p(cc), p(d)),
                ]);
                if c.closed {
                    path.0.push(crate::output::vector::Seg::Close);
                }
                let color = match &c.stroke.color {
                    ColorMode::Solid(col) => *col,
                    ColorMode::UV(_) => Color32::GRAY,
                };
                let fill = if c.closed {
                    c.fill
                } else {
                    Color32::TRANSPARENT
                };
                Self::fill_stroke(out, &path, fill, egui::Stroke::new(c.stroke.width, color));
            }
        }
    }

    /// A text shape as page items (text runs).
    pub fn text_items(&self, shape: &TextShape) -> Vec<Item> {
        let mut out = Vec::new();
        self.text(shape, &mut out);
        out
    }

    /// A galley as text runs: per row, one run per stretch of characters in one face, size
    /// and colour.
    fn text(&self, shape: &TextShape, out: &mut Vec<Item>) {
        let galley = &shape.galley;
        let job = &galley.job;
        // The section of each character of the job's text, to find each glyph's font.
        let mut section_of_char = Vec::with_capacity(job.text.len());
        for (byte, _) in job.text.char_indices() {
            let section = job
                .sections
                .iter()
                .position(|s| s.byte_range.start.0 <= byte && byte < s.byte_range.end.0)
                .unwrap_or(job.sections.len().saturating_sub(1));
            section_of_char.push(section);
        }
        let mut cursor = 0usize;
        for row in &galley.rows {
            let mut run: Option<TextRun> = None;
            let places = cluster_places(&row.row.glyphs);
            for (glyph, &(glyph_x, advance)) in row.row.glyphs.iter().zip(&places) {
                let section = section_of_char
                    .get(cursor)
                    .or(section_of_char.last())
                    .copied()
                    .unwrap_or(0);
                cursor += 1;
                let Some(format) = job.sections.get(section).map(|s| &s.format) else {
                    continue;
                };
                if glyph.chr.is_control() {
                    continue;
                }
                let mut color = shape.override_text_color.unwrap_or(format.color);
                if color == Color32::PLACEHOLDER {
                    color = shape.fallback_color;
                }
                if shape.opacity_factor < 1.0 {
                    color = color.gamma_multiply(shape.opacity_factor.max(0.0));
                }
                let Some((face, scale)) = self.book.face_for(&format.font_id.family, glyph.chr)
                else {
                    continue;
                };
                let size = format.font_id.size * scale;
                let x = shape.pos.x + row.pos.x + glyph_x;
                let baseline = shape.pos.y + row.pos.y + glyph.pos.y;
                let color = rgba(color);
                let same = run.as_ref().is_some_and(|r| {
                    r.face == face
                        && r.size == size
                        && r.color == color
                        && (r.baseline - baseline).abs() < 0.01
                });
                if !same {
                    if let Some(done) = run.take() {
                        push_run(out, done);
                    }
                    run = Some(TextRun {
                        face,
                        size,
                        color,
                        baseline,
                        text: String::new(),
                        x: Vec::new(),
                        advance: Vec::new(),
                    });
                }
                if let Some(r) = run.as_mut() {
                    r.text.push(glyph.chr);
                    r.x.push(x);
                    r.advance.push(advance);
                }
            }
            if let Some(done) = run.take() {
                push_run(out, done);
            }
            if row.ends_with_newline {
                cursor += 1;
            }
        }
    }
}

/// Each glyph's x and advance, with the characters of a shaped cluster spread over it: where
/// the font draws several characters as one glyph (the "ff" ligature), egui gives the first
/// character the whole advance and the others empty zero-width glyphs at the cluster's end;
/// a vector page draws each character by itself, so each gets its share of the cluster.
fn cluster_places(glyphs: &[egui::epaint::text::Glyph]) -> Vec<(f32, f32)> {
    let mut places: Vec<(f32, f32)> = glyphs.iter().map(|g| (g.pos.x, g.advance_width)).collect();
    let continues = |g: &egui::epaint::text::Glyph| {
        g.advance_width == 0.0 && g.uv_rect.size == egui::Vec2::ZERO && !g.chr.is_whitespace()
    };
    let mut i = 0;
    while i < glyphs.len() {
        let mut end = i + 1;
        while end < glyphs.len() && continues(&glyphs[end]) {
            end += 1;
        }
        let n = end - i;
        if n > 1 {
            let (x, advance) = places[i];
            #[allow(clippy::cast_precision_loss)]
            let share = advance / n as f32;
            for (k, place) in places[i..end].iter_mut().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let at = x + share * k as f32;
                *place = (at, share);
            }
        }
        i = end;
    }
    places
}

fn push_run(out: &mut Vec<Item>, run: TextRun) {
    if run.color.is_visible() && !run.text.trim().is_empty() {
        out.push(Item::Text(run));
    }
}

/// The area a shape list covers (for tests and placing).
pub fn bounds(shapes: &[ClippedShape]) -> Rect {
    shapes.iter().fold(Rect::NOTHING, |r, s| {
        r.union(s.shape.visual_bounding_rect())
    })
}

/// If `indices` start with a rectangle of one colour as `Mesh::add_colored_rect` lays it out
/// (vertices a, a+1, a+2, a+3: top-left, top-right, bottom-left, bottom-right; triangles
/// a, a+1, a+2 and a+2, a+1, a+3), its corners in drawing order and its colour.
fn colored_rect(mesh: &egui::Mesh, indices: &[u32]) -> Option<([egui::Pos2; 4], Color32)> {
    let q = indices.get(..6)?;
    let a = q[0];
    if q != [a, a + 1, a + 2, a + 2, a + 1, a + 3] {
        return None;
    }
    let v = mesh.vertices.get(a as usize..a as usize + 4)?;
    let color = v[0].color;
    if v.iter().any(|x| x.color != color) {
        return None;
    }
    let (tl, tr, bl, br) = (v[0].pos, v[1].pos, v[2].pos, v[3].pos);
    let square = tl.y == tr.y && bl.y == br.y && tl.x == bl.x && tr.x == br.x;
    square.then_some(([tl, tr, br, bl], color))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Staff of" shapes "ff" as one ligature glyph: on the page each "f" still has its own
    /// place inside the ligature's width, before the space (not after it, which printed
    /// "Staf fof").
    #[test]
    fn a_ligature_is_spread_over_its_characters() {
        let ctx = egui::Context::default();
        let shapes = capture(&ctx, egui::vec2(400.0, 100.0), 1.0, |ui| {
            ui.label("General Staff of the Navy");
        });
        let book = FaceBook::of_context(&ctx);
        let page = Converter { book: &book }.page(&shapes, 400.0, 100.0, None);
        let runs = page.text_runs();
        let run = runs
            .iter()
            .find(|r| r.text.contains("Staff"))
            .expect("the label's run");
        for pair in run.x.windows(2) {
            assert!(pair[0] < pair[1], "{:?} in {:?}", run.x, run.text);
        }
        // egui snaps each glyph to the pixel, so a character may end up to a pixel past the
        // next one's start; never more.
        for ((x, advance), next) in run.x.iter().zip(&run.advance).zip(run.x.iter().skip(1)) {
            assert!(x + advance <= next + 1.0, "{:?} {:?}", run.x, run.advance);
        }
    }
}
