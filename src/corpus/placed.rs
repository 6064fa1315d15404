//! The corpus placed by the workspace: [`Corpus::placed`] derives a corpus whose lanes take
//! the user's dates, hand-set lanes and grouping (a [`Placement`]) from the loaded one, sharing
//! its library and classification. The one rule for "which days does this document cover on
//! the timeline" is [`Corpus::days_of`]; the one rule for "which lane is it in" stays
//! [`Corpus::lane_names_of`], which reads the placement first. Nothing here knows egui.

use super::{Corpus, Lane};
use crate::model::{DocIndex, Document, Library};
use crate::placement::{archive_of, drawn_date, DrawnDate, GroupBy, Placement, MAX_GROUP_LANES};
use crate::themes::OTHER_NAME;
use crate::timeline::{LaneIndex, TimeWindow};
use crate::workspace::{Overlay, Workspace};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The group keys of `doc` for `by` (several for collections, subjects and authors).
fn keys_of(by: GroupBy, doc: &Document, index: DocIndex, overlay: &Overlay) -> Vec<String> {
    match by {
        GroupBy::Theme => Vec::new(),
        GroupBy::Collection => overlay
            .collections
            .iter()
            .filter(|(_, docs)| docs.contains(&index))
            .map(|(name, _)| name.clone())
            .collect(),
        GroupBy::Language => doc.language().map(str::to_string).into_iter().collect(),
        GroupBy::Archive => doc.archive_ref().and_then(archive_of).into_iter().collect(),
        GroupBy::SourceFile => doc
            .sources
            .first()
            .map(|s| {
                std::path::Path::new(&*s.file)
                    .file_name()
                    .map_or_else(|| s.file.to_string(), |n| n.to_string_lossy().into_owned())
            })
            .into_iter()
            .collect(),
        GroupBy::Subject => doc.subjects().to_vec(),
        GroupBy::Author => doc.authors().to_vec(),
    }
}

/// A lane's index with the user's dates in place of the archive's.
fn index(
    library: &Library,
    members: Vec<DocIndex>,
    dates: &HashMap<DocIndex, DrawnDate>,
) -> Arc<LaneIndex> {
    Arc::new(LaneIndex::build_with(library, members, |i| {
        dates.get(&i).map(|d| (d.start, d.end))
    }))
}

impl Corpus {
    /// The days `doc` covers on the timeline: the user's date where set, else the archive's.
    pub fn days_of(&self, doc: DocIndex) -> Option<TimeWindow> {
        if let Some(d) = self.placement.dates.get(&doc) {
            return Some(TimeWindow::new(d.start, d.end));
        }
        TimeWindow::of_date(self.library.get(doc)?.date)
    }

    /// This corpus with its lanes placed by the workspace: the user's dates, lanes set by
    /// hand, and the grouping. Shares the library and classification (no copy of documents).
    pub fn placed(&self, ws: &Workspace, overlay: &Overlay, by: GroupBy) -> Corpus {
        let mut dates = HashMap::new();
        for (&doc, edtf) in &overlay.dates {
            if let Some(d) = drawn_date(edtf) {
                dates.insert(doc, d);
            }
        }
        let mut placement = Placement {
            group_by: by,
            dates,
            user_dates: overlay.dates.clone(),
            lane_of: HashMap::new(),
            group_of: Vec::new(),
        };
        let mut out = Corpus {
            lanes: self.rule_lanes.0.clone(),
            sub_lanes: self.rule_lanes.1.clone(),
            ..self.clone()
        };
        if by == GroupBy::Theme {
            placement.lane_of = overlay.lanes.clone();
            out.placement = Arc::new(Placement::default());
            out.place_by_theme(&placement, ws);
        } else {
            out.group(&mut placement, ws, overlay);
        }
        out.placement = Arc::new(placement);
        out
    }

