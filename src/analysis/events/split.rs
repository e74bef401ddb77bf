//! Over-long sentences cut into pieces for the event scan. A table, a list or a transcript with
//! no full stop is one "sentence" of hundreds of kilobytes; the rules that relate a trigger to
//! its cues, roles and neighbours look across the whole sentence, so their cost grows with its
//! square. Pieces of at most [`MAX_PIECE`] bytes (1 KB) keep that cost linear in the text.
//!
//! A sentence is cut at the last clause mark (`;`, `,`, `:`, a dash, `|`) of a piece's second
//! half, else at its last space, else at a character boundary. Ordinary sentences (the longest
//! of the WCEP set is 654 bytes) are never cut. What a cut changes: a cue, a role or a date is
//! read only within the piece of its trigger, so a trigger whose actor or negation lies in the
//! previous piece loses it. The reader shows the text as it is; an event's span is its piece.
//! The pieces of an article stop at its event budget ([`crate::analysis::budget`]).

use crate::analysis::budget::{EVENT_BYTES, MAX_PIECE};
use crate::corpus::Span;

/// Each sentence (with its index) as it is scanned: whole, or cut into pieces; no more than the
/// article's budget of text ([`EVENT_BYTES`]).
pub(super) fn pieces(body: &str, sentences: &[Span]) -> Vec<(usize, Span)> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut budget = EVENT_BYTES;
    for (si, span) in sentences.iter().enumerate() {
        let (mut start, end) = (span.start(), span.end().min(body.len()));
        while end - start > MAX_PIECE && budget >= MAX_PIECE {
            let cut = cut_before(body, start, start + MAX_PIECE);
            out.push((si, Span::new(start, cut)));
            budget -= cut - start;
            start = cut;
        }
        if end - start > budget {
            break;
        }
        budget -= end - start;
        out.push((si, Span::new(start, span.end())));
    }
    out
}

/// Where to end a piece starting at `start` and at most `limit`: past a clause mark in the
/// second half, else past a space, else at the last character boundary; always after `start`.
fn cut_before(body: &str, start: usize, limit: usize) -> usize {
    let mut limit = limit;
    while !body.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &body.as_bytes()[start..limit];
    let mut half = window.len() / 2;
    while !body.is_char_boundary(start + half) {
        half += 1;
    }
    let after = |i: Option<usize>| i.map(|i| start + i + 1);
    let clause = window[half..]
        .iter()
        .rposition(|b| matches!(b, b';' | b',' | b':' | b'|'))
        .map(|i| i + half);
    // A dash is a multi-byte character: cut after its last byte.
    let dash = body[start + half..limit]
        .rfind(['—', '–'])
        .map(|i| i + half + '—'.len_utf8() - 1);
    let space = window.iter().rposition(|b| b.is_ascii_whitespace());
    let cut = after(clause.max(dash)).or(after(space)).unwrap_or(limit);
    if cut > start && body.is_char_boundary(cut) {
        cut
    } else {
        limit.max(start + body[start..].chars().next().map_or(1, char::len_utf8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn whole(body: &str) -> Vec<(usize, Span)> {
        pieces(body, &[Span::new(0, body.len())])
    }

    #[test]
    fn an_ordinary_sentence_is_one_piece() {
        let body = "Troops attacked the village of Boni on Monday, killing twelve.";
        assert_eq!(whole(body), vec![(0, Span::new(0, body.len()))]);
    }

    #[test]
    fn a_long_list_is_cut_after_a_clause_mark() {
        let body = "Mali attacked Boni, ".repeat(200);
        let got = whole(&body);
        assert!(got.len() > 1);
        for (_, p) in &got[..got.len() - 1] {
            assert!(p.len() <= MAX_PIECE);
            assert!(body[p.start()..p.end()].ends_with(','), "{p:?}");
        }
    }

    proptest! {
        /// Pieces tile each sentence in order, stay within the bound and cut on characters.
        #[test]
        fn pieces_tile_every_sentence(
            text in "[a-z ,;é—\u{1F600}]{0,3000}",
            cuts in proptest::collection::vec(0usize..3000, 0..4),
        ) {
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|&c| text.is_char_boundary(c))
                .chain([0, text.len()])
                .collect();
            bounds.sort_unstable();
            bounds.dedup();
            let sentences: Vec<Span> = bounds.windows(2).map(|w| Span::new(w[0], w[1])).collect();
            let got = pieces(&text, &sentences);
            let mut at = 0;
            for (si, s) in sentences.iter().enumerate() {
                let mine: Vec<Span> =
                    got.iter().filter(|(i, _)| *i == si).map(|(_, p)| *p).collect();
                prop_assert!(!mine.is_empty());
                prop_assert_eq!(mine[0].start(), s.start());
                prop_assert_eq!(mine[mine.len() - 1].end(), s.end());
                for p in &mine {
                    prop_assert_eq!(p.start(), at.max(s.start()));
                    prop_assert!(p.len() <= MAX_PIECE);
                    prop_assert!(text.is_char_boundary(p.start()) && text.is_char_boundary(p.end()));
                    at = p.end();
                }
            }
        }
    }
}
