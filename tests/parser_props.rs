//! Property tests: no input, however odd, panics the parser or loses an entry it recognised.

use archive_timeline::ingest::{decode, load_texts, page::parse_page};
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
