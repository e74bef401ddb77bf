//! The matching view of an article: one lowercased copy with folded whitespace, a map back to
//! body offsets, word-boundary checks and the clause helpers the event rules share.

use super::offsets::Offsets;
use crate::corpus::{Span, offset32};

/// The lowercased, whitespace-folded copy of a body and the way back to body offsets.
pub struct Norm {
    pub text: String,
    /// Maps byte `i` to the body offset of the character that produced it; one position past
    /// the end maps to the body length.
    map: Offsets,
    /// Sorted byte offsets of clause punctuation (, ; : brackets, dashes).
    bounds: Vec<usize>,
}

/// Characters that join a word: letters, digits and hyphens.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Lowercases one character into `out`, folding curly apostrophes to `'`.
fn push_lower(out: &mut String, c: char) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ => out.extend(c.to_lowercase()),
    }
}

/// True for a comma between digits ("1,000 civilians"): a number, not a clause mark.
fn thousands(before: Option<&u8>, after: Option<&u8>) -> bool {
    before.is_some_and(u8::is_ascii_digit) && after.is_some_and(u8::is_ascii_digit)
}

/// The end of the run of plain bytes from `i`: printable ASCII that is neither a space nor a
/// character with a rule of its own (clause punctuation, the dash).
fn plain_run_end(bytes: &[u8], i: usize) -> usize {
    let plain = |b: u8| {
        matches!(b, b'!'..=b'~')
            && !matches!(b, b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'-')
    };
    i + bytes[i..].iter().take_while(|&&b| plain(b)).count()
}

