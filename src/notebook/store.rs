//! The notebook's actions: each write is one immediate transaction, committed (and synced)
//! before the call returns; each list reads one analyst's records in the order they were made.

use super::anchor::{Anchor, Passage, hash_hex, text_hash};
use super::model::{Assessment, EventAnchor, Mark, Note, ReadState, SavedView, Verdict};
use super::{Notebook, NotebookError};
use crate::analysis::EventKind;
use crate::corpus::Article;
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

/// Now, as stored: UTC with milliseconds, so that text order is time order.
pub(super) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/// Longest note, label, comment or view name kept, in bytes: a note is a paragraph or a page,
/// and a limit keeps one paste of a whole file from swelling every list the reader loads.
pub const MAX_TEXT: usize = 64 * 1024;

fn check_len(what: &'static str, text: &str) -> Result<(), NotebookError> {
    if text.len() > MAX_TEXT {
        return Err(NotebookError::TooLong {
            what,
            limit: MAX_TEXT,
        });
    }
    Ok(())
}

/// A fresh unique id: 128 random bits in hex.
pub(super) const NEW_UID: &str = "lower(hex(randomblob(16)))";

impl Notebook {
    /// Runs `f` in one immediate transaction and commits it; refused on a read-only notebook.
    pub(super) fn write<T>(
        &self,
        f: impl FnOnce(&Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, NotebookError> {
        if let Some(reason) = &self.read_only {
            return Err(NotebookError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let err = |cause| NotebookError::from_sqlite(&self.path, cause);
        let tx =
            Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(err)?;
        let value = f(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }

    fn read<T>(
        &self,
        f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> Result<T, NotebookError> {
        f(&self.conn).map_err(|cause| NotebookError::from_sqlite(&self.path, cause))
    }

    /// Marks the article read (or unread again).
    pub fn mark_read(&self, article: &Article, read: bool) -> Result<(), NotebookError> {
        let hash = hash_hex(text_hash(&article.body));
        self.write(|tx| set_read(tx, &self.analyst, &article.id, &hash, read))
    }

    /// Flips the article's read state; returns the new one.
    pub fn toggle_read(&self, article: &Article) -> Result<bool, NotebookError> {
        let hash = hash_hex(text_hash(&article.body));
        self.write(|tx| {
            let now: Option<bool> = tx
                .prepare_cached(
                    "SELECT read FROM read_state WHERE analyst = ?1 AND article_id = ?2",
                )?
                .query_row(params![self.analyst, article.id], |r| r.get(0))
                .optional()?;
            let read = !now.unwrap_or(false);
            set_read(tx, &self.analyst, &article.id, &hash, read)?;
            Ok(read)
        })
    }

    /// Which articles the analyst has read.
    pub fn read_state(&self) -> Result<ReadState, NotebookError> {
        self.read(|c| {
            let mut state = ReadState::default();
            let mut stmt = c.prepare_cached(
                "SELECT article_id, article_hash, read FROM read_state WHERE analyst = ?1",
            )?;
            let mut rows = stmt.query([&self.analyst])?;
            while let Some(r) = rows.next()? {
                let read: bool = r.get(2)?;
                state.by_id.insert(r.get(0)?, (read, r.get(1)?));
            }
            Ok(state)
        })
    }

    /// Marks a passage; `label` may be empty.
    pub fn add_mark(&self, anchor: &Anchor, label: &str) -> Result<Mark, NotebookError> {
        check_len("label", label)?;
        let (quote, before, after, offset) = passage_columns(anchor);
        let (uid, updated) = self.write(|tx| {
            tx.prepare_cached(&format!(
                "INSERT INTO marks (uid, analyst, article_id, article_hash, title, quote, before,
                     after, offset, label, updated)
                 VALUES ({NEW_UID}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, {NOW})
                 RETURNING uid, updated"
            ))?
            .query_row(
                params![
                    self.analyst,
                    anchor.article_id,
                    anchor.article_hash,
                    anchor.title,
                    quote.unwrap_or_default(),
                    before,
                    after,
                    offset,
                    label
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })?;
        Ok(Mark {
            uid,
            analyst: self.analyst.clone(),
            anchor: anchor.clone(),
            label: label.to_string(),
            updated,
        })
    }

    /// Removes a mark; false when there was none of that id.
    pub fn remove_mark(&self, uid: &str) -> Result<bool, NotebookError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM marks WHERE uid = ?1 AND analyst = ?2",
                params![uid, self.analyst],
            )?;
            Ok(n > 0)
        })
    }

    /// The analyst's marks, oldest first.
    pub fn list_marks(&self) -> Result<Vec<Mark>, NotebookError> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT * FROM marks WHERE analyst = ?1 ORDER BY id")?;
            stmt.query_map([&self.analyst], mark_from_row)?.collect()
        })
    }

