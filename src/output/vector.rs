//! Vector pictures: pages of filled and stroked paths and runs of real text, in points
//! (1/72 inch), y down. The common form that [`super::svg`] and [`super::pdf`] write, made from
//! egui's shapes by `render::vector` (posters of the timeline) and by the handout's page layout.
//!
//! Owns the page model, the fonts a page's text uses ([`Face`]) and moving drawings about
//! ([`Item::placed`]). Pure data: no egui, no files.

use std::collections::HashMap;
use std::sync::Arc;

/// A colour in sRGB, alpha not premultiplied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const BLACK: Rgba = Rgba::rgb(0, 0, 0);
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, a: 255 }
    }

    /// "#rrggbb".
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity in 0..=1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }

    pub fn is_visible(self) -> bool {
        self.a > 0
    }
}

/// A point, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct P {
    pub x: f32,
    pub y: f32,
}

/// One step of a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    Move(P),
    Line(P),
    Cubic(P, P, P),
    Close,
}

/// An outline made of segments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Path(pub Vec<Seg>);

/// Bezier handle length for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

impl Path {
    /// A polyline through `points`, closed when asked.
    pub fn polyline(points: &[P], closed: bool) -> Path {
        let mut segs = Vec::with_capacity(points.len() + 1);
        for (i, &p) in points.iter().enumerate() {
            segs.push(if i == 0 { Seg::Move(p) } else { Seg::Line(p) });
        }
        if closed && points.len() > 2 {
            segs.push(Seg::Close);
        }
        Path(segs)
    }

    /// An ellipse about `c` with radii `rx`, `ry` (four cubic arcs).
    pub fn ellipse(c: P, rx: f32, ry: f32) -> Path {
        let (kx, ky) = (rx * KAPPA, ry * KAPPA);
        let p = |x: f32, y: f32| P {
            x: c.x + x,
            y: c.y + y,
        };
        Path(vec![
            Seg::Move(p(rx, 0.0)),
            Seg::Cubic(p(rx, ky), p(kx, ry), p(0.0, ry)),
            Seg::Cubic(p(-kx, ry), p(-rx, ky), p(-rx, 0.0)),
            Seg::Cubic(p(-rx, -ky), p(-kx, -ry), p(0.0, -ry)),
            Seg::Cubic(p(kx, -ry), p(rx, -ky), p(rx, 0.0)),
            Seg::Close,
        ])
    }

    /// A rectangle from (`x0`, `y0`) to (`x1`, `y1`) with corner radii (nw, ne, se, sw).
    pub fn rounded_rect(x0: f32, y0: f32, x1: f32, y1: f32, radii: [f32; 4]) -> Path {
        let (w, h) = ((x1 - x0).max(0.0), (y1 - y0).max(0.0));
        let max = (w.min(h) / 2.0).max(0.0);
        let [nw, ne, se, sw] = radii.map(|r| r.clamp(0.0, max));
        let p = |x: f32, y: f32| P { x, y };
        let mut segs = vec![Seg::Move(p(x0 + nw, y0)), Seg::Line(p(x1 - ne, y0))];
        if ne > 0.0 {
            segs.push(Seg::Cubic(
                p(x1 - ne + ne * KAPPA, y0),
                p(x1, y0 + ne - ne * KAPPA),
                p(x1, y0 + ne),
            ));
        }
        segs.push(Seg::Line(p(x1, y1 - se)));
        if se > 0.0 {
            segs.push(Seg::Cubic(
                p(x1, y1 - se + se * KAPPA),
                p(x1 - se + se * KAPPA, y1),
                p(x1 - se, y1),
            ));
        }
        segs.push(Seg::Line(p(x0 + sw, y1)));
        if sw > 0.0 {
            segs.push(Seg::Cubic(
                p(x0 + sw - sw * KAPPA, y1),
                p(x0, y1 - sw + sw * KAPPA),
                p(x0, y1 - sw),
            ));
        }
        segs.push(Seg::Line(p(x0, y0 + nw)));
        if nw > 0.0 {
            segs.push(Seg::Cubic(
                p(x0, y0 + nw - nw * KAPPA),
                p(x0 + nw - nw * KAPPA, y0),
                p(x0 + nw, y0),
            ));
        }
        segs.push(Seg::Close);
        Path(segs)
    }

    fn map(&mut self, f: &impl Fn(P) -> P) {
        for seg in &mut self.0 {
            *seg = match *seg {
                Seg::Move(p) => Seg::Move(f(p)),
                Seg::Line(p) => Seg::Line(f(p)),
                Seg::Cubic(a, b, c) => Seg::Cubic(f(a), f(b), f(c)),
                Seg::Close => Seg::Close,
            };
        }
    }
}

