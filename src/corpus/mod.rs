//! Files in, clean [`Article`]s out: discovery, one reader per format, cleaning, sanitising and
//! segmentation. Nothing here prints or touches the terminal; problems become [`Skipped`] records.
//!
//! Pipeline: [`discover`] walks the PATHs (sorted, guarded against links, loops and depth) →
//! [`read`] reads each regular file under a size cap and decodes it → `formats` turns it into
//! drafts (`.txt`, `.md`, `.html`/`.htm`, `.json`, `.jsonl`) → [`manifest`] adds `corpus.toml`
//! metadata → [`clean`] cuts web debris (`assets/debris.toml`) and finds the headline and
//! section → [`sanitize()`] makes every displayed string terminal-safe → [`segment`] finds
//! paragraphs and sentences (`assets/abbreviations.toml`). Dates in metadata are read by
//! [`metadata`] (`assets/metadata.toml`).

mod build;
mod chunked;
pub mod clean;
pub mod discover;
mod formats;
#[cfg(test)]
mod invariants;
mod load;
pub mod manifest;
pub mod memory;
pub mod metadata;
pub mod read;
pub mod sanitize;
pub mod segment;

pub use load::{LoadEvent, PROGRESS_FILES, Preview};
pub use sanitize::sanitize;

use crate::date::DateValue;
use serde::{Serialize, Serializer};
use std::fmt;
use std::path::PathBuf;

/// A byte range `[start, end)` into an article's clean `body`, stored in 32 bits a side: bodies
/// are far below 4 GiB (files over [`read::MAX_FILE_BYTES`] are never read), and spans are the most
/// numerous records of an analysis (sentences, paragraphs, mentions, events, dates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

/// An offset as stored in a [`Span`]; offsets past 4 GiB (which no body reaches) are clamped.
pub(crate) fn offset32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: offset32(start),
            end: offset32(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `body`.
    pub fn slice<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start()..self.end()]
    }
}

/// Serialised as `[start, end]`, the extraction schema's form.
impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// The input format an article was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Markdown,
    Html,
    Json,
    Jsonl,
    /// RSS, Atom or JSON Feed: one article per item.
    Feed,
    /// A PDF document's text layer.
    Pdf,
}

/// One clean article. Every string here is already terminal-safe.
#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// JSON `id`, else the file stem (with `:LINE` for a `.jsonl` line without an id).
    pub id: String,
    /// Where it came from, for display.
    pub path: String,
    pub format: Format,
    pub title: String,
    /// A section or rubric line ("Algeria") kept apart from the title.
    pub section: Option<String>,
    /// Metadata source, else the folder below the corpus root, else `None`.
    pub source: Option<String>,
    pub published: Option<DateValue>,
    pub url: Option<String>,
    /// Clean text: paragraphs separated by one blank line.
    pub body: String,
    /// Paragraph spans into `body`, in order; these are the "passages".
    pub paragraphs: Vec<Span>,
    /// Sentence spans into `body`, in order, each inside one paragraph.
    pub sentences: Vec<Span>,
    /// True when the file was not valid UTF-8 and was decoded lossily.
    pub lossy: bool,
}

impl Article {
    /// What the views name its source by: its source, else its id.
    pub fn source_label(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.id)
    }

    /// Number of whitespace-separated words in the body.
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }

    /// Index of the paragraph holding byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        span_index_at(&self.paragraphs, offset)
    }

    /// Index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        span_index_at(&self.sentences, offset)
    }
}

fn span_index_at(spans: &[Span], offset: usize) -> Option<usize> {
    let i = spans.partition_point(|s| s.end() <= offset);
    spans.get(i).filter(|s| s.contains(offset)).map(|_| i)
}

/// A file (or `.jsonl` line) that could not be loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The path, or `PATH:LINE` for one line of a `.jsonl` file.
    pub path: String,
    pub reason: String,
}

impl Skipped {
    /// A skipped record; path and reason are sanitised, since both are printed.
    pub fn new(path: impl AsRef<str>, reason: impl AsRef<str>) -> Self {
        Self {
            path: sanitize::sanitize_line(path.as_ref()),
            reason: sanitize(reason.as_ref()),
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sitrep: skipped {}: {}", self.path, self.reason)
    }
}

/// How files are found and guarded.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// Follow symbolic links (loops are still detected).
    pub follow_links: bool,
    /// Deepest folder level walked below each PATH.
    pub max_depth: usize,
    /// A TOML file of extra web-debris patterns (the format of `assets/debris.toml`), added to
    /// the built-in ones.
    pub debris_file: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: 16 * 1024 * 1024,
            follow_links: false,
            max_depth: 32,
            debris_file: None,
        }
    }
}

/// What a load produced: the articles in deterministic order, and what was skipped.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// Loads every supported file under `paths` (files or folders).
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Corpus {
    load::load(paths, opts)
}

/// Loads like [`load`], reporting the articles of the first `first_files` files, then how many
/// files have been read, while the others load; the corpus returned is the same as [`load`]'s.
pub fn load_previewing(
    paths: &[PathBuf],
    opts: &LoadOptions,
    first_files: usize,
    report: impl FnMut(LoadEvent),
) -> Corpus {
    load::load_previewing(paths, opts, first_files, report)
}

/// The bundled sample corpus, embedded in the binary.
pub fn load_seeds() -> Corpus {
    load::load_embedded(SEEDS)
}

/// The sample articles shipped in `seeds/`: (file name, text).
const SEEDS: &[(&str, &str)] = &[
    (
        "000_812c50015738eee3.txt",
        include_str!("../../seeds/000_812c50015738eee3.txt"),
    ),
    (
        "003_2b804fb66ffc0e7b.txt",
        include_str!("../../seeds/003_2b804fb66ffc0e7b.txt"),
    ),
];

/// Builds an article straight from clean text (paragraphs separated by blank lines), for tests,
/// benchmarks and callers that already hold clean text. Runs of blank lines become one blank line;
/// the text is sanitised and segmented like loaded text.
pub fn article_from_text(
    id: &str,
    title: &str,
    body: &str,
    published: Option<DateValue>,
) -> Article {
    let body = normalize_blank_lines(body);
    let origin = build::Origin {
        id,
        path: id,
        format: Format::Txt,
        folder_source: None,
        lossy: false,
    };
    let fields = build::Fields {
        title: title.to_string(),
        section: None,
        source: None,
        published,
        url: None,
    };
    build::assemble(&origin, fields, body, segment::Abbreviations::builtin())
}

fn normalize_blank_lines(text: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paras.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        paras.push(current.join("\n"));
    }
    paras.join("\n\n").trim().to_string()
}
