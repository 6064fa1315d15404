//! Vector posters: `render --out FILE.svg|FILE.pdf` draws the view as vectors with real text.
//! The SVG is read back as XML and the PDF's text extracted, and every document in view must
//! be there as text (its whole title: paper has room, so only a title running into the page's
//! edge is shortened with "…"); the SVG embeds its fonts as subsets with every glyph drawn; an
//! image snapshot of the SVG drawn by resvg guards the look.

mod support;

use archive_timeline::timeline::TimeWindow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

fn render(out: &Path, extra: &[&str]) {
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args(["render", "--from", "1956-09", "--to", "1956-11", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("binary runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The titles of the seed documents dated in September to November 1956, with how many
/// documents have each title.
fn titles_in_view() -> HashMap<String, usize> {
    let corpus = support::seeds();
    let (from, to) = (support::day(1956, 9, 1), support::day(1956, 12, 1));
    let mut titles = HashMap::new();
    for doc in corpus.library.docs() {
        if TimeWindow::of_date(doc.date).is_some_and(|w| w.start >= from && w.start < to) {
            *titles.entry(doc.title.clone()).or_insert(0) += 1;
        }
    }
    assert!(titles.values().sum::<usize>() >= 10, "{titles:?}");
    titles
}

/// Checks that each document in view is drawn as a text line of its own: the whole title,
/// or its start followed by "…" (a poster has room for whole titles: on A3 only the one that
/// runs into the page's edge is cut).
fn every_title_is_text(lines: &[String]) {
    let whole = |title: &str| lines.iter().filter(|l| l.trim() == title).count();
    let cut: Vec<String> = titles_in_view()
        .into_iter()
        .filter(|(title, count)| whole(title) < *count)
        .map(|(title, _)| title)
        .collect();
    assert!(cut.len() <= 1, "titles cut short: {cut:#?}");
    for (title, count) in titles_in_view() {
        let shown = lines
            .iter()
            .filter(|line| {
                let line = line.trim();
                line == title
                    || line.strip_suffix('…').is_some_and(|start| {
                        start.trim().chars().count() >= 12 && title.starts_with(start.trim())
                    })
            })
            .count();
        assert!(
            shown >= count,
            "{title:?}: {count} in view, {shown} drawn as text in {lines:#?}"
        );
    }
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_svg_poster_has_every_visible_title_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.svg");
    render(&out, &["--page", "a3-landscape"]);
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    let root = roxmltree::Document::parse(&svg).expect("XML");
    let svg_node = root.root_element();
    assert_eq!(svg_node.attribute("width"), Some("1190.55pt"));
    assert_eq!(svg_node.attribute("height"), Some("841.89pt"));
    let texts = svg_texts(&svg);
    every_title_is_text(&texts);
    // The axis and the lanes are there too, as text.
    for needed in ["Sep", "Oct", "Nov", "Korean Peninsula"] {
        assert!(texts.iter().any(|t| t.trim() == needed), "{needed}");
    }
    // Markers are paths.
    assert!(svg.matches("<path ").count() > 50);
}

/// The fonts the SVG embeds: per `@font-face` family, the characters its font maps to a
/// glyph (read back with skrifa from the `data:` URL).
fn embedded_fonts(svg: &str) -> HashMap<String, HashSet<char>> {
    use base64::Engine as _;
    use skrifa::MetadataProvider as _;
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let style: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .filter_map(|n| n.text())
        .collect();
    let mut fonts = HashMap::new();
    for rule in style.split("@font-face").skip(1) {
        let family = rule
            .split_once("font-family: '")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(family, _)| family.to_string())
            .expect("a family");
        let data = rule
            .split_once(";base64,")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(data, _)| data)
            .expect("a data URL");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("base64");
        let font = skrifa::FontRef::new(&bytes).expect("the embedded font reads");
        let outlines = font.outline_glyphs();
        let chars = font
            .charmap()
            .mappings()
            .filter(|&(_, g)| g.to_u32() != 0 && outlines.get(g).is_some())
            .filter_map(|(c, _)| char::from_u32(c))
            .collect();
        fonts.insert(family, chars);
    }
    fonts
}

/// Checks that every `<text>` names an embedded font first, with a generic family after it,
/// and that the font has a glyph for each of its characters; returns the texts.
fn every_text_is_in_an_embedded_font(svg: &str) -> Vec<String> {
    let fonts = embedded_fonts(svg);
    assert!(!fonts.is_empty(), "no embedded font");
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let mut texts = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let text = node.text().unwrap_or_default();
        let families = node.attribute("font-family").expect("a font family");
        let first = families
            .split(',')
            .next()
            .map(|f| f.trim().trim_matches('\''))
            .unwrap_or_default();
        assert!(
            families.ends_with("sans-serif") || families.ends_with("monospace"),
            "a generic fallback: {families}"
        );
        let chars = fonts
            .get(first)
            .unwrap_or_else(|| panic!("{text:?} is set in {first:?}, which is not embedded"));
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            assert!(
                chars.contains(&c),
                "{c:?} of {text:?} has no glyph in {first}"
            );
        }
        texts.push(text.to_string());
    }
    texts
}

