//! Per-thread working memory of a query, reused from one passage to the next: the set of the
//! asked passage's words (ids).

use std::cell::RefCell;

#[derive(Default)]
pub(super) struct Scratch {
    /// Open-addressing set of the words' keys ([`key`]: never 0; 0 marks an empty slot).
    slots: Vec<u32>,
    /// One bit per value of a key's top bits, set for the words of the set: most words of a
    /// candidate are not the asked passage's, and this answers them without a probe.
    filter: [u64; FILTER_WORDS],
}

const FILTER_WORDS: usize = 16;

/// A word id spread over all 32 bits (ids are dense, from 0): odd multiplication is one-to-one,
/// so two ids never share a key, and only id `u32::MAX` (never reached) would give 0.
fn key(id: u32) -> u32 {
    id.wrapping_add(1).wrapping_mul(0x9e37_79b9)
}

/// The filter bit of key `k`: its top 10 bits (the slots use the low ones).
fn filter_bit(k: u32) -> (usize, u64) {
    let bit = (k >> 22) as usize;
    (bit / 64 % FILTER_WORDS, 1 << (bit % 64))
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch.
pub(super) fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        // Only reachable if a query ever ran inside another on one thread.
        Err(_) => f(&mut Scratch::default()),
    })
}

impl Scratch {
    /// Makes `words` (ids) the set that [`Scratch::has_word`] answers for.
    pub fn set_words(&mut self, words: impl ExactSizeIterator<Item = u32>) {
        let size = (words.len() * 2).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(size, 0);
        let mask = size - 1;
        self.filter = [0; FILTER_WORDS];
        for w in words {
            let k = key(w);
            let (word, bit) = filter_bit(k);
            self.filter[word] |= bit;
            let mut i = k as usize & mask;
            while self.slots[i] != 0 && self.slots[i] != k {
                i = (i + 1) & mask;
            }
            self.slots[i] = k;
        }
    }

    pub fn has_word(&self, w: u32) -> bool {
        let k = key(w);
        let (word, bit) = filter_bit(k);
        if self.filter[word] & bit == 0 {
            return false;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = k as usize & mask;
        loop {
            match self.slots.get(i) {
                Some(&s) if s == k => return true,
                Some(&0) | None => return false,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_set_holds_exactly_its_words() {
        let mut s = Scratch::default();
        let words: Vec<u32> = (0..20u32).map(|i| i * 7).collect();
        s.set_words(words.iter().copied());
        assert!(words.iter().all(|&w| s.has_word(w)));
        assert!((0..200).filter(|w| w % 7 != 0).all(|w| !s.has_word(w)));
        assert!(!s.has_word(12345));
        s.set_words(std::iter::empty());
        assert!(!s.has_word(words[0]));
    }
}
