//! The research workspace in the app, driven headlessly: the detail panel's note, the user's
//! own date (set, refused, cleared), the lane picker, links made by clicking the other
//! document, and grouping the lanes by language. Each change is checked in the app, in the
//! saved `workspace.ron`, and on the timeline.

mod support;

use archive_timeline::app::{Command, TimelineApp};
use archive_timeline::model::DocIndex;
use archive_timeline::timeline::TimeWindow;
use archive_timeline::workspace::{DocCard, Op};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use support::{bookmarks_app, day, harness, sync_bookmarks, wait_for_file, FakeDialogs};

const PONOMAREV: &str = "September 26, 1956: Telegram from Ponomarev to the CPSU Central Committee";
const PONOMAREV_TITLE: &str = "Telegram from Ponomarev to the CPSU Central Committee";
const MIKOYAN_23: &str =
    "September 23, 1956: Telegram from A. Mikoyan to the CPSU Central Committee";
const MIKOYAN_TITLE: &str = "Telegram from A. Mikoyan to the CPSU Central Committee";

fn app(dir: &Path) -> Harness<'static, TimelineApp> {
    let mut harness = harness(bookmarks_app(dir, FakeDialogs::none()));
    sync_bookmarks(&mut harness);
    harness
        .state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    harness.run();
    harness
}

fn settle(harness: &mut Harness<'static, TimelineApp>) {
    sync_bookmarks(harness);
    harness.run();
}

fn index_of(harness: &Harness<'static, TimelineApp>, label: &str) -> DocIndex {
    let docs = harness.state().corpus().library.docs();
    docs.iter()
        .position(|d| d.label() == label)
        .unwrap_or_else(|| panic!("{label} is loaded"))
}

/// Selects the document and unfolds its "Your research" form (folded while it has none).
fn select(harness: &mut Harness<'static, TimelineApp>, marker: &str) {
    harness.get_by_label(marker).click();
    harness.run();
    if harness
        .query_by_label_contains("Your note on this document")
        .is_none()
    {
        harness.get_by_label("Your research").click();
        harness.run();
    }
}

/// Types `text` into the text field labelled (by its tooltip) starting with `label`.
fn type_into(harness: &mut Harness<'static, TimelineApp>, label: &str, text: &str) {
    let field = harness.get_by_label_contains(label);
    field.focus();
    field.type_text(text);
    harness.run();
}

#[test]
fn a_note_on_any_document_is_saved_and_is_the_bookmarks_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    select(&mut harness, PONOMAREV);
    type_into(
        &mut harness,
        "Your note on this document",
        "Compare with Mikoyan",
    );
    settle(&mut harness);
    let id = harness
        .state()
        .selected_document()
        .expect("selected")
        .id
        .clone();
    assert_eq!(
        harness.state().workspace().note(&id),
        "Compare with Mikoyan"
    );
    let file = dir.path().join("workspace.ron");
    wait_for_file(&mut harness, &file, "Compare with Mikoyan");
    // Starred, the bookmark carries the same note.
    harness.get_by_label("☆ Bookmark").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().bookmarks().len(), 1);
    assert_eq!(harness.state().bookmarks()[0].note, "Compare with Mikoyan");
}

#[test]
fn setting_a_date_moves_the_marker_and_is_saved_and_a_bad_one_is_refused_at_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    let before = harness.state().corpus().days_of(doc).expect("dated");
    assert_eq!(before.start, day(1956, 9, 26));
    select(&mut harness, PONOMAREV);

    // Not EDTF: the field says why, nothing is set.
    type_into(&mut harness, "Your date (EDTF)", "late Sept");
    harness.get_by_label("Set date").click();
    harness.run();
    harness.get_by_label_contains("Write EDTF");
    let id = harness
        .state()
        .selected_document()
        .expect("selected")
        .id
        .clone();
    assert!(harness.state().workspace().date_user(&id).is_none());

    // A month, approximately, with the reason.
    let field = harness.get_by_label_contains("Your date (EDTF)");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text("1956-10~");
    harness.run();
    type_into(
        &mut harness,
        "Why this date",
        "refers to the October plenum",
    );
    harness.get_by_label("Set date").click();
    harness.run();
    assert!(harness.query_by_label_contains("Write EDTF").is_none());
    let user = harness
        .state()
        .workspace()
        .date_user(&id)
        .expect("set")
        .clone();
    assert_eq!(user.edtf, "1956-10~");
    assert_eq!(user.reason, "refers to the October plenum");
    // The marker moved: the document now covers October 1956 (faded ends: approximate).
    let after = harness.state().corpus().days_of(doc).expect("placed");
    assert_eq!(
        (after.start, after.end),
        (day(1956, 10, 1), day(1956, 11, 1))
    );
    let drawn = harness.state().corpus().placement.dates[&doc];
    assert!(drawn.fade_start && drawn.fade_end);
    // The archive's date is still shown, and the user's beside it.
    harness.get_by_label_contains("September 26, 1956 ·");
    harness.get_by_label_contains("Your date: 1956-10~ — refers to the October plenum");
    settle(&mut harness);
    let file = dir.path().join("workspace.ron");
    let saved = wait_for_file(&mut harness, &file, "1956-10~");
    assert!(saved.contains("refers to the October plenum"), "{saved}");

    // Cleared: back to the archive's date.
    harness.get_by_label("Clear date").click();
    harness.run();
    assert!(harness.state().workspace().date_user(&id).is_none());
    assert_eq!(harness.state().corpus().days_of(doc), Some(before));
    settle(&mut harness);
}

