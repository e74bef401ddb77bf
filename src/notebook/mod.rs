//! The analyst's notebook: read state, marks, notes, saved views and event assessments that
//! outlive the reader, kept per analyst in one SQLite file.
//!
//! SQLite (bundled, so a fresh build needs nothing installed) in write-ahead-log mode: readers
//! never wait for a writer, and several readers may write to one file, each change in an
//! immediate transaction that waits for the others (up to [`BUSY_WAIT`]). A call that saves
//! returns only once its transaction is committed to the file's log, so a reader that says
//! "saved" after it can be killed without losing the change. The file is refused when a newer build
//! wrote it; when it cannot be read, [`Notebook::open_or_read_only`] gives an empty read-only
//! notebook and says why, so that the reader still opens.
//!
//! Anchors ([`anchor`]) tie what is kept to passages by their text, and [`Resolver`] finds them
//! again in a corpus. Nothing here touches the terminal.

pub mod anchor;
pub mod assess;
pub mod cli;
mod error;
mod model;
pub mod reader;
pub mod resolved;
mod schema;
mod store;
pub mod transfer;

pub use anchor::{Anchor, Passage, Placement, Resolver};
pub use error::NotebookError;
pub use model::{Assessment, EventAnchor, Mark, Note, ReadState, SavedView, Verdict};
pub use schema::CURRENT as SCHEMA_VERSION;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another writer's transaction before giving up.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

/// The file name of the default notebook, in the XDG data folder.
const FILE_NAME: &str = "notebook.sqlite";

/// What a notebook holds for one analyst, as the reader loads it.
#[derive(Clone, Debug, Default)]
pub struct Contents {
    pub read: ReadState,
    pub marks: Vec<Mark>,
    pub notes: Vec<Note>,
    pub views: Vec<SavedView>,
    pub assessments: Vec<Assessment>,
}

/// An open notebook, for one analyst.
pub struct Notebook {
    conn: Connection,
    path: PathBuf,
    analyst: String,
    /// Why writes are refused, when they are.
    read_only: Option<String>,
}

/// `$XDG_DATA_HOME/sitrep/notebook.sqlite`, else `~/.local/share/sitrep/notebook.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(data.join("sitrep").join(FILE_NAME))
}

/// The local analyst: `$USER`, else `$LOGNAME`, else "analyst".
pub fn default_analyst() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "analyst".to_string())
}

