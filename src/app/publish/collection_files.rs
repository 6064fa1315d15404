//! A collection's files, for every collection alike (Starred is the bookmarks): export in a
//! citation or timeline format in the collection's order, import of a bookmarks file into it,
//! and its handout. Each runs on a worker thread; the status bar says how it went.
//!
//! Reads the workspace and the corpus; changes the workspace only through [`Command`]s (an
//! import into Starred goes through the bookmarks' own import, with its checks).

use crate::app::base::bookmark_sync::Op;
use crate::app::base::command::HandoutKind;
use crate::app::publish::handout::HandoutSet;
use crate::app::{base::worker, Command, TimelineApp};
use crate::bookmarks::export::ExportFormat;
use crate::bookmarks::Bookmark;
use crate::text::count;
use crate::workspace::{DocCard, Workspace};
use std::path::PathBuf;

/// The file name an export of collection `name` is offered under: `bookmarks.ris` for
/// Starred, else the collection's name as a file name (`chapter-3.ris`).
pub fn export_file_name(name: &str, format: ExportFormat) -> String {
    let stem = if name == crate::workspace::STARRED {
        "bookmarks".to_string()
    } else {
        crate::workspace::lesson::file_name(name)
            .trim_end_matches(".lesson.json")
            .to_string()
    };
    format!("{stem}.{}", format.extension())
}

/// The workspace changes that import `incoming` into collection `name`: each document not in
/// it yet is added (with its card), and its note kept where the document has none.
pub fn import_ops(ws: &Workspace, name: &str, incoming: &[Bookmark]) -> Vec<crate::workspace::Op> {
    let Some(c) = ws.find_collection(name) else {
        return Vec::new();
    };
    let mut ops = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for b in incoming {
        if c.contains(&b.id) || !seen.insert(b.id.clone()) {
            continue;
        }
        let card = DocCard::of_bookmark(b);
        ops.push(crate::workspace::Op::AddToCollection {
            name: c.name.clone(),
            id: b.id.clone(),
            card: Some(card.clone()),
            note: None,
        });
        if !b.note.trim().is_empty() && ws.note(&b.id).trim().is_empty() {
            ops.push(crate::workspace::Op::SetNote {
                id: b.id.clone(),
                card: Some(card),
                note: b.note.clone(),
            });
        }
    }
    ops
}

impl TimelineApp {
    /// Writes collection `name` in `format` to `path`, in the collection's order.
    pub(in crate::app) fn export_collection(
        &mut self,
        path: PathBuf,
        name: String,
        format: ExportFormat,
    ) {
        let ws = std::sync::Arc::clone(self.research.bookmarks.workspace());
        let corpus = std::sync::Arc::clone(&self.library.corpus);
        let spawned = worker::spawn_into("export", self.frame.answers_out.clone(), move |out| {
            let message = match ws.find_collection(&name) {
                None => format!("Could not export: {}", ws.no_such_collection(&name)),
                Some(c) => {
                    let items = ws.export_items(c);
                    let lanes = if format.is_grouped() {
                        crate::app::publish::handout::lanes_in(&corpus, &items)
                    } else {
                        std::collections::HashMap::new()
                    };
                    let refs: Vec<&Bookmark> = items.iter().collect();
                    let text = crate::bookmarks::export::export_ordered(
                        &refs,
                        format,
                        &|b| lanes.get(&b.id).cloned().unwrap_or_default(),
                        &c.name,
                    );
                    match crate::durable::fsio::write_atomic(&path, text.as_bytes()) {
                        Ok(()) => format!(
                            "Exported {} of “{}” as {} to {}.",
                            count(items.len(), "document"),
                            c.name,
                            format.name(),
                            path.display()
                        ),
                        Err(e) => format!("Could not write {}: {e}", path.display()),
                    }
                }
            };
            out.send(Command::Status(message));
        });
        if spawned.is_err() {
            self.frame.status = Some("Could not start the export.".into());
        }
    }

