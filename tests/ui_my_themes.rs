//! "My own theme" in the app, driven headlessly: the live count of each rule, errors at the
//! field, the theme saved to the user's themes file and the documents placed again under it.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::themes::ThemeSet;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use support::{seeds, sync_bookmarks, FakeDialogs};

fn app(data: &Path, themes_file: &Path) -> Harness<'static, TimelineApp> {
    let deps = AppDeps::corpus(seeds())
        .with_data_dir(data.to_path_buf())
        .with_dialogs(FakeDialogs::none())
        .with_themes_file(themes_file.to_path_buf());
    let mut h = support::harness(TimelineApp::new(deps));
    sync_bookmarks(&mut h);
    h.run();
    h
}

fn open_form(h: &mut Harness<'static, TimelineApp>) {
    h.get_by_label("Lanes").click();
    h.run();
    h.get_by_label("➕ My own theme…").click();
    h.run();
    assert!(h.state().theme_editor_open());
}

fn type_into(h: &mut Harness<'static, TimelineApp>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    field.type_text(text);
    h.run();
}

#[test]
fn a_theme_of_ones_own_counts_as_you_type_saves_and_places_the_documents_again() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = tempfile::tempdir().expect("temp dir");
    let file = config.path().join("archive-timeline").join("themes.ron");
    let mut h = app(data.path(), &file);
    open_form(&mut h);
    // A name the bundled themes have is refused at the field.
    type_into(&mut h, "The theme's name", "Korean Peninsula");
    h.get_by_label("there is already a theme named “Korean Peninsula”");
    h.get_by_label("The theme's name").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_into(&mut h, "The theme's name", "Soviet envoys");
    assert!(h
        .query_by_label_contains("there is already a theme")
        .is_none());
    // Each rule says how many documents it catches, as it is typed.
    type_into(
        &mut h,
        "The theme's rules",
        "Suzdalev\nGromyko, Razuvaev\nzzqx",
    );
    let library = &h.state().corpus().library;
    let suzdalev = library
        .docs()
        .iter()
        .filter(|d| d.title.contains("Suzdalev") || d.summary.contains("Suzdalev"))
        .count();
    assert!(suzdalev >= 2);
    h.get_by_label_contains("Rule 1: Suzdalev · catches");
    h.get_by_label_contains("Rule 3: zzqx · catches 0 of");
    h.get_by_label("Save theme").click();
    h.run();
    support::wait_until(
        &mut h,
        "the theme to be saved and the documents placed",
        |app| {
            !app.theme_editor_open()
                && !app.is_loading()
                && app
                    .corpus()
                    .themes
                    .themes
                    .iter()
                    .any(|t| t.name == "Soviet envoys")
        },
    );
    let text = std::fs::read_to_string(&file).expect("the themes file");
    let set = ThemeSet::from_ron(&text, "saved").expect("reads back");
    let mine = set
        .themes
        .iter()
        .find(|t| t.name == "Soviet envoys")
        .expect("saved");
    assert_eq!(mine.parent, None);
    assert_eq!(set.themes.len(), ThemeSet::builtin().themes.len() + 1);
    assert!(h
        .state()
        .status()
        .is_some_and(|s| s.contains("Saved your theme")));
}

#[test]
fn a_themes_file_that_cannot_be_written_is_reported_at_the_form() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = tempfile::tempdir().expect("temp dir");
    // Its folder is a file: nothing can be written there.
    let blocker = config.path().join("archive-timeline");
    std::fs::write(&blocker, "not a folder").expect("write");
    let file = blocker.join("themes.ron");
    let mut h = app(data.path(), &file);
    open_form(&mut h);
    type_into(&mut h, "The theme's name", "Mine");
    type_into(&mut h, "The theme's rules", "Suzdalev");
    h.get_by_label("Save theme").click();
    h.run();
    support::wait_until(&mut h, "the failure", |app| {
        app.theme_editor_open() && app.is_saving_theme_done()
    });
    h.run();
    h.get_by_label_contains(&format!("could not make the folder {}", blocker.display()));
    assert!(h.state().theme_editor_open(), "the form stays open");
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("unchanged"),
        "not a folder"
    );
}
