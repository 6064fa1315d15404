//! How long each publishing output takes for a 200-document collection with a million
//! documents loaded (the contract: within 5 s each). Ignored by default (it builds a
//! million-document corpus); run in release and read the figures:
//!
//! ```text
//! cargo test --release --test publish_timing -- --ignored --nocapture
//! ```
//!
//! It prints the time of each output; it asserts only that each file was written, never a
//! wall-clock limit (a busy machine must not fail a test).

use archive_timeline::app::publish::handout::{self, HandoutKind};
use archive_timeline::app::publish::picture::{self, PosterSpec, VectorKind};
use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::bookmarks::export::{export_grouped, ExportFormat};
use archive_timeline::bookmarks::{locate_bookmark, Bookmark};
use archive_timeline::output::vector::PageSize;
use archive_timeline::timeline::TimeWindow;
use std::sync::Arc;
use std::time::Instant;

#[test]
#[ignore = "builds a million-document corpus: run in release with --ignored --nocapture"]
fn each_output_for_200_documents_with_a_million_loaded() {
    let docs = std::env::var("PUBLISH_TIMING_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let (corpus, _, _) = archive_timeline::bench::load_synthetic(docs);
    let corpus = Arc::new(corpus);
    eprintln!(
        "loaded {} documents in {:.1} s (not counted below)",
        corpus.library.len(),
        t.elapsed().as_secs_f64()
    );
    // A lesson: 200 dated documents spread over 1956-1962.
    let (from, to) = (
        archive_timeline::timeline::days::day_of(
            chrono::NaiveDate::from_ymd_opt(1956, 1, 1).expect("date"),
        ),
        archive_timeline::timeline::days::day_of(
            chrono::NaiveDate::from_ymd_opt(1963, 1, 1).expect("date"),
        ),
    );
    let in_span: Vec<_> = corpus
        .library
        .docs()
        .iter()
        .filter(|d| TimeWindow::of_date(d.date).is_some_and(|w| w.start >= from && w.start < to))
        .collect();
    let step = (in_span.len() / 200).max(1);
    let bookmarks: Vec<Bookmark> = in_span
        .iter()
        .step_by(step)
        .take(200)
        .map(|d| Bookmark::from_document(d, "Read the second paragraph aloud."))
        .collect();
    assert_eq!(bookmarks.len(), 200);
    let dir = tempfile::tempdir().expect("temp dir");
    let time = |what: &str, f: &mut dyn FnMut() -> std::path::PathBuf| {
        let t = Instant::now();
        let path = f();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        eprintln!("{what:<44} {ms:>8.0} ms  {:>9} bytes", bytes);
        assert!(bytes > 0, "{what} wrote nothing");
    };
    let list: Vec<&Bookmark> = bookmarks.iter().collect();
    let lanes_of = || {
        archive_timeline::bookmarks::lanes::lanes_of(&list, &corpus.themes, &|b| {
            locate_bookmark(b, &corpus.library).map(|d| corpus.lane_names_of(d).0)
        })
    };
    let span = handout::span_of(&list);
    let app = || {
        let mut app = TimelineApp::new(AppDeps::picture(Arc::clone(&corpus), false));
        app.set_context_shown(true);
        app
    };
    time("PNG 1920x1080 of the span", &mut || {
        let out = dir.path().join("view.png");
        picture::write(&mut app(), span, 1920, 1080, &out).expect("png");
        out
    });
    for (kind, page, pages, what) in [
        (VectorKind::Svg, "a3-landscape", 1, "SVG poster, A3"),
        (VectorKind::Pdf, "a3-landscape", 1, "PDF poster, A3"),
        (
            VectorKind::Pdf,
            "a2-landscape",
            4,
            "PDF poster, A2, 4 pages",
        ),
    ] {
        time(what, &mut || {
            let out = dir
                .path()
                .join(format!("poster-{pages}.{}", kind.extension()));
            let spec = PosterSpec {
                page: PageSize::parse(page).expect("size"),
                pages,
                title: "Timing".into(),
            };
            picture::write_poster(&mut app(), span, &spec, kind, &out).expect("poster");
            out
        });
    }
    for kind in [HandoutKind::Html, HandoutKind::Pdf] {
        time(
            &format!("handout {:?} (lanes, picture, 200 blocks)", kind),
            &mut || {
                let out = dir.path().join(format!("handout.{}", kind.extension()));
                let set = handout::HandoutSet::of_bookmarks("Timing", bookmarks.clone(), &corpus);
                handout::write(&corpus, &set, kind, &out).expect("handout");
                out
            },
        );
    }
    for format in [ExportFormat::TimelineJs, ExportFormat::TimelineJsSheet] {
        time(&format!("{} (with lanes)", format.name()), &mut || {
            let out = dir.path().join(format!("tljs.{}", format.extension()));
            let lanes = lanes_of();
            let text = export_grouped(&list, format, &|b| {
                lanes.get(&b.id).cloned().unwrap_or_default()
            });
            archive_timeline::durable::fsio::write_atomic(&out, text.as_bytes()).expect("write");
            out
        });
    }
}
