//! `sitrep notes export|import`: a notebook as JSON lines, one record a line, so that it moves
//! between machines and can be shared. The first line names the format; each other line is one
//! read flag, mark, note, saved view or assessment with its analyst and time of change. An
//! import is one transaction (all lines or none) and merges: a record already held is replaced
//! only by a newer one, so importing the same file twice changes nothing.

use super::anchor::{hash_hex, text_hash};
use super::model::{Assessment, Mark, Note, SavedView};
use super::store::{assessment_from_row, mark_from_row, note_from_row, passage_columns};
use super::{Notebook, NotebookError};
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};

/// The export format's version, on its first line.
pub const FORMAT: u32 = 1;

/// Longest line an import reads: a note of a few pages with its anchor fits many times over.
const MAX_LINE: usize = 4 << 20;

/// One line of an export.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Header {
        sitrep_notebook: u32,
    },
    Read {
        analyst: String,
        article_id: String,
        article_hash: String,
        read: bool,
        updated: String,
    },
    Mark(Mark),
    Note(Note),
    View {
        analyst: String,
        #[serde(flatten)]
        view: SavedView,
        updated: String,
    },
    Assessment(Assessment),
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Records added or replacing older ones.
    pub taken: usize,
    /// Records already held, or older than what is held.
    pub kept: usize,
}

impl Notebook {
    /// Writes every record (of one analyst, or of all) as JSON lines.
    pub fn export(&self, analyst: Option<&str>, out: &mut dyn Write) -> anyhow::Result<usize> {
        let records = self
            .read_all(analyst)
            .map_err(|cause| NotebookError::from_sqlite(self.path(), cause))?;
        serde_json::to_writer(
            &mut *out,
            &Record::Header {
                sitrep_notebook: FORMAT,
            },
        )?;
        out.write_all(b"\n")?;
        for r in &records {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")?;
        }
        Ok(records.len())
    }

    fn read_all(&self, analyst: Option<&str>) -> rusqlite::Result<Vec<Record>> {
        let c: &Connection = &self.conn;
        let filter = "WHERE ?1 IS NULL OR analyst = ?1";
        let mut out = Vec::new();
        let mut stmt = c.prepare(&format!(
            "SELECT analyst, article_id, article_hash, read, updated FROM read_state {filter}
             ORDER BY analyst, article_id"
        ))?;
        for r in stmt.query_map([analyst], |r| {
            Ok(Record::Read {
                analyst: r.get(0)?,
                article_id: r.get(1)?,
                article_hash: r.get(2)?,
                read: r.get(3)?,
                updated: r.get(4)?,
            })
        })? {
            out.push(r?);
        }
        let mut stmt = c.prepare(&format!("SELECT * FROM marks {filter} ORDER BY id"))?;
        for r in stmt.query_map([analyst], mark_from_row)? {
            out.push(Record::Mark(r?));
        }
        let mut stmt = c.prepare(&format!("SELECT * FROM notes {filter} ORDER BY id"))?;
        for r in stmt.query_map([analyst], note_from_row)? {
            out.push(Record::Note(r?));
        }
        let mut stmt = c.prepare(&format!(
            "SELECT analyst, name, filter, sort, updated FROM views {filter} ORDER BY analyst, name"
        ))?;
        for r in stmt.query_map([analyst], |r| {
            let filter: String = r.get(2)?;
            Ok(Record::View {
                analyst: r.get(0)?,
                view: SavedView {
                    name: r.get(1)?,
                    filter: serde_json::from_str(&filter).unwrap_or(serde_json::Value::Null),
                    sort: r.get(3)?,
                },
                updated: r.get(4)?,
            })
        })? {
            out.push(r?);
        }
        let mut stmt = c.prepare(&format!(
            "SELECT * FROM assessments {filter} ORDER BY analyst, updated, event_key"
        ))?;
        for r in stmt.query_map([analyst], assessment_from_row)? {
            out.push(Record::Assessment(r?));
        }
        Ok(out)
    }

    /// Merges JSON lines into the notebook in one transaction; `as_analyst` files every record
    /// under that analyst instead of the one it names. Nothing is written when a line is bad.
    pub fn import(
        &self,
        input: &mut dyn BufRead,
        as_analyst: Option<&str>,
    ) -> Result<ImportSummary, NotebookError> {
        let records = parse_lines(input)?;
        self.write(|tx| {
            let mut summary = ImportSummary::default();
            for mut r in records {
                if let Some(name) = as_analyst {
                    set_analyst(&mut r, name);
                }
                if merge(tx, &r)? {
                    summary.taken += 1;
                } else if !matches!(r, Record::Header { .. }) {
                    summary.kept += 1;
                }
            }
            Ok(summary)
        })
    }
}

/// Every record of the input, or the first bad line's number and what is wrong with it.
fn parse_lines(input: &mut dyn BufRead) -> Result<Vec<Record>, NotebookError> {
    let mut records = Vec::new();
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        line_no += 1;
        let bad = |cause: String| NotebookError::Import {
            line: line_no,
            cause,
        };
        let n = <&mut dyn BufRead as Read>::take(&mut *input, MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| bad(e.to_string()))?;
        if n == 0 {
            break;
        }
        if buf.len() > MAX_LINE {
            return Err(bad(format!("longer than {} MiB", MAX_LINE >> 20)));
        }
        let text = std::str::from_utf8(&buf).map_err(|_| bad("not UTF-8".into()))?;
        if text.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        check(&record).map_err(bad)?;
        records.push(record);
    }
    Ok(records)
}

