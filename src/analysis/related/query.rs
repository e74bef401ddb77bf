//! The passages related to one passage, in two steps:
//! 1. candidates from the postings of its entities and event kinds, rarest first and bounded,
//!    each gathering the shares of the rarer entities and kinds it holds while postings are
//!    merged in, then those of the common ones from a dense mask per passage ([`candidates`];
//!    only postings, read in order, and those masks are read);
//! 2. the best `rerank` candidates by what they gathered (ties: nearest in corpus order) scored in
//!    full — every shared entity and kind, and BM25 over all words — and the best `k` kept.

use super::flat::Passage;
use super::index::{KINDS, RelatedIndex, kind_bit};
use super::scratch::{Feature, Lists, Scratch, with_scratch};
use crate::analysis::model::{EventKind, Related, RelatedRef};
use std::cmp::Ordering;

/// The weight each entity and kind of the asked passage brings to a candidate that shares it.
struct Shares {
    /// Aligned with the asked passage's `entities`.
    entity: Vec<f32>,
    kind: [f32; KINDS],
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

/// A candidate's passage id and the entity and kind shares it has gathered so far.
type Candidate = (u32, f32);

/// The postings of an entity or kind of the asked passage, `None` for an entity the index
/// does not know.
fn postings(index: &RelatedIndex, feature: Feature) -> Option<&[u32]> {
    match feature {
        Feature::Entity(e) => index.entity_postings.get(e as usize).map(Vec::as_slice),
        Feature::Kind(k) => index.kind_postings.get(k).map(Vec::as_slice),
    }
}

/// Fills `lists.pool` with the passages of other articles that may be related to passage `id`,
/// sorted by id, each with the entity and kind shares it holds with `id`: every passage holding
/// one of its rarer entities or kinds (postings no longer than `posting_cap`), rarest first,
/// until about `max_candidates` (later rare postings still add their share to candidates
/// already found); if that is not enough, the `nearby` passages nearest in corpus order from
/// the postings of each common one. Then every candidate gathers the shares of the common ones
/// it holds.
///
/// Postings and candidates are both sorted by id, so each posting list is merged with the
/// candidates in one sequential pass: no mark per passage is kept in a table as long as the
/// corpus, whose random reads made a query slower the larger the corpus.
fn candidates(index: &RelatedIndex, id: u32, own: (u32, u32), shares: &Shares, lists: &mut Lists) {
    let q = index.passage(id);
    let Lists {
        features,
        common,
        pool,
        merged,
        near,
        bits,
        ..
    } = lists;
    features.clear();
    let entities = q.entities.iter().zip(&shares.entity);
    features.extend(entities.filter_map(|(&e, &share)| {
        let f = Feature::Entity(e);
        Some((postings(index, f)?.len(), f, share))
    }));
    let kinds = (0..KINDS).filter(|k| q.kinds & (1 << k) != 0);
    features.extend(kinds.filter_map(|k| {
        let f = Feature::Kind(k);
        Some((postings(index, f)?.len(), f, shares.kind[k]))
    }));
    // Stable: of two as rare, the entity first, as they were listed.
    features.sort_by_key(|f| f.0);
    let limits = &index.config.limits;
    let outside = |p: &u32| *p < own.0 || *p >= own.1;
    pool.clear();
    common.clear();
    for &(len, feature, share) in features.iter() {
        let list = postings(index, feature).unwrap_or(&[]);
        if len > limits.posting_cap {
            common.push(feature);
        } else if pool.len() < limits.max_candidates {
            merge_into(pool, list.iter().copied().filter(outside), share, merged);
            std::mem::swap(pool, merged);
        } else {
            add_to_present(pool, list, share);
        }
    }
    if pool.len() < limits.max_candidates && !common.is_empty() {
        near.clear();
        for &feature in common.iter() {
            let list = postings(index, feature).unwrap_or(&[]);
            nearest(list, id, own, limits.nearby, index.len(), near);
        }
        sorted_union(near, bits);
        merge_into(pool, near.iter().copied(), 0.0, merged);
        std::mem::swap(pool, merged);
    }
    if !common.is_empty() {
        add_common_shares(index, &q, shares, pool);
    }
}

/// Up to how many ids apart, per id, the ids of [`sorted_union`] are marked in a bitmap rather
/// than sorted.
const DENSE_SPAN: usize = 64;

/// Leaves `values` ascending, each once. The nearest passages of the common entities and kinds
/// crowd around the asked one and repeat each other, so they are usually marked in a bitmap
/// spanning them (`bits`, a list to fill) and read back in order, which costs a fraction of
/// sorting them; when they spread wider than [`DENSE_SPAN`] per id, they are sorted.
fn sorted_union(values: &mut Vec<u32>, bits: &mut Vec<u64>) {
    let (Some(&lo), Some(&hi)) = (values.iter().min(), values.iter().max()) else {
        return;
    };
    let width = (hi - lo) as usize + 1;
    if width > values.len().saturating_mul(DENSE_SPAN) {
        values.sort_unstable();
        values.dedup();
        return;
    }
    bits.clear();
    bits.resize(width.div_ceil(64), 0);
    for &v in values.iter() {
        let at = (v - lo) as usize;
        bits[at / 64] |= 1 << (at % 64);
    }
    values.clear();
    for (w, &word) in bits.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            values.push(lo + (w * 64) as u32 + rest.trailing_zeros());
            rest &= rest - 1;
        }
    }
}

