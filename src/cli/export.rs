//! `export`: every document with every field and its themes, as JSON or CSV on stdout;
//! diagnostics go to stderr so stdout stays clean data.

use super::Cli;
use crate::export::{self, Format};
use crate::ingest::Loaded;
use crate::themes::ThemeSet;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Page files or folders (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Loads the pages with the chosen themes and exports them (see [`export()`]).
pub fn run<W: Write>(out: &mut W, cli: &Cli, args: &ExportArgs) -> std::io::Result<i32> {
    let themes = super::themes_or_report(cli);
    // The classification comes from the library cache with the documents when it has one.
    let (loaded, classification) = super::load_classified(&args.paths, &themes);
    let dir = crate::dirs::data_dir(cli.data_dir.as_deref());
    let store = crate::workspace::WorkspaceStore::open(&dir);
    for notice in store.notices() {
        eprintln!(
            "archive-timeline: {}",
            crate::text::safe::one_line(&notice.to_string())
        );
    }
    let ws = store.workspace();
    let overlay_phase = crate::phases::start("export: workspace overlay");
    let overlay = crate::workspace::Overlay::build(ws, &loaded.library);
    overlay_phase.done();
    let write = crate::phases::start("export: write");
    let code = write_classified(
        out,
        &loaded,
        &themes,
        &classification,
        args.format,
        |i, doc| {
            crate::export::Annotation::of(ws, overlay.id_of(i, &loaded.library).unwrap_or(&doc.id))
        },
    );
    write.done();
    super::leave_to_exit((overlay, loaded, classification));
    code
}

/// Every document to `out`, with its themes and what the workspace `ws` says of it (the
/// user's date and reason, note, collections, links); exit 1 when a file could not be read.
pub fn export_with<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    themes: &ThemeSet,
    format: ExportFormat,
    ws: &crate::workspace::Workspace,
) -> std::io::Result<i32> {
    let overlay = crate::workspace::Overlay::build(ws, &loaded.library);
    write_all(out, loaded, themes, format, |i, doc| {
        crate::export::Annotation::of(ws, overlay.id_of(i, &loaded.library).unwrap_or(&doc.id))
    })
}

/// Every document to `out`, with its themes; exit 1 when a file could not be read.
pub fn export<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    themes: &ThemeSet,
    format: ExportFormat,
) -> std::io::Result<i32> {
    write_all(out, loaded, themes, format, |_, _| {
        crate::export::Annotation::default()
    })
}

fn write_all<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    themes: &ThemeSet,
    format: ExportFormat,
    annotate: impl Fn(usize, &crate::model::Document) -> crate::export::Annotation + Sync,
) -> std::io::Result<i32> {
    let classification = themes.classify(&loaded.library);
    write_classified(out, loaded, themes, &classification, format, annotate)
}

fn write_classified<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    themes: &ThemeSet,
    classification: &crate::themes::Classification,
    format: ExportFormat,
    annotate: impl Fn(usize, &crate::model::Document) -> crate::export::Annotation + Sync,
) -> std::io::Result<i32> {
    let format = match format {
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    export::write_annotated(
        out,
        &loaded.library,
        format,
        |i| match classification.themes_of.get(i) {
            Some(list) if !list.is_empty() => list.iter().map(|&t| themes.lane_name(t)).collect(),
            _ => vec![crate::themes::OTHER_NAME],
        },
        annotate,
    )?;
    for diag in loaded.diagnostics() {
        eprintln!("{diag}");
    }
    Ok(i32::from(loaded.failed_files() > 0))
}
