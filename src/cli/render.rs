//! `render`: the timeline over a period, drawn off-screen (no window, no GPU): a PNG through
//! the CPU rasterizer, or a vector poster (SVG or PDF, by the output's extension) on paper of
//! a named size or of `--width` x `--height` millimetres, split across `--pages`.
//! `--collection NAME` draws only that collection's documents, over its span unless `--from` /
//! `--to` say otherwise.

use super::Cli;
use crate::app::publish::picture::{self, PosterSpec, VectorKind};
use crate::app::{AppDeps, TimelineApp};
use crate::model::DocDate;
use crate::output::vector::PageSize;
use crate::timeline::{parse_iso_date, TimeWindow};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Start of the period shown (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub from: Option<DocDate>,
    /// End of the period shown.
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub to: Option<DocDate>,
    /// FILE.png, or FILE.svg / FILE.pdf for a vector poster.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Width: pixels for a PNG (default 1920), millimetres for SVG/PDF (instead of --page).
    #[arg(long)]
    pub width: Option<u32>,
    /// Height: pixels for a PNG (default 1080), millimetres for SVG/PDF.
    #[arg(long)]
    pub height: Option<u32>,
    /// Paper for SVG/PDF: a4, a3, a2 or letter, with -landscape or -portrait
    /// (default a3-landscape).
    #[arg(long, value_name = "SIZE", value_parser = parse_page)]
    pub page: Option<PageSize>,
    /// Split the period across this many pages (SVG/PDF), each with its own axis.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub pages: u32,
    /// The title at the foot of each page (SVG/PDF).
    #[arg(long, default_value = "Cold War documents")]
    pub title: String,
    /// Use the high-contrast presentation look (with the context band).
    #[arg(long)]
    pub present: bool,
    /// Draw the Cold War context band above the lanes (with your own events from the data
    /// dir's context_events.csv).
    #[arg(long)]
    pub context: bool,
    /// A CSV of your own context events (columns date, title and optionally end), drawn in
    /// the band beside the data dir's; implies --context. May be given more than once.
    #[arg(long = "context-events", value_name = "FILE")]
    pub context_events: Vec<PathBuf>,
    /// Draw only this collection's documents (by name, any case; `bookmarks` is Starred),
    /// over its span unless --from / --to are given.
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,
    /// Page files or folders (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn parse_page(text: &str) -> Result<PageSize, String> {
    PageSize::parse(text).ok_or_else(|| {
        format!("{text:?} is not a page size: a4, a3, a2 or letter, optionally with -landscape or -portrait")
    })
}

/// Draws the picture; exit 2 on a size out of range, 1 when the file could not be written.
pub fn run<E: Write>(err: &mut E, cli: &Cli, args: &RenderArgs) -> std::io::Result<i32> {
    let kind = VectorKind::of_path(&args.out);
    let (width, height) = match kind {
        None => (args.width.unwrap_or(1920), args.height.unwrap_or(1080)),
        Some(_) => (args.width.unwrap_or(0), args.height.unwrap_or(0)),
    };
    let page = match (kind, args.width, args.height) {
        (None, _, _) => None,
        (Some(_), None, None) => {
            Some(args.page.unwrap_or(
                PageSize::parse("a3-landscape").unwrap_or(PageSize::from_mm(420.0, 297.0)),
            ))
        }
        (Some(_), Some(w), Some(h)) if (50..=5000).contains(&w) && (50..=5000).contains(&h) =>
        {
            #[allow(clippy::cast_precision_loss)]
            Some(PageSize::from_mm(w as f32, h as f32))
        }
        (Some(_), _, _) => {
            writeln!(
                err,
                "archive-timeline: for SVG and PDF give both --width and --height in millimetres (50 to 5000), or --page"
            )?;
            return Ok(2);
        }
    };
    if kind.is_none() && (!(16..=16_384).contains(&width) || !(16..=16_384).contains(&height)) {
        writeln!(
            err,
            "archive-timeline: --width and --height must be between 16 and 16384 pixels"
        )?;
        return Ok(2);
    }
    // Events files first: one that gives no event at all stops the render before any work.
    let mut extra = Vec::new();
    for path in &args.context_events {
        let (events, problems) = crate::context::load_csv(path);
        let shown = crate::ingest::diag::MAX_ALIKE;
        for problem in problems.iter().take(shown) {
            writeln!(err, "archive-timeline: {problem}")?;
        }
        if problems.len() > shown {
            writeln!(
                err,
                "archive-timeline: and {} more problems in {}",
                crate::ingest::diag::group_digits(problems.len() - shown),
                path.display()
            )?;
        }
        if events.is_empty() && !problems.is_empty() {
            writeln!(
                err,
                "archive-timeline: no context event could be read from {}",
                path.display()
            )?;
            return Ok(1);
        }
        extra.extend(events);
    }
    let items = match &args.collection {
        None => None,
        Some(name) => match collection_items(err, cli, name)? {
            Some(items) => Some(items),
            None => return Ok(1),
        },
    };
    let themes = super::themes_or_report(cli);
    let corpus = super::load_corpus(&args.paths, themes);
    let deps = AppDeps::picture(std::sync::Arc::new(corpus), args.present);
    let mut app = TimelineApp::new(deps);
    if args.context || !args.context_events.is_empty() {
        let data_dir = crate::dirs::data_dir(cli.data_dir.as_deref());
        if let Some(problem) = app.show_context_in_pictures(&data_dir, extra) {
            writeln!(err, "archive-timeline: {problem}")?;
        }
    }
    let span = items.as_deref().and_then(|items| app.show_only(items));
    let window = match span {
        Some(span) if args.from.is_none() && args.to.is_none() => Some(span),
        _ => TimeWindow::from_dates(args.from, args.to),
    };
    let written = match (kind, page) {
        (Some(kind), Some(page)) => {
            let spec = PosterSpec {
                page,
                pages: usize::try_from(args.pages).unwrap_or(1),
                title: args.title.clone(),
            };
            picture::write_poster(&mut app, window, &spec, kind, &args.out)
        }
        _ => picture::write(&mut app, window, width, height, &args.out),
    };
    super::leave_to_exit(app);
    match written {
        Ok(()) => Ok(0),
        Err(e) => {
            writeln!(
                err,
                "archive-timeline: could not write {}: {e}",
                args.out.display()
            )?;
            Ok(1)
        }
    }
}

/// The documents of collection `name` in the workspace of the data dir, or `None` (said on
/// `err`) when there is no such collection or it is empty.
fn collection_items<E: Write>(
    err: &mut E,
    cli: &Cli,
    name: &str,
) -> std::io::Result<Option<Vec<crate::bookmarks::Bookmark>>> {
    let dir = crate::dirs::data_dir(cli.data_dir.as_deref());
    let store = crate::workspace::WorkspaceStore::open(&dir);
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {notice}")?;
    }
    let ws = store.workspace();
    let Some(c) = ws.find_collection(name) else {
        writeln!(err, "archive-timeline: {}", ws.no_such_collection(name))?;
        return Ok(None);
    };
    if c.entries.is_empty() {
        writeln!(
            err,
            "archive-timeline: {:?} has no documents to draw",
            c.name
        )?;
        return Ok(None);
    }
    Ok(Some(
        ws.entry_bookmarks(c).into_iter().map(|(b, _)| b).collect(),
    ))
}
