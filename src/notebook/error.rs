//! Why a notebook could not be opened or written, each naming its file.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum NotebookError {
    /// Written by a newer sitrep: refused, so as not to damage it.
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Not a database, or a database damaged past reading.
    Damaged { path: PathBuf, cause: String },
    /// An SQLite database of something else.
    Foreign { path: PathBuf },
    /// No notebook there (for commands that only read one).
    Missing { path: PathBuf },
    /// This session's notebook refuses writes; the reason names the file.
    ReadOnly { reason: String },
    /// The folder or file could not be made or reached.
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// Any other failure of SQLite (a full disk, a lock held past the wait).
    Sqlite {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    /// A note, label, comment or name longer than the notebook keeps.
    TooLong { what: &'static str, limit: usize },
    /// A line of an import that could not be taken.
    Import { line: usize, cause: String },
}

impl NotebookError {
    /// Sorts SQLite's failure into damage (the file is not what it should be) or the rest.
    pub(super) fn from_sqlite(path: &Path, cause: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match cause.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => Self::Damaged {
                path: path.to_path_buf(),
                cause: cause.to_string(),
            },
            _ => Self::Sqlite {
                path: path.to_path_buf(),
                cause,
            },
        }
    }

    /// True for a notebook damaged or not a notebook at all.
    pub fn is_damaged(&self) -> bool {
        matches!(self, Self::Damaged { .. } | Self::Foreign { .. })
    }
}

impl fmt::Display for NotebookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Newer {
                path,
                found,
                supported,
            } => write!(
                f,
                "notebook {} was written by a newer sitrep (schema version {found}; this one \
                 reads up to {supported}): refused, so as not to damage it; upgrade sitrep or \
                 choose another file with --notebook",
                path.display()
            ),
            Self::Damaged { path, cause } => write!(
                f,
                "notebook {} is damaged ({cause}); it was left as it is",
                path.display()
            ),
            Self::Foreign { path } => write!(
                f,
                "{} is an SQLite database but not a sitrep notebook; it was left as it is",
                path.display()
            ),
            Self::Missing { path } => write!(f, "no notebook at {}", path.display()),
            Self::ReadOnly { reason } => write!(f, "not saved: {reason}"),
            Self::Io { path, cause } => write!(f, "notebook {}: {cause}", path.display()),
            Self::Sqlite { path, cause } => write!(f, "notebook {}: {cause}", path.display()),
            Self::TooLong { what, limit } => write!(
                f,
                "not saved: the {what} is longer than {} KiB",
                limit / 1024
            ),
            Self::Import { line, cause } => write!(f, "line {line}: {cause}"),
        }
    }
}

impl std::error::Error for NotebookError {}
