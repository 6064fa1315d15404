//! "My own theme": a lane of the user's own from the UI (Lanes → My own theme…): a name, a
//! colour and rules, one a line (phrases separated by commas, a trailing `*` for any ending),
//! with a live count of the documents each rule catches, by the themes matcher itself. Saving
//! adds the theme to the user's themes file (`$XDG_CONFIG_HOME/archive-timeline/themes.ron`;
//! started from the bundled themes when there is none), checked by the themes file's own
//! parser, written atomically on a worker thread; then the library is read again under the new
//! themes (the reload path). Errors are shown at the field they are about.
//!
//! Owns its form only; the file format and the matching are `themes`'.

use crate::app::{base::worker, Command, TimelineApp};
use crate::model::Library;
use crate::themes::{ThemeSet, OTHER_NAME};
use crate::workspace::PALETTE;
use egui::{Color32, RichText, Ui};
use std::path::{Path, PathBuf};

/// A rule the user writes weighs this much: more than the threshold of the bundled themes
/// (2.0), so one rule of one's own places a document like a specific name does.
const USER_RULE_WEIGHT: f32 = 3.0;

/// Per rule line: how many documents it catches, or why it cannot be read.
type RuleCounts = Vec<Result<usize, String>>;

/// [`RuleCounts`] with the rules' text and the library (its address) they were counted for.
type Counted = (String, usize, RuleCounts);

/// Libraries up to this size are counted as the user types; larger ones on a worker thread
/// (a million documents take seconds to classify), the last counts shown meanwhile.
const COUNT_HERE_UP_TO: usize = 20_000;

/// Counts being made on a worker, for these rules and this library.
struct Counting {
    key: (String, usize),
    inbox: crate::app::base::worker::Inbox<RuleCounts>,
}

/// The counting under way, if any (cloning the form does not clone it).
#[derive(Default)]
struct Pending(Option<Counting>);

impl Clone for Pending {
    fn clone(&self) -> Self {
        Pending(None)
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_ref().map(|c| &c.key) == other.0.as_ref().map(|c| &c.key)
    }
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pending({:?})", self.0.as_ref().map(|c| &c.key))
    }
}

/// The form, while the window is open.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeEditor {
    name: String,
    colour: [u8; 3],
    /// One rule a line.
    rules: String,
    /// The live counts, recounted when the rules or the library change.
    counts: Option<Counted>,
    /// Counts of a large library being made on a worker.
    pending: Pending,
    /// Why the last save failed (the file could not be read, parsed or written).
    save_error: Option<String>,
    saving: bool,
}

impl Default for ThemeEditor {
    fn default() -> Self {
        ThemeEditor {
            name: String::new(),
            colour: PALETTE[4],
            rules: String::new(),
            counts: None,
            pending: Pending::default(),
            save_error: None,
            saving: false,
        }
    }
}

impl ThemeEditor {
    /// A save is under way.
    pub fn is_saving(&self) -> bool {
        self.saving
    }
}

/// The rules of the form's text: one a line, phrases separated by commas.
pub fn rules_of(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            line.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|rule| !rule.is_empty())
        .collect()
}

/// A string as RON writes it (quoted, escaped).
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

fn rule_ron(phrases: &[String], weight: f32) -> String {
    let list: Vec<String> = phrases.iter().map(|p| ron_string(p)).collect();
    format!("(phrases: [{}], weight: {weight:.1})", list.join(", "))
}

/// The theme as an entry of a themes file.
pub fn theme_ron(name: &str, colour: [u8; 3], rules: &[Vec<String>]) -> String {
    let rules: Vec<String> = rules
        .iter()
        .map(|r| format!("                {},\n", rule_ron(r, USER_RULE_WEIGHT)))
        .collect();
    format!(
        "        (\n            name: {},\n            color: ({}, {}, {}),\n            \
         description: \"Made in the app\",\n            parent: None,\n            rules: [\n{}            ],\n        ),",
        ron_string(name.trim()),
        colour[0],
        colour[1],
        colour[2],
        rules.concat()
    )
}

