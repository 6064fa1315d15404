//! The in-app file picker: used when the platform has no file dialog (no XDG desktop portal
//! and no zenity), so Open files, Open folder, Export view as PNG and the bookmark exports
//! and imports never silently do nothing.
//!
//! A small window: the folder (editable: type a path and press Enter), Up, the folder's
//! sub-folders and the files its filter allows (hidden ones left out), and for saving a file
//! name field. Its answer is a [`Command`] made by the request's [`crate::app::base::command::Then`].
//! Listing a folder is the only file access, and errors are shown, not hidden.

use crate::app::base::command::{FileRequest, Pick};
use crate::app::base::tokens::Tokens;
use crate::app::Command;
use egui::{RichText, Ui};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// At most this many entries of a folder are listed.
const MAX_ENTRIES: usize = 5_000;

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    name: String,
    path: PathBuf,
    dir: bool,
}

/// The picker's state: closed, or a request with the folder being looked at.
#[derive(Default)]
pub struct FilePicker {
    request: Option<FileRequest>,
    dir: PathBuf,
    dir_text: String,
    entries: Vec<Entry>,
    chosen: BTreeSet<PathBuf>,
    file_name: String,
    error: Option<String>,
    /// The folder of the last answer: the next request opens there (a teacher saving a
    /// handout after a poster finds the same folder).
    last_dir: Option<PathBuf>,
}

