//! Diagnostics: what went wrong or looked odd while reading a file, and where.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One message about one file, with the 1-based line where it applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: Arc<str>,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

/// A message longer than this is cut (a file's content quoted in it can be megabytes: a
/// 1M-column header, a title without line breaks).
pub const MAX_MESSAGE_CHARS: usize = 400;

/// How many messages of one kind a file reports before the rest are counted in one line.
pub const MAX_ALIKE: usize = 20;

impl Diagnostic {
    pub fn warning(file: &Arc<str>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Arc::clone(file),
            line,
            severity: Severity::Warning,
            message: cut_message(message.into()),
        }
    }

    pub fn error(file: &Arc<str>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Arc::clone(file),
            line,
            severity: Severity::Error,
            message: cut_message(message.into()),
        }
    }
}

/// `message` at most [`MAX_MESSAGE_CHARS`] long, saying how much was cut.
fn cut_message(message: String) -> String {
    let Some((at, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) else {
        return message;
    };
    let rest = message[at..].chars().count();
    format!(
        "{}… ({} more characters)",
        &message[..at],
        group_digits(rest)
    )
}

/// `99950` -> `"99,950"`.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What makes two messages "alike": the message with its quoted parts and numbers left out
/// (`"\"A\" has no date"` and `"\"B\" has no date"` are one kind).
fn kind_of(d: &Diagnostic) -> (Severity, String) {
    let mut out = String::with_capacity(d.message.len());
    let mut quote: Option<char> = None;
    for c in d.message.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '`') => quote = Some(c),
            None if c.is_ascii_digit() => {}
            None => out.push(c),
        }
    }
    (d.severity, out)
}

/// Keeps the first [`MAX_ALIKE`] messages of each kind and counts the rest in one line
/// after the last kept one: "and 99,950 more like it". The order is kept.
pub fn fold_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() <= MAX_ALIKE {
        return diagnostics;
    }
    let kinds: Vec<(Severity, String)> = diagnostics.iter().map(kind_of).collect();
    let mut total: std::collections::HashMap<&(Severity, String), usize> =
        std::collections::HashMap::new();
    for k in &kinds {
        *total.entry(k).or_insert(0) += 1;
    }
    let mut shown: std::collections::HashMap<&(Severity, String), usize> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(diagnostics.len().min(4 * MAX_ALIKE));
    for (d, k) in diagnostics.iter().zip(&kinds) {
        let n = shown.entry(k).or_insert(0);
        *n += 1;
        if *n > MAX_ALIKE {
            continue;
        }
        out.push(d.clone());
        let all = total.get(k).copied().unwrap_or(0);
        if *n == MAX_ALIKE && all > MAX_ALIKE {
            let mut more = d.clone();
            more.message = format!("and {} more like it", group_digits(all - MAX_ALIKE));
            out.push(more);
        }
    }
    out
}

/// `file:line: warning: message`, the form compilers use, so editors can jump to it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, kind, self.message),
            None => write!(f, "{}: {}: {}", self.file, kind, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_warnings_fold_into_one_count() {
        let file: Arc<str> = Arc::from("a.ris");
        let mut all: Vec<Diagnostic> = (0..100_000)
            .map(|i| Diagnostic::warning(&file, Some(i), format!("\"T{i}\" has no date")))
            .collect();
        all.push(Diagnostic::warning(&file, Some(7), "another kind"));
        let folded = fold_repeats(all);
        assert_eq!(folded.len(), MAX_ALIKE + 2);
        assert_eq!(
            folded[MAX_ALIKE].message,
            format!("and {} more like it", group_digits(100_000 - MAX_ALIKE))
        );
        assert_eq!(folded[MAX_ALIKE].message, "and 99,980 more like it");
        assert_eq!(folded[MAX_ALIKE + 1].message, "another kind");
    }

    #[test]
    fn long_messages_are_cut_and_say_so() {
        let file: Arc<str> = Arc::from("a.csv");
        let d = Diagnostic::warning(&file, Some(1), "x".repeat(9_000_000));
        assert!(d.message.chars().count() < MAX_MESSAGE_CHARS + 40);
        assert!(
            d.message.ends_with("(8,999,600 more characters)"),
            "{}",
            &d.message[390..]
        );
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
    }
}
