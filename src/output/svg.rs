//! SVG from a vector [`Drawing`]: hand-written (the subset we draw is small: paths, text,
//! clips, links), one file with the pages one below another. Text is `<text>` with each
//! character's x, so it is real, selectable text placed exactly as the app laid it out.
//! Each face the text uses is embedded, cut to the characters drawn in it
//! ([`super::webfont`]), as an `@font-face` under a family name of its own; the text names
//! that family first, then the bundled font's usual name and a generic fallback (for readers
//! that ignore embedded fonts, such as resvg).
//!
//! Pure: no egui, no files.

use super::vector::{Drawing, Item, Page, Path, Rgba, Seg, TextRun};
use base64::Engine as _;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Space between stacked pages, in points.
const PAGE_GAP: f32 = 24.0;

/// Escapes text for XML content and attribute values; drops characters XML cannot hold.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number with at most two decimals, no trailing zeros.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn path_data(path: &Path) -> String {
    let mut d = String::new();
    for seg in &path.0 {
        match *seg {
            Seg::Move(p) => {
                let _ = write!(d, "M{} {}", n(p.x), n(p.y));
            }
            Seg::Line(p) => {
                let _ = write!(d, "L{} {}", n(p.x), n(p.y));
            }
            Seg::Cubic(a, b, c) => {
                let _ = write!(
                    d,
                    "C{} {} {} {} {} {}",
                    n(a.x),
                    n(a.y),
                    n(b.x),
                    n(b.y),
                    n(c.x),
                    n(c.y)
                );
            }
            Seg::Close => d.push('Z'),
        }
    }
    d
}

fn paint(attr: &str, color: Rgba) -> String {
    if color.a == 255 {
        format!("{attr}=\"{}\"", color.hex())
    } else {
        format!(
            "{attr}=\"{}\" {attr}-opacity=\"{}\"",
            color.hex(),
            n(color.opacity())
        )
    }
}

struct Writer<'a> {
    drawing: &'a Drawing,
    out: String,
    clips: usize,
    /// Per face: the family its embedded subset is declared under, if it was embedded.
    embedded: Vec<Option<String>>,
}

/// The characters a run puts in the file (those XML can hold).
fn drawn_chars(run: &TextRun) -> impl Iterator<Item = char> + '_ {
    run.text
        .chars()
        .take(run.x.len())
        .filter(|c| !xml(&c.to_string()).is_empty())
}

/// Per face: the characters drawn in it.
fn chars_per_face(drawing: &Drawing) -> Vec<BTreeSet<char>> {
    let mut per_face = vec![BTreeSet::new(); drawing.faces.len()];
    for page in &drawing.pages {
        for run in page.text_runs() {
            if let Some(set) = per_face.get_mut(run.face) {
                set.extend(drawn_chars(run));
            }
        }
    }
    per_face
}

/// A `<style>` with one `@font-face` per face used, each a subset as a `data:` URL; returns
/// it and, per face, the family it declares.
fn embedded_fonts(drawing: &Drawing) -> (String, Vec<Option<String>>) {
    let mut style = String::new();
    let mut families = Vec::with_capacity(drawing.faces.len());
    for (i, (face, chars)) in drawing
        .faces
        .iter()
        .zip(chars_per_face(drawing))
        .enumerate()
    {
        let Some(font) = super::webfont::subset(face, &chars) else {
            families.push(None);
            continue;
        };
        // A name no installed font has: the file's own subset is the one used.
        let tail: String = face
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let family = format!("archive-timeline-{i}-{tail}");
        let _ = writeln!(
            style,
            "@font-face {{ font-family: '{family}'; font-weight: {}; src: url(data:{};base64,{}) format('{}'); }}",
            face.css_weight,
            font.mime,
            base64::engine::general_purpose::STANDARD.encode(&font.bytes),
            font.format,
        );
        families.push(Some(family));
    }
    if style.is_empty() {
        return (style, families);
    }
    (
        format!("<defs><style type=\"text/css\"><![CDATA[\n{style}]]></style></defs>\n"),
        families,
    )
}