#[test]
fn the_svg_embeds_subsets_of_its_fonts_with_every_glyph_drawn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.svg");
    render(&out, &["--page", "a3-landscape"]);
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    let texts = every_text_is_in_an_embedded_font(&svg);
    every_title_is_text(&texts);
    // Subsets: the whole Ubuntu Light is over 300 kB; the poster's file is far smaller.
    assert!(svg.len() < 250_000, "{} bytes", svg.len());

    // Russian, Chinese, Japanese and Korean titles: each script's characters are embedded
    // from the face that has them.
    let page = dir.path().join("scripts.txt");
    let titles = [
        "Телеграмма Молотова в Пекин",
        "毛泽东同志关于朝鲜战争的电报",
        "中蘇友好同盟互助條約",
        "조선민주주의인민공화국 외무성 성명",
        "朝鮮戦争についての報告書",
    ];
    let mut text = String::new();
    for (day, title) in titles.iter().enumerate() {
        text.push_str(&format!(
            "March {}, 1950\n\n{title}\n\nA document.\n\n",
            day + 1
        ));
    }
    std::fs::write(&page, text).expect("write the page");
    let out = dir.path().join("scripts.svg");
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args([
            "render",
            "--from",
            "1950-02-25",
            "--to",
            "1950-03-09",
            "--out",
        ])
        .arg(&out)
        .arg(&page)
        .output()
        .expect("binary runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    let texts = every_text_is_in_an_embedded_font(&svg);
    // Each title is drawn, whole or shortened where it would collide.
    for title in titles {
        let start: String = title.chars().take(3).collect();
        assert!(
            texts.iter().any(|t| t.starts_with(&start)),
            "{title} is not drawn: {texts:?}"
        );
    }
    assert!(
        embedded_fonts(&svg).len() >= 3,
        "Latin/Cyrillic, CJK and Hangul faces"
    );
}

/// The whole span on A3: the seeds crowd the 1950s into cluster badges, and the rows left
/// free carry whole titles rather than every label cut to its first eighteen letters.
#[test]
fn the_whole_span_poster_fills_its_rows_with_whole_titles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("whole.svg");
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args(["render", "--page", "a3-landscape", "--out"])
        .arg(&out)
        .output()
        .expect("binary runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let texts = svg_texts(&std::fs::read_to_string(&out).expect("read"));
    let corpus = support::seeds();
    let whole = corpus
        .library
        .docs()
        .iter()
        .filter(|doc| texts.iter().any(|t| t.trim() == doc.title))
        .count();
    assert!(whole >= 8, "{whole} whole titles in {texts:#?}");
}

fn pdf_pages_text(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("the PDF was written");
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF lopdf reads");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&p| doc.extract_text(&[p]).expect("text extracts"))
        .collect()
}

#[test]
fn the_pdf_poster_has_every_visible_title_as_searchable_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.pdf");
    render(&out, &[]);
    let pages = pdf_pages_text(&out);
    assert_eq!(pages.len(), 1);
    let lines: Vec<String> = pages[0].lines().map(str::to_string).collect();
    every_title_is_text(&lines);
    // The fonts are embedded as subsets (a six-letter tag before the name).
    let bytes = std::fs::read(&out).expect("read");
    let doc = lopdf::Document::load_mem(&bytes).expect("PDF");
    let mut subset_fonts = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            if dict.has(b"FontFile2") || dict.has(b"FontFile3") {
                let name = dict
                    .get(b"FontName")
                    .and_then(lopdf::Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                assert_eq!(name.find('+'), Some(6), "a subset: {name}");
                subset_fonts += 1;
            }
        }
    }
    assert!(subset_fonts >= 1);
}

