//! Single document pages -> exactly one entry, in each of the archive's document layouts (as
//! [`Layout`] decides them):
//! - current site: date, title, support line, the body in paragraphs, the document's own
//!   summary (the last paragraph before the metadata headings, when the page reaches them),
//!   then headings such as `Author(s):`, `Associated Places`, `Document Information`,
//!   `Source`, `Record ID` with their values, often saved without them;
//! - old site: date, title in upper case (or none: then the citation's quoted title),
//!   `CITATION SHARE DOWNLOAD`, `• Citation` / `get citation` / summary / the quoted citation,
//!   `• share document` / URL, `VIEW DOCUMENT IN` / versions, then the body; also the older
//!   bulleted sections (`• Summary`, `• Contents`);
//! - PDF export: header, date and title (sometimes on one line), `Citation:`, `Summary:`,
//!   `Credits:`, `Original Language:`, `Contents:` with the versions, then the body.
//!
//! No line of the body ever starts a record, whatever dates or short lines it holds. Labels,
//! headings and buttons are never a title, summary or body line. Text before the document's
//! date (a related document's summary, sidebar text) is reported as lines not read, each with
//! its text, never taken for this document's. Shares its line model with the list reader.

mod citation;

use super::lines::{
    can_be_title, date_of, is_bare_url, is_chrome, is_date, is_support_line, label_of, shorten,
    Label, Lines,
};
use super::{collect_unread, set_date};
use crate::ingest::diag::Diagnostic;
use crate::ingest::entry::{Details, Entry, EntryKind, Layout, ParsedPage};
use citation::{apply_citation, citation_title, read_contents, split_leading_date};
use std::sync::Arc;

pub use citation::record_id_from_url;

type Labels<'a> = Vec<Option<(Label, Option<&'a str>)>>;

/// The document's date and title lines, as found.
struct Head {
    /// The date line, when the page has one.
    date: Option<usize>,
    /// The title's first and last line, when the page has a title line.
    title: Option<(usize, usize)>,
}

/// What one document page is read into, and which lines were read.
struct Reader<'l, 'a> {
    lines: &'l Lines<'a>,
    labels: Labels<'a>,
    used: Vec<bool>,
    entry: Entry,
    /// Body paragraphs, each a list of line indexes.
    body: Vec<Vec<usize>>,
    /// The body has no blank lines at all (a page copied line by line): every line is its own
    /// paragraph and the text is kept line by line.
    body_unbroken: bool,
    summary: Option<String>,
}

pub(super) fn parse_document(
    lines: &Lines<'_>,
    layout: Layout,
    file: &Arc<str>,
    page: &mut ParsedPage,
) {
    let n = lines.len();
    let labels: Labels<'_> = lines.iter().map(label_of).collect();
    let mut r = Reader {
        lines,
        labels,
        used: vec![false; n],
        entry: Entry {
            kind: EntryKind::DocumentPage,
            ..Entry::default()
        },
        body: Vec::new(),
        body_unbroken: false,
        summary: None,
    };
    r.entry.details_mut();

    // Where the labelled part begins: the metadata headings on the current site (a heading
    // without a value; "Related Documents" before the date is a sidebar), the first section
    // label on the other layouts.
    let first_label = (0..n)
        .find(|&k| match r.labels[k] {
            Some((Label::RelatedDocuments, _)) => false,
            Some((_, inline)) => layout != Layout::CurrentSite || inline.is_none(),
            None => false,
        })
        .unwrap_or(n);
    let cited = cited_title(&r, first_label);
    let head = find_head(&r, first_label, cited.as_deref(), layout);
    let Some(head_end) = r.read_head(&head, file, page) else {
        // Nothing that can be a title: the whole page is unread.
        collect_unread(lines, &r.used, page);
        return;
    };
    r.report_before_head(head_end.0, file, page);

    match layout {
        Layout::CurrentSite => {
            // Other documents' listings under "Related Documents" end the body too.
            let meta = (head_end.1 + 1..first_label)
                .find(|&k| matches!(r.labels[k], Some((Label::RelatedDocuments, _))))
                .unwrap_or(first_label);
            r.read_body(head_end.1 + 1, meta);
            r.read_sections(meta, n, false);
            // The document's own summary follows its body, before the headings; a page cut
            // off before them has none.
            if r.summary.is_none() && meta < n {
                r.take_summary_from_body();
            }
        }
        Layout::OldSite | Layout::PdfExport | Layout::List => {
            r.read_between(head_end.1 + 1, first_label);
            r.read_sections(first_label, n, true);
        }
    }
    if head.title.is_none() {
        if let Some(title) = r
            .entry
            .details
            .as_ref()
            .and_then(|d| d.citation.as_deref())
            .and_then(citation_title)
        {
            r.entry.title = title.to_string();
        }
    }
    if r.entry.title.is_empty() {
        // A date and no title anywhere: keep the document, named by its date.
        r.entry.title = r.entry.date_text.clone();
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(r.entry.line),
            "no title line and no quoted title in a citation: the document is kept, named by its date",
        ));
    }
    r.finish(page);
}