    /// Adds a note on a passage, or on a whole article (an anchor without passage).
    pub fn add_note(&self, anchor: &Anchor, text: &str) -> Result<Note, NotebookError> {
        check_len("note", text)?;
        let (quote, before, after, offset) = passage_columns(anchor);
        let (uid, updated) = self.write(|tx| {
            tx.prepare_cached(&format!(
                "INSERT INTO notes (uid, analyst, article_id, article_hash, title, quote, before,
                     after, offset, body, updated)
                 VALUES ({NEW_UID}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, {NOW})
                 RETURNING uid, updated"
            ))?
            .query_row(
                params![
                    self.analyst,
                    anchor.article_id,
                    anchor.article_hash,
                    anchor.title,
                    quote,
                    quote.map(|_| before),
                    quote.map(|_| after),
                    quote.map(|_| offset),
                    text
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })?;
        Ok(Note {
            uid,
            analyst: self.analyst.clone(),
            anchor: anchor.clone(),
            text: text.to_string(),
            updated,
        })
    }

    /// Replaces a note's text; false when there was no note of that id.
    pub fn edit_note(&self, uid: &str, text: &str) -> Result<bool, NotebookError> {
        check_len("note", text)?;
        self.write(|tx| {
            let n = tx.execute(
                &format!(
                    "UPDATE notes SET body = ?1, updated = {NOW} WHERE uid = ?2 AND analyst = ?3"
                ),
                params![text, uid, self.analyst],
            )?;
            Ok(n > 0)
        })
    }

    /// Removes a note; false when there was none of that id.
    pub fn remove_note(&self, uid: &str) -> Result<bool, NotebookError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM notes WHERE uid = ?1 AND analyst = ?2",
                params![uid, self.analyst],
            )?;
            Ok(n > 0)
        })
    }

    /// The analyst's notes, oldest first.
    pub fn list_notes(&self) -> Result<Vec<Note>, NotebookError> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT * FROM notes WHERE analyst = ?1 ORDER BY id")?;
            stmt.query_map([&self.analyst], note_from_row)?.collect()
        })
    }

    /// Saves a view under its name, replacing one of the same name.
    pub fn save_view(&self, view: &SavedView) -> Result<(), NotebookError> {
        check_len("view name", &view.name)?;
        let filter = view.filter.to_string();
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO views (analyst, name, filter, sort, updated)
                     VALUES (?1, ?2, ?3, ?4, {NOW})
                     ON CONFLICT (analyst, name) DO UPDATE SET
                         filter = excluded.filter, sort = excluded.sort, updated = excluded.updated"
                ),
                params![self.analyst, view.name, filter, view.sort],
            )?;
            Ok(())
        })
    }

    /// Removes a saved view; false when there was none of that name.
    pub fn remove_view(&self, name: &str) -> Result<bool, NotebookError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM views WHERE analyst = ?1 AND name = ?2",
                params![self.analyst, name],
            )?;
            Ok(n > 0)
        })
    }

    /// The analyst's saved views, by name.
    pub fn list_views(&self) -> Result<Vec<SavedView>, NotebookError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT name, filter, sort FROM views WHERE analyst = ?1 ORDER BY name",
            )?;
            stmt.query_map([&self.analyst], |r| {
                let filter: String = r.get(1)?;
                Ok(SavedView {
                    name: r.get(0)?,
                    filter: serde_json::from_str(&filter).unwrap_or(serde_json::Value::Null),
                    sort: r.get(2)?,
                })
            })?
            .collect()
        })
    }

    /// Records the analyst's verdict on an event, replacing an earlier one on the same event.
    pub fn assess_event(
        &self,
        event: &EventAnchor,
        verdict: &Verdict,
        comment: &str,
    ) -> Result<Assessment, NotebookError> {
        check_len("comment", comment)?;
        let (quote, before, after, offset) = passage_columns(&event.anchor);
        let verdict_json = serde_json::to_string(verdict).unwrap_or_default();
        let anchor = &event.anchor;
        let updated = self.write(|tx| {
            tx.prepare_cached(&format!(
                "INSERT INTO assessments (analyst, event_key, article_id, article_hash, title,
                     quote, before, after, offset, kind, verdict, comment, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, {NOW})
                 ON CONFLICT (analyst, event_key) DO UPDATE SET
                     verdict = excluded.verdict, comment = excluded.comment,
                     updated = excluded.updated
                 RETURNING updated"
            ))?
            .query_row(
                params![
                    self.analyst,
                    event.key(),
                    anchor.article_id,
                    anchor.article_hash,
                    anchor.title,
                    quote.unwrap_or_default(),
                    before,
                    after,
                    offset,
                    event.kind.as_str(),
                    verdict_json,
                    comment
                ],
                |r| r.get(0),
            )
        })?;
        Ok(Assessment {
            analyst: self.analyst.clone(),
            event: event.clone(),
            verdict: verdict.clone(),
            comment: comment.to_string(),
            updated,
        })
    }

    /// Withdraws the analyst's assessment of an event; false when there was none.
    pub fn remove_assessment(&self, event: &EventAnchor) -> Result<bool, NotebookError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM assessments WHERE analyst = ?1 AND event_key = ?2",
                params![self.analyst, event.key()],
            )?;
            Ok(n > 0)
        })
    }

    /// The analyst's assessments, oldest change first.
    pub fn list_assessments(&self) -> Result<Vec<Assessment>, NotebookError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT * FROM assessments WHERE analyst = ?1 ORDER BY updated, event_key",
            )?;
            stmt.query_map([&self.analyst], assessment_from_row)?
                .collect()
        })
    }
}

