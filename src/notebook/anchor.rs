//! Anchors: where a mark, note or assessment belongs, kept as text rather than offsets so that
//! it is found again after its file is edited, renamed or moved, or the corpus re-read.
//!
//! An anchor names its article by id and by a hash of the article's clean text, and its passage
//! by the quoted text with a little context on each side. [`Resolver`] finds each anchor in a
//! corpus: the article by id, else by hash, else the article holding the quoted passage; the
//! passage by its text (context and the old offset break ties), else the paragraph sharing most
//! of its words. An anchor found nowhere is [`Placement::Orphaned`] and keeps its quote.

use crate::corpus::{Article, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Characters of context kept on each side of a quoted passage.
const CONTEXT_CHARS: usize = 48;

/// Longest quote kept, in bytes: a passage is a paragraph, and a note on a huge one only needs
/// enough of it to be found again.
const QUOTE_BYTES: usize = 4096;

/// Share of a quote's words a changed paragraph must still hold to be taken for it.
const FUZZY_OVERLAP: f64 = 0.6;

/// What an anchor points into: an article, and optionally a passage of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub article_id: String,
    /// [`text_hash`] of the article's clean text when anchored, in hex.
    pub article_hash: String,
    /// The article's title when anchored, shown for an orphaned anchor.
    pub title: String,
    /// The passage; `None` for a note on the whole article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<Passage>,
}

/// A quoted passage and the text around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub quote: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    /// Byte offset of the quote in the article when anchored: a hint among equal quotes.
    #[serde(default)]
    pub offset: usize,
}

impl Anchor {
    /// The whole article.
    pub fn article(article: &Article) -> Self {
        Self {
            article_id: article.id.clone(),
            article_hash: hash_hex(text_hash(&article.body)),
            title: article.title.clone(),
            passage: None,
        }
    }

    /// Paragraph `paragraph` of the article; the whole article when there is no such paragraph.
    pub fn paragraph(article: &Article, paragraph: usize) -> Self {
        match article.paragraphs.get(paragraph) {
            Some(span) => Self::span(article, *span),
            None => Self::article(article),
        }
    }

