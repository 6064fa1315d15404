//! The built-in themes measured against 333 real archive listings across 22 topics
//! (tests/fixtures/themes_eval/listings.csv; how it was built: SOURCES.md there). Each listing
//! carries the lane a historian would expect, and for unclear cases the other acceptable lanes.
//!
//! Prints the agreement and a confusion table of broad lanes (`cargo test --test themes_eval --
//! --nocapture`), and holds the targets: first-lane agreement at least 85%, Other at
//! most 10%, no broad lane over half of the set.
//!
//! Caveat, also in the README: the rules were written by the person who labelled the set, after
//! reading it, so this is a regression check of the rules, not a held-out measurement.

use archive_timeline::model::date_line::{parse_date_line, DateLine};
use archive_timeline::model::{DocDate, DocId, Document, Library};
use archive_timeline::themes::{ThemeSet, OTHER_NAME};
use std::collections::BTreeMap;

struct Row {
    title: String,
    expected: String,
    acceptable: Vec<String>,
}

fn listings() -> (Library, Vec<Row>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/themes_eval/listings.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("listings.csv opens");
    let mut docs = Vec::new();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("a CSV row");
        let field = |n: usize| record.get(n).unwrap_or_default().to_string();
        let date = match parse_date_line(&field(0)) {
            DateLine::Date(date) => date,
            _ => DocDate::Undated,
        };
        docs.push(Document {
            id: DocId(format!("eval-{i}")),
            date,
            date_text: field(0),
            title: field(1),
            summary: field(2),
            page: None,
            sources: Default::default(),
        });
        rows.push(Row {
            title: field(1),
            expected: field(4),
            acceptable: field(5)
                .split(';')
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
        });
    }
    (Library::new(docs), rows)
}

#[test]
fn builtin_themes_agree_with_historians_on_real_listings() {
    let set = ThemeSet::builtin();
    let (library, rows) = listings();
    assert!(rows.len() >= 300, "{} listings", rows.len());
    let names: Vec<&str> = set.themes.iter().map(|t| t.name.as_str()).collect();
    for row in &rows {
        for label in std::iter::once(&row.expected).chain(&row.acceptable) {
            assert!(
                label == OTHER_NAME || names.contains(&label.as_str()),
                "unknown lane {label:?} for {:?}",
                row.title
            );
        }
    }
    let index_of = |name: &str| names.iter().position(|n| *n == name);
    let broad_name = |name: &str| -> String {
        index_of(name).map_or(OTHER_NAME.to_string(), |i| {
            set.themes[set.broad_of(i)].name.clone()
        })
    };

    let classes = set.classify(&library);
    let mut exact = 0;
    let mut agreed = 0;
    let mut broad_agreed = 0;
    let mut other = 0;
    let mut per_broad: BTreeMap<String, usize> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut misses = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        // The library sorts documents by date: find each row's document by its id.
        let doc = library
            .index_of(&DocId(format!("eval-{i}")))
            .expect("every listing is in the library");
        let lane = set.lane_name(classes.lane_of[doc]).to_string();
        let broad = broad_name(&lane);
        other += usize::from(lane == OTHER_NAME);
        *per_broad.entry(broad.clone()).or_default() += 1;
        *confusion
            .entry((broad_name(&row.expected), broad.clone()))
            .or_default() += 1;
        exact += usize::from(lane == row.expected);
        if lane == row.expected || row.acceptable.contains(&lane) {
            agreed += 1;
        } else {
            misses.push(format!("{:<40.40} expected {}", row.title, row.expected));
        }
        let fair_broads: Vec<String> = std::iter::once(&row.expected)
            .chain(&row.acceptable)
            .map(|l| broad_name(l))
            .collect();
        broad_agreed += usize::from(fair_broads.contains(&broad));
    }
    let n = rows.len();
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    println!("listings: {n}");
    println!(
        "first lane = expected:                {exact:>4} ({:.1}%)",
        pct(exact)
    );
    println!(
        "first lane = expected or acceptable:  {agreed:>4} ({:.1}%)",
        pct(agreed)
    );
    println!(
        "broad lane agrees:                    {broad_agreed:>4} ({:.1}%)",
        pct(broad_agreed)
    );
    println!(
        "Other:                                {other:>4} ({:.1}%)",
        pct(other)
    );
    let broads: Vec<String> = per_broad.keys().cloned().collect();
    println!("\nconfusion (rows: expected broad lane, columns: placed)");
    print!("{:<28}", "");
    for (i, _) in broads.iter().enumerate() {
        print!("{i:>4}");
    }
    println!();
    for (i, expected) in broads.iter().enumerate() {
        print!("{:>2} {:<25.25}", i, expected);
        for placed in &broads {
            let count = confusion
                .get(&(expected.clone(), placed.clone()))
                .copied()
                .unwrap_or(0);
            if count == 0 {
                print!("{:>4}", ".");
            } else {
                print!("{count:>4}");
            }
        }
        println!();
    }
    println!("\nmisses:");
    for miss in &misses {
        println!("  {miss}");
    }

    assert!(
        pct(agreed) >= 85.0,
        "first-lane agreement {:.1}%",
        pct(agreed)
    );
    assert!(pct(other) <= 10.0, "Other holds {:.1}%", pct(other));
    for (lane, count) in &per_broad {
        assert!(
            pct(*count) <= 50.0,
            "{lane} holds {:.1}% of the set",
            pct(*count)
        );
    }
}