/// Lists `dir`: sub-folders first, then the files with one of `extensions` (all when empty),
/// each sorted by name without case; hidden entries are left out.
fn list(dir: &Path, extensions: &[String]) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("Cannot list {}: {e}", dir.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let path = e.path();
            let dir = path.is_dir();
            let wanted = dir
                || extensions.is_empty()
                || path
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| extensions.iter().any(|e| e.eq_ignore_ascii_case(x)));
            wanted.then_some(Entry { name, path, dir })
        })
        .take(MAX_ENTRIES)
        .collect();
    entries.sort_by(|a, b| {
        b.dir
            .cmp(&a.dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// Where the picker starts: the working directory, else the home directory, else `/`.
fn start_dir() -> PathBuf {
    std::env::current_dir()
        .ok()
        .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("/"))
}

impl FilePicker {
    pub fn is_open(&self) -> bool {
        self.request.is_some()
    }

    pub fn close(&mut self) {
        self.request = None;
    }

    /// Opens the picker for `request`, in the folder of the last answer while it is still a
    /// folder, else in the working directory.
    pub fn open(&mut self, request: FileRequest) {
        self.file_name = match &request.pick {
            Pick::Save { file_name } => file_name.clone(),
            _ => String::new(),
        };
        self.request = Some(request);
        self.chosen.clear();
        let dir = self
            .last_dir
            .clone()
            .filter(|d| d.is_dir())
            .unwrap_or_else(start_dir);
        self.go(dir);
    }

    fn go(&mut self, dir: PathBuf) {
        let extensions = self
            .request
            .as_ref()
            .map(|r| r.filter.1.clone())
            .unwrap_or_default();
        match list(&dir, &extensions) {
            Ok(entries) => {
                self.entries = entries;
                self.dir_text = dir.display().to_string();
                self.dir = dir;
                self.error = None;
                self.chosen.clear();
            }
            Err(e) => {
                self.error = Some(e);
                self.dir_text = self.dir.display().to_string();
            }
        }
    }

    /// The paths the confirm button would answer with.
    fn answer(&self) -> Vec<PathBuf> {
        let Some(request) = &self.request else {
            return Vec::new();
        };
        match &request.pick {
            Pick::Save { .. } => {
                let name = self.file_name.trim();
                if name.is_empty() {
                    Vec::new()
                } else {
                    vec![self.dir.join(name)]
                }
            }
            Pick::OpenFiles => self.chosen.iter().cloned().collect(),
            Pick::OpenFolder => match self.chosen.iter().next() {
                Some(dir) => vec![dir.clone()],
                None => vec![self.dir.clone()],
            },
        }
    }

    /// Draws the picker while it is open; returns the command its answer makes.
    pub fn show(&mut self, ctx: &egui::Context, t: &Tokens) -> Option<Command> {
        let request = self.request.clone()?;
        let mut open = true;
        let mut answer = None;
        let screen = ctx.content_rect();
        egui::Window::new(&request.title)
            .id(egui::Id::unique("file-picker"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width((screen.width() * 0.6).clamp(280.0, 640.0))
            .max_height(screen.height() * 0.8)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| answer = self.contents(ui, &request, t));
        if !open {
            self.close();
        }
        if answer.is_some() {
            self.close();
        }
        answer
    }

    fn contents(&mut self, ui: &mut Ui, request: &FileRequest, t: &Tokens) -> Option<Command> {
        let mut answer = None;
        ui.horizontal(|ui| {
            if ui
                .button("⬆ Up")
                .on_hover_text("The parent folder")
                .clicked()
            {
                if let Some(parent) = self.dir.parent() {
                    self.go(parent.to_path_buf());
                }
            }
            let label = ui.label("Folder:");
            let edit = ui
                .add(egui::TextEdit::singleline(&mut self.dir_text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.go(PathBuf::from(self.dir_text.trim()));
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(t.selection, e);
        }
        let (filter, extensions) = &request.filter;
        if !extensions.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Showing folders and {filter} (*.{})",
                    extensions.join(", *.")
                ))
                .small()
                .weak(),
            );
        }
        ui.separator();
        let mut go_to = None;
        let list_h = (ui.ctx().content_rect().height() * 0.45).max(120.0);
        egui::ScrollArea::vertical()
            .max_height(list_h)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if self.entries.is_empty() {
                    ui.label(RichText::new("(nothing here)").weak());
                }
                for entry in &self.entries {
                    let selected = self.chosen.contains(&entry.path);
                    let text = if entry.dir {
                        format!("📁 {}/", entry.name)
                    } else {
                        format!("🗋 {}", entry.name)
                    };
                    let response = ui.selectable_label(selected, text);
                    if response.double_clicked() && entry.dir {
                        go_to = Some(entry.path.clone());
                    } else if response.clicked() {
                        match (&request.pick, entry.dir) {
                            (Pick::OpenFolder | Pick::OpenFiles, _)
                                if entry.dir == matches!(request.pick, Pick::OpenFolder)
                                    && !self.chosen.remove(&entry.path) =>
                            {
                                if matches!(request.pick, Pick::OpenFolder) {
                                    self.chosen.clear();
                                }
                                self.chosen.insert(entry.path.clone());
                            }
                            (Pick::OpenFolder, true) | (Pick::OpenFiles, false) => {}
                            (Pick::Save { .. }, false) => self.file_name.clone_from(&entry.name),
                            (_, true) => go_to = Some(entry.path.clone()),
                            _ => {}
                        }
                    }
                }
            });
        if let Some(dir) = go_to {
            self.go(dir);
        }
        ui.separator();
        let mut entered = false;
        if matches!(request.pick, Pick::Save { .. }) {
            ui.horizontal(|ui| {
                let label = ui.label("File name:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.file_name)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                // Enter in the name saves, as in every save dialog.
                entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
        }
        ui.horizontal(|ui| {
            let confirm = match request.pick {
                Pick::Save { .. } => "Save",
                Pick::OpenFiles => "Open",
                Pick::OpenFolder => "Open this folder",
            };
            let paths = self.answer();
            let clicked = ui
                .add_enabled(!paths.is_empty(), egui::Button::new(confirm))
                .clicked();
            if (clicked || entered) && !paths.is_empty() {
                self.last_dir = match request.pick {
                    Pick::OpenFolder => paths.first().cloned(),
                    // A full path typed in the name names its own folder.
                    Pick::Save { .. } => paths
                        .first()
                        .and_then(|p| p.parent())
                        .map(Path::to_path_buf),
                    Pick::OpenFiles => Some(self.dir.clone()),
                };
                answer = request.then.command(paths);
            }
            if ui.button("Cancel").clicked() {
                self.close();
            }
        });
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_lists_sub_folders_first_and_only_wanted_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b.txt", "A.TXT", "c.png", ".hidden.txt"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("zeta")).expect("mkdir");
        let names: Vec<String> = list(dir.path(), &["txt".to_string()])
            .expect("lists")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["zeta", "A.TXT", "b.txt"]);
        assert!(list(&dir.path().join("missing"), &[]).is_err());
    }
}
