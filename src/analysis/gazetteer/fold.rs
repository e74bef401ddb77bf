//! Tokenising and folding: text becomes a list of word tokens (byte spans into the original) and a
//! folded string (lower case, accents stripped) in which every token is written as ` token `.
//! Tokens joined by a space, hyphen, apostrophe or inner dot sit side by side (`  `); a punctuation
//! break between them is written as `|`. Names and aliases go through the same folding, so an
//! alias matches whole words only, whatever the accents, case, hyphens or apostrophes.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// What separates a token from the one before it in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The first token.
    Start,
    /// Spaces or tabs.
    Space,
    /// One hyphen and nothing else ("Tin-Zaouatene").
    Hyphen,
    /// One apostrophe and nothing else ("N'Djamena", "Mali's").
    Apostrophe,
    /// One dot and nothing else ("U.S").
    Dot,
    /// Nothing: a letter run followed by a digit run or the reverse ("S1", "TB2").
    Split,
    /// Other punctuation (comma, quotes, brackets, dashes between spaces).
    Punct,
    /// A full stop, question or exclamation mark, colon or ellipsis.
    SentenceEnd,
    /// A line break.
    Line,
}

impl Gap {
    /// True when the two tokens around this gap can belong to one name.
    pub fn joins(self) -> bool {
        matches!(
            self,
            Gap::Space | Gap::Hyphen | Gap::Apostrophe | Gap::Dot | Gap::Split
        )
    }
}

/// One word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte span of the folded token in [`Folded::text`].
    pub fstart: usize,
    pub fend: usize,
    pub gap: Gap,
}

/// A folded text and its tokens.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    pub text: String,
    pub tokens: Vec<Token>,
}

impl Folded {
    /// The folded form of token `i`.
    pub fn word(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.fstart..t.fend]
    }

    /// Index of the token whose folded form starts at byte `fstart`.
    pub fn token_at_folded(&self, fstart: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.fstart < fstart);
        (self.tokens.get(i)?.fstart == fstart).then_some(i)
    }
}

/// Counts what lies between two tokens.
#[derive(Default)]
struct GapScan {
    chars: u32,
    space: bool,
    line: bool,
    hyphen: u32,
    apostrophe: u32,
    dot: u32,
    end_mark: bool,
    other: bool,
}

impl GapScan {
    fn see(&mut self, c: char) {
        self.chars += 1;
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => self.line = true,
            c if c.is_whitespace() => self.space = true,
            '-' | '\u{2010}' | '\u{2011}' => self.hyphen += 1,
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => self.apostrophe += 1,
            '.' => {
                self.dot += 1;
                self.end_mark = true;
            }
            '!' | '?' | ':' | '\u{2026}' => self.end_mark = true,
            _ => self.other = true,
        }
    }

    fn gap(&self) -> Gap {
        let single = self.chars == 1;
        if self.line {
            Gap::Line
        } else if single && self.hyphen == 1 {
            Gap::Hyphen
        } else if single && self.apostrophe == 1 {
            Gap::Apostrophe
        } else if single && self.dot == 1 {
            Gap::Dot
        } else if self.end_mark {
            Gap::SentenceEnd
        } else if self.other || self.hyphen > 0 || self.apostrophe > 0 {
            Gap::Punct
        } else {
            Gap::Space
        }
    }
}

/// Appends the folded form of `c` (lower case, no accents) to `out`.
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let special = match c {
        'ß' => "ss",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;

/// What each byte is to [`fold`]'s runs: an ASCII letter, an ASCII digit, or anything else (one
/// load per byte where two comparisons were).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_digit() {
            t[b] = DIGIT;
        } else if c.is_ascii_alphabetic() {
            t[b] = LETTER;
        }
        b += 1;
    }
    t
};