/// Fills `out` with `pool` and the ascending ids of `ids` merged in: a candidate already there
/// gathers `share`, a new one starts with it.
fn merge_into(
    pool: &[Candidate],
    ids: impl Iterator<Item = u32>,
    share: f32,
    out: &mut Vec<Candidate>,
) {
    out.clear();
    out.reserve(pool.len() + ids.size_hint().0);
    let mut rest = pool.iter().copied().peekable();
    for p in ids {
        while let Some(c) = rest.next_if(|c| c.0 < p) {
            out.push(c);
        }
        match rest.next_if(|c| c.0 == p) {
            Some((c, gathered)) => out.push((c, gathered + share)),
            None => out.push((p, share)),
        }
    }
    out.extend(rest);
}

/// Adds `share` to each candidate of `pool` found in the ascending `postings`: one pass over
/// both, each side stepping past the smaller id.
fn add_to_present(pool: &mut [Candidate], postings: &[u32], share: f32) {
    let (mut i, mut j) = (0, 0);
    while i < pool.len() && j < postings.len() {
        let (c, p) = (pool[i].0, postings[j]);
        if c == p {
            pool[i].1 += share;
        }
        i += usize::from(c <= p);
        j += usize::from(p <= c);
    }
}

/// How many candidates ahead the masks of the common shares are asked for.
const AHEAD: usize = 8;

/// Adds to each candidate the shares of the common entities (the 64 most frequent) and common
/// kinds it holds with `q`, read from the index's dense per-passage masks.
fn add_common_shares(
    index: &RelatedIndex,
    q: &Passage<'_>,
    shares: &Shares,
    pool: &mut [Candidate],
) {
    let cap = index.config.limits.posting_cap;
    let mut by_bit = [0.0f32; 64];
    let mut entity_mask = 0u64;
    for (&e, &share) in q.entities.iter().zip(&shares.entity) {
        if let Some(bit) = index.common_bit.get(e as usize).copied().flatten() {
            by_bit[bit as usize % 64] = share;
            entity_mask |= 1 << (bit % 64);
        }
    }
    let kind_mask = (0..KINDS)
        .filter(|&k| q.kinds & (1 << k) != 0 && index.kind_postings[k].len() > cap)
        .fold(0u32, |m, k| m | 1 << k);
    for c in pool.iter().take(AHEAD) {
        index.prefetch_commons(c.0);
    }
    for i in 0..pool.len() {
        if let Some(ahead) = pool.get(i + AHEAD) {
            index.prefetch_commons(ahead.0);
        }
        let c = &mut pool[i];
        let Some(&(entities, kinds)) = index.commons.get(c.0 as usize) else {
            continue;
        };
        let (mut e, mut k, mut sum) = (entities & entity_mask, kinds & kind_mask, 0.0);
        while e != 0 {
            sum += by_bit[e.trailing_zeros() as usize];
            e &= e - 1;
        }
        while k != 0 {
            sum += shares.kind[k.trailing_zeros() as usize % KINDS];
            k &= k - 1;
        }
        c.1 += sum;
    }
}

