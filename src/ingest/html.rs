//! Saved web pages (`.html`, `.htm`): HTML -> text -> page.
//!
//! Parses with `scraper` (html5ever, the HTML5 parsing algorithm browsers use, so broken real
//! pages parse the way a browser shows them), reduces the tree to the text a reader sees, and
//! reads that text exactly as a text page is read ([`super::page::parse_page`]). Line numbers in
//! diagnostics are lines of that text.
//!
//! The text follows the shape of a page copied from the browser: block elements (headings,
//! paragraphs, list items, table rows) are separated by a blank line; a list item or article
//! (one search result) by three, which is what an undated result's empty date slot leaves on a
//! copied page; `<br>` is a line break. Script, style, forms, navigation and the page-level
//! header and footer are skipped; a header or footer inside `<main>` or `<article>` (a document's
//! own heading) is kept.

use super::entry::ParsedPage;
use super::page::parse_page;
use scraper::{Html, Node};
use std::sync::Arc;

/// Elements whose text is never read.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "form", "select", "button", "input",
    "textarea", "iframe", "canvas", "object", "nav", "head", "title", "dialog",
];

/// Elements that break lines.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "time",
    "caption",
];

/// Elements that hold one record of a listing.
const RECORDS: &[&str] = &["li", "article"];

/// How deep elements may nest before deeper tags are left out (their text kept). Real pages
/// nest a few dozen deep; the HTML parser's work per tag grows with the depth (100,000 nested
/// `<div>`s took 37 s), so the depth is capped before parsing.
pub const MAX_DEPTH: usize = 256;

/// Reads a saved HTML page.
pub fn read_html(html: &str, file: &Arc<str>) -> ParsedPage {
    let (text, dropped) = text_and_dropped(html);
    let mut page = parse_page(&text, file);
    if dropped > 0 {
        page.diagnostics.push(super::diag::Diagnostic::warning(
            file,
            None,
            format!(
                "elements nested more than {MAX_DEPTH} deep: {} deeper tags were left out \
                 (their text is kept)",
                super::diag::group_digits(dropped)
            ),
        ));
    }
    page
}

/// The text of an HTML page or fragment, one block a paragraph.
pub fn html_to_text(html: &str) -> String {
    text_and_dropped(html).0
}

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (a new one closes the last): not counted in the
/// depth, so a long list of unclosed `<li>` or `<p>` is not taken for deep nesting.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption",
];

