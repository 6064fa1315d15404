//! The context lane: the Cold War's events in a band above the lanes, shown on demand (on by
//! default when presenting), the user's own events from the form or a CSV (saved beside the
//! bookmarks), a tour that stops at them, and the band in pictures and posters.

mod support;

use archive_timeline::app::TimelineApp;
use archive_timeline::timeline::TimeWindow;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use support::{day, FakeDialogs};

const SPUTNIK: &str = "Context event: Sputnik 1, 4 October 1957";

fn harness_in(dir: &Path, dialogs: std::sync::Arc<FakeDialogs>) -> Harness<'static, TimelineApp> {
    let mut h = support::harness(support::bookmarks_app(dir, dialogs));
    support::sync_bookmarks(&mut h);
    h.state_mut()
        .set_window(TimeWindow::new(day(1957, 1, 1), day(1958, 6, 1)));
    h.run();
    h
}

/// Clicks into a field of the form, then types (each in its own frame, as a person would).
fn type_into(h: &mut Harness<'static, TimelineApp>, field: &str, text: &str) {
    h.get_by_label(field).click();
    h.run();
    h.get_by_label(field).type_text(text);
    h.run();
}

#[test]
fn the_band_is_toggled_and_on_by_default_when_presenting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path(), FakeDialogs::none());
    assert!(!h.state().context_shown());
    assert!(h.query_by_label(SPUTNIK).is_none());
    h.get_by_label("Context").click();
    h.run();
    h.get_by_label("Show the Cold War context band").click();
    h.run();
    assert!(h.state().context_shown());
    // Each event in view is a labelled element for screen readers (and tests).
    assert!(h.query_by_label(SPUTNIK).is_some());
    // Hovering shows the event's description.
    h.get_by_label(SPUTNIK).hover();
    h.run();
    assert!(
        h.query_by_label_contains("first artificial satellite")
            .is_some()
            || h.query_by_label_contains("satellite").is_some()
    );

    // Presenting has its own switch, on unless turned off.
    let mut p = harness_in(dir.path(), FakeDialogs::none());
    p.key_press(egui::Key::F5);
    p.run();
    assert!(p.state().is_presenting());
    assert!(p.state().context_shown());
    assert!(p.query_by_label(SPUTNIK).is_some());
}

#[test]
fn an_event_added_in_the_form_is_drawn_and_saved_beside_the_bookmarks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path(), FakeDialogs::none());
    h.get_by_label("Context").click();
    h.run();
    h.get_by_label("Add an event…").click();
    h.run();
    type_into(&mut h, "Date", "1957-11");
    type_into(&mut h, "Title", "Our class visits the planetarium");
    h.get_by_label("Add").click();
    h.run();
    for problem in ["not a date", "needs a title"] {
        let found = h.query_by_label_contains(problem).map(|n| format!("{n:?}"));
        assert!(found.is_none(), "{found:?}");
    }
    assert!(h.state().context_shown(), "adding an event shows the band");
    // Kept in the research workspace, beside the bookmarks.
    let saved = support::wait_for_file(
        &mut h,
        &dir.path().join("workspace.ron"),
        "Our class visits the planetarium",
    );
    assert!(
        saved.contains("date: \"1957-11\"")
            && saved.contains("title: \"Our class visits the planetarium\""),
        "{saved}"
    );
    h.run();
    assert!(h
        .query_by_label("Context event: Our class visits the planetarium, November 1957")
        .is_some());
    // A new app reads it back.
    let again = harness_in(dir.path(), FakeDialogs::none());
    assert!(again
        .state()
        .context_events()
        .iter()
        .any(|e| e.user && e.title == "Our class visits the planetarium"));
}

#[test]
fn a_bad_date_in_the_form_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path(), FakeDialogs::none());
    h.get_by_label("Context").click();
    h.run();
    h.get_by_label("Add an event…").click();
    h.run();
    type_into(&mut h, "Date", "October 1957");
    type_into(&mut h, "Title", "x");
    h.get_by_label("Add").click();
    h.run();
    assert!(h.query_by_label_contains("is not a date").is_some());
    assert!(!dir.path().join("workspace.ron").exists(), "nothing saved");
}

#[test]
fn events_are_imported_from_a_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("mine.csv");
    std::fs::write(
        &csv,
        "Title,Date,End\nSchool exchange with Leipzig,1957-03-10,1957-03-24\nbad row,1957-02-30,\n",
    )
    .expect("write");
    let dialogs = std::sync::Arc::new(FakeDialogs {
        open: vec![csv],
        ..FakeDialogs::default()
    });
    let mut h = harness_in(dir.path(), dialogs);
    h.get_by_label("Context").click();
    h.run();
    h.get_by_label("Import context events…").click();
    h.run();
    let saved = support::wait_for_file(
        &mut h,
        &dir.path().join("workspace.ron"),
        "School exchange with Leipzig",
    );
    assert!(
        saved.contains("date: \"1957-03-10\"") && saved.contains("end: Some(\"1957-03-24\")"),
        "{saved}"
    );
    // The worker reports once the file is saved.
    support::wait_until(&mut h, "the import's report", |app| {
        app.status_message()
            .is_some_and(|m| m.starts_with("Imported 1 new context event(s). 1 row(s) skipped"))
    });
}

