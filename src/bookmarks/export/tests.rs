//! Tests of the bookmark export formats.
use super::*;
use crate::ingest::load_seeds;
use crate::model::Library;

fn seed_004_bookmark(note: &str) -> Bookmark {
    let library: Library = load_seeds().library;
    let doc = library
        .find(&DocId("wcda-110485".into()))
        .expect("seed 004 is loaded");
    Bookmark::from_document(doc, note)
}

fn plain(id: &str, date: Option<&str>, title: &str) -> Bookmark {
    Bookmark {
        id: DocId(id.into()),
        note: String::new(),
        added: chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time"),
        date: date.map(str::to_string),
        date_text: String::new(),
        title: title.into(),
        summary: String::new(),
        url: None,
        archive_ref: None,
        language: None,
        citation: None,
        credit: None,
        date_user: None,
    }
}

const TITLE_004: &str = "Memorandum of Conversation between Soviet Ambassador to North \
                         Korea Vasily Moskovsky and Kim II Sung";
const REF_004: &str = "Archive of the Foreign Policy of the Russian Federation (AVPRF), fond \
                       0102, opis 18, papka 93, delo 5, listy 3-9";
const URL_004: &str = "https://digitalarchive.wilsoncenter.org/document/110485";

#[test]
fn format_names_and_extensions() {
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::from_name(format.name()), Some(format));
    }
    assert_eq!(
        ExportFormat::from_name("BibTeX"),
        Some(ExportFormat::Bibtex)
    );
    assert_eq!(
        ExportFormat::from_name("csljson"),
        Some(ExportFormat::CslJson)
    );
    assert_eq!(ExportFormat::from_name("docx"), None);
    assert_eq!(ExportFormat::Markdown.extension(), "md");
    assert_eq!(ExportFormat::Bibtex.extension(), "bib");
    assert_eq!(ExportFormat::CslJson.extension(), "json");
}

#[test]
fn exports_are_sorted_by_date_then_title_undated_last() {
    let undated = plain("doc-0000000000000001", None, "Aardvark memo");
    let later = plain("doc-0000000000000002", Some("1991-12-25"), "Later");
    let year = plain("doc-0000000000000003", Some("1956"), "Zeta");
    let day_b = plain("doc-0000000000000004", Some("1956-09-17"), "B");
    let day_a = plain("doc-0000000000000005", Some("1956-09-17"), "A");
    let all = [&undated, &later, &year, &day_b, &day_a];
    let csv = export(&all, ExportFormat::Csv);
    let order: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap_or(""))
        .collect();
    assert_eq!(order, ["Zeta", "A", "B", "Later", "Aardvark memo"]);
}

#[test]
fn markdown_reading_list() {
    let mut b = seed_004_bookmark("Kim asks for *air defence* aid\n# not a heading");
    b.title.push_str(" [draft]");
    let undated = plain("doc-0000000000000009", None, "Undated memo");
    let md = export(&[&undated, &b], ExportFormat::Markdown);
    assert!(md.starts_with("# Bookmarked documents\n\n"), "{md}");
    let expected_title = format!("[{} \\[draft\\]]({URL_004})", TITLE_004);
    assert!(
        md.contains(&format!("- **August 14, 1962** — {expected_title}\n")),
        "{md}"
    );
    assert!(md.contains(&format!("  - Archive: {REF_004}\n")), "{md}");
    assert!(
        md.contains("  - Note: Kim asks for \\*air defence\\* aid\n    \\# not a heading\n"),
        "{md}"
    );
    assert!(md.ends_with("- **Undated** — Undated memo\n"), "{md}");
    assert_eq!(
        export(&[], ExportFormat::Markdown),
        "# Bookmarked documents\n\nNo bookmarks.\n"
    );
}

#[test]
fn markdown_links_only_web_urls() {
    let mut b = plain("doc-000000000000000a", Some("1950"), "Odd");
    b.url = Some("javascript:alert(1)".into());
    let md = export(&[&b], ExportFormat::Markdown);
    assert!(!md.contains("javascript"), "{md}");
}

