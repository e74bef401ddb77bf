//! Displayed text is made safe: control characters, C1 controls and bidirectional overrides become
//! visible stand-ins *of the same byte length*, so spans from the analysis still line up.
//! Widths and truncation are in terminal cells; the case-insensitive search is [`Matcher`].

mod search;

pub use search::{Matcher, find_all};
use unicode_width::UnicodeWidthStr;

/// True for characters that must never reach the terminal as they are.
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True for a byte of printable ASCII, the space included: one character, one cell, never
/// hostile.
pub fn is_printable_ascii(b: u8) -> bool {
    (b' '..=b'~').contains(&b)
}

/// A stand-in of the same UTF-8 length as `c`.
fn stand_in(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => ' ',
        _ => match c.len_utf8() {
            1 => '?',
            2 => '¿',
            3 => '\u{FFFD}',
            _ => '\u{1F6AB}',
        },
    }
}

/// The text with hostile characters replaced, byte offsets preserved. Runs of printable ASCII,
/// most of a body, are copied whole; other characters are looked at one by one.
pub fn sanitize_same_len(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let printable = bytes[i..].iter().take_while(|&&b| is_printable_ascii(b));
        let run = i + printable.count();
        out.push_str(&text[i..run]);
        i = run;
        if let Some(c) = text[i..].chars().next() {
            out.push(if is_hostile(c) { stand_in(c) } else { c });
            i += c.len_utf8();
        }
    }
    out
}

/// One display line: hostile characters replaced, whitespace runs collapsed to one space.
pub fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = if is_hostile(c) { stand_in(c) } else { c };
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Display width in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Letters, digits and `_` (event kinds are written `armed_clash`) make words.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Cuts `text` to at most `max` cells, ending with "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    let mut cut_inside_word = false;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            cut_inside_word = in_word(c);
            break;
        }
        out.push(c);
        w += cw;
    }
    // names shorten at a word's end ("Malian Armed…", not "Malian Armed Fo…") when that keeps
    // at least half the room
    if cut_inside_word
        && let Some(end) = out.rfind(|c: char| !in_word(c))
        && width(&out[..end]) * 2 >= max
    {
        out.truncate(end);
        // an arrow stays: "Mali →…" says a target follows
        let kept = out.trim_end_matches([' ', ',', '·', '-', '/']).len();
        out.truncate(kept);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_shorten_at_a_word_end_when_that_keeps_half_the_room() {
        assert_eq!(truncate("Malian Armed Forces", 16), "Malian Armed…");
        assert_eq!(
            truncate("Algeria → Malian Armed Forces", 22),
            "Algeria → Malian…"
        );
        // a single long word is cut inside: nothing else would show
        assert_eq!(truncate("Tinzaouatène", 6), "Tinza…");
        // a cut at a word's end already keeps the word whole
        assert_eq!(truncate("Mali and Algeria", 9), "Mali and…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("armed_clash", 10), "armed_cla…");
    }

    proptest::proptest! {
        #[test]
        fn sanitising_replaces_each_hostile_character_in_place(
            s in "[a-z .\n\t\r\u{1b}\u{7f}\u{9b}\u{202e}\u{2066}\u{200f}\u{61c}é日🚫]{0,40}"
        ) {
            let want: String = s
                .chars()
                .map(|c| if is_hostile(c) { stand_in(c) } else { c })
                .collect();
            proptest::prop_assert_eq!(sanitize_same_len(&s), want);
        }
    }

    #[test]
    fn sanitising_keeps_offsets_and_removes_escapes() {
        let hostile = "a\u{1b}[2Jb\u{9b}c\u{202e}d\te";
        let clean = sanitize_same_len(hostile);
        assert_eq!(clean.len(), hostile.len());
        assert!(!clean.chars().any(is_hostile));
        assert!(clean.starts_with("a?[2Jb"));
        assert_eq!(clean_line("  x\n\n y\u{7}  "), "x y?");
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("armed_clash", 10), "armed_cla…");
        assert!(width(&truncate("abcdefghij", 4)) <= 4);
    }

    #[test]
    fn search_is_case_insensitive_with_byte_spans() {
        let hay = "Mali and MALI, Malian; Ünïcode ünïcode";
        assert_eq!(find_all(hay, "mali").len(), 3);
        let hits = find_all(hay, "ÜNÏCODE");
        assert_eq!(hits.len(), 2);
        assert_eq!(&hay[hits[1].0..hits[1].1], "ünïcode");
        assert!(find_all(hay, "").is_empty());
        assert!(find_all(hay, "zzz").is_empty());
    }
}