/// The quoted title a citation starts with, to pick the document's own date and title among
/// sidebar ones.
fn cited_title(r: &Reader<'_, '_>, from: usize) -> Option<String> {
    let lines = r.lines;
    (from..lines.len()).find_map(|k| match r.labels[k] {
        Some((Label::Citation, Some(v))) => citation_title(v).map(str::to_string),
        Some((Label::Citation, None)) => {
            let mut v = k + 1;
            // The old site puts "get citation" and the summary before the quoted citation.
            while let Some(next) = lines.next_nonblank(v) {
                if r.labels[next].is_some() || next > k + 12 {
                    return None;
                }
                if let Some(t) = citation_title(lines.get(next)) {
                    return Some(t.to_string());
                }
                v = next + 1;
            }
            None
        }
        _ => None,
    })
}

fn same_title(a: &str, b: &str) -> bool {
    crate::text::fold(a) == crate::text::fold(b)
}

/// The date line and title before `end`: a date line and its title after it (or before it,
/// in designs that put the date under the title); the cited title picks among several.
fn find_head(r: &Reader<'_, '_>, end: usize, cited: Option<&str>, layout: Layout) -> Head {
    let lines = r.lines;
    let titled = |k: usize| {
        let l = lines.get(k);
        can_be_title(l) && !is_date(l) && !is_support_line(l) && !is_bare_url(l)
    };
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut first_date = None;
    for i in 0..end {
        let line = lines.get(i);
        if line.is_empty() || !is_date(line) {
            continue;
        }
        first_date.get_or_insert(i);
        match lines.next_nonblank(i + 1) {
            Some(t) if t < end && lines.gap(t) <= 1 && titled(t) => candidates.push((i, t)),
            _ => {
                if let Some(p) = lines.prev_nonblank(i) {
                    if titled(p) && lines.gap(i) <= 1 {
                        candidates.push((i, p));
                    }
                }
            }
        }
        if cited.is_none() && !candidates.is_empty() {
            break;
        }
    }
    let chosen = cited
        .and_then(|c| {
            candidates
                .iter()
                .copied()
                .find(|&(_, t)| same_title(&title_run(r, t, layout).0, c))
        })
        .or_else(|| candidates.first().copied());
    match chosen {
        Some((d, t)) => Head {
            date: Some(d),
            title: Some((t, title_run(r, t, layout).1)),
        },
        // A date line and no title line (the old site's pages without one).
        None if first_date.is_some() => Head {
            date: first_date,
            title: None,
        },
        None => Head {
            date: None,
            title: (0..end)
                .find(|&k| titled(k))
                .map(|t| (t, title_run(r, t, layout).1)),
        },
    }
}

/// A title from line `t`: one line, or (in the PDF export, where a long title wraps) up to
/// three unbroken lines that run straight into a label. Returns the title and its last line.
fn title_run(r: &Reader<'_, '_>, t: usize, layout: Layout) -> (String, usize) {
    let lines = r.lines;
    let is_label = |k: usize| r.labels.get(k).is_some_and(Option::is_some);
    let mut end = t;
    while layout == Layout::PdfExport
        && end + 1 < lines.len()
        && end < t + 3
        && !lines.get(end + 1).is_empty()
        && !is_label(end + 1)
        && !is_date(lines.get(end + 1))
    {
        end += 1;
    }
    if end > t && is_label(end + 1) {
        let parts: Vec<&str> = (t..=end).map(|k| lines.get(k)).collect();
        (parts.join(" "), end)
    } else {
        (lines.get(t).to_string(), t)
    }
}

