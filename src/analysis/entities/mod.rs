//! Entity mentions: gazetteer matches (one automaton pass over the folded body, offsets mapped
//! back to the original bytes) plus capitalised names and acronyms the gazetteer lacks, whose kind
//! is guessed from cue words ([`unknown`]).

pub mod cues;
mod unknown;

use super::gazetteer::Gazetteer;
use super::gazetteer::fold::fold;
use super::model::FoundMention;
use crate::corpus::{Article, Span};

/// Every entity mention in the article body, in reading order.
pub fn find_entities(article: &Article, gazetteer: &Gazetteer) -> Vec<FoundMention> {
    find_in_text(&article.body, gazetteer)
}

/// Every entity mention in `text` (offsets are bytes of `text`).
pub fn find_in_text(text: &str, gazetteer: &Gazetteer) -> Vec<FoundMention> {
    let folded = fold(text);
    let matches = gazetteer.find(&folded, text);
    let mut covered = vec![false; folded.tokens.len()];
    let mut out = Vec::with_capacity(matches.len() + 8);
    for m in &matches {
        covered[m.first..=m.last].iter_mut().for_each(|c| *c = true);
        let e = gazetteer.entry(m.entry);
        out.push(FoundMention {
            span: Span::new(m.start, m.end),
            name: e.name.clone(),
            kind: e.kind,
            linked: true,
            demonym: m.demonym,
            parent: e.parent.clone(),
        });
    }
    let ctx = unknown::Context {
        text,
        folded: &folded,
        covered: &covered,
        matches: &matches,
        gazetteer,
    };
    let unknown = unknown::find_unknown(&ctx);
    // A gazetteer place inside a longer unknown name ("University of Bamako") is part of it.
    let cover = Cover::new(unknown.iter().map(|u| (u.span.start(), u.span.end())));
    out.retain(|m| !cover.covers(m.span.start(), m.span.end()));
    out.extend(unknown);
    out.sort_by_key(|m| (m.span.start(), m.span.end()));
    out
}

/// Spans sorted by start with the furthest end reached so far: whether one of them covers a
/// range is a binary search, not a scan of them all (a text of many names stays linear).
struct Cover {
    /// (start, furthest end of the spans starting at or before it), by start.
    reach: Vec<(usize, usize)>,
}

impl Cover {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut reach: Vec<(usize, usize)> = spans.collect();
        reach.sort_unstable();
        let mut furthest = 0;
        for r in &mut reach {
            furthest = furthest.max(r.1);
            r.1 = furthest;
        }
        Self { reach }
    }

    /// True when a span starts at or before `start` and ends at or after `end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let k = self.reach.partition_point(|r| r.0 <= start);
        k > 0 && self.reach[k - 1].1 >= end
    }
}

#[cfg(test)]
mod tests;