/// Appends to `out` the (up to `n`) postings nearest to `id` in corpus order, outside the
/// passages `own` (which hold `id`), ascending; `total` is the number of passages of the
/// corpus. Ties go to the one before `id`. The nearest form one run of the postings below
/// `own` and one above it, so they are found by moving two ends, then copied.
fn nearest(postings: &[u32], id: u32, own: (u32, u32), n: usize, total: usize, out: &mut Vec<u32>) {
    let mid = position(postings, id, total);
    // postings[..below] lie before `own`, postings[above..] after it.
    let mut below = mid;
    while below > 0 && postings[below - 1] >= own.0 {
        below -= 1;
    }
    let mut above = mid;
    while above < postings.len() && postings[above] < own.1 {
        above += 1;
    }
    let (mut lo, mut hi) = (below, above);
    for _ in 0..n {
        match (lo.checked_sub(1).map(|k| postings[k]), postings.get(hi)) {
            (Some(b), Some(&a)) if id - b <= a - id => lo -= 1,
            (_, Some(_)) => hi += 1,
            (Some(_), None) => lo -= 1,
            (None, None) => break,
        }
    }
    out.extend_from_slice(&postings[lo..below]);
    out.extend_from_slice(&postings[above..hi]);
}

/// `postings.partition_point(|&p| p < id)` for ascending `postings` of passages among `total`:
/// looked for first where `id` would sit if the postings were spread evenly, then by doubling
/// steps from there. A long list (a common entity's) is read near one place, in a few cache
/// lines, instead of at ~log₂(len) places far apart.
fn position(postings: &[u32], id: u32, total: usize) -> usize {
    let n = postings.len();
    if n == 0 {
        return 0;
    }
    let guess = (u64::from(id) * n as u64 / total.max(1) as u64).min(n as u64 - 1) as usize;
    // The answer lies in [lo, hi]: postings[lo - 1] < id (or lo = 0), postings[hi] >= id (or hi = n).
    let (mut lo, mut hi, mut step) = (0, n, 1);
    if postings[guess] < id {
        lo = guess + 1;
        while guess + step < n {
            if postings[guess + step] >= id {
                hi = guess + step;
                break;
            }
            lo = guess + step + 1;
            step *= 2;
        }
    } else {
        hi = guess;
        while step <= guess {
            if postings[guess - step] < id {
                lo = guess - step + 1;
                break;
            }
            hi = guess - step;
            step *= 2;
        }
    }
    lo + postings[lo..hi].partition_point(|&p| p < id)
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

/// [`related_for`] with the names borrowed from the index: what a view that writes them at
/// once (the extract) asks for, so that no name is copied per result.
pub fn related_refs_for(
    index: &RelatedIndex,
    article: usize,
    passage: usize,
    k: usize,
) -> Vec<RelatedRef<'_>> {
    let Some(id) = index.id(article, passage) else {
        return Vec::new();
    };
    if k == 0 {
        return Vec::new();
    }
    with_scratch(|scratch| query(index, id, index.range(article), k, scratch))
}

/// The `k` best for passage `id` of the article whose passages are `own`, with this thread's
/// `scratch`.
fn query<'a>(
    index: &'a RelatedIndex,
    id: u32,
    own: (u32, u32),
    k: usize,
    scratch: &mut Scratch,
) -> Vec<RelatedRef<'a>> {
    let q = index.passage(id);
    let shares = Shares::new(index, &q, std::mem::take(&mut scratch.lists.entity_shares));
    candidates(index, id, own, &shares, &mut scratch.lists);
    let rerank = index.config.limits.rerank.max(k);
    let Lists {
        pool, ranked, ids, ..
    } = &mut scratch.lists;
    ranked.clear();
    ranked.extend(pool.iter().map(|c| rank_key(c, id)));
    if ranked.len() > rerank {
        ranked.select_nth_unstable(rerank - 1);
        ranked.truncate(rerank);
    }
    // Most shared first, so that the k-th best score rises early and bounds prune the rest.
    ranked.sort_unstable();
    ids.clear();
    ids.extend(ranked.iter().map(|&r| r as u32));
    scratch.set_words(q.words.iter().copied());
    let mut best = std::mem::take(&mut scratch.lists.best);
    top_k(
        index,
        &q,
        &shares,
        &scratch.lists.ids,
        k,
        scratch,
        &mut best,
    );
    let shared = &mut scratch.lists.shared;
    let results = best
        .iter()
        .map(|&(score, c)| reason(index, &q, c, score, shared))
        .collect();
    scratch.lists.best = best;
    scratch.lists.entity_shares = shares.entity;
    results
}

/// Where candidate `c` of the query `id` ranks before scoring, as one integer whose order is the
/// ranking: most gathered first (in [`f32::total_cmp`]'s order), then nearest in corpus order,
/// then lowest id. Integers compare in one instruction; the tuple this stands for did not.
fn rank_key(c: &Candidate, id: u32) -> u128 {
    let bits = c.1.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    (u128::from(!ascending) << 96) | (u128::from(c.0.abs_diff(id)) << 32) | u128::from(c.0)
}

