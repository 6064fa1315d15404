//! What the side panels keep between frames: the collections panel's state, the detail
//! panel's fields being typed (and a link waiting for its target), the table's sort and
//! rows, the "My own theme" form while it is open, the in-app file picker.

use crate::app::side_panels::collections_panel::CollectionsPanel;
use crate::app::side_panels::detail_workspace::DetailState;
use crate::app::side_panels::picker::FilePicker;
use crate::app::side_panels::table::TableState;
use crate::app::side_panels::theme_editor::ThemeEditor;

/// The side panels' own state.
#[derive(Default)]
pub(in crate::app) struct SidePanels {
    pub collections: CollectionsPanel,
    /// The detail panel's fields being typed, and a link waiting for its target.
    pub detail: DetailState,
    pub table: TableState,
    /// The "My own theme" form, while open.
    pub theme_editor: Option<ThemeEditor>,
    /// The in-app file picker (when the platform has no file dialog).
    pub picker: FilePicker,
}