/// Tokenises and folds `text`.
pub fn fold(text: &str) -> Folded {
    let mut f = Folder {
        out: Folded {
            text: String::with_capacity(text.len() + text.len() / 3 + 2),
            tokens: Vec::with_capacity(text.len() / 5 + 1),
        },
        scan: GapScan::default(),
        open: None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let class = ASCII_CLASS[usize::from(bytes[i])];
        if class != OTHER {
            // A run of ASCII letters, or of ASCII digits, is folded whole.
            let run = i + bytes[i..]
                .iter()
                .take_while(|&&b| ASCII_CLASS[usize::from(b)] == class)
                .count();
            f.word_char(i, class == DIGIT);
            let at = f.out.text.len();
            f.out.text.push_str(&text[i..run]);
            f.out.text[at..].make_ascii_lowercase();
            i = run;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        if f.open.is_some() && !c.is_ascii() && is_combining_mark(c) {
            // An accent stays inside its token and folds away.
        } else if c.is_alphanumeric() {
            f.word_char(i, c.is_numeric());
            push_folded(c, &mut f.out.text);
        } else {
            f.gap_char(i, c);
        }
        i += c.len_utf8();
    }
    if f.open.is_some() {
        close(&mut f.out, text.len());
    }
    f.out
}

/// The state of [`fold`] between two characters.
struct Folder {
    out: Folded,
    /// What lies since the last token.
    scan: GapScan,
    /// The open token, if any: true when it is a run of digits.
    open: Option<bool>,
}

impl Folder {
    /// Before a letter (`digits` false) or digit at byte `i` is folded: opens a token, or a new
    /// one where letters and digits meet.
    fn word_char(&mut self, i: usize, digits: bool) {
        match self.open {
            Some(d) if d == digits => {}
            Some(_) => {
                close(&mut self.out, i);
                begin(&mut self.out, i, Gap::Split);
                self.open = Some(digits);
            }
            None => {
                let gap = if self.out.tokens.is_empty() {
                    Gap::Start
                } else {
                    self.scan.gap()
                };
                begin(&mut self.out, i, gap);
                self.open = Some(digits);
                self.scan = GapScan::default();
            }
        }
    }

    /// A character between tokens, at byte `i`: closes the open token.
    fn gap_char(&mut self, i: usize, c: char) {
        if self.open.take().is_some() {
            close(&mut self.out, i);
        }
        self.scan.see(c);
    }
}

fn begin(out: &mut Folded, start: usize, gap: Gap) {
    if !out.tokens.is_empty() && !gap.joins() {
        out.text.push('|');
    }
    out.text.push(' ');
    out.tokens.push(Token {
        start,
        end: start,
        fstart: out.text.len(),
        fend: out.text.len(),
        gap,
    });
}

fn close(out: &mut Folded, end: usize) {
    let len = out.text.len();
    if let Some(t) = out.tokens.last_mut() {
        t.end = end;
        t.fend = len;
    }
    out.text.push(' ');
}

/// The letters of `word`, as "is upper case" flags (for case-sensitive aliases).
pub fn case_pattern(word: &str) -> impl Iterator<Item = bool> + '_ {
    word.chars()
        .filter(|c| c.is_alphabetic() && !is_combining_mark(*c))
        .map(char::is_uppercase)
}

/// True when `word` starts with an upper-case letter.
pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Number of upper- and lower-case letters in `word`.
pub fn case_counts(word: &str) -> (usize, usize) {
    word.chars().fold((0, 0), |(u, l), c| {
        if c.is_uppercase() {
            (u + 1, l)
        } else if c.is_lowercase() {
            (u, l + 1)
        } else {
            (u, l)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one character at a time: (folded text, tokens).
    fn reference(text: &str) -> (String, Vec<Token>) {
        let mut out = Folded::default();
        let mut scan = GapScan::default();
        let mut open: Option<bool> = None;
        for (i, c) in text.char_indices() {
            if let Some(digits) = open {
                if !c.is_ascii() && is_combining_mark(c) {
                    continue;
                }
                if c.is_alphanumeric() {
                    if c.is_numeric() != digits {
                        close(&mut out, i);
                        begin(&mut out, i, Gap::Split);
                        open = Some(c.is_numeric());
                    }
                    push_folded(c, &mut out.text);
                    continue;
                }
                close(&mut out, i);
                open = None;
            }
            if c.is_alphanumeric() {
                let gap = if out.tokens.is_empty() {
                    Gap::Start
                } else {
                    scan.gap()
                };
                begin(&mut out, i, gap);
                push_folded(c, &mut out.text);
                open = Some(c.is_numeric());
                scan = GapScan::default();
            } else {
                scan.see(c);
            }
        }
        if open.is_some() {
            close(&mut out, text.len());
        }
        (out.text, out.tokens)
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_runs_agree_with_the_definition(
            text in "[a-zA-Z0-9 .,'\\-:!\n\u{301}\u{903}éÉßİ٣²’—]{0,40}"
        ) {
            let f = fold(&text);
            proptest::prop_assert_eq!((f.text, f.tokens), reference(&text));
        }
    }

    #[test]
    fn folds_accents_case_and_hyphens_into_spaced_tokens() {
        let f = fold("Tin-Zaouatène, MALI's");
        assert_eq!(f.text, " tin  zaouatene | mali  s ");
        assert_eq!(f.tokens.len(), 4);
        assert_eq!(f.tokens[1].gap, Gap::Hyphen);
        assert_eq!(f.tokens[2].gap, Gap::Punct);
        assert_eq!(f.tokens[3].gap, Gap::Apostrophe);
        assert_eq!(
            &"Tin-Zaouatène, MALI's"[f.tokens[1].start..f.tokens[1].end],
            "Zaouatène"
        );
    }

    #[test]
    fn splits_letters_from_digits_so_pantsir_spellings_agree() {
        assert_eq!(fold("Pantsir-S1").text, fold("Pantsir S-1").text);
        assert_eq!(fold("Akıncı").text, " akinci ");
    }

    #[test]
    fn sentence_ends_and_line_breaks_are_breaks() {
        let f = fold("Mali. Niger\nChad");
        assert_eq!(f.tokens[1].gap, Gap::SentenceEnd);
        assert_eq!(f.tokens[2].gap, Gap::Line);
        assert_eq!(f.text, " mali | niger | chad ");
    }

    #[test]
    fn decomposed_accents_stay_inside_the_token() {
        let f = fold("Se\u{301}gou");
        assert_eq!(f.tokens.len(), 1);
        assert_eq!(f.text, " segou ");
    }
}
