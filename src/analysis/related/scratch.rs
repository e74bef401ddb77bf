//! Per-thread working memory of a query, reused from one passage to the next: the set of the
//! asked passage's words (ids), and the lists a query builds on its way to its results, so that
//! a query allocates nothing but its results.

use std::cell::RefCell;

#[derive(Default)]
pub(super) struct Scratch {
    /// The lists of the query under way (each emptied by the step that fills it).
    pub lists: Lists,
    /// Open-addressing set of the words' keys ([`key`]: never 0; 0 marks an empty slot).
    slots: Vec<u32>,
    /// One bit per value of a key's top bits, set for the words of the set: most words of a
    /// candidate are not the asked passage's, and this answers them without a probe.
    filter: [u64; FILTER_WORDS],
}

const FILTER_WORDS: usize = 16;

/// The working lists of one query (see `query.rs` for what each holds). Kept with their
/// capacity from one query to the next: a query of the extract made about a dozen allocations
/// before its results, which on a large corpus cost more than their share (the allocator's
/// free lists grow with the heap).
#[derive(Default)]
pub(super) struct Lists {
    /// Each entity's share of the asked passage.
    pub entity_shares: Vec<f32>,
    /// The asked passage's entities and kinds with their postings' length and share.
    pub features: Vec<(usize, Feature, f32)>,
    /// Those whose postings are too long to bring candidates.
    pub common: Vec<Feature>,
    /// The candidates (id, gathered share), ascending, and a second list to merge into.
    pub pool: Vec<(u32, f32)>,
    pub merged: Vec<(u32, f32)>,
    /// The passages nearest to the asked one in the postings of the common features, and the
    /// bitmap they are sorted with.
    pub near: Vec<u32>,
    pub bits: Vec<u64>,
    /// The candidates' rank keys, then those of the best of them, in rank order.
    pub ranked: Vec<u128>,
    /// The best scored so far (score, id).
    pub best: Vec<(f32, u32)>,
    /// The entities a result shares with the asked passage.
    pub shared: Vec<u32>,
}

/// An entity (its corpus id) or an event kind (its bit) of the asked passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Feature {
    Entity(u32),
    Kind(usize),
}

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
