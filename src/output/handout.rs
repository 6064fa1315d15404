//! Handouts: a set of documents (bookmarks, a collection, a lesson) as one self-contained HTML
//! page that prints well: a title block with the timeline picture of the set's span, then one
//! block per document in order: date as written, title, summary, the document's note, the
//! collection's note for it, the citation and the archive link.
//!
//! Owns the HTML only: no external request of any kind (the picture is inlined as a data URI,
//! the styles are inline), every text escaped, only http(s) links. The caller supplies the
//! documents and the picture's PNG bytes. Pure: no egui, no files.

use std::fmt::Write as _;

/// One document of a handout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub date_text: String,
    pub title: String,
    pub summary: String,
    /// The document's own note (shown wherever it appears).
    pub note: String,
    /// The collection's note for this document (a lesson's talking point).
    pub entry_note: String,
    /// The collection the handout is of (names the entry note).
    pub collection: String,
    pub citation: String,
    pub url: Option<String>,
    /// Archive and file reference.
    pub archive_ref: String,
    /// The lane (theme), shown as a small label.
    pub lane: String,
}

impl Entry {
    /// "Note: …", the document's note as the handout prints it; none when it is blank.
    pub fn note_text(&self) -> Option<String> {
        let note = self.note.trim();
        (!note.is_empty()).then(|| format!("Note: {note}"))
    }

    /// "In “Lesson 3”: …", the collection's note for it; none when it is blank.
    pub fn entry_note_text(&self) -> Option<String> {
        let note = self.entry_note.trim();
        if note.is_empty() {
            return None;
        }
        Some(if self.collection.trim().is_empty() {
            format!("In this collection: {note}")
        } else {
            format!("In “{}”: {note}", self.collection.trim())
        })
    }
}

/// What the handout is about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handout {
    pub title: String,
    /// A line under the title, e.g. "12 documents, September 1956 – October 1957".
    pub subtitle: String,
    /// The timeline picture of the set's span (PNG), inlined.
    pub picture_png: Option<Vec<u8>>,
    pub entries: Vec<Entry>,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::safe::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs of `text`, split at blank lines, single newlines kept as line breaks.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Base64 (standard alphabet, padded), for the inlined picture: the crate the SVG's fonts
/// use too.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

const STYLE: &str = "\
:root{color-scheme:light}\
body{font:11pt/1.45 'Noto Serif','Georgia',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}\
header{border-bottom:2px solid #111;margin-bottom:1.5rem;padding-bottom:1rem}\
h1{font-size:1.7rem;margin:0 0 .3rem}\
.subtitle{color:#444;margin:0 0 1rem}\
header img{width:100%;height:auto;border:1px solid #bbb}\
article{break-inside:avoid;page-break-inside:avoid;border-bottom:1px solid #ccc;padding:.8rem 0}\
.date{font-weight:bold;margin:0}\
h2{font-size:1.15rem;margin:.2rem 0 .4rem}\
.lane{font:9pt sans-serif;color:#333;border:1px solid #999;border-radius:3px;padding:0 .3rem;margin-left:.4rem}\
.note{background:#f3f0e6;border-left:3px solid #b08a2e;padding:.3rem .6rem}\
.note p{margin:.2rem 0}\
.citation{font-size:9.5pt;color:#333}\
.link{font-size:9.5pt;word-break:break-all}\
footer{font-size:9pt;color:#555;margin-top:1.5rem}\
@media print{body{margin:0;max-width:none}a{color:#111}header img{max-height:40vh;object-fit:contain}}";

