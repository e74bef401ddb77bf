//! Terminal safety: the one pure function that every displayed string passes through at load time.
//!
//! [`sanitize`] removes what could drive or confuse a terminal:
//! - C0 controls except newline, DEL, and C1 controls (U+0080 to U+009F);
//! - whole escape sequences: CSI (`ESC [` and 8-bit U+009B), OSC (`ESC ]`, U+009D), DCS (`ESC P`,
//!   U+0090), SOS (`ESC X`, U+0098), PM (`ESC ^`, U+009E), APC (`ESC _`, U+009F), and the short
//!   two- or three-byte escapes (`ESC 7`, `ESC ( B`, ...);
//! - bidirectional controls (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C).
//!
//! Removal versus replacement: removed characters are invisible on a terminal anyway, so removing
//! them shows the text as the author's reader saw it. Controls that *act as spacing* are replaced
//! by a space instead, so that removal never glues two words: TAB, VT, FF and NEL (U+0085). A CR
//! before LF is dropped and a lone CR becomes LF. Zero-width joiners (U+200D, inside emoji
//! sequences) and all other printable text are kept untouched.
//!
//! String sequences (OSC, DCS, SOS, PM, APC) end at BEL or ST (`ESC \` or U+009C). An unterminated
//! one would swallow everything on a terminal; here it is cut only up to the end of its line, so
//! the rest of the text survives. An unterminated CSI loses its introducer and parameter bytes.
//!
//! The output never holds any of the characters above, a second pass changes nothing, and no input
//! makes it panic (property-tested).
//!
//! One-line fields (ids, titles, sources, names) go through [`sanitize_line`], which turns
//! newlines into spaces as well: a name can then never start a line of its own, forge a message
//! on stderr or split a table row. Paths in messages go through [`display_path`], which shows
//! what it removes as escapes (`\n`, `\u{1b}`), so the file can still be found.

use super::chunked::any_found;
use std::path::Path;

/// [`sanitize`] for an owned string: handed back as it is, without a copy, when there is
/// nothing to remove (nearly every article body).
pub fn sanitize_owned(text: String) -> String {
    if any_needs_work(&text) {
        sanitize(&text)
    } else {
        text
    }
}