/// `base` (a themes file's text) with `theme` added at the end of its list of themes.
pub fn with_theme(base: &str, theme: &str) -> Result<String, String> {
    let at = base
        .rfind(']')
        .ok_or("the themes file has no list of themes to add to")?;
    let (head, tail) = base.split_at(at);
    let head = head.trim_end();
    let comma = if head.ends_with(',') || head.ends_with('[') {
        ""
    } else {
        ","
    };
    Ok(format!("{head}{comma}\n{theme}\n    {tail}"))
}

/// How many documents of `library` one rule catches (the matcher's own verdict).
pub fn count(rule: &[String], library: &Library) -> Result<usize, String> {
    let text = format!(
        "(threshold: 0.5, themes: [(name: \"rule\", color: (0, 0, 0), rules: [{}])])",
        rule_ron(rule, 1.0)
    );
    let set = ThemeSet::from_ron(&text, "rule").map_err(|e| e.message)?;
    let classes = set.classify(library);
    Ok(classes
        .themes_of
        .iter()
        .filter(|themes| themes.contains(&0))
        .count())
}

/// Adds the theme to the themes file at `path` (the bundled themes when there is none yet),
/// checks the whole file as the app will read it, and writes it atomically.
pub fn save(path: &Path, theme: &str) -> Result<ThemeSet, String> {
    let base = if path.is_file() {
        crate::themes::read_file_text(path).map_err(|e| format!("{}: {e}", path.display()))?
    } else {
        crate::themes::builtin_text().to_string()
    };
    let text = with_theme(&base, theme)?;
    let set = ThemeSet::from_ron(&text, &path.display().to_string())
        .map_err(|e| format!("the themes file would not read back, so it was not changed: {e}"))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("could not make the folder {}: {e}", dir.display()))?;
    }
    crate::durable::fsio::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    Ok(set)
}

/// What is wrong with the name, if anything.
fn name_error(name: &str, themes: &ThemeSet) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("a theme needs a name".into());
    }
    if name == OTHER_NAME {
        return Some(format!(
            "“{OTHER_NAME}” is the lane of documents no theme claims"
        ));
    }
    themes
        .themes
        .iter()
        .any(|t| t.name.eq_ignore_ascii_case(name))
        .then(|| format!("there is already a theme named “{name}”"))
}

impl TimelineApp {
    /// The "My own theme" window, while open.
    pub(in crate::app) fn theme_editor_window(&mut self, ui: &Ui) {
        let Some(editor) = &mut self.side.theme_editor else {
            return;
        };
        let mut open = true;
        let library = &self.library.corpus.library;
        let themes = &self.library.corpus.themes;
        let file = self.library.themes_file.as_deref();
        let commands = &mut self.commands;
        let wake = &self.wake;
        egui::Window::new("My own theme")
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ui.ctx(), |ui| {
                recount(editor, library, wake);
                form(ui, editor, library, themes, file, commands);
            });
        if !open {
            self.side.theme_editor = None;
        }
    }

    /// Saves the open form's theme on a worker thread; the answer comes back as
    /// [`Command::ThemeSaved`].
    pub(in crate::app) fn save_theme(&mut self, theme: String) {
        let Some(path) = self.library.themes_file.clone() else {
            return;
        };
        if let Some(editor) = &mut self.side.theme_editor {
            editor.saving = true;
            editor.save_error = None;
        }
        let spawned =
            worker::spawn_into("themes-save", self.frame.answers_out.clone(), move |out| {
                let answer = save(&path, &theme).map(Box::new);
                out.send(Command::ThemeSaved(answer));
            });
        if spawned.is_err() {
            if let Some(editor) = &mut self.side.theme_editor {
                editor.saving = false;
                editor.save_error = Some("could not start saving (no thread available)".into());
            }
        }
    }

    /// The worker's answer: the themes in force from now on, read again; or why not.
    pub(in crate::app) fn theme_saved(&mut self, answer: Result<Box<ThemeSet>, String>) {
        match answer {
            Ok(set) => {
                self.side.theme_editor = None;
                self.library.loader.set_themes(*set);
                let problem = self.library.loader.start(&self.wake, false);
                self.frame.status = Some(problem.unwrap_or_else(|| {
                    "Saved your theme; placing the documents in it again.".into()
                }));
            }
            Err(e) => {
                if let Some(editor) = &mut self.side.theme_editor {
                    editor.saving = false;
                    editor.save_error = Some(e);
                }
            }
        }
    }
}

