//! The library cache's encoding, measured: bitcode (the one the cache uses) against postcard
//! on the same records, the documents of a generated corpus as the cache keeps them. Prints
//! each encoding's size once, then criterion's encode and decode times.
//! `cargo bench --bench cache_format`; figures only, no asserts.

use archive_timeline::cache::record::{doc_record, DocRecord, NameTable};
use archive_timeline::{ingest, synth};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// Documents in the measured corpus (a tenth of the README's million: the ratio is the point).
const DOCS: usize = 100_000;

fn records() -> Vec<DocRecord> {
    let pages: Vec<synth::SynthPage> = synth::pages(DOCS).collect();
    let texts: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| (p.name.as_str(), p.text.as_str()))
        .collect();
    let loaded = ingest::load_texts(&texts);
    let mut names = NameTable::default();
    loaded
        .library
        .docs()
        .iter()
        .map(|d| doc_record(d, &mut names))
        .collect()
}

fn cache_format(c: &mut Criterion) {
    let records = records();
    let bitcode_bytes = bitcode::encode(&records);
    let postcard_bytes = postcard::to_allocvec(&records).unwrap_or_default();
    println!(
        "{} documents: bitcode {} bytes, postcard {} bytes",
        records.len(),
        bitcode_bytes.len(),
        postcard_bytes.len()
    );
    let mut group = c.benchmark_group("cache_format");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("bitcode encode", |b| {
        b.iter(|| bitcode::encode(black_box(&records)))
    });
    group.bench_function("postcard encode", |b| {
        b.iter(|| postcard::to_allocvec(black_box(&records)))
    });
    group.bench_function("bitcode decode", |b| {
        b.iter(|| bitcode::decode::<Vec<DocRecord>>(black_box(&bitcode_bytes)))
    });
    group.bench_function("postcard decode", |b| {
        b.iter(|| postcard::from_bytes::<Vec<DocRecord>>(black_box(&postcard_bytes)))
    });
    group.finish();
}

criterion_group!(benches, cache_format);
criterion_main!(benches);
