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
        lines[0].ends_with(
            ": 1 entry (document page); text page: document page (current site); 0 undated; 1 line not read: 3"
        ),
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

// ---------------------------------------------------------------------------------------------
// The real pages (tests/fixtures/pages/real, byte for byte) against their hand-checked
// readings in expected.json there.
// ---------------------------------------------------------------------------------------------

fn real(name: &str) -> PathBuf {
    fixture("real").join(name)
}

/// The hand-checked reading of one real page.
fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(real("expected.json")).expect("expected.json");
    let all: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    all["files"][name].clone()
}

/// A field of expected.json as text, without its explanation in parentheses.
fn plain(value: &serde_json::Value) -> String {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {value}"));
    text.split(" (").next().unwrap_or(text).trim().to_string()
}

/// The quoted words after `starts` (or `ends`) in an expected.json field.
fn quoted(value: &serde_json::Value, after: &str) -> String {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {value}"));
    let rest = &text[text
        .find(after)
        .unwrap_or_else(|| panic!("no {after} in {text}"))..];
    let open = rest.find('"').expect("opening quote") + 1;
    let close = rest[open..].find('"').expect("closing quote") + open;
    rest[open..close].to_string()
}

/// The one document a real document page gives, with the checks every document page shares:
/// one record, decided as `layout`, dated at day precision with the expected date text.
fn real_document(name: &str, layout: &str) -> (Loaded, serde_json::Value) {
    let loaded = load_paths(&[real(name)]);
    let report = &loaded.files[0];
    assert_eq!(
        report.entries, 1,
        "{name}: one document, not its body's paragraphs"
    );
    assert_eq!(loaded.library.len(), 1, "{name}");
    assert_eq!(report.undated, 0, "{name}");
    assert_eq!(report.layout.map(|l| l.name()), Some(layout), "{name}");
    let expected = expected(name)["document"].clone();
    let d = &loaded.library.docs()[0];
    assert_eq!(d.date_text, plain(&expected["date"]), "{name}");
    assert_eq!(d.precision().as_str(), "day", "{name}");
    (loaded, expected)
}

#[test]
fn real_current_site_page_reads_its_body_paragraphs_into_one_document() {
    let name = "document_current_site_body_paragraphs.txt";
    let (loaded, expected) = real_document(name, "document page (current site)");
    let d = &loaded.library.docs()[0];
    assert_eq!(d.title, plain(&expected["title"]));
    assert_eq!(d.date.iso().as_deref(), Some("1971-05-04"));
    // "summary: none retrieved": the page was cut off before it.
    assert_eq!(d.summary, "");
    let text = d.full_text().expect("full text");
    assert_eq!(
        text.split("\n\n").count(),
        2,
        "{}",
        plain(&expected["body"])
    );
    assert!(
        text.starts_with("According to the information received from the competent desk officer")
    );
    assert!(text
        .ends_with("they do not intend to take further steps with regard to this issue either."));
    assert_eq!(d.credit(), None);
    assert_eq!(d.record_id(), None);
    assert!(loaded.files[0].unread_lines.is_empty());
}

#[test]
fn real_current_site_page_with_a_summary_line_first_keeps_that_line_visible() {
    let name = "document_current_site_summary_line_first.txt";
    let (loaded, expected) = real_document(name, "document page (current site)");
    let d = &loaded.library.docs()[0];
    assert_eq!(d.title, plain(&expected["title"]));
    assert_eq!(d.date.iso().as_deref(), Some("1960-07-23"));
    assert_eq!(d.summary, plain(&expected["summary (own, after body)"]));
    assert_eq!(d.credit(), Some(plain(&expected["credits"]).as_str()));
    let text = d.full_text().expect("full text");
    assert!(text.starts_with("USSR EMBASSY [USSR MFA Far"), "{text}");
    // Its dates, upper-case lines and brackets stay in the body.
    for line in [
        "TOP SECRET",
        "23 July 1960",
        "[…]",
        "I visited Pak Seong-cheol at his invitation.",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in the body");
    }
    assert!(
        !text.contains("Kim Il Sung invites"),
        "the summary is not the body"
    );
    assert!(
        !text.contains("Associated Places"),
        "a heading is not the body"
    );
    // The line before the date is another document's summary: reported with its text.
    let report = &loaded.files[0];
    assert_eq!(report.unread_lines, vec![1]);
    let line_one = report
        .diagnostics
        .iter()
        .find(|m| m.line == Some(1))
        .expect("a message for line 1");
    assert!(
        line_one.message.contains("Kim Il Sung and Puzanov discuss"),
        "{}",
        line_one.message
    );
    assert!(!d.summary.contains("Kim Il Sung and Puzanov discuss"));
}

