//! The library's error type: every error names the file (and line, when one is known),
//! so that the binary can print it and exit with status 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error that stops a run. Input errors carry the file and 1-based line.
#[derive(Debug)]
pub enum Error {
    /// Something in a file is wrong: bad front matter, a malformed claims file, …
    Input {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A file could not be read or written.
    Io { path: PathBuf, source: std::io::Error },
    /// The command line or workspace is not usable as given.
    Usage(String),
}

impl Error {
    pub fn input(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }

    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input {
                path,
                line: Some(line),
                message,
            } => write!(f, "{}:{}: {}", path.display(), line, message),
            Error::Input {
                path,
                line: None,
                message,
            } => write!(f, "{}: {}", path.display(), message),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Usage(message) => write!(f, "{message}"),
        }
    }
}

/// No variant reports a source: each message already says what went wrong underneath
/// ("corpus/x.md: No such file or directory"), so a printed chain would say it twice.
impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A YAML parser's message for a person: without its " at line N column M" (the error
/// carries the file's line, and the parser may count from elsewhere, e.g. the start of front
/// matter), and with the names of our Rust types put as what they are (`struct X` → `a
/// mapping`).
pub fn yaml_message(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(after);
        let tail = &after[n..];
        match tail.strip_prefix(" column ") {
            Some(col) if n > 0 && digits(col) > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let mut text = out;
    while let Some(i) = text.find("struct ") {
        let end = text[i + 7..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(text.len(), |e| i + 7 + e);
        text.replace_range(i..end, "a mapping");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::yaml_message;

    #[test]
    fn yaml_messages_lose_their_own_positions_and_type_names() {
        assert_eq!(
            yaml_message("found a tab character at line 2 column 1, while scanning a plain scalar at line 3 column 7"),
            "found a tab character, while scanning a plain scalar"
        );
        assert_eq!(
            yaml_message("invalid type: sequence, expected struct FrontMatter"),
            "invalid type: sequence, expected a mapping"
        );
        assert_eq!(yaml_message("said at line one"), "said at line one");
    }
}
