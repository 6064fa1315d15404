//! Every change to a [`Workspace`], as a value: the store applies an [`Op`] to the file under
//! its lock, the app applies the same [`Op`] to its copy at once (so the screen answers before
//! the disk does), and the command line builds one per command. One function,
//! [`Op::apply`], says what each change does.

use super::{Collection, DocCard, DocRecord, Entry, Link, Order, StopView, UserDate, Workspace};
use crate::bookmarks::{bookmark_id_of, now, Bookmark};
use crate::model::{DocId, Document, Edtf};
use std::fmt;

/// Longest collection name, link label, or lane name accepted.
pub const MAX_NAME_CHARS: usize = 120;

/// One change to the workspace.
// One is made per user action and applied at once: the size of the largest variant (a link
// with two document cards) costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Star a document. Starring again refreshes its card and keeps when it was first starred;
    /// a non-empty note replaces the document's note.
    Star(Box<Bookmark>),
    /// Star `doc`, or unstar it by the bookmarks rule ([`bookmark_id_of`]).
    ToggleStar(Box<Document>),
    Unstar(DocId),
    /// Merge starred documents from a file: one already starred is kept, an empty note of
    /// its document is filled from the import.
    ImportStars(Vec<Bookmark>),
    /// The document's one note.
    SetNote {
        id: DocId,
        card: Option<DocCard>,
        note: String,
    },
    CreateCollection {
        name: String,
        colour: Option<[u8; 3]>,
        description: String,
    },
    /// Deletes a collection (not Starred); its documents' notes and dates stay.
    DeleteCollection {
        name: String,
    },
    RenameCollection {
        from: String,
        to: String,
    },
    /// Changes a collection's colour and/or description.
    DescribeCollection {
        name: String,
        colour: Option<[u8; 3]>,
        description: Option<String>,
    },
    SetOrder {
        name: String,
        order: Order,
    },
    /// Adds a document to a collection (at the end); `note` is the entry's own note.
    AddToCollection {
        name: String,
        id: DocId,
        card: Option<DocCard>,
        note: Option<String>,
    },
    RemoveFromCollection {
        name: String,
        id: DocId,
    },
    /// Moves a document to position `to` of the collection as it is shown; the collection's
    /// order becomes the user's own.
    MoveEntry {
        name: String,
        id: DocId,
        to: usize,
    },
    SetEntryNote {
        name: String,
        id: DocId,
        note: String,
    },
    /// The view a lesson opens at this stop.
    SetEntryView {
        name: String,
        id: DocId,
        view: Option<StopView>,
    },
    /// The user's own date, EDTF level 1, with the reason.
    SetDate {
        id: DocId,
        card: Option<DocCard>,
        edtf: String,
        reason: String,
    },
    ClearDate {
        id: DocId,
    },
    /// Puts a document in a lane by hand (`None`: back to the theme rules).
    SetLane {
        id: DocId,
        card: Option<DocCard>,
        lane: Option<String>,
    },
    Link {
        from: DocId,
        from_card: Option<DocCard>,
        to: DocId,
        to_card: Option<DocCard>,
        label: String,
    },
    /// Removes the links from `from` to `to` (with `label` only, when given).
    Unlink {
        from: DocId,
        to: DocId,
        label: Option<String>,
    },
    /// Adds the user's context events (an event already there, by date and title, once).
    AddEvents(Vec<crate::context::UserEvent>),
    /// Removes the user's event with this date and title.
    RemoveEvent(crate::context::UserEvent),
}

/// What applying an [`Op`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Done {
    pub changed: bool,
    /// For [`Op::ToggleStar`]: starred afterwards.
    pub starred: Option<bool>,
    /// For [`Op::Unstar`]: the bookmark removed.
    pub removed: Option<Bookmark>,
    /// For [`Op::ImportStars`] and [`Op::AddEvents`]: how many were added.
    pub added: usize,
}

impl Done {
    fn changed(changed: bool) -> Done {
        Done {
            changed,
            ..Done::default()
        }
    }
}

/// Why an [`Op`] was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpError {
    /// The collection, entry or link is not there (perhaps removed in another window).
    NotFound(String),
    /// The input is not acceptable (bad date, duplicate name, Starred deleted).
    Invalid(String),
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::NotFound(m) | OpError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for OpError {}

