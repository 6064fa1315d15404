//! The detail panel's research part: the selected document's one note, the user's own date
//! (EDTF, with the reason, next to the archive's), the lane it is put in by hand, and its links
//! both ways, with "Link to…" (the next document clicked on the timeline or in the table).
//!
//! Reads the workspace and the overlay; every change is a [`crate::workspace::Op`] pushed as
//! [`Command::Workspace`]. Owns only the fields being typed ([`DetailState`]).

use crate::app::base::command::{Command, Linking};
use crate::app::base::tokens::Tokens;
use crate::corpus::Corpus;
use crate::model::{DocId, DocIndex, Document};
use crate::workspace::{ops::check_date, DocCard, Op, Overlay, Workspace, LINK_LABELS};
use egui::{RichText, Ui};

/// What is being typed in the panel's fields, for the document `doc`.
#[derive(Clone, Debug, Default)]
pub struct DetailState {
    /// The document the drafts below are of (a new selection starts them afresh).
    doc: Option<DocId>,
    date_text: String,
    reason_text: String,
    /// Why the date typed cannot be set (shown at the field).
    date_error: Option<String>,
    new_lane: String,
    lane_error: Option<String>,
    link_label: String,
    /// "Link to…" is waiting for the target to be clicked.
    pub linking: Option<Linking>,
}

/// The hint shown while a link waits for its target.
pub fn linking_hint(corpus: &Corpus, linking: &Linking) -> String {
    let title = corpus
        .library
        .get(linking.from)
        .map_or("", |d| d.title.as_str());
    format!(
        "Linking “{title}” — {} …: click the other document on the timeline. Esc cancels.",
        linking.label
    )
}

/// The workspace as the panel reads it.
pub struct Work<'a> {
    pub ws: &'a Workspace,
    pub overlay: &'a Overlay,
    pub state: &'a mut DetailState,
}

/// The research part of the panel for document `index`.
pub fn show(
    ui: &mut Ui,
    corpus: &Corpus,
    index: DocIndex,
    doc: &Document,
    work: Work<'_>,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let Work { ws, overlay, state } = work;
    if state.doc.as_ref() != Some(&doc.id) {
        let user = ws.date_user(&doc.id);
        *state = DetailState {
            doc: Some(doc.id.clone()),
            date_text: user.map(|u| u.edtf.clone()).unwrap_or_default(),
            reason_text: user.map(|u| u.reason.clone()).unwrap_or_default(),
            link_label: LINK_LABELS[0].to_string(),
            linking: state.linking.take(),
            ..DetailState::default()
        };
    }
    note(ui, ws, doc, commands);
    ui.add_space(6.0);
    your_date(ui, ws, doc, state, t, commands);
    ui.add_space(6.0);
    lane(ui, corpus, ws, index, doc, state, t, commands);
    ui.add_space(6.0);
    links(ui, corpus, ws, overlay, index, doc, state, t, commands);
    ui.add_space(4.0);
    ui.separator();
}

/// The document's one note (the bookmarks panel shows and edits the same note).
fn note(ui: &mut Ui, ws: &Workspace, doc: &Document, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Your note").small().weak());
    // No draft: each keystroke is applied to the app's copy at once, so the next frame shows it.
    let mut text = ws.note(&doc.id).to_string();
    let edit = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("Add a note…"),
        )
        .on_hover_text("Your note on this document");
    if edit.changed() {
        commands.push(Command::Workspace(Box::new(Op::SetNote {
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            note: text,
        })));
    }
}

