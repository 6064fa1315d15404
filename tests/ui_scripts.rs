//! Every script the archive's documents use (issue 16 §6): a page whose titles are Russian,
//! Chinese, Korean and Japanese is drawn with no missing glyph (the harness panics on one,
//! so tofu fails the test), searched by characters, and drawn by the CPU renderer.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::corpus::Corpus;
use archive_timeline::ingest::load_texts;
use archive_timeline::themes::ThemeSet;
use archive_timeline::timeline::TimeWindow;
use egui_kittest::kittest::Queryable;
use support::day;

const PAGE: &str = "\
March 1, 1950\n\nТелеграмма Молотова в Пекин\n\nA telegram.\n\n\
March 2, 1950\n\n毛泽东同志关于朝鲜战争的电报\n\nSimplified Chinese.\n\n\
March 3, 1950\n\n中蘇友好同盟互助條約\n\nTraditional Chinese.\n\n\
March 4, 1950\n\n조선민주주의인민공화국 외무성 성명\n\nKorean.\n\n\
March 5, 1950\n\n朝鮮戦争についての報告書\n\nJapanese.\n\n";

fn app() -> TimelineApp {
    let corpus = Corpus::build(load_texts(&[("scripts.txt", PAGE)]), ThemeSet::builtin());
    TimelineApp::new(AppDeps::corpus(corpus))
}

#[test]
fn cjk_korean_and_russian_titles_draw_without_tofu_and_are_found() {
    let mut h = support::sized_harness(app(), 1280.0, 720.0);
    h.run();
    h.state_mut()
        .set_window(TimeWindow::new(day(1950, 2, 25), day(1950, 3, 9)));
    // Drawn with every glyph (kittest panics on a missing one), in the timeline and in the
    // table.
    h.run();
    assert!(h.query_by_label_contains("毛泽东同志").is_some());
    assert!(h.query_by_label_contains("조선민주주의").is_some());
    h.key_press(egui::Key::V);
    h.run();
    assert!(h.state().is_table());
    // Searched by characters: the search box finds the Korean title by a word inside it.
    h.key_press(egui::Key::Slash);
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("인민공화국");
    h.run();
    h.get_by_label_contains("1 of 1 results");
    assert!(h
        .state()
        .selected_document()
        .is_some_and(|d| d.title.starts_with("조선")));
}

#[test]
fn the_cpu_renderer_draws_cjk_titles_too() {
    let mut h = support::picture_harness(app(), 1024.0, 600.0);
    h.run();
    h.state_mut()
        .set_window(TimeWindow::new(day(1950, 2, 25), day(1950, 3, 9)));
    h.run();
    let image = h.render().expect("rendered");
    // Text was drawn: many distinct colours from anti-aliased glyph edges.
    let colours: std::collections::HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
}
