//! Handouts and TimelineJS from the bookmarks: `archive-timeline handout starred|bookmarks
//! --out FILE.pdf|FILE.html`, and the same from the bookmarks panel's Export menu.

mod support;

use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::process::{Command, Output};

const DOCS: [(&str, &str, &str); 3] = [
    (
        "wcda-110485",
        "Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung",
        "Read the air-defence passage",
    ),
    (
        "doc-be4ed8ad0169435f",
        "Statement on Security Guarantees to Ukraine",
        "Compare with the Budapest Memorandum",
    ),
    (
        "doc-6b067be1bd251859",
        "Excerpts from Recollections by the Former Soviet Ambassador in North Korea Aleksandr Kapto",
        "",
    ),
];

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("binary runs")
}

fn bookmark_all(data: &Path) {
    for (id, _, note) in DOCS {
        let out = run(data, &["bookmarks", "add", id, "--note", note]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Text with every run of whitespace made one space (titles wrap across lines in a PDF).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_text(path: &Path) -> (usize, String) {
    let bytes = std::fs::read(path).expect("the PDF was written");
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (
        pages.len(),
        squeeze(&doc.extract_text(&pages).expect("text")),
    )
}

#[test]
fn a_pdf_handout_has_a_title_page_then_each_document_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    bookmark_all(dir.path());
    let out = dir.path().join("lesson.pdf");
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["handout", "starred", "--title", "Lesson 4: Korea", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (pages, text) = pdf_text(&out);
    assert!(pages >= 2, "a title page, then the documents");
    assert!(
        text.starts_with("Lesson 4: Korea 3 documents, August 14, 1962 – 1996"),
        "{text}"
    );
    let mut last = 0;
    for (_, title, note) in DOCS {
        let at = text[last..]
            .find(title)
            .unwrap_or_else(|| panic!("{title} after the one before, in {text}"));
        last += at;
        if !note.is_empty() {
            assert!(text.contains(&format!("Note: {note}")), "{note}");
        }
    }
    assert!(text.contains("https://digitalarchive.wilsoncenter.org/document/110485"));
    assert!(
        text.contains("Wilson Center Digital Archive"),
        "the citation"
    );
    // The link is a live link in the PDF too.
    let bytes = std::fs::read(&out).expect("read");
    assert!(
        bytes.windows(7).any(|w| w == b"/Annots"),
        "link annotations"
    );
}

#[test]
fn an_html_handout_is_one_file_with_no_external_requests() {
    let dir = tempfile::tempdir().expect("temp dir");
    bookmark_all(dir.path());
    let out = dir.path().join("lesson.html");
    let result = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["handout", "bookmarks", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(
        html.contains("src=\"data:image/png;base64,iVBORw0KGgo"),
        "the picture, inlined"
    );
    for (_, title, note) in DOCS {
        assert!(html.contains(title), "{title}");
        assert!(html.contains(note), "{note}");
    }
    for external in ["<script", "<link", "src=\"http", "url(http", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(
        html.contains("class=\"lane\""),
        "each document names its lane"
    );
}

#[test]
fn a_handout_needs_bookmarks_and_a_pdf_or_html_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["handout", "starred", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no bookmarks"));
    let out = run(dir.path(), &["handout", "starred", "--out", "x.docx"]);
    assert_eq!(out.status.code(), Some(2));
}

fn app_with_bookmarks(
    dir: &Path,
    save_to: std::path::PathBuf,
) -> egui_kittest::Harness<'static, archive_timeline::app::TimelineApp> {
    bookmark_all(dir);
    let app = support::bookmarks_app(dir, support::FakeDialogs::saving_to(save_to));
    let mut h = support::harness(app);
    support::sync_bookmarks(&mut h);
    h
}

#[test]
fn handout_from_the_bookmarks_panel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("from-app.pdf");
    let mut h = app_with_bookmarks(dir.path(), out.clone());
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("Handout (PDF)").click();
    h.run();
    support::wait_until(&mut h, "the handout", |_| out.exists());
    let (_, text) = pdf_text(&out);
    for (_, title, _) in DOCS {
        assert!(text.contains(title), "{title}");
    }
}

#[test]
fn timelinejs_from_the_bookmarks_panel_groups_by_lane() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("timeline.json");
    let mut h = app_with_bookmarks(dir.path(), out.clone());
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("TimelineJS (JSON)").click();
    h.run();
    let text = support::wait_for_file(&mut h, &out, "\"events\"");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let events = json["events"].as_array().expect("events");
    assert_eq!(events.len(), 3);
    // Loaded documents are in their lane as the app draws it.
    let memo = events
        .iter()
        .find(|e| {
            e["text"]["headline"]
                .as_str()
                .is_some_and(|t| t.starts_with("Memorandum"))
        })
        .expect("memo");
    assert_eq!(memo["group"], "Korean Peninsula");
    assert!(events
        .iter()
        .all(|e| e["group"].as_str().is_some_and(|g| !g.is_empty())));
}
