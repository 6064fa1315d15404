//! Handouts and TimelineJS of any collection: `archive-timeline handout NAME --out
//! FILE.pdf|FILE.html` (Starred, `bookmarks`, or a collection by name in any case), `render
//! --collection NAME`, and the same from the Collections panel's Export menu.

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

/// "Chapter 3": the three documents, by hand in the order 2, 0, 1, the first two with a note
/// for this chapter; the first also with its own document note (from the bookmarks).
fn chapter_3(data: &Path) -> Vec<&'static str> {
    bookmark_all(data);
    let ok = |out: Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(run(data, &["collections", "create", "Chapter 3"]));
    for (i, note) in [
        (2, "Ask who wrote first"),
        (0, "The air-defence passage"),
        (1, ""),
    ] {
        let mut args = vec!["collections", "add", "Chapter 3", DOCS[i].0];
        if !note.is_empty() {
            args.extend(["--note", note]);
        }
        ok(run(data, &args));
    }
    // The workspace's order is by date until moved: put it in the order added, by hand.
    let store = archive_timeline::workspace::WorkspaceStore::open(data);
    let ws = store.workspace();
    let c = ws.collection("Chapter 3").expect("made");
    let by_date: Vec<String> = ws.ordered(c).iter().map(|e| e.id.to_string()).collect();
    drop(store);
    let wanted = [DOCS[2].0, DOCS[0].0, DOCS[1].0];
    let mut store = archive_timeline::workspace::WorkspaceStore::open(data);
    for (to, id) in wanted.iter().enumerate() {
        store
            .apply(&archive_timeline::workspace::Op::MoveEntry {
                name: "Chapter 3".into(),
                id: archive_timeline::model::DocId((*id).to_string()),
                to,
            })
            .expect("moves");
    }
    assert_ne!(
        by_date, wanted,
        "the hand order differs from the date order"
    );
    wanted.to_vec()
}

#[test]
fn a_handout_of_any_collection_by_name_in_its_order_with_both_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let order = chapter_3(dir.path());
    let out = dir.path().join("chapter.pdf");
    // Any case, as the collection list spells it or not.
    let result = run(
        dir.path(),
        &["handout", "chapter 3", "--out", &out.display().to_string()],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(String::from_utf8_lossy(&result.stderr)
        .contains("wrote a handout of Chapter 3 (3 documents)"));
    let (_, text) = pdf_text(&out);
    assert!(
        text.starts_with("Chapter 3 3 documents"),
        "titled by the collection: {text}"
    );
    let title_of = |id: &str| DOCS.iter().find(|d| d.0 == id).expect("a doc").1;
    let mut last = 0;
    for id in &order {
        let title = title_of(id);
        let at = text[last..]
            .find(title)
            .unwrap_or_else(|| panic!("{title} after the one before (the collection's order)"));
        last += at;
    }
    // The document's own note and the chapter's note for it, both.
    assert!(
        text.contains("Note: Read the air-defence passage"),
        "{text}"
    );
    assert!(
        text.contains("In “Chapter 3”: The air-defence passage"),
        "{text}"
    );
    assert!(
        text.contains("In “Chapter 3”: Ask who wrote first"),
        "{text}"
    );

    let html = dir.path().join("chapter.html");
    let result = run(
        dir.path(),
        &["handout", "CHAPTER 3", "--out", &html.display().to_string()],
    );
    assert!(result.status.success());
    let page = std::fs::read_to_string(&html).expect("written");
    let first = page.find(title_of(order[0])).expect("first");
    let second = page.find(title_of(order[1])).expect("second");
    assert!(first < second, "the collection's order in the HTML too");
    assert!(page.contains("<strong>In “Chapter 3”:</strong> <p>Ask who wrote first</p>"));
}

#[test]
fn starred_is_a_collection_like_any_other_and_an_unknown_name_lists_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    chapter_3(dir.path());
    for name in ["Starred", "starred", "bookmarks"] {
        let out = dir.path().join(format!("{name}.html"));
        let result = run(
            dir.path(),
            &["handout", name, "--out", &out.display().to_string()],
        );
        assert!(
            result.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let page = std::fs::read_to_string(&out).expect("written");
        assert!(page.contains("<title>Cold War documents</title>"), "{name}");
    }
    let result = run(dir.path(), &["handout", "Chapter 4", "--out", "x.pdf"]);
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("there is no collection named \"Chapter 4\"; the collections are \"Starred\", \"Chapter 3\""),
        "{err}"
    );
}

#[test]
fn a_poster_of_one_collection_draws_only_its_documents_over_its_span() {
    let dir = tempfile::tempdir().expect("temp dir");
    let order = chapter_3(dir.path());
    // Take the July 1993 statement out: what is left is a 1962 memo and a 1996 recollection.
    let out = run(
        dir.path(),
        &["collections", "remove", "Chapter 3", DOCS[1].0],
    );
    assert!(out.status.success());
    let svg_path = dir.path().join("chapter.svg");
    let result = run(
        dir.path(),
        &[
            "render",
            "--collection",
            "chapter 3",
            "--out",
            &svg_path.display().to_string(),
        ],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let svg = std::fs::read_to_string(&svg_path).expect("written");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    let all = texts.join("\n");
    // The chapter's documents, over the chapter's span (1962-1996, a little either side),
    // and not the statement of 1993 that is in that span but no longer in the chapter.
    assert!(all.contains("Memorandum"), "{all}");
    assert!(
        all.contains("Cold War documents · 29 June 1958 – 31 December 1996"),
        "the foot line names the chapter's span (not 1945-1996): {all}"
    );
    assert!(all.contains("Excerpts from Recollections"), "{all}");
    assert!(
        !all.contains("Statement"),
        "a document not in the chapter: {all}"
    );
    let _ = order;
    let result = run(
        dir.path(),
        &["render", "--collection", "nope", "--out", "x.png"],
    );
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("the collections are"));
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
