//! The passages related to one passage, in two steps:
//! 1. candidates from the postings of its entities and event kinds, rarest first and bounded,
//!    each gathering the shares of the rarer entities and kinds it holds while postings are
//!    merged in, then those of the common ones from a dense mask per passage (`candidates.rs`;
//!    only postings, read in order, and those masks are read);
//! 2. the best `rerank` candidates by what they gathered (ties: nearest in corpus order) scored in
//!    full — every shared entity and kind, and BM25 over all words — and the best `k` kept.

use super::candidates::{Candidate, candidates};
use super::flat::Passage;
use super::index::{KINDS, RelatedIndex, kind_bit};
use super::scratch::{Lists, Scratch, with_scratch};
use crate::analysis::model::{EventKind, Related, RelatedRef};
use std::cmp::Ordering;

/// The weight each entity and kind of the asked passage brings to a candidate that shares it.
pub(super) struct Shares {
    /// Aligned with the asked passage's `entities`.
    pub entity: Vec<f32>,
    pub kind: [f32; KINDS],
}

impl Shares {
    /// The shares of `q`'s entities and kinds; `entity` is a list to fill (what it holds is
    /// dropped), so that its room serves one query after another.
    fn new(index: &RelatedIndex, q: &Passage<'_>, mut entity: Vec<f32>) -> Self {
        let w = &index.config.score;
        entity.clear();
        entity.extend(
            q.entities
                .iter()
                .map(|&e| index.entity_idf.get(e as usize).copied().unwrap_or(0.0)),
        );
        let etotal: f32 = entity.iter().sum();
        let mut kind = [0.0; KINDS];
        let present = |k: &usize| q.kinds & (1 << k) != 0;
        let ktotal: f32 = (0..KINDS).filter(present).map(|k| index.kind_idf[k]).sum();
        for k in (0..KINDS).filter(present) {
            kind[k] = w.kinds * ratio(index.kind_idf[k], ktotal);
        }
        for share in &mut entity {
            *share = w.entities * ratio(*share, etotal);
        }
        Self { entity, kind }
    }
}

/// `part / whole`, 0 when there is nothing to share.
fn ratio(part: f32, whole: f32) -> f32 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

/// Step 2, entities and kinds: what `d` shares with the asked passage `q`, `None` when no
/// entity and no kind.
fn shared(q: &Passage<'_>, d: &Passage<'_>, shares: &Shares) -> Option<f32> {
    let (mut any, mut sum) = (false, 0.0);
    for_each_common(q.entities, d.entities, |i| {
        any = true;
        sum += shares.entity.get(i).copied().unwrap_or(0.0);
    });
    let mut kinds = q.kinds & d.kinds;
    if !any && kinds == 0 {
        return None;
    }
    while kinds != 0 {
        sum += shares.kind[kinds.trailing_zeros() as usize % KINDS];
        kinds &= kinds - 1;
    }
    Some(sum)
}

/// Step 2, words: Σ of the candidate's BM25 weights over the words of the asked passage (in `scratch`).
fn text(d: &Passage<'_>, scratch: &Scratch) -> f32 {
    d.words
        .iter()
        .enumerate()
        .filter(|&(_, &w)| scratch.has_word(w))
        .map(|(j, &w)| d.weight(j, w))
        .sum()
}

/// The `k` passages of other articles most related to paragraph `passage` of `article`, best
/// first (ties in corpus order); empty when the passage does not exist.
pub fn related_for(index: &RelatedIndex, article: usize, passage: usize, k: usize) -> Vec<Related> {
    related_refs_for(index, article, passage, k)
        .into_iter()
        .map(RelatedRef::owned)
        .collect()
}

/// [`related_for`] with the names borrowed from the index, so that no name is copied per result.
pub fn related_refs_for(
    index: &RelatedIndex,
    article: usize,
    passage: usize,
    k: usize,
) -> Vec<RelatedRef<'_>> {
    let mut out = Vec::new();
    for_each_related(index, article, passage, k, |r| {
        out.push(RelatedRef {
            article: r.article,
            passage: r.passage,
            score: r.score,
            shared_entities: r.shared_entities().collect(),
            shared_kinds: r.shared_kinds().collect(),
        });
    });
    out
}

