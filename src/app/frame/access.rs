//! What tests, the benchmark and the command line read of the app, and the few things they
//! may set: accessors only, no behaviour of their own.

use crate::app::*;

impl TimelineApp {
    /// Wakes from every worker of this app: tests wait on it instead of sleeping.
    pub fn wake(&self) -> &Wake {
        &self.wake
    }

    pub fn corpus(&self) -> &Corpus {
        &self.library.corpus
    }

    pub fn window(&self) -> TimeWindow {
        self.timeline.nav.window()
    }

    /// Moves the view (as a command would, clamped to the limits).
    pub fn set_window(&mut self, window: TimeWindow) {
        self.timeline.nav.set(window);
    }

    pub fn selected(&self) -> Option<DocIndex> {
        self.timeline.selected
    }

    /// The selected document, if any.
    pub fn selected_document(&self) -> Option<&crate::model::Document> {
        self.timeline
            .selected
            .and_then(|i| self.library.corpus.library.get(i))
    }

    pub fn is_loading(&self) -> bool {
        self.library.loader.is_loading()
    }

    /// The search index is built (or came from the library cache) and queries use it.
    pub fn search_ready(&self) -> bool {
        self.search.state.is_ready()
    }

    /// How far the running load is: (files done, files in all, entries read).
    pub fn load_progress(&self) -> Option<(usize, usize, usize)> {
        self.library.loader.progress().map(|p| p.snapshot())
    }

    /// Takes what the workers have delivered (the frame loop does this every frame).
    pub fn poll(&mut self) {
        self.poll_workers();
    }

    /// The bookmarks as the app shows them.
    pub fn bookmarks(&self) -> &[Bookmark] {
        self.research.bookmarks.bookmarks()
    }

    /// True when the bookmarks worker has saved every change the app made.
    pub fn bookmarks_saved(&self) -> bool {
        self.research.bookmarks.is_idle()
    }

    /// The research workspace as the app sees it (its own changes included at once).
    pub fn workspace(&self) -> &crate::workspace::Workspace {
        self.research.bookmarks.workspace()
    }

    /// The workspace laid over the loaded documents (links, dates and lanes by document).
    pub fn overlay(&self) -> &crate::workspace::Overlay {
        &self.research.overlay
    }

    /// "Link to…" is waiting for its target.
    pub fn is_linking(&self) -> bool {
        self.side.detail.linking.is_some()
    }

    /// The bookmark of a loaded document (the store's rule: by id, else by date and title).
    pub fn bookmark_of(&self, doc: DocIndex) -> Option<&Bookmark> {
        self.research
            .bookmarks
            .get(self.research.starred.bookmark_id(doc)?)
    }

    /// Types `text` into the search box (as a keystroke would) and runs the query.
    /// A query is on its way to the search worker (the results shown are an earlier one's).
    pub fn is_searching(&self) -> bool {
        self.search.state.is_pending()
    }

    pub fn set_search(&mut self, text: &str) {
        self.search.state.set_text(text, &self.library.corpus);
    }

    /// The tour under way, if any.
    pub fn tour(&self) -> Option<&Tour> {
        self.classroom.tour.as_ref()
    }

    /// The status bar's message, if any.
    pub fn status_message(&self) -> Option<&str> {
        self.frame.status.as_deref()
    }

    /// Whether the context band is drawn now.
    pub fn context_shown(&self) -> bool {
        self.timeline.context.shown(self.classroom.presenting)
    }

    /// The context events (the chronology and the user's), sorted.
    pub fn context_events(&self) -> &[crate::context::ContextEvent] {
        self.timeline.context.events()
    }

    /// Shows or hides the context band for the current mode.
    pub fn set_context_shown(&mut self, shown: bool) {
        if self.timeline.context.shown(self.classroom.presenting) != shown {
            self.timeline.context.toggle(self.classroom.presenting);
        }
    }

    pub fn is_presenting(&self) -> bool {
        self.classroom.presenting
    }

    /// The UI scale in force (presentation or normal).
    pub fn scale(&self) -> f32 {
        self.classroom.scale()
    }

    /// The lanes as drawn now (order, hidden, filtered).
    pub fn drawn_lanes(&self) -> &[DrawnLane] {
        &self.timeline.drawn
    }

    /// Documents passing the filters.
    pub fn shown_count(&self) -> usize {
        self.timeline.shown
    }

    /// Queues a command, as a panel or a key would (applied in the next frame).
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Where things were drawn last frame: the plan of the width, the timeline's area, the
    /// floating panels, the selected marker, the tour card, the toolbar.
    pub fn last_layout(&self) -> &LastLayout {
        &self.frame.last_layout
    }

    /// The filters in force.
    pub fn filters(&self) -> &Filters {
        &self.timeline.filters
    }

    /// The table view is showing instead of the timeline.
    pub fn is_table(&self) -> bool {
        self.frame.panels.table
    }

    /// The in-app file picker is open.
    pub fn picker_open(&self) -> bool {
        self.side.picker.is_open()
    }

    /// The message in the status bar.
    pub fn status(&self) -> Option<&str> {
        self.frame.status.as_deref()
    }

    /// The collection the collections panel shows.
    pub fn chosen_collection(&self) -> &str {
        &self.side.collections.chosen
    }

    /// The "My own theme" form is open.
    pub fn theme_editor_open(&self) -> bool {
        self.side.theme_editor.is_some()
    }

    /// No theme is being saved (the last save has answered).
    pub fn is_saving_theme_done(&self) -> bool {
        self.side
            .theme_editor
            .as_ref()
            .is_none_or(|e| !e.is_saving())
    }
}
