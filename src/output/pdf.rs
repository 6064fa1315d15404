//! PDF from a vector [`Drawing`], with krilla: paths as PDF paths, text as glyph runs in the
//! bundled fonts, embedded as subsets with a ToUnicode map (selectable, searchable), each
//! character at the x the app laid it out at. Links become link annotations.
//!
//! Pure but for krilla: no egui, no files.

use super::vector::{Drawing, Face, Item, Page, Path, Rgba, Seg, TextRun};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

fn path(p: &Path) -> Option<krilla::geom::Path> {
    let mut b = PathBuilder::new();
    for seg in &p.0 {
        match *seg {
            Seg::Move(p) => b.move_to(p.x, p.y),
            Seg::Line(p) => b.line_to(p.x, p.y),
            Seg::Cubic(a, c, d) => b.cubic_to(a.x, a.y, c.x, c.y, d.x, d.y),
            Seg::Close => b.close(),
        }
    }
    b.finish()
}

fn fill(color: Rgba) -> Fill {
    Fill {
        paint: rgb::Color::new(color.r, color.g, color.b).into(),
        opacity: NormalizedF32::new(color.opacity()).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

/// A face ready for krilla, and its character map.
struct Loaded {
    font: Font,
    glyphs: std::collections::HashMap<char, u32>,
}

fn load(face: &Face) -> Option<Loaded> {
    let font = Font::new(face.data.clone().into(), face.index)?;
    Some(Loaded {
        font,
        glyphs: face.glyph_ids(),
    })
}

fn text(surface: &mut Surface<'_>, run: &TextRun, face: &Loaded) {
    if run.size <= 0.0 || !run.size.is_finite() {
        return;
    }
    // Characters the face has, with the x the app gave each.
    let placed: Vec<(char, u32, f32, f32)> = run
        .text
        .chars()
        .zip(&run.x)
        .zip(&run.advance)
        .filter_map(|((c, &x), &advance)| Some((c, *face.glyphs.get(&c)?, x, advance)))
        .collect();
    let Some(&(_, _, start, _)) = placed.first() else {
        return;
    };
    let mut glyphs = Vec::with_capacity(placed.len());
    let mut text = String::new();
    for (i, &(c, id, x, advance)) in placed.iter().enumerate() {
        let from = text.len();
        text.push(c);
        // The pen moves to the next character's x, so each one lands where the app put it.
        let step = placed.get(i + 1).map_or(advance, |next| next.2 - x);
        glyphs.push(KrillaGlyph {
            glyph_id: GlyphId::new(id),
            text_range: from..text.len(),
            x_advance: step / run.size,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        });
    }
    surface.set_stroke(None);
    surface.set_fill(Some(fill(run.color)));
    surface.draw_glyphs(
        Point::from_xy(start, run.baseline),
        &glyphs,
        face.font.clone(),
        &text,
        run.size,
        false,
    );
}

struct Writer<'a> {
    faces: &'a [Option<Loaded>],
    links: Vec<(Rect, String)>,
}

impl Writer<'_> {
    fn item(&mut self, surface: &mut Surface<'_>, item: &Item) {
        match item {
            Item::Fill { path: p, color } => {
                if let Some(p) = path(p) {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&p);
                }
            }
            Item::Stroke {
                path: p,
                color,
                width,
            } => {
                if let Some(p) = path(p) {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.r, color.g, color.b).into(),
                        width: *width,
                        opacity: NormalizedF32::new(color.opacity()).unwrap_or(NormalizedF32::ONE),
                        ..Stroke::default()
                    }));
                    surface.draw_path(&p);
                    surface.set_stroke(None);
                }
            }
            Item::Text(run) => {
                if let Some(Some(face)) = self.faces.get(run.face) {
                    text(surface, run, face);
                }
            }
            Item::Clip { rect, items } => {
                let Some(clip) =
                    Rect::from_ltrb(rect[0], rect[1], rect[2], rect[3]).and_then(|r| {
                        let mut b = PathBuilder::new();
                        b.push_rect(r);
                        b.finish()
                    })
                else {
                    return;
                };
                surface.push_clip_path(&clip, &FillRule::NonZero);
                for item in items {
                    self.item(surface, item);
                }
                surface.pop();
            }
            Item::Link { rect, url } => {
                if let Some(r) = Rect::from_ltrb(rect[0], rect[1], rect[2], rect[3]) {
                    self.links.push((r, url.clone()));
                }
            }
        }
    }

    fn page(&mut self, document: &mut krilla::Document, page: &Page) {
        let Some(size) = Size::from_wh(page.width.max(1.0), page.height.max(1.0)) else {
            return;
        };
        let mut pdf_page = document.start_page_with(PageSettings::new(size));
        let mut surface = pdf_page.surface();
        if let Some(bg) = page.background {
            let r = Path::rounded_rect(0.0, 0.0, page.width, page.height, [0.0; 4]);
            self.item(&mut surface, &Item::Fill { path: r, color: bg });
        }
        for item in &page.items {
            self.item(&mut surface, item);
        }
        surface.finish();
        for (rect, url) in self.links.drain(..) {
            let link = LinkAnnotation::new(rect, Target::Action(LinkAction::new(url).into()));
            pdf_page.add_annotation(Annotation::new_link(link, None));
        }
        pdf_page.finish();
    }
}

/// The drawing as a PDF file, one PDF page per page.
pub fn pdf(drawing: &Drawing) -> Result<Vec<u8>, String> {
    let faces: Vec<Option<Loaded>> = drawing.faces.iter().map(load).collect();
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(drawing.title.clone())
            .creator("archive-timeline".to_string()),
    );
    let mut writer = Writer {
        faces: &faces,
        links: Vec::new(),
    };
    for page in &drawing.pages {
        writer.page(&mut document, page);
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be made: {e:?}"))
}
