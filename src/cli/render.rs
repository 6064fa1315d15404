//! `render`: the timeline over a period, drawn off-screen by the CPU rasterizer into a PNG
//! (no window, no GPU): for slides and handouts.

use super::Cli;
use crate::app::{picture, AppDeps, TimelineApp};
use crate::model::DocDate;
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
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
    /// Use the high-contrast presentation look.
    #[arg(long)]
    pub present: bool,
    /// Page files or folders (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Draws the picture; exit 2 on a size out of range, 1 when the file could not be written.
pub fn run<E: Write>(err: &mut E, cli: &Cli, args: &RenderArgs) -> std::io::Result<i32> {
    let themes = super::themes_or_report(cli);
    if !(16..=16_384).contains(&args.width) || !(16..=16_384).contains(&args.height) {
        writeln!(
            err,
            "archive-timeline: --width and --height must be between 16 and 16384 pixels"
        )?;
        return Ok(2);
    }
    let loaded = super::load(&args.paths);
    let corpus = crate::corpus::Corpus::build(loaded, themes);
    let deps = AppDeps::picture(std::sync::Arc::new(corpus), args.present);
    let mut app = TimelineApp::new(deps);
    let window = TimeWindow::from_dates(args.from, args.to);
    match picture::write(&mut app, window, args.width, args.height, &args.out) {
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
