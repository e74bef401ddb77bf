//! Where the reader may break a line: the words of textwrap's Unicode line-breaking separator
//! (UAX #14, through icu_segmenter), which was most of the time of wrapping a long article.
//! Stretches of plain ASCII (letters, digits, spaces, the commonest punctuation) are cut by the
//! same rules written out for those few classes; the rest of a line goes to textwrap.
//!
//! A line is cut into stretches where a break is certain whatever surrounds it: after spaces,
//! before an ASCII letter or digit, when the last character before the spaces is a plain one
//! too (no rule of UAX #14 looks across such a place, which a proptest over mixed text checks).

use textwrap::WordSeparator;
use textwrap::core::Word;

/// The line-breaking class of a plain byte; any other byte has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// ASCII letters (AL).
    Letter,
    /// ASCII digits (NU).
    Digit,
    /// The space (SP).
    Space,
    /// `.` `,` `:` `;` (IS, infix separators).
    Infix,
    /// `!` `?` (EX).
    Exclamation,
    /// `'` `"` (QU, quotation marks that open or close).
    Quote,
}

/// The class of each byte value.
const CLASSES: [Option<Class>; 256] = {
    let mut table = [None; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Some(Class::Letter),
            b'0'..=b'9' => Some(Class::Digit),
            b' ' => Some(Class::Space),
            b'.' | b',' | b':' | b';' => Some(Class::Infix),
            b'!' | b'?' => Some(Class::Exclamation),
            b'\'' | b'"' => Some(Class::Quote),
            _ => None,
        };
        b += 1;
    }
    table
};

fn class(b: u8) -> Option<Class> {
    CLASSES[usize::from(b)]
}

/// Whether a line may break between `before` and `at`, by the rules of UAX #14 that concern
/// these classes, in their order (as icu_segmenter applies them: a space does not let a line
/// break before an infix separator even when a digit follows).
fn may_break(before: Class, at: Class) -> bool {
    use Class::*;
    match (before, at) {
        // LB7: never before a space.
        (_, Space) => false,
        // LB13: never before `!` `?` or an infix separator.
        (_, Exclamation | Infix) => false,
        // LB18: after spaces.
        (Space, _) => true,
        // LB19: never next to a quotation mark.
        (Quote, _) | (_, Quote) => false,
        // LB29: an infix separator holds to the letter after it; LB25 does not hold it to a
        // digit unless a number comes before.
        (Infix, Letter) => false,
        (Infix, Digit) => false,
        // LB23, LB28, LB25: letters and digits hold together.
        (Letter | Digit, Letter | Digit) => false,
        // LB31: anywhere else.
        _ => true,
    }
}

/// The words of `line` (each with its trailing spaces) as textwrap's
/// `WordSeparator::UnicodeBreakProperties` finds them, in one pass over its bytes: plain
/// stretches are cut into words as they are read, and a stretch found to hold another byte
/// is handed whole to textwrap.
pub fn find_words(line: &str) -> Vec<Word<'_>> {
    if line.ends_with(['-', '\u{ad}']) {
        // textwrap takes the last place a line may break for the line's end, which a final
        // hyphen hides, and so drops the real last one: such a line is left to it whole.
        return WordSeparator::UnicodeBreakProperties
            .find_words(line)
            .collect();
    }
    let b = line.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6 + 1);
    let mut stretch = Stretch::at(0, 0);
    let mut before: Option<Class> = None;
    // Whether the last byte that is not a space is plain (false before any).
    let mut plain_before_spaces = false;
    for (i, &byte) in b.iter().enumerate() {
        let at = class(byte);
        let starts_word = matches!(at, Some(Class::Letter | Class::Digit));
        if starts_word && before == Some(Class::Space) && plain_before_spaces {
            stretch.end(line, i, &mut out);
            stretch = Stretch::at(i, out.len());
        } else if let (Some(x), Some(y), true) = (before, at, stretch.plain)
            && i > stretch.start
            && may_break(x, y)
        {
            out.push(Word::from(&line[stretch.word..i]));
            stretch.word = i;
        }
        stretch.plain &= at.is_some();
        if at != Some(Class::Space) {
            plain_before_spaces = at.is_some();
        }
        before = at;
    }
    stretch.end(line, b.len(), &mut out);
    out
}

/// The stretch being read: where it and its current word start, how many words came before
/// it, and whether every byte of it so far is plain.
struct Stretch {
    start: usize,
    word: usize,
    words_before: usize,
    plain: bool,
}

impl Stretch {
    fn at(start: usize, words_before: usize) -> Self {
        Self {
            start,
            word: start,
            words_before,
            plain: true,
        }
    }

    /// Ends the stretch at `end`: its last word, or, if it was not plain, textwrap's words of
    /// the whole stretch in place of those found in it.
    fn end<'a>(&self, line: &'a str, end: usize, out: &mut Vec<Word<'a>>) {
        if self.start >= end {
            return;
        }
        if self.plain {
            out.push(Word::from(&line[self.word..end]));
        } else {
            out.truncate(self.words_before);
            out.extend(WordSeparator::UnicodeBreakProperties.find_words(&line[self.start..end]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn textwrap_words(s: &str) -> Vec<Word<'_>> {
        WordSeparator::UnicodeBreakProperties
            .find_words(s)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn plain_text_breaks_where_textwrap_breaks(s in "[aZ9 .,:;!?'\"]{0,12}") {
            prop_assert_eq!(find_words(&s), textwrap_words(&s));
        }

        #[test]
        fn mixed_text_breaks_where_textwrap_breaks(
            s in "[aZ9 .,:;!?'\"()\\[\\]/%$+#&*=<>@_|~`{}\\-é’“”«»—–…\u{a0}\u{301}日]{0,14}"
        ) {
            prop_assert_eq!(find_words(&s), textwrap_words(&s));
        }

        /// Words, spaces and single marks strung together, so that a mark is often followed
        /// by spaces and a word: the places where a break depends on what came before.
        #[test]
        fn words_after_marks_and_spaces_break_where_textwrap_breaks(
            pieces in proptest::collection::vec(
                prop_oneof![
                    "[aZ9]{1,3}",
                    " {1,2}",
                    "[(\\[{“«‘\"'—–…/\\-.,:;!?)\\]}”»’%$+#&é\u{a0}\u{301}日]",
                ],
                0..12,
            )
        ) {
            let s = pieces.concat();
            prop_assert_eq!(find_words(&s), textwrap_words(&s));
        }
    }
}
