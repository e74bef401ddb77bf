//! One pass over the body into tokens: numbers (with an ordinal or decade suffix), words (looked
//! up once in the vocabulary), punctuation and line breaks. Offsets are UTF-8 byte offsets.

use super::vocab::DateVocab;

/// Words longer than this are never looked up (no vocabulary word is that long).
const MAX_WORD: usize = 24;

/// What follows the digits of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Suffix {
    None,
    /// "12th", "1er", "3e".
    Ordinal,
    /// "1990s", "1990's".
    Decade,
    /// The time separator of a timestamp ("2024-03-12T10:00").
    Time,
    /// Anything else glued to the digits ("2005km").
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits: their value (saturated), their count and their suffix.
    Num {
        value: u32,
        digits: u8,
        suffix: Suffix,
    },
    /// A word: its vocabulary entry, if any, and whether it starts with a capital.
    Word { info: Option<u16>, cap: bool },
    /// One punctuation character; dashes are all `-`, apostrophes `'`.
    Punct(char),
    /// A line break: no expression spans one.
    Break,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Splits `text` into tokens, appending to `out`. `buf` is scratch space for lower-casing.
pub(crate) fn tokenize(text: &str, vocab: &DateVocab, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut buf = String::with_capacity(MAX_WORD * 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if !matches!(out.last(), Some(t) if t.kind == Kind::Break) {
                out.push(Tok {
                    start: i,
                    end: i + 1,
                    kind: Kind::Break,
                });
            }
            i += 1;
        } else if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_digit() {
            i = number(text, i, out);
        } else if b.is_ascii_alphabetic() {
            i = word(text, i, vocab, &mut buf, out);
        } else if b < 0x80 {
            out.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Punct(char::from(b)),
            });
            i += 1;
        } else {
            let c = char_at(text, i);
            if c.is_alphabetic() {
                i = word(text, i, vocab, &mut buf, out);
            } else {
                if !c.is_whitespace() {
                    out.push(Tok {
                        start: i,
                        end: i + c.len_utf8(),
                        kind: Kind::Punct(normal_punct(c)),
                    });
                }
                i += c.len_utf8();
            }
        }
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn normal_punct(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        _ => c,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Digits, then an optional suffix glued to them.
fn number(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut value: u32 = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        value = value
            .saturating_mul(10)
            .saturating_add(u32::from(bytes[i] - b'0'));
        i += 1;
    }
    let digits = u8::try_from(i - start).unwrap_or(u8::MAX);
    let mut suffix = Suffix::None;
    let mut end = i;
    if i < bytes.len() {
        let c = char_at(text, i);
        if c.is_alphabetic() {
            end = letters_end(text, i);
            suffix = match text[i..end].to_lowercase().as_str() {
                "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "ème" | "eme" | "è" => {
                    Suffix::Ordinal
                }
                "s" => Suffix::Decade,
                "t" if bytes.get(end).is_some_and(u8::is_ascii_digit) => Suffix::Time,
                _ => Suffix::Other,
            };
            if suffix == Suffix::Time {
                // The time is not part of the date: the token stops before the "T".
                end = i;
            }
        } else if is_apostrophe(c) {
            let after = i + c.len_utf8();
            let s_end = letters_end(text, after);
            if s_end == after + 1 && bytes[after].eq_ignore_ascii_case(&b's') {
                suffix = Suffix::Decade;
                end = s_end;
            }
        }
    }
    out.push(Tok {
        start,
        end,
        kind: Kind::Num {
            value,
            digits,
            suffix,
        },
    });
    end
}

fn letters_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b < 0x80 {
            break;
        } else {
            let c = char_at(text, i);
            if !c.is_alphabetic() {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// End of a word: letters, with apostrophes between letters ("aujourd'hui", "l'an").
fn word_end(text: &str, from: usize) -> usize {
    let mut end = letters_end(text, from);
    while end < text.len() {
        let c = char_at(text, end);
        if !is_apostrophe(c) {
            break;
        }
        let next = end + c.len_utf8();
        let after = letters_end(text, next);
        if after == next {
            break;
        }
        end = after;
    }
    end
}

fn lower_into(buf: &mut String, s: &str) -> bool {
    buf.clear();
    if s.len() > MAX_WORD {
        return false;
    }
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return true;
    }
    for c in s.chars() {
        if is_apostrophe(c) {
            buf.push('\'');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    true
}

/// A word, looked up whole; then as a hyphenated compound ("avant-hier"); then without an
/// elided article ("l'été") or a possessive ("Tuesday's").
fn word(
    text: &str,
    start: usize,
    vocab: &DateVocab,
    buf: &mut String,
    out: &mut Vec<Tok>,
) -> usize {
    let end = word_end(text, start);
    let cap = char_at(text, start).is_uppercase();
    let bytes = text.as_bytes();
    if end + 1 < bytes.len() && bytes[end] == b'-' && char_at(text, end + 1).is_alphabetic() {
        let end2 = word_end(text, end + 1);
        if lower_into(buf, &text[start..end2])
            && let Some(info) = vocab.lookup(buf)
        {
            out.push(word_tok(start, end2, Some(info), cap));
            return end2;
        }
    }
    let word = &bytes[start..end];
    if word.iter().all(u8::is_ascii_alphabetic) && !vocab.may_hold_ascii(word) {
        // Letters only: no apostrophe to split at, and surely no entry.
        out.push(word_tok(start, end, None, cap));
        return end;
    }
    let info = lower_into(buf, &text[start..end])
        .then(|| vocab.lookup(buf))
        .flatten();
    if info.is_some() {
        out.push(word_tok(start, end, info, cap));
        return end;
    }
    if let Some(k) = buf.find('\'') {
        let (head, tail) = (&buf[..k], &buf[k + 1..]);
        if tail == "s" {
            if let Some(info) = vocab.lookup(head) {
                out.push(word_tok(
                    start,
                    start + k_bytes(text, start, end),
                    Some(info),
                    cap,
                ));
                return end;
            }
        } else if head.len() <= 6
            && let Some(info) = vocab.lookup(tail)
        {
            let tail_start = end - tail_len(text, start, end);
            let head_info = vocab.lookup(&buf[..=k]);
            let tail_cap = char_at(text, tail_start).is_uppercase();
            out.push(word_tok(start, tail_start, head_info, cap));
            out.push(word_tok(tail_start, end, Some(info), tail_cap));
            return end;
        }
    }
    out.push(word_tok(start, end, None, cap));
    end
}

/// Byte length of the part of `text[start..end]` before its first apostrophe.
fn k_bytes(text: &str, start: usize, end: usize) -> usize {
    text[start..end]
        .char_indices()
        .find(|&(_, c)| is_apostrophe(c))
        .map_or(end - start, |(k, _)| k)
}

/// Byte length of the part of `text[start..end]` after its first apostrophe.
fn tail_len(text: &str, start: usize, end: usize) -> usize {
    text[start..end]
        .char_indices()
        .find(|&(_, c)| is_apostrophe(c))
        .map_or(0, |(k, c)| end - start - k - c.len_utf8())
}

fn word_tok(start: usize, end: usize, info: Option<u16>, cap: bool) -> Tok {
    Tok {
        start,
        end,
        kind: Kind::Word { info, cap },
    }
}