#[test]
fn the_tour_stops_at_context_events_between_the_bookmarks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path(), FakeDialogs::none());
    // Bookmark the first and the last document of September 1956 (Korea) and one of 1957.
    h.state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    h.run();
    h.get_by_label("September 26, 1956: Telegram from Ponomarev to the CPSU Central Committee")
        .click();
    h.run();
    h.key_press(egui::Key::B);
    h.run();
    let later = "June 1, 1960: From the Journal of N. Ye. Torbenkov, Record of a Conversation with DPRK MFA Counselor Pak Deok-hwan";
    h.state_mut()
        .set_window(TimeWindow::new(day(1960, 5, 20), day(1960, 6, 10)));
    h.run();
    h.get_by_label(later).click();
    h.run();
    h.key_press(egui::Key::B);
    h.run();
    support::sync_bookmarks(&mut h);
    assert_eq!(h.state().bookmarks().len(), 2);
    h.get_by_label("Tour").click();
    h.run();
    h.get_by_label("★ Starred with context events").click();
    h.run();
    let tour = h.state().tour().expect("a tour").clone();
    let events: Vec<&str> = tour
        .stops
        .iter()
        .filter_map(|s| match s {
            archive_timeline::app::classroom::tour::Stop::Event(e) => Some(e.title.as_str()),
            archive_timeline::app::classroom::tour::Stop::Document(_) => None,
        })
        .collect();
    assert!(events.contains(&"Hungarian Revolution"), "{events:?}");
    assert!(events.contains(&"Sputnik 1"), "{events:?}");
    assert!(
        h.state().tour().is_some_and(|t| t.current().is_some()),
        "starts at a document"
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let at = h
        .state()
        .tour()
        .and_then(|t| t.current_event().cloned())
        .expect("an event stop");
    // The card names it, and the view moved to it.
    assert!(h.query_by_label(&at.title).is_some(), "{}", at.title);
    let w = h.state().window();
    let first = archive_timeline::timeline::days::day_of(at.first_day());
    assert!(w.start <= first && first <= w.end);
}

#[test]
fn the_band_is_in_the_pdf_poster_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("poster.pdf");
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "render",
            "--from",
            "1957",
            "--to",
            "1958",
            "--context",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).expect("read")).expect("PDF");
    let text = doc.extract_text(&[1]).expect("text");
    assert!(text.contains("Sputnik 1"), "{text}");
    assert!(text.contains("Context"), "{text}");
}

