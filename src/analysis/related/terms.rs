//! The index's terms, from words counted once: every passage's distinct words are first stored
//! as hashes with their counts in the index's own flat arrays ([`push_counted`]), the corpus's word
//! statistics are read off those arrays ([`CorpusStats::of`]), then each passage's terms are
//! turned, in place, into word ids with their weights' scalars ([`weigh`]), the words found in
//! one passage only dropped. Counting each passage once instead of twice (once for the
//! document frequencies, once for the weights) and never holding a second copy of the terms.

use super::config::RelatedConfig;
use super::flat::{BIG_TF, Flat, Header, bm25};
use super::words::{PassThroughBuild, Words};
use rayon::prelude::*;
use std::collections::HashMap;

/// Word hash → document frequency, or → word id.
type Frequencies = HashMap<u32, u32, PassThroughBuild>;

/// How many passages' terms are weighed in place by one task.
const WEIGH_CHUNK: usize = 4096;

/// What the weights of every passage depend on: the idf of each word (from the number of
/// passages it occurs in, and of passages in all) and the passages' average length.
pub(super) struct CorpusStats {
    average_len: f32,
    /// The id of each word found in more than one passage (the words the index keeps): ids
    /// follow the words' hashes, so a passage's words sorted by hash are sorted by id. A word
    /// not found here occurs in exactly one passage: one lookup per word answers both its id
    /// and its document frequency.
    ids: Frequencies,
    /// The idf of each id.
    pub idf: Vec<f32>,
    /// The idf of a word found in one passage only.
    unique_idf: f32,
}

/// BM25's idf, always > 0.
pub(super) fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Appends the passage `text` to `out` with its distinct kept words as hashes (ascending) and
/// counts, and returns how many words it kept in all (its length, for BM25). Its header gets
/// its term and entity offsets only; [`weigh`] fills in the scalars.
pub(super) fn push_counted(text: &str, words: &Words, out: &mut Flat) -> u32 {
    let (counts, len) = words.count(text);
    out.headers.push(Header {
        terms: out.words.len() as u32,
        entities: out.entities.len() as u32,
        ..Header::default()
    });
    for (h, tf) in counts {
        if tf >= u32::from(BIG_TF) {
            out.big_tfs.push((out.words.len() as u32, tf));
        }
        out.words.push(h);
        out.tfs.push(u8::try_from(tf).unwrap_or(BIG_TF));
    }
    len
}

impl CorpusStats {
    /// The statistics of the `lens.len()` passages of `flat`, whose words are still hashes (each
    /// once per passage, so a word's document frequency is how often its hash is found).
    pub fn of(flat: &Flat, lens: &[u32]) -> Self {
        let passages = lens.len();
        // One table per thread: each holds most of the vocabulary.
        let share = flat.words.len() / rayon::current_num_threads().max(1) + 1;
        let df = flat
            .words
            .par_chunks(share)
            .fold(Frequencies::default, |mut df, hashes| {
                for &h in hashes {
                    *df.entry(h).or_default() += 1;
                }
                df
            })
            .reduce(Frequencies::default, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                for (h, c) in small {
                    *big.entry(h).or_default() += c;
                }
                big
            });
        let total: u64 = lens.iter().map(|&n| u64::from(n)).sum();
        let average = total as f64 / passages.max(1) as f64;
        let mut kept: Vec<(u32, u32)> = df
            .iter()
            .filter(|&(_, &n)| n > 1)
            .map(|(&h, &n)| (h, n))
            .collect();
        drop(df);
        kept.sort_unstable();
        Self {
            average_len: (average as f32).max(1.0),
            ids: kept
                .iter()
                .enumerate()
                .map(|(id, &(h, _))| (h, id as u32))
                .collect(),
            idf: kept
                .iter()
                .map(|&(_, n)| idf(passages, n as usize))
                .collect(),
            unique_idf: idf(passages, 1),
        }
    }
}

/// One task's share of [`weigh`]: a run of passages and their terms, cut out of the arrays.
struct Share<'a> {
    headers: &'a mut [Header],
    lens: &'a [u32],
    words: &'a mut [u32],
    tfs: &'a mut [u8],
    /// The big frequencies of these terms, at their index in the whole arrays.
    big_tfs: &'a [(u32, u32)],
    /// The index of the share's first term in the whole arrays.
    first: u32,
    /// Where the passage after the share starts, in the whole arrays.
    end: u32,
}

/// What a share kept: its terms, now at its start, and their big frequencies (indices from the
/// share's start).
struct Kept {
    terms: usize,
    big_tfs: Vec<(u32, u32)>,
}

