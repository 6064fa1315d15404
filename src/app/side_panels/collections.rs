//! Collections outside their panel's list: the detail panel's "Collections ⏷" menu (a
//! checkbox per collection, "New collection…"), the create / edit form the collections panel
//! opens, and the swatch label both show. Every change is a [`crate::workspace::Op`] pushed
//! as a [`Command::Workspace`]; input is checked by applying the op to a copy first, so the
//! error is shown at the form instead of in the status bar.

use crate::app::Command;
use crate::model::{DocId, DocIndex, Document};
use crate::workspace::{ops::clean_name, Collection, DocCard, Op, Workspace, PALETTE};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};
use std::sync::Arc;

fn colour(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// "■ name (count)", the square in the collection's colour.
pub fn swatch_text(ui: &Ui, c: &Collection) -> LayoutJob {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let mut job = LayoutJob::default();
    job.append(
        "■ ",
        0.0,
        TextFormat::simple(font.clone(), colour(c.colour)),
    );
    job.append(
        &format!("{} ({})", c.name, c.entries.len()),
        0.0,
        TextFormat::simple(font, ui.visuals().text_color()),
    );
    job
}

/// What the create / edit form holds while open.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionForm {
    /// The collection edited; `None` makes a new one.
    editing: Option<String>,
    name: String,
    colour: [u8; 3],
    description: String,
    /// Why the last save was refused.
    error: Option<String>,
}

/// What the form did this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum FormOutcome {
    Open,
    Cancelled,
    /// Saved; the collection's name now.
    Saved(String),
}

impl CollectionForm {
    pub fn new(ws: &Workspace) -> CollectionForm {
        CollectionForm {
            editing: None,
            name: String::new(),
            colour: ws.next_colour(),
            description: String::new(),
            error: None,
        }
    }

    pub fn edit(c: &Collection) -> CollectionForm {
        CollectionForm {
            editing: Some(c.name.clone()),
            name: c.name.clone(),
            colour: c.colour,
            description: c.description.clone(),
            error: None,
        }
    }

    /// The ops that save the form, checked against a copy of `ws`; the collection's name
    /// after them.
    fn ops(&self, ws: &Workspace) -> Result<(Vec<Op>, String), String> {
        let name = clean_name("collection", &self.name).map_err(|e| e.to_string())?;
        let mut ops = Vec::new();
        match &self.editing {
            None => ops.push(Op::CreateCollection {
                name: name.clone(),
                colour: Some(self.colour),
                description: self.description.clone(),
            }),
            Some(from) => {
                if *from != name {
                    ops.push(Op::RenameCollection {
                        from: from.clone(),
                        to: name.clone(),
                    });
                }
                ops.push(Op::DescribeCollection {
                    name: name.clone(),
                    colour: Some(self.colour),
                    description: Some(self.description.clone()),
                });
            }
        }
        let mut copy = ws.clone();
        for op in &ops {
            op.apply(&mut copy).map_err(|e| e.to_string())?;
        }
        Ok((ops, name))
    }
}

/// The create / edit form: name, colour (the palette or any), description; errors shown
/// under the name.
pub fn form(
    ui: &mut Ui,
    form: &mut CollectionForm,
    ws: &Workspace,
    commands: &mut Vec<Command>,
) -> FormOutcome {
    let mut outcome = FormOutcome::Open;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let starred = form
            .editing
            .as_deref()
            .is_some_and(|n| n == crate::workspace::STARRED);
        ui.label(RichText::new(match &form.editing {
            None => "New collection".to_string(),
            Some(name) => format!("Edit “{name}”"),
        }));
        ui.add_enabled(
            !starred,
            egui::TextEdit::singleline(&mut form.name)
                .id_salt("collection-form-name")
                .hint_text("Name, e.g. Lesson 3: the Hungarian crisis")
                .desired_width(f32::INFINITY),
        )
        .on_hover_text("The collection's name");
        if let Some(error) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("Colour");
            for p in PALETTE {
                let chosen = form.colour == p;
                let text = RichText::new("■").color(colour(p));
                let name = format!("Colour {}", crate::workspace::hex_colour::to_string(p));
                let swatch = ui.add(egui::Button::new(text).frame(false).selected(chosen));
                swatch.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, chosen, &name)
                });
                if swatch.on_hover_text(&name).clicked() {
                    form.colour = p;
                }
            }
            ui.color_edit_button_srgb(&mut form.colour)
                .on_hover_text("Any colour");
        });
        ui.add(
            egui::TextEdit::multiline(&mut form.description)
                .id_salt("collection-form-description")
                .hint_text("Description (what the collection is for)")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .on_hover_text("The collection's description");
        ui.horizontal(|ui| {
            let save = if form.editing.is_some() {
                "Save collection"
            } else {
                "Create collection"
            };
            if ui.button(save).clicked() {
                match form.ops(ws) {
                    Ok((ops, name)) => {
                        commands.extend(ops.into_iter().map(|op| Command::Workspace(Box::new(op))));
                        outcome = FormOutcome::Saved(name);
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                outcome = FormOutcome::Cancelled;
            }
        });
    });
    outcome
}