/// Brings the counts up to date with the rules: here for a small library, on a worker for a
/// large one (one counting at a time; when it ends, the next starts if the rules changed).
fn recount(
    editor: &mut ThemeEditor,
    library: &std::sync::Arc<Library>,
    wake: &crate::app::base::worker::Wake,
) {
    let key = (
        editor.rules.clone(),
        std::sync::Arc::as_ptr(library) as usize,
    );
    if let Some(counting) = &editor.pending.0 {
        match counting.inbox.poll() {
            crate::app::base::worker::Polled::Ready(counts) => {
                let (text, lib) = counting.key.clone();
                editor.counts = Some((text, lib, counts));
                editor.pending.0 = None;
            }
            crate::app::base::worker::Polled::Closed => editor.pending.0 = None,
            crate::app::base::worker::Polled::Pending => return,
        }
    }
    if editor
        .counts
        .as_ref()
        .is_some_and(|(text, lib, _)| (text, lib) == (&key.0, &key.1))
    {
        return;
    }
    let rules = rules_of(&editor.rules);
    if library.len() <= COUNT_HERE_UP_TO {
        let counts = rules.iter().map(|r| count(r, library)).collect();
        editor.counts = Some((key.0, key.1, counts));
        return;
    }
    let library = std::sync::Arc::clone(library);
    let spawned = worker::spawn("theme-counts", wake, move |out| {
        let counts: RuleCounts = rules.iter().map(|r| count(r, &library)).collect();
        out.send(counts);
    });
    if let Ok(inbox) = spawned {
        editor.pending.0 = Some(Counting { key, inbox });
    }
}

fn form(
    ui: &mut Ui,
    editor: &mut ThemeEditor,
    library: &Library,
    themes: &ThemeSet,
    file: Option<&Path>,
    commands: &mut Vec<Command>,
) {
    let error_colour = ui.visuals().error_fg_color;
    ui.label("Name");
    ui.add(
        egui::TextEdit::singleline(&mut editor.name)
            .hint_text("e.g. Berlin")
            .desired_width(f32::INFINITY),
    )
    .on_hover_text("The theme's name");
    let name_error = (!editor.name.is_empty())
        .then(|| name_error(&editor.name, themes))
        .flatten();
    if let Some(e) = &name_error {
        ui.colored_label(error_colour, e);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Colour");
        for p in PALETTE {
            let name = format!("Colour {}", crate::workspace::hex_colour::to_string(p));
            let text = RichText::new("■").color(Color32::from_rgb(p[0], p[1], p[2]));
            let chosen = editor.colour == p;
            let swatch = ui.add(egui::Button::new(text).frame(false).selected(chosen));
            swatch.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, chosen, &name)
            });
            if swatch.on_hover_text(&name).clicked() {
                editor.colour = p;
            }
        }
        ui.color_edit_button_srgb(&mut editor.colour);
    });
    ui.label("Rules: one a line; commas between phrases; a trailing * matches any ending");
    ui.add(
        egui::TextEdit::multiline(&mut editor.rules)
            .hint_text("Berlin, West Berlin, East Berlin\nUlbricht, Honecker\nAirlift*")
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    )
    .on_hover_text("The theme's rules");
    let rules = rules_of(&editor.rules);
    let mut rule_error = false;
    let current = editor
        .counts
        .as_ref()
        .is_some_and(|(text, _, _)| *text == editor.rules);
    if !current {
        ui.label(RichText::new("Counting…").weak());
        rule_error = true; // not saved before its rules are known to read
    }
    if let Some((_, _, counts)) = editor.counts.as_ref().filter(|_| current) {
        for (i, (rule, counted)) in rules.iter().zip(counts).enumerate() {
            let what = rule.join(", ");
            match counted {
                Ok(n) => {
                    ui.label(format!(
                        "Rule {}: {what} · catches {n} of {}",
                        i + 1,
                        library.len()
                    ));
                }
                Err(e) => {
                    rule_error = true;
                    ui.colored_label(error_colour, format!("Rule {}: {e}", i + 1));
                }
            }
        }
    }
    ui.separator();
    let Some(path) = file else {
        ui.label(RichText::new("There is no place to save themes on this system.").weak());
        return;
    };
    let ready = !editor.name.trim().is_empty()
        && name_error.is_none()
        && !rules.is_empty()
        && !rule_error
        && !editor.saving;
    if ui
        .add_enabled(ready, egui::Button::new("Save theme"))
        .on_hover_text(format!("Adds it to {}", path.display()))
        .clicked()
    {
        commands.push(Command::SaveTheme(theme_ron(
            &editor.name,
            editor.colour,
            &rules,
        )));
    }
    if editor.saving {
        ui.label(RichText::new("Saving…").weak());
    }
    if let Some(e) = &editor.save_error {
        ui.colored_label(error_colour, e);
    }
    ui.label(
        RichText::new(format!("Saved in {}", path.display()))
            .small()
            .weak(),
    );
}

