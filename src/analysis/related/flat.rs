//! The related index's passages laid out flat: a header per passage, its terms (word ids and
//! frequencies) and its entity ids in arrays shared by the corpus, and [`Passage`], the view a
//! query reads, which recomputes a word's BM25 weight from its frequency ([`bm25`]).

/// One word of a passage with its id and its BM25 weight there (idf × saturated,
/// length-normalised frequency), as the tests read it.
#[cfg(test)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Term {
    pub word: u32,
    pub weight: f32,
}

/// The BM25 weight of a word of idf `idf` found `tf` times in a passage whose length gives
/// `norm`. The index stores the frequency, not the weight (one byte instead of four): this is
/// computed once for the index's bounds and again, from the same numbers, when a query scores a
/// candidate, so both give the same result to the bit.
pub(super) fn bm25(idf: f32, tf: f32, k1: f32, norm: f32) -> f32 {
    idf * tf * (k1 + 1.0) / (tf + norm)
}

/// A frequency of this or more is stored in [`Flat::big_tfs`], the byte saying only "large".
pub(super) const BIG_TF: u8 = u8::MAX;

/// Where a passage's terms and entities start in the index's flat arrays, and its scalars. One
/// more header than passages closes the last one.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Header {
    pub terms: u32,
    pub entities: u32,
    pub text_max: f32,
    pub weight_sum: f32,
    /// BM25's length normalisation of the passage: `k1 × (1 − b + b × len / average len)`.
    pub norm: f32,
    pub kinds: u32,
}

/// What one passage (paragraph) holds, borrowed from the index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Passage<'a> {
    /// Word ids, ascending (the order of the words' hashes). Words found in no other passage are
    /// left out: they can never be shared, and `text_max` still counts them.
    pub words: &'a [u32],
    /// How often each word occurs, [`BIG_TF`] for "see `big_tfs`".
    tfs: &'a [u8],
    /// Where the passage's terms start in the index's flat arrays.
    first: u32,
    /// (flat term index, frequency) of every frequency of [`BIG_TF`] or more, ascending.
    big_tfs: &'a [(u32, u32)],
    /// The idf of each word id, and BM25's `k1`.
    idf: &'a [f32],
    k1: f32,
    pub norm: f32,
    /// The best text score this passage can give as a query: Σ idf × (k1 + 1) over its words.
    pub text_max: f32,
    /// Σ of the terms' weights: no candidate's text score against any passage can exceed it.
    pub weight_sum: f32,
    /// Corpus entity ids, sorted.
    pub entities: &'a [u32],
    /// Bit `k` set when an event of kind `EventKind::ALL[k]` is reported in the passage.
    pub kinds: u32,
}

impl Passage<'_> {
    /// How often its `j`-th word occurs in it.
    pub fn tf(&self, j: usize) -> f32 {
        match self.tfs[j] {
            BIG_TF => {
                let at = self.first + j as u32;
                let i = self.big_tfs.partition_point(|&(t, _)| t < at);
                self.big_tfs
                    .get(i)
                    .map_or(f32::from(BIG_TF), |&(_, tf)| tf as f32)
            }
            tf => f32::from(tf),
        }
    }

    /// The BM25 weight of its `j`-th word, whose id is `word`.
    pub fn weight(&self, j: usize, word: u32) -> f32 {
        let idf = self.idf.get(word as usize).copied().unwrap_or(0.0);
        bm25(idf, self.tf(j), self.k1, self.norm)
    }

    /// Asks the processor to start loading every cache line of its words, frequencies and
    /// entities: a candidate's lists lie in three arrays far apart, each a few lines long.
    pub fn prefetch(&self) {
        prefetch_lines(self.words);
        prefetch_lines(self.tfs);
        prefetch_lines(self.entities);
    }

    /// Its words with their weights, in order.
    #[cfg(test)]
    pub fn terms(&self) -> impl Iterator<Item = Term> + '_ {
        self.words.iter().enumerate().map(|(j, &word)| Term {
            word,
            weight: self.weight(j, word),
        })
    }
}

/// Starts loading each cache line that `items` spans.
fn prefetch_lines<T>(items: &[T]) {
    const LINE: usize = 64;
    let step = (LINE / std::mem::size_of::<T>().max(1)).max(1);
    for x in items.iter().step_by(step) {
        super::index::prefetch(x);
    }
    if let Some(last) = items.last() {
        super::index::prefetch(last);
    }
}

/// Passages laid out flat: one article's while they are built, then the corpus's. A passage's
/// terms (`words` and `tfs`, side by side) and entities are the slices between its header's
/// offsets and the next header's; once flattened, one more header than passages closes the last.
#[derive(Clone, Debug, Default)]
pub(super) struct Flat {
    pub headers: Vec<Header>,
    /// Per term: its word id and frequency, side by side.
    pub words: Vec<u32>,
    pub tfs: Vec<u8>,
    /// (term index, frequency) of the frequencies of [`BIG_TF`] or more, ascending.
    pub big_tfs: Vec<(u32, u32)>,
    pub entities: Vec<u32>,
}

impl Flat {
    /// Empty arrays with room for `passages` passages and the closing header; the terms' room
    /// is made as they come ([`Flat::reserve_terms`]).
    pub fn with_passages(passages: usize) -> Self {
        Self {
            headers: Vec::with_capacity(passages + 1),
            ..Self::default()
        }
    }

    /// Room for `more` terms beyond those held, exactly.
    pub fn reserve_terms(&mut self, more: usize) {
        self.words.reserve_exact(more);
        self.tfs.reserve_exact(more);
    }

    /// Appends articles' passages, each article's offsets moved to where its terms and entities
    /// land.
    pub fn append(&mut self, built: Vec<Flat>) {
        self.entities
            .reserve(built.iter().map(|b| b.entities.len()).sum());
        for b in built {
            let (t, e) = (self.words.len() as u32, self.entities.len() as u32);
            self.headers.extend(b.headers.into_iter().map(|h| Header {
                terms: h.terms + t,
                entities: h.entities + e,
                ..h
            }));
            self.words.extend(b.words);
            self.tfs.extend(b.tfs);
            self.big_tfs
                .extend(b.big_tfs.into_iter().map(|(at, tf)| (at + t, tf)));
            self.entities.extend(b.entities);
        }
    }

    /// Closes the last passage with one more header, and drops spare room.
    pub fn close(&mut self) {
        self.headers.push(Header {
            terms: self.words.len() as u32,
            entities: self.entities.len() as u32,
            ..Header::default()
        });
        self.headers.shrink_to_fit();
        self.words.shrink_to_fit();
        self.tfs.shrink_to_fit();
        self.big_tfs.shrink_to_fit();
        self.entities.shrink_to_fit();
    }

    /// Number of passages (of a flattened corpus).
    pub fn len(&self) -> usize {
        self.headers.len().saturating_sub(1)
    }

    /// Passage `id`, whose words' idf are `idf`; `id` must be below [`Flat::len`].
    pub fn passage<'a>(&'a self, id: u32, idf: &'a [f32], k1: f32) -> Passage<'a> {
        let (h, next) = (self.headers[id as usize], self.headers[id as usize + 1]);
        let terms = h.terms as usize..next.terms as usize;
        Passage {
            words: &self.words[terms.clone()],
            tfs: &self.tfs[terms],
            first: h.terms,
            big_tfs: &self.big_tfs,
            idf,
            k1,
            norm: h.norm,
            text_max: h.text_max,
            weight_sum: h.weight_sum,
            entities: &self.entities[h.entities as usize..next.entities as usize],
            kinds: h.kinds,
        }
    }
}
