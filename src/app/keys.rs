//! The keyboard: every shortcut, turned into [`Command`]s (the `?` overlay lists the same).
//! Reads egui's input and nothing of the app but the three facts the keys depend on.

use super::commands::Command;
use super::tour::TourSource;
use egui::{Context, Key, Modifiers};

/// What the keys depend on this frame.
#[derive(Clone, Copy, Debug)]
pub struct KeyContext {
    pub touring: bool,
    pub searching: bool,
    pub selected: Option<crate::model::DocIndex>,
    /// An overlay (shortcuts, diagnostics, the file picker) is open: Esc closes it first.
    pub overlay: bool,
    /// The table view is showing (it takes the arrow keys and Enter itself).
    pub table: bool,
}

/// Consumes the shortcuts pressed this frame and pushes what they ask for.
pub fn keyboard(ctx: &Context, k: KeyContext, commands: &mut Vec<Command>) {
    // Keys that work even while typing in a text field.
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, Key::Plus)
            || i.consume_key(Modifiers::COMMAND, Key::Equals)
        {
            commands.push(Command::Scale(Some(1.1)));
        }
        if i.consume_key(Modifiers::COMMAND, Key::Minus) {
            commands.push(Command::Scale(Some(1.0 / 1.1)));
        }
        if i.consume_key(Modifiers::COMMAND, Key::Num0) {
            commands.push(Command::Scale(None));
        }
        if i.consume_key(Modifiers::NONE, Key::F5) {
            commands.push(Command::TogglePresenting);
        }
        if i.consume_key(Modifiers::COMMAND, Key::F) {
            commands.push(Command::FocusSearch);
        }
        if i.consume_key(Modifiers::COMMAND, Key::Q) {
            commands.push(Command::Quit);
        }
    });
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    // Ctrl+V outside a text field: the copied text of an archive page becomes a new source.
    ctx.input(|i| {
        for event in &i.events {
            if let egui::Event::Paste(text) = event {
                commands.push(Command::PastePage(text.clone()));
            }
        }
    });
    let mut push = |c: Command| commands.push(c);
    ctx.input_mut(|i| {
        let none = Modifiers::NONE;
        // Esc closes the topmost thing first: an overlay, then the tour, then the selection.
        if k.overlay && i.consume_key(none, Key::Escape) {
            push(Command::CloseOverlay);
        }
        if k.touring {
            if i.consume_key(none, Key::Space)
                || i.consume_key(none, Key::ArrowRight)
                || i.consume_key(none, Key::PageDown)
            {
                push(Command::TourStep(1));
            }
            if i.consume_key(none, Key::ArrowLeft) || i.consume_key(none, Key::PageUp) {
                push(Command::TourStep(-1));
            }
            if i.consume_key(none, Key::Escape) {
                push(Command::EndTour);
            }
        }
        if i.consume_key(none, Key::Slash) {
            push(Command::FocusSearch);
        }
        if i.consume_key(Modifiers::SHIFT, Key::Questionmark)
            || i.consume_key(none, Key::Questionmark)
        {
            push(Command::ToggleShortcuts);
        }
        if i.consume_key(none, Key::T) {
            push(Command::StartTour(TourSource::Bookmarks));
        }
        if i.consume_key(none, Key::V) {
            push(Command::ToggleTable);
        }
        if k.searching && !k.table {
            if i.consume_key(Modifiers::SHIFT, Key::Enter) {
                push(Command::SearchStep(-1));
            }
            if i.consume_key(none, Key::Enter) {
                push(Command::SearchStep(1));
            }
        }
        if i.consume_key(none, Key::F) {
            push(Command::Fit);
        }
        if i.consume_key(none, Key::Plus)
            || i.consume_key(Modifiers::SHIFT, Key::Equals)
            || i.consume_key(none, Key::Equals)
        {
            push(Command::ZOOM_IN);
        }
        if i.consume_key(none, Key::Minus) {
            push(Command::ZOOM_OUT);
        }
        if i.consume_key(none, Key::Escape) {
            push(Command::Select(None));
        }
        if i.consume_key(none, Key::B) {
            if let Some(doc) = k.selected {
                push(Command::ToggleBookmark(doc));
            }
        }
        if k.table {
            // The table reads its own keys (arrows, pages, Home / End, Enter).
            return;
        }
        if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft) {
            push(Command::Pan(-0.2));
        }
        if i.consume_key(Modifiers::SHIFT, Key::ArrowRight) {
            push(Command::Pan(0.2));
        }
        let (back, on) = if k.selected.is_some() {
            (Command::Step(-1), Command::Step(1))
        } else {
            (Command::Pan(-0.2), Command::Pan(0.2))
        };
        if i.consume_key(none, Key::ArrowLeft) {
            push(back);
        }
        if i.consume_key(none, Key::ArrowRight) {
            push(on);
        }
    });
}