/// `render --context-events FILE`: the file's events are drawn in the band (the flag implies
/// `--context`); bad rows are reported with the file and line and the rest still drawn; a
/// file with no event to read stops the render, with no file written.
#[test]
fn render_draws_the_events_of_a_csv_named_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("class.csv");
    std::fs::write(
        &csv,
        "date,title,end\n\
         1957-03-15,School trip to Berlin,\n\
         1957-13-01,A month that is not,\n\
         1957-06-01,Exams,1957-05-01\n\
         1958-01,Winter term,1958-03\n",
    )
    .expect("write the CSV");
    let render = |events: &Path, out: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["render", "--from", "1957", "--to", "1958-06", "--out"])
            .arg(out)
            .arg("--context-events")
            .arg(events)
            .output()
            .expect("runs")
    };
    let out = dir.path().join("poster.svg");
    let result = render(&csv, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    let name = csv.display().to_string();
    assert!(stderr.contains(&format!("{name}:3: ")), "{stderr}");
    assert!(stderr.contains(&format!("{name}:4: ")), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for title in [
        "School trip to Berlin",
        "Winter term",
        "Sputnik 1",
        "Context",
    ] {
        assert!(texts.contains(&title), "{title} in {texts:?}");
    }
    // Nothing was saved in the data dir.
    assert!(!dir.path().join("workspace.ron").exists());
    assert!(!dir.path().join("context_events.csv").exists());

    // A missing file, a file of only bad rows and a file that is not text: exit 1, said
    // with the file's name, and no poster.
    let garbage = dir.path().join("garbage.csv");
    std::fs::write(&garbage, [0xff_u8, 0xfe, 0, 1, 2, b'\n', 0x80]).expect("write");
    let bad_rows = dir.path().join("bad.csv");
    std::fs::write(&bad_rows, "date,title\nsoon,Something\n").expect("write");
    for events in [dir.path().join("missing.csv"), garbage, bad_rows] {
        let out = dir.path().join("never.svg");
        let result = render(&events, &out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&events.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists());
    }
}

/// The text the app draws in a window of `width` x `height` with the band shown (captured as
/// vectors, the way posters are): each run with its baseline and its left and right x.
fn drawn_text(app: &mut TimelineApp, width: f32, height: f32) -> Vec<(String, f32, f32, f32)> {
    use archive_timeline::render::vector::{capture, Converter, FaceBook};
    let ctx = egui::Context::default();
    let shapes = capture(&ctx, egui::vec2(width, height), 1.0, |ui| app.show(ui));
    let book = FaceBook::of_context(&ctx);
    let page = Converter { book: &book }.page(&shapes, width, height, None);
    page.text_runs()
        .into_iter()
        .filter_map(|run| {
            let left = *run.x.first()?;
            let right = run.x.last()? + run.advance.last()?;
            Some((run.text.trim().to_string(), run.baseline, left, right))
        })
        .collect()
}

/// At the whole span the band is dense (116 events over fifty years): the headline events
/// are named, whole, at a laptop's and a classroom screen's size, and the band's labels do
/// not overlap.
#[test]
fn the_whole_span_names_the_headline_events_without_overlap() {
    for (width, height) in [(1024.0, 768.0), (1920.0, 1080.0)] {
        let mut app = support::seeds_app();
        app.set_context_shown(true);
        app.set_window(TimeWindow::new(day(1945, 1, 1), day(1997, 1, 1)));
        let texts = drawn_text(&mut app, width, height);
        for title in [
            "Korean War",
            "Cuban Missile Crisis",
            "Fall of the Berlin Wall",
        ] {
            assert!(
                texts.iter().any(|(t, ..)| t == title),
                "{title} at {width}x{height}: {texts:?}"
            );
        }
        let baseline = texts
            .iter()
            .find(|(t, ..)| t == "Cuban Missile Crisis")
            .map(|&(_, b, ..)| b)
            .unwrap_or_default();
        let mut row: Vec<&(String, f32, f32, f32)> = texts
            .iter()
            .filter(|(_, b, ..)| (b - baseline).abs() < 0.5)
            .collect();
        row.sort_by(|a, b| a.2.total_cmp(&b.2));
        assert!(row.len() >= 5, "{row:?}");
        for pair in row.windows(2) {
            assert!(
                pair[0].3 <= pair[1].2,
                "{:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn snapshot_of_the_context_band() {
    let mut app = support::seeds_app();
    app.set_context_shown(true);
    app.set_window(TimeWindow::new(day(1955, 1, 1), day(1965, 1, 1)));
    let mut h = support::picture_harness(app, 1280.0, 500.0);
    h.run();
    h.snapshot("context_band_1955_1965");
}

/// Nothing drawn in the band overlaps its text: no two of its labels share a place, at a
/// laptop's and a projector's size, normal and presenting, from the whole span to a decade
/// and a year.
#[test]
fn no_two_texts_of_the_band_overlap() {
    for (width, height) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        for presenting in [false, true] {
            let mut windows = vec![((1945, 1, 1), (1997, 1, 1))];
            for year in (1945..1996).step_by(4) {
                windows.push(((year, 1, 1), (year + 8, 1, 1)));
                windows.push(((year, 3, 1), (year + 2, 1, 1)));
            }
            for (from, to) in windows {
                let mut app = support::seeds_app();
                if presenting {
                    app.push_command(archive_timeline::app::Command::TogglePresenting);
                }
                app.set_context_shown(true);
                app.set_window(TimeWindow::new(
                    day(from.0, from.1, from.2),
                    day(to.0, to.1, to.2),
                ));
                let texts = drawn_text(&mut app, width, height);
                // The band's name is the lowest "Context" (the toolbar has a menu of that name).
                let band = texts
                    .iter()
                    .filter(|(t, ..)| t == "Context")
                    .map(|&(_, b, ..)| b)
                    .fold(f32::NEG_INFINITY, f32::max);
                assert!(band.is_finite(), "the band is drawn");
                // The band's texts: within a band's height of its name.
                let inside: Vec<&(String, f32, f32, f32)> = texts
                    .iter()
                    .filter(|(t, b, ..)| t != "Context" && (b - band).abs() < 30.0)
                    .collect();
                for (i, a) in inside.iter().enumerate() {
                    for b in &inside[i + 1..] {
                        let same_line = (a.1 - b.1).abs() < 10.0;
                        let apart = a.3 <= b.2 + 0.5 || b.3 <= a.2 + 0.5;
                        assert!(
                            !same_line || apart,
                            "{width}x{height} presenting {presenting} {from:?}: {a:?} overlaps {b:?}"
                        );
                    }
                }
            }
        }
    }
}
