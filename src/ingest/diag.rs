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

impl Diagnostic {
    pub fn warning(file: &Arc<str>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Arc::clone(file),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn error(file: &Arc<str>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Arc::clone(file),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
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
