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

use super::page::{parse_page, ParsedPage};
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

/// Reads a saved HTML page.
pub fn read_html(html: &str, file: &Arc<str>) -> ParsedPage {
    parse_page(&html_to_text(html), file)
}

/// The text of an HTML page or fragment, one block a paragraph.
pub fn html_to_text(html: &str) -> String {
    let document = Html::parse_document(html);
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
    out.finish()
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
}