    /// Theme lanes with the user's dates and hand-set lanes applied to the lanes they touch.
    fn place_by_theme(&mut self, placement: &Placement, ws: &Workspace) {
        if placement.dates.is_empty() && placement.lane_of.is_empty() {
            return;
        }
        // Which lanes (broad, sub) each touched document leaves and joins.
        let mut touched: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let docs: std::collections::HashSet<DocIndex> = placement
            .dates
            .keys()
            .chain(placement.lane_of.keys())
            .copied()
            .collect();
        for &doc in &docs {
            let (broad, sub) = self.lane_names_of(doc);
            touched.insert(broad);
            touched.extend(sub);
        }
        touched.extend(placement.lane_of.values().cloned());
        let moved = |doc: DocIndex| placement.lane_of.contains_key(&doc);
        let joins = |lane: &str| -> Vec<DocIndex> {
            placement
                .lane_of
                .iter()
                .filter(|(_, l)| l.as_str() == lane)
                .map(|(&d, _)| d)
                .collect()
        };
        let library = Arc::clone(&self.library);
        let rebuild = |lane: &Lane, extra: Vec<DocIndex>| -> Lane {
            let mut members: Vec<DocIndex> = lane
                .index
                .dated()
                .iter()
                .chain(lane.index.undated())
                .copied()
                .filter(|&d| !moved(d))
                .collect();
            members.extend(extra);
            members.sort_unstable();
            members.dedup();
            Lane {
                name: lane.name.clone(),
                color: lane.color,
                index: index(&library, members, &placement.dates),
            }
        };
        for lane in &mut self.lanes {
            if touched.contains(&lane.name) {
                // A broad lane also takes what is put in any of its sub-lanes.
                let mut extra = joins(&lane.name);
                if let Some(subs) = self.sub_lanes.get(&lane.name) {
                    for s in subs {
                        extra.extend(joins(&s.name));
                    }
                }
                *lane = rebuild(lane, extra);
            }
        }
        for subs in self.sub_lanes.values_mut() {
            for lane in subs.iter_mut() {
                if touched.contains(&lane.name) {
                    *lane = rebuild(lane, joins(&lane.name));
                }
            }
        }
        // Lanes the user named that no theme has: new lanes, in the order first used.
        let known = |name: &str| {
            self.lanes.iter().any(|l| l.name == name)
                || self.sub_lanes.values().flatten().any(|l| l.name == name)
        };
        let mut new_names: Vec<String> = Vec::new();
        for name in placement.lane_of.values() {
            if !known(name) && !new_names.contains(name) {
                new_names.push(name.clone());
            }
        }
        new_names.sort();
        for (i, name) in new_names.into_iter().enumerate() {
            let members = joins(&name);
            let color = crate::workspace::PALETTE[(i + ws.collections.len()) % 8];
            self.lanes.push(Lane {
                index: index(&self.library, members, &placement.dates),
                name,
                color,
            });
        }
        self.lanes
            .retain(|l| !l.index.is_empty() || l.name == OTHER_NAME);
    }

    /// Lanes by another grouping than themes.
    fn group(&mut self, placement: &mut Placement, ws: &Workspace, overlay: &Overlay) {
        let by = placement.group_by;
        let mut members: BTreeMap<String, Vec<DocIndex>> = BTreeMap::new();
        let mut first: Vec<Option<String>> = vec![None; self.library.len()];
        // Collections are few: invert them once instead of asking per document.
        let mut in_collections: HashMap<DocIndex, Vec<String>> = HashMap::new();
        if by == GroupBy::Collection {
            for (name, docs) in &overlay.collections {
                for &d in docs {
                    in_collections.entry(d).or_default().push(name.clone());
                }
            }
        }
        for (i, doc) in self.library.docs().iter().enumerate() {
            let keys = if by == GroupBy::Collection {
                in_collections.remove(&i).unwrap_or_default()
            } else {
                keys_of(by, doc, i, overlay)
            };
            let keys = if keys.is_empty() {
                vec![by.none_lane().to_string()]
            } else {
                keys
            };
            first[i] = keys.first().cloned();
            for k in keys {
                members.entry(k).or_default().push(i);
            }
        }
        // Order: a collection's lanes in the workspace's order; others by size.
        let none = by.none_lane().to_string();
        let mut names: Vec<String> = members.keys().filter(|k| **k != none).cloned().collect();
        if by == GroupBy::Collection {
            names.sort_by_key(|n| ws.collections.iter().position(|c| &c.name == n));
        } else {
            names.sort_by(|a, b| {
                members[b]
                    .len()
                    .cmp(&members[a].len())
                    .then_with(|| a.cmp(b))
            });
        }
        let mut rest: Vec<DocIndex> = members.remove(&none).unwrap_or_default();
        if names.len() > MAX_GROUP_LANES && by != GroupBy::Collection {
            for n in names.split_off(MAX_GROUP_LANES) {
                rest.extend(members.remove(&n).unwrap_or_default());
            }
        }
        rest.sort_unstable();
        rest.dedup();
        let mut lanes = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let docs = members.remove(name).unwrap_or_default();
            let color = match by {
                GroupBy::Collection => ws.collection(name).map_or([128; 3], |c| c.colour),
                _ => crate::workspace::PALETTE[i % 8],
            };
            lanes.push(Lane {
                name: name.clone(),
                color,
                index: index(&self.library, docs, &placement.dates),
            });
        }
        let rest_name = if rest
            .iter()
            .any(|&d| first[d].as_deref() != Some(none.as_str()))
        {
            format!("{none} / others")
        } else {
            none.clone()
        };
        if !rest.is_empty() {
            lanes.push(Lane {
                name: rest_name.clone(),
                color: [150, 150, 150],
                index: index(&self.library, rest, &placement.dates),
            });
        }
        let position: HashMap<&str, u32> = lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.name.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let rest_at = position
            .get(rest_name.as_str())
            .copied()
            .unwrap_or(u32::MAX);
        placement.group_of = first
            .iter()
            .map(|k| {
                k.as_deref()
                    .and_then(|k| position.get(k).copied())
                    .unwrap_or(rest_at)
            })
            .collect();
        self.lanes = lanes;
        self.sub_lanes = BTreeMap::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;
    use crate::model::DocId;
    use crate::themes::ThemeSet;
    use crate::timeline::days::day_of;
    use crate::workspace::{DocCard, Op};

