//! What panels, keys and workers ask the app to do ([`Command`]), and the one place it is done
//! (`TimelineApp::apply`, once per frame after every panel has drawn). `apply` never calls
//! itself: a command that implies another (Fit animates, Step reveals) calls the helper both
//! share.

use crate::app::base::bookmark_sync::Op;
use crate::app::base::command::{Command, TourSource};
use crate::app::base::command::{FileRequest, Pick, Then};
use crate::app::classroom::tour::{window_for, Tour};
use crate::app::frame::persistence::{NORMAL_SCALE, PRESENT_SCALE};
use crate::app::publish::collection_files::export_file_name;
use crate::app::{base::worker, timeline_panel::lanes, TimelineApp};
use crate::model::DocIndex;
use crate::timeline::TimeWindow;

impl TimelineApp {
    /// Does what `command` asks. `now` is egui's clock (animations start from it).
    pub(in crate::app) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        match command {
            Command::SetWindow(w) => self.timeline.nav.set(w),
            Command::AnimateTo(w) => self.timeline.nav.animate_to(w, now),
            Command::Zoom { factor, anchor } => self.timeline.nav.zoom(factor, anchor),
            Command::Pan(fraction) => self.timeline.nav.pan(fraction),
            Command::Fit => match self.shown_extent() {
                Some(w) => self.timeline.nav.animate_to(w, now),
                None => self.timeline.nav.fit(now),
            },
            Command::Select(doc) => self.select_or_link(doc),
            Command::StartLink(linking) => {
                self.frame.status = Some(crate::app::side_panels::detail_workspace::linking_hint(
                    &self.library.corpus,
                    &linking,
                ));
                self.side.detail.linking = Some(linking);
            }
            Command::CancelLink => {
                self.side.detail.linking = None;
                self.frame.status = Some("Linking cancelled.".into());
            }
            Command::Step(delta) => self.step(delta, now),
            Command::Reveal => self.reveal(now),
            Command::ToggleBookmark(doc) => {
                if let Some(document) = self.library.corpus.library.get(doc) {
                    let current = self.research.starred.bookmark_id(doc);
                    self.research.bookmarks.toggle(document, current);
                    self.recompute_starred();
                }
            }
            Command::RemoveBookmark(id) => {
                self.side.collections.last_removed = self.research.bookmarks.get(&id).cloned();
                self.research.bookmarks.apply(Op::Remove(id));
                self.recompute_starred();
            }
            Command::RestoreBookmarksBackup => {
                self.research.bookmarks.apply(Op::RestoreBackup);
            }
            Command::UndoRemove => {
                if let Some(b) = self.side.collections.last_removed.take() {
                    self.research.bookmarks.apply(Op::Add(Box::new(b)));
                    self.recompute_starred();
                }
            }
            Command::SetNote(id, note) => self.research.bookmarks.apply(Op::SetNote(id, note)),
            Command::Workspace(op) => {
                // Starred now; the rest is laid over the timeline once, at the frame's end.
                self.research.bookmarks.apply(Op::Work(op));
                self.research.find_starred(&self.library.corpus.library);
                // Only the bookmarks filter reads Starred; the rest re-places if it must.
                self.timeline.lanes_dirty |= self.timeline.filters.bookmarked_only;
            }
            Command::OpenLesson(lesson) => {
                let ws = std::sync::Arc::clone(self.research.bookmarks.workspace());
                let (name, ops) = crate::workspace::lesson::lesson_ops(
                    &ws,
                    &lesson,
                    &self.library.corpus.library,
                );
                for op in ops {
                    self.research.bookmarks.apply(Op::Work(Box::new(op)));
                }
                // The tour reads the collection's documents from the overlay: lay it now.
                self.place_workspace();
                self.start_tour(TourSource::Collection(name), now);
            }
            Command::GroupBy(by) => {
                self.timeline.lane_prefs.group_by = by;
                self.recompute_starred();
            }
            Command::ExportCollection(name, format) => self.ask(FileRequest::new(
                &format!("Export “{name}”"),
                Pick::Save {
                    file_name: export_file_name(&name, format),
                },
                (format.name(), &[format.extension()]),
                Then::ExportCollection(name, format),
            )),
            Command::ExportCollectionTo(path, name, format) => {
                self.export_collection(path, name, format);
            }
            Command::ImportInto(name) => self.ask(FileRequest::new(
                &format!("Import bookmarks into “{name}”"),
                Pick::OpenFiles,
                ("Bookmarks", &["ron", "json"]),
                Then::ImportInto(name),
            )),
            Command::ImportIntoFrom(files, name) => self.import_into(files, name),
            Command::SetFilters(filters) => {
                self.timeline.filters = filters;
                self.timeline.lanes_dirty = true;
            }
            Command::ToggleLaneHidden(name) => {
                self.timeline.lane_prefs.toggle_hidden(&name);
                self.timeline.lanes_dirty = true;
            }
            Command::ToggleLaneCollapsed(name) => {
                self.timeline.lane_prefs.toggle_collapsed(&name);
                self.timeline.lanes_dirty = true;
            }
            Command::ToggleLaneExpanded(name) => {
                self.timeline.lane_prefs.toggle_expanded(&name);
                self.timeline.lanes_dirty = true;
            }
            Command::MoveLane(name, delta) => {
                self.timeline
                    .lane_prefs
                    .move_lane(&self.library.corpus, &name, delta);
                self.timeline.lanes_dirty = true;
            }
            Command::OpenFiles => self.ask(FileRequest::new(
                "Open archive pages or reference files",
                Pick::OpenFiles,
                (
                    "Pages and reference files",
                    crate::ingest::sniff::EXTENSIONS,
                ),
                Then::AddPaths,
            )),
            Command::OpenFolder => self.ask(FileRequest::new(
                "Open a folder of archive pages",
                Pick::OpenFolder,
                ("Folders", &[]),
                Then::AddPaths,
            )),
            Command::AddPaths(paths) => {
                let problem = self.library.loader.add_paths(paths, &self.wake);
                self.frame.status = problem.or(self.frame.status.take());
            }
            Command::RequestPaste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::PastePage(text) => {
                self.frame.status = Some(match self.library.loader.add_pasted(&text, &self.wake) {
                    Ok(path) => format!("Pasted page saved as {}; reading it.", path.display()),
                    Err(problem) => problem,
                });
            }
            Command::Reload => {
                let problem = self.library.loader.start(&self.wake, false);
                self.frame.status = problem.or(self.frame.status.take());
            }
            Command::CancelLoad => self.library.loader.cancel(),
            Command::SetSeeds(on) => {
                let problem = self.library.loader.set_seeds(on, &self.wake);
                self.frame.status = problem.or(self.frame.status.take());
            }
            Command::ForgetPaths => {
                let problem = self.library.loader.forget_paths(&self.wake);
                self.frame.status = problem.or(self.frame.status.take());
            }
            Command::ToggleDiagnostics => {
                self.frame.panels.diagnostics = !self.frame.panels.diagnostics
            }
            Command::FocusSearch => {
                // Drawn at once, so the box has the focus before the next key arrives.
                self.search.focus = true;
                ctx.request_repaint();
            }
            Command::SearchStep(delta) => {
                // Enter right after a keystroke steps through what was typed.
                self.search.state.settle();
                if let Some(doc) = self.search.state.step(delta) {
                    self.timeline.selected = Some(doc);
                    self.reveal(now);
                }
            }
            Command::SearchJump(n) => {
                if let Some(doc) = self.search.state.jump(n) {
                    self.timeline.selected = Some(doc);
                    self.reveal(now);
                }
            }
            Command::StartTour(source) => self.start_tour(source, now),
            Command::TourStep(delta) => self.tour_step(delta, now),
            Command::EndTour => self.classroom.tour = None,
            Command::TogglePresenting => {
                self.classroom.presenting = !self.classroom.presenting;
                self.frame.panels.present(self.classroom.presenting);
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.classroom.presenting));
            }
            Command::Scale(factor) => {
                let (scale, reset) = if self.classroom.presenting {
                    (&mut self.classroom.scale_present, PRESENT_SCALE)
                } else {
                    (&mut self.classroom.scale_normal, NORMAL_SCALE)
                };
                *scale = factor.map_or(reset, |f| (*scale * f).clamp(0.6, 4.0));
            }
            Command::ToggleShortcuts => self.frame.panels.shortcuts = !self.frame.panels.shortcuts,
            Command::CloseOverlay => {
                if self.side.picker.is_open() {
                    self.side.picker.close();
                } else if self.frame.panels.shortcuts {
                    self.frame.panels.shortcuts = false;
                } else {
                    self.frame.panels.diagnostics = false;
                }
            }
            Command::ToggleTable => self.frame.panels.table = !self.frame.panels.table,
            Command::OpenDetail => self.frame.panels.detail = true,
            Command::ExportPicture(width, height) => self.ask(FileRequest::new(
                "Export the view as PNG",
                Pick::Save {
                    file_name: format!("timeline-{width}x{height}.png"),
                },
                ("PNG image", &["png"]),
                Then::ExportPicture(width, height),
            )),
            Command::ExportPictureTo(path, width, height) => {
                let mut picture = self.for_picture();
                let spawned =
                    worker::spawn_into("picture", self.frame.answers_out.clone(), move |out| {
                        let message = match crate::app::publish::picture::write(
                            &mut picture,
                            None,
                            width,
                            height,
                            &path,
                        ) {
                            Ok(()) => {
                                format!("Saved {width}x{height} picture to {}", path.display())
                            }
                            Err(e) => format!("Could not save {}: {e}", path.display()),
                        };
                        out.send(Command::Status(message));
                    });
                if spawned.is_err() {
                    self.frame.status = Some("Could not start drawing the picture.".into());
                }
            }
            Command::OpenPicker(request) => self.open_picker(request),
            Command::ExportPoster(kind, page, pages) => {
                let ext = kind.extension();
                self.ask(FileRequest::new(
                    "Export the view as a poster",
                    Pick::Save {
                        file_name: format!("timeline.{ext}"),
                    },
                    (ext, &[ext]),
                    Then::ExportPoster(kind, page, pages),
                ));
            }
            Command::ExportPosterTo(path, kind, page, pages) => {
                let mut picture = self.for_picture();
                let spawned =
                    worker::spawn_into("poster", self.frame.answers_out.clone(), move |out| {
                        let spec = crate::app::publish::picture::PosterSpec {
                            page,
                            pages,
                            title: "Cold War documents".to_string(),
                        };
                        let message = match crate::app::publish::picture::write_poster(
                            &mut picture,
                            None,
                            &spec,
                            kind,
                            &path,
                        ) {
                            Ok(()) => format!("Saved the poster to {}", path.display()),
                            Err(e) => format!("Could not save {}: {e}", path.display()),
                        };
                        out.send(Command::Status(message));
                    });
                if spawned.is_err() {
                    self.frame.status = Some("Could not start drawing the poster.".into());
                }
            }
            Command::ExportHandout(kind, name) => {
                let ext = kind.extension();
                let stem = crate::workspace::lesson::file_name(&name);
                let stem = stem.trim_end_matches(".lesson.json");
                self.ask(FileRequest::new(
                    &format!("Save a handout of “{name}”"),
                    Pick::Save {
                        file_name: format!("handout-{stem}.{ext}"),
                    },
                    (ext, &[ext]),
                    Then::ExportHandout(kind, name),
                ));
            }
            Command::ExportHandoutTo(path, kind, name) => self.export_handout(path, kind, &name),
            Command::ExportLesson(name) => self.ask(FileRequest::new(
                "Export a lesson",
                Pick::Save {
                    file_name: crate::workspace::lesson::file_name(&name),
                },
                ("Lesson (JSON)", &["json"]),
                Then::ExportLesson(name),
            )),
            Command::ExportLessonTo(path, name) => self.export_lesson(path, name),
            Command::OpenThemeEditor => {
                self.side.theme_editor.get_or_insert_with(Default::default);
            }
            Command::SaveTheme(theme) => self.save_theme(theme),
            Command::ThemeSaved(answer) => self.theme_saved(answer),
            Command::ToggleContext => self.timeline.context.toggle(self.classroom.presenting),
            Command::ImportContextEvents => self.ask(FileRequest::new(
                "Import context events",
                Pick::OpenFiles,
                ("CSV", &["csv"]),
                Then::ImportContextEvents,
            )),
            Command::ImportContextEventsFrom(files) => {
                let mut events = Vec::new();
                let mut problems = Vec::new();
                for path in &files {
                    let (read, trouble) = crate::context::load_csv(path);
                    events.extend(read);
                    problems.extend(trouble);
                }
                let added = self.add_context_events(&events);
                let mut message = format!("Imported {added} new context event(s).");
                if let Some(first) = problems.first() {
                    message.push_str(&format!(
                        " {} row(s) skipped; first: {first}",
                        problems.len()
                    ));
                }
                self.frame.status = Some(message);
            }
            Command::AddContextEvents(events) => {
                let added = self.add_context_events(&events);
                self.timeline.context.show_normal |= !self.classroom.presenting;
                self.timeline.context.show_present |= self.classroom.presenting;
                self.frame.status = Some(format!("Added {added} context event(s)."));
            }
            Command::Status(message) => self.frame.status = Some(message),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn open_picker(&mut self, request: FileRequest) {
        self.frame.status = Some(
            "No file dialog on this system (no desktop portal, no zenity): \
             choose in the app's own file picker."
                .into(),
        );
        self.side.picker.open(request);
    }

    /// Runs a file dialog on its own thread (the UI keeps drawing); its answer comes back as
    /// a command in the next frames. Without a platform dialog (or when one fails to appear)
    /// the in-app picker asks instead; if no thread can be had, the status bar says so.
    fn ask(&mut self, request: FileRequest) {
        if !self.publishing.dialogs.available() {
            self.open_picker(request);
            return;
        }
        let dialogs = std::sync::Arc::clone(&self.publishing.dialogs);
        let spawned =
            worker::spawn_into("file-dialog", self.frame.answers_out.clone(), move |out| {
                let paths = dialogs.ask(&request);
                if paths.is_empty() {
                    if !dialogs.available() {
                        out.send(Command::OpenPicker(request));
                    }
                } else if let Some(answer) = request.then.command(paths) {
                    out.send(answer);
                }
            });
        if spawned.is_err() {
            self.frame.status = Some("Could not open a file dialog (no thread available).".into());
        }
    }

    /// Each bookmark's lane ([`crate::bookmarks::lanes::lanes_of`]): its loaded document's
    /// broad lane, else its snapshot's under the corpus's themes.
    /// Selects `doc`; while "Link to…" waits for its target, links to `doc` instead (the
    /// source stays selected, so its panel shows the new link), and no document cancels.
    fn select_or_link(&mut self, doc: Option<DocIndex>) {
        let Some(linking) = self.side.detail.linking.take() else {
            self.timeline.selected = doc;
            return;
        };
        let Some(to) = doc else {
            self.frame.status = Some("Linking cancelled.".into());
            return;
        };
        let docs = self.library.corpus.library.docs();
        let (Some(a), Some(b)) = (docs.get(linking.from), docs.get(to)) else {
            return;
        };
        if linking.from == to {
            // The source itself: keep waiting for the other document.
            self.side.detail.linking = Some(linking);
            return;
        }
        let op = crate::workspace::Op::Link {
            from: a.id.clone(),
            from_card: Some(crate::workspace::DocCard::of(a)),
            to: b.id.clone(),
            to_card: Some(crate::workspace::DocCard::of(b)),
            label: linking.label.clone(),
        };
        self.frame.status = Some(format!("Linked: {} {} {}", a.title, linking.label, b.title));
        self.timeline.selected = Some(linking.from);
        self.research.bookmarks.apply(Op::Work(Box::new(op)));
        self.recompute_starred();
    }

    /// Selects the next (+1) or previous (-1) shown document from the selection (the first in
    /// view when none), and brings it into view.
    fn step(&mut self, delta: i32, now: f64) {
        if self.library.corpus.library.is_empty() {
            return;
        }
        let next = match self.timeline.selected {
            None => self.first_in_view(),
            Some(i) => self.step_from(i, delta),
        };
        if let Some(next) = next {
            self.timeline.selected = Some(next);
            self.reveal(now);
        }
    }

    /// Brings the selected document into view (undated ones are always in view, in their
    /// lane's undated column).
    fn reveal(&mut self, now: f64) {
        let days = self
            .timeline
            .selected
            .and_then(|i| self.library.corpus.days_of(i));
        if let Some(days) = days {
            self.timeline.nav.reveal(days, now);
        }
    }

    fn start_tour(&mut self, source: TourSource, now: f64) {
        let (name, docs) = match source {
            TourSource::Bookmarks => ("Bookmarks".to_string(), self.research.starred.docs()),
            TourSource::BookmarksWithContext => {
                let corpus = &self.library.corpus;
                let tour = Tour::with_events(
                    "Bookmarks and context",
                    self.research.starred.docs(),
                    self.timeline.context.events(),
                    |d| corpus.days_of(d),
                );
                self.begin_tour(tour, now);
                return;
            }
            TourSource::SearchResults => {
                self.search.state.settle();
                (
                    "Search results".to_string(),
                    self.search.state.results.clone(),
                )
            }
            TourSource::Lane(lane) => {
                let docs = self
                    .library
                    .corpus
                    .lane_named(&lane)
                    .map(|l| {
                        l.index
                            .dated()
                            .iter()
                            .chain(l.index.undated())
                            .copied()
                            .collect()
                    })
                    .unwrap_or_default();
                (lane, docs)
            }
            TourSource::Collection(name) => {
                let docs = self.research.overlay.collection(&name).unwrap_or_default();
                match Tour::lesson(&name, docs) {
                    Some(tour) => self.begin_tour(Some(tour), now),
                    None => {
                        self.frame.status = Some(format!(
                            "Nothing to tour: no document of “{name}” is loaded."
                        ));
                    }
                }
                return;
            }
        };
        self.begin_tour(Tour::new(name, docs), now);
    }

    fn begin_tour(&mut self, tour: Option<Tour>, now: f64) {
        match tour {
            Some(tour) => {
                self.classroom.tour = Some(tour);
                self.tour_step(0, now);
            }
            None => {
                self.frame.status =
                    Some("Nothing to tour: bookmark some documents first (B).".into());
            }
        }
    }

    /// Adds the user's context events to the workspace (saved by its worker, atomically);
    /// the band shows them at once. Returns how many were new.
    fn add_context_events(&mut self, events: &[crate::context::ContextEvent]) -> usize {
        let events: Vec<crate::context::UserEvent> =
            events.iter().map(crate::context::UserEvent::of).collect();
        let mut preview = self.research.bookmarks.workspace().as_ref().clone();
        let added = crate::workspace::Op::AddEvents(events.clone())
            .apply(&mut preview)
            .map_or(0, |done| done.added);
        self.research
            .bookmarks
            .apply(Op::Work(Box::new(crate::workspace::Op::AddEvents(events))));
        self.timeline
            .context
            .set_user(&self.research.bookmarks.workspace().events);
        added
    }

    fn tour_step(&mut self, delta: i32, now: f64) {
        let Some(tour) = &mut self.classroom.tour else {
            return;
        };
        if !tour.step(delta) && delta > 0 {
            // Space on the last stop: say so instead of doing nothing.
            self.frame.status = Some("End of tour: Esc leaves it, Left goes back.".into());
        }
        if let Some(event) = tour.current_event() {
            let w = crate::app::classroom::tour::window_for_event(event);
            self.timeline.nav.animate_to(w, now);
            return;
        }
        let Some(doc) = tour.current() else { return };
        self.timeline.selected = Some(doc);
        // A lesson's stop opens the view kept for it, else the document's own.
        let kept = self.lesson_stop().and_then(|stop| stop.view);
        let window = kept.map(|v| TimeWindow::new(v.start, v.end));
        if let Some(w) = window.or_else(|| window_for(&self.library.corpus, doc)) {
            self.timeline.nav.animate_to(w, now);
        }
    }

    /// The days the shown documents cover (filters and hidden lanes applied), a little
    /// padded; `None` when nothing dated is shown. Fit goes here, not to the whole extent.
    fn shown_extent(&self) -> Option<TimeWindow> {
        let mut span: Option<(f64, f64)> = None;
        for lane in &self.timeline.drawn {
            for &d in [lane.index.dated().first(), lane.index.dated().last()]
                .into_iter()
                .flatten()
            {
                let Some(w) = self.library.corpus.days_of(d) else {
                    continue;
                };
                span = Some(span.map_or((w.start, w.end), |(a, b)| (a.min(w.start), b.max(w.end))));
            }
        }
        let (start, end) = span?;
        let pad = ((end - start) * 0.03).max(3.0);
        Some(TimeWindow::new(start - pad, end + pad))
    }

    /// Whether a document is shown ([`lanes::is_shown`]: the one rule).
    pub(in crate::app) fn is_shown(&self, doc: DocIndex) -> bool {
        lanes::is_shown(
            &self.library.corpus,
            &self.timeline.lane_prefs,
            &self.timeline.filters,
            self.research.starred.set(),
            doc,
        )
    }

    /// The next shown document after (delta > 0) or before `from` in time.
    fn step_from(&self, from: DocIndex, delta: i32) -> Option<DocIndex> {
        let n = self.library.corpus.library.len();
        if delta >= 0 {
            (from + 1..n).find(|&i| self.is_shown(i))
        } else {
            (0..from).rev().find(|&i| self.is_shown(i))
        }
        .or(Some(from))
    }

    /// The first shown document (library order) whose date is in view, else the first shown.
    fn first_in_view(&self) -> Option<DocIndex> {
        let docs = self.library.corpus.library.docs();
        let window = self.timeline.nav.window();
        let start = docs.partition_point(|d| {
            TimeWindow::of_date(d.date).is_some_and(|days| days.start < window.start)
        });
        (start..docs.len())
            .find(|&i| self.is_shown(i))
            .or_else(|| (0..docs.len()).find(|&i| self.is_shown(i)))
    }
}