#[test]
fn a_long_span_splits_across_pages_with_the_axis_on_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.pdf");
    render(&out, &["--pages", "3", "--width", "300", "--height", "200"]);
    let bytes = std::fs::read(&out).expect("read");
    let doc = lopdf::Document::load_mem(&bytes).expect("PDF");
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).expect("page");
        let media = page
            .get(b"MediaBox")
            .and_then(lopdf::Object::as_array)
            .expect("media box");
        let size: Vec<f32> = media
            .iter()
            .map(|v| {
                v.as_float()
                    .or_else(|_| v.as_i64().map(|i| i as f32))
                    .expect("number")
            })
            .collect();
        assert!((size[2] - 300.0 * 72.0 / 25.4).abs() < 0.5, "{size:?}");
        assert!((size[3] - 200.0 * 72.0 / 25.4).abs() < 0.5, "{size:?}");
    }
    let pages = pdf_pages_text(&out);
    assert_eq!(pages.len(), 3);
    // Each page shows one month, with its own axis and foot line.
    for (i, (text, month)) in pages.iter().zip(["Sep", "Oct", "Nov"]).enumerate() {
        assert!(text.contains(&format!("page {} of 3", i + 1)), "{text}");
        assert!(
            text.lines().any(|l| l.trim().starts_with(month)),
            "{month}: {text}"
        );
    }
    assert!(pages[0].contains("Decision of the KWP CC Plenum"));
    assert!(!pages[2].contains("Decision of the KWP CC Plenum"));
}

#[test]
fn a_poster_refuses_half_a_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no.svg");
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args(["render", "--width", "300", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2));
    assert!(!out.exists());
}

/// The SVG drawn by resvg with the app's fonts: an image snapshot of the poster.
#[test]
fn snapshot_of_the_svg_poster_through_resvg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.svg");
    render(&out, &["--page", "a4-landscape"]);
    let svg = std::fs::read_to_string(&out).expect("read");
    let mut options = resvg::usvg::Options::default();
    for face in &archive_timeline::render::vector::FaceBook::egui_default().faces {
        let bytes: &[u8] = (*face.data).as_ref();
        options.fontdb_mut().load_font_data(bytes.to_vec());
    }
    let tree = resvg::usvg::Tree::from_str(&svg, &options).expect("usvg reads it");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    let image = image::RgbaImage::from_raw(size.width(), size.height(), pixmap.data().to_vec())
        .expect("an image");
    egui_kittest::image_snapshot(&image, "poster_a4_svg");
}

/// File → Export view as PDF → A3 landscape, through the (fake) save dialog.
#[test]
fn export_view_as_pdf_from_the_file_menu() {
    use archive_timeline::app::{AppDeps, TimelineApp};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.pdf");
    let deps = AppDeps::corpus(support::seeds())
        .with_data_dir(dir.path().to_path_buf())
        .with_dialogs(support::FakeDialogs::saving_to(out.clone()));
    let mut h = support::harness(TimelineApp::new(deps));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export view as PDF").click();
    h.run();
    h.get_by_label("A3 landscape (poster)").click();
    h.run();
    support::wait_until(&mut h, "the poster", |_| out.exists());
    let pages = pdf_pages_text(&out);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Overview"), "{}", pages[0]);
}

/// The README's figures for posters and pictures: at each size `render` and the File menu
/// draw (PDF and SVG share one drawing; PNG at its sizes), the seeds' whole span, how many
/// documents show their whole title, a cut one or none, and how many badges. Printed by
/// `cargo test --test posters label_figures -- --nocapture`. The SVG's whole titles, read
/// back from its text, are the ones counted.
#[test]
fn label_figures_on_posters_and_pictures() {
    use archive_timeline::app::publish::picture::{self, PosterSpec};
    use archive_timeline::app::{AppDeps, TimelineApp};
    use archive_timeline::output::vector::PageSize;
    let corpus = std::sync::Arc::new(support::seeds());
    let titles: HashSet<&str> = corpus
        .library
        .docs()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    for page in ["a4-landscape", "a3-landscape", "a4-portrait"] {
        let mut app = TimelineApp::new(AppDeps::picture(std::sync::Arc::clone(&corpus), false));
        let spec = PosterSpec {
            page: PageSize::parse(page).expect("a page size"),
            pages: 1,
            title: "Seeds".into(),
        };
        let (drawing, counts) = picture::poster_with_counts(&mut app, &spec);
        println!("labels PDF/SVG {page}: {counts}");
        let texts = svg_texts(&archive_timeline::output::svg::svg(&drawing));
        let whole = texts.iter().filter(|t| titles.contains(t.trim())).count();
        assert_eq!(whole, counts.whole, "{page}: {counts}");
        assert_eq!(
            counts.documents(),
            39 - undated(&corpus),
            "{page}: {counts}"
        );
    }
    for (w, h) in [(1920, 1080), (3840, 2160), (2480, 3508)] {
        let mut app = TimelineApp::new(AppDeps::picture(std::sync::Arc::clone(&corpus), false));
        picture::draw(&mut app, w, h);
        let counts = app.label_counts();
        println!("labels PNG {w}x{h}: {counts}");
        assert_eq!(
            counts.documents(),
            39 - undated(&corpus),
            "{w}x{h}: {counts}"
        );
    }
}

fn undated(corpus: &archive_timeline::corpus::Corpus) -> usize {
    corpus
        .library
        .docs()
        .iter()
        .filter(|d| TimeWindow::of_date(d.date).is_none())
        .count()
}