/// A font a page's text is set in, with the bytes to embed.
#[derive(Clone)]
pub struct Face {
    /// The name the app knows it by ("Ubuntu-Light").
    pub name: String,
    /// CSS font families for SVG, most specific first ("Ubuntu", "sans-serif").
    pub css_family: String,
    /// CSS weight (the bundled Ubuntu is the Light face: 300).
    pub css_weight: u16,
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    pub index: u32,
}

impl Face {
    /// The face's character map: each character it has, with its glyph id (empty when the
    /// bytes are not a font). The one place the PDF and the SVG's embedded fonts find glyphs.
    pub fn glyph_ids(&self) -> HashMap<char, u32> {
        use skrifa::MetadataProvider;
        let bytes: &[u8] = (*self.data).as_ref();
        skrifa::FontRef::from_index(bytes, self.index)
            .map(|font| {
                font.charmap()
                    .mappings()
                    .filter_map(|(c, g)| Some((char::from_u32(c)?, g.to_u32())))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

/// A run of text on one baseline in one face: each character with its x and advance, as the
/// app laid it out, so the vector page shows the same lines as the window.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Index into the document's faces.
    pub face: usize,
    /// Font size in points.
    pub size: f32,
    pub color: Rgba,
    pub baseline: f32,
    /// The characters (no control characters).
    pub text: String,
    /// Per character: its left x.
    pub x: Vec<f32>,
    /// Per character: its advance.
    pub advance: Vec<f32>,
}

/// Something drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Fill {
        path: Path,
        color: Rgba,
    },
    Stroke {
        path: Path,
        color: Rgba,
        width: f32,
    },
    Text(TextRun),
    /// Items drawn only inside a rectangle (x0, y0, x1, y1).
    Clip {
        rect: [f32; 4],
        items: Vec<Item>,
    },
    /// A link area (PDF link annotation; an `<a>` in SVG) over (x0, y0, x1, y1).
    Link {
        rect: [f32; 4],
        url: String,
    },
}

impl Item {
    /// The item scaled by `scale` about the origin, then moved by (`dx`, `dy`).
    #[must_use]
    pub fn placed(mut self, scale: f32, dx: f32, dy: f32) -> Item {
        self.place(scale, dx, dy);
        self
    }

    fn place(&mut self, scale: f32, dx: f32, dy: f32) {
        let f = |p: P| P {
            x: p.x * scale + dx,
            y: p.y * scale + dy,
        };
        let rect = |r: &mut [f32; 4]| {
            *r = [
                r[0] * scale + dx,
                r[1] * scale + dy,
                r[2] * scale + dx,
                r[3] * scale + dy,
            ];
        };
        match self {
            Item::Fill { path, .. } => path.map(&f),
            Item::Stroke { path, width, .. } => {
                path.map(&f);
                *width *= scale;
            }
            Item::Text(run) => {
                run.size *= scale;
                run.baseline = run.baseline * scale + dy;
                for x in &mut run.x {
                    *x = *x * scale + dx;
                }
                for a in &mut run.advance {
                    *a *= scale;
                }
            }
            Item::Clip { rect: r, items } => {
                rect(r);
                for item in items {
                    item.place(scale, dx, dy);
                }
            }
            Item::Link { rect: r, .. } => rect(r),
        }
    }

    /// The item with its text runs' faces renumbered by `map` (old index -> new index).
    #[must_use]
    pub fn with_faces(mut self, map: &[usize]) -> Item {
        self.remap(map);
        self
    }

    fn remap(&mut self, map: &[usize]) {
        match self {
            Item::Text(run) => run.face = map.get(run.face).copied().unwrap_or(run.face),
            Item::Clip { items, .. } => {
                for item in items {
                    item.remap(map);
                }
            }
            _ => {}
        }
    }

    /// Every text run in the item, in drawing order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a TextRun>) {
        match self {
            Item::Text(run) => out.push(run),
            Item::Clip { items, .. } => {
                for item in items {
                    item.texts(out);
                }
            }
            _ => {}
        }
    }
}

/// One page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Size in points.
    pub width: f32,
    pub height: f32,
    pub background: Option<Rgba>,
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text, run by run (tests, and searching a poster).
    pub fn text_runs(&self) -> Vec<&TextRun> {
        let mut out = Vec::new();
        for item in &self.items {
            item.texts(&mut out);
        }
        out
    }
}

