//! Items grouped by a small integer key in one counting sort: each group's items are a slice of
//! one list, where a list per group would cost an allocation each (an article's entities, the
//! timeline's groups).

use std::ops::Range;

/// The indices of items grouped by key: group `g` holds `order[starts[g]..starts[g + 1]]`, its
/// items in their own order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Buckets {
    starts: Vec<u32>,
    order: Vec<u32>,
}

impl Buckets {
    /// Items `0..` grouped into `groups` groups by their keys (item `i`'s key is the `i`-th of
    /// `keys`); an item whose key is `groups` or more is in no group.
    pub fn new(keys: impl Iterator<Item = usize> + Clone, groups: usize) -> Self {
        let mut starts = vec![0u32; groups + 1];
        for k in keys.clone().filter(|&k| k < groups) {
            starts[k + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; starts[groups] as usize];
        for (i, k) in keys.enumerate().filter(|&(_, k)| k < groups) {
            order[next[k] as usize] = i as u32;
            next[k] += 1;
        }
        Self { starts, order }
    }

    /// The places in [`Buckets::order`] of group `g`'s items; empty for a group past the last.
    pub fn range(&self, g: usize) -> Range<usize> {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        }
    }

    /// The indices of every grouped item, group after group.
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// Each group's item indices, in group order.
    pub fn groups(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.order[w[0] as usize..w[1] as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn each_group_holds_the_items_of_its_key_in_their_order(
            keys in proptest::collection::vec(0usize..8, 0..60),
            groups in 0usize..6,
        ) {
            let b = Buckets::new(keys.iter().copied(), groups);
            let got: Vec<Vec<u32>> = b.groups().map(<[u32]>::to_vec).collect();
            let want: Vec<Vec<u32>> = (0..groups)
                .map(|g| (0..keys.len() as u32).filter(|&i| keys[i as usize] == g).collect())
                .collect();
            prop_assert_eq!(&got, &want);
            for (g, items) in want.iter().enumerate() {
                prop_assert_eq!(&b.order()[b.range(g)], &items[..]);
            }
            prop_assert!(b.range(groups).is_empty());
        }
    }
}
