//! The workspace laid over a loaded library: which loaded document each item is of (by the
//! bookmarks rule, [`crate::bookmarks::locate_bookmark`]: id, else date and folded title), and
//! so where the user's dates, lanes, collections and links fall. Built off the UI thread
//! whenever the workspace or the library changes; the views only read it.

use super::{DocCard, Workspace};
use crate::bookmarks::locate_bookmark;
use crate::model::{DocDate, DocId, DocIndex, Edtf, Library};
use std::collections::HashMap;

/// A link between two loaded documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedLink {
    pub from: DocIndex,
    pub to: DocIndex,
    pub label: String,
}

/// The workspace as it applies to one library.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    /// The user's dates of loaded documents.
    pub dates: HashMap<DocIndex, Edtf>,
    /// Lanes the user put loaded documents in.
    pub lanes: HashMap<DocIndex, String>,
    /// Per collection (in the workspace's order): its loaded documents, in its order.
    pub collections: Vec<(String, Vec<DocIndex>)>,
    pub links: Vec<PlacedLink>,
    /// The loaded document of each workspace id that has one.
    pub found: HashMap<DocId, DocIndex>,
    /// The other way: the workspace id of each loaded document it names (the least, when
    /// several ids are of one document). Read through [`Overlay::id_of`].
    ids: HashMap<DocIndex, DocId>,
}

/// The loaded document `id` (with snapshot `card`) is of.
pub fn locate(id: &DocId, card: &DocCard, library: &Library) -> Option<DocIndex> {
    library.index_of(id).or_else(|| {
        if card.title.is_empty() {
            return None;
        }
        let probe = card.bookmark(id, "", chrono::DateTime::UNIX_EPOCH);
        locate_bookmark(&probe, library)
    })
}

impl Overlay {
    pub fn build(ws: &Workspace, library: &Library) -> Overlay {
        let mut found = HashMap::new();
        for (id, record) in &ws.documents {
            if let Some(i) = locate(id, &record.card, library) {
                found.insert(id.clone(), i);
            }
        }
        // Entries whose document has no record (a hand-edited file) are found by id alone.
        for c in &ws.collections {
            for e in &c.entries {
                if !found.contains_key(&e.id) {
                    if let Some(i) = library.index_of(&e.id) {
                        found.insert(e.id.clone(), i);
                    }
                }
            }
        }
        let mut overlay = Overlay::default();
        for (id, record) in &ws.documents {
            let Some(&i) = found.get(id) else { continue };
            if let Some(edtf) = record.date_user.as_ref().and_then(|d| d.parsed()) {
                overlay.dates.insert(i, edtf);
            }
            if let Some(lane) = &record.lane {
                overlay.lanes.insert(i, lane.clone());
            }
        }
        for c in &ws.collections {
            let docs = ws
                .ordered(c)
                .into_iter()
                .filter_map(|e| found.get(&e.id).copied())
                .collect();
            overlay.collections.push((c.name.clone(), docs));
        }
        for l in &ws.links {
            if let (Some(&from), Some(&to)) = (found.get(&l.from), found.get(&l.to)) {
                overlay.links.push(PlacedLink {
                    from,
                    to,
                    label: l.label.clone(),
                });
            }
        }
        for (id, &i) in &found {
            let slot = overlay.ids.entry(i).or_insert_with(|| id.clone());
            if id < slot {
                *slot = id.clone();
            }
        }
        overlay.found = found;
        overlay
    }

    /// The id the workspace knows loaded document `doc` by: the one its items are under (found
    /// by the bookmarks rule), else the document's own id. The one answer every panel, the tour
    /// card and the export use.
    pub fn id_of<'a>(&'a self, doc: DocIndex, library: &'a Library) -> Option<&'a DocId> {
        self.ids
            .get(&doc)
            .or_else(|| library.get(doc).map(|d| &d.id))
    }

    /// Where the timeline places a document: the user's date where set, else the archive's.
    pub fn position(&self, doc: DocIndex, archive: DocDate) -> DocDate {
        self.dates.get(&doc).map_or(archive, Edtf::doc_date)
    }

    /// The loaded documents of collection `name`, in its order.
    pub fn collection(&self, name: &str) -> Option<&[DocIndex]> {
        self.collections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, docs)| docs.as_slice())
    }
}

/// Whether a date lies certainly or possibly within a period: the filters' "certainly within"
/// and "possibly within".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Within {
    /// Every day the date could be lies in the period.
    Certainly,
    /// Some day it could be lies in the period.
    Possibly,
    Outside,
}

/// How `edtf` lies relative to the period `from..=to` (inclusive days). Open ends of the date
/// run to the ends of time: `../1957-03` is possibly in 1950, never certainly.
pub fn within(edtf: &Edtf, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Within {
    let (start, end) = edtf.span();
    let lo = start.unwrap_or(chrono::NaiveDate::MIN);
    let hi = end.unwrap_or(chrono::NaiveDate::MAX);
    if hi < from || lo > to {
        Within::Outside
    } else if lo >= from && hi <= to {
        Within::Certainly
    } else {
        Within::Possibly
    }
}
