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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