/// The archive's date as written stays; the user's EDTF date, with its reason, beside it.
fn your_date(
    ui: &mut Ui,
    ws: &Workspace,
    doc: &Document,
    state: &mut DetailState,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("Your date and why").small().weak());
    ui.horizontal(|ui| {
        let date = ui
            .add(
                egui::TextEdit::singleline(&mut state.date_text)
                    .desired_width(100.0)
                    .hint_text("1957-09~"),
            )
            .on_hover_text("Your date (EDTF): 1957, 1957-09~, 1956-08/1956-10, ../1957-03");
        if date.changed() {
            state.date_error = None;
        }
        let reason = ui
            .add(
                egui::TextEdit::singleline(&mut state.reason_text)
                    .desired_width(f32::INFINITY)
                    .hint_text("why (the evidence)"),
            )
            .on_hover_text("Why this date");
        let enter = (date.lost_focus() || reason.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter {
            set_date(doc, state, commands);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Set date")
            .on_hover_text("Place the document at your date on the timeline")
            .clicked()
        {
            set_date(doc, state, commands);
        }
        let has = ws.date_user(&doc.id).is_some();
        if ui
            .add_enabled(has, egui::Button::new("Clear date"))
            .on_hover_text("Back to the archive's date")
            .clicked()
        {
            state.date_text.clear();
            state.reason_text.clear();
            state.date_error = None;
            commands.push(Command::Workspace(Box::new(Op::ClearDate {
                id: doc.id.clone(),
            })));
        }
    });
    if let Some(e) = &state.date_error {
        ui.add(egui::Label::new(RichText::new(e).color(t.selection)).wrap());
    }
}

/// The user's date with its reason, under the archive's date (which stays as written).
pub fn user_date_line(ui: &mut Ui, ws: &Workspace, doc: &Document, t: &Tokens) {
    let Some(user) = ws.date_user(&doc.id) else {
        return;
    };
    let reason = if user.reason.is_empty() {
        String::new()
    } else {
        format!(" — {}", user.reason)
    };
    ui.add(
        egui::Label::new(
            RichText::new(format!("Your date: {}{reason}", user.edtf)).color(t.selection),
        )
        .wrap(),
    )
    .on_hover_text(format!(
        "Your date, set {}; the timeline places the document there. The archive's date \
         stays {}.",
        user.set.format("%Y-%m-%d"),
        doc.date_label()
    ));
}

/// Checks the typed date; sets it, or says at the field what is wrong with it.
fn set_date(doc: &Document, state: &mut DetailState, commands: &mut Vec<Command>) {
    match check_date(state.date_text.trim()) {
        Ok((edtf, _)) => {
            state.date_error = None;
            state.date_text.clone_from(&edtf);
            commands.push(Command::Workspace(Box::new(Op::SetDate {
                id: doc.id.clone(),
                card: Some(DocCard::of(doc)),
                edtf,
                reason: state.reason_text.trim().to_string(),
            })));
        }
        Err(e) => state.date_error = Some(e.to_string()),
    }
}

/// The lanes a document can be put in: the theme lanes and sub-lanes, then the lanes the user
/// made, each once.
fn lane_choices(corpus: &Corpus, ws: &Workspace) -> Vec<String> {
    let (broad, subs) = corpus.rule_lanes.as_ref();
    let mut names: Vec<String> = Vec::new();
    for lane in broad {
        names.push(lane.name.clone());
        if let Some(subs) = subs.get(&lane.name) {
            names.extend(subs.iter().map(|s| s.name.clone()));
        }
    }
    let mut made: Vec<&str> = ws
        .documents
        .values()
        .filter_map(|r| r.lane.as_deref())
        .collect();
    made.sort_unstable();
    made.dedup();
    for name in made {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

#[allow(clippy::too_many_arguments)]
fn lane(
    ui: &mut Ui,
    corpus: &Corpus,
    ws: &Workspace,
    index: DocIndex,
    doc: &Document,
    state: &mut DetailState,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("Lane").small().weak());
    let mine = ws.lane(&doc.id);
    let set_lane = |lane: Option<String>, commands: &mut Vec<Command>| {
        commands.push(Command::Workspace(Box::new(Op::SetLane {
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            lane,
        })));
    };
    let by_theme = corpus.placement.group_by == crate::placement::GroupBy::Theme;
    let shown = match mine {
        Some(lane) => format!("{lane} (your lane)"),
        None if by_theme => format!("By theme rules: {}", corpus.lane_names_of(index).0),
        None => "By theme rules".to_string(),
    };
    egui::ComboBox::from_id_salt(("lane-picker", index))
        .selected_text(shown)
        .width(ui.available_width().min(320.0))
        .height(420.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(mine.is_none(), "By theme rules")
                .clicked()
                && mine.is_some()
            {
                set_lane(None, commands);
            }
            for name in lane_choices(corpus, ws) {
                if ui
                    .selectable_label(mine == Some(name.as_str()), &name)
                    .clicked()
                    && mine != Some(name.as_str())
                {
                    set_lane(Some(name), commands);
                }
            }
        })
        .response
        .on_hover_text("Put this document in a lane by hand (overrides the theme rules)");
    ui.horizontal_wrapped(|ui| {
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_lane)
                    .desired_width(140.0)
                    .hint_text("a new lane"),
            )
            .on_hover_text("Name a new lane for this document");
        if field.changed() {
            state.lane_error = None;
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Move to new lane").clicked() || enter {
            match crate::workspace::ops::clean_name("lane", &state.new_lane) {
                Ok(name) => {
                    state.new_lane.clear();
                    state.lane_error = None;
                    set_lane(Some(name), commands);
                }
                Err(e) => state.lane_error = Some(e.to_string()),
            }
        }
    });
    if let Some(e) = &state.lane_error {
        ui.label(RichText::new(e).color(t.selection));
    }
    if mine.is_some() && !by_theme {
        ui.label(
            RichText::new("Your lane shows when the lanes group by theme.")
                .small()
                .weak(),
        );
    }
}

