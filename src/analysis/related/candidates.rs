//! Step 1 of a related-passages query (see `query.rs`): the candidates of the asked passage,
//! from the postings of its entities and event kinds, each with the entity and kind shares it
//! gathers on the way.

use super::flat::Passage;
use super::index::{KINDS, RelatedIndex};
use super::query::Shares;
use super::scratch::{Feature, Lists};

/// A candidate's passage id and the entity and kind shares it has gathered so far.
pub(super) type Candidate = (u32, f32);

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
///
/// Kept out of line: when the compiler chose to inline it into the query (a choice that moved
/// with unrelated code), a run took 0.5 % more instructions.
#[inline(never)]
pub(super) fn candidates(
    index: &RelatedIndex,
    id: u32,
    own: (u32, u32),
    shares: &Shares,
    lists: &mut Lists,
) {
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

/// `postings.partition_point(|&p| p < id)` for ascending `postings` (repeats allowed: the
/// articles' first passages, where an empty article repeats the next one's) of passages among `total`:
/// looked for first where `id` would sit if the postings were spread evenly, then by doubling
/// steps from there. A long list (a common entity's) is read near one place, in a few cache
/// lines, instead of at ~log₂(len) places far apart.
pub(super) fn position(postings: &[u32], id: u32, total: usize) -> usize {
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A posting list: distinct passage ids below `max`, ascending.
    pub(in crate::analysis::related) fn postings(
        max: u32,
        len: usize,
    ) -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::vec(0..max, 0..len).prop_map(|mut v| {
            v.sort_unstable();
            v.dedup();
            v
        })
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