/// Turns every passage's hashed terms (from [`push_counted`]) into word ids in place, the words found
/// in no other passage dropped, and sets each header's BM25 scalars; `lens[i]` is passage `i`'s
/// length. The passages are weighed in parallel runs, each compacting its own terms, then the
/// runs are moved together. `flat` must not be closed yet.
pub(super) fn weigh(flat: &mut Flat, lens: &[u32], stats: &CorpusStats, config: &RelatedConfig) {
    weigh_by(flat, lens, stats, config, WEIGH_CHUNK);
}

/// [`weigh`], `per` passages a run.
fn weigh_by(
    flat: &mut Flat,
    lens: &[u32],
    stats: &CorpusStats,
    config: &RelatedConfig,
    per: usize,
) {
    let n = lens.len().min(flat.headers.len());
    let total = flat.words.len() as u32;
    let start = |i: usize| flat.headers.get(i).map_or(total, |h| h.terms);
    let bounds: Vec<(usize, u32)> = (0..n)
        .step_by(per.max(1))
        .map(|p| (p, start(p)))
        .chain(std::iter::once((n, total)))
        .collect();
    let shares = split(flat, lens, &bounds);
    let kept: Vec<Kept> = shares
        .into_par_iter()
        .map(|share| weigh_share(share, stats, config))
        .collect();
    let mut to = 0usize;
    let mut big_tfs = Vec::new();
    for (window, k) in bounds.windows(2).zip(kept) {
        let ((p0, t0), (p1, _)) = (window[0], window[1]);
        let from = t0 as usize;
        flat.words.copy_within(from..from + k.terms, to);
        flat.tfs.copy_within(from..from + k.terms, to);
        for h in &mut flat.headers[p0..p1] {
            h.terms += to as u32;
        }
        big_tfs.extend(k.big_tfs.into_iter().map(|(at, tf)| (at + to as u32, tf)));
        to += k.terms;
    }
    flat.words.truncate(to);
    flat.tfs.truncate(to);
    flat.big_tfs = big_tfs;
}

/// The arrays of `flat` cut at `bounds` (first passage, first term of each run, then the end).
fn split<'a>(flat: &'a mut Flat, lens: &'a [u32], bounds: &[(usize, u32)]) -> Vec<Share<'a>> {
    let big = flat.big_tfs.as_slice();
    let (mut headers, mut words, mut tfs) = (
        flat.headers.as_mut_slice(),
        flat.words.as_mut_slice(),
        flat.tfs.as_mut_slice(),
    );
    let mut lens = lens;
    let mut shares = Vec::with_capacity(bounds.len());
    for w in bounds.windows(2) {
        let ((p0, t0), (p1, t1)) = (w[0], w[1]);
        let (h, hr) = std::mem::take(&mut headers).split_at_mut(p1 - p0);
        let (wd, wr) = std::mem::take(&mut words).split_at_mut((t1 - t0) as usize);
        let (tf, tr) = std::mem::take(&mut tfs).split_at_mut((t1 - t0) as usize);
        let (l, lr) = lens.split_at(p1 - p0);
        let from = big.partition_point(|&(at, _)| at < t0);
        let to = big.partition_point(|&(at, _)| at < t1);
        shares.push(Share {
            headers: h,
            lens: l,
            words: wd,
            tfs: tf,
            big_tfs: &big[from..to],
            first: t0,
            end: t1,
        });
        (headers, words, tfs, lens) = (hr, wr, tr, lr);
    }
    shares
}

