//! The inverted index of related passages, built once per corpus: for every passage its weighted
//! words, entities and event kinds; for every entity and event kind the passages that hold it.

use super::candidates::position;
use super::config::RelatedConfig;
use super::flat::{Flat, Passage};
use super::terms::{CorpusStats, idf, push_counted, weigh};
use super::words::Words;
use crate::analysis::model::{ArticleAnalysis, EventKind, Mention, Name};
use crate::corpus::{Article, Span};
use rayon::prelude::*;

/// Number of event kinds, the width of a passage's kind mask.
pub(super) const KINDS: usize = EventKind::ALL.len();

/// How many articles are indexed between two copies into the corpus's arrays.
const BUILD_CHUNK: usize = 512;

/// For each entity and each event kind, the passages that hold it, ascending.
fn postings(flat: &Flat, entities: usize) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
    // Counted first, so that each list is allocated once at its final size.
    let mut entity_counts = vec![0usize; entities];
    let mut kind_counts = [0usize; KINDS];
    for id in 0..flat.len() as u32 {
        let p = flat.passage(id, &[], 0.0);
        for &e in p.entities {
            if let Some(n) = entity_counts.get_mut(e as usize) {
                *n += 1;
            }
        }
        for (k, n) in kind_counts.iter_mut().enumerate() {
            *n += usize::from(p.kinds & (1 << k) != 0);
        }
    }
    let mut by_entity: Vec<Vec<u32>> = entity_counts
        .iter()
        .map(|&n| Vec::with_capacity(n))
        .collect();
    let mut by_kind: Vec<Vec<u32>> = kind_counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    for id in 0..flat.len() as u32 {
        let p = flat.passage(id, &[], 0.0);
        for &e in p.entities {
            if let Some(list) = by_entity.get_mut(e as usize) {
                list.push(id);
            }
        }
        for (k, list) in by_kind.iter_mut().enumerate() {
            if p.kinds & (1 << k) != 0 {
                list.push(id);
            }
        }
    }
    (by_entity, by_kind)
}

/// Everything needed to find the passages related to any passage of the corpus.
#[derive(Clone, Debug)]
pub struct RelatedIndex {
    pub(super) config: RelatedConfig,
    /// Passages of article `a` are `passages[starts[a]..starts[a + 1]]`.
    pub(super) starts: Vec<u32>,
    /// Every passage's terms, entities and scalars.
    flat: Flat,
    /// The idf of each word id.
    word_idf: Vec<f32>,
    pub(super) entity_names: Vec<Name>,
    pub(super) entity_postings: Vec<Vec<u32>>,
    pub(super) entity_idf: Vec<f32>,
    /// Each entity's place when shared entities are listed: in fewest passages first, then by
    /// name (`entity_order[e]`, a rank).
    pub(super) entity_order: Vec<u32>,
    pub(super) kind_postings: Vec<Vec<u32>>,
    pub(super) kind_idf: Vec<f32>,
    /// The bit of each of the (at most 64) most frequent entities whose postings exceed
    /// `posting_cap`, by entity id.
    pub(super) common_bit: Vec<Option<u8>>,
    /// Per passage: the bits of the common entities it holds, and its kind mask, side by side
    /// so that a candidate's common shares cost one small read.
    pub(super) commons: Vec<(u64, u32)>,
}

/// The kind's bit in a passage's mask.
pub(super) fn kind_bit(kind: EventKind) -> u32 {
    1 << (kind as u32)
}

