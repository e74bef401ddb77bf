//! Hostile input for the loader's sanitiser: terminal control sequences, bidi overrides, C1
//! controls, binary-looking junk (never NUL), very long words, and demanding scripts.

use super::prng::Rng;
use super::vocab::Vocab;

/// Where a raw fragment goes when the article is written to a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Title,
    /// Appended to paragraph `n`.
    Paragraph(usize),
}

/// A raw fragment spliced into the file, never into the clean text.
#[derive(Clone, Debug)]
pub struct Fragment {
    pub place: Place,
    pub bytes: Vec<u8>,
}

/// Control sequences and junk for one hostile article with `paragraphs` paragraphs.
pub fn fragments(rng: &mut Rng, vocab: &Vocab, paragraphs: usize) -> Vec<Fragment> {
    let mut out = Vec::new();
    if rng.chance(0.5) {
        let bytes = rng.pick(&vocab.hostile.controls).as_bytes().to_vec();
        out.push(Fragment {
            place: Place::Title,
            bytes,
        });
    }
    let n = rng.range(2, 6);
    for _ in 0..n {
        let bytes = if rng.chance(0.25) {
            junk(rng)
        } else {
            let mut b = b" ".to_vec();
            b.extend_from_slice(rng.pick(&vocab.hostile.controls).as_bytes());
            b.extend_from_slice(b" ");
            b
        };
        out.push(Fragment {
            place: Place::Paragraph(rng.below(paragraphs.max(1))),
            bytes,
        });
    }
    out
}

/// 64 to 512 bytes that look binary: any byte but NUL, so often invalid UTF-8.
pub fn junk(rng: &mut Rng) -> Vec<u8> {
    let n = rng.range(64, 512);
    let mut out = Vec::with_capacity(n + 2);
    out.push(b' ');
    for _ in 0..n {
        out.push(1 + rng.below(255) as u8);
    }
    out.push(b' ');
    out
}

/// A "word" of 2,000 to 20,000 characters with no space: a pasted token, URL or hash.
pub fn long_word(rng: &mut Rng, vocab: &Vocab) -> String {
    let target = rng.range(2_000, 20_000);
    let mut word = String::with_capacity(target + 8);
    word.push_str(if rng.chance(0.5) {
        "https://cdn.example/"
    } else {
        ""
    });
    while word.len() < target {
        word.push_str(rng.pick(&vocab.syllables).as_str());
    }
    word
}

/// A sentence in other scripts, emoji or combining marks (legitimate text, hard to lay out).
pub fn exotic(rng: &mut Rng, vocab: &Vocab) -> String {
    format!("{}.", rng.pick(&vocab.hostile.exotic))
}