impl Writer<'_> {
    fn item(&mut self, item: &Item) {
        match item {
            Item::Fill { path, color } => {
                let _ = writeln!(
                    self.out,
                    "<path d=\"{}\" {}/>",
                    path_data(path),
                    paint("fill", *color)
                );
            }
            Item::Stroke { path, color, width } => {
                let _ = writeln!(
                    self.out,
                    "<path d=\"{}\" fill=\"none\" {} stroke-width=\"{}\"/>",
                    path_data(path),
                    paint("stroke", *color),
                    n(*width)
                );
            }
            Item::Text(run) => {
                let Some(face) = self.drawing.faces.get(run.face) else {
                    return;
                };
                // Characters XML cannot hold are dropped together with their positions.
                let mut text = String::new();
                let mut xs = Vec::new();
                for (c, &x) in run.text.chars().zip(&run.x) {
                    let escaped = xml(&c.to_string());
                    if !escaped.is_empty() {
                        text.push_str(&escaped);
                        xs.push(n(x));
                    }
                }
                if text.trim().is_empty() {
                    return;
                }
                let family = match self.embedded.get(run.face) {
                    Some(Some(embedded)) => format!("'{embedded}', {}", face.css_family),
                    _ => face.css_family.clone(),
                };
                let _ = writeln!(
                    self.out,
                    "<text xml:space=\"preserve\" x=\"{}\" y=\"{}\" font-family=\"{}\" font-weight=\"{}\" font-size=\"{}\" {}>{text}</text>",
                    xs.join(" "),
                    n(run.baseline),
                    xml(&family),
                    face.css_weight,
                    n(run.size),
                    paint("fill", run.color),
                );
            }
            Item::Clip { rect, items } => {
                self.clips += 1;
                let id = format!("c{}", self.clips);
                let _ = writeln!(
                    self.out,
                    "<clipPath id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n<g clip-path=\"url(#{id})\">",
                    n(rect[0]),
                    n(rect[1]),
                    n((rect[2] - rect[0]).max(0.0)),
                    n((rect[3] - rect[1]).max(0.0)),
                );
                for item in items {
                    self.item(item);
                }
                self.out.push_str("</g>\n");
            }
            Item::Link { rect, url } => {
                let _ = writeln!(
                    self.out,
                    "<a href=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"transparent\"/></a>",
                    xml(url),
                    n(rect[0]),
                    n(rect[1]),
                    n((rect[2] - rect[0]).max(0.0)),
                    n((rect[3] - rect[1]).max(0.0)),
                );
            }
        }
    }

    fn page(&mut self, page: &Page, top: f32) {
        let _ = writeln!(self.out, "<g transform=\"translate(0 {})\">", n(top));
        if let Some(bg) = page.background {
            let _ = writeln!(
                self.out,
                "<rect width=\"{}\" height=\"{}\" {}/>",
                n(page.width),
                n(page.height),
                paint("fill", bg)
            );
        }
        let _ = writeln!(
            self.out,
            "<clipPath id=\"page{}\"><rect width=\"{}\" height=\"{}\"/></clipPath>\n<g clip-path=\"url(#page{})\">",
            self.clips,
            n(page.width),
            n(page.height),
            self.clips
        );
        self.clips += 1;
        for item in &page.items {
            self.item(item);
        }
        self.out.push_str("</g>\n</g>\n");
    }
}

/// The drawing as one SVG document, its pages stacked top to bottom.
pub fn svg(drawing: &Drawing) -> String {
    let width = drawing.pages.iter().map(|p| p.width).fold(0.0, f32::max);
    let height: f32 = drawing.pages.iter().map(|p| p.height).sum::<f32>()
        + PAGE_GAP * drawing.pages.len().saturating_sub(1) as f32;
    let (style, embedded) = embedded_fonts(drawing);
    let mut w = Writer {
        drawing,
        out: String::new(),
        clips: 0,
        embedded,
    };
    let _ = writeln!(
        w.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}pt\" height=\"{}pt\" viewBox=\"0 0 {} {}\">\n<title>{}</title>",
        n(width),
        n(height),
        n(width),
        n(height),
        xml(&drawing.title)
    );
    w.out.push_str(&style);
    let mut top = 0.0;
    for page in &drawing.pages {
        w.page(page, top);
        top += page.height + PAGE_GAP;
    }
    w.out.push_str("</svg>\n");
    w.out
}

#[cfg(test)]
mod tests {
    use super::super::vector::{Face, TextRun, P};
    use super::*;
    use std::sync::Arc;

    #[test]
    fn text_is_escaped_positioned_and_clipped() {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(Vec::<u8>::new());
        let drawing = Drawing {
            title: "A <poster>".into(),
            faces: vec![Face {
                name: "Ubuntu-Light".into(),
                css_family: "Ubuntu, sans-serif".into(),
                css_weight: 300,
                data,
                index: 0,
            }],
            pages: vec![Page {
                width: 100.0,
                height: 50.0,
                background: Some(Rgba::WHITE),
                items: vec![Item::Clip {
                    rect: [0.0, 0.0, 50.0, 50.0],
                    items: vec![
                        Item::Text(TextRun {
                            face: 0,
                            size: 12.0,
                            color: Rgba {
                                r: 10,
                                g: 20,
                                b: 30,
                                a: 128,
                            },
                            baseline: 20.0,
                            text: "A&B\u{1b}".into(),
                            x: vec![1.0, 2.5, 3.25, 9.0],
                            advance: vec![1.0; 4],
                        }),
                        Item::Stroke {
                            path: Path::polyline(
                                &[P { x: 0.0, y: 0.0 }, P { x: 1.0, y: 1.0 }],
                                false,
                            ),
                            color: Rgba::BLACK,
                            width: 0.5,
                        },
                    ],
                }],
            }],
        };
        let text = svg(&drawing);
        assert!(text.contains("<title>A &lt;poster&gt;</title>"));
        assert!(text.contains("x=\"1 2.5 3.25\""), "{text}");
        assert!(text.contains(">A&amp;B</text>"));
        assert!(text.contains("fill-opacity=\"0.5\""));
        let clip = text.find("<clipPath id=\"c").expect("the item's clip");
        let id: String = text[clip + 14..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        assert!(
            text.contains(&format!("clip-path=\"url(#{id})\"")),
            "{text}"
        );
        assert!(text.contains("d=\"M0 0L1 1\""));
    }
}
