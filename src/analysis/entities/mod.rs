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
    out.retain(|m| {
        !unknown
            .iter()
            .any(|u| u.span.start() <= m.span.start() && m.span.end() <= u.span.end())
    });
    out.extend(unknown);
    out.sort_by_key(|m| (m.span.start(), m.span.end()));
    out
}

#[cfg(test)]
mod tests;
