//! The words of a passage: runs of letters and digits, lowercased, stop words and short words
//! dropped, each kept as a 32-bit hash (no string is allocated per word).

use super::config::RelatedConfig;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that already are well-mixed 64-bit hashes: it passes them through.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = mix(u64::from(n));
    }
}

pub(super) type PassThroughBuild = BuildHasherDefault<PassThrough>;

/// Murmur3's 64-bit finaliser: spreads every input bit over the whole word. Never 0, which
/// marks an empty slot in word tables.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    (h ^ (h >> 33)).max(1)
}

/// Each ASCII letter and digit lowercased, 0 for every other byte: a word's run of ASCII is
/// read with one load per byte.
static ASCII_WORD: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// One word being read.
#[derive(Default)]
struct Word {
    hash: u64,
    chars: usize,
    digits_only: bool,
}

/// A word's running hash after one more (lowercased) byte.
fn hash_step(hash: u64, b: u8) -> u64 {
    (hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

impl Word {
    fn push_byte(&mut self, b: u8) {
        self.hash = hash_step(self.hash, b);
    }

    /// Reads the run of ASCII letters and digits at the start of `bytes`, as
    /// [`Word::push_char`] one after the other would, and returns its length.
    fn push_ascii_run(&mut self, bytes: &[u8]) -> usize {
        if self.chars == 0 {
            self.digits_only = true;
        }
        let (mut hash, mut digits, mut n) = (self.hash, self.digits_only, 0);
        for &b in bytes {
            let lower = ASCII_WORD[usize::from(b)];
            if lower == 0 {
                break;
            }
            hash = hash_step(hash, lower);
            digits &= b <= b'9';
            n += 1;
        }
        self.hash = hash;
        self.digits_only = digits;
        self.chars += n;
        n
    }

    fn push_char(&mut self, c: char) {
        if self.chars == 0 {
            self.digits_only = true;
        }
        self.chars += 1;
        self.digits_only &= c.is_ascii_digit();
        if c.is_ascii() {
            self.push_byte(c.to_ascii_lowercase() as u8);
        } else {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    self.push_byte(b);
                }
            }
        }
    }
}

/// Calls `f` with the hash, the length in characters and whether it is all digits, for each word
/// of `text`. Runs of ASCII letters and digits (most of most text) are read a run at a time;
/// other characters one at a time.
fn each_word(text: &str, mut f: impl FnMut(u64, usize, bool)) {
    let bytes = text.as_bytes();
    let mut word = Word::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ASCII_WORD[usize::from(b)] != 0 {
            i += word.push_ascii_run(&bytes[i..]);
            continue;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => (' ', 1),
            }
        };
        i += len;
        if c.is_alphanumeric() {
            word.push_char(c);
        } else if word.chars > 0 {
            f(mix(word.hash), word.chars, word.digits_only);
            word = Word::default();
        }
    }
    if word.chars > 0 {
        f(mix(word.hash), word.chars, word.digits_only);
    }
}

/// A word's 64-bit hash folded to the 32 bits the index keeps (never 0). Two words of a corpus
/// share one only by a 1-in-4-billion chance per pair, and then merely count as one word.
fn short(h: u64) -> u32 {
    ((h ^ (h >> 32)) as u32).max(1)
}

/// The hash of a single lowercase word, as [`Words::count`] computes it.
#[cfg(test)]
pub(super) fn hash_word(word: &str) -> Option<u32> {
    let mut out = None;
    each_word(word, |h, _, _| out = Some(short(h)));
    out
}

/// Turns passages into counted word hashes.
pub(super) struct Words {
    stop: HashSet<u64, PassThroughBuild>,
    min_len: usize,
    numbers: bool,
}

impl Words {
    pub fn new(config: &RelatedConfig) -> Self {
        let mut stop = HashSet::default();
        for w in config.stop_words() {
            each_word(w, |h, _, _| {
                stop.insert(h);
            });
        }
        Self {
            stop,
            min_len: config.words.min_len,
            numbers: config.words.numbers,
        }
    }

    /// The distinct kept words of `text` sorted by hash with their counts, and how many words
    /// were kept in all.
    pub fn count(&self, text: &str) -> (Vec<(u32, u32)>, u32) {
        // A word and its separator take at least two bytes: sized once, never grown.
        let mut hashes = Vec::with_capacity(text.len() / 2 + 1);
        each_word(text, |h, chars, digits| {
            if chars >= self.min_len && (self.numbers || !digits) && !self.stop.contains(&h) {
                hashes.push(short(h));
            }
        });
        let total = u32::try_from(hashes.len()).unwrap_or(u32::MAX);
        hashes.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(hashes.len());
        for h in hashes {
            match out.last_mut() {
                Some((last, n)) if *last == h => *n += 1,
                _ => out.push((h, 1)),
            }
        }
        (out, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words::new(&RelatedConfig::builtin().expect("config"))
    }

    #[test]
    fn words_are_lowercased_and_stop_words_short_words_and_numbers_dropped() {
        let (counts, total) = words().count("The drone, THE Drone and a drone: 12 drones, é.");
        assert_eq!(total, 4);
        let drone = hash_word("drone").unwrap();
        let drones = hash_word("drones").unwrap();
        let mut expected = vec![(drone, 3), (drones, 1)];
        expected.sort_unstable();
        assert_eq!(counts, expected);
    }

    #[test]
    fn accented_and_non_latin_words_are_words() {
        let (counts, total) = words().count("SÉVARÉ, Sévaré; Тесса — 北京");
        assert_eq!(total, 4);
        assert!(counts.contains(&(hash_word("sévaré").unwrap(), 2)));
        assert!(counts.contains(&(hash_word("тесса").unwrap(), 1)));
    }

    /// The definition, one character at a time: (hash, characters, all digits) per word.
    fn reference(text: &str) -> Vec<(u64, usize, bool)> {
        let mut out = Vec::new();
        let mut word = Word::default();
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.push_char(c);
            } else if word.chars > 0 {
                out.push((mix(word.hash), word.chars, word.digits_only));
                word = Word::default();
            }
        }
        if word.chars > 0 {
            out.push((mix(word.hash), word.chars, word.digits_only));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_runs_agree_with_the_definition(
            text in "[a-zA-Z0-9 .,'\\-:!\n\u{301}éÉßİ٣²’—Тесса北]{0,40}"
        ) {
            let mut got = Vec::new();
            each_word(&text, |h, chars, digits| got.push((h, chars, digits)));
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_words() {
        assert_eq!(words().count(""), (Vec::new(), 0));
        assert_eq!(words().count(" -- ... !! "), (Vec::new(), 0));
    }
}