impl RelatedIndex {
    /// Indexes every paragraph of `articles`; `analyses[i]` describes `articles[i]` (missing ones
    /// count as finding nothing).
    pub fn build(
        articles: &[Article],
        analyses: &[ArticleAnalysis],
        config: &RelatedConfig,
    ) -> Self {
        let words = Words::new(config);
        let mut starts = Vec::with_capacity(articles.len() + 1);
        let mut count = 0u32;
        for a in articles {
            starts.push(count);
            count = count.saturating_add(u32::try_from(a.paragraphs.len()).unwrap_or(u32::MAX));
        }
        starts.push(count);
        let (entity_names, local_to_global) = intern_entities(analyses, articles.len());
        // Each passage's words are counted once, into the index's own arrays as hashes; the
        // corpus's statistics are read off them, then the terms are weighed in place.
        let mut flat = Flat::with_passages(count as usize);
        let (mut room, total_bytes) = (TermRoom::default(), paragraph_bytes(articles));
        let mut lens = Vec::with_capacity(count as usize);
        // Articles are counted in parallel a chunk at a time and copied into the corpus's arrays
        // at once, so that the per-article lists alive at any moment are one chunk's, not the
        // corpus's (which, freed, would stay behind as the allocator's free memory).
        for (c, chunk) in articles.chunks(BUILD_CHUNK).enumerate() {
            let built: Vec<(Flat, Vec<u32>)> = chunk
                .par_iter()
                .enumerate()
                .map(|(k, a)| {
                    let i = c * BUILD_CHUNK + k;
                    let ids = local_to_global.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    passages_of(a, analyses.get(i), ids, &words)
                })
                .collect();
            let (flats, chunk_lens): (Vec<Flat>, Vec<Vec<u32>>) = built.into_iter().unzip();
            room.reserve(&mut flat, &flats, chunk, total_bytes);
            flat.append(flats);
            lens.extend(chunk_lens.into_iter().flatten());
        }
        let stats = CorpusStats::of(&flat, &lens);
        weigh(&mut flat, &lens, &stats, config);
        drop(lens);
        flat.close();
        let n = flat.len();
        let (entity_postings, kind_postings) = postings(&flat, entity_names.len());
        let common_bit = common_bits(&entity_postings, config.limits.posting_cap);
        let entity_order = specificity_order(&entity_postings, &entity_names);
        let commons = (0..n as u32)
            .map(|id| flat.passage(id, &[], 0.0))
            .map(|p| (common_mask(&common_bit, p.entities), p.kinds))
            .collect();
        Self {
            config: config.clone(),
            starts,
            flat,
            word_idf: stats.idf,
            entity_names,
            entity_idf: entity_postings.iter().map(|p| idf(n, p.len())).collect(),
            entity_order,
            entity_postings,
            kind_idf: kind_postings.iter().map(|p| idf(n, p.len())).collect(),
            kind_postings,
            common_bit,
            commons,
        }
    }

    /// An index of nothing: every query answers no passage.
    pub fn empty(config: RelatedConfig) -> Self {
        Self::build(&[], &[], &config)
    }

    /// The configuration the index was built with.
    pub fn config(&self) -> &RelatedConfig {
        &self.config
    }

    /// Number of indexed passages.
    pub fn len(&self) -> usize {
        self.flat.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The corpus entities' names, in the order of their ids ([`super::RelatedView::shared_entity_ids`]).
    pub fn entity_names(&self) -> impl Iterator<Item = &str> {
        self.entity_names.iter().map(Name::as_str)
    }

    /// Heap bytes the index holds (capacities): what it costs in memory, for measurements.
    pub fn heap_bytes(&self) -> usize {
        fn v<T>(x: &Vec<T>) -> usize {
            x.capacity() * std::mem::size_of::<T>()
        }
        let lists = |l: &Vec<Vec<u32>>| v(l) + l.iter().map(v).sum::<usize>();
        v(&self.starts)
            + v(&self.flat.headers)
            + v(&self.flat.words)
            + v(&self.flat.tfs)
            + v(&self.flat.big_tfs)
            + v(&self.word_idf)
            + v(&self.flat.entities)
            + v(&self.entity_names)
            + lists(&self.entity_postings)
            + lists(&self.kind_postings)
            + v(&self.entity_idf)
            + v(&self.entity_order)
            + v(&self.kind_idf)
            + v(&self.common_bit)
            + v(&self.commons)
    }

    /// Passage `id`; `id` must be below [`RelatedIndex::len`].
    pub(super) fn passage(&self, id: u32) -> Passage<'_> {
        self.flat.passage(id, &self.word_idf, self.config.bm25.k1)
    }

