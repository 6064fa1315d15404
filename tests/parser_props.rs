//! Property tests: no input, however odd, panics the parser or loses an entry it recognised;
//! and a document page, on each of the archive's document layouts, is one record whose full
//! text holds every paragraph of its body, whatever dates, short upper-case lines or brackets
//! the body holds (the list-page property, N entries in and N records out, is in
//! `ingest_props`).

use archive_timeline::ingest::entry::Layout;
use archive_timeline::ingest::page::parse_page;
use archive_timeline::ingest::{decode, load_texts};
use proptest::prelude::*;
use std::sync::Arc;

/// Lines that look like the archive's, mixed with noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Skip to content".to_string()),
        Just("Pagination".to_string()),
        Just("Citation:".to_string()),
        Just("Summary:".to_string()),
        Just("Contents:".to_string()),
        Just("Undated".to_string()),
        Just("1 - 10 of 41".to_string()),
        (1900i32..2100).prop_map(|y| y.to_string()),
        (0u32..40, 1900i32..2100).prop_map(|(d, y)| format!("September {d}, {y}")),
        (1900i32..2100).prop_map(|y| format!("April, {y}")),
        "[A-Za-z ,.'-]{1,60}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let page = parse_page(&text, &Arc::from("fuzz.txt"));
        for e in &page.entries {
            prop_assert!(!e.title.is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let file: Arc<str> = Arc::from("fuzz.bin");
        if let Ok((text, _)) = decode(&bytes, &file) {
            let _ = parse_page(&text, &file);
        }
    }

    #[test]
    fn archive_like_pages_never_panic_and_merge_consistently(lines in proptest::collection::vec(line(), 0..80)) {
        let text = lines.join("\n");
        // Files are read by content: text that looks like JSON, RIS, BibTeX or CSV is read
        // by that reader (tested in ingest_props); this property is about pages.
        prop_assume!(
            archive_timeline::ingest::sniff::sniff("a.txt", &text)
                == archive_timeline::ingest::Format::Page
        );
        let page = parse_page(&text, &Arc::from("a.txt"));
        let loaded = load_texts(&[("a.txt", text.as_str()), ("b.txt", text.as_str())]);
        // The same page loaded twice merges into the same documents, each listed twice.
        let single = load_texts(&[("a.txt", text.as_str())]);
        prop_assert_eq!(loaded.library.len(), single.library.len());
        prop_assert_eq!(single.library.listing_count(), page.entries.len());
        prop_assert_eq!(loaded.library.listing_count(), 2 * page.entries.len());
    }
}

/// One paragraph of a document's body: prose, or one of the lines that used to start records.
fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Z][a-z]{2,8}( [a-z]{3,8}){15,30}\\.",
        1 => (1945i32..1997, 1u32..13, 1u32..29).prop_map(|(y, m, d)| {
            let name = archive_timeline::model::date::MONTH_NAMES[(m - 1) as usize];
            format!("{name} {d}, {y}")
        }),
        1 => (1945i32..1997, 1u32..29).prop_map(|(y, d)| format!("{d} April {y}")),
        1 => (1945i32..1997).prop_map(|y| y.to_string()),
        1 => prop::sample::select(vec!["TOP SECRET", "COPY No 1", "MEMORANDUM", "URGENT"])
            .prop_map(str::to_string),
        1 => "[A-Z]{4,9} [A-Z]{4,9}",
        1 => prop::sample::select(vec!["[…]", "[signature]", "[...]", "[Stamp]: Incoming 3902"])
            .prop_map(str::to_string),
    ]
}

/// A body of paragraphs with at least one of prose.
fn body() -> impl Strategy<Value = Vec<String>> {
    (
        proptest::collection::vec(paragraph(), 0..12),
        "[A-Z][a-z]{2,8}( [a-z]{3,8}){15,30}\\.",
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut paragraphs, prose, at)| {
            let at = at.index(paragraphs.len() + 1);
            paragraphs.insert(at, prose);
            paragraphs
        })
}