#[test]
fn the_lane_picker_moves_a_document_and_back_to_the_theme_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    assert_eq!(
        harness.state().corpus().lane_names_of(doc).0,
        "Korean Peninsula"
    );
    select(&mut harness, PONOMAREV);
    harness
        .get_by_label_contains("Put this document in a lane by hand")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Superpower Relations")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Superpower Relations")
        .click();
    harness.run();
    assert_eq!(
        harness.state().corpus().lane_names_of(doc).0,
        "Superpower Relations"
    );
    let id = harness
        .state()
        .selected_document()
        .expect("selected")
        .id
        .clone();
    assert_eq!(
        harness.state().workspace().lane(&id),
        Some("Superpower Relations")
    );
    // A new lane of the user's own.
    type_into(&mut harness, "Name a new lane", "Plenum aftermath");
    harness.get_by_label("Move to new lane").click();
    harness.run();
    assert_eq!(
        harness.state().corpus().lane_names_of(doc),
        ("Plenum aftermath".to_string(), None)
    );
    assert!(harness
        .state()
        .drawn_lanes()
        .iter()
        .any(|l| l.name == "Plenum aftermath"));
    settle(&mut harness);
    wait_for_file(
        &mut harness,
        &dir.path().join("workspace.ron"),
        "Plenum aftermath",
    );
    // And back.
    harness
        .get_by_label_contains("Put this document in a lane by hand")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "By theme rules")
        .click();
    harness.run();
    assert_eq!(
        harness.state().corpus().lane_names_of(doc).0,
        "Korean Peninsula"
    );
    settle(&mut harness);
}

#[test]
fn link_to_the_next_clicked_document_shows_in_both_panels_and_can_be_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let ponomarev = index_of(&harness, PONOMAREV);
    select(&mut harness, PONOMAREV);
    harness.get_by_label("Link to…").click();
    harness.run();
    assert!(harness.state().is_linking());
    assert!(harness
        .query_all_by_label_contains("click the other document on the timeline")
        .next()
        .is_some());
    // Clicking the other document links to it; the first stays selected.
    select(&mut harness, MIKOYAN_23);
    assert!(!harness.state().is_linking());
    assert_eq!(harness.state().selected(), Some(ponomarev));
    let links = &harness.state().workspace().links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].label, "replies to");
    let placed = &harness.state().overlay().links;
    assert_eq!(placed.len(), 1, "{placed:?}");
    harness.get_by_label(&format!("replies to ➡ {MIKOYAN_TITLE}"));
    settle(&mut harness);
    wait_for_file(
        &mut harness,
        &dir.path().join("workspace.ron"),
        "replies to",
    );

    // The other document's panel shows it the other way round; clicking it goes back.
    let incoming = format!("{PONOMAREV_TITLE} ➡ replies to this");
    harness
        .get_by_label(&format!("replies to ➡ {MIKOYAN_TITLE}"))
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(index_of(&harness, MIKOYAN_23))
    );
    harness.get_by_label(&incoming);
    harness.get_by_label(&incoming).click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(ponomarev));

    // ✕ removes it.
    harness
        .get_by_label_contains("Remove the link: replies to")
        .click();
    harness.run();
    assert!(harness.state().workspace().links.is_empty());
    assert!(harness.query_by_label(&incoming).is_none());
    settle(&mut harness);
}

