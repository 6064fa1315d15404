//! The lane of each bookmark, for exports that group by lane (TimelineJS's `group`).
//!
//! The one rule: a bookmark whose document is loaded is in that document's lane (the caller
//! says which, through `loaded`); any other is classified from its snapshot (date, title,
//! summary, citation, archive reference) with the given themes. The lane is the broad one,
//! as the timeline draws it by default. Pure: no I/O, no egui.

use super::Bookmark;
use crate::model::{DocId, Document, Library, PageDetails};
use crate::themes::ThemeSet;
use std::collections::HashMap;

/// The document a bookmark's snapshot describes (no full text, no sources).
pub fn document_of(b: &Bookmark) -> Document {
    let details = PageDetails {
        citation: b.citation.clone(),
        url: b.url.clone(),
        archive_ref: b.archive_ref.clone(),
        credit: b.credit.clone(),
        language: b.language.clone(),
        ..PageDetails::default()
    };
    Document {
        id: b.id.clone(),
        date: b.doc_date(),
        date_text: b.date_text.clone(),
        title: b.title.clone(),
        summary: b.summary.clone(),
        page: Some(Box::new(details)),
        sources: smallvec::SmallVec::new(),
    }
}

/// Lane names by bookmark id: `loaded(b)` when it knows the bookmark's loaded document's
/// lane, else the snapshot's lane under `themes`.
pub fn lanes_of(
    bookmarks: &[&Bookmark],
    themes: &ThemeSet,
    loaded: &dyn Fn(&Bookmark) -> Option<String>,
) -> HashMap<DocId, String> {
    let mut lanes = HashMap::with_capacity(bookmarks.len());
    let mut unplaced = Vec::new();
    for b in bookmarks {
        match loaded(b) {
            Some(lane) => {
                lanes.insert(b.id.clone(), lane);
            }
            None => unplaced.push(document_of(b)),
        }
    }
    if unplaced.is_empty() {
        return lanes;
    }
    let library = Library::new(unplaced);
    let classes = themes.classify(&library);
    for (index, doc) in library.docs().iter().enumerate() {
        let lane = classes
            .lane_of
            .get(index)
            .copied()
            .unwrap_or(classes.other_lane());
        let name = if lane == classes.other_lane() {
            themes.lane_name(lane).to_string()
        } else {
            let broad = themes.broad_of(usize::from(lane));
            themes
                .lane_name(u16::try_from(broad).unwrap_or(lane))
                .to_string()
        };
        lanes.entry(doc.id.clone()).or_insert(name);
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(id: &str, title: &str, summary: &str) -> Bookmark {
        Bookmark {
            id: DocId(id.to_string()),
            note: String::new(),
            added: chrono::DateTime::default(),
            date: Some("1962-10".into()),
            date_text: "October 1962".into(),
            title: title.into(),
            summary: summary.into(),
            url: None,
            archive_ref: None,
            language: None,
            citation: None,
            credit: None,
            date_user: None,
        }
    }

    #[test]
    fn a_snapshot_is_classified_and_a_loaded_lane_wins() {
        let themes = ThemeSet::builtin();
        let a = bookmark(
            "a",
            "Telegram on the nuclear missiles in Cuba",
            "Soviet missiles, nuclear warheads and the blockade of Cuba.",
        );
        let b = bookmark("b", "Note", "Nothing in particular.");
        let lanes = lanes_of(&[&a, &b], &themes, &|bm| {
            (bm.id.as_str() == "b").then(|| "Given lane".to_string())
        });
        assert_eq!(lanes.get(&b.id).map(String::as_str), Some("Given lane"));
        let lane_a = lanes.get(&a.id).expect("classified");
        assert!(!lane_a.is_empty());
        // The snapshot's lane is the one the same document would get when loaded.
        let library = Library::new(vec![document_of(&a)]);
        let classes = themes.classify(&library);
        let placing = classes.lane_of[0];
        if placing != classes.other_lane() {
            let broad = themes.broad_of(usize::from(placing));
            assert_eq!(lane_a, themes.lane_name(u16::try_from(broad).expect("u16")));
        }
    }
}
