//! The sentence as words for the role rules: each word with its place in the matching copy,
//! whether it is capitalised or possessive ("Mali's"), and the entity mention it belongs to.

use super::super::lexicon::Role;
use super::super::scan::Sentence;
use super::super::text::is_word_char;

/// What a token is, before any vocabulary is consulted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    Word,
    /// A comma: it may join a list or close a clause.
    Comma,
    /// Any other punctuation that closes a phrase.
    Stop,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// Followed by "'s" or a bare apostrophe.
    pub possessive: bool,
    /// Written with a capital first letter in the body.
    pub capital: bool,
    /// Index into the sentence's mentions.
    pub mention: Option<usize>,
    /// Starts a phrase that locates or attributes ("in", "near", "according to").
    pub locative: bool,
    /// Starts a role marker ("by", "against", "between").
    pub marker: bool,
}

/// The tokens of a sentence, in order.
pub fn tokenize(s: &Sentence) -> Vec<Tok> {
    let text = &s.norm.text[s.start..s.end];
    let mut out: Vec<Tok> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                // "1,000" is one number, not a list.
                let thousands = d == ','
                    && text.as_bytes()[end - 1].is_ascii_digit()
                    && text.as_bytes().get(j + 1).is_some_and(u8::is_ascii_digit);
                if !is_word_char(d) && !thousands {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(word(s, s.start + i, s.start + end));
        } else if c == '\'' {
            apostrophe(&mut out, &mut chars);
        } else if c == ',' {
            out.push(punct(s.start + i, 1, Shape::Comma));
        } else if !c.is_whitespace() && !matches!(c, '"' | '\u{201c}' | '\u{201d}') {
            out.push(punct(s.start + i, c.len_utf8(), Shape::Stop));
        }
    }
    out
}

/// "'s" or a trailing "'" marks the word before as possessive; an apostrophe inside a word
/// ("d'Ivoire") is skipped.
fn apostrophe(out: &mut [Tok], chars: &mut std::iter::Peekable<std::str::CharIndices>) {
    let next = chars.peek().map(|&(_, d)| d);
    let after_s = {
        let mut it = chars.clone();
        it.next();
        it.next().map(|(_, d)| d)
    };
    let Some(last) = out.last_mut() else { return };
    if next == Some('s') && !after_s.is_some_and(is_word_char) {
        chars.next();
        last.possessive = true;
    } else if !next.is_some_and(is_word_char) {
        last.possessive = true;
    }
}

fn punct(at: usize, len: usize, shape: Shape) -> Tok {
    Tok {
        start: at,
        end: at + len,
        shape,
        possessive: false,
        capital: false,
        mention: None,
        locative: false,
        marker: false,
    }
}

fn word(s: &Sentence, start: usize, end: usize) -> Tok {
    let body = s.norm.to_body(start, end).slice(s.body);
    Tok {
        start,
        end,
        shape: Shape::Word,
        possessive: false,
        capital: body.chars().next().is_some_and(char::is_uppercase),
        mention: s
            .mentions
            .iter()
            .position(|m| m.start < end && start < m.end),
        locative: s
            .with_role(|r| matches!(r, Role::Locative))
            .any(|h| h.start == start),
        marker: s
            .with_role(|r| matches!(r, Role::ActorMarker | Role::TargetMarker))
            .any(|h| h.start == start),
    }
}
