//! The 100,000-item figure: reading a CSL-JSON or RIS file of 100,000 items (decode, parse,
//! merge into a library) must take under 2 s in a release build. Ignored by default; run:
//! `cargo test --release --test ingest_speed -- --ignored --nocapture`.

use archive_timeline::ingest::{build_loaded, read_bytes, sample, Format};
use std::time::Instant;

#[test]
#[ignore = "timing: run in release with --ignored --nocapture"]
fn reading_100k_items_takes_under_two_seconds() {
    for format in [Format::CslJson, Format::Ris, Format::Bibtex, Format::Csv] {
        let text = sample::reference_file(format, 100_000);
        let start = Instant::now();
        let (report, entries) = read_bytes("big", text.as_bytes());
        let parsed = start.elapsed();
        let loaded = build_loaded(vec![(report, entries)]);
        let total = start.elapsed();
        println!(
            "{:<9} 100,000 items, {:>5.1} MB: read {:>6.0} ms, read + merge into a library {:>6.0} ms ({} documents)",
            format.name(),
            text.len() as f64 / 1e6,
            parsed.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            loaded.library.len()
        );
        assert_eq!(loaded.library.len(), 100_000);
        if !cfg!(debug_assertions) && matches!(format, Format::CslJson | Format::Ris) {
            assert!(
                total.as_secs_f64() < 2.0,
                "{} took {total:?}",
                format.name()
            );
        }
    }
}
