//! Terminal input bytes to [`Key`]s. The reader reads its terminal itself (the local one, or any
//! byte stream such as an SSH channel) so that the end of input and read errors are seen and end
//! the session; this decodes what a terminal sends: UTF-8 text, control characters, CSI and SS3
//! sequences for arrows, editing and function keys, and ESC prefixes for Alt.

use super::keymap::Key;
use ratatui::crossterm::event::KeyCode;

/// The longest escape sequence kept while waiting for its end; anything longer is junk.
const MAX_PENDING: usize = 32;

/// Decodes a byte stream into keys; bytes of a sequence split across reads wait for the rest.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

/// What the front of the input holds.
enum Step {
    /// A key (or nothing, for a sequence the reader ignores) and the bytes it took.
    Done(Option<Key>, usize),
    /// The start of a sequence whose end has not arrived.
    Incomplete,
}

impl Decoder {
    /// Decodes `bytes` after what was pending, appending the keys to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Key>) {
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        while at < self.pending.len() {
            match decode(&self.pending[at..]) {
                Step::Done(key, used) => {
                    out.extend(key);
                    at += used.max(1);
                }
                Step::Incomplete if self.pending.len() - at > MAX_PENDING => at += 1,
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
    }

    /// True when the input ends in the start of a sequence: a lone Esc, or a sequence cut by
    /// the read. [`Decoder::flush`] decides after a short pause.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came after a pause: a pending ESC was the Esc key (and what follows it, if
    /// anything, is read as keys of its own).
    pub fn flush(&mut self, out: &mut Vec<Key>) {
        let bytes = std::mem::take(&mut self.pending);
        let Some((&first, rest)) = bytes.split_first() else {
            return;
        };
        if first == 0x1b {
            out.push(Key::plain(KeyCode::Esc));
            self.feed(rest, out);
            // what is still pending now is a cut sequence or text, not a key: drop it
            self.pending.clear();
        }
    }
}

fn decode(b: &[u8]) -> Step {
    match b[0] {
        0x1b => escape(b),
        0x80.. => utf8(b),
        c => Step::Done(Some(control_or_char(c)), 1),
    }
}

/// A single byte below 0x80.
fn control_or_char(c: u8) -> Key {
    match c {
        b'\r' | b'\n' => Key::plain(KeyCode::Enter),
        b'\t' => Key::plain(KeyCode::Tab),
        0x7f | 0x08 => Key::plain(KeyCode::Backspace),
        0 => Key::ctrl(' '),
        0x01..=0x1a => Key::ctrl(char::from(b'a' + c - 1)),
        0x1c..=0x1f => Key::ctrl(char::from(b'4' + c - 0x1c)),
        _ => Key::ch(char::from(c)),
    }
}

fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(None, 1),
    };
    if b.len() < len {
        // a cut character waits for its end unless what came is already not a continuation
        return if b[1..].iter().all(|&x| x & 0xc0 == 0x80) {
            Step::Incomplete
        } else {
            Step::Done(None, 1)
        };
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => Step::Done(s.chars().next().map(Key::ch), len),
        Err(_) => Step::Done(None, 1),
    }
}

/// ESC alone, ESC [ (CSI), ESC O (SS3) or ESC and a key (Alt).
fn escape(b: &[u8]) -> Step {
    match b.get(1) {
        None => Step::Incomplete,
        Some(b'[') => csi(b),
        Some(b'O') => match b.get(2) {
            None => Step::Incomplete,
            Some(&f) => Step::Done(final_key(f).map(Key::plain), 3),
        },
        // ESC ESC: the first was the Esc key
        Some(0x1b) => Step::Done(Some(Key::plain(KeyCode::Esc)), 1),
        Some(_) => match decode(&b[1..]) {
            Step::Done(key, used) => Step::Done(key.map(|k| Key { alt: true, ..k }), used + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

/// `ESC [ params final`: parameters 0x30–0x3f, intermediates 0x20–0x2f, one final 0x40–0x7e.
fn csi(b: &[u8]) -> Step {
    let Some(end) = b[2..].iter().position(|c| (0x40..=0x7e).contains(c)) else {
        // a byte that cannot be in a sequence ends it without a key; one too long is junk
        let inside = 2 + b[2..]
            .iter()
            .take_while(|c| (0x20..=0x3f).contains(*c))
            .count();
        return if inside < b.len() {
            Step::Done(None, inside)
        } else if b.len() > MAX_PENDING {
            Step::Done(None, b.len())
        } else {
            Step::Incomplete
        };
    };
    let used = 2 + end + 1;
    let params = std::str::from_utf8(&b[2..2 + end]).unwrap_or("");
    let mut nums = params.split(';').map(|p| p.parse::<u16>().ok());
    let first = nums.next().flatten();
    let modifier = nums.next().flatten().unwrap_or(1).saturating_sub(1);
    let code = match b[2 + end] {
        b'~' => first.and_then(tilde_key),
        b'Z' => Some(KeyCode::BackTab),
        f => final_key(f),
    };
    let key = code.map(|code| Key {
        code,
        ctrl: modifier & 4 != 0,
        alt: modifier & 2 != 0,
    });
    Step::Done(key, used)
}

/// The key of a CSI or SS3 final byte.
fn final_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// The key of `ESC [ n ~`.
fn tilde_key(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(chunks: &[&[u8]]) -> Vec<String> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        for c in chunks {
            d.feed(c, &mut out);
        }
        d.flush(&mut out);
        out.iter().map(Key::label).collect()
    }

    #[test]
    fn text_controls_and_sequences() {
        assert_eq!(keys(&[b"jG/"]), ["j", "G", "/"]);
        assert_eq!(
            keys(&[b"\r\t\x7f\x0f\x04"]),
            ["Enter", "Tab", "BkSp", "C-o", "C-d"]
        );
        assert_eq!(
            keys(&[b"\x1b[A\x1b[B\x1bOC\x1b[5~\x1b[6~\x1b[Z\x1b[3~\x1b[15~"]),
            ["↑", "↓", "→", "PgUp", "PgDn", "S-Tab", "Del", "F5"]
        );
        assert_eq!(keys(&[b"\x1b[1;5A"]), ["C-↑"]);
        assert_eq!(keys(&["é→".as_bytes()]), ["é", "→"]);
    }

    #[test]
    fn a_lone_escape_is_esc_and_a_prefix_is_alt() {
        assert_eq!(keys(&[b"\x1b"]), ["Esc"]);
        assert_eq!(keys(&[b"\x1bx"]), ["M-x"]);
        assert_eq!(keys(&[b"\x1b\x1b[A"]), ["Esc", "↑"]);
    }

    #[test]
    fn sequences_split_across_reads_wait_for_their_end() {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        d.feed(b"\x1b[", &mut out);
        assert!(out.is_empty() && d.has_pending());
        d.feed(b"6~", &mut out);
        assert_eq!(out, [Key::plain(KeyCode::PageDown)]);
        assert!(!d.has_pending());
        let e = "é".as_bytes();
        d.feed(&e[..1], &mut out);
        d.feed(&e[1..], &mut out);
        assert_eq!(out.last(), Some(&Key::ch('é')));
    }

    #[test]
    fn junk_and_unknown_sequences_give_no_key_and_never_stall() {
        // focus events, mouse reports and a malformed sequence are skipped, the text after kept
        assert_eq!(keys(&[b"\x1b[I\x1b[<0;1;1Mj"]), ["j"]);
        assert_eq!(keys(&[b"\xff\xfej"]), ["j"]);
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', 100));
        assert_eq!(keys(&[&long, b"j"]), ["j"]);
    }
}