/// Where the user's themes file is by default.
pub fn default_file() -> Option<PathBuf> {
    crate::dirs::user_themes_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library too large to count while typing is counted on a worker: the form says
    /// "counting" meanwhile, the counts arrive for the rules as they are by then, and they
    /// agree with counting here.
    #[test]
    fn a_large_library_is_counted_on_a_worker() {
        let (corpus, _, _) = crate::bench::load_synthetic(COUNT_HERE_UP_TO + 1);
        let library = std::sync::Arc::clone(&corpus.library);
        assert!(library.len() > COUNT_HERE_UP_TO);
        let wake = crate::app::base::worker::Wake::default();
        let mut editor = ThemeEditor {
            rules: "Korea*\nzzqx".into(),
            ..ThemeEditor::default()
        };
        recount(&mut editor, &library, &wake);
        assert!(editor.counts.is_none(), "not counted on the UI thread");
        assert!(editor.pending.0.is_some());
        // Typing on while it counts: the newer rules are counted once the first ends.
        editor.rules = "Korea*".into();
        for _ in 0..200 {
            let seen = wake.deliveries();
            recount(&mut editor, &library, &wake);
            if editor
                .counts
                .as_ref()
                .is_some_and(|(text, _, _)| text == "Korea*")
            {
                break;
            }
            wake.wait_after(seen, std::time::Duration::from_secs(60));
        }
        let (text, _, counts) = editor.counts.clone().expect("counted");
        assert_eq!(text, "Korea*");
        assert_eq!(counts, vec![count(&["Korea*".to_string()], &library)]);
        assert!(matches!(counts[0], Ok(n) if n > 0));
    }

    #[test]
    fn rules_are_lines_of_comma_separated_phrases() {
        assert_eq!(
            rules_of("Berlin, West Berlin\n\n , \nAirlift*"),
            vec![
                vec!["Berlin".to_string(), "West Berlin".to_string()],
                vec!["Airlift*".to_string()]
            ]
        );
    }

    #[test]
    fn a_theme_added_to_the_bundled_file_reads_back() {
        let theme = theme_ron(
            "Berlin \"crisis\"",
            [1, 2, 3],
            &rules_of("Berlin, Ulbricht\nAirlift*"),
        );
        let text = with_theme(crate::themes::builtin_text(), &theme).expect("added");
        let set = ThemeSet::from_ron(&text, "test").expect("reads back");
        let last = set.themes.last().expect("a theme");
        assert_eq!(last.name, "Berlin \"crisis\"");
        assert_eq!(last.color, [1, 2, 3]);
        assert_eq!(set.themes.len(), ThemeSet::builtin().themes.len() + 1);
    }

    #[test]
    fn a_rule_counts_the_documents_it_catches() {
        let library = crate::ingest::load_seeds().library;
        let korea = count(&["Korea*".to_string()], &library).expect("counts");
        assert!(korea > 0 && korea <= library.len());
        assert_eq!(count(&["zzqx".to_string()], &library), Ok(0));
    }
}
