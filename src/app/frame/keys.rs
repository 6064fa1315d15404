//! The keyboard: every shortcut, turned into [`Command`]s (the `?` overlay lists the same),
//! and the focus ring that shows where Tab has put the keyboard. Reads egui's input and
//! nothing of the app but the few facts the keys depend on.

use crate::app::base::command::Command;
use crate::app::base::command::TourSource;
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
    // Only a text field keeps the keys to itself: a focused button or checkbox (reached with
    // Tab) leaves every shortcut working.
    if ctx.text_edit_focused() {
        return;
    }
    // Esc while a widget had the focus only drops the focus (egui has just done so); while a
    // pop-up (Filters, Lanes, a menu) is open, it is the pop-up's, which closes on it.
    let esc_taken = had_focus(ctx) || egui::Popup::is_any_open(ctx);
    // Ctrl+V outside a text field: the copied text of an archive page becomes a new source.
    ctx.input(|i| {
        for event in &i.events {
            if let egui::Event::Paste(text) = event {
                commands.push(Command::PastePage(text.clone()));
            }
        }
    });
    let mut cancel_focus_move = false;
    let mut push = |c: Command| commands.push(c);
    ctx.input_mut(|i| {
        let none = Modifiers::NONE;
        // Esc closes the topmost thing first: an overlay, then the tour, then the selection.
        if esc_taken {
            // Left in the input for the pop-up; nothing below may read it.
        } else if k.overlay && i.consume_key(none, Key::Escape) {
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
            if !esc_taken && i.consume_key(none, Key::Escape) {
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
        if !esc_taken && i.consume_key(none, Key::Escape) {
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
        // Left / Right step through documents in time; with nothing selected, either selects
        // the first document in view (what the first-run hint promises).
        let mut stepped = false;
        if i.consume_key(none, Key::ArrowLeft) {
            push(Command::Step(-1));
            stepped = true;
        }
        if i.consume_key(none, Key::ArrowRight) {
            push(Command::Step(1));
            stepped = true;
        }
        if stepped {
            // egui would also move a focused button's focus with the arrow: the arrow was ours.
            cancel_focus_move = true;
        }
    });
    if cancel_focus_move {
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}

/// Where the app remembers, between frames, that a widget had the keyboard focus.
fn focus_memory() -> egui::Id {
    egui::Id::unique("archive-timeline.keys.had-focus")
}

/// Did a widget have the keyboard focus at the end of the last frame?
fn had_focus(ctx: &Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(focus_memory()))
        .unwrap_or(false)
}

/// Called once at the end of every frame: whether a widget holds the focus now, which the next
/// frame's Esc needs (egui drops the focus on Esc before the app sees the key).
pub fn remember_focus(ctx: &Context) {
    let focused = ctx.memory(|m| m.focused().is_some());
    ctx.data_mut(|d| d.insert_temp(focus_memory(), focused));
}

/// Where the app remembers that the keyboard, not the pointer, last moved the focus.
fn focus_visible_memory() -> egui::Id {
    egui::Id::unique("archive-timeline.keys.focus-visible")
}

/// Draws a ring around the widget that has the keyboard focus, once Tab (or an arrow moving
/// the focus) put it there; a click hides it again, as browsers do for `:focus-visible`.
/// egui's own look for a focused button is a shade that many custom-painted things (markers,
/// lanes, the axis) do not have: the ring makes every Tab stop visible. Returns the ring's
/// rect (tests read it).
pub fn focus_ring(ctx: &Context, color: egui::Color32) -> Option<egui::Rect> {
    let visible = ctx.input(|i| {
        let keyboard = i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: Key::Tab | Key::ArrowUp | Key::ArrowDown,
                    pressed: true,
                    ..
                }
            )
        });
        let pointer = i.pointer.any_pressed();
        (keyboard, pointer)
    });
    let was = ctx.data(|d| d.get_temp::<bool>(focus_visible_memory()));
    let now = match visible {
        (_, true) => false,
        (true, false) => true,
        (false, false) => was.unwrap_or(false),
    };
    ctx.data_mut(|d| d.insert_temp(focus_visible_memory(), now));
    if !now {
        return None;
    }
    let id = ctx.memory(|m| m.focused())?;
    let rect = ctx.read_response(id)?.rect;
    let rect = rect.intersect(ctx.content_rect()).expand(2.0);
    if !rect.is_positive() {
        return None;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("focus-ring"),
    ));
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(2.5, color),
        egui::StrokeKind::Outside,
    );
    Some(rect)
}