/// The handout as one HTML file.
pub fn html(handout: &Handout) -> String {
    let mut out = String::new();
    let title = escape(&handout.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n"
    );
    if !handout.subtitle.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"subtitle\">{}</p>",
            escape(&handout.subtitle)
        );
    }
    if let Some(png) = &handout.picture_png {
        let _ = writeln!(
            out,
            "<img alt=\"Timeline of the documents below\" src=\"data:image/png;base64,{}\">",
            base64(png)
        );
    }
    out.push_str("</header>\n<main>\n");
    for entry in &handout.entries {
        out.push_str("<article>\n");
        let date = if entry.date_text.trim().is_empty() {
            "Undated".to_string()
        } else {
            escape(&entry.date_text)
        };
        let lane = if entry.lane.is_empty() {
            String::new()
        } else {
            format!("<span class=\"lane\">{}</span>", escape(&entry.lane))
        };
        let _ = writeln!(out, "<p class=\"date\">{date}{lane}</p>");
        let _ = writeln!(out, "<h2>{}</h2>", escape(&entry.title));
        out.push_str(&paragraphs(&entry.summary));
        if !entry.note.trim().is_empty() {
            let _ = writeln!(
                out,
                "<div class=\"note\"><strong>Note:</strong> {}</div>",
                paragraphs(&entry.note)
            );
        }
        if let Some(text) = entry.entry_note_text() {
            let (head, note) = text.split_once(": ").unwrap_or(("", text.as_str()));
            let _ = writeln!(
                out,
                "<div class=\"note entry\"><strong>{}:</strong> {}</div>",
                escape(head),
                paragraphs(note)
            );
        }
        if !entry.citation.trim().is_empty() {
            let _ = writeln!(out, "<p class=\"citation\">{}</p>", escape(&entry.citation));
        } else if !entry.archive_ref.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"citation\">{}</p>",
                escape(&entry.archive_ref)
            );
        }
        if let Some(url) = entry.url.as_deref().filter(|u| is_web_url(u)) {
            let url = escape(url.trim());
            let _ = writeln!(out, "<p class=\"link\"><a href=\"{url}\">{url}</a></p>");
        }
        out.push_str("</article>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>{}. Made with archive-timeline from the Wilson Center Digital Archive.</footer>\n</body>\n</html>\n",
        crate::text::count(handout.entries.len(), "document")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_handout_is_self_contained_escaped_and_in_order() {
        let handout = Handout {
            title: "Lesson 3: <the August crisis>".into(),
            subtitle: "2 documents".into(),
            picture_png: Some(vec![0x89, b'P', b'N', b'G']),
            entries: vec![
                Entry {
                    date_text: "September 17, 1956".into(),
                    title: "Telegram from A. Mikoyan".into(),
                    summary: "First paragraph.\n\nSecond & last.".into(),
                    note: "Read aloud\u{1b}[31m".into(),
                    entry_note: "Ask: who wrote first?".into(),
                    collection: "Lesson 3".into(),
                    citation: "\"Telegram\", September 17, 1956, AVPRF.".into(),
                    url: Some("https://digitalarchive.wilsoncenter.org/document/1".into()),
                    archive_ref: String::new(),
                    lane: "August 1956 Crisis".into(),
                },
                Entry {
                    title: "Undated memo".into(),
                    url: Some("javascript:alert(1)".into()),
                    ..Entry::default()
                },
            ],
        };
        let page = html(&handout);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>Lesson 3: &lt;the August crisis&gt;</title>"));
        assert!(page.contains("src=\"data:image/png;base64,iVBORw==\""));
        // No request leaves the page: no external script, style, font or image.
        for external in ["<script", "<link", "src=\"http", "url(http", "@import"] {
            assert!(!page.contains(external), "{external}");
        }
        let first = page.find("Telegram from A. Mikoyan").expect("first");
        let second = page.find("Undated memo").expect("second");
        assert!(first < second);
        assert!(page.contains("<p>First paragraph.</p><p>Second &amp; last.</p>"));
        assert!(page.contains("Read aloud\u{FFFD}[31m"), "no raw ESC");
        assert!(page.contains("&quot;Telegram&quot;, September 17, 1956, AVPRF."));
        assert!(page.contains("href=\"https://digitalarchive.wilsoncenter.org/document/1\""));
        assert!(!page.contains("javascript:"));
        assert!(page.contains("<p class=\"date\">Undated</p>"));
        assert!(page.contains("@media print"));
        assert!(page.contains(
            "<div class=\"note entry\"><strong>In “Lesson 3”:</strong> <p>Ask: who wrote first?</p></div>"
        ));
        assert!(page.contains("<footer>2 documents."));
    }
}
