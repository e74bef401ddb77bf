//! The passages related to one passage: candidates from the postings of its entities and event
//! kinds (rarest first, bounded), then each candidate scored in full.

use super::index::{KINDS, RelatedIndex};
use crate::analysis::model::{EventKind, Related};
use std::cmp::Ordering;

/// An entity or event kind of the asked passage, with its postings.
struct Feature<'a> {
    postings: &'a [u32],
}

/// The passages of other articles that may be related to passage `id`: every passage holding one
/// of its rarer entities or kinds (postings no longer than `posting_cap`), rarest first, until
/// about `max_candidates`; if that is not enough, the `nearby` passages nearest in corpus order
/// from the postings of each common one. Sorted and distinct.
fn candidates(index: &RelatedIndex, id: u32, own: (u32, u32)) -> Vec<u32> {
    let q = &index.passages[id as usize];
    let mut features: Vec<Feature> = q
        .entities
        .iter()
        .filter_map(|&e| index.entity_postings.get(e as usize))
        .chain(
            (0..KINDS)
                .filter(|k| q.kinds & (1 << k) != 0)
                .filter_map(|k| index.kind_postings.get(k)),
        )
        .map(|p| Feature {
            postings: p.as_slice(),
        })
        .collect();
    features.sort_by_key(|f| f.postings.len());
    let limits = &index.config.limits;
    let outside = |p: &u32| *p < own.0 || *p >= own.1;
    let mut pool: Vec<u32> = Vec::new();
    let mut common = Vec::new();
    for f in &features {
        if f.postings.len() > limits.posting_cap {
            common.push(f);
        } else if pool.len() < limits.max_candidates {
            pool.extend(f.postings.iter().filter(|p| outside(p)));
        }
    }
    pool.sort_unstable();
    pool.dedup();
    if pool.len() < limits.max_candidates {
        for f in common {
            pool.extend(nearest(f.postings, id, own, limits.nearby));
        }
        pool.sort_unstable();
        pool.dedup();
    }
    pool
}

/// Up to `n` postings nearest to `id` in corpus order, outside the passages `own`.
fn nearest(postings: &[u32], id: u32, own: (u32, u32), n: usize) -> Vec<u32> {
    let mid = postings.partition_point(|&p| p < id);
    let mut below = postings[..mid]
        .iter()
        .rev()
        .filter(|&&p| p < own.0)
        .peekable();
    let mut above = postings[mid..].iter().filter(|&&p| p >= own.1).peekable();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let next = match (below.peek(), above.peek()) {
            (Some(&&b), Some(&&a)) => {
                if id - b <= a - id {
                    below.next()
                } else {
                    above.next()
                }
            }
            (Some(_), None) => below.next(),
            (None, Some(_)) => above.next(),
            (None, None) => None,
        };
        match next {
            Some(&p) => out.push(p),
            None => break,
        }
    }
    out
}

/// Σ of `weights` over the words both sorted lists hold.
fn shared_weight(query: &[u64], words: &[u64], weights: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < query.len() && j < words.len() {
        match query[i].cmp(&words[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += weights.get(j).copied().unwrap_or(0.0);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The values both sorted lists hold.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// `part / whole`, 0 when there is nothing to share.
fn ratio(part: f32, whole: f32) -> f32 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

/// Scores candidate `c` against passage `id`; `None` when they share no entity and no kind.
fn score(index: &RelatedIndex, id: u32, c: u32) -> Option<(f32, Vec<u32>, u32)> {
    let q = &index.passages[id as usize];
    let d = index.passages.get(c as usize)?;
    let entities = intersect(&q.entities, &d.entities);
    let kinds = q.kinds & d.kinds;
    if entities.is_empty() && kinds == 0 {
        return None;
    }
    let eidf = |e: &u32| index.entity_idf.get(*e as usize).copied().unwrap_or(0.0);
    let kidf = |mask: u32| -> f32 {
        (0..KINDS)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| index.kind_idf[k])
            .sum()
    };
    let w = &index.config.score;
    let text = ratio(shared_weight(&q.words, &d.words, &d.weights), q.text_max);
    let ent = ratio(
        entities.iter().map(eidf).sum(),
        q.entities.iter().map(eidf).sum(),
    );
    let kind = ratio(kidf(kinds), kidf(q.kinds));
    let total = w.text * text + w.entities * ent + w.kinds * kind;
    (total > 0.0).then_some((total, entities, kinds))
}

/// The `k` passages of other articles most related to paragraph `passage` of `article`, best
/// first (ties in corpus order); empty when the passage does not exist.
pub fn related_for(index: &RelatedIndex, article: usize, passage: usize, k: usize) -> Vec<Related> {
    let Some(id) = index.id(article, passage) else {
        return Vec::new();
    };
    let own = index.range(article);
    let mut scored: Vec<(f32, u32, Vec<u32>, u32)> = candidates(index, id, own)
        .into_iter()
        .filter_map(|c| score(index, id, c).map(|(s, e, m)| (s, c, e, m)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(k);
    scored
        .into_iter()
        .map(|(score, c, entities, kinds)| {
            let (article, passage) = index.locate(c);
            Related {
                article,
                passage,
                score,
                shared_entities: names(index, entities),
                shared_kinds: EventKind::ALL
                    .iter()
                    .copied()
                    .filter(|k| kinds & super::index::kind_bit(*k) != 0)
                    .collect(),
            }
        })
        .collect()
}

/// Canonical names, most specific (rarest across passages) first, then by name.
fn names(index: &RelatedIndex, mut entities: Vec<u32>) -> Vec<String> {
    let df = |e: &u32| index.entity_postings.get(*e as usize).map_or(0, Vec::len);
    let name = |e: &u32| {
        index
            .entity_names
            .get(*e as usize)
            .map_or("", String::as_str)
    };
    entities.sort_by(|a, b| df(a).cmp(&df(b)).then_with(|| name(a).cmp(name(b))));
    entities.into_iter().map(|e| name(&e).to_string()).collect()
}
