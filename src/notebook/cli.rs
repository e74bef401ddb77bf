//! The notebook on the command line: `--notebook FILE` and `--analyst NAME`, `sitrep notes
//! export|import`, and what `brief --notes/--unread` and `extract --notes` read from it. Commands
//! that only read a notebook never create or migrate one: a missing notebook reads as empty.

use super::resolved::ResolvedNotebook;
use super::{Contents, Notebook, NotebookError, default_analyst, default_path};
use crate::analysis::Analysis;
use crate::corpus::Article;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Clone, Debug, Default)]
pub struct NotebookArgs {
    /// The analyst's notebook: read state, marks, notes, saved views, assessments (default:
    /// $XDG_DATA_HOME/sitrep/notebook.sqlite).
    #[arg(long, value_name = "FILE", global = true)]
    pub notebook: Option<PathBuf>,
    /// Whose notebook to use in that file (default: $USER).
    #[arg(long, value_name = "NAME", global = true)]
    pub analyst: Option<String>,
}

impl NotebookArgs {
    /// `--notebook`, else the default file.
    pub fn path(&self) -> Result<PathBuf> {
        self.notebook.clone().or_else(default_path).context(
            "no place for the notebook: set XDG_DATA_HOME or HOME, or give --notebook FILE",
        )
    }

    /// `--analyst`, else the local user.
    pub fn analyst(&self) -> String {
        self.analyst
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map_or_else(default_analyst, String::from)
    }

    /// The notebook for the reader and what it holds: writable, else empty and read-only with
    /// the reason it gives.
    pub fn open_for_reader(&self) -> Result<(Notebook, Contents)> {
        Ok(Notebook::open_for_reader(&self.path()?, &self.analyst()))
    }

    /// The notebook for a command that only reads it: as it is on disk, never created or
    /// migrated; empty when there is none yet; an error naming the file when it is unreadable.
    pub fn open_for_reading(&self) -> Result<Notebook> {
        let path = self.path()?;
        match Notebook::open_read_only(&path, &self.analyst()) {
            Err(NotebookError::Missing { .. }) => {
                Ok(Notebook::empty_read_only(&path, &self.analyst())?)
            }
            other => Ok(other?),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum NotesCommand {
    /// Write the notebook as JSON lines (one record a line), to standard output or --output.
    Export {
        /// Write here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Every analyst's records (default: those of --analyst, else $USER).
        #[arg(long)]
        all: bool,
    },
    /// Merge JSON lines written by `notes export` into the notebook: a record already held is
    /// replaced only by a newer one; one bad line and nothing is imported.
    Import {
        /// The file to read ('-' for standard input).
        file: PathBuf,
        /// File every record under this analyst instead of the one it names.
        #[arg(long = "as", value_name = "NAME")]
        as_analyst: Option<String>,
    },
}

/// Runs `sitrep notes ...`.
pub fn run_notes(cmd: &NotesCommand, args: &NotebookArgs) -> Result<ExitCode> {
    match cmd {
        NotesCommand::Export { output, all } => {
            let nb = args.open_for_reading()?;
            let analyst = args.analyst();
            let who = (!*all).then_some(analyst.as_str());
            let n = match output {
                Some(file) => {
                    let f = std::fs::File::create(file)
                        .with_context(|| format!("cannot write {}", file.display()))?;
                    let mut w = io::BufWriter::new(f);
                    let n = nb.export(who, &mut w)?;
                    w.flush()
                        .with_context(|| format!("cannot write {}", file.display()))?;
                    n
                }
                None => {
                    let mut w = io::BufWriter::new(io::stdout().lock());
                    let n = nb.export(who, &mut w)?;
                    w.flush()?;
                    n
                }
            };
            eprintln!("sitrep: exported {n} records from {}", nb.path().display());
            Ok(ExitCode::SUCCESS)
        }
        NotesCommand::Import { file, as_analyst } => {
            let nb = Notebook::open(&args.path()?, &args.analyst())?;
            let mut input: Box<dyn BufRead> = if file.as_os_str() == "-" {
                Box::new(io::stdin().lock())
            } else {
                let f = std::fs::File::open(file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                Box::new(io::BufReader::new(f))
            };
            let summary = nb
                .import(&mut *input, as_analyst.as_deref())
                .with_context(|| format!("{}: nothing imported", file.display()))?;
            eprintln!(
                "sitrep: imported {} records into {} ({} already held or older)",
                summary.taken,
                nb.path().display(),
                summary.kept
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The articles the analyst has not read (or marked unread again).
pub fn keep_unread(articles: Vec<Article>, nb: &Notebook) -> Result<Vec<Article>> {
    let state = nb.read_state()?;
    Ok(articles.into_iter().filter(|a| !state.is_read(a)).collect())
}

/// `extract` with the notebook: the document as without it, plus a `notebook` member (json) or
/// a last line `{"notebook": ...}` (jsonl) holding [`ResolvedNotebook`].
pub fn write_extract(
    analysis: &Analysis,
    jsonl: bool,
    pretty: bool,
    nb: &Notebook,
    out: &mut dyn Write,
) -> Result<()> {
    let resolved = ResolvedNotebook::new(nb, analysis, None)?;
    if jsonl {
        crate::extract::write_jsonl(analysis, &mut &mut *out)?;
        serde_json::to_writer(&mut *out, &serde_json::json!({ "notebook": resolved }))?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    // The document ends with "}\n": hold those two bytes back and add the member before them.
    let mut held = HoldTail {
        inner: &mut *out,
        tail: Vec::with_capacity(2),
    };
    crate::extract::write_json(analysis, &mut held, pretty)?;
    anyhow::ensure!(
        held.tail == b"}\n",
        "the extract document did not end as expected"
    );
    out.write_all(b",\"notebook\":")?;
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &resolved)?;
    } else {
        serde_json::to_writer(&mut *out, &resolved)?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

/// A writer passing everything on but its last two bytes.
struct HoldTail<'a> {
    inner: &'a mut dyn Write,
    tail: Vec<u8>,
}

impl Write for HoldTail<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() >= 2 {
            let (pass, keep) = buf.split_at(buf.len() - 2);
            self.inner.write_all(&self.tail)?;
            self.inner.write_all(pass)?;
            self.tail.clear();
            self.tail.extend_from_slice(keep);
        } else {
            self.tail.extend_from_slice(buf);
            if self.tail.len() > 2 {
                self.inner.write_all(&self.tail[..1])?;
                self.tail.remove(0);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