    /// Imports bookmark files into collection `name`: Starred through the bookmarks' import,
    /// any other collection read on a worker and added as workspace changes.
    pub(in crate::app) fn import_into(&mut self, files: Vec<PathBuf>, name: String) {
        let ws = std::sync::Arc::clone(self.research.bookmarks.workspace());
        if ws.find_collection(&name).is_some_and(|c| c.is_starred()) {
            for path in files {
                self.research.bookmarks.send(Op::Import(path));
            }
            return;
        }
        let spawned = worker::spawn_into("import", self.frame.answers_out.clone(), move |out| {
            let mut incoming = Vec::new();
            let mut problems = Vec::new();
            for path in &files {
                match crate::bookmarks::import::read_import(path) {
                    Ok(list) => incoming.extend(list),
                    Err(e) => problems.push(e.to_string()),
                }
            }
            let ops = import_ops(&ws, &name, &incoming);
            let added = ops
                .iter()
                .filter(|op| matches!(op, crate::workspace::Op::AddToCollection { .. }))
                .count();
            for op in ops {
                out.send(Command::Workspace(Box::new(op)));
            }
            let mut message = format!("Imported {} into “{name}”.", count(added, "new document"));
            for problem in problems {
                message.push(' ');
                message.push_str(&problem);
            }
            out.send(Command::Status(message));
        });
        if spawned.is_err() {
            self.frame.status = Some("Could not start the import.".into());
        }
    }

    /// Writes the handout of collection `name` to `path`.
    pub(in crate::app) fn export_handout(&mut self, path: PathBuf, kind: HandoutKind, name: &str) {
        let ws = std::sync::Arc::clone(self.research.bookmarks.workspace());
        let corpus = std::sync::Arc::clone(&self.library.corpus);
        let name = name.to_string();
        let spawned = worker::spawn_into("handout", self.frame.answers_out.clone(), move |out| {
            let message = match ws.find_collection(&name) {
                None => format!(
                    "Could not save the handout: {}",
                    ws.no_such_collection(&name)
                ),
                Some(c) => {
                    let set = HandoutSet::of_collection(&ws, c, &corpus, None);
                    match crate::app::publish::handout::write(&corpus, &set, kind, &path) {
                        Ok(()) => format!(
                            "Saved the handout of “{}” ({}) to {}",
                            c.name,
                            count(set.items.len(), "document"),
                            path.display()
                        ),
                        Err(e) => format!("Could not save {}: {e}", path.display()),
                    }
                }
            };
            out.send(Command::Status(message));
        });
        if spawned.is_err() {
            self.frame.status = Some("Could not start writing the handout.".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    fn bookmark(id: &str, note: &str) -> Bookmark {
        let card = DocCard {
            title: format!("Title {id}"),
            ..DocCard::default()
        };
        card.bookmark(&DocId(id.into()), note, crate::bookmarks::now())
    }

    #[test]
    fn an_import_adds_what_the_collection_lacks_and_keeps_existing_notes() {
        let mut ws = Workspace::default();
        for op in [
            crate::workspace::Op::CreateCollection {
                name: "Chapter 3".into(),
                colour: None,
                description: String::new(),
            },
            crate::workspace::Op::AddToCollection {
                name: "Chapter 3".into(),
                id: DocId("a".into()),
                card: None,
                note: None,
            },
            crate::workspace::Op::SetNote {
                id: DocId("b".into()),
                card: None,
                note: "mine".into(),
            },
        ] {
            op.apply(&mut ws).expect("applies");
        }
        let incoming = [
            bookmark("a", "theirs"),
            bookmark("b", "theirs"),
            bookmark("c", "theirs"),
            bookmark("c", "twice"),
        ];
        let ops = import_ops(&ws, "chapter 3", &incoming);
        let added: Vec<&str> = ops
            .iter()
            .filter_map(|op| match op {
                crate::workspace::Op::AddToCollection { name, id, .. } => {
                    assert_eq!(name, "Chapter 3");
                    Some(id.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(added, ["b", "c"], "a is there already; c once");
        let notes: Vec<(&str, &str)> = ops
            .iter()
            .filter_map(|op| match op {
                crate::workspace::Op::SetNote { id, note, .. } => {
                    Some((id.as_str(), note.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(notes, [("c", "theirs")], "b's own note stays");
        for op in ops {
            op.apply(&mut ws).expect("applies");
        }
        let c = ws.find_collection("Chapter 3").expect("there");
        assert_eq!(c.entries.len(), 3);
        assert_eq!(ws.note(&DocId("b".into())), "mine");
    }

    #[test]
    fn export_names_follow_the_collection() {
        assert_eq!(
            export_file_name("Starred", ExportFormat::Ris),
            "bookmarks.ris"
        );
        assert_eq!(
            export_file_name("Chapter 3: Korea", ExportFormat::Bibtex),
            "chapter-3-korea.bib"
        );
    }
}