    /// Asks the processor to start loading the headers of passages `ids`, so that reading them
    /// one after the other overlaps their cache misses instead of waiting for each.
    pub(super) fn prefetch_headers(&self, ids: impl Iterator<Item = u32>) {
        for id in ids {
            if let Some(h) = self.flat.headers.get(id as usize) {
                prefetch(h);
            }
        }
    }

    /// Starts loading the common-entity mask of passage `id`.
    pub(super) fn prefetch_commons(&self, id: u32) {
        if let Some(m) = self.commons.get(id as usize) {
            prefetch(m);
        }
    }

    /// Passage `id`, if it exists.
    pub(super) fn get(&self, id: u32) -> Option<Passage<'_>> {
        ((id as usize) < self.len()).then(|| self.passage(id))
    }

    /// The passage id of paragraph `passage` of `article`, if both exist.
    pub(super) fn id(&self, article: usize, passage: usize) -> Option<u32> {
        let start = *self.starts.get(article)?;
        let end = *self.starts.get(article + 1)?;
        let id = start.checked_add(u32::try_from(passage).ok()?)?;
        (id < end).then_some(id)
    }

    /// The article and paragraph of a passage id. The article is looked for first where the
    /// passage would be if articles were all as long ([`position`]): at 100k articles the
    /// starts are 400 KB, and a plain binary search of them is ~17 loads one after the other.
    pub(super) fn locate(&self, id: u32) -> (usize, usize) {
        let after = position(&self.starts, id.saturating_add(1), self.len());
        let article = after.saturating_sub(1);
        let start = self.starts.get(article).copied().unwrap_or(0);
        (article, (id - start) as usize)
    }

    /// The passage ids of `article`.
    pub(super) fn range(&self, article: usize) -> (u32, u32) {
        let start = self.starts.get(article).copied().unwrap_or(0);
        let end = self.starts.get(article + 1).copied().unwrap_or(start);
        (start, end)
    }
}

/// Starts loading the cache line of `x` (a hint: nothing where the processor has no such
/// instruction).
pub(super) fn prefetch<T>(x: &T) {
    // SAFETY: SSE, which the instruction needs, is part of every x86_64 processor; a prefetch
    // reads nothing the program sees and never faults, and `x` is a valid reference anyway.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (x as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// The text of each paragraph of `article`.
fn paragraph_texts(article: &Article) -> impl Iterator<Item = &str> {
    article
        .paragraphs
        .iter()
        .map(|span| article.body.get(span.start()..span.end()).unwrap_or(""))
}

/// The passages of one article, their words counted (as hashes, see [`push_counted`]), with
/// their corpus entity ids (`ids` maps the article's entity indices to them) and event kinds,
/// and each passage's length in words.
fn passages_of(
    article: &Article,
    analysis: Option<&ArticleAnalysis>,
    ids: &[u32],
    words: &Words,
) -> (Flat, Vec<u32>) {
    let mut out = Flat::default();
    let mut lens = Vec::with_capacity(article.paragraphs.len());
    for (text, (p, span)) in paragraph_texts(article).zip(article.paragraphs.iter().enumerate()) {
        lens.push(push_counted(text, words, &mut out));
        let Some(a) = analysis else {
            continue;
        };
        let mut entities: Vec<u32> = entities_in(a, *span)
            .into_iter()
            .filter_map(|e| ids.get(e).copied())
            .collect();
        entities.sort_unstable();
        entities.dedup();
        out.entities.extend(entities);
        if let Some(header) = out.headers.last_mut() {
            header.kinds = kinds_in(a, p);
        }
    }
    (out, lens)
}

/// The bytes of the paragraphs of `articles`.
fn paragraph_bytes(articles: &[Article]) -> usize {
    articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|span| span.end() - span.start())
        .sum()
}

