//! Real page layouts (tests/fixtures/pages, see SOURCES.md there) read into the same fields:
//! no record lost, none invented, every line accounted for.

use archive_timeline::ingest::{load_paths, read_bytes, Format, Loaded};
use archive_timeline::model::{DocDate, Document};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name)
}

fn load(name: &str) -> Loaded {
    load_paths(&[fixture(name)])
}

fn titles(loaded: &Loaded) -> Vec<String> {
    let mut docs: Vec<&Document> = loaded.library.docs().iter().collect();
    docs.sort_by_key(|d| d.sources[0].line);
    docs.iter().map(|d| d.title.clone()).collect()
}

fn find<'a>(loaded: &'a Loaded, title: &str) -> &'a Document {
    loaded
        .library
        .docs()
        .iter()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("no document titled {title:?}: {:?}", titles(loaded)))
}

#[test]
fn an_undated_listing_in_the_middle_is_kept_and_does_not_corrupt_its_neighbour() {
    let loaded = load("listing_undated_middle.txt");
    let report = &loaded.files[0];
    assert_eq!(report.entries, 10, "{:?}", report.diagnostics);
    assert_eq!(report.undated, 1);
    assert!(report.unread_lines.is_empty(), "{:?}", report.unread_lines);
    let kapto = find(&loaded, "Excerpts from Recollections by the Former Soviet Ambassador in North Korea Aleksandr Kapto");
    assert!(
        kapto
            .summary
            .ends_with("Soviet-South Korean rapprochement."),
        "{}",
        kapto.summary
    );
    let undated = find(&loaded, "From the Journal of N. Ye. Torbenkov, Record of a Conversation with DPRK MFA Counselor Pak Deok-hwan");
    assert_eq!(undated.date, DocDate::Undated);
    assert_eq!(undated.sources[0].line, 17);
    assert!(undated.summary.starts_with("In this incomplete document"));
    let warning = &report.diagnostics[0];
    assert_eq!(warning.line, Some(17));
    assert!(
        warning.message.contains("kept, as undated"),
        "{}",
        warning.message
    );
}

#[test]
fn an_undated_first_listing_is_not_dropped() {
    let loaded = load("listing_undated_first.txt");
    assert_eq!(loaded.files[0].entries, 10);
    let first = find(&loaded, "Excerpts from Recollections by the Former Soviet Ambassador in North Korea Aleksandr Kapto");
    assert_eq!(first.date, DocDate::Undated);
    assert!(first.summary.starts_with("Aleksandr Kapto reflects"));
}

#[test]
fn the_sites_undated_slot_and_the_old_design_list_every_record() {
    let loaded = load("listing_undated_slot.txt");
    assert_eq!(
        titles(&loaded),
        [
            "Memorandum of Conversation between Anastas Mikoyan and Mao Zedong",
            "Note on Certain Characteristics of Western Trade Developments for 1966 (undated)",
            "Letter from Gomulka to Khrushchev, Marked 'Final Version'",
        ]
    );
    assert_eq!(loaded.files[0].undated, 1);
    let old = load("listing_old_design.txt");
    assert_eq!(old.files[0].entries, 3);
    let first = find(
        &old,
        "Ciphered Telegram No. 3446, Filippov [Stalin] to Krasovsky, for Cde. Mao Zedong",
    );
    assert_eq!(first.date.iso().as_deref(), Some("1951-06-07"));
    assert_eq!(
        first.summary,
        "Telegram from Stalin telling Mao that he is ready to receive Gao Gang and Kim Il Sung."
    );
    assert!(
        old.files[0].unread_lines.is_empty(),
        "{:?}",
        old.files[0].unread_lines
    );
}

#[test]
fn other_date_forms_keep_their_records_at_their_precision() {
    let loaded = load("listing_date_forms.txt");
    let report = &loaded.files[0];
    assert_eq!(report.entries, 8, "{:?}", report.diagnostics);
    assert!(report.unread_lines.is_empty(), "{:?}", report.unread_lines);
    let edtf = |title: &str| find(&loaded, title).edtf().map(|e| e.to_string());
    assert_eq!(
        edtf("Memorandum on the Hungarian Events").as_deref(),
        Some("1956~")
    );
    assert_eq!(
        edtf("Plan for Economic Cooperation").as_deref(),
        Some("1956/1957")
    );
    assert_eq!(
        edtf("Notes of a Conversation in the Crimea").as_deref(),
        Some("1956-22")
    );
    assert_eq!(edtf("Telegram in ISO form").as_deref(), Some("1956-09-17"));
    assert_eq!(
        edtf("Report with an uncertain month").as_deref(),
        Some("1956-09?")
    );
    assert_eq!(
        find(&loaded, "Plan for Economic Cooperation").date,
        DocDate::Year(1956)
    );
    let impossible = find(&loaded, "Record with an impossible year");
    assert_eq!(impossible.date, DocDate::Undated);
    assert_eq!(impossible.date_text, "January 1, 99999");
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.line == Some(33) && d.message.contains("kept, as undated")));
    // A title that looks like a date is a title; a bare year in a summary starts no record.
    let may = find(&loaded, "May 1968");
    assert_eq!(may.date_text, "September 20, 1956");
    assert_eq!(may.summary, "A title that looks like a date.\n1956");
    let letter = find(&loaded, "Letter from the Embassy");
    assert_eq!(
        letter.summary,
        "The summary continues after a year.\n1956\nIt runs on in a second paragraph."
    );
}

