//! The tour card's size budget (issue 25 §2): the title takes at most three lines, the folded
//! card at most its share of the screen, a summary that does not fit ends in "…" with a
//! "…more" that unfolds it (scrolling in the card), and the card never hides the time axis.
//! Image snapshots of the card with a long summary at the projector's and the laptop's size.

mod support;

use archive_timeline::app::base::tokens::Tokens;
use archive_timeline::app::classroom::present::{CARD_SHARE, CARD_SHARE_UNFOLDED};
use archive_timeline::app::{Command, TimelineApp, TourSource};
use archive_timeline::model::Document;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

/// The seeds' document longest by `measure`, and its lane.
fn longest(app: &TimelineApp, measure: fn(&Document) -> usize) -> (usize, String) {
    let corpus = app.corpus();
    let (doc, _) = corpus
        .library
        .docs()
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| measure(d))
        .expect("documents");
    let lane = corpus
        .lanes
        .iter()
        .find(|l| l.index.dated().contains(&doc) || l.index.undated().contains(&doc))
        .expect("the document is in a lane")
        .name
        .clone();
    (doc, lane)
}

fn summary_len(d: &Document) -> usize {
    d.summary.chars().count()
}

fn title_len(d: &Document) -> usize {
    d.title.chars().count()
}

/// A tour of that document's lane, stepped to it, presenting when asked.
fn at_the_long_stop(
    mut h: Harness<'static, TimelineApp>,
    present: bool,
    measure: fn(&Document) -> usize,
) -> Harness<'static, TimelineApp> {
    h.run();
    if present {
        h.key_press(egui::Key::F5);
        h.run();
    }
    let (doc, lane) = longest(h.state(), measure);
    h.state_mut()
        .push_command(Command::StartTour(TourSource::Lane(lane)));
    h.run();
    for _ in 0..400 {
        if h.state().tour().and_then(|t| t.current()) == Some(doc) {
            break;
        }
        h.key_press(egui::Key::Space);
        h.run();
    }
    assert_eq!(h.state().tour().and_then(|t| t.current()), Some(doc));
    // Let the move to the stop and the card's size settle.
    for _ in 0..30 {
        h.step();
    }
    h.run();
    h
}

fn timeline_below_axis(h: &Harness<'static, TimelineApp>) -> egui::Rect {
    let central = h.state().last_layout().central.expect("a timeline");
    let axis = Tokens::dark().axis_height;
    egui::Rect::from_min_max(
        egui::pos2(central.left(), central.top() + axis),
        central.max,
    )
}

#[test]
fn a_long_summary_is_folded_with_more_and_unfolds_in_the_card() {
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        for present in [false, true] {
            let what = format!("{w}x{hgt} presenting={present}");
            let mut h = at_the_long_stop(
                support::sized_harness(support::seeds_app(), w, hgt),
                present,
                summary_len,
            );
            let area = timeline_below_axis(&h);
            let card = h.state().last_layout().card.expect("a card");
            // Off the axis, inside the timeline, within its share.
            assert!(
                card.top() >= area.top() - 0.5,
                "{what}: {card:?} over the axis of {area:?}"
            );
            assert!(
                area.expand(0.5).contains_rect(card),
                "{what}: {card:?} outside {area:?}"
            );
            let screen = h.ctx.content_rect();
            assert!(
                card.height() <= screen.height() * CARD_SHARE + 1.0,
                "{what}: the folded card is {} of the screen's {}",
                card.height(),
                screen.height()
            );
            // A summary that does not fit is cut with "…" and can be read on: always so in
            // presentation at the projector's and the laptop's size.
            let Some(more) = h.query_by_label("…more") else {
                assert!(!present || w > 1300.0, "{what}: no …more");
                continue;
            };
            more.click();
            h.run();
            for _ in 0..10 {
                h.step();
            }
            h.run();
            let unfolded = h.state().last_layout().card.expect("a card");
            assert!(
                unfolded.height() > card.height(),
                "{what}: {unfolded:?} vs {card:?}"
            );
            assert!(
                unfolded.height()
                    <= (screen.height() * CARD_SHARE_UNFOLDED).min(area.height()) + 1.0,
                "{what}: the unfolded card is {} of the screen's {} (timeline {})",
                unfolded.height(),
                screen.height(),
                area.height()
            );
            assert!(unfolded.top() >= area.top() - 0.5, "{what}: over the axis");
            // And folds back.
            h.get_by_label("Show less").click();
            h.run();
            assert!(h.query_by_label("…more").is_some(), "{what}");
            // The next stop starts folded.
            h.key_press(egui::Key::Space);
            h.run();
            assert!(h.query_by_label("Show less").is_none(), "{what}");
        }
    }
}

#[test]
fn a_title_takes_at_most_three_lines_and_shows_whole_on_hover() {
    let h = at_the_long_stop(
        support::sized_harness(support::seeds_app(), 1024.0, 768.0),
        true,
        title_len,
    );
    let card = h.state().last_layout().card.expect("a card");
    let doc = h.state().tour().and_then(|t| t.current()).expect("a stop");
    let title = h
        .state()
        .corpus()
        .library
        .get(doc)
        .expect("the stop's document")
        .title
        .clone();
    // The title's size is at most the card's largest (`present::card`: 1.6 × 0.95 text).
    let big = Tokens::dark().text_size * 1.6 * 0.95;
    let row = h
        .ctx
        .fonts_mut(|f| f.row_height(&egui::FontId::proportional(big)));
    // The label's text is the whole title (what a screen reader reads), its lines at most three.
    let node = h
        .query_all_by_label(&title)
        .find(|n| card.contains_rect(n.rect()))
        .unwrap_or_else(|| panic!("the title {title:?} is not in the card {card:?}"));
    assert!(
        node.rect().height() <= 3.0 * row + 2.0,
        "{:?} for {row}",
        node.rect()
    );
}

#[test]
fn snapshots_of_the_card_with_a_long_summary() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0)] {
        let mut h = at_the_long_stop(
            support::picture_harness(support::seeds_app(), w, hgt),
            true,
            summary_len,
        );
        h.snapshot(format!("tour_card_{w}x{hgt}_presenting"));
        results.extend_harness(&mut h);
    }
}