#[test]
fn real_old_site_page_keeps_its_upper_case_title_and_reads_every_field() {
    let name = "document_old_site_upper_case_title.txt";
    let (loaded, expected) = real_document(name, "document page (old site)");
    let d = &loaded.library.docs()[0];
    assert_eq!(d.title, plain(&expected["title"]));
    assert_eq!(d.title, d.title.to_uppercase(), "kept as written");
    assert_eq!(d.date.iso().as_deref(), Some("1955-02-26"));
    assert!(d
        .summary
        .starts_with(&quoted(&expected["summary"], "starts")));
    assert!(d.summary.ends_with("the North Korean populace as well."));
    assert_eq!(d.citation(), expected["citation"].as_str());
    let id = expected["document id"].as_str().expect("id");
    assert_eq!(d.record_id(), Some(id));
    assert_eq!(d.id.as_str(), format!("wcda-{id}"));
    assert_eq!(d.contents(), Some("English HTML"));
    assert_eq!(d.credit(), Some("Translated for NKIDP by Balazs Szalontai"));
    let text = d.full_text().expect("full text");
    assert!(
        text.starts_with(&quoted(&expected["body"], "starts")),
        "{text}"
    );
    for label in [
        "CITATION SHARE DOWNLOAD",
        "VIEW DOCUMENT IN",
        "English HTML",
        "get citation",
    ] {
        assert!(
            !text.contains(label) && !d.summary.contains(label),
            "{label}"
        );
    }
    assert!(
        loaded.files[0].unread_lines.is_empty(),
        "{:?}",
        loaded.files[0].unread_lines
    );
}

#[test]
fn real_pdf_export_with_date_and_title_on_one_line_is_one_document() {
    let name = "document_pdf_date_and_title_on_one_line.txt";
    let (loaded, expected) = real_document(name, "document page (PDF export)");
    let d = &loaded.library.docs()[0];
    assert_eq!(d.title, plain(&expected["title (header)"]));
    assert_eq!(d.date.iso().as_deref(), Some("1986-09-16"));
    assert!(d
        .summary
        .starts_with(&quoted(&expected["summary"], "starts")));
    assert_eq!(d.summary.matches(". ").count() + 1, 4, "four sentences");
    assert_eq!(d.credit(), expected["credits"].as_str());
    assert_eq!(d.language(), expected["original language"].as_str());
    assert_eq!(d.contents(), expected["contents"].as_str());
    let id = expected["document id"].as_str().expect("id");
    assert_eq!(d.record_id(), Some(id));
    assert_eq!(d.id.as_str(), format!("wcda-{id}"));
    let citation = d.citation().expect("citation");
    assert!(citation.starts_with("“Second Report"), "{citation}");
    assert!(citation.ends_with("/document/115343"));
    let text = d.full_text().expect("full text");
    assert!(
        text.starts_with(&quoted(&expected["body"], "starts")),
        "{text}"
    );
    assert!(text.ends_with(&quoted(&expected["body"], "ends")), "{text}");
    assert!(
        loaded.files[0].unread_lines.is_empty(),
        "{:?}",
        loaded.files[0].unread_lines
    );
}

#[test]
fn real_place_page_lists_its_popular_documents_and_reports_the_captions() {
    let name = "place_page_popular_documents.txt";
    let loaded = load_paths(&[real(name)]);
    let report = &loaded.files[0];
    let expected = expected(name);
    let entries = expected["entries"].as_array().expect("entries");
    assert_eq!(
        report.entries as u64,
        expected["entry_count"].as_u64().expect("count")
    );
    assert_eq!(report.layout.map(|l| l.name()), Some("list page"));
    assert_eq!(report.undated, 0, "captions are not undated documents");
    for e in entries {
        let title = e["title"].as_str().expect("title");
        let d = find(&loaded, title);
        assert_eq!(d.date_text, e["date"].as_str().expect("date"));
        assert_eq!(d.summary, e["summary"].as_str().expect("summary"));
    }
    // "Cuba's National Capitol Building, January 2010." twice: lines not read.
    assert_eq!(report.unread_lines, vec![2, 5]);
}

#[test]
fn pagination_ends_a_pages_list_not_the_file() {
    let (report, _) = read_bytes(
        "joined.txt",
        b"May 1, 1950\n\nFirst title\n\nPagination\n\nJune 2, 1951\n\nHidden second title\n",
    );
    assert_eq!(report.entries, 2);
    assert!(report.unread_lines.is_empty());
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let read = |name: &str| std::fs::read_to_string(seeds.join(name)).expect("seed");
    let joined = format!(
        "{}\n{}\n\n2\n\nNext ›\n",
        read("000_1f3e6050ed5d0420.txt"),
        read("001_924ee9a11f75fe32.txt")
    );
    let (report, _) = read_bytes("two-pages.txt", joined.as_bytes());
    assert_eq!(report.entries, 20, "{:?}", report.diagnostics);
    assert!(
        report.diagnostics.is_empty(),
        "each range counts its own page: {:?}",
        report.diagnostics
    );
    assert!(report.unread_lines.is_empty(), "the pager is furniture");
}

#[test]
fn a_mirrors_dash_separators_end_entries() {
    let (report, _) = read_bytes(
        "mirror.txt",
        b"Collection\nJune 1, 1950\nTelegram A\nIts summary.\n-\nUndated memo\nAnother summary.\n-\nJuly 2, 1951\nTelegram B\n-\n",
    );
    assert_eq!(report.layout.map(|l| l.name()), Some("list page"));
    assert_eq!(report.entries, 3, "{:?}", report.diagnostics);
    assert_eq!(report.undated, 1);
    assert_eq!(report.unread_lines, vec![1], "the collection's heading");
}