/// The title of the workspace's document `id`: the loaded one's, else its snapshot's.
fn title_of<'a>(corpus: &'a Corpus, ws: &'a Workspace, overlay: &Overlay, id: &DocId) -> &'a str {
    overlay
        .found
        .get(id)
        .and_then(|&i| corpus.library.get(i))
        .map(|d| d.title.as_str())
        .or_else(|| ws.record(id).map(|r| r.card.title.as_str()))
        .filter(|t| !t.is_empty())
        .unwrap_or("(a document not loaded)")
}

#[allow(clippy::too_many_arguments)]
fn links(
    ui: &mut Ui,
    corpus: &Corpus,
    ws: &Workspace,
    overlay: &Overlay,
    index: DocIndex,
    doc: &Document,
    state: &mut DetailState,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("Links").small().weak());
    if ws.links_of(&doc.id).next().is_none() {
        ui.label(RichText::new("None yet: Link to… joins this document to another.").weak());
    }
    for link in ws.links_of(&doc.id) {
        let title = title_of(corpus, ws, overlay, link.other);
        let text = if link.outgoing {
            format!("{} ➡ {title}", link.label)
        } else {
            format!("{title} ➡ {} this", link.label)
        };
        let other = overlay.found.get(link.other).copied();
        ui.horizontal(|ui| {
            if ui
                .small_button("✖")
                .accessible_name(format!("Remove the link: {text}"))
                .on_hover_text(format!("Remove the link: {text}"))
                .clicked()
            {
                let (from, to) = if link.outgoing {
                    (doc.id.clone(), link.other.clone())
                } else {
                    (link.other.clone(), doc.id.clone())
                };
                commands.push(Command::Workspace(Box::new(Op::Unlink {
                    from,
                    to,
                    label: Some(link.label.to_string()),
                })));
            }
            let button = ui.add(egui::Button::new(&text).frame(false).wrap());
            match other {
                Some(other) => {
                    if button.on_hover_text("Show it").clicked() {
                        commands.push(Command::Select(Some(other)));
                        commands.push(Command::Reveal);
                    }
                }
                None => {
                    button.on_hover_text("Not loaded: the pages holding it are not open");
                }
            }
        });
    }
    if let Some(linking) = state.linking.as_ref().filter(|l| l.from == index) {
        ui.label(
            RichText::new(format!("{} … click the other document", linking.label))
                .color(t.selection),
        );
        if ui.button("Cancel linking").clicked() {
            commands.push(Command::CancelLink);
        }
        return;
    }
    // Wrapped, so a narrow panel puts the button under the fields instead of growing.
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt(("link-label", index))
            .selected_text(state.link_label.clone())
            .width(110.0)
            .show_ui(ui, |ui| {
                for label in LINK_LABELS {
                    ui.selectable_value(&mut state.link_label, label.to_string(), label);
                }
            })
            .response
            .on_hover_text("What the link says");
        ui.add(
            egui::TextEdit::singleline(&mut state.link_label)
                .desired_width(90.0)
                .hint_text("or your own"),
        )
        .on_hover_text("The link's label, in your words");
        if ui
            .button("Link to…")
            .on_hover_text("Then click the other document on the timeline (Esc cancels)")
            .clicked()
        {
            let label = state.link_label.trim();
            let label = if label.is_empty() {
                LINK_LABELS[0]
            } else {
                label
            };
            commands.push(Command::StartLink(Linking {
                from: index,
                label: label.to_string(),
            }));
        }
    });
}