/// What the detail panel's collections menu reads: the workspace and the workspace's id of
/// the selected document (found by the bookmarks rule; its own id when the workspace has none).
#[derive(Clone, Debug, Default)]
pub struct Membership {
    pub ws: Arc<Workspace>,
    pub id: Option<DocId>,
}

impl Membership {
    /// For the loaded document `index` of `library`: the id the workspace knows it by.
    pub fn of(
        ws: &Arc<Workspace>,
        overlay: &crate::workspace::Overlay,
        index: Option<DocIndex>,
        library: &crate::model::Library,
    ) -> Membership {
        Membership {
            ws: Arc::clone(ws),
            id: index.and_then(|i| overlay.id_of(i, library)).cloned(),
        }
    }
}

/// The detail panel's row under the star: "Collections ⏷" (a checkbox per collection, and
/// "New collection…" that makes one and adds the document) and the collections it is in.
pub fn detail_row(
    ui: &mut Ui,
    m: &Membership,
    index: DocIndex,
    doc: &Document,
    commands: &mut Vec<Command>,
) {
    let Some(id) = &m.id else { return };
    ui.horizontal_wrapped(|ui| {
        ui.menu_button("Collections ⏷", |ui| {
            menu(ui, m, id, index, doc, commands)
        })
        .response
        .on_hover_text("Add this document to a collection, or take it out");
        for c in m.ws.collections_of(id) {
            ui.label(
                RichText::new(format!("■ {}", c.name))
                    .color(colour(c.colour))
                    .small(),
            );
        }
    });
}

fn menu(
    ui: &mut Ui,
    m: &Membership,
    id: &DocId,
    index: DocIndex,
    doc: &Document,
    commands: &mut Vec<Command>,
) {
    for c in &m.ws.collections {
        let mut member = c.contains(id);
        let text = swatch_text(ui, c);
        if ui.checkbox(&mut member, text).changed() {
            commands.push(toggle(c, id, index, doc, member));
        }
    }
    ui.separator();
    let draft_id = egui::Id::unique("new-collection-from-detail");
    let mut draft: String = ui.data(|d| d.get_temp(draft_id)).unwrap_or_default();
    ui.label("New collection…");
    let edit = ui.add(
        egui::TextEdit::singleline(&mut draft)
            .hint_text("Name")
            .desired_width(180.0),
    );
    let edit = edit.on_hover_text("Name of the new collection");
    let error = (!draft.is_empty())
        .then(|| {
            let op = new_collection(&draft);
            op.apply(&mut m.ws.as_ref().clone()).err()
        })
        .flatten();
    if let Some(e) = &error {
        ui.colored_label(ui.visuals().error_fg_color, e.to_string());
    }
    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let create = ui.add_enabled(
        !draft.trim().is_empty() && error.is_none(),
        egui::Button::new("Create and add"),
    );
    if (create.clicked() || (enter && error.is_none())) && !draft.trim().is_empty() {
        let name = clean_name("collection", &draft).unwrap_or_default();
        commands.push(Command::Workspace(Box::new(new_collection(&name))));
        commands.push(Command::Workspace(Box::new(Op::AddToCollection {
            name,
            id: id.clone(),
            card: Some(DocCard::of(doc)),
            note: None,
        })));
        draft.clear();
        ui.close();
    }
    ui.data_mut(|d| d.insert_temp(draft_id, draft));
}

fn new_collection(name: &str) -> Op {
    Op::CreateCollection {
        name: name.to_string(),
        colour: None,
        description: String::new(),
    }
}

/// The command that puts `doc` in `c` (`member`) or takes it out. Starred is the bookmarks:
/// the star's own toggle, so the B key, the ☆ button and this box agree.
fn toggle(c: &Collection, id: &DocId, index: DocIndex, doc: &Document, member: bool) -> Command {
    if c.is_starred() {
        return Command::ToggleBookmark(index);
    }
    let name = c.name.clone();
    Command::Workspace(Box::new(if member {
        Op::AddToCollection {
            name,
            id: id.clone(),
            card: Some(DocCard::of(doc)),
            note: None,
        }
    } else {
        Op::RemoveFromCollection {
            name,
            id: id.clone(),
        }
    }))
}
