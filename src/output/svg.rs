//! SVG from a vector [`Drawing`]: hand-written (the subset we draw is small: paths, text,
//! clips, links), one file with the pages one below another. Text is `<text>` with each
//! character's x, so it is real, selectable text placed exactly as the app laid it out; the
//! font families name the app's bundled fonts with a generic fallback.
//!
//! Pure: no egui, no files.

use super::vector::{Drawing, Item, Page, Path, Rgba, Seg};
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
                let _ = writeln!(
                    self.out,
                    "<text xml:space=\"preserve\" x=\"{}\" y=\"{}\" font-family=\"{}\" font-weight=\"{}\" font-size=\"{}\" {}>{text}</text>",
                    xs.join(" "),
                    n(run.baseline),
                    xml(&face.css_family),
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
    let mut w = Writer {
        drawing,
        out: String::new(),
        clips: 0,
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
