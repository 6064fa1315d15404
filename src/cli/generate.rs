//! `generate`: writes the benchmark's synthetic corpus as page files (for import tests).

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 10_000)]
    pub docs: usize,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    args: &GenerateArgs,
) -> std::io::Result<i32> {
    match crate::synth::write_corpus(args.docs, &args.out) {
        Ok(files) => {
            writeln!(
                out,
                "wrote {} for {} to {}",
                crate::text::count(files, "page file"),
                crate::text::count(args.docs, "document"),
                args.out.display()
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(
                err,
                "archive-timeline: could not write to {}: {e}",
                args.out.display()
            )?;
            Ok(1)
        }
    }
}