    fn seeds() -> Corpus {
        Corpus::build(load_seeds(), ThemeSet::builtin())
    }

    fn lane_docs(corpus: &Corpus, name: &str) -> Vec<DocIndex> {
        let lane = corpus.lanes.iter().find(|l| l.name == name).expect(name);
        let mut docs: Vec<DocIndex> = lane
            .index
            .dated()
            .iter()
            .chain(lane.index.undated())
            .copied()
            .collect();
        docs.sort_unstable();
        docs
    }

    #[test]
    fn a_user_date_moves_the_document_and_a_hand_set_lane_moves_it_across() {
        let corpus = seeds();
        let library = &corpus.library;
        let doc = 0;
        let id = library.docs()[doc].id.clone();
        let card = DocCard::of(&library.docs()[doc]);
        let (from_lane, _) = corpus.lane_names_of(doc);
        let to_lane = corpus
            .lanes
            .iter()
            .map(|l| l.name.clone())
            .find(|n| *n != from_lane)
            .expect("two lanes");
        let mut ws = Workspace::default();
        Op::SetDate {
            id: id.clone(),
            card: Some(card.clone()),
            edtf: "1990-05~".into(),
            reason: "test".into(),
        }
        .apply(&mut ws)
        .expect("dates");
        Op::SetLane {
            id: id.clone(),
            card: Some(card),
            lane: Some(to_lane.clone()),
        }
        .apply(&mut ws)
        .expect("lanes");
        let overlay = Overlay::build(&ws, library);
        let placed = corpus.placed(&ws, &overlay, GroupBy::Theme);
        assert_eq!(placed.lane_names_of(doc).0, to_lane);
        assert!(lane_docs(&placed, &to_lane).contains(&doc));
        assert!(placed
            .lanes
            .iter()
            .find(|l| l.name == from_lane)
            .is_none_or(|l| !l.index.dated().contains(&doc)));
        let days = placed.days_of(doc).expect("dated");
        let may_1990 = day_of(chrono::NaiveDate::from_ymd_opt(1990, 5, 1).expect("date"));
        assert_eq!(days.start, may_1990);
        let (first, _) = placed
            .lanes
            .iter()
            .find(|l| l.name == to_lane)
            .and_then(|l| l.index.starting_in(may_1990, may_1990 + 1.0).next())
            .expect("placed on its user date");
        assert_eq!(first, doc);
        // Every document is still in exactly one broad lane.
        let total: usize = placed.lanes.iter().map(|l| l.index.len()).sum();
        assert_eq!(total, library.len());
        // The archive's own corpus is untouched.
        assert_eq!(corpus.lane_names_of(doc).0, from_lane);
        assert_eq!(
            corpus.days_of(doc),
            TimeWindow::of_date(library.docs()[doc].date)
        );
    }

    #[test]
    fn a_lane_the_user_names_is_a_new_lane() {
        let corpus = seeds();
        let mut ws = Workspace::default();
        let doc = &corpus.library.docs()[3];
        Op::SetLane {
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            lane: Some("My evidence".into()),
        }
        .apply(&mut ws)
        .expect("lanes");
        let overlay = Overlay::build(&ws, &corpus.library);
        let placed = corpus.placed(&ws, &overlay, GroupBy::Theme);
        assert_eq!(lane_docs(&placed, "My evidence"), [3]);
        assert_eq!(placed.lane_names_of(3).0, "My evidence");
    }

    #[test]
    fn grouping_by_collection_and_language_puts_every_document_in_a_lane() {
        let corpus = seeds();
        let mut ws = Workspace::default();
        Op::CreateCollection {
            name: "chapter 3".into(),
            colour: Some([9, 9, 9]),
            description: String::new(),
        }
        .apply(&mut ws)
        .expect("creates");
        for i in [1, 2] {
            let doc = &corpus.library.docs()[i];
            Op::AddToCollection {
                name: "chapter 3".into(),
                id: doc.id.clone(),
                card: Some(DocCard::of(doc)),
                note: None,
            }
            .apply(&mut ws)
            .expect("adds");
        }
        let overlay = Overlay::build(&ws, &corpus.library);
        let placed = corpus.placed(&ws, &overlay, GroupBy::Collection);
        assert_eq!(placed.lanes[0].name, "chapter 3");
        assert_eq!(placed.lanes[0].color, [9, 9, 9]);
        assert_eq!(lane_docs(&placed, "chapter 3"), [1, 2]);
        assert_eq!(placed.lane_names_of(1).0, "chapter 3");
        assert_eq!(placed.lane_names_of(0).0, "In no collection");
        let total: usize = placed.lanes.iter().map(|l| l.index.len()).sum();
        assert_eq!(total, corpus.library.len());

        let by_language = corpus.placed(&ws, &overlay, GroupBy::Language);
        for (i, doc) in corpus.library.docs().iter().enumerate() {
            let lane = by_language.lane_names_of(i).0;
            match doc.language() {
                Some(l) => assert_eq!(lane, l),
                None => assert!(lane.starts_with("Language not given"), "{lane}"),
            }
        }
        let _ = DocId("x".into());
    }
}