/// One result of a query as it is found, its shared entities read from the query's working
/// lists: what a view that writes each result at once (the extract) reads, with nothing
/// allocated per result.
pub struct RelatedView<'a, 's> {
    pub article: usize,
    /// Paragraph index in that article.
    pub passage: usize,
    pub score: f32,
    index: &'a RelatedIndex,
    /// Shared entity ids, most specific first.
    entities: &'s [u32],
    /// The kinds' bits both passages hold.
    kinds: u32,
}

impl<'a> RelatedView<'a, '_> {
    /// The names of the shared entities, most specific first.
    pub fn shared_entities(&self) -> impl Iterator<Item = &'a str> + '_ {
        let names = &self.index.entity_names;
        self.entities
            .iter()
            .map(move |&e| names.get(e as usize).map_or("", |n| n.as_str()))
    }

    /// The ids of the shared entities, most specific first: their positions in
    /// [`RelatedIndex::entity_names`].
    pub fn shared_entity_ids(&self) -> impl Iterator<Item = usize> + '_ {
        self.entities.iter().map(|&e| e as usize)
    }

    /// The shared event kinds, in the order of [`EventKind::ALL`].
    pub fn shared_kinds(&self) -> impl Iterator<Item = EventKind> + '_ {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|k| self.kinds & kind_bit(*k) != 0)
    }
}

/// Calls `f` with each of the `k` passages of other articles most related to paragraph
/// `passage` of `article`, best first (ties in corpus order); with none when the passage does
/// not exist. `f` must not ask for related passages itself (it would work, on a fresh set of
/// working lists).
pub fn for_each_related<'a>(
    index: &'a RelatedIndex,
    article: usize,
    passage: usize,
    k: usize,
    mut f: impl FnMut(&RelatedView<'a, '_>),
) {
    let Some(id) = index.id(article, passage) else {
        return;
    };
    if k == 0 {
        return;
    }
    with_scratch(|scratch| {
        query(index, id, index.range(article), k, scratch);
        let q = index.passage(id);
        let best = std::mem::take(&mut scratch.lists.best);
        for &(score, c) in &best {
            f(&reason(index, &q, c, score, &mut scratch.lists.shared));
        }
        scratch.lists.best = best;
    });
}

/// Leaves the `k` best for passage `id` of the article whose passages are `own` in
/// `scratch.lists.best` (score, id), best first.
fn query(index: &RelatedIndex, id: u32, own: (u32, u32), k: usize, scratch: &mut Scratch) {
    let q = index.passage(id);
    let shares = Shares::new(index, &q, std::mem::take(&mut scratch.lists.entity_shares));
    candidates(index, id, own, &shares, &mut scratch.lists);
    let rerank = index.config.limits.rerank.max(k);
    let Lists { pool, ranked, .. } = &mut scratch.lists;
    ranked.clear();
    ranked.extend(pool.iter().map(|c| rank_key(c, id)));
    if ranked.len() > rerank {
        ranked.select_nth_unstable(rerank - 1);
        ranked.truncate(rerank);
    }
    // Most shared first, so that the k-th best score rises early and bounds prune the rest.
    ranked.sort_unstable();
    scratch.set_words(q.words.iter().copied());
    let mut best = std::mem::take(&mut scratch.lists.best);
    top_k(
        index,
        &q,
        &shares,
        &scratch.lists.ranked,
        k,
        scratch,
        &mut best,
    );
    scratch.lists.best = best;
    scratch.lists.entity_shares = shares.entity;
}

/// Where candidate `c` of the query `id` ranks before scoring, as one integer whose order is the
/// ranking: most gathered first (in [`f32::total_cmp`]'s order), then nearest in corpus order,
/// then lowest id. Integers compare in one instruction; the tuple this stands for did not.
fn rank_key(c: &Candidate, id: u32) -> u128 {
    let ascending = crate::order::total_order_bits(c.1);
    (u128::from(!ascending) << 96) | (u128::from(c.0.abs_diff(id)) << 32) | u128::from(c.0)
}