/// Weighs one run of passages and compacts its kept terms to its start.
fn weigh_share(share: Share<'_>, stats: &CorpusStats, config: &RelatedConfig) -> Kept {
    let (k1, b) = (config.bm25.k1, config.bm25.b);
    let mut kept = Kept {
        terms: 0,
        big_tfs: Vec::new(),
    };
    let mut big = share.big_tfs.iter().peekable();
    let mut weights: Vec<f32> = Vec::new();
    let n = share.headers.len();
    for i in 0..n {
        let from = (share.headers[i].terms - share.first) as usize;
        let to = share
            .headers
            .get(i + 1)
            .map_or(share.end, |h| h.terms)
            .saturating_sub(share.first) as usize;
        let len = share.lens.get(i).copied().unwrap_or(0);
        let norm = k1 * (1.0 - b + b * len as f32 / stats.average_len);
        let header = &mut share.headers[i];
        header.terms = kept.terms as u32;
        header.norm = norm;
        header.text_max = 0.0;
        weights.clear();
        for j in from..to {
            let (h, byte) = (share.words[j], share.tfs[j]);
            let at = share.first + j as u32;
            let tf = match big.next_if(|&&(t, _)| t == at) {
                Some(&(_, tf)) => tf,
                None => u32::from(byte),
            };
            let id = stats.ids.get(&h).copied();
            let w = id.map_or(stats.unique_idf, |id| stats.idf[id as usize]);
            header.text_max += w * (k1 + 1.0);
            if let Some(id) = id {
                if tf >= u32::from(BIG_TF) {
                    kept.big_tfs.push((kept.terms as u32, tf));
                }
                share.words[kept.terms] = id;
                share.tfs[kept.terms] = byte;
                kept.terms += 1;
                weights.push(bm25(w, tf as f32, k1, norm));
            }
        }
        header.weight_sum = weights.iter().copied().sum();
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What weighing means, passage by passage from its counts, with nothing moved in place:
    /// (ids, frequencies, norm, text_max, weight_sum) of each passage.
    type Weighed = Vec<(Vec<u32>, Vec<u32>, f32, f32, f32)>;

    /// Every text's counted words in one set of arrays, each text's length in words, and the
    /// statistics of them all.
    fn counted(texts: &[String], words: &Words) -> (Flat, Vec<u32>, CorpusStats) {
        let mut flat = Flat::default();
        let lens: Vec<u32> = texts
            .iter()
            .map(|t| push_counted(t, words, &mut flat))
            .collect();
        let stats = CorpusStats::of(&flat, &lens);
        (flat, lens, stats)
    }

    fn reference(texts: &[String], words: &Words, config: &RelatedConfig) -> Weighed {
        let (_, lens, stats) = counted(texts, words);
        let (k1, b) = (config.bm25.k1, config.bm25.b);
        texts
            .iter()
            .zip(&lens)
            .map(|(text, &len)| {
                let norm = k1 * (1.0 - b + b * len as f32 / stats.average_len);
                let (mut ids, mut tfs, mut weights, mut text_max) = (vec![], vec![], vec![], 0.0);
                for (h, tf) in words.count(text).0 {
                    let id = stats.ids.get(&h).copied();
                    let w = id.map_or(stats.unique_idf, |id| stats.idf[id as usize]);
                    text_max += w * (k1 + 1.0);
                    if let Some(id) = id {
                        ids.push(id);
                        tfs.push(tf);
                        weights.push(bm25(w, tf as f32, k1, norm));
                    }
                }
                (ids, tfs, norm, text_max, weights.iter().copied().sum())
            })
            .collect()
    }

    fn weighed(texts: &[String], words: &Words, config: &RelatedConfig, per: usize) -> Weighed {
        let (mut flat, lens, stats) = counted(texts, words);
        weigh_by(&mut flat, &lens, &stats, config, per);
        flat.close();
        (0..flat.len() as u32)
            .map(|id| {
                let p = flat.passage(id, &stats.idf, config.bm25.k1);
                let tfs = (0..p.words.len()).map(|j| p.tf(j) as u32).collect();
                (p.words.to_vec(), tfs, p.norm, p.text_max, p.weight_sum)
            })
            .collect()
    }

    /// Passages of words from a small vocabulary (so that most recur), some words repeated past
    /// a byte's worth of frequency.
    fn passages() -> impl Strategy<Value = Vec<String>> {
        let word = prop::sample::select(vec![
            "drone", "strike", "kidal", "gao", "convoy", "border", "talks", "army",
        ]);
        let passage = (prop::collection::vec(word, 0..12), 0usize..3).prop_map(|(ws, big)| {
            let mut text = ws.join(" ");
            if big == 2 {
                text.push_str(&" strike".repeat(300));
            }
            text
        });
        prop::collection::vec(passage, 0..24)
    }

    proptest! {
        #[test]
        fn weighing_in_place_in_runs_is_weighing_each_passage(texts in passages(), per in 1usize..6) {
            let config = RelatedConfig::builtin().expect("config");
            let words = Words::new(&config);
            prop_assert_eq!(weighed(&texts, &words, &config, per), reference(&texts, &words, &config));
        }
    }

    #[test]
    fn words_of_one_passage_only_are_dropped_but_still_bound_its_score() {
        let config = RelatedConfig::builtin().expect("config");
        let words = Words::new(&config);
        let texts = [
            "convoy ambushed near kidal".to_string(),
            "convoy seen".to_string(),
        ];
        let got = weighed(&texts, &words, &config, 1);
        // Only "convoy" is in both passages: one id kept in each.
        assert_eq!(got[0].0, got[1].0);
        assert_eq!(got[0].0.len(), 1);
        // The first passage's unshared words still raise the best score it could give.
        assert!(got[0].3 > got[1].3);
    }

    #[test]
    fn a_frequency_past_a_byte_survives_the_move() {
        let config = RelatedConfig::builtin().expect("config");
        let words = Words::new(&config);
        let texts = [
            "kidal talks".to_string(),
            format!("kidal {}", "strike ".repeat(700)),
            "strike".to_string(),
        ];
        let got = weighed(&texts, &words, &config, 1);
        assert!(got[1].1.contains(&700), "{:?}", got[1].1);
    }
}