#[test]
fn csv_has_the_columns_and_quotes_per_rfc_4180() {
    let mut b = seed_004_bookmark("Line one, \"quoted\"\nLine two");
    b.added = chrono::DateTime::from_timestamp(1_795_459_500, 0).expect("time");
    let text = export(&[&b], ExportFormat::Csv);
    assert!(text.starts_with("id,date,date_text,title,url,archive_ref,language,note,added\r\n"));
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().expect("a row").expect("parses");
    assert_eq!(&row[0], "wcda-110485");
    assert_eq!(&row[1], "1962-08-14");
    assert_eq!(&row[2], "August 14, 1962");
    assert_eq!(&row[3], TITLE_004);
    assert_eq!(&row[4], URL_004);
    assert_eq!(&row[5], REF_004);
    assert_eq!(&row[6], "Russian");
    assert_eq!(&row[7], "Line one, \"quoted\"\nLine two");
    assert_eq!(&row[8], "2026-11-23T18:45:00Z");
}

#[test]
fn ris_for_seed_004_field_by_field() {
    let b = seed_004_bookmark("Military aid;\nsee also 1961 visit");
    let ris = export(&[&b], ExportFormat::Ris);
    assert!(
        !ris.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    assert!(ris.ends_with("ER  - \r\n"), "{ris}");
    let lines: Vec<&str> = ris.split("\r\n").filter(|l| !l.is_empty()).collect();
    let expected = [
        "TY  - MANSCPT".to_string(),
        format!("TI  - {TITLE_004}"),
        "DA  - 1962/08/14/".to_string(),
        "PY  - 1962".to_string(),
        format!("UR  - {URL_004}"),
        "DB  - Wilson Center Digital Archive".to_string(),
        format!("AN  - {REF_004}"),
        "LA  - Russian".to_string(),
        format!("AB  - {}", b.summary),
        "N1  - Military aid; see also 1961 visit".to_string(),
        "ER  - ".to_string(),
    ];
    assert_eq!(lines, expected);
}

#[test]
fn ris_dates_at_each_precision_and_several_records() {
    let month = plain("doc-0000000000000011", Some("1993-07"), "July");
    let year = plain("doc-0000000000000012", Some("1996"), "Year");
    let undated = plain("doc-0000000000000013", None, "None");
    let ris = export(&[&undated, &month, &year], ExportFormat::Ris);
    assert!(ris.contains("DA  - 1993/07//\r\nPY  - 1993\r\n"), "{ris}");
    assert!(ris.contains("DA  - 1996///\r\nPY  - 1996\r\n"), "{ris}");
    assert_eq!(ris.matches("TY  - MANSCPT\r\n").count(), 3);
    assert_eq!(ris.matches("ER  - \r\n").count(), 3);
    let last = ris.rsplit("TY  - ").next().expect("a record");
    assert!(!last.contains("DA  -") && !last.contains("PY  -"), "{last}");
}

#[test]
fn bibtex_for_seed_004_field_by_field() {
    let b = seed_004_bookmark("Compare with 50% of aid & $ figures");
    let bib = export(&[&b], ExportFormat::Bibtex);
    let lines: Vec<&str> = bib.lines().collect();
    assert_eq!(lines.first(), Some(&"@unpublished{wcda-110485,"));
    assert_eq!(lines.last(), Some(&"}"));
    let field = |name: &str| {
        let prefix = format!("  {name} = ");
        lines
            .iter()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .map(|v| v.trim_end_matches(','))
            .unwrap_or_else(|| panic!("no {name} in {bib}"))
    };
    assert_eq!(field("title"), format!("{{{{{TITLE_004}}}}}"));
    assert_eq!(field("year"), "{1962}");
    assert_eq!(field("month"), "aug");
    assert_eq!(field("date"), "{1962-08-14}");
    assert_eq!(field("url"), format!("{{{URL_004}}}"));
    assert_eq!(field("language"), "{Russian}");
    assert_eq!(field("howpublished"), "{Wilson Center Digital Archive}");
    assert_eq!(field("addendum"), format!("{{{REF_004}}}"));
    assert_eq!(field("note"), "{Compare with 50\\% of aid \\& \\$ figures}");
    let opens = bib.matches('{').count();
    assert_eq!(opens, bib.matches('}').count(), "braces balance");
}

#[test]
fn bibtex_escapes_specials_keeps_utf8_and_makes_unique_keys() {
    let mut a = plain(
        "doc-00000000000000aa",
        Some("1950-06"),
        "Załuska’s {report} #2",
    );
    a.note = "a_b ~ ^ \\ end".into();
    let mut b = plain("id with space", None, "Другой документ");
    b.summary = "Ciphered telegram".into();
    let mut c = plain("id/with/space", None, "Third");
    c.language = Some("Polish".into());
    let bib = export(&[&a, &b, &c], ExportFormat::Bibtex);
    assert!(
        bib.contains("title = {{Załuska’s \\textbraceleft{}report\\textbraceright{} \\#2}}"),
        "{bib}"
    );
    assert!(
        bib.contains("note = {a\\_b \\~{} \\^{} \\textbackslash{} end}"),
        "{bib}"
    );
    assert!(bib.contains("month = jun"), "{bib}");
    assert!(bib.contains("title = {{Другой документ}}"), "{bib}");
    assert!(bib.contains("@unpublished{id-with-space,"), "{bib}");
    assert!(bib.contains("@unpublished{id-with-space-2,"), "{bib}");
    assert_eq!(
        bib.matches('{').count(),
        bib.matches('}').count(),
        "braces balance"
    );
}

#[test]
fn csl_json_items_at_the_right_precision() {
    let b = seed_004_bookmark("A note");
    let month = plain("doc-0000000000000021", Some("1993-07"), "July");
    let year = plain("doc-0000000000000022", Some("1996"), "Year");
    let undated = plain("doc-0000000000000023", None, "None");
    let text = export(&[&undated, &year, &month, &b], ExportFormat::CslJson);
    let items: Value = serde_json::from_str(&text).expect("valid JSON");
    let first = &items[0];
    assert_eq!(first["id"], "wcda-110485");
    assert_eq!(first["type"], "manuscript");
    assert_eq!(first["title"], TITLE_004);
    assert_eq!(
        first["issued"]["date-parts"],
        serde_json::json!([[1962, 8, 14]])
    );
    assert_eq!(first["URL"], URL_004);
    assert_eq!(first["archive"], "Wilson Center Digital Archive");
    assert_eq!(first["archive_location"], REF_004);
    assert_eq!(first["language"], "Russian");
    assert_eq!(first["note"], "A note");
    assert_eq!(first["abstract"], b.summary.as_str());
    assert_eq!(
        items[1]["issued"]["date-parts"],
        serde_json::json!([[1993, 7]])
    );
    assert_eq!(
        items[2]["issued"]["date-parts"],
        serde_json::json!([[1996]])
    );
    assert!(items[3].get("issued").is_none());
    assert!(items[3].get("note").is_none() && items[3].get("URL").is_none());
    assert_eq!(export(&[], ExportFormat::CslJson), "[]\n");
}

#[test]
fn csl_json_reads_back() {
    let b = seed_004_bookmark("Round trip");
    let text = export(&[&b], ExportFormat::CslJson);
    let back = bookmarks_from_json(&text).expect("reads back");
    let [got] = back.as_slice() else {
        panic!("one item, got {back:?}");
    };
    assert_eq!(got.id, b.id);
    assert_eq!(got.date, b.date);
    assert_eq!(got.date_text, b.date_text);
    assert_eq!(got.title, b.title);
    assert_eq!(got.summary, b.summary);
    assert_eq!(got.url, b.url);
    assert_eq!(got.archive_ref, b.archive_ref);
    assert_eq!(got.language, b.language);
    assert_eq!(got.note, b.note);
    let odd = r#"[{"id": 7, "type": "manuscript", "issued": {"date-parts": [["1950", "2", "30"]]}},
                  {"id": "x", "type": "document", "issued": {"raw": "1961-08"}}]"#;
    let read = bookmarks_from_json(odd).expect("lenient");
    assert_eq!(read[0].id.as_str(), "7");
    assert_eq!(
        read[0].date.as_deref(),
        Some("1950-02"),
        "an impossible day keeps the month"
    );
    assert_eq!(read[1].date.as_deref(), Some("1961-08"));
    for bad in [
        "",
        "3",
        "[1]",
        "[{\"type\": \"manuscript\"}]",
        "[{\"id\": \"\"}]",
    ] {
        assert!(bookmarks_from_json(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn nothing_panics_on_odd_snapshots() {
    let mut b = plain("", Some("not a date"), "");
    b.note = "\u{0}\r\n\t".into();
    b.url = Some(" ".into());
    for format in ExportFormat::ALL {
        let out = export(&[&b, &b], format);
        assert!(!out.is_empty(), "{format:?}");
    }
}