/// Fills `best` with the `k` best of the passages `ids` scored in full, best first (ties: lower
/// id first). A
/// candidate whose score cannot reach the k-th best so far, even if all its words were `q`'s, is
/// not scored on its words: its entity and kind shares plus the text weight times its
/// `weight_sum` (which bounds its text score from above, see [`Passage::weight_sum`]) fall short.
fn top_k(
    index: &RelatedIndex,
    q: &Passage<'_>,
    shares: &Shares,
    ids: &[u32],
    k: usize,
    scratch: &Scratch,
    best: &mut Vec<(f32, u32)>,
) {
    let w = index.config.score.text;
    let better = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    best.clear();
    // Read at random over the whole index: start every load before the first is needed, the
    // headers first, then the lists they point to.
    index.prefetch_headers(ids.iter().copied());
    for d in ids.iter().filter_map(|&c| index.get(c)) {
        d.prefetch();
    }
    for (c, d) in ids.iter().filter_map(|&c| Some((c, index.get(c)?))) {
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
/// first (see [`RelatedIndex::entity_order`]); `shared` is a list to work in.
fn reason<'a>(
    index: &'a RelatedIndex,
    q: &Passage<'_>,
    c: u32,
    score: f32,
    shared: &mut Vec<u32>,
) -> RelatedRef<'a> {
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
    let name = |e: &u32| {
        index
            .entity_names
            .get(*e as usize)
            .map_or("", |n| n.as_str())
    };
    RelatedRef {
        article,
        passage,
        score,
        shared_entities: shared.iter().map(name).collect(),
        shared_kinds: EventKind::ALL
            .iter()
            .copied()
            .filter(|k| q.kinds & d.kinds & kind_bit(*k) != 0)
            .collect(),
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
    use proptest::prelude::*;

    /// A posting list: distinct passage ids below `max`, ascending.
    fn postings(max: u32, len: usize) -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::vec(0..max, 0..len).prop_map(|mut v| {
            v.sort_unstable();
            v.dedup();
            v
        })
    }

    /// A candidate with a share of any sign, zeros of both signs and NaN included.
    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            0u32..1_000,
            prop_oneof![Just(0.0f32), Just(-0.0f32), -5.0f32..5.0, Just(f32::NAN)],
        )
    }

    proptest! {
        #[test]
        fn position_is_the_partition_point(
            postings in postings(2_000, 300),
            id in 0u32..2_100,
            total in 0usize..2_500,
        ) {
            prop_assert_eq!(
                position(&postings, id, total),
                postings.partition_point(|&p| p < id)
            );
        }

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
        fn the_sorted_union_is_every_value_once_ascending(
            values in proptest::collection::vec(
                prop_oneof![0u32..300, 0u32..5_000, Just(u32::MAX), Just(0)],
                0..200,
            ),
        ) {
            let mut want = values.clone();
            want.sort_unstable();
            want.dedup();
            let (mut got, mut bits) = (values, vec![u64::MAX; 3]);
            sorted_union(&mut got, &mut bits);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn common_ids_are_the_ids_of_both_lists(a in postings(300, 60), b in postings(300, 60)) {
            let want: Vec<u32> = a.iter().copied().filter(|x| b.contains(x)).collect();
            let mut got = vec![u32::MAX];
            common_ids(&a, &b, &mut got);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn nearest_takes_the_closest_outside_the_article(
            postings in postings(500, 120),
            start in 0u32..500,
            len in 1u32..20,
            at in 0u32..20,
            n in 0usize..50,
        ) {
            let own = (start, start + len);
            let id = start + at % len;
            // The definition: by distance, the one before on a tie.
            let mut want: Vec<u32> = postings
                .iter()
                .copied()
                .filter(|&p| p < own.0 || p >= own.1)
                .collect();
            want.sort_by_key(|&p| (p.abs_diff(id), p));
            want.truncate(n);
            want.sort_unstable();
            let mut got = vec![u32::MAX];
            nearest(&postings, id, own, n, 520, &mut got);
            // What was in the list stays first.
            prop_assert_eq!(got.remove(0), u32::MAX);
            // Ascending as they come, not only as a set.
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn position_finds_both_ends_of_a_skewed_list() {
        // All postings at the start of a large corpus: the even-spread guess is far off.
        let postings: Vec<u32> = (0..100).collect();
        for id in [0, 1, 50, 99, 100, 5_000, 9_999] {
            assert_eq!(
                position(&postings, id, 10_000),
                postings.partition_point(|&p| p < id),
                "{id}"
            );
        }
    }
}