/// Elements whose content is text, not tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// The HTML with every tag that would nest deeper than [`MAX_DEPTH`] left out (and its end
/// tag), and how many were: one linear pass over the tags, an approximation of the parser's
/// own nesting that is exact for well-formed pages.
pub fn cap_depth(html: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let (mut depth, mut excess, mut dropped) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let at = i + off;
        let rest = &html[at..];
        let tag_end = |from: usize| rest[from..].find('>').map(|e| at + from + e + 1);
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_from = if closing { 2 } else { 1 };
        let name: String = rest[name_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !rest[name_from..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            i = at + 1;
            continue;
        }
        let Some(end) = tag_end(name_from) else { break };
        let counted = !VOID.contains(&name.as_str()) && !IMPLIED_END.contains(&name.as_str());
        let self_closing = html[..end].ends_with("/>");
        let mut drop_tag = false;
        if closing {
            if counted {
                if excess > 0 {
                    excess -= 1;
                    drop_tag = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            // Its text runs to its end tag, which is then passed over with it.
            i = find_end_tag(html, end, &name).unwrap_or(bytes.len());
            if excess > 0 || depth >= MAX_DEPTH {
                // Left out with its text (a script or style says nothing to a reader).
                out.push_str(&html[copied..at]);
                copied = i;
                dropped += 1;
            }
            continue;
        } else if counted && !self_closing {
            if depth >= MAX_DEPTH {
                excess += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
        }
        if drop_tag {
            dropped += 1;
            out.push_str(&html[copied..at]);
            copied = end;
        }
        i = end;
    }
    if dropped == 0 {
        return (std::borrow::Cow::Borrowed(html), 0);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), dropped)
}

/// Where `</name` (any case) next starts at or after `from`.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    html[from..]
        .match_indices("</")
        .map(|(k, _)| from + k)
        .find(|&k| {
            html.as_bytes()
                .get(k + 2..k + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        })
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn text_and_dropped(html: &str) -> (String, usize) {
    let (html, dropped) = cap_depth(html);
    let document = Html::parse_document(&html);
    let mut out = Text::default();
    // An explicit stack, not recursion: hostile pages nest elements thousands deep.
    let mut stack = vec![(document.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        let element = match node.value() {
            Node::Element(e) => Some(e),
            _ => None,
        };
        let name = element.map_or("", |e| e.name());
        if closing {
            if BLOCKS.contains(&name) {
                out.break_lines(if RECORDS.contains(&name) { 4 } else { 2 });
            }
            continue;
        }
        match node.value() {
            Node::Text(text) => out.push_text(text),
            Node::Element(e) => {
                if SKIPPED.contains(&name) || e.attr("hidden").is_some() {
                    continue;
                }
                if matches!(name, "header" | "footer") && !inside_content(node) {
                    continue;
                }
                if name == "br" {
                    out.break_lines(1);
                    continue;
                }
                if BLOCKS.contains(&name) {
                    out.break_lines(if RECORDS.contains(&name) { 4 } else { 2 });
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
    (out.finish(), dropped)
}

/// Is the node inside the page's content (`<main>`, `<article>`), not the site's frame?
fn inside_content(node: ego_node::NodeRef<'_>) -> bool {
    let mut parent = node.parent();
    while let Some(p) = parent {
        if let Node::Element(e) = p.value() {
            if matches!(e.name(), "main" | "article") {
                return true;
            }
        }
        parent = p.parent();
    }
    false
}

/// The node type of scraper's tree, named through scraper's own API.
mod ego_node {
    pub type NodeRef<'a> = <scraper::ElementRef<'a> as std::ops::Deref>::Target;
}

/// Text being built: whitespace collapsed within lines, line breaks only where blocks end.
#[derive(Default)]
struct Text {
    out: String,
    /// A space is owed before the next word.
    space: bool,
}

impl Text {
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(word);
        }
    }

    /// Ends the current line so that at least `n` newlines separate it from what follows.
    fn break_lines(&mut self, n: usize) {
        self.space = false;
        while self.out.ends_with([' ', '\t']) {
            self.out.pop();
        }
        if self.out.is_empty() {
            return;
        }
        let have = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in have..n {
            self.out.push('\n');
        }
    }

    fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_frames_are_skipped() {
        let text = html_to_text(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <header><a href='#main'>Skip to content</a><nav><ul><li>Home</li></ul></nav></header>\
             <main><h2>Documents</h2><ul><li><time>May 1, 1950</time><h3><a href='/document/1'>A \
             &amp; B</a></h3><p>Summary   of\nA.</p></li></ul></main>\
             <footer>Footer text</footer><script>var x = 1;</script></body></html>",
        );
        assert_eq!(
            text,
            "Documents\n\n\n\nMay 1, 1950\n\nA & B\n\nSummary of A.\n"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(50_000) + "x" + &"</div>".repeat(50_000);
        assert!(html_to_text(&html).contains('x'));
    }

    #[test]
    fn nesting_past_the_cap_is_left_out_with_its_text_kept_and_said() {
        let html = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let (capped, dropped) = cap_depth(&html);
        assert_eq!(dropped, 2 * (100_000 - MAX_DEPTH));
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        let page = read_html(&html, &Arc::from("deep.html"));
        assert!(page
            .diagnostics
            .iter()
            .any(|d| d.message.contains("nested more than 256 deep")));
        assert!(html_to_text(&html).contains("deep text"));
        // Lists of unclosed items and ordinary pages are untouched.
        let list = "<ul>".to_string() + &"<li>item".repeat(5_000) + "</ul>";
        assert_eq!(cap_depth(&list).1, 0);
        let page = "<html><body><script>if (a<b) {}</script><p>x</p></body></html>";
        assert_eq!(cap_depth(page).1, 0);
    }
}