/// Sizes the index's term arrays while the articles are counted, a chunk at a time: when a
/// chunk's terms do not fit, room is made for the whole corpus's, extrapolated from the terms
/// per byte so far (and 5 % more), so that the arrays move once or twice instead of doubling
/// (each move a copy beside the old block, and spare room up to as much again).
#[derive(Default)]
struct TermRoom {
    bytes_done: usize,
}

impl TermRoom {
    fn reserve(&mut self, flat: &mut Flat, chunk: &[Flat], articles: &[Article], total: usize) {
        self.bytes_done += paragraph_bytes(articles);
        let terms: usize = chunk.iter().map(|f| f.words.len()).sum();
        let used = flat.words.len() + terms;
        if used <= flat.words.capacity() {
            return;
        }
        let per_byte = used as f64 / self.bytes_done.max(1) as f64;
        let estimate = (per_byte * total as f64 * 1.05) as usize;
        flat.reserve_terms(estimate.max(used) - flat.words.len());
    }
}

/// Article-local entity indices of the mentions that lie inside `span`, sorted and distinct.
fn entities_in(a: &ArticleAnalysis, span: Span) -> Vec<usize> {
    let from = a
        .mentions
        .partition_point(|m| m.span.start() < span.start());
    let mut out: Vec<usize> = a.mentions[from..]
        .iter()
        .take_while(|m| m.span.start() < span.end())
        .filter(|m| m.span.end() <= span.end() && m.index() < a.entities.len())
        .map(Mention::index)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The mask of the event kinds reported in paragraph `p`.
fn kinds_in(a: &ArticleAnalysis, p: usize) -> u32 {
    a.events
        .iter()
        .filter(|e| e.paragraph() == p)
        .fold(0, |m, e| m | kind_bit(e.kind))
}

/// Corpus entity names (one per canonical name, first-seen order) and, per article, the corpus
/// id of each of its entities.
fn intern_entities(analyses: &[ArticleAnalysis], articles: usize) -> (Vec<Name>, Vec<Vec<u32>>) {
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut names: Vec<Name> = Vec::new();
    let local = analyses
        .iter()
        .take(articles)
        .map(|a| {
            a.entities
                .iter()
                .map(|e| {
                    *ids.entry(&*e.name).or_insert_with(|| {
                        names.push(e.name.clone());
                        u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect()
        })
        .collect();
    (names, local)
}

/// The rank of each entity when listed most specific first: in the fewest passages, then by name.
fn specificity_order(postings: &[Vec<u32>], names: &[Name]) -> Vec<u32> {
    let mut by_rank: Vec<usize> = (0..names.len()).collect();
    let df = |e: usize| postings.get(e).map_or(0, Vec::len);
    by_rank.sort_by(|&a, &b| {
        df(a)
            .cmp(&df(b))
            .then_with(|| names[a].as_str().cmp(names[b].as_str()))
    });
    let mut order = vec![0u32; names.len()];
    for (rank, &e) in by_rank.iter().enumerate() {
        order[e] = rank as u32;
    }
    order
}

/// Bits for the 64 entities with the longest postings among those longer than `cap`.
fn common_bits(postings: &[Vec<u32>], cap: usize) -> Vec<Option<u8>> {
    let mut common: Vec<usize> = (0..postings.len())
        .filter(|&e| postings[e].len() > cap)
        .collect();
    common.sort_by_key(|&e| (std::cmp::Reverse(postings[e].len()), e));
    let mut bits = vec![None; postings.len()];
    for (bit, &e) in common.iter().take(64).enumerate() {
        bits[e] = Some(bit as u8);
    }
    bits
}

/// The common-entity bits of a list of entity ids.
pub(super) fn common_mask(bits: &[Option<u8>], entities: &[u32]) -> u64 {
    entities
        .iter()
        .filter_map(|&e| bits.get(e as usize).copied().flatten())
        .fold(0, |m, b| m | 1 << b)
}
