//! `collections …`, `lesson export`, `date set|clear` and `link add|remove`: the research
//! workspace from the command line. Every change is one [`Op`] through the workspace store
//! (atomic, locked), so the command line and a running app can change it together.
//!
//! Commands that name a document by id read pages to find it (the bundled seeds unless paths
//! are given), so the workspace keeps a snapshot of it; an id no page has is refused.

use crate::bookmarks::{self, Bookmark};
use crate::ingest::Loaded;
use crate::model::{DocId, Library};
use crate::text::safe::one_line;
use crate::workspace::{hex_colour, DocCard, Op, WorkspaceStore};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `collections` subcommands.
#[derive(Subcommand, Debug)]
pub enum CollectionsCommand {
    /// One line per collection: name, documents, colour, description (tab-separated).
    List,
    /// Make a new collection.
    Create {
        name: String,
        /// `#rrggbb` (default: the next colour of the palette).
        #[arg(long)]
        colour: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Add a document (by the id `export` prints) to a collection.
    Add {
        name: String,
        id: String,
        /// A note for this document in this collection.
        #[arg(long)]
        note: Option<String>,
        /// Pages the document is in (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Take a document out of a collection.
    Remove { name: String, id: String },
    /// One line per document of a collection, in its order: id, date, title, notes.
    Show { name: String },
    /// Print a collection in its order, as a reading list or for a reference manager.
    Export {
        name: String,
        #[arg(long, value_enum)]
        format: super::bookmarks::BookmarkFormat,
    },
}

/// `lesson` subcommands.
#[derive(Subcommand, Debug)]
pub enum LessonCommand {
    /// Write a collection as one self-contained lesson file (documents, order, notes, views).
    Export {
        name: String,
        /// Default: the collection's name as a file name, `NAME.lesson.json`, here (the
        /// desktop opens `*.lesson.json` files in the app).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Pages the documents are in, for their full text (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// `date` subcommands.
#[derive(Subcommand, Debug)]
pub enum DateCommand {
    /// Give a document your own date, in EDTF level 1: 1957, 1957-09, 1957? (uncertain),
    /// 1957~ (approximate), 195X, 1956-08/1956-10 (between), ../1957-03 (on or before),
    /// 1957-03/.. (on or after). The archive's date is kept beside it.
    Set {
        id: String,
        edtf: String,
        /// Why: the evidence for the date.
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Remove your date (the archive's date places the document again).
    Clear { id: String },
}

/// `link` subcommands.
#[derive(Subcommand, Debug)]
pub enum LinkCommand {
    /// Link two documents: FROM <label> TO ("replies to", "mentions", "same meeting", …).
    Add {
        from: String,
        to: String,
        #[arg(long, default_value = "see also")]
        label: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Remove the links from FROM to TO (only the one with `--label`, when given).
    Remove {
        from: String,
        to: String,
        #[arg(long)]
        label: Option<String>,
    },
}

fn open<E: Write>(err: &mut E, dir: &Path) -> std::io::Result<WorkspaceStore> {
    let store = WorkspaceStore::open(dir);
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {}", one_line(&notice.to_string()))?;
    }
    Ok(store)
}

fn failed<E: Write>(err: &mut E, e: &impl std::fmt::Display) -> std::io::Result<i32> {
    writeln!(err, "archive-timeline: {}", one_line(&e.to_string()))?;
    Ok(1)
}

/// The card of document `id` in `library`, or a message saying it is not there.
fn card_of(library: &Library, id: &str, paths: &[PathBuf]) -> Result<(DocId, DocCard), String> {
    let id = DocId(id.to_string());
    match library.find(&id) {
        Some(doc) => Ok((doc.id.clone(), DocCard::of(doc))),
        None => Err(format!(
            "no document with id {id} in {} (`archive-timeline export` lists the ids; give \
             the pages it is in after the id)",
            if paths.is_empty() {
                "the bundled seeds"
            } else {
                "the given pages"
            }
        )),
    }
}

fn apply<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    store: &mut WorkspaceStore,
    op: &Op,
    said: &str,
) -> std::io::Result<i32> {
    match store.apply(op) {
        Ok(done) => {
            let tail = if done.changed { "" } else { " (no change)" };
            writeln!(out, "{said}{tail}")?;
            Ok(0)
        }
        Err(e) => failed(err, &e),
    }
}

/// Runs one `collections` subcommand on the workspace of `dir`.
pub fn collections<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    dir: &Path,
    command: &CollectionsCommand,
    themes: &dyn Fn() -> crate::themes::ThemeSet,
) -> std::io::Result<i32> {
    let mut store = open(err, dir)?;
    match command {
        CollectionsCommand::List => {
            // A workspace that cannot be read is not an empty one: the reason comes first
            // (what follows is the backup's, if any), and the exit is 1.
            if let Some(reason) = store.read_only_reason() {
                writeln!(out, "archive-timeline: {}", one_line(reason))?;
            }
            for c in &store.workspace().collections {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    one_line(&c.name),
                    c.entries.len(),
                    hex_colour::to_string(c.colour),
                    one_line(&c.description)
                )?;
            }
            Ok(i32::from(
                store.moved_a_damaged_file() || store.is_read_only(),
            ))
        }
        CollectionsCommand::Create {
            name,
            colour,
            description,
        } => {
            let colour = match colour.as_deref().map(|c| (c, hex_colour::parse(c))) {
                Some((text, None)) => {
                    return failed(err, &format!("--colour {text}: write it as #rrggbb"))
                }
                Some((_, Some(c))) => Some(c),
                None => None,
            };
            let op = Op::CreateCollection {
                name: name.clone(),
                colour,
                description: description.clone(),
            };
            apply(
                out,
                err,
                &mut store,
                &op,
                &format!("created {}", one_line(name)),
            )
        }
        CollectionsCommand::Add {
            name,
            id,
            note,
            paths,
        } => {
            let loaded = super::load(paths);
            let (id, card) = match card_of(&loaded.library, id, paths) {
                Ok(found) => found,
                Err(e) => return failed(err, &e),
            };
            let title = card.title.clone();
            let op = Op::AddToCollection {
                name: name.clone(),
                id: id.clone(),
                card: Some(card),
                note: note.clone(),
            };
            let said = format!("added {id} to {}: {}", one_line(name), one_line(&title));
            apply(out, err, &mut store, &op, &said)
        }
        CollectionsCommand::Remove { name, id } => {
            let id = DocId(id.clone());
            if store
                .workspace()
                .collection(name)
                .is_some_and(|c| !c.contains(&id))
            {
                return failed(err, &format!("{id} is not in {}", one_line(name)));
            }
            let op = Op::RemoveFromCollection {
                name: name.clone(),
                id: id.clone(),
            };
            apply(
                out,
                err,
                &mut store,
                &op,
                &format!("removed {id} from {}", one_line(name)),
            )
        }
        CollectionsCommand::Show { name } => {
            let ws = store.workspace();
            let Some(c) = ws.find_collection(name) else {
                return failed(err, &ws.no_such_collection(name));
            };
            for e in ws.ordered(c) {
                let card = ws.record(&e.id).map(|r| &r.card);
                let date = card.and_then(|c| c.date.as_deref()).unwrap_or("undated");
                let date = match ws.date_user(&e.id) {
                    Some(d) => format!("{date} (yours: {})", d.edtf),
                    None => date.to_string(),
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    one_line(e.id.as_str()),
                    one_line(&date),
                    one_line(card.map_or("", |c| c.title.as_str())),
                    one_line(ws.note(&e.id)),
                    one_line(&e.note)
                )?;
            }
            Ok(0)
        }
        CollectionsCommand::Export { name, format } => {
            let ws = store.workspace();
            let Some(c) = ws.find_collection(name) else {
                return failed(err, &ws.no_such_collection(name));
            };
            let items = ws.export_items(c);
            let refs: Vec<&Bookmark> = items.iter().collect();
            let format = format.format();
            let lanes = if format.is_grouped() {
                bookmarks::lanes::lanes_of(&refs, &themes(), &|_| None)
            } else {
                std::collections::HashMap::new()
            };
            let text = bookmarks::export::export_ordered(
                &refs,
                format,
                &|b| lanes.get(&b.id).cloned().unwrap_or_default(),
                &c.name,
            );
            out.write_all(text.as_bytes())?;
            Ok(0)
        }
    }
}

/// Runs `lesson export`.
pub fn lesson<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    dir: &Path,
    command: &LessonCommand,
) -> std::io::Result<i32> {
    let store = open(err, dir)?;
    match command {
        LessonCommand::Export {
            name,
            out: file,
            paths,
        } => {
            let ws = store.workspace();
            let name = ws.find_collection(name).map_or(name.as_str(), |c| &c.name);
            let file = &file
                .clone()
                .unwrap_or_else(|| Path::new(".").join(crate::workspace::lesson::file_name(name)));
            let loaded: Loaded = super::load(paths);
            let text = match crate::workspace::lesson::export(ws, name, &loaded.library) {
                Ok(text) => text,
                Err(e) => return failed(err, &e),
            };
            if let Err(e) = crate::durable::fsio::write_atomic(file, text.as_bytes()) {
                return failed(err, &format!("could not write {}: {e}", file.display()));
            }
            let stops = ws.collection(name).map_or(0, |c| c.entries.len());
            writeln!(
                out,
                "wrote lesson {} ({}) to {}",
                one_line(name),
                crate::text::count(stops, "stop"),
                file.display()
            )?;
            Ok(0)
        }
    }
}

/// Runs `date set|clear`.
pub fn date<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    dir: &Path,
    command: &DateCommand,
) -> std::io::Result<i32> {
    let mut store = open(err, dir)?;
    match command {
        DateCommand::Set {
            id,
            edtf,
            reason,
            paths,
        } => {
            if let Err(e) = crate::workspace::ops::check_date(edtf) {
                return failed(err, &e);
            }
            let loaded = super::load(paths);
            let (id, card) = match card_of(&loaded.library, id, paths) {
                Ok(found) => found,
                Err(e) => return failed(err, &e),
            };
            let archive = card.date.clone().unwrap_or_else(|| "undated".into());
            let op = Op::SetDate {
                id: id.clone(),
                card: Some(card),
                edtf: edtf.clone(),
                reason: reason.clone(),
            };
            let shown =
                crate::workspace::ops::check_date(edtf).map_or_else(|_| edtf.clone(), |d| d.0);
            let said = format!("dated {id} {shown} (the archive's date, {archive}, is kept)");
            apply(out, err, &mut store, &op, &said)
        }
        DateCommand::Clear { id } => {
            let id = DocId(id.clone());
            if store.workspace().date_user(&id).is_none() {
                return failed(err, &format!("{id} has no date of yours"));
            }
            let op = Op::ClearDate { id: id.clone() };
            apply(
                out,
                err,
                &mut store,
                &op,
                &format!("cleared your date of {id}"),
            )
        }
    }
}

/// Runs `link add|remove`.
pub fn link<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    dir: &Path,
    command: &LinkCommand,
) -> std::io::Result<i32> {
    let mut store = open(err, dir)?;
    match command {
        LinkCommand::Add {
            from,
            to,
            label,
            paths,
        } => {
            let loaded = super::load(paths);
            let (from, from_card) = match card_of(&loaded.library, from, paths) {
                Ok(found) => found,
                Err(e) => return failed(err, &e),
            };
            let (to, to_card) = match card_of(&loaded.library, to, paths) {
                Ok(found) => found,
                Err(e) => return failed(err, &e),
            };
            let said = format!("linked {from} {} {to}", one_line(label));
            let op = Op::Link {
                from,
                from_card: Some(from_card),
                to,
                to_card: Some(to_card),
                label: label.clone(),
            };
            apply(out, err, &mut store, &op, &said)
        }
        LinkCommand::Remove { from, to, label } => {
            let op = Op::Unlink {
                from: DocId(from.clone()),
                to: DocId(to.clone()),
                label: label.clone(),
            };
            apply(
                out,
                err,
                &mut store,
                &op,
                &format!("unlinked {from} and {to}"),
            )
        }
    }
}