fn check(r: &Record) -> Result<(), String> {
    let analyst = match r {
        Record::Header { sitrep_notebook } if *sitrep_notebook > FORMAT => {
            return Err(format!(
                "written in notebook format {sitrep_notebook}; this sitrep reads up to {FORMAT}"
            ));
        }
        Record::Header { .. } => return Ok(()),
        Record::Read { analyst, .. } | Record::View { analyst, .. } => analyst,
        Record::Mark(m) => &m.analyst,
        Record::Note(n) => &n.analyst,
        Record::Assessment(a) => &a.analyst,
    };
    if analyst.trim().is_empty() {
        return Err("no analyst".into());
    }
    if let Record::Mark(m) = r
        && m.anchor.passage.is_none()
    {
        return Err("a mark without a passage".into());
    }
    Ok(())
}

/// Files a record under `name`. A mark or note moved to another analyst becomes a copy of its
/// own, with an id made from the old one and the new analyst: the original stays with its
/// analyst, and importing the same file again still finds the copy.
fn set_analyst(r: &mut Record, name: &str) {
    let (slot, uid) = match r {
        Record::Header { .. } => return,
        Record::Read { analyst, .. } | Record::View { analyst, .. } => (analyst, None),
        Record::Mark(m) => (&mut m.analyst, Some(&mut m.uid)),
        Record::Note(n) => (&mut n.analyst, Some(&mut n.uid)),
        Record::Assessment(a) => (&mut a.analyst, None),
    };
    if slot == name {
        return;
    }
    if let Some(uid) = uid {
        let key = format!("{uid}\u{1f}{name}");
        *uid = format!(
            "{}{}",
            hash_hex(text_hash(&key)),
            hash_hex(text_hash(&format!("{key}\u{1f}")))
        );
    }
    *slot = name.to_string();
}

/// Writes one record unless a newer one of the same identity is held; true when written.
fn merge(tx: &Transaction, r: &Record) -> rusqlite::Result<bool> {
    let n = match r {
        Record::Header { .. } => 0,
        Record::Read {
            analyst,
            article_id,
            article_hash,
            read,
            updated,
        } => tx.execute(
            "INSERT INTO read_state (analyst, article_id, article_hash, read, updated)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (analyst, article_id) DO UPDATE SET
                 article_hash = excluded.article_hash, read = excluded.read,
                 updated = excluded.updated
             WHERE excluded.updated > read_state.updated",
            params![analyst, article_id, article_hash, read, updated],
        )?,
        Record::Mark(m) => {
            let (quote, before, after, offset) = passage_columns(&m.anchor);
            tx.execute(
                "INSERT INTO marks (uid, analyst, article_id, article_hash, title, quote, before,
                     after, offset, label, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (uid) DO UPDATE SET
                     label = excluded.label, updated = excluded.updated
                 WHERE excluded.updated > marks.updated",
                params![
                    m.uid,
                    m.analyst,
                    m.anchor.article_id,
                    m.anchor.article_hash,
                    m.anchor.title,
                    quote.unwrap_or_default(),
                    before,
                    after,
                    offset,
                    m.label,
                    m.updated
                ],
            )?
        }
        Record::Note(n) => {
            let (quote, before, after, offset) = passage_columns(&n.anchor);
            tx.execute(
                "INSERT INTO notes (uid, analyst, article_id, article_hash, title, quote, before,
                     after, offset, body, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (uid) DO UPDATE SET
                     body = excluded.body, updated = excluded.updated
                 WHERE excluded.updated > notes.updated",
                params![
                    n.uid,
                    n.analyst,
                    n.anchor.article_id,
                    n.anchor.article_hash,
                    n.anchor.title,
                    quote,
                    quote.map(|_| before),
                    quote.map(|_| after),
                    quote.map(|_| offset),
                    n.text,
                    n.updated
                ],
            )?
        }
        Record::View {
            analyst,
            view,
            updated,
        } => tx.execute(
            "INSERT INTO views (analyst, name, filter, sort, updated)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (analyst, name) DO UPDATE SET
                 filter = excluded.filter, sort = excluded.sort, updated = excluded.updated
             WHERE excluded.updated > views.updated",
            params![
                analyst,
                view.name,
                view.filter.to_string(),
                view.sort,
                updated
            ],
        )?,
        Record::Assessment(a) => {
            let (quote, before, after, offset) = passage_columns(&a.event.anchor);
            tx.execute(
                "INSERT INTO assessments (analyst, event_key, article_id, article_hash, title,
                     quote, before, after, offset, kind, verdict, comment, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (analyst, event_key) DO UPDATE SET
                     verdict = excluded.verdict, comment = excluded.comment,
                     updated = excluded.updated
                 WHERE excluded.updated > assessments.updated",
                params![
                    a.analyst,
                    a.event.key(),
                    a.event.anchor.article_id,
                    a.event.anchor.article_hash,
                    a.event.anchor.title,
                    quote.unwrap_or_default(),
                    before,
                    after,
                    offset,
                    a.event.kind.as_str(),
                    serde_json::to_string(&a.verdict).unwrap_or_default(),
                    a.comment,
                    a.updated
                ],
            )?
        }
    };
    Ok(n > 0)
}
