//! Per-thread working memory of a query, reused from one passage to the next so that answering
//! a passage allocates almost nothing: a "seen" mark per passage and a set of the asked passage's
//! words.

use std::cell::RefCell;

#[derive(Default)]
pub(super) struct Scratch {
    /// `stamp[id] == round` when passage `id` is already a candidate of the current query.
    stamp: Vec<u32>,
    round: u32,
    /// Entity and kind shares gathered so far by each candidate (valid when stamped).
    acc: Vec<f32>,
    /// Open-addressing set of word hashes (never 0; 0 marks an empty slot).
    slots: Vec<u32>,
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
    /// Starts a query over an index of `passages` passages: nothing is seen yet.
    pub fn begin(&mut self, passages: usize) {
        if self.stamp.len() != passages {
            self.stamp = vec![0; passages];
            self.acc = vec![0.0; passages];
            self.round = 0;
        }
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.fill(0);
            self.round = 1;
        }
    }

    /// True when `id` is already a candidate of this query.
    pub fn seen(&self, id: u32) -> bool {
        self.stamp.get(id as usize) == Some(&self.round)
    }

    /// Makes `id` a candidate with `share` gathered; false if it already was one.
    pub fn visit(&mut self, id: u32, share: f32) -> bool {
        match (
            self.stamp.get_mut(id as usize),
            self.acc.get_mut(id as usize),
        ) {
            (Some(s), Some(a)) if *s != self.round => {
                *s = self.round;
                *a = share;
                true
            }
            _ => false,
        }
    }

    /// Adds `share` to candidate `id`.
    pub fn add(&mut self, id: u32, share: f32) {
        if let Some(a) = self.acc.get_mut(id as usize) {
            *a += share;
        }
    }

    /// What candidate `id` gathered.
    pub fn gathered(&self, id: u32) -> f32 {
        self.acc.get(id as usize).copied().unwrap_or(0.0)
    }

    /// Makes `words` the set that [`Scratch::has_word`] answers for.
    pub fn set_words(&mut self, words: impl ExactSizeIterator<Item = u32>) {
        let size = (words.len() * 2).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(size, 0);
        let mask = size - 1;
        for w in words {
            let mut i = w as usize & mask;
            while self.slots[i] != 0 && self.slots[i] != w {
                i = (i + 1) & mask;
            }
            self.slots[i] = w;
        }
    }

    pub fn has_word(&self, w: u32) -> bool {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = w as usize & mask;
        loop {
            match self.slots.get(i) {
                Some(&s) if s == w => return true,
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
    fn passages_are_seen_once_per_query() {
        let mut s = Scratch::default();
        s.begin(4);
        assert!(s.visit(2, 1.0));
        assert!(!s.visit(2, 1.0));
        s.add(2, 0.5);
        assert!(s.seen(2) && !s.seen(1));
        assert_eq!(s.gathered(2), 1.5);
        assert!(!s.visit(9, 1.0), "out of range is never a candidate");
        s.begin(4);
        assert!(!s.seen(2));
        assert!(s.visit(2, 0.25));
        assert_eq!(s.gathered(2), 0.25);
    }

    #[test]
    fn the_word_set_holds_exactly_its_words() {
        let mut s = Scratch::default();
        let words: Vec<u32> = (1..=20u32).map(|i| i.wrapping_mul(0x9e37_79b9)).collect();
        s.set_words(words.iter().copied());
        assert!(words.iter().all(|&w| s.has_word(w)));
        assert!(!s.has_word(12345));
        s.set_words(std::iter::empty());
        assert!(!s.has_word(words[0]));
    }
}
