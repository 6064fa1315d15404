//! archive-timeline's entry point: parse the command line, run it, map the exit code.

use archive_timeline::cli::{self, Cli};
use clap::Parser;
use std::process::ExitCode;

/// Loading a library is millions of small allocations (strings of a million documents);
/// mimalloc does them in about half glibc's time, and frees without consolidating. With its
/// "override" feature (Cargo.toml) it also serves the C libraries' malloc, so the software
/// renderer's per-frame buffers reuse memory instead of returning it to the kernel.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = Cli::parse();
    match cli::run(&args, started) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("archive-timeline: {err}");
            ExitCode::from(1)
        }
    }
}
