//! Text made safe to leave the program: the rules every text output follows, whatever its
//! format (formats themselves live with their callers and use these rules). Below every
//! reader and writer, so `ingest`, `context`, `bookmarks`, `output` and the command line share
//! one copy. Must not know documents or any format.
//!
//! - [`one_line`]: for line-per-record outputs (`bookmarks list`, `check`, tab-separated
//!   lines): whitespace runs, tabs and newlines included, become one space, so one record is
//!   always one line with its tab separators intact; other control characters become `�`.
//! - [`printable`]: for multi-line text (Markdown notes, messages): newlines and tabs stay,
//!   other control characters (NUL, ESC and the rest of C0, DEL, C1) and bidirectional
//!   controls (U+202E, U+2066 …) become `�`, so a note cannot drive a terminal with escape
//!   sequences nor show its text reversed.
//! - [`spreadsheet_cell`]: for CSV cells: printable, and a cell a spreadsheet would run as a
//!   formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, as
//!   OWASP's "CSV injection" guidance recommends.

use std::borrow::Cow;

/// What a control character becomes.
const REPLACEMENT: char = '\u{FFFD}';

/// Bidirectional controls (embeddings, overrides, isolates, marks): U+202E makes a terminal
/// show "txt.exe" for "exe.txt", so they are made safe as ESC is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A character that must not reach a terminal as it is: a control or a bidi control.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_unsafe_control(c: char) -> bool {
    is_unsafe(c) && c != '\n' && c != '\t'
}

/// A value on one line: every run of whitespace (newlines and tabs included) becomes one
/// space, leading and trailing whitespace goes, other control characters become `�`.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let clean = text.chars().all(|c| !is_unsafe(c))
        && !text.contains("  ")
        && text.trim() == text
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if is_unsafe(c) { REPLACEMENT } else { c });
    }
    Cow::Owned(out)
}

/// Text with its newlines and tabs, and no other control character (each becomes `�`).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe_control(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// A CSV cell a spreadsheet shows as text: [`printable`], with a `'` before a leading `=`,
/// `+`, `-`, `@`, tab or carriage return (a carriage return is already `�` by then).
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    let text = printable(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_line_keeps_a_record_on_its_line() {
        assert_eq!(
            one_line("A\ttitle\nwith  breaks\r\n"),
            "A title with breaks"
        );
        assert_eq!(one_line("bell\u{7}and\u{1b}[31mred"), "bell�and�[31mred");
        assert_eq!(one_line("\u{0}"), "�");
        assert!(matches!(one_line("Plain title"), Cow::Borrowed(_)));
    }

    #[test]
    fn printable_keeps_lines_and_drops_escapes() {
        assert_eq!(printable("line one\n\tline two"), "line one\n\tline two");
        assert_eq!(printable("a\u{0}b\u{1b}c\u{7f}d\u{9b}e"), "a�b�c�d�e");
    }

    #[test]
    fn formulas_are_neutralised_and_text_is_not() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
        ] {
            let cell = spreadsheet_cell(formula);
            assert!(cell.starts_with('\''), "{formula:?} -> {cell:?}");
        }
        // A carriage return first becomes the replacement character, which is inert.
        assert_eq!(spreadsheet_cell("\r=1"), "�=1");
        assert_eq!(spreadsheet_cell("1956-09-17"), "1956-09-17");
        assert_eq!(spreadsheet_cell("Note: a = b"), "Note: a = b");
    }

    proptest! {
        #[test]
        fn one_line_never_leaves_a_line_break_tab_or_control(s in "\\PC*|[\\x00-\\x20a=\\t\\n\\r\\u{1b}]*") {
            let line = one_line(&s);
            prop_assert!(!line.chars().any(|c| c.is_control()));
            prop_assert!(!line.contains('\t') && !line.contains('\n'));
        }

        #[test]
        fn cells_never_start_a_formula(s in ".*") {
            let cell = spreadsheet_cell(&s);
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            prop_assert!(!cell.chars().any(is_unsafe_control));
        }
    }

    #[test]
    fn bidi_controls_are_made_safe_like_esc() {
        for c in ['\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}'] {
            let text = format!("exe{c}.txt");
            assert_eq!(one_line(&text), "exe\u{FFFD}.txt");
            assert_eq!(printable(&text), "exe\u{FFFD}.txt");
        }
        assert_eq!(one_line("plain Korean 한국"), "plain Korean 한국");
    }
}