impl Reader<'_, '_> {
    fn is_label(&self, k: usize) -> bool {
        self.labels.get(k).is_some_and(Option::is_some)
    }

    fn details(&mut self) -> &mut Details {
        self.entry.details_mut()
    }

    /// Sets the entry's date and title from the head; returns the head's first and last
    /// line, or `None` when the page has neither a date nor a title.
    fn read_head(
        &mut self,
        head: &Head,
        file: &Arc<str>,
        page: &mut ParsedPage,
    ) -> Option<(usize, usize)> {
        let lines = self.lines;
        if let Some((t, end)) = head.title {
            let parts: Vec<&str> = (t..=end).map(|k| lines.get(k)).collect();
            self.entry.title = parts.join(" ");
            for u in &mut self.used[t..=end] {
                *u = true;
            }
        }
        let (start, end) = match (head.date, head.title) {
            (Some(d), title) => {
                self.entry.date_text = lines.get(d).to_string();
                self.entry.line = d + 1;
                set_date(&mut self.entry, date_of(lines.get(d)), d, file, page);
                self.used[d] = true;
                let (ts, te) = title.unwrap_or((d, d));
                (d.min(ts), d.max(te))
            }
            (None, Some((t, end))) => {
                self.entry.line = t + 1;
                // "September 16, 1986 Report on ...": date and title on one line.
                match split_leading_date(&self.entry.title) {
                    Some((date_text, rest, date_line)) => {
                        self.entry.title = rest;
                        self.entry.date_text = date_text;
                        set_date(&mut self.entry, date_line, t, file, page);
                    }
                    None => page.diagnostics.push(Diagnostic::warning(
                        file,
                        Some(t + 1),
                        "no date line on this document page: the document is kept, as undated",
                    )),
                }
                (t, end)
            }
            (None, None) => return None,
        };
        Some((start, end))
    }

    /// Lines before the head: furniture and labels are known; anything else (another
    /// document's summary, sidebar text) is reported with its text.
    fn report_before_head(&mut self, start: usize, file: &Arc<str>, page: &mut ParsedPage) {
        let mut reported = 0;
        let mut more = 0;
        for k in 0..start.min(self.used.len()) {
            let line = self.lines.get(k);
            if self.used[k] || line.is_empty() {
                continue;
            }
            if is_chrome(line) || self.is_label(k) || !line.chars().any(char::is_alphanumeric) {
                self.used[k] = true;
                continue;
            }
            if reported < 3 {
                page.diagnostics.push(Diagnostic::warning(
                    file,
                    Some(k + 1),
                    format!(
                        "not read: \"{}\" comes before the document's date: a related document's summary or sidebar text, not this document's",
                        shorten(line, 80)
                    ),
                ));
                reported += 1;
            } else {
                more += 1;
            }
        }
        if more > 0 {
            page.diagnostics.push(Diagnostic::warning(
                file,
                None,
                format!("and {more} more lines before the document's date, not read"),
            ));
        }
    }

    /// A support line, a bare URL or furniture, read into its field; `false` for any other
    /// line.
    fn read_furniture(&mut self, k: usize) -> bool {
        let l = self.lines.get(k);
        if is_chrome(l) {
            return true;
        }
        if is_support_line(l) {
            let details = self.details();
            if details.credit.is_none() {
                details.credit = Some(l.to_string());
            }
            return true;
        }
        if is_bare_url(l) {
            citation::apply_url(l, self.details());
            return true;
        }
        false
    }

    /// The current site's body, from after the head to the metadata headings.
    fn read_body(&mut self, from: usize, to: usize) {
        let lines = self.lines;
        let mut body_lines = Vec::new();
        for k in from..to.min(lines.len()) {
            if lines.get(k).is_empty() {
                continue;
            }
            self.used[k] = true;
            if !self.read_furniture(k) {
                body_lines.push(k);
            }
        }
        self.body_unbroken = body_lines.iter().skip(1).all(|&k| lines.gap(k) == 0);
        self.push_body(&body_lines);
    }

    fn push_body(&mut self, body_lines: &[usize]) {
        let lines = self.lines;
        for (at, &k) in body_lines.iter().enumerate() {
            let joined = at > 0 && lines.gap(k) == 0 && !self.body_unbroken;
            match self.body.last_mut() {
                Some(p) if joined => p.push(k),
                _ => self.body.push(vec![k]),
            }
        }
    }