/// Pages and the faces their text uses.
#[derive(Clone, Debug)]
pub struct Drawing {
    pub title: String,
    pub faces: Vec<Face>,
    pub pages: Vec<Page>,
}

/// Adds the faces of `from` missing from `to` (by name); returns, per face of `from`, its
/// index in `to`, for [`Item::with_faces`].
pub fn merge_faces(to: &mut Vec<Face>, from: &[Face]) -> Vec<usize> {
    from.iter()
        .map(|face| {
            to.iter()
                .position(|f| f.name == face.name)
                .unwrap_or_else(|| {
                    to.push(face.clone());
                    to.len() - 1
                })
        })
        .collect()
}

/// Paper sizes, in millimetres (portrait).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
    A2,
    Letter,
}

impl Paper {
    pub fn mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A page size in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub fn from_mm(width: f32, height: f32) -> PageSize {
        PageSize {
            width: width * PT_PER_MM,
            height: height * PT_PER_MM,
        }
    }

    pub fn paper(paper: Paper, landscape: bool) -> PageSize {
        let (w, h) = paper.mm();
        if landscape {
            PageSize::from_mm(h, w)
        } else {
            PageSize::from_mm(w, h)
        }
    }

    /// Reads "a3", "a3-landscape", "A4-portrait", "letter", "letter-landscape".
    pub fn parse(text: &str) -> Option<PageSize> {
        let lower = text.trim().to_ascii_lowercase();
        let (name, landscape) = match lower.split_once('-') {
            Some((name, "landscape")) => (name.to_string(), true),
            Some((name, "portrait")) => (name.to_string(), false),
            None => (lower.clone(), false),
            _ => return None,
        };
        let paper = match name.as_str() {
            "a4" => Paper::A4,
            "a3" => Paper::A3,
            "a2" => Paper::A2,
            "letter" => Paper::Letter,
            _ => return None,
        };
        Some(PageSize::paper(paper, landscape))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_sizes_in_points() {
        let a3 = PageSize::parse("A3-landscape").expect("a3");
        assert!((a3.width - 1190.55).abs() < 0.1 && (a3.height - 841.89).abs() < 0.1);
        let a4 = PageSize::parse("a4").expect("a4");
        assert!((a4.width - 595.28).abs() < 0.1);
        let letter = PageSize::parse("letter-portrait").expect("letter");
        assert!((letter.width - 612.0).abs() < 0.1 && (letter.height - 792.0).abs() < 0.1);
        assert!(PageSize::parse("a5").is_none());
        assert!(PageSize::parse("a4-sideways").is_none());
    }

    #[test]
    fn faces_merge_by_name_and_runs_follow() {
        let face = |name: &str| Face {
            name: name.into(),
            css_family: "sans-serif".into(),
            css_weight: 400,
            data: Arc::new(Vec::<u8>::new()),
            index: 0,
        };
        let mut to = vec![face("Ubuntu-Light"), face("Hack")];
        let map = merge_faces(&mut to, &[face("cjk"), face("Ubuntu-Light")]);
        assert_eq!(map, vec![2, 0]);
        assert_eq!(to.len(), 3);
        let run = TextRun {
            face: 0,
            size: 10.0,
            color: Rgba::BLACK,
            baseline: 0.0,
            text: "中".into(),
            x: vec![0.0],
            advance: vec![10.0],
        };
        let clip = Item::Clip {
            rect: [0.0; 4],
            items: vec![Item::Text(run)],
        }
        .with_faces(&map);
        let mut runs = Vec::new();
        clip.texts(&mut runs);
        assert_eq!(runs[0].face, 2);
    }

    #[test]
    fn placing_scales_and_moves_everything() {
        let run = TextRun {
            face: 0,
            size: 10.0,
            color: Rgba::BLACK,
            baseline: 20.0,
            text: "ab".into(),
            x: vec![0.0, 5.0],
            advance: vec![5.0, 5.0],
        };
        let placed = Item::Text(run).placed(2.0, 100.0, 10.0);
        let Item::Text(run) = placed else {
            panic!("text")
        };
        assert_eq!(run.size, 20.0);
        assert_eq!(run.baseline, 50.0);
        assert_eq!(run.x, vec![100.0, 110.0]);
        let stroke = Item::Stroke {
            path: Path::polyline(&[P { x: 1.0, y: 1.0 }, P { x: 2.0, y: 2.0 }], false),
            color: Rgba::BLACK,
            width: 1.0,
        }
        .placed(3.0, 0.0, 0.0);
        assert!(matches!(stroke, Item::Stroke { width, .. } if width == 3.0));
    }
}