#[test]
fn esc_cancels_linking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let ponomarev = index_of(&harness, PONOMAREV);
    select(&mut harness, PONOMAREV);
    harness.get_by_label("Link to…").click();
    harness.run();
    assert!(harness.state().is_linking());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().is_linking());
    assert_eq!(harness.state().selected(), Some(ponomarev));
    select(&mut harness, MIKOYAN_23);
    assert!(harness.state().workspace().links.is_empty());
}

fn set_date(harness: &mut Harness<'static, TimelineApp>, doc: DocIndex, edtf: &str) {
    let document = harness.state().corpus().library.docs()[doc].clone();
    harness
        .state_mut()
        .push_command(Command::Workspace(Box::new(Op::SetDate {
            id: document.id.clone(),
            card: Some(DocCard::of(&document)),
            edtf: edtf.to_string(),
            reason: String::new(),
        })));
    harness.run();
}

#[test]
fn a_user_dated_marker_is_drawn_over_its_days() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    let before = harness.get_by_label(PONOMAREV).rect();
    set_date(&mut harness, doc, "1956-09-13/1956-09-25");
    // Still one marker for the document, now starting at September 13: most of the 17 days
    // in view to the left of where the archive's date put it. A screen reader hears why.
    let after = harness
        .get_by_label(&format!(
            "{PONOMAREV}, placed at your date 1956-09-13/1956-09-25"
        ))
        .rect();
    let plot = harness
        .state()
        .last_layout()
        .central
        .expect("the timeline was drawn");
    assert!(
        before.left() - after.left() > plot.width() * 0.3,
        "{before:?} -> {after:?} in {plot:?}"
    );
    // Approximate: the same days, faded ends (drawn, not asserted on pixels).
    set_date(&mut harness, doc, "1956-09~");
    let drawn = harness.state().corpus().placement.dates[&doc];
    assert!(drawn.fade_start && drawn.fade_end);
    harness.get_by_label(&format!("{PONOMAREV}, placed at your date 1956-09~"));
    settle(&mut harness);
}

#[test]
fn a_link_is_drawn_as_an_arc_whose_middle_leads_to_its_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let ponomarev = index_of(&harness, PONOMAREV);
    let mikoyan = index_of(&harness, MIKOYAN_23);
    let docs = harness.state().corpus().library.docs();
    let (a, b) = (docs[ponomarev].clone(), docs[mikoyan].clone());
    harness
        .state_mut()
        .push_command(Command::Workspace(Box::new(Op::Link {
            from: a.id.clone(),
            from_card: Some(DocCard::of(&a)),
            to: b.id.clone(),
            to_card: Some(DocCard::of(&b)),
            label: "mentions".into(),
        })));
    harness.run();
    let arc = format!("Link: {PONOMAREV_TITLE} — mentions ➡ {MIKOYAN_TITLE}");
    harness.get_by_label(&arc).click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(ponomarev));
    harness.get_by_label(&arc).click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(mikoyan));
    // Out of view, no arc.
    harness
        .state_mut()
        .set_window(TimeWindow::new(day(1960, 1, 1), day(1961, 1, 1)));
    harness.run();
    assert!(harness.query_by_label(&arc).is_none());
    settle(&mut harness);
}

#[test]
fn dragging_a_marker_down_to_another_lane_puts_it_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    let marker = harness.get_by_label(PONOMAREV).rect();
    let lane = harness
        .get_by_label_contains("Lane Superpower Relations")
        .rect();
    let start = marker.left_center() + egui::vec2(4.0, 0.0);
    let target = egui::pos2(start.x, lane.center().y);
    let window = harness.state().window();
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    for k in 1..=4 {
        let y = start.y + (target.y - start.y) * k as f32 / 4.0;
        harness.hover_at(egui::pos2(start.x, y));
        harness.run();
    }
    harness.drop_at(target);
    harness.run();
    assert_eq!(
        harness.state().corpus().lane_names_of(doc).0,
        "Superpower Relations"
    );
    // A move up or down does not pan.
    assert_eq!(harness.state().window(), window);
    settle(&mut harness);
}

