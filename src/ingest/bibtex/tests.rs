//! Tests of the BibTeX reader: the field mapping, and the bounds on hostile files.

use super::*;
use crate::model::DocDate;

#[test]
fn entries_with_year_month_and_date() {
    let text = "% a comment\n@unpublished{wcda-110485,\n  title = {{Memorandum of Conversation}},\n  year = {1962},\n  month = aug,\n  url = {https://digitalarchive.wilsoncenter.org/document/110485},\n  keywords = {Korea, Military aid},\n  author = {Moskovsky, Vasily},\n}\n\n@misc{other,\n  title = {Undated thing},\n  date = {1956~},\n}\n";
    let page = read_bibtex(text, &Arc::from("a.bib"));
    assert_eq!(page.entries.len(), 2, "{:?}", page.diagnostics);
    let e = &page.entries[0];
    assert_eq!(e.line, 2);
    assert_eq!(e.title, "Memorandum of Conversation");
    assert_eq!(
        e.date,
        DocDate::Month {
            year: 1962,
            month: 8
        }
    );
    assert_eq!(e.known_id.as_deref(), Some("wcda-110485"));
    let d = e.details.as_ref().expect("details");
    assert_eq!(d.subjects, vec!["Korea", "Military aid"]);
    assert_eq!(d.authors, vec!["Moskovsky, Vasily"]);
    assert_eq!(page.entries[1].line, 11);
    assert_eq!(page.entries[1].date, DocDate::Year(1956));
}

#[test]
fn a_broken_entry_does_not_lose_the_others() {
    let text = "@misc{a,\n  title = {Good one},\n  year = {1950}\n}\n@misc{b,\n  title = {Broken\n}\n@misc{c,\n  title = {Also good},\n  year = 1951\n}\n";
    let page = read_bibtex(text, &Arc::from("a.bib"));
    let titles: Vec<&str> = page.entries.iter().map(|e| e.title.as_str()).collect();
    assert!(
        titles.contains(&"Good one") && titles.contains(&"Also good"),
        "{titles:?}"
    );
    assert!(!page.diagnostics.is_empty());
}

fn titles(page: &ParsedPage) -> Vec<&str> {
    page.entries.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn a_string_loop_is_an_error_for_its_entry_and_the_rest_is_read() {
    let text = "@string{a = b}\n@string{b = a}\n@article{x, title = a # b, year = {1950}}\n\
                    @misc{y, title = {Kept}, year = 1951}\n@string{c = c # c}\n\
                    @misc{z, title = c}\n";
    let page = read_bibtex(text, &Arc::from("loop.bib"));
    assert_eq!(titles(&page), vec!["Kept"]);
    let messages: Vec<String> = page.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.contains("loop.bib:3:")
            && m.contains("`x` not read")
            && m.contains("@string loop: a -> b -> a")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains(":6:") && m.contains("@string loop: c -> c")),
        "{messages:?}"
    );
    assert!(page.unread_lines.contains(&3) && page.unread_lines.contains(&6));
}

#[test]
fn an_exponential_string_chain_is_refused_within_its_budget() {
    let mut text = String::new();
    for n in 0..30 {
        text.push_str(&format!("@string{{s{n} = s{} # s{}}}\n", n + 1, n + 1));
    }
    text.push_str("@string{s30 = {ab}}\n@misc{boom, title = s0, year = 1950}\n");
    text.push_str("@misc{fine, title = {Fine}, year = 1952}\n");
    let (page, steps) = read_counted(&text, &Arc::from("chain.bib"));
    assert_eq!(titles(&page), vec!["Fine"]);
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.message.contains("`boom` not read") && d.message.contains("expands")));
    // The work stops at the budget: eight times the file plus a mebibyte per entry, twice
    // that for the file (and the one piece that crossed it).
    assert!(
        steps <= 2 * (text.len() * 8 + (1 << 20)) + (1 << 21),
        "{steps}"
    );
}