/// Returns `text` with controls, escape sequences and bidi controls removed (see module docs).
pub fn sanitize(text: &str) -> String {
    if !any_needs_work(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.get(i) != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' => out.push(' '),
            '\u{1B}' => i = skip_escape(&chars, i),
            '\u{9B}' => i = skip_csi_body(&chars, i),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => i = skip_string(&chars, i),
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`] for a one-line field: newlines become spaces too.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    if clean.contains('\n') {
        clean.replace('\n', " ")
    } else {
        clean
    }
}

/// A path as a message shows it: on one line, each character [`sanitize`] would remove, and
/// newline, written as its escape instead.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || is_forbidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// True for a character that [`sanitize`] never lets through.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi(c)
}

/// Whether any character of `text` [`needs_work`], read on the bytes (the common case, clean
/// text, is then a plain scan): ASCII controls but newline and DEL, C1 controls (0xC2 0x80 to
/// 0xC2 0x9F), U+061C (0xD8 0x9C), U+200E, U+200F and U+202A to U+202E (0xE2 0x80 ..), U+2066 to
/// U+2069 (0xE2 0x81 ..).
fn any_needs_work(text: &str) -> bool {
    let b = text.as_bytes();
    any_found(
        b,
        |from, to| is_plain(&b[from..to]),
        |from, to| needs_work_in(b, from, to),
    )
}

/// True when every byte is printable ASCII or a newline: nothing there needs work. Most chunks
/// of most texts are, and this test, one comparison per byte and no branch, runs on many bytes
/// per instruction.
fn is_plain(chunk: &[u8]) -> bool {
    chunk.iter().fold(true, |plain, &c| {
        plain & ((0x20..0x7F).contains(&c) | (c == b'\n'))
    })
}

/// Whether a character starting at one of the bytes `from..to` of `b` needs work.
fn needs_work_in(b: &[u8], from: usize, to: usize) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    (from..to).any(|i| match at(i) {
        b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xD8 => at(i + 1) == 0x9C,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8E | 0x8F | 0xAA..=0xAE),
            0x81 => (0xA6..=0xA9).contains(&at(i + 2)),
            _ => false,
        },
        _ => false,
    })
}

/// The rule [`any_needs_work`] reads on the bytes, character by character.
#[cfg(test)]
fn needs_work(c: char) -> bool {
    c != '\n' && (c.is_control() || is_bidi(c))
}

fn is_removed(c: char) -> bool {
    is_forbidden(c)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `i` points just after an ESC; returns the index after the whole sequence.
fn skip_escape(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some('[') => skip_csi_body(chars, i + 1),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars, i + 1),
        Some(&c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            // nF escape: intermediates then one final byte.
            let mut j = i;
            while chars
                .get(j)
                .is_some_and(|c| ('\u{20}'..='\u{2F}').contains(c))
            {
                j += 1;
            }
            match chars.get(j) {
                Some(c) if ('\u{30}'..='\u{7E}').contains(c) => j + 1,
                _ => j,
            }
        }
        Some(&c) if ('\u{30}'..='\u{7E}').contains(&c) => i + 1,
        _ => i,
    }
}

/// `i` points after a CSI introducer: parameters, intermediates, then one final byte.
fn skip_csi_body(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while chars
        .get(j)
        .is_some_and(|c| ('\u{30}'..='\u{3F}').contains(c))
    {
        j += 1;
    }
    while chars
        .get(j)
        .is_some_and(|c| ('\u{20}'..='\u{2F}').contains(c))
    {
        j += 1;
    }
    match chars.get(j) {
        Some(c) if ('\u{40}'..='\u{7E}').contains(c) => j + 1,
        _ => j,
    }
}

/// `i` points after a string introducer: skip to BEL or ST, or stop before the end of the line.
fn skip_string(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while let Some(&c) = chars.get(j) {
        match c {
            '\u{07}' | '\u{9C}' => return j + 1,
            '\u{1B}' if chars.get(j + 1) == Some(&'\\') => return j + 2,
            '\n' => return j,
            _ => j += 1,
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_byte_check_agrees_with_the_character_rule_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(any_needs_work(&text), needs_work(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn plain_text_is_untouched() {
        let s = "Mali – Algérie: « tensions » 🇲🇱 👩‍👩‍👧 مرحبا 中文\nline two";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn csi_and_osc_sequences_go_whole() {
        assert_eq!(sanitize("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(sanitize("x\x1b]0;evil title\x07y"), "xy");
        assert_eq!(
            sanitize("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("x\x1bPq#0;2;0;0;0\x1b\\y"), "xy");
    }

    #[test]
    fn unterminated_sequences_stop_at_line_end() {
        assert_eq!(sanitize("a\x1b]0;never ends\nnext line"), "a\nnext line");
        assert_eq!(sanitize("tail\x1b["), "tail");
        assert_eq!(sanitize("tail\x1b"), "tail");
    }

    #[test]
    fn bidi_and_controls_removed_spacing_kept() {
        assert_eq!(sanitize("abc\u{202E}fed\u{202C}"), "abcfed");
        assert_eq!(sanitize("a\tb\u{0C}c\u{85}d"), "a b c d");
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(sanitize("a\u{7F}\u{0}\u{1}b\u{9C}"), "ab");
    }

    #[test]
    fn a_forged_message_in_a_file_name_stays_on_its_line() {
        let name = "x\nsitrep: no article could be loaded\n\x1b]0;PWNED\x07";
        assert_eq!(sanitize_line(name), "x sitrep: no article could be loaded ");
        assert_eq!(
            display_path(Path::new(name)),
            "x\\nsitrep: no article could be loaded\\n\\u{1b}]0;PWNED\\u{7}"
        );
    }

    #[test]
    fn zwj_in_emoji_stays() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(sanitize(family), family);
    }

    fn nasty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\x1b", "[", "]", "P", "\\", "\x07", "\u{9b}", "\u{9c}", "\u{9d}", "\u{90}", "\u{85}",
            "\u{202e}", "\u{2066}", "\u{200f}", "\u{61c}", "\u{200d}", "\r", "\n", "\t", "\u{7f}",
            "m", "0", ";", "a", " ", "é", "🇲🇱", "\u{0}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn the_chunked_check_agrees_with_the_character_rule_on_long_texts(
            parts in proptest::collection::vec(
                prop_oneof![
                    8 => "[ -~\n]{0,40}",
                    1 => Just("\u{1B}[1m".to_string()),
                    1 => Just("\u{202E}".to_string()),
                    1 => Just("\u{85}é\t".to_string()),
                    1 => Just("\u{61C}€\u{2069}".to_string()),
                    1 => Just("\u{7F}".to_string()),
                    1 => Just("\u{0}".to_string()),
                    1 => "\\PC{0,3}",
                ],
                0..12,
            ),
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(any_needs_work(&text), text.chars().any(needs_work), "{:?}", text);
        }
        #[test]
        fn output_is_clean_and_idempotent(s in any::<String>()) {
            let once = sanitize(&s);
            prop_assert!(!once.chars().any(is_forbidden));
            prop_assert_eq!(sanitize(&once), once);
        }

        #[test]
        fn escape_soup_is_clean_and_idempotent(s in nasty()) {
            let once = sanitize(&s);
            prop_assert!(!once.chars().any(is_forbidden), "{:?} -> {:?}", s, once);
            prop_assert_eq!(sanitize(&once), once);
        }

        #[test]
        fn one_line_fields_hold_no_control_nor_newline(s in nasty()) {
            let once = sanitize_line(&s);
            prop_assert!(!once.chars().any(|c| c.is_control() || is_forbidden(c)), "{:?}", once);
            prop_assert_eq!(sanitize_line(&once), once);
        }

        #[test]
        fn paths_show_escapes_on_one_line(s in nasty()) {
            let shown = display_path(Path::new(&s));
            prop_assert!(!shown.chars().any(|c| c.is_control() || is_forbidden(c)), "{:?}", shown);
            prop_assert_eq!(display_path(Path::new(&shown)), shown);
        }

        #[test]
        fn the_owned_form_sanitises_alike(s in nasty()) {
            prop_assert_eq!(sanitize_owned(s.clone()), sanitize(&s));
        }
    }
}