impl Norm {
    pub fn new(body: &str) -> Self {
        let mut n = Self {
            text: String::with_capacity(body.len()),
            map: Offsets::default(),
            bounds: Vec::new(),
        };
        let bytes = body.as_bytes();
        let mut last_space = false;
        let mut i = 0;
        while i < bytes.len() {
            // Runs of plain ASCII (most of a body) are copied whole.
            let run = plain_run_end(bytes, i);
            if run > i {
                n.text.push_str(&body[i..run]);
                let at = n.text.len() - (run - i);
                n.text[at..].make_ascii_lowercase();
                n.map.push_run(offset32(i), offset32(run - i));
                last_space = false;
                i = run;
                continue;
            }
            let (c, len) = match bytes[i] {
                b if b.is_ascii() => (char::from(b), 1),
                _ => {
                    let c = body[i..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    (c, c.len_utf8())
                }
            };
            if c.is_whitespace() {
                if !last_space {
                    n.text.push(' ');
                    n.map.push_run(offset32(i), 1);
                }
                last_space = true;
            } else {
                let spaced_dash = c == '-'
                    && last_space
                    && body[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace);
                let digits = c == ',' && thousands(bytes.get(i.wrapping_sub(1)), bytes.get(i + 1));
                if (matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–') || spaced_dash)
                    && !digits
                {
                    n.bounds.push(n.text.len());
                }
                last_space = false;
                n.push(c, offset32(i));
            }
            i += len;
        }
        n.map.push_run(offset32(body.len()), 1);
        n
    }

    /// Appends `c` lowercased (curly apostrophes as `'`), every byte it gives mapped to `at`.
    fn push(&mut self, c: char, at: u32) {
        if c.is_ascii() {
            self.text.push(c.to_ascii_lowercase());
            self.map.push_run(at, 1);
            return;
        }
        let before = self.text.len();
        push_lower(&mut self.text, c);
        self.map.push_same(at, offset32(self.text.len() - before));
    }

    /// The body span of a range of this copy.
    pub fn to_body(&self, start: usize, end: usize) -> Span {
        Span::new(self.map.get(start) as usize, self.map.get(end) as usize)
    }

    /// The position in this copy of a body offset.
    pub fn body_to_norm(&self, offset: usize) -> usize {
        self.map.first_at_or_after(offset)
    }

    /// The range of this copy covering a body span.
    pub fn range(&self, span: Span) -> (usize, usize) {
        (
            self.body_to_norm(span.start()),
            self.body_to_norm(span.end()),
        )
    }

    /// True when `[start, end)` is a whole-word match.
    pub fn at_word_boundary(&self, start: usize, end: usize) -> bool {
        let before = self.text[..start].chars().next_back();
        let after = self.text[end..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    }

    /// True when clause punctuation lies in `[start, end)`.
    pub fn bound_between(&self, start: usize, end: usize) -> bool {
        let i = self.bounds.partition_point(|&b| b < start);
        self.bounds.get(i).is_some_and(|&b| b < end)
    }

    /// The clause around `[start, end)`, bounded by punctuation and by `within`.
    pub fn clause(&self, start: usize, end: usize, within: (usize, usize)) -> (usize, usize) {
        let i = self.bounds.partition_point(|&b| b < start);
        let from = if i > 0 { self.bounds[i - 1] + 1 } else { 0 };
        let j = self.bounds.partition_point(|&b| b < end);
        let to = self.bounds.get(j).copied().unwrap_or(self.text.len());
        (from.max(within.0), to.min(within.1))
    }

    /// Number of words in `[start, end)`.
    pub fn words_between(&self, start: usize, end: usize) -> usize {
        if start >= end {
            return 0;
        }
        let mut n = 0;
        let mut in_word = false;
        for b in self.text.as_bytes()[start..end].iter() {
            let space = *b == b' ';
            if !space && !in_word {
                n += 1;
            }
            in_word = !space;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one decoded character at a time.
    fn reference(body: &str) -> (String, Vec<u32>, Vec<usize>) {
        let (mut text, mut map, mut bounds) = (String::new(), Vec::new(), Vec::new());
        let mut last_space = false;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                if !last_space {
                    text.push(' ');
                    map.push(i as u32);
                }
                last_space = true;
                continue;
            }
            let spaced_dash =
                c == '-' && last_space && chars.peek().is_some_and(|(_, n)| n.is_whitespace());
            let digits = c == ','
                && body[..i].ends_with(|p: char| p.is_ascii_digit())
                && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
            if (matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–') || spaced_dash)
                && !digits
            {
                bounds.push(text.len());
            }
            last_space = false;
            let before = text.len();
            push_lower(&mut text, c);
            map.resize(map.len() + (text.len() - before), i as u32);
        }
        map.push(body.len() as u32);
        (text, map, bounds)
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_agrees_with_the_definition(
            body in "[a-zA-Z0-9 \\-,:;()\\[\\]'.\n\t\u{0b}\u{7f}\u{01}\u{a0}\u{2003}\u{130}é’—–İẞ]{0,40}"
        ) {
            let n = Norm::new(&body);
            let (text, map, bounds) = reference(&body);
            let mapped: Vec<u32> = (0..n.map.len()).map(|i| n.map.get(i)).collect();
            proptest::prop_assert_eq!((&n.text, &mapped, &n.bounds), (&text, &map, &bounds));
            for offset in 0..=body.len() + 1 {
                let want = map.partition_point(|&o| (o as usize) < offset);
                proptest::prop_assert_eq!(n.body_to_norm(offset), want);
            }
        }
    }

    #[test]
    fn folds_case_and_whitespace_and_maps_back() {
        let body = "Gunmen  ATTACKED\nthe post’s gate.";
        let n = Norm::new(body);
        assert_eq!(n.text, "gunmen attacked the post's gate.");
        let start = n.text.find("attacked").unwrap();
        let span = n.to_body(start, start + "attacked".len());
        assert_eq!(span.slice(body), "ATTACKED");
        assert_eq!(
            n.body_to_norm(body.find("the").unwrap()),
            n.text.find("the").unwrap()
        );
    }

    #[test]
    fn non_ascii_text_maps_back_to_whole_characters() {
        let body = "Près de Ménaka, des hommes armés";
        let n = Norm::new(body);
        let s = n.text.find("ménaka").unwrap();
        assert_eq!(n.to_body(s, s + "ménaka".len()).slice(body), "Ménaka");
    }

    #[test]
    fn hyphenated_words_are_one_word() {
        let n = Norm::new("an Algeria-mediated deal and cross-border trade");
        let s = n.text.find("mediated").unwrap();
        assert!(!n.at_word_boundary(s, s + "mediated".len()));
        let d = n.text.find("deal").unwrap();
        assert!(n.at_word_boundary(d, d + 4));
    }

    #[test]
    fn clauses_stop_at_commas_and_spaced_dashes() {
        let n = Norm::new("If talks fail, troops attack - says one - at dawn");
        let t = n.text.find("troops").unwrap();
        let (a, b) = n.clause(t, t + 6, (0, n.text.len()));
        assert_eq!(n.text[a..b].trim(), "troops attack");
        assert_eq!(n.words_between(0, t), 3);
    }
}
