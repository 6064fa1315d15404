//! Bringing pages in: the File menu (open files, open folder, seeds on/off, reload), the status
//! bar with load progress and cancel, and the diagnostics view.

use crate::app::base::tokens::Tokens;
use crate::app::Command;
use crate::corpus::Corpus;
use crate::ingest::{Diagnostic, Progress, Severity};
use egui::{RichText, Ui};
use std::path::Path;

pub fn file_menu(
    ui: &mut Ui,
    include_seeds: bool,
    session_only: bool,
    ws: &crate::workspace::Workspace,
    shown: &str,
    commands: &mut Vec<Command>,
) {
    ui.menu_button("File", |ui| {
        if ui.button("Open files…").clicked() {
            commands.push(Command::OpenFiles);
        }
        if ui
            .button("Paste page (Ctrl+V)")
            .on_hover_text(
                "Read the copied text of an archive page (select all and copy in the browser); \
                 it is saved in the data folder and remembered",
            )
            .clicked()
        {
            commands.push(Command::RequestPaste);
            ui.close();
        }
        if ui.button("Open folder…").clicked() {
            commands.push(Command::OpenFolder);
        }
        ui.separator();
        let mut seeds = include_seeds;
        if ui
            .checkbox(&mut seeds, "Include the bundled seeds")
            .on_hover_text("The five sample pages that come with the app")
            .changed()
        {
            commands.push(Command::SetSeeds(seeds));
        }
        if ui
            .button("Reload")
            .on_hover_text("Read every page again (picks up changed files)")
            .clicked()
        {
            commands.push(Command::Reload);
        }
        if ui.button("Forget opened files").clicked() {
            commands.push(Command::ForgetPaths);
        }
        if session_only {
            ui.label(
                RichText::new("Opened from the command line: not remembered.")
                    .small()
                    .weak(),
            );
        }
        ui.separator();
        ui.menu_button("Export view as PNG", |ui| {
            for (w, h, what) in [
                (1920, 1080, "1920 × 1080 (slide)"),
                (3840, 1080, "3840 × 1080 (wide banner)"),
                (3840, 2160, "3840 × 2160 (4K slide)"),
                (2480, 3508, "2480 × 3508 (A4 handout, portrait)"),
            ] {
                if ui.button(what).clicked() {
                    commands.push(Command::ExportPicture(w, h));
                }
            }
        });
        for (kind, what) in [
            (
                crate::app::base::command::VectorKind::Svg,
                "Export view as SVG",
            ),
            (
                crate::app::base::command::VectorKind::Pdf,
                "Export view as PDF",
            ),
        ] {
            ui.menu_button(what, |ui| {
                for (page, pages, label) in crate::app::base::command::POSTER_CHOICES {
                    if ui.button(label).clicked() {
                        if let Some(size) = crate::output::vector::PageSize::parse(page) {
                            commands.push(Command::ExportPoster(kind, size, pages));
                        }
                    }
                }
            });
        }
        ui.menu_button("Export lesson…", |ui| {
            ui.label(
                RichText::new(
                    "A collection as one file for students (documents, order, notes, views)",
                )
                .weak(),
            );
            for c in &ws.collections {
                let what = format!(
                    "{} ({})",
                    c.name,
                    crate::text::count(c.entries.len(), "document")
                );
                if ui
                    .add_enabled(!c.entries.is_empty(), egui::Button::new(what))
                    .clicked()
                {
                    commands.push(Command::ExportLesson(c.name.clone()));
                    ui.close();
                }
            }
        });
        // The collection the Collections panel shows (Starred until another is chosen).
        let shown = ws.find_collection(shown).or_else(|| ws.collections.first());
        if let Some(c) = shown {
            ui.menu_button("Export handout…", |ui| {
                ui.label(
                    RichText::new(format!(
                        "“{}” ({}), as the Collections panel shows it",
                        c.name,
                        crate::text::count(c.entries.len(), "document")
                    ))
                    .weak(),
                );
                ui.add_enabled_ui(!c.entries.is_empty(), |ui| {
                    crate::app::side_panels::collections_panel::handout_buttons(
                        ui, &c.name, commands,
                    );
                });
            });
        }
        if ui.button("Diagnostics…").clicked() {
            commands.push(Command::ToggleDiagnostics);
        }
    });
}

