//! Strings laid end to end in one allocation and read by index: for lists of names read at
//! random (the articles' ids, as the extract names related passages and occurrences), where a
//! string in an allocation of its own costs a cache miss somewhere in a heap the size of the
//! analysis.

/// Strings by index, laid end to end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedStrs {
    text: String,
    /// String `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<u32>,
}

impl PackedStrs {
    /// The strings of `items`, in order.
    pub fn new<'s>(items: impl Iterator<Item = &'s str> + Clone) -> Self {
        let mut text = String::with_capacity(items.clone().map(str::len).sum());
        let ends = items
            .map(|s| {
                text.push_str(s);
                u32::try_from(text.len()).unwrap_or(u32::MAX)
            })
            .collect();
        Self { text, ends }
    }

    /// String `index`; "" past the end.
    pub fn get(&self, index: usize) -> &str {
        let start = index
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(index).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// How many strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_reads_back_by_index_empty_ones_and_accents_included() {
        let items = ["Mali", "", "Tinzaouatène", "Gao"];
        let packed = PackedStrs::new(items.iter().copied());
        assert_eq!(packed.len(), 4);
        let back: Vec<&str> = (0..4).map(|i| packed.get(i)).collect();
        assert_eq!(back, items);
        assert_eq!(packed.get(4), "");
        assert!(PackedStrs::new(std::iter::empty()).is_empty());
        assert_eq!(PackedStrs::default().get(0), "");
    }
}
