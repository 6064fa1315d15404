//! Criterion benchmarks of every reader, one file of each format: a search page and a
//! document page (text), a saved HTML page, and 1,000-item CSL-JSON, RIS, BibTeX and CSV
//! files. `cargo bench --bench readers`; figures only, no asserts.

use archive_timeline::ingest::{self, parse_as, sample, Format};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::sync::Arc;

fn readers(c: &mut Criterion) {
    let file: Arc<str> = Arc::from("bench");
    let html = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/listing_seed003.html"
    ))
    .unwrap_or_default();
    let mut inputs: Vec<(String, Format, String)> = vec![
        (
            "search page".into(),
            Format::Page,
            ingest::SEEDS[0].1.to_string(),
        ),
        (
            "document page".into(),
            Format::Page,
            ingest::SEEDS[4].1.to_string(),
        ),
        ("saved HTML page".into(), Format::Html, html),
    ];
    for format in [Format::CslJson, Format::Ris, Format::Bibtex, Format::Csv] {
        inputs.push((
            format!("{} 1k items", format.name()),
            format,
            sample::reference_file(format, 1_000),
        ));
    }
    let mut group = c.benchmark_group("readers");
    group.sample_size(20);
    for (name, format, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| parse_as(*format, black_box(text), &file))
        });
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
