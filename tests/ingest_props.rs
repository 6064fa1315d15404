//! Property tests for every reader: no input panics any of them, and a page (or RIS file, or
//! spreadsheet) built from N records, with any mix of missing dates and missing summaries,
//! reads back as exactly those N records.

use archive_timeline::ingest::{parse_as, read_bytes, Format};
use archive_timeline::model::DocDate;
use proptest::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
struct Record {
    date: Option<String>,
    title: String,
    summary: Option<String>,
}

fn date_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1945i32..1997, 1u32..13, 1u32..29).prop_map(|(y, m, d)| {
            let name = archive_timeline::model::date::MONTH_NAMES[(m - 1) as usize];
            format!("{name} {d}, {y}")
        }),
        (1945i32..1997, 1u32..13).prop_map(|(y, m)| {
            let name = archive_timeline::model::date::MONTH_NAMES[(m - 1) as usize];
            format!("{name} {y}")
        }),
        (1945i32..1997).prop_map(|y| y.to_string()),
        (1945i32..1997).prop_map(|y| format!("c. {y}")),
        (1945i32..1997).prop_map(|y| format!("Summer {y}")),
        (1945i32..1990, 1i32..6).prop_map(|(y, n)| format!("{y}-{}", y + n)),
        (1945i32..1997, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (1945i32..1997, 1u32..13).prop_map(|(y, m)| format!("{y}-{m:02}")),
    ]
}

fn title() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "Telegram from",
            "Memorandum of Conversation with",
            "Letter to",
            "Report on",
            "Record of a Meeting with",
            "Journal of Ambassador",
        ]),
        "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,3}",
    )
        .prop_map(|(kind, words)| format!("{kind} {words}"))
}

fn summary() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,14}\\.".prop_map(|s| s)
}

fn record() -> impl Strategy<Value = Record> {
    (
        prop::option::weighted(0.7, date_line()),
        title(),
        prop::option::weighted(0.6, summary()),
    )
        .prop_map(|(date, title, summary)| Record {
            date,
            title,
            summary,
        })
}

/// The archive's listing layout; a missing date leaves its empty slot, as the site does.
fn page_of(records: &[Record]) -> String {
    let n = records.len();
    let mut lines = vec![
        "Skip to content".to_string(),
        String::new(),
        "Results:".to_string(),
        String::new(),
        format!("1 - {n} of {n}"),
        String::new(),
        "Documents".to_string(),
        String::new(),
    ];
    for r in records {
        lines.push(r.date.clone().unwrap_or_default());
        lines.push(String::new());
        lines.push(r.title.clone());
        lines.push(String::new());
        if let Some(s) = &r.summary {
            lines.push(s.clone());
            lines.push(String::new());
        }
    }
    lines.push("Pagination".to_string());
    lines.join("\n")
}

fn ris_of(records: &[Record]) -> String {
    let mut out = String::new();
    for r in records {
        out.push_str("TY  - MANSCPT\r\n");
        out.push_str(&format!("TI  - {}\r\n", r.title));
        if let Some(d) = &r.date {
            out.push_str(&format!("DA  - {d}\r\n"));
        }
        if let Some(s) = &r.summary {
            out.push_str(&format!("AB  - {s}\r\n"));
        }
        out.push_str("ER  - \r\n\r\n");
    }
    out
}

fn csv_of(records: &[Record]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["date", "title", "summary"])
        .expect("header");
    for r in records {
        w.write_record([
            r.date.as_deref().unwrap_or(""),
            r.title.as_str(),
            r.summary.as_deref().unwrap_or(""),
        ])
        .expect("row");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf8")
}

fn check_read_back(format: Format, text: &str, records: &[Record]) -> Result<(), TestCaseError> {
    let file: Arc<str> = Arc::from("gen");
    let page = parse_as(format, text, &file);
    prop_assert_eq!(
        page.entries.len(),
        records.len(),
        "{:?}\n{}",
        page.diagnostics,
        text
    );
    for (e, r) in page.entries.iter().zip(records) {
        prop_assert_eq!(&e.title, &r.title);
        prop_assert_eq!(&e.summary, r.summary.as_deref().unwrap_or(""));
        prop_assert_eq!(
            e.date == DocDate::Undated,
            r.date.is_none(),
            "{:?} for {:?}",
            e.date,
            r.date
        );
    }
    let missing = records.iter().filter(|r| r.date.is_none()).count();
    prop_assert_eq!(page.undated(), missing);
    prop_assert!(
        page.unread_lines.is_empty(),
        "unread {:?}",
        page.unread_lines
    );
    Ok(())
}

/// Noise that looks like each format, to reach deep into the readers.
fn noise_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Citation:".to_string()),
        Just("Document Information".to_string()),
        Just("Record ID".to_string()),
        Just("Summary".to_string()),
        Just("TY  - GEN".to_string()),
        Just("ER  - ".to_string()),
        "[A-Z][A-Z0-9]  - .{0,20}",
        Just("@misc{k,".to_string()),
        Just("}".to_string()),
        "[a-z]{1,6} = \\{.{0,10}\\},?",
        Just("<li><time>May 1, 1950</time><h3>T</h3>".to_string()),
        Just("<div><p>".to_string()),
        Just("[{\"title\": \"x\", \"issued\": {\"date-parts\": [[1956, 13, 40]]}}]".to_string()),
        "\"?[a-z ,]{0,10}\"?,[0-9]{0,4},.{0,8}",
        (1900i32..2100).prop_map(|y| y.to_string()),
        (0u32..40, 1900i32..100_000).prop_map(|(d, y)| format!("September {d}, {y}")),
        Just("c. 1956".to_string()),
        Just("1956-1957".to_string()),
        Just("Summer 1956".to_string()),
        Just("• Citation".to_string()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_page_of_n_records_reads_back_as_n_records(records in prop::collection::vec(record(), 1..25)) {
        check_read_back(Format::Page, &page_of(&records), &records)?;
    }

    #[test]
    fn a_ris_file_of_n_records_reads_back_as_n_records(records in prop::collection::vec(record(), 1..25)) {
        check_read_back(Format::Ris, &ris_of(&records), &records)?;
    }

    #[test]
    fn a_spreadsheet_of_n_rows_reads_back_as_n_records(records in prop::collection::vec(record(), 1..25)) {
        check_read_back(Format::Csv, &csv_of(&records), &records)?;
    }

    #[test]
    fn no_reader_panics_on_arbitrary_text(text in any::<String>()) {
        let file: Arc<str> = Arc::from("fuzz");
        for format in Format::ALL {
            let page = parse_as(format, &text, &file);
            for e in &page.entries {
                prop_assert!(!e.title.is_empty());
            }
        }
    }

    #[test]
    fn no_reader_panics_on_format_like_noise(lines in prop::collection::vec(noise_line(), 0..60)) {
        let text = lines.join("\n");
        let file: Arc<str> = Arc::from("fuzz");
        for format in Format::ALL {
            let page = parse_as(format, &text, &file);
            for e in &page.entries {
                prop_assert!(!e.title.is_empty());
            }
        }
    }

    #[test]
    fn no_bytes_panic_the_whole_pipeline(bytes in prop::collection::vec(any::<u8>(), 0..3000), ext in prop::sample::select(vec!["txt", "html", "json", "ris", "bib", "csv"])) {
        let _ = read_bytes(&format!("fuzz.{ext}"), &bytes);
    }
}