/// A name for a collection, label or lane: trimmed, on one line, not empty, not too long.
pub fn clean_name(what: &str, text: &str) -> Result<String, OpError> {
    let name = name_key(text);
    if name.is_empty() {
        return Err(OpError::Invalid(format!("a {what} needs a name")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(OpError::Invalid(format!(
            "a {what} name is at most {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(name)
}

/// A name as it is saved and looked up: control characters become spaces, runs of
/// whitespace one space, trimmed. The one cleaning, used by [`clean_name`] when saving and
/// by every lookup, so `$'a\tb'` finds the collection saved as "a b".
pub fn name_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms a user date may take, for messages.
pub const DATE_FORMS: &str = "Write EDTF: 1957, 1957-09, 1957? (uncertain), 1957~ \
     (approximate), 195X, 1956-08/1956-10 (between), ../1957-03 (on or before), 1957-03/.. \
     (on or after)";

/// Checks a user date: EDTF level 1 by the `edtf-core` parser (its message says where the
/// text goes wrong), read into the app's date model, written back in canonical form.
pub fn check_date(text: &str) -> Result<(String, Edtf), OpError> {
    let text = text.trim();
    let invalid = |why: String| OpError::Invalid(format!("not an EDTF date: {why}. {DATE_FORMS}"));
    let checked = edtf_core::Edtf::parse(text).map_err(|e| invalid(format!("\"{text}\", {e}")))?;
    if checked.level() > 1 {
        return Err(invalid(format!(
            "\"{text}\" is EDTF level 2, which the timeline cannot place"
        )));
    }
    if text.contains('T') {
        return Err(invalid(format!(
            "\"{text}\" has a time of day; give the date alone"
        )));
    }
    if text.starts_with(['Y', 'y']) {
        // Valid EDTF level 1, but the timeline's dates are years -9999 to 9999.
        return Err(OpError::Invalid(format!(
            "\"{text}\": EDTF level 1 Y-years beyond 9999 are not supported (the timeline \
             places years -9999 to 9999). {DATE_FORMS}"
        )));
    }
    let edtf = Edtf::parse(text).map_err(|e| {
        let why = e.to_string();
        invalid(why.trim_start_matches("not an EDTF date: ").to_string())
    })?;
    Ok((edtf.to_string(), edtf))
}

impl Workspace {
    /// The record of `id`, made from `card` when the workspace has none yet; a given non-blank
    /// card refreshes the snapshot.
    fn record_mut(&mut self, id: &DocId, card: Option<&DocCard>) -> &mut DocRecord {
        let record = self.documents.entry(id.clone()).or_default();
        if let Some(card) = card {
            if !card.is_blank() || record.card.is_blank() {
                record.card.clone_from(card);
            }
        }
        record
    }

    fn collection_or_err(&mut self, name: &str) -> Result<&mut Collection, OpError> {
        self.collection_mut(name)
            .ok_or_else(|| OpError::NotFound(format!("there is no collection named \"{name}\"")))
    }

    fn entry_or_err(&mut self, name: &str, id: &DocId) -> Result<&mut Entry, OpError> {
        self.collection_or_err(name)?
            .entries
            .iter_mut()
            .find(|e| &e.id == id)
            .ok_or_else(|| OpError::NotFound(format!("{id} is not in \"{name}\"")))
    }

    fn star(&mut self, b: Bookmark) -> bool {
        let card = DocCard::of_bookmark(&b);
        let before = self.documents.get(&b.id).cloned();
        let record = self.record_mut(&b.id, Some(&card));
        if !b.note.trim().is_empty() {
            record.note.clone_from(&b.note);
        }
        let record_changed = self.documents.get(&b.id) != before.as_ref();
        let starred = self.starred_mut();
        if starred.contains(&b.id) {
            return record_changed;
        }
        starred.entries.push(Entry {
            id: b.id,
            note: String::new(),
            added: b.added,
            view: None,
        });
        true
    }

    fn unstar(&mut self, id: &DocId) -> Option<Bookmark> {
        let bookmark = self.bookmarks().remove(id)?;
        self.starred_mut().entries.retain(|e| &e.id != id);
        Some(bookmark)
    }
}

impl Op {
    /// Applies the change to `ws`. On an error `ws` is unchanged.
    pub fn apply(&self, ws: &mut Workspace) -> Result<Done, OpError> {
        let done = self.apply_inner(ws)?;
        if done.changed {
            ws.tidy_ids(&self.touched());
        }
        Ok(done)
    }

    /// The documents whose records this change may leave with nothing in them.
    fn touched(&self) -> Vec<DocId> {
        match self {
            Op::Star(b) => vec![b.id.clone()],
            Op::ToggleStar(doc) => vec![doc.id.clone()],
            Op::ImportStars(list) => list.iter().map(|b| b.id.clone()).collect(),
            Op::Unstar(id)
            | Op::SetNote { id, .. }
            | Op::AddToCollection { id, .. }
            | Op::RemoveFromCollection { id, .. }
            | Op::MoveEntry { id, .. }
            | Op::SetEntryNote { id, .. }
            | Op::SetEntryView { id, .. }
            | Op::SetDate { id, .. }
            | Op::ClearDate { id }
            | Op::SetLane { id, .. } => vec![id.clone()],
            Op::Link { from, to, .. } | Op::Unlink { from, to, .. } => {
                vec![from.clone(), to.clone()]
            }
            // A deleted collection may have been all that named its documents.
            Op::DeleteCollection { .. } => Vec::new(),
            Op::CreateCollection { .. }
            | Op::RenameCollection { .. }
            | Op::DescribeCollection { .. }
            | Op::SetOrder { .. }
            | Op::AddEvents(_)
            | Op::RemoveEvent(_) => Vec::new(),
        }
    }

    fn apply_inner(&self, ws: &mut Workspace) -> Result<Done, OpError> {
        match self {
            Op::Star(b) => Ok(Done::changed(ws.star(b.as_ref().clone()))),
            Op::ToggleStar(doc) => {
                let now_starred = match bookmark_id_of(&ws.bookmarks(), doc) {
                    Some(id) => {
                        ws.unstar(&id);
                        ws.tidy_ids(std::slice::from_ref(&id));
                        false
                    }
                    None => {
                        ws.star(Bookmark::from_document(doc, ""));
                        true
                    }
                };
                Ok(Done {
                    changed: true,
                    starred: Some(now_starred),
                    ..Done::default()
                })
            }
            Op::Unstar(id) => {
                let removed = ws.unstar(id);
                Ok(Done {
                    changed: removed.is_some(),
                    removed,
                    ..Done::default()
                })
            }
            Op::ImportStars(incoming) => {
                let mut done = Done::default();
                for b in incoming {
                    if ws.starred().iter().any(|e| e.id == b.id) {
                        let record = ws.record_mut(&b.id, None);
                        if record.note.trim().is_empty() && !b.note.trim().is_empty() {
                            record.note.clone_from(&b.note);
                            done.changed = true;
                        }
                    } else {
                        let mut b = b.clone();
                        if !ws.note(&b.id).trim().is_empty() {
                            b.note.clear();
                        }
                        ws.star(b);
                        done.added += 1;
                        done.changed = true;
                    }
                }
                Ok(done)
            }
            Op::SetNote { id, card, note } => {
                let record = ws.record_mut(id, card.as_ref());
                let changed = record.note != *note;
                record.note.clone_from(note);
                Ok(Done::changed(changed))
            }
            Op::CreateCollection {
                name,
                colour,
                description,
            } => {
                let name = clean_name("collection", name)?;
                if ws.collection(&name).is_some() {
                    return Err(OpError::Invalid(format!(
                        "a collection named \"{name}\" already exists"
                    )));
                }
                let colour = colour.unwrap_or_else(|| ws.next_colour());
                let mut c = Collection::new(&name, colour);
                c.description = description.trim().to_string();
                ws.collections.push(c);
                Ok(Done::changed(true))
            }
            Op::DeleteCollection { name } => {
                let c = ws.collection_or_err(name)?;
                if c.is_starred() {
                    return Err(OpError::Invalid(
                        "Starred is the default collection and cannot be deleted".into(),
                    ));
                }
                let name = c.name.clone();
                let ids: Vec<DocId> = c.entries.iter().map(|e| e.id.clone()).collect();
                ws.collections.retain(|c| c.name != name);
                ws.tidy_ids(&ids);
                Ok(Done::changed(true))
            }
            Op::RenameCollection { from, to } => {
                let to = clean_name("collection", to)?;
                if ws.collection_or_err(from)?.is_starred() {
                    return Err(OpError::Invalid("Starred cannot be renamed".into()));
                }
                if ws.collection(&to).is_some_and(|c| c.name != from.trim()) {
                    return Err(OpError::Invalid(format!(
                        "a collection named \"{to}\" already exists"
                    )));
                }
                let c = ws.collection_or_err(from)?;
                let changed = c.name != to;
                c.name = to;
                Ok(Done::changed(changed))
            }
            Op::DescribeCollection {
                name,
                colour,
                description,
            } => {
                let c = ws.collection_or_err(name)?;
                let before = c.clone();
                if let Some(colour) = colour {
                    c.colour = *colour;
                }
                if let Some(d) = description {
                    c.description = d.trim().to_string();
                }
                Ok(Done::changed(*c != before))
            }
            Op::SetOrder { name, order } => {
                let c = ws.collection_or_err(name)?;
                let changed = c.order != *order;
                c.order = *order;
                Ok(Done::changed(changed))
            }
            Op::AddToCollection {
                name,
                id,
                card,
                note,
            } => {
                ws.collection_or_err(name)?;
                let before = ws.documents.get(id).cloned();
                ws.record_mut(id, card.as_ref());
                let record_changed = ws.documents.get(id) != before.as_ref();
                let c = ws.collection_or_err(name)?;
                if let Some(entry) = c.entries.iter_mut().find(|e| &e.id == id) {
                    let changed = match note {
                        Some(n) if *n != entry.note => {
                            entry.note.clone_from(n);
                            true
                        }
                        _ => false,
                    };
                    return Ok(Done::changed(changed || record_changed));
                }
                c.entries.push(Entry {
                    id: id.clone(),
                    note: note.clone().unwrap_or_default(),
                    added: now(),
                    view: None,
                });
                Ok(Done::changed(true))
            }
            Op::RemoveFromCollection { name, id } => {
                let c = ws.collection_or_err(name)?;
                let before = c.entries.len();
                c.entries.retain(|e| &e.id != id);
                Ok(Done::changed(c.entries.len() != before))
            }
            Op::MoveEntry { name, id, to } => {
                let c = ws.collection(name).ok_or_else(|| {
                    OpError::NotFound(format!("there is no collection \"{name}\""))
                })?;
                let mut order: Vec<Entry> = ws.ordered(c).into_iter().cloned().collect();
                let from = order
                    .iter()
                    .position(|e| &e.id == id)
                    .ok_or_else(|| OpError::NotFound(format!("{id} is not in \"{name}\"")))?;
                let entry = order.remove(from);
                order.insert((*to).min(order.len()), entry);
                let c = ws.collection_or_err(name)?;
                let changed = c.order != Order::Manual || c.entries != order;
                c.entries = order;
                c.order = Order::Manual;
                Ok(Done::changed(changed))
            }
            Op::SetEntryNote { name, id, note } => {
                let entry = ws.entry_or_err(name, id)?;
                let changed = entry.note != *note;
                entry.note.clone_from(note);
                Ok(Done::changed(changed))
            }
            Op::SetEntryView { name, id, view } => {
                let entry = ws.entry_or_err(name, id)?;
                let changed = entry.view != *view;
                entry.view = *view;
                Ok(Done::changed(changed))
            }
            Op::SetDate {
                id,
                card,
                edtf,
                reason,
            } => {
                let (edtf, _) = check_date(edtf)?;
                let reason = reason.trim().to_string();
                let record = ws.record_mut(id, card.as_ref());
                let same = record
                    .date_user
                    .as_ref()
                    .is_some_and(|d| d.edtf == edtf && d.reason == reason);
                if !same {
                    record.date_user = Some(UserDate {
                        edtf,
                        reason,
                        set: now(),
                    });
                }
                Ok(Done::changed(!same))
            }
            Op::ClearDate { id } => {
                let changed = ws
                    .documents
                    .get_mut(id)
                    .and_then(|r| r.date_user.take())
                    .is_some();
                Ok(Done::changed(changed))
            }
            Op::SetLane { id, card, lane } => {
                let lane = match lane {
                    Some(l) => Some(clean_name("lane", l)?),
                    None => None,
                };
                if lane.is_none() && !ws.documents.contains_key(id) {
                    return Ok(Done::changed(false));
                }
                let record = ws.record_mut(id, card.as_ref());
                let changed = record.lane != lane;
                record.lane = lane;
                Ok(Done::changed(changed))
            }
            Op::Link {
                from,
                from_card,
                to,
                to_card,
                label,
            } => {
                if from == to {
                    return Err(OpError::Invalid("a document cannot link to itself".into()));
                }
                let label = clean_name("link", label)?;
                if ws
                    .links
                    .iter()
                    .any(|l| &l.from == from && &l.to == to && l.label == label)
                {
                    return Ok(Done::changed(false));
                }
                ws.record_mut(from, from_card.as_ref());
                ws.record_mut(to, to_card.as_ref());
                ws.links.push(Link {
                    from: from.clone(),
                    to: to.clone(),
                    label,
                    added: now(),
                });
                Ok(Done::changed(true))
            }
            Op::AddEvents(events) => {
                let mut done = Done::default();
                // A hash set of what is there: linear, however many events come in.
                let mut there: std::collections::HashSet<(String, String)> = ws
                    .events
                    .iter()
                    .map(crate::context::UserEvent::key)
                    .collect();
                for e in events {
                    if there.insert(e.key()) {
                        ws.events.push(e.clone());
                        done.added += 1;
                        done.changed = true;
                    }
                }
                Ok(done)
            }
            Op::RemoveEvent(event) => {
                let before = ws.events.len();
                ws.events.retain(|x| !x.same_as(event));
                Ok(Done::changed(ws.events.len() != before))
            }
            Op::Unlink { from, to, label } => {
                let before = ws.links.len();
                ws.links.retain(|l| {
                    !(&l.from == from
                        && &l.to == to
                        && label.as_ref().is_none_or(|x| name_key(x) == l.label))
                });
                if ws.links.len() == before {
                    return Err(OpError::NotFound(format!(
                        "there is no link from {from} to {to}{}",
                        label
                            .as_ref()
                            .map(|l| format!(" labelled \"{l}\""))
                            .unwrap_or_default()
                    )));
                }
                Ok(Done::changed(true))
            }
        }
    }
}
