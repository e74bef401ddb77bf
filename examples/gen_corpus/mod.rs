//! The synthetic corpus generator shared by `examples/gen_corpus.rs`, the benches and the tests:
//! deterministic articles from the templates in assets/bench_templates.toml, written in every
//! format sitrep reads, spread over one folder per source.

pub mod hostile;
pub mod prng;
pub mod render;
pub mod text;
pub mod vocab;

use hostile::Fragment;
use prng::Rng;
use sitrep::date::{DateValue, days_from_civil};
use std::io;
use std::path::Path;
use text::Writer;
use vocab::{Phrasing, Vocab};

/// One article in every `HOSTILE_EVERY` carries hostile bytes (2%).
pub const HOSTILE_EVERY: usize = 50;
/// Words of body text: from `MIN_WORDS` to `MAX_WORDS`, skewed towards short pieces.
pub const MIN_WORDS: usize = 300;
pub const MAX_WORDS: usize = 1_500;
const LENGTH_SKEW: f64 = 2.3;

/// File kinds and their weights in the file plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Txt,
    Md,
    Html,
    JsonObject,
    JsonArray,
    Jsonl,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Txt,
        FileKind::Md,
        FileKind::Html,
        FileKind::JsonObject,
        FileKind::JsonArray,
        FileKind::Jsonl,
    ];
    const WEIGHTS: [u32; 6] = [40, 15, 20, 10, 3, 3];

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Txt => "txt",
            FileKind::Md => "md",
            FileKind::Html => "html",
            FileKind::JsonObject | FileKind::JsonArray => "json",
            FileKind::Jsonl => "jsonl",
        }
    }

    /// How many articles a file of this kind holds.
    fn batch(self, rng: &mut Rng) -> usize {
        match self {
            FileKind::JsonArray => rng.range(2, 6),
            FileKind::Jsonl => rng.range(2, 12),
            _ => 1,
        }
    }
}

/// One generated article: clean text plus what the generator put in it.
#[derive(Clone, Debug)]
pub struct SynthArticle {
    pub index: usize,
    pub id: String,
    pub source: String,
    pub url: String,
    pub title: String,
    pub section: Option<String>,
    pub published: Option<DateValue>,
    /// The date relative phrases were drawn against (the publication date, or a stand-in).
    pub anchor: DateValue,
    /// Clean paragraphs (no control characters; other scripts and long words allowed).
    pub paragraphs: Vec<String>,
    /// Event sentences: index into the template kinds, and phrasing.
    pub events: Vec<(usize, Phrasing)>,
    /// Raw bytes spliced in when written to a file (hostile articles only).
    pub hostile: Vec<Fragment>,
}

impl SynthArticle {
    /// The clean body: paragraphs separated by one blank line.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Bytes of clean title and body text.
    pub fn text_len(&self) -> usize {
        self.title.len() + self.paragraphs.iter().map(|p| p.len() + 2).sum::<usize>()
    }

    pub fn words(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }
}

/// A file to write: path below the corpus root and contents.
pub struct SynthFile {
    pub path: String,
    pub kind: FileKind,
    pub articles: Vec<SynthArticle>,
    pub bytes: Vec<u8>,
}

/// What a run wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub files: usize,
    pub bytes: u64,
    pub hostile: usize,
}

