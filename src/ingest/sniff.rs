//! Which reader a file needs, decided by its content (its name only breaks ties).
//!
//! A researcher's files are often misnamed (a Zotero export saved as `.txt`, a page saved
//! without an extension), so each format is recognised by what it starts with: HTML by its
//! tags, CSL-JSON by a JSON array of objects, RIS by a `TY  - ` line, BibTeX by an `@type{`
//! entry, CSV by a header row naming a title column. Anything else is read as a text page.

use std::path::Path;

/// The formats the app reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text of an archive page (saved as text, copied from the browser, printed to PDF).
    Page,
    /// A web page saved from the browser.
    Html,
    CslJson,
    Ris,
    Bibtex,
    Csv,
    /// A lesson exported by this app (`lesson export`).
    Lesson,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Page,
        Format::Html,
        Format::CslJson,
        Format::Ris,
        Format::Bibtex,
        Format::Csv,
        Format::Lesson,
    ];

    /// How `check` names the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Page => "text page",
            Format::Html => "HTML page",
            Format::CslJson => "CSL-JSON",
            Format::Ris => "RIS",
            Format::Bibtex => "BibTeX",
            Format::Csv => "CSV",
            Format::Lesson => "lesson",
        }
    }
}

/// File extensions a folder walk picks up (any case).
pub const EXTENSIONS: &[&str] = &["txt", "html", "htm", "ris", "json", "bib", "csv"];

/// Is this a file a folder walk should read?
pub fn is_readable_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Does the text start like HTML?
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // Most pages are text: they are told at their first character, before the head is
    // copied and lowered (every file of a load is asked, twice).
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<div",
            "<p>",
            "<p ",
            "<article",
            "<main",
            "<ul",
            "<h1",
            "<h2",
            "<meta",
            "<!--",
        ]
        .iter()
        .any(|tag| head.contains(tag))
}

/// The reader for a file named `name` holding `text`.
pub fn sniff(name: &str, text: &str) -> Format {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if looks_like_html(text) {
        return Format::Html;
    }
    if super::lesson::looks_like(text) {
        return Format::Lesson;
    }
    if super::csljson::looks_like(text) {
        return Format::CslJson;
    }
    if super::ris::looks_like(text) {
        return Format::Ris;
    }
    if super::bibtex::looks_like(text) {
        return Format::Bibtex;
    }
    if super::csv::looks_like(text) {
        return Format::Csv;
    }
    match extension.as_str() {
        "html" | "htm" => Format::Html,
        "json" => Format::CslJson,
        "ris" => Format::Ris,
        "bib" => Format::Bibtex,
        "csv" => Format::Csv,
        _ => Format::Page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        assert_eq!(sniff("a.txt", "<!DOCTYPE html><html></html>"), Format::Html);
        assert_eq!(sniff("a.txt", "[\n {\"title\": \"x\"}]"), Format::CslJson);
        assert_eq!(
            sniff("a.txt", "TY  - MANSCPT\nTI  - x\nER  - \n"),
            Format::Ris
        );
        assert_eq!(
            sniff("a.txt", "% x\n@unpublished{k,\n title={x}}\n"),
            Format::Bibtex
        );
        assert_eq!(
            sniff("a.txt", "Year,Month,Day,Headline\n1956,,,x\n"),
            Format::Csv
        );
        assert_eq!(sniff("a.txt", "[Undated]\n\nMemo\n"), Format::Page);
        assert_eq!(sniff("x.ris", "nothing here"), Format::Ris);
        assert_eq!(
            sniff("seeds/000.txt", "Skip to content\n\n1996\n\nTitle\n"),
            Format::Page
        );
    }
}
