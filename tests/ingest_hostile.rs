//! Hostile inputs (#26): each reader's work is linear in its input (counted, not timed), and a
//! fuzz-ish property per reader, built from the pieces hostile files are made of, runs for a
//! fixed number of cases here and for many more behind `--ignored`.

use archive_timeline::ingest::bibtex::read_counted;
use archive_timeline::ingest::merge::{merge_counted, PageEntries};
use archive_timeline::ingest::{parse_as, read_bytes, Format};
use proptest::prelude::*;
use std::sync::Arc;

/// A BibTeX file of `@string` definitions that refer to each other any way (loops, chains,
/// doubling), entries using them, `#` concatenations, crossrefs and broken braces.
fn hostile_bib() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["a", "b", "c", "d", "e", "jan", "x1"]);
    let value = prop_oneof![
        "[a-z ]{0,12}".prop_map(|t| format!("{{{t}}}")),
        name.clone().prop_map(str::to_string),
        (name.clone(), name.clone()).prop_map(|(x, y)| format!("{x} # {y}")),
        (name.clone(), name.clone(), name.clone())
            .prop_map(|(x, y, z)| format!("{x} # {y} # {z} # \"q\"")),
        Just("{unclosed".to_string()),
    ];
    let block = prop_oneof![
        (name.clone(), value.clone()).prop_map(|(n, v)| format!("@string{{{n} = {v}}}\n")),
        (0u8..6, value.clone(), 1940i32..2000)
            .prop_map(|(k, v, y)| format!("@misc{{k{k}, title = {v}, year = {y}}}\n")),
        (0u8..6, 0u8..6)
            .prop_map(|(k, r)| format!("@inbook{{k{k}, title = {{T}}, crossref = {{k{r}}}}}\n")),
        Just(
            "@misc{z, title = {\\url{https://digitalarchive.wilsoncenter.org/document/1}}}\n"
                .to_string()
        ),
        "[@{}#=, a-z]{0,20}\n",
    ];
    prop::collection::vec(block, 0..30).prop_map(|b| b.concat())
}

fn hostile_html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        (1usize..400).prop_map(|n| "<div>".repeat(n)),
        (1usize..400).prop_map(|n| "</div>".repeat(n)),
        Just("<script>a<b</script>".to_string()),
        Just("<li>May 1, 1950".to_string()),
        Just("<!-- <div> -->".to_string()),
        Just("<p>Telegram</p>".to_string()),
        "[<>/a-z ]{0,12}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|p| p.concat())
}

fn hostile_csv() -> impl Strategy<Value = String> {
    let row = prop_oneof![
        Just("T,1950".to_string()),
        Just("\"open,1951".to_string()),
        Just("\"a \"\"q\"\" b\",1952".to_string()),
        Just(",,,,".to_string()),
        "[,\"a-z0-9 ]{0,12}",
    ];
    prop::collection::vec(row, 0..40).prop_map(|rows| format!("title,date\n{}\n", rows.join("\n")))
}

fn hostile_ris() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("TY  - GEN".to_string()),
        Just("ER  - ".to_string()),
        Just("TI  - Telegram".to_string()),
        Just("PY  - 1956///Summer".to_string()),
        Just("DA  - 1953/13/40/".to_string()),
        "[A-Z0-9 -]{0,10}",
    ];
    prop::collection::vec(line, 0..60).prop_map(|l| l.join("\n"))
}

fn hostile_csl() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "[[1956]]",
        "[[4294967296]]",
        "[[1e308]]",
        "[[true]]",
        "[]",
        "[[1956, 13, 40]]",
        "[[\"1956\", 9]]",
    ]);
    prop::collection::vec(parts, 0..10).prop_map(|ps| {
        let items: Vec<String> = ps
            .iter()
            .map(|p| {
                format!(
                    r#"{{"type": "manuscript", "title": "T", "issued": {{"date-parts": {p}}}}}"#
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    })
}

/// Every reader on one text, through the whole pipeline too: no panic, and every entry has
/// a line in the file.
fn survives(format: Format, text: &str) -> Result<(), TestCaseError> {
    let file: Arc<str> = Arc::from("hostile");
    let page = parse_as(format, text, &file);
    let lines = text.lines().count().max(1);
    // (An HTML page's lines are lines of its text, not of its markup.)
    for e in page.entries.iter().filter(|_| format != Format::Html) {
        prop_assert!(
            e.line >= 1 && e.line <= lines + 1,
            "line {} of {lines}",
            e.line
        );
    }
    let (report, _) = read_bytes("hostile", text.as_bytes());
    prop_assert!(
        report.diagnostics.len()
            <= 4 * archive_timeline::ingest::diag::MAX_ALIKE + 4 * lines.min(1000)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bibtex_work_is_linear_in_the_file(text in hostile_bib()) {
        let (_, steps) = read_counted(&text, &Arc::from("h.bib"));
        // Eight times the file plus a mebibyte per entry, twice that for the file.
        prop_assert!(steps <= 2 * (8 * text.len() + (1 << 20)) + (1 << 21), "{steps}");
        survives(Format::Bibtex, &text)?;
    }

    #[test]
    fn merge_work_is_linear_in_the_items(rows in prop::collection::vec((0u8..3, 0u8..3), 1..400)) {
        let text = format!(
            "title,date\n{}\n",
            rows.iter().map(|(t, y)| format!("T{t},195{y}")).collect::<Vec<_>>().join("\n")
        );
        let file: Arc<str> = Arc::from("r.csv");
        let entries = parse_as(Format::Csv, &text, &file).entries;
        let n = entries.len();
        let (docs, comparisons) = merge_counted(vec![PageEntries::new(file, entries)]);
        prop_assert_eq!(docs.len(), n);
        prop_assert!(comparisons <= 2 * 64 * n, "{} for {}", comparisons, n);
        // Every document its own id.
        let ids: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        prop_assert_eq!(ids.len(), n);
    }

    #[test]
    fn html_survives_hostile_nesting(text in hostile_html()) {
        let (capped, _) = archive_timeline::ingest::html::cap_depth(&text);
        prop_assert!(capped.len() <= text.len());
        survives(Format::Html, &text)?;
    }

    #[test]
    fn csv_survives_hostile_quotes(text in hostile_csv()) {
        survives(Format::Csv, &text)?;
    }

    #[test]
    fn ris_survives_hostile_records(text in hostile_ris()) {
        survives(Format::Ris, &text)?;
    }

    #[test]
    fn csl_json_survives_hostile_dates(text in hostile_csl()) {
        survives(Format::CslJson, &text)?;
    }
}

/// The same properties for many more cases: `cargo test --test ingest_hostile -- --ignored`.
#[test]
#[ignore = "long fuzz run"]
fn long_fuzz_run_of_every_reader() {
    let config = ProptestConfig::with_cases(20_000);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    for (format, strategy) in [
        (Format::Bibtex, hostile_bib().boxed()),
        (Format::Html, hostile_html().boxed()),
        (Format::Csv, hostile_csv().boxed()),
        (Format::Ris, hostile_ris().boxed()),
        (Format::CslJson, hostile_csl().boxed()),
    ] {
        runner
            .run(&strategy, |text| survives(format, &text))
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
    }
}