/// Deterministic generator: the same seed and count give the same files, byte for byte.
pub struct Generator {
    vocab: Vocab,
    seed: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Result<Self, String> {
        Ok(Self {
            vocab: Vocab::builtin()?,
            seed,
        })
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Article `index` from source `source` (an index into the template sources); the same
    /// (seed, index, source) always give the same article.
    pub fn article(&self, index: usize, source: usize) -> SynthArticle {
        let mut rng = Rng::derive(self.seed, index as u64);
        let u = rng.unit().powf(LENGTH_SKEW);
        let target = MIN_WORDS + ((MAX_WORDS - MIN_WORDS) as f64 * u) as usize;
        let hostile = index % HOSTILE_EVERY == HOSTILE_EVERY / 3;
        self.article_with(rng, index, source, target, hostile)
    }

    /// One very long article (at least `bytes` bytes of clean body), for the wrapping and
    /// single-article budgets.
    pub fn big_article(&self, bytes: usize) -> SynthArticle {
        let rng = Rng::derive(self.seed, u64::MAX - 1);
        // About six bytes a word; the loop below stops on bytes, not words.
        let mut a = self.article_with(rng, 0, 0, bytes / 6 + 1, false);
        let mut i = 1;
        while a.text_len() < bytes {
            let more = self.article(i, 0);
            a.paragraphs.extend(more.paragraphs);
            a.events.extend(more.events);
            i += 1;
        }
        a
    }

    fn article_with(
        &self,
        mut rng: Rng,
        index: usize,
        source: usize,
        target_words: usize,
        hostile: bool,
    ) -> SynthArticle {
        let v = &self.vocab;
        let src = &v.sources[source % v.sources.len()];
        let start = days_from_civil(2019, 1, 1);
        let span = days_from_civil(2025, 6, 30) - start;
        let anchor = DateValue::from_days(start + rng.below(span as usize) as i64);
        let published = rng.chance(0.9).then_some(anchor);
        let section = rng
            .chance(0.5)
            .then(|| rng.pick(&v.layout.sections).clone());
        let mut w = Writer {
            vocab: v,
            rng: &mut rng,
            anchor,
        };
        let title = w.title();
        let (paragraphs, events) = body(&mut w, target_words, hostile);
        let slug = text::slug(&title, 60);
        let url = format!(
            "https://{}/{}/{:02}/{slug}-{index}",
            src.domain,
            anchor.year,
            anchor.month.unwrap_or(1)
        );
        let fragments = if hostile {
            hostile::fragments(&mut rng, v, paragraphs.len())
        } else {
            Vec::new()
        };
        SynthArticle {
            index,
            id: format!("{}-{index:06}", src.folder),
            source: src.folder.clone(),
            url,
            title,
            section,
            published,
            anchor,
            paragraphs,
            events,
            hostile: fragments,
        }
    }

    /// The files of a corpus of `articles` articles, in order; each built when asked for.
    pub fn files(&self, articles: usize) -> impl Iterator<Item = SynthFile> + '_ {
        let mut plan = Rng::derive(self.seed, u64::MAX);
        let mut next = 0;
        std::iter::from_fn(move || {
            if next >= articles {
                return None;
            }
            let kind = FileKind::ALL[plan.weighted(&FileKind::WEIGHTS)];
            let count = kind.batch(&mut plan).min(articles - next);
            let source = plan.below(self.vocab.sources.len());
            let batch: Vec<SynthArticle> = (next..next + count)
                .map(|i| self.article(i, source))
                .collect();
            let file = self.render(kind, batch, &mut plan);
            next += count;
            Some(file)
        })
    }

    fn render(&self, kind: FileKind, batch: Vec<SynthArticle>, plan: &mut Rng) -> SynthFile {
        let first = &batch[0];
        let mut rng = Rng::derive(plan.next_u64(), first.index as u64);
        let stem = match kind {
            FileKind::JsonArray => format!("{:06}-batch", first.index),
            FileKind::Jsonl => format!("{:06}-feed", first.index),
            _ => format!("{:06}-{}", first.index, text::slug(&first.title, 48)),
        };
        let path = format!("{}/{stem}.{}", first.source, kind.extension());
        let v = &self.vocab;
        let bytes = match kind {
            FileKind::Txt => render::txt(first, v, &mut rng),
            FileKind::Md => render::md(first, v, &mut rng),
            FileKind::Html => render::html(first, v, &mut rng),
            FileKind::JsonObject => render::json_object(first, &mut rng),
            FileKind::JsonArray => render::json_array(&batch, &mut rng),
            FileKind::Jsonl => render::jsonl(&batch, &mut rng),
        };
        SynthFile {
            path,
            kind,
            articles: batch,
            bytes,
        }
    }

    /// The first `articles` articles as clean text, in corpus order (for in-memory benches).
    pub fn articles(&self, articles: usize) -> Vec<SynthArticle> {
        self.files(articles).flat_map(|f| f.articles).collect()
    }

    /// Writes a corpus of `articles` articles under `dir` (created when missing).
    pub fn write(&self, articles: usize, dir: &Path) -> io::Result<Summary> {
        let mut summary = Summary::default();
        for file in self.files(articles) {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
            }
            std::fs::write(&path, &file.bytes).map_err(|e| with_path(e, &path))?;
            summary.articles += file.articles.len();
            summary.hostile += file
                .articles
                .iter()
                .filter(|a| !a.hostile.is_empty())
                .count();
            summary.files += 1;
            summary.bytes += file.bytes.len() as u64;
        }
        Ok(summary)
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Paragraphs of two to five sentences until the target word count; hostile articles also get
/// other scripts and a very long word.
fn body(
    w: &mut Writer<'_>,
    target_words: usize,
    hostile: bool,
) -> (Vec<String>, Vec<(usize, Phrasing)>) {
    let mut paragraphs = Vec::new();
    let mut events = Vec::new();
    let mut words = 0;
    while words < target_words {
        let mut para = String::with_capacity(600);
        for _ in 0..w.rng.range(2, 5) {
            let s = w.sentence();
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&s.text);
            words += s.words;
            events.extend(s.event);
        }
        paragraphs.push(para);
    }
    let exotic = hostile || w.rng.chance(0.03);
    if exotic {
        let at = w.rng.below(paragraphs.len());
        let sentence = hostile::exotic(w.rng, w.vocab);
        paragraphs[at].push(' ');
        paragraphs[at].push_str(&sentence);
    }
    if hostile {
        let at = w.rng.below(paragraphs.len());
        let word = hostile::long_word(w.rng, w.vocab);
        paragraphs[at].push(' ');
        paragraphs[at].push_str(&word);
    }
    (paragraphs, events)
}