fn set_read(
    tx: &Transaction,
    analyst: &str,
    article_id: &str,
    hash: &str,
    read: bool,
) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO read_state (analyst, article_id, article_hash, read, updated)
         VALUES (?1, ?2, ?3, ?4, {NOW})
         ON CONFLICT (analyst, article_id) DO UPDATE SET
             article_hash = excluded.article_hash, read = excluded.read,
             updated = excluded.updated"
    ))?
    .execute(params![analyst, article_id, hash, read])?;
    Ok(())
}

/// The passage columns of an anchor: quote (`None` for a whole article), context, offset.
pub(super) fn passage_columns(anchor: &Anchor) -> (Option<&str>, &str, &str, i64) {
    match &anchor.passage {
        Some(p) => (
            Some(p.quote.as_str()),
            p.before.as_str(),
            p.after.as_str(),
            i64::try_from(p.offset).unwrap_or(i64::MAX),
        ),
        None => (None, "", "", 0),
    }
}

/// The anchor held in a row's anchor columns.
pub(super) fn anchor_from_row(r: &Row) -> rusqlite::Result<Anchor> {
    let quote: Option<String> = r.get("quote")?;
    let passage = match quote {
        Some(quote) => Some(Passage {
            quote,
            before: r.get::<_, Option<String>>("before")?.unwrap_or_default(),
            after: r.get::<_, Option<String>>("after")?.unwrap_or_default(),
            offset: usize::try_from(r.get::<_, Option<i64>>("offset")?.unwrap_or(0)).unwrap_or(0),
        }),
        None => None,
    };
    Ok(Anchor {
        article_id: r.get("article_id")?,
        article_hash: r.get("article_hash")?,
        title: r.get("title")?,
        passage,
    })
}

pub(super) fn mark_from_row(r: &Row) -> rusqlite::Result<Mark> {
    Ok(Mark {
        uid: r.get("uid")?,
        analyst: r.get("analyst")?,
        anchor: anchor_from_row(r)?,
        label: r.get("label")?,
        updated: r.get("updated")?,
    })
}

pub(super) fn note_from_row(r: &Row) -> rusqlite::Result<Note> {
    Ok(Note {
        uid: r.get("uid")?,
        analyst: r.get("analyst")?,
        anchor: anchor_from_row(r)?,
        text: r.get("body")?,
        updated: r.get("updated")?,
    })
}

pub(super) fn assessment_from_row(r: &Row) -> rusqlite::Result<Assessment> {
    let bad = |i: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into())
    };
    let kind: String = r.get("kind")?;
    let kind = EventKind::parse(&kind).ok_or_else(|| bad(9, format!("unknown kind {kind}")))?;
    let verdict: String = r.get("verdict")?;
    let verdict: Verdict = serde_json::from_str(&verdict).map_err(|e| bad(10, e.to_string()))?;
    Ok(Assessment {
        analyst: r.get("analyst")?,
        event: EventAnchor {
            anchor: anchor_from_row(r)?,
            kind,
        },
        verdict,
        comment: r.get("comment")?,
        updated: r.get("updated")?,
    })
}
