//! The frame's own state: which panels are open, the toolbar's second row, where things
//! were drawn last frame, the status line and its log, what was last saved, and the inbox
//! that brings dialog answers and worker reports back as commands.

use crate::app::base::command::Command;
use crate::app::base::worker::{Inbox, Outbox};
use crate::app::frame::controls::ControlsState;
use crate::app::frame::panels::{LastLayout, Panels};
use crate::app::frame::persistence::Persisted;

/// How many toolbar messages the diagnostics keep.
const STATUS_LOG_LEN: usize = 100;

/// The frame's own state.
pub(in crate::app) struct FrameState {
    pub panels: Panels,
    pub controls: ControlsState,
    /// Where things were drawn last frame.
    pub last_layout: LastLayout,
    /// A message for the status bar (themes file problems and the like).
    pub status: Option<String>,
    /// Every message the toolbar has shown, oldest first (the diagnostics list them whole).
    pub status_log: Vec<String>,
    /// What was last handed to eframe's storage, and since when the view differs from it.
    pub saved: Option<Persisted>,
    pub unsaved_since: Option<f64>,
    /// Dialog answers and worker reports, as commands.
    pub answers_out: Outbox<Command>,
    pub answers: Inbox<Command>,
}

impl FrameState {
    pub fn new(
        panels: Panels,
        status: Option<String>,
        (answers_out, answers): (Outbox<Command>, Inbox<Command>),
    ) -> FrameState {
        FrameState {
            panels,
            controls: ControlsState::default(),
            last_layout: LastLayout::default(),
            status,
            status_log: Vec::new(),
            saved: None,
            unsaved_since: None,
            answers_out,
            answers,
        }
    }

    /// Keeps the status message shown now in the log (once however many frames show it; the
    /// oldest goes when the log is full).
    pub fn log_status(&mut self) {
        let Some(message) = &self.status else { return };
        if self.status_log.last() != Some(message) {
            if self.status_log.len() >= STATUS_LOG_LEN {
                self.status_log.remove(0);
            }
            self.status_log.push(message.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::base::worker::Wake;

    fn frame() -> FrameState {
        let panels = Panels {
            detail: false,
            bookmarks: false,
            diagnostics: false,
            shortcuts: false,
            table: false,
            before_presenting: (true, false),
            detail_left: false,
        };
        FrameState::new(panels, None, Inbox::new(&Wake::default()))
    }

    #[test]
    fn a_message_is_logged_once_while_shown() {
        let mut f = frame();
        f.status = Some("Saved.".into());
        f.log_status();
        f.log_status();
        f.status = None;
        f.log_status();
        assert_eq!(f.status_log, vec!["Saved.".to_string()]);
    }

    #[test]
    fn the_log_keeps_the_newest_messages() {
        let mut f = frame();
        for i in 0..STATUS_LOG_LEN + 5 {
            f.status = Some(format!("m{i}"));
            f.log_status();
        }
        assert_eq!(f.status_log.len(), STATUS_LOG_LEN);
        assert_eq!(f.status_log[0], "m5");
    }
}