    /// The body's last paragraph is the document's own summary when more than it is there
    /// (or when it is a short paragraph alone).
    fn take_summary_from_body(&mut self) {
        let take = match self.body.len() {
            0 => false,
            1 => self.body[0].len() <= 3,
            _ => true,
        };
        if take {
            if let Some(p) = self.body.pop() {
                let text: Vec<&str> = p.iter().map(|&k| self.lines.get(k)).collect();
                self.summary = Some(text.join("\n"));
            }
        }
    }

    /// Between the head and the first section of a labelled layout: a support line or URL is
    /// read; other text is left unread (reported).
    fn read_between(&mut self, from: usize, to: usize) {
        for k in from..to.min(self.lines.len()) {
            if !self.lines.get(k).is_empty() && self.read_furniture(k) {
                self.used[k] = true;
            }
        }
    }

    /// Labelled sections from `from`, each running to the next label. With `body_last`, a
    /// `Contents:` or `VIEW DOCUMENT IN` section lists the versions, then holds the body,
    /// which only a heading alone on its line ends.
    fn read_sections(&mut self, from: usize, to: usize, body_last: bool) {
        let lines = self.lines;
        let mut k = from;
        while k < to {
            let Some((label, inline)) = self.labels[k] else {
                k += 1;
                continue;
            };
            self.used[k] = true;
            let holds_body = body_last && matches!(label, Label::Contents | Label::ViewDocumentIn);
            let mut end = k + 1;
            while end < to
                && !(if holds_body {
                    matches!(self.labels[end], Some((_, None)))
                } else {
                    self.is_label(end)
                })
            {
                end += 1;
            }
            let mut values: Vec<usize> = Vec::new();
            for v in k + 1..end {
                let l = lines.get(v);
                if l.is_empty() {
                    continue;
                }
                self.used[v] = true;
                // A printed page's header and footer repeat inside the text.
                if !is_chrome(l) {
                    values.push(v);
                }
            }
            self.read_section(label, inline, &values);
            k = end;
        }
    }

    fn read_section(&mut self, label: Label, inline: Option<&str>, values: &[usize]) {
        let lines = self.lines;
        let texts: Vec<&str> = inline
            .into_iter()
            .chain(values.iter().map(|&v| lines.get(v)))
            .collect();
        let joined = texts.join("\n");
        let value = (!joined.is_empty()).then_some(joined);
        match label {
            Label::Citation => {
                // The old site: "get citation", the summary, then the quoted citation.
                let quoted = texts.iter().position(|t| citation_title(t).is_some());
                let (summary, citation) = match quoted {
                    Some(at) if at > 0 => (Some(texts[..at].join("\n")), texts[at..].join("\n")),
                    _ => (None, texts.join("\n")),
                };
                if self.summary.is_none() {
                    self.summary = summary;
                }
                if !citation.is_empty() {
                    let details = self.details();
                    apply_citation(&citation, details);
                    details.citation = Some(citation);
                }
            }
            Label::Summary => self.summary = value.or(self.summary.take()),
            Label::ShareDocument => {
                for t in &texts {
                    if is_bare_url(t) {
                        citation::apply_url(t, self.details());
                    }
                }
            }
            Label::Contents | Label::ViewDocumentIn => {
                // Never inline (see `label_of`): the values are the versions, then the body.
                let (contents, kinds) = read_contents(&texts);
                if contents.is_some() {
                    self.details().contents = contents;
                }
                let body = values.get(kinds..).unwrap_or_default();
                self.body_unbroken = body.iter().skip(1).all(|&k| lines.gap(k) == 0);
                self.push_body(body);
            }
            other => citation::apply_field(other, value, &texts, self.details()),
        }
    }

    fn finish(mut self, page: &mut ParsedPage) {
        let lines = self.lines;
        self.entry.summary = self.summary.take().unwrap_or_default();
        let sep = if self.body_unbroken { "\n" } else { "\n\n" };
        let text = self
            .body
            .iter()
            .map(|p| {
                p.iter()
                    .map(|&k| lines.get(k))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join(sep);
        if !text.is_empty() {
            let details = self.entry.details_mut();
            if details.full_text.is_none() {
                details.full_text = Some(text);
            }
        }
        page.entries.push(self.entry);
        collect_unread(lines, &self.used, page);
    }
}