/// `body` on one of the archive's document layouts, with the layout `check` should name.
fn document_page(layout: usize, title: &str, body: &[String]) -> (String, Layout) {
    let date = "May 4, 1971";
    let summary = "The ambassador reports on the session of the Supreme People's Assembly.";
    let citation = format!(
        "\u{201c}{title},\u{201d} {date}, History and Public Policy Program Digital Archive, MOL, XIX-J-1-j. \
         Translated by Balazs Szalontai. https://digitalarchive.wilsoncenter.org/document/113395"
    );
    let support = "This document was made possible with support from ROK Ministry of Unification";
    match layout {
        // The current site, whole: headings after the document's own summary.
        0 => (
            format!(
                "Skip to content\n\n{date}\n\n{title}\n\n{support}\n\n\n\n{}\n\n\n{summary}\n\n\
                 Author(s):\n\nAssociated Places\n\nDocument Information\n\nSource\n",
                body.join("\n\n\n")
            ),
            Layout::CurrentSite,
        ),
        // The current site, saved cut off in its body.
        1 => (
            format!(
                "Skip to content\n\n{date}\n\n{title}\n\n\n\n{}",
                body.join("\n\n\n")
            ),
            Layout::CurrentSite,
        ),
        // The current site copied line by line, another document's summary first.
        2 => (
            format!(
                "Kim Il Sung and Puzanov discuss Soviet-DPRK relations and the economic situation.\n\
                 {date}\n{title}\n{support}\n{}\n{summary}\nAuthor(s):\nAssociated Places\n\
                 Subjects Discussed\nRelated Documents\nDocument Information\nSource\nOriginal Archive",
                body.join("\n")
            ),
            Layout::CurrentSite,
        ),
        // The old site.
        3 => (
            format!(
                "Search in\nADD SEARCH FILTER CANCEL SEARCH FILTER\n\n\
                 Digital Archive International History Declassified\n\n{date}\n\n{}\n\n\
                 CITATION SHARE DOWNLOAD\n  \u{2022} Citation\n\n    get citation\n\n    {summary}\n    {citation}\n\
                 \u{2022} share document\n\n    https://digitalarchive.wilsoncenter.org/document/113395\n\n\
                 VIEW DOCUMENT IN\n\nEnglish HTML\n\n{}",
                title.to_uppercase(),
                body.join("\n\n")
            ),
            Layout::OldSite,
        ),
        // The PDF export, date and title on one line.
        _ => (
            format!(
                "<<\n\nDigital Archive digitalarchive.wilsoncenter.org International History Declassified\n\n\
                 {date} {title}\n\nCitation:\n\n{citation}\n\nSummary:\n\n{summary}\n\nCredits:\n\n{support}\n\n\
                 Original Language:\n\nHungarian\n\nContents:\n\nEnglish Translation\n\n{}",
                body.join("\n\n")
            ),
            Layout::PdfExport,
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_document_page_is_one_record_holding_its_whole_body(
        layout in 0usize..5,
        title in "Telegram( [A-Z][a-z]{2,8}){1,6}",
        body in body(),
    ) {
        let (text, expected) = document_page(layout, &title, &body);
        let page = parse_page(&text, &Arc::from("doc.txt"));
        prop_assert_eq!(page.layout, Some(expected));
        prop_assert_eq!(page.entries.len(), 1, "{:?}", page.entries.iter().map(|e| &e.title).collect::<Vec<_>>());
        let e = &page.entries[0];
        let wanted = if layout == 3 { title.to_uppercase() } else { title.clone() };
        prop_assert_eq!(&e.title, &wanted);
        prop_assert_eq!(e.date_text.as_str(), "May 4, 1971");
        let full_text = e.details.as_ref().and_then(|d| d.full_text.as_deref()).unwrap_or("");
        let mut paragraphs = full_text.split('\n');
        for p in &body {
            prop_assert!(
                paragraphs.any(|line| line == p),
                "{:?} missing from (or out of order in) {:?}", p, full_text
            );
        }
        if layout != 1 {
            prop_assert!(e.summary.starts_with("The ambassador reports"), "{:?}", e.summary);
        }
    }
}
