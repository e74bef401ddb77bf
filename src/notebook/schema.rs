//! The notebook's tables and their forward migrations. The schema version is SQLite's
//! `user_version`; each migration takes the file from one version to the next inside the
//! opening transaction, so that a notebook is never left half-migrated. A file of a newer
//! version than [`CURRENT`] is refused rather than read by rules it may have outgrown.

use rusqlite::Connection;

/// The schema version this build writes.
pub const CURRENT: i64 = 1;

/// Marks a file as a sitrep notebook (SQLite's `application_id`: "SRnb").
pub const APPLICATION_ID: i64 = 0x5352_6E62;

/// Migration `i` takes a notebook from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[V1];

/// Version 1: read state, marks, notes, saved views and assessments, each per analyst. Anchor
/// columns (article id and text hash, title, quote with its context and old offset) are the
/// same in every table that anchors.
const V1: &str = "
CREATE TABLE read_state (
    analyst TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_hash TEXT NOT NULL,
    read INTEGER NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (analyst, article_id)
) WITHOUT ROWID;
CREATE TABLE marks (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    analyst TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    quote TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    offset INTEGER NOT NULL,
    label TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX marks_by_analyst ON marks (analyst, id);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    analyst TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    quote TEXT,
    before TEXT,
    after TEXT,
    offset INTEGER,
    body TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX notes_by_analyst ON notes (analyst, id);
CREATE TABLE views (
    analyst TEXT NOT NULL,
    name TEXT NOT NULL,
    filter TEXT NOT NULL,
    sort TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (analyst, name)
) WITHOUT ROWID;
CREATE TABLE assessments (
    analyst TEXT NOT NULL,
    event_key TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    quote TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    offset INTEGER NOT NULL,
    kind TEXT NOT NULL,
    verdict TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (analyst, event_key)
) WITHOUT ROWID;
";

/// What the file's version says about it.
pub enum Version {
    /// Older than or equal to ours: migrate forward from this version.
    Known(i64),
    /// Written by a newer build.
    Newer(i64),
    /// Holds tables but is no sitrep notebook.
    Foreign,
}

/// Reads the file's version and kind without changing it.
pub fn version(conn: &Connection) -> rusqlite::Result<Version> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(if app != APPLICATION_ID && (app != 0 || tables > 0) {
        Version::Foreign
    } else if version > CURRENT {
        Version::Newer(version)
    } else {
        Version::Known(version)
    })
}

/// Applies every migration after `from`, and records the new version. Run inside a write
/// transaction.
pub fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    let from = usize::try_from(from).unwrap_or(0);
    for step in MIGRATIONS.iter().skip(from) {
        conn.execute_batch(step)?;
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {CURRENT};"
    ))
}