#[test]
fn a_long_concatenation_reads_in_linear_work() {
    let parts = 200_000;
    let title = vec!["\"a\""; parts].join(" # ");
    let text = format!("@misc{{long, title = {title}, year = 1950}}\n");
    let (page, steps) = read_counted(&text, &Arc::from("long.bib"));
    assert_eq!(page.entries.len(), 1, "{:?}", page.diagnostics);
    assert_eq!(page.entries[0].title.len(), parts);
    assert!(steps <= 2 * text.len(), "{steps} for {} bytes", text.len());
}

#[test]
fn deep_string_references_stop_at_the_depth_limit() {
    let mut text = String::new();
    for n in 0..100 {
        text.push_str(&format!("@string{{d{n} = d{}}}\n", n + 1));
    }
    text.push_str("@string{d100 = {end}}\n@misc{deep, title = d0, year = 1950}\n");
    let page = read_bibtex(&text, &Arc::from("deep.bib"));
    assert!(page.entries.is_empty());
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.message.contains("levels deep")));
    // Within the limit, abbreviations still expand (and months still resolve).
    let ok = "@string{org = {Wilson} # { Center}}\n@misc{m, title = org # { memo}, year = 1950, month = aug}\n";
    let page = read_bibtex(ok, &Arc::from("ok.bib"));
    assert_eq!(titles(&page), vec!["Wilson Center memo"]);
    assert_eq!(
        page.entries[0].date,
        DocDate::Month {
            year: 1950,
            month: 8
        }
    );
}

#[test]
fn a_crossref_loop_is_cut_and_both_entries_are_read() {
    let text = "@inbook{a, title = {First}, year = 1950, crossref = {b}}\n\
                    @book{b, title = {Second}, year = 1951, crossref = {a}}\n\
                    @book{parent, title = {Parent}, year = 1952, publisher = {P}}\n\
                    @inbook{child, title = {Child}, crossref = {parent}}\n";
    let page = read_bibtex(text, &Arc::from("x.bib"));
    assert_eq!(titles(&page), vec!["First", "Second", "Parent", "Child"]);
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.line == Some(1) && d.message.contains("crossref loop a -> b -> a")));
    // The child still inherits its parent's year through its crossref.
    assert_eq!(page.entries[3].date, DocDate::Year(1952));
}

#[test]
fn zotero_howpublished_url_and_note_give_the_record_id() {
    let text = "@misc{zotero1,\n  title = {Telegram},\n  howpublished = {\\url{https://digitalarchive.wilsoncenter.org/document/280697}},\n  year = {1953}\n}\n\
                    @misc{zotero2,\n  title = {Note},\n  note = {Accessed at https://digitalarchive.wilsoncenter.org/document/110485.},\n  year = {1962}\n}\n";
    let page = read_bibtex(text, &Arc::from("z.bib"));
    assert_eq!(page.entries.len(), 2, "{:?}", page.diagnostics);
    let ids: Vec<Option<&str>> = page
        .entries
        .iter()
        .map(|e| e.details.as_ref().and_then(|d| d.record_id.as_deref()))
        .collect();
    assert_eq!(ids, vec![Some("280697"), Some("110485")]);
    let d = page.entries[0].details.as_ref().expect("details");
    assert_eq!(
        d.url.as_deref(),
        Some("https://digitalarchive.wilsoncenter.org/document/280697")
    );
    // An address is not an archive reference.
    assert_eq!(d.archive_ref, None);
    let docs = crate::ingest::merge::merge(vec![crate::ingest::merge::PageEntries::new(
        Arc::from("z.bib"),
        page.entries,
    )]);
    assert!(docs.iter().any(|d| d.id.as_str() == "wcda-280697"));
}

#[test]
fn a_repeated_key_is_read_as_its_own_item() {
    let text = "@misc{k, title = {One}, year = 1950}\n@misc{k, title = {Two}, year = 1951}\n";
    let page = read_bibtex(text, &Arc::from("k.bib"));
    assert_eq!(titles(&page), vec!["One", "Two"]);
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.line == Some(2) && d.message.contains("used again")));
}

#[test]
fn a_repeated_key_that_crossrefs_itself_is_read_once_each() {
    let text = "@misc{k, title = {One}, year = 1950}\n@inbook{k, title = {Two}, crossref = {k}}\n";
    let page = read_bibtex(text, &Arc::from("k.bib"));
    assert_eq!(titles(&page), vec!["One", "Two"]);
}