/// Fills `best` with the `k` best of the candidates `ranked` (their [`rank_key`]s, in rank order)
/// scored in full, best first (ties: lower id first). A candidate whose score cannot reach the
/// k-th best so far, even if all its words were `q`'s, is not scored on its words: its entity
/// and kind shares plus the text weight times its `weight_sum` (which bounds its text score from
/// above, see [`Passage::weight_sum`]) fall short.
fn top_k(
    index: &RelatedIndex,
    q: &Passage<'_>,
    shares: &Shares,
    ranked: &[u128],
    k: usize,
    scratch: &Scratch,
    best: &mut Vec<(f32, u32)>,
) {
    let w = index.config.score.text;
    let better = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    best.clear();
    // Read at random over the whole index: start every load before the first is needed, the
    // headers first, then the lists they point to.
    // A rank key's low 32 bits are the candidate's id.
    let ids = || ranked.iter().map(|&r| r as u32);
    index.prefetch_headers(ids());
    for d in ids().filter_map(|c| index.get(c)) {
        d.prefetch();
    }
    for (c, d) in ids().filter_map(|c| Some((c, index.get(c)?))) {
        let Some(share) = shared(q, &d, shares) else {
            continue;
        };
        if best.len() == k && share + w * ratio(d.weight_sum, q.text_max) < best[k - 1].0 {
            continue;
        }
        let score = share + w * ratio(text(&d, scratch), q.text_max);
        if score <= 0.0 {
            continue;
        }
        let at = best.partition_point(|b| better(b, &(score, c)).is_lt());
        if at < k {
            best.insert(at, (score, c));
            best.truncate(k);
        }
    }
}

/// The result for candidate `c`, with what it shares with `q`: its entities most specific
/// first (see [`RelatedIndex::entity_order`]), listed in `shared`.
fn reason<'a, 's>(
    index: &'a RelatedIndex,
    q: &Passage<'_>,
    c: u32,
    score: f32,
    shared: &'s mut Vec<u32>,
) -> RelatedView<'a, 's> {
    let (article, passage) = index.locate(c);
    let d = index.passage(c);
    common_ids(q.entities, d.entities, shared);
    let rank = |e: &u32| {
        index
            .entity_order
            .get(*e as usize)
            .copied()
            .unwrap_or(u32::MAX)
    };
    shared.sort_unstable_by_key(rank);
    RelatedView {
        article,
        passage,
        score,
        index,
        entities: shared,
        kinds: q.kinds & d.kinds,
    }
}

/// Fills `out` with the ids found in both ascending lists, ascending.
fn common_ids(a: &[u32], b: &[u32], out: &mut Vec<u32>) {
    out.clear();
    for_each_common(a, b, |i| out.push(a[i]));
}

/// Calls `f` with the position in `a` of each id found in both ascending lists, in order: one
/// pass over both, each side stepping past the smaller id.
fn for_each_common(a: &[u32], b: &[u32], mut f: impl FnMut(usize)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                f(i);
                i += 1;
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::related::candidates::tests::postings;
    use proptest::prelude::*;

    /// A candidate with a share of any sign, zeros of both signs and NaN included.
    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            0u32..1_000,
            prop_oneof![Just(0.0f32), Just(-0.0f32), -5.0f32..5.0, Just(f32::NAN)],
        )
    }

    proptest! {
        #[test]
        fn the_rank_key_orders_as_gathered_then_distance_then_id(
            a in candidate(),
            b in candidate(),
            id in 0u32..1_000,
        ) {
            let by_tuple = b.1.total_cmp(&a.1)
                .then(a.0.abs_diff(id).cmp(&b.0.abs_diff(id)))
                .then(a.0.cmp(&b.0));
            prop_assert_eq!(rank_key(&a, id).cmp(&rank_key(&b, id)), by_tuple);
        }

        #[test]
        fn common_ids_are_the_ids_of_both_lists(a in postings(300, 60), b in postings(300, 60)) {
            let want: Vec<u32> = a.iter().copied().filter(|x| b.contains(x)).collect();
            let mut got = vec![u32::MAX];
            common_ids(&a, &b, &mut got);
            prop_assert_eq!(got, want);
        }

    }
}