#[test]
fn grouping_the_lanes_by_language_and_back_by_theme() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let names = |h: &Harness<'static, TimelineApp>| -> Vec<String> {
        h.state()
            .drawn_lanes()
            .iter()
            .map(|l| l.name.clone())
            .collect()
    };
    assert!(names(&harness).contains(&"Korean Peninsula".to_string()));
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "Language")
        .click();
    harness.run();
    let mut by_language = names(&harness);
    by_language.sort();
    // Only Moskovsky's memorandum of 1962 says its language.
    assert_eq!(by_language, ["Language not given", "Russian"]);
    let memo = harness
        .state()
        .corpus()
        .library
        .docs()
        .iter()
        .position(|d| d.language() == Some("Russian"))
        .expect("the Russian memorandum");
    assert_eq!(harness.state().corpus().lane_names_of(memo).0, "Russian");
    harness
        .get_by_role_and_label(Role::RadioButton, "Theme")
        .click();
    harness.run();
    assert!(names(&harness).contains(&"Korean Peninsula".to_string()));
}

#[test]
fn certainly_within_leaves_out_a_user_date_that_only_overlaps_the_period() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    // "Some time in September 1956": overlaps the second half, is not certainly in it.
    set_date(&mut harness, doc, "1956-09");
    harness.get_by_label("Filters").click();
    harness.run();
    type_into(&mut harness, "From date", "1956-09-15");
    type_into(&mut harness, "To date", "1956-09-30");
    harness.get_by_label("Apply").click();
    harness.run();
    // The thirteen records of September 15 to 26, Ponomarev's possibly among them.
    assert_eq!(harness.state().shown_count(), 13);
    harness.get_by_label("Certainly within").click();
    harness.run();
    assert_eq!(harness.state().shown_count(), 12);
    assert!(harness.query_by_label_contains(PONOMAREV).is_none());
    harness.get_by_label("Possibly within").click();
    harness.run();
    assert_eq!(harness.state().shown_count(), 13);
    settle(&mut harness);
}

#[test]
fn dragging_a_marker_sideways_pans_and_leaves_its_lane() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let doc = index_of(&harness, PONOMAREV);
    let start = harness.get_by_label(PONOMAREV).rect().left_center() + egui::vec2(4.0, 0.0);
    let window = harness.state().window();
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    for k in 1..=4 {
        harness.hover_at(start - egui::vec2(40.0 * k as f32, 2.0));
        harness.run();
    }
    harness.drop_at(start - egui::vec2(160.0, 2.0));
    harness.run();
    let moved = harness.state().window();
    assert!(moved.start > window.start, "{window:?} -> {moved:?}");
    assert_eq!(
        harness.state().corpus().lane_names_of(doc).0,
        "Korean Peninsula"
    );
    assert!(harness
        .state()
        .workspace()
        .lane(&harness.state().corpus().library.docs()[doc].id)
        .is_none());
}

#[test]
fn the_detail_panel_reads_title_date_summary_text_then_a_folded_research_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let docs = harness.state().corpus().library.docs();
    let (index, title, date) = docs
        .iter()
        .enumerate()
        .find(|(_, d)| !d.summary.is_empty() && d.full_text().is_some())
        .map(|(i, d)| (i, d.title.clone(), d.date_label().to_string()))
        .expect("the seeds hold a document page with a summary and its text");
    harness
        .state_mut()
        .push_command(Command::Select(Some(index)));
    harness.run();
    // Only what is in the panel (the timeline's markers name the title and date too).
    let panel_left = harness.get_by_label("Your research").rect().min.x - 30.0;
    let top = |h: &Harness<'static, TimelineApp>, label: &str| {
        h.get_all_by_label_contains(label)
            .map(|n| n.rect())
            .filter(|r| r.min.x >= panel_left)
            .map(|r| r.min.y)
            .fold(f32::INFINITY, f32::min)
    };
    let order = [
        top(&harness, &title),
        top(&harness, &date),
        top(&harness, "Summary"),
        top(&harness, "Full text ("),
        top(&harness, "Your research"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "title, date, summary, full text, research: {order:?}"
    );
    // Nothing of the researcher's on it yet: the form is folded.
    assert!(harness
        .query_by_label_contains("Your note on this document")
        .is_none());
    // Below the text, in the panel's one scroll: scrolled to, then unfolded by a click.
    harness.get_by_label("Your research").scroll_to_me();
    harness.run();
    harness.get_by_label("Your research").click();
    harness.run();
    assert!(harness
        .query_by_label_contains("Your note on this document")
        .is_some());
}