#[test]
fn a_document_information_page_is_a_document_not_a_listing() {
    let loaded = load("document_information.txt");
    let report = &loaded.files[0];
    assert!(report.document_page);
    assert_eq!(report.entries, 1);
    let d = &loaded.library.docs()[0];
    assert_eq!(d.id.as_str(), "wcda-108048");
    assert_eq!(d.date.iso().as_deref(), Some("1966-12-28"));
    assert_eq!(d.title, "Report to the Political Committee on the Consultation Meeting With Comrade J. Andropov and Comrade A. Gromyko");
    assert_eq!(d.summary, "A Hungarian delegation reports on consultations in Moscow on the meeting of European communist parties, Vietnam and China.");
    let text = d.full_text().expect("full text");
    assert!(text.contains("A delegation of the Foreign Affairs Department"));
    assert!(
        !text.contains("A Hungarian delegation reports"),
        "the summary is not the body"
    );
    assert_eq!(d.language(), Some("Hungarian"));
    assert!(d
        .archive_ref()
        .is_some_and(|a| a.starts_with("Hungarian National Archives (MNL OL), M-KS 288")));
    assert_eq!(d.record_id(), Some("108048"));
    assert_eq!(
        d.credit(),
        Some("This document was made possible with support from Blavatnik Family Foundation")
    );
    assert_eq!(d.subjects(), ["Communist parties", "Sino-Soviet split"]);
    assert_eq!(d.places(), ["Moscow (Russia)"]);
    assert_eq!(d.people().len(), 2);
    // The sidebar text before the date is reported, not read into the document.
    assert_eq!(report.unread_lines, vec![3]);
}

#[test]
fn older_designs_and_printed_pages_read_into_the_same_fields() {
    for name in [
        "document_title_above_date.txt",
        "document_pdf.txt",
        "document_pdf_undated.txt",
    ] {
        let loaded = load(name);
        assert_eq!(loaded.library.len(), 1, "{name}");
        let d = &loaded.library.docs()[0];
        assert_eq!(d.id.as_str(), "wcda-110485", "{name}");
        assert_eq!(
            d.title,
            "Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung",
            "{name}"
        );
        assert_eq!(d.date.iso().as_deref(), Some("1962-08-14"), "{name}");
        assert!(
            d.summary
                .starts_with("The Soviet Ambassador to Pyongyang reports"),
            "{name}"
        );
        assert!(
            !d.title.contains("Citation"),
            "{name}: a label is never a title"
        );
        assert!(
            loaded.files[0].unread_lines.is_empty(),
            "{name}: {:?}",
            loaded.files[0].unread_lines
        );
    }
    let pdf = load("document_pdf.txt");
    let d = &pdf.library.docs()[0];
    assert_eq!(d.language(), Some("Russian"));
    assert_eq!(d.full_text(), Some("[I] paid a visit to comrade Kim II Sung in the building of the Cabinet of Ministers of the DPRK."));
}

#[test]
fn a_saved_html_listing_reads_like_its_text() {
    let html = load("listing_seed003.html");
    let report = &html.files[0];
    assert_eq!(report.format, Some(Format::Html));
    assert_eq!(report.entries, 11, "{:?}", report.diagnostics);
    assert_eq!(report.undated, 1);
    let text = load_paths(&[
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/003_21b55c225223fe86.txt")
    ]);
    // The same ten records, with the same ids, titles, dates and summaries.
    for d in text.library.docs() {
        let h = html
            .library
            .find(&d.id)
            .unwrap_or_else(|| panic!("{} missing from the HTML", d.title));
        assert_eq!(
            (&h.title, &h.summary, h.date),
            (&d.title, &d.summary, d.date)
        );
    }
    // Loaded together, each record is one document listed twice.
    let both = load_paths(&[
        fixture("listing_seed003.html"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/003_21b55c225223fe86.txt"),
    ]);
    assert_eq!(both.library.len(), 11);
    assert_eq!(both.library.listing_count(), 21);
}

#[test]
fn a_saved_html_document_page_has_its_fields() {
    let loaded = load("document_information.html");
    let d = &loaded.library.docs()[0];
    assert_eq!(d.id.as_str(), "wcda-108048");
    assert_eq!(d.summary, "A Hungarian delegation reports on consultations in Moscow on the meeting of European communist parties, Vietnam and China.");
    assert_eq!(d.subjects(), ["Communist parties", "Sino-Soviet split"]);
    assert!(
        d.people().is_empty(),
        "a label saved without its value gives nothing"
    );
    assert!(d
        .full_text()
        .is_some_and(|t| t.starts_with("Report to the Political Committee")));
}

#[test]
fn check_lines_say_format_undated_and_unread_lines() {
    let loaded = load("document_information.txt");
    let lines = loaded.files[0].check_lines();
    assert!(
        lines[0].ends_with(": 1 entry (document page); text page; 0 undated; 1 line not read: 3"),
        "{}",
        lines[0]
    );
    let (report, _) = read_bytes(
        "pasted.txt",
        b"Korean War\n\nSome notes.\n\nMay 1, 1950\n\nTelegram\n",
    );
    assert_eq!(report.unread_lines, vec![1, 3]);
    assert!(report.check_lines()[0].ends_with("2 lines not read: 1, 3"));
}