/// The bottom status bar: counts, problems, and a progress bar with Cancel while loading.
pub fn status_bar(
    ui: &mut Ui,
    corpus: &Corpus,
    (progress, hint): (Option<&Progress>, Option<&str>),
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(p) = progress {
                let (done, total, entries) = p.snapshot();
                #[allow(clippy::cast_precision_loss)]
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(egui::ProgressBar::new(fraction).desired_width(260.0).text(
                    if done == total && total > 0 {
                        format!("{total} files read · {entries} entries · merging and indexing…")
                    } else {
                        format!("{done} of {total} files · {entries} entries")
                    },
                ));
                if p.is_cancelled() {
                    ui.label("Cancelling…");
                } else if ui
                    .button("Cancel")
                    .on_hover_text("Stop; keep the files read so far")
                    .clicked()
                {
                    commands.push(Command::CancelLoad);
                }
                ui.separator();
            }
            let lib = &corpus.library;
            ui.label(format!(
                "{} from {}",
                crate::text::count(lib.len(), "document"),
                crate::text::count(corpus.files.len(), "file")
            ));
            let undated = corpus.undated_count();
            let outside = corpus.out_of_span_count();
            if undated > 0 {
                ui.label(format!("· {undated} undated"));
            }
            if outside > 0 {
                ui.label(format!("· {outside} outside 1945–1996"));
            }
            if corpus.skipped > 0 {
                ui.colored_label(
                    t.selection,
                    format!(
                        "· cancelled: {} not read",
                        crate::text::count(corpus.skipped, "file")
                    ),
                );
            }
            if let Some(note) = &corpus.cache.note {
                if ui
                    .button(RichText::new("· library cache rebuilt").color(t.selection))
                    .on_hover_text(note)
                    .clicked()
                {
                    commands.push(Command::ToggleDiagnostics);
                }
            }
            let warnings = count(corpus, Severity::Warning);
            let errors = count(corpus, Severity::Error);
            if warnings + errors > 0 {
                let text = format!(
                    "⚠ {}, {}",
                    crate::text::count(errors, "error"),
                    crate::text::count(warnings, "warning")
                );
                if ui.button(RichText::new(text).color(t.selection)).clicked() {
                    commands.push(Command::ToggleDiagnostics);
                }
            }
            if let Some(hint) = hint {
                ui.separator();
                ui.add(egui::Label::new(RichText::new(hint).color(t.text)).truncate());
            }
        });
    });
}

fn count(corpus: &Corpus, severity: Severity) -> usize {
    match severity {
        Severity::Warning => corpus.stats.warnings,
        Severity::Error => corpus.stats.errors,
    }
}

/// Every warning and error with its file and line; a button opens the file's folder. Problems
/// with the bookmarks file come first, with "Restore bookmarks from backup" when there is one.
pub fn diagnostics_window(
    ctx_ui: &mut Ui,
    corpus: &Corpus,
    bookmarks: &crate::app::base::bookmark_sync::Snapshot,
    messages: &[String],
    open: &mut bool,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let diags: Vec<&Diagnostic> = corpus
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter())
        .collect();
    egui::Window::new("Diagnostics")
        .open(open)
        .default_size([820.0, 420.0])
        .vscroll(false)
        .show(ctx_ui.ctx(), |ui| {
            if !bookmarks.notices.is_empty() {
                ui.label(RichText::new("Bookmarks").strong());
                for notice in &bookmarks.notices {
                    ui.colored_label(t.selection, notice);
                }
                if bookmarks.has_backup
                    && ui
                        .button("Restore bookmarks from backup")
                        .on_hover_text(
                            "Make the backup the bookmarks again; the bookmarks it replaces \
                             become the backup, so nothing is lost",
                        )
                        .clicked()
                {
                    commands.push(Command::RestoreBookmarksBackup);
                }
                if let Some(message) = &bookmarks.message {
                    ui.label(RichText::new(message).weak());
                }
                ui.separator();
            }
            if let Some(note) = &corpus.cache.note {
                ui.colored_label(t.selection, note);
                ui.separator();
            }
            if !messages.is_empty() {
                ui.label(RichText::new("Messages (newest first)").strong());
                egui::ScrollArea::vertical()
                    .id_salt("toolbar-messages")
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for message in messages.iter().rev() {
                            ui.add(egui::Label::new(message).selectable(true).wrap());
                        }
                    });
                ui.separator();
            }
            let count = crate::text::count;
            ui.label(format!(
                "{} read, {} not read; {}",
                count(corpus.files.iter().filter(|f| !f.failed).count(), "file"),
                corpus.files.iter().filter(|f| f.failed).count(),
                count(diags.len(), "message")
            ));
            ui.separator();
            if diags.is_empty() {
                ui.label("Every page was read without a problem.");
                return;
            }
            let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_h, diags.len(), |ui, rows| {
                    for d in &diags[rows] {
                        ui.horizontal(|ui| {
                            let (kind, color) = match d.severity {
                                Severity::Error => ("error", t.selection),
                                Severity::Warning => ("warning", t.text_weak),
                            };
                            ui.colored_label(color, kind);
                            let place = match d.line {
                                Some(l) => format!("{}:{l}", d.file),
                                None => d.file.to_string(),
                            };
                            ui.add(
                                egui::Label::new(RichText::new(place).monospace()).selectable(true),
                            );
                            ui.add(egui::Label::new(&d.message).selectable(true).truncate());
                            if let Some(dir) = Path::new(&*d.file).parent().filter(|p| p.is_dir()) {
                                if ui
                                    .small_button("📂")
                                    .on_hover_text(format!("Open {}", dir.display()))
                                    .clicked()
                                {
                                    let url = format!("file://{}", dir.display());
                                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                                }
                            }
                        });
                    }
                });
        });
}