    /// A span of the article's body (a sentence, a selection), clamped to the body.
    pub fn span(article: &Article, span: Span) -> Self {
        let body = &article.body;
        let start = floor_char(body, span.start().min(body.len()));
        let end = floor_char(body, span.end().clamp(start, body.len()));
        let end = floor_char(body, end.min(start + QUOTE_BYTES));
        let before_start = body[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after_end = body[end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(body.len(), |(i, _)| end + i);
        Self {
            passage: Some(Passage {
                quote: body[start..end].to_string(),
                before: body[before_start..start].to_string(),
                after: body[end..after_end].to_string(),
                offset: start,
            }),
            ..Self::article(article)
        }
    }

    /// The quoted text, or the title for a whole-article anchor: what a list shows.
    pub fn quote_or_title(&self) -> &str {
        self.passage.as_ref().map_or(&self.title, |p| &p.quote)
    }
}

/// Where an anchor lies in the corpus now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Article index, and the passage's span in its body (`None` for the whole article).
    Found {
        article: usize,
        span: Option<Span>,
        /// Paragraph holding the span's start, when there is a span.
        paragraph: Option<usize>,
        /// True when only a changed paragraph resembling the quote was found.
        approximate: bool,
    },
    /// Found nowhere: shown with its quote, never dropped.
    Orphaned,
}

impl Placement {
    pub fn article(&self) -> Option<usize> {
        match self {
            Placement::Found { article, .. } => Some(*article),
            Placement::Orphaned => None,
        }
    }
}

/// A stable 64-bit hash of a text: the same on every machine and every build, so that it can be
/// stored and compared later (the standard library's hashers promise neither).
pub fn text_hash(text: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes = text.as_bytes();
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(23) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // Final mix (MurmurHash3's), so that every input bit reaches every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// A hash as stored: 16 hex digits.
pub fn hash_hex(h: u64) -> String {
    format!("{h:016x}")
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Finds anchors in a corpus. Indexes by id at once; by text hash, title and paragraph text
/// only when an anchor first needs them, so that a corpus whose ids all still match pays for
/// none of them.
pub struct Resolver<'a> {
    articles: &'a [Article],
    by_id: HashMap<&'a str, usize>,
    by_hash: OnceLock<HashMap<String, usize>>,
    by_title: OnceLock<HashMap<&'a str, Vec<usize>>>,
    by_paragraph: OnceLock<HashMap<u64, Vec<(usize, Span)>>>,
}

impl<'a> Resolver<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        let mut by_id = HashMap::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            by_id.entry(a.id.as_str()).or_insert(i);
        }
        Self {
            articles,
            by_id,
            by_hash: OnceLock::new(),
            by_title: OnceLock::new(),
            by_paragraph: OnceLock::new(),
        }
    }

    /// The article with this id, if any.
    pub fn article_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Where `anchor` lies now.
    pub fn resolve(&self, anchor: &Anchor) -> Placement {
        let by_id = self.article_by_id(&anchor.article_id);
        let Some(passage) = &anchor.passage else {
            let found = by_id
                .or_else(|| self.by_hash(&anchor.article_hash))
                .or_else(|| self.unique_title(&anchor.title));
            return found.map_or(Placement::Orphaned, |article| Placement::Found {
                article,
                span: None,
                paragraph: None,
                approximate: false,
            });
        };
        let exact = by_id
            .and_then(|i| self.locate(i, passage))
            .or_else(|| {
                let i = self.by_hash(&anchor.article_hash)?;
                self.locate(i, passage)
            })
            .or_else(|| self.by_paragraph_text(passage))
            .or_else(|| {
                self.titled(&anchor.title)
                    .iter()
                    .find_map(|&i| self.locate(i, passage))
            });
        if let Some(found) = exact {
            return found;
        }
        let home = by_id.or_else(|| self.unique_title(&anchor.title));
        home.and_then(|i| self.resembling(i, passage))
            .unwrap_or(Placement::Orphaned)
    }

    fn by_hash(&self, hash: &str) -> Option<usize> {
        self.by_hash
            .get_or_init(|| {
                let mut map = HashMap::with_capacity(self.articles.len());
                for (i, a) in self.articles.iter().enumerate() {
                    map.entry(hash_hex(text_hash(&a.body))).or_insert(i);
                }
                map
            })
            .get(hash)
            .copied()
    }

    fn titled(&self, title: &str) -> &[usize] {
        let map = self.by_title.get_or_init(|| {
            let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, a) in self.articles.iter().enumerate() {
                if !a.title.trim().is_empty() {
                    map.entry(a.title.as_str()).or_default().push(i);
                }
            }
            map
        });
        map.get(title).map_or(&[], Vec::as_slice)
    }

    fn unique_title(&self, title: &str) -> Option<usize> {
        match self.titled(title) {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A whole paragraph anywhere in the corpus whose text is the quote (the article renamed
    /// and edited elsewhere); the one whose context matches best when there are several.
    fn by_paragraph_text(&self, passage: &Passage) -> Option<Placement> {
        let map = self.by_paragraph.get_or_init(|| {
            let mut map: HashMap<u64, Vec<(usize, Span)>> = HashMap::new();
            for (i, a) in self.articles.iter().enumerate() {
                for p in &a.paragraphs {
                    map.entry(text_hash(p.slice(&a.body).trim()))
                        .or_default()
                        .push((i, *p));
                }
            }
            map
        });
        let quote = passage.quote.trim();
        let hits = map.get(&text_hash(quote))?;
        let (article, span) = hits
            .iter()
            .filter(|(i, s)| s.slice(&self.articles[*i].body).trim() == quote)
            .max_by_key(|(i, s)| context_score(&self.articles[*i].body, *s, passage))?;
        let body = &self.articles[*article].body;
        let start = span.start() + (span.slice(body).len() - span.slice(body).trim_start().len());
        Some(self.found(*article, Span::new(start, start + quote.len()), false))
    }

    /// The quote in article `i`: its only occurrence, else the one whose context matches best,
    /// else the one nearest the old offset.
    fn locate(&self, i: usize, passage: &Passage) -> Option<Placement> {
        let body = &self.articles[i].body;
        if passage.quote.is_empty() {
            return None;
        }
        // Still where it was, with all its context around it: the usual case, found without
        // searching the article.
        let end = passage.offset + passage.quote.len();
        if body.get(passage.offset..end) == Some(passage.quote.as_str()) {
            let span = Span::new(passage.offset, end);
            let context = passage.before.chars().count() + passage.after.chars().count();
            if context_score(body, span, passage) == context {
                return Some(self.found(i, span, false));
            }
        }
        let best = body
            .match_indices(passage.quote.as_str())
            .map(|(start, q)| Span::new(start, start + q.len()))
            .max_by_key(|s| {
                (
                    context_score(body, *s, passage),
                    std::cmp::Reverse(s.start().abs_diff(passage.offset)),
                )
            })?;
        Some(self.found(i, best, false))
    }

    /// The paragraph of article `i` sharing most of the quote's words, if it holds enough of
    /// them: the passage itself was edited.
    fn resembling(&self, i: usize, passage: &Passage) -> Option<Placement> {
        let article = &self.articles[i];
        let quote = words(&passage.quote);
        if quote.is_empty() {
            return None;
        }
        let (score, span) = article
            .paragraphs
            .iter()
            .map(|p| {
                let words = words(p.slice(&article.body));
                let shared = quote.iter().filter(|w| words.contains(*w)).count();
                let union = quote.len() + words.len() - shared;
                (shared as f64 / union.max(1) as f64, *p)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        (score >= FUZZY_OVERLAP).then(|| self.found(i, span, true))
    }

    fn found(&self, article: usize, span: Span, approximate: bool) -> Placement {
        Placement::Found {
            article,
            span: Some(span),
            paragraph: self.articles[article].paragraph_at(span.start()),
            approximate,
        }
    }
}

/// How many characters of the anchor's context match the text around `span`: the common
/// suffix of what precedes plus the common prefix of what follows.
fn context_score(body: &str, span: Span, passage: &Passage) -> usize {
    let before = body[..span.start()].chars().rev();
    let common_before = before
        .zip(passage.before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = body[span.end()..].chars();
    let common_after = after
        .zip(passage.after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    common_before + common_after
}

/// Distinct lowercase words of a text.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
