//! `bench`: load time, frame times and memory on N synthetic documents (see `crate::bench`).

use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// How many documents to generate.
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// One JSON object per line instead of key=value text.
    #[arg(long)]
    pub json: bool,
    /// Frames measured per view (at least 60).
    #[arg(long, default_value_t = 60)]
    pub frames: usize,
    /// Measure in the real eframe window (1920x1080, no vsync): the full frame time (ui,
    /// tessellation, painting, swap) per view, instead of ui and tessellation alone.
    #[arg(long)]
    pub window: bool,
    /// Put this many documents in research-workspace collections first (a tenth with the
    /// user's own date, a twentieth linked), then measure the same views.
    #[arg(long, default_value_t = 0)]
    pub collected: usize,
    /// Skip the start-up figures (the app's cold and warm start and a command over the
    /// documents written as page files, each in a fresh process).
    #[arg(long)]
    pub no_start: bool,
    /// Internal: one start of the app on these page files, as the start-up figures run it.
    #[arg(long = "probe-start", value_name = "DIR", hide = true)]
    pub probe_start: Option<std::path::PathBuf>,
}

pub fn run<W: Write>(out: &mut W, args: &BenchArgs) -> std::io::Result<i32> {
    if let Some(pages) = &args.probe_start {
        return crate::bench::probe_start(pages, out).map(|()| 0);
    }
    let options = crate::bench::BenchOptions {
        docs: args.docs,
        json: args.json,
        frames: args.frames,
        collected: args.collected,
        start: !args.no_start,
    };
    if args.window {
        return match crate::bench::run_window(&options, out) {
            Ok(()) => Ok(0),
            Err(e) => {
                writeln!(out, "bench --window: {e}")?;
                Ok(1)
            }
        };
    }
    crate::bench::run(&options, out).map(|()| 0)
}
