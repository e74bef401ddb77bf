//! The way back from a derived copy of a text (the events' lowercased, whitespace-folded view)
//! to the text's own byte offsets, held as runs: where the copy follows the text byte for byte,
//! as it does over most of an article, one entry stands for the whole run instead of one per
//! byte.

/// Maps each byte position of a copy, and the position just past its end, to a body offset;
/// the offsets never decrease along the copy.
#[derive(Debug, Default)]
pub struct Offsets {
    /// (copy position, body offset) where each run starts; inside a run both step by one.
    runs: Vec<(u32, u32)>,
    /// Positions mapped so far.
    len: u32,
    /// The body offset the next position maps to if it continues the last run.
    next: Option<u32>,
}

impl Offsets {
    /// Maps the next `n` positions of the copy to the body offsets from `at` on, one by one.
    pub fn push_run(&mut self, at: u32, n: u32) {
        if n == 0 {
            return;
        }
        if self.next != Some(at) {
            self.runs.push((self.len, at));
        }
        self.len += n;
        self.next = Some(at + n);
    }

    /// Maps the next `n` positions to the same body offset `at` (the bytes of one character).
    pub fn push_same(&mut self, at: u32, n: u32) {
        for _ in 0..n {
            self.push_run(at, 1);
        }
    }

    /// Number of positions mapped.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The body offset of position `i` of the copy (`i` below [`Offsets::len`]).
    pub fn get(&self, i: usize) -> u32 {
        let k = self.runs.partition_point(|r| r.0 as usize <= i);
        match k.checked_sub(1).map(|k| self.runs[k]) {
            Some((from, at)) => at + (i as u32 - from),
            None => 0,
        }
    }

    /// The first position whose body offset is at least `offset`, [`Offsets::len`] when none
    /// is.
    pub fn first_at_or_after(&self, offset: usize) -> usize {
        let j = self.runs.partition_point(|r| (r.1 as usize) < offset);
        let next_start = |j: usize| self.runs.get(j).map_or(self.len, |r| r.0) as usize;
        if let Some(&(from, at)) = j.checked_sub(1).map(|k| &self.runs[k]) {
            // Every offset of the runs before this one is at most `at`, below `offset`.
            let inside = offset - at as usize;
            if inside < next_start(j) - from as usize {
                return from as usize + inside;
            }
        }
        next_start(j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of a copy: a run of `n` bytes following the body from `skip` bytes past the last
    /// offset (`true`), or the `n` bytes of one character (`false`).
    fn pieces() -> impl Strategy<Value = Vec<(bool, u32, u32)>> {
        proptest::collection::vec((any::<bool>(), 0u32..3, 1u32..5), 0..30)
    }

    proptest! {
        #[test]
        fn runs_agree_with_one_offset_per_position(pieces in pieces()) {
            let (mut runs, mut dense) = (Offsets::default(), Vec::<u32>::new());
            let mut at = 0;
            for (linear, skip, n) in pieces {
                at += skip;
                if linear {
                    runs.push_run(at, n);
                    dense.extend(at..at + n);
                    at += n;
                } else {
                    runs.push_same(at, n);
                    dense.extend(std::iter::repeat_n(at, n as usize));
                    at += 1;
                }
            }
            prop_assert_eq!(runs.len(), dense.len());
            for (i, &want) in dense.iter().enumerate() {
                prop_assert_eq!(runs.get(i), want, "position {}", i);
            }
            for offset in 0..=at as usize + 2 {
                let want = dense.partition_point(|&o| (o as usize) < offset);
                prop_assert_eq!(runs.first_at_or_after(offset), want, "offset {}", offset);
            }
        }
    }
}