impl Notebook {
    /// Opens (creating it and its folder when missing) the notebook at `path` for `analyst`,
    /// migrating an older schema forward. Fails on a file that is damaged, not a notebook, or
    /// of a newer schema; each error names the file.
    pub fn open(path: &Path, analyst: &str) -> Result<Self, NotebookError> {
        let err = |cause: rusqlite::Error| NotebookError::from_sqlite(path, cause);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| NotebookError::Io {
                path: dir.to_path_buf(),
                cause: e,
            })?;
        }
        let mut conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(BUSY_WAIT).map_err(err)?;
        check_version(&conn, path)?;
        // WAL: readers and the writer do not block each other, and a commit is one append.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        // NORMAL: a commit is written to the log before it returns, so a killed reader loses
        // nothing it said was saved; the log is synced at checkpoints rather than at every
        // commit, so a power cut may lose the last changes but never damages the file. Syncing
        // every commit (FULL) cost 4 ms a save at the median and 12 ms at the 99th percentile
        // on the build machine (BENCHMARKS.md), past the 5 ms budget of a save.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // Read again under the write lock: another reader may have migrated meanwhile.
        if let schema::Version::Known(v) = check_version(&tx, path)?
            && v < schema::CURRENT
        {
            schema::migrate(&tx, v).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            analyst: analyst.to_string(),
            read_only: None,
        })
    }

    /// Opens the notebook; when it cannot be (damaged, of a newer schema, unwritable), an empty
    /// notebook that refuses writes, whose [`Notebook::read_only`] says why and names the file.
    /// A damaged file is left as it is, for the analyst to recover.
    pub fn open_or_read_only(path: &Path, analyst: &str) -> Self {
        match Self::open(path, analyst) {
            Ok(nb) => nb,
            Err(e) => Self::read_only_from(path, analyst, &e),
        }
    }

    /// For the reader: the notebook and everything it holds for the analyst, read at once.
    /// When the file cannot be opened, or turns out damaged while being read, an empty
    /// notebook that refuses writes, whose [`Notebook::read_only`] names the file and says why.
    pub fn open_for_reader(path: &Path, analyst: &str) -> (Self, Contents) {
        let opened = Self::open(path, analyst).and_then(|nb| {
            let contents = nb.contents()?;
            Ok((nb, contents))
        });
        opened.unwrap_or_else(|e| (Self::read_only_from(path, analyst, &e), Contents::default()))
    }

    /// Everything the notebook holds for its analyst.
    pub fn contents(&self) -> Result<Contents, NotebookError> {
        Ok(Contents {
            read: self.read_state()?,
            marks: self.list_marks()?,
            notes: self.list_notes()?,
            views: self.list_views()?,
            assessments: self.list_assessments()?,
        })
    }

    /// The notebook at `path` read as it is, never written: for exports and briefings, which
    /// must not create a file or migrate one.
    pub fn open_read_only(path: &Path, analyst: &str) -> Result<Self, NotebookError> {
        let err = |cause: rusqlite::Error| NotebookError::from_sqlite(path, cause);
        if !path.exists() {
            return Err(NotebookError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(err)?;
        conn.busy_timeout(BUSY_WAIT).map_err(err)?;
        match check_version(&conn, path)? {
            schema::Version::Known(v) if v == schema::CURRENT => Ok(Self {
                conn,
                path: path.to_path_buf(),
                analyst: analyst.to_string(),
                read_only: Some(format!("notebook {} opened read-only", path.display())),
            }),
            // Version 0 is a file without tables yet: nothing to read. (Older versions, once
            // there are any, will be read through a migrated copy in memory.)
            _ => Self::empty(path, analyst, "the notebook holds nothing yet"),
        }
    }

    fn read_only_from(path: &Path, analyst: &str, e: &NotebookError) -> Self {
        let reason = format!("{e}; notes are read-only this session and nothing will be saved");
        Self::empty(path, analyst, &reason).unwrap_or_else(|_| {
            // An in-memory database only fails to open when memory is exhausted.
            panic!("cannot open an in-memory notebook")
        })
    }

    /// An empty notebook that refuses writes, for commands that only read a notebook when
    /// there is none at `path` yet.
    pub fn empty_read_only(path: &Path, analyst: &str) -> Result<Self, NotebookError> {
        let reason = format!("no notebook at {} yet", path.display());
        Self::empty(path, analyst, &reason)
    }

    /// An empty notebook in memory that refuses writes with `reason`.
    fn empty(path: &Path, analyst: &str, reason: &str) -> Result<Self, NotebookError> {
        let err = |cause: rusqlite::Error| NotebookError::from_sqlite(path, cause);
        let conn = Connection::open_in_memory().map_err(err)?;
        schema::migrate(&conn, 0).map_err(err)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            analyst: analyst.to_string(),
            read_only: Some(reason.to_string()),
        })
    }

    /// The file this notebook is (or would have been) kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The analyst whose notebook this is.
    pub fn analyst(&self) -> &str {
        &self.analyst
    }

    /// Why this notebook refuses writes, naming its file; `None` when it takes them.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// `PRAGMA integrity_check`: `Ok` when SQLite finds the file sound, else what it found.
    pub fn integrity_check(&self) -> Result<(), NotebookError> {
        let err = |cause| NotebookError::from_sqlite(&self.path, cause);
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").map_err(err)?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        if lines == ["ok"] {
            Ok(())
        } else {
            Err(NotebookError::Damaged {
                path: self.path.clone(),
                cause: lines.join("; "),
            })
        }
    }
}

fn check_version(conn: &Connection, path: &Path) -> Result<schema::Version, NotebookError> {
    let version = schema::version(conn).map_err(|e| NotebookError::from_sqlite(path, e))?;
    match version {
        schema::Version::Newer(found) => Err(NotebookError::Newer {
            path: path.to_path_buf(),
            found,
            supported: schema::CURRENT,
        }),
        schema::Version::Foreign => Err(NotebookError::Foreign {
            path: path.to_path_buf(),
        }),
        known => Ok(known),
    }
}

#[cfg(test)]
mod tests;
