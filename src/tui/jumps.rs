//! The jump list, as in vim: every jump remembers where it came from; Ctrl-o goes back,
//! Ctrl-n / `>` (Ctrl-i where the terminal can tell it from Tab) goes forward again.

/// A reading position: an article and a byte offset in its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub article: usize,
    pub offset: usize,
}

/// Positions jumped from, and where we are in them.
#[derive(Clone, Debug, Default)]
pub struct JumpList {
    pub entries: Vec<Position>,
    /// `entries.len()` when not walking the list.
    pub index: usize,
}

const MAX: usize = 100;

impl JumpList {
    /// A jump is about to leave `from`: forget any forward history and remember it.
    pub fn record(&mut self, from: Position) {
        self.entries.truncate(self.index);
        if self.entries.last() != Some(&from) {
            self.entries.push(from);
        }
        if self.entries.len() > MAX {
            self.entries.remove(0);
        }
        self.index = self.entries.len();
    }

    /// Where Ctrl-o goes from `current`, if anywhere.
    pub fn back(&mut self, current: Position) -> Option<Position> {
        if self.index == 0 {
            return None;
        }
        if self.index == self.entries.len() {
            if self.entries.last() != Some(&current) {
                self.entries.push(current);
            } else {
                self.index -= 1;
                if self.index == 0 {
                    return None;
                }
            }
        }
        self.index -= 1;
        self.entries.get(self.index).copied()
    }

    /// Where the forward key goes, if anywhere.
    pub fn forward(&mut self) -> Option<Position> {
        if self.index + 1 >= self.entries.len() {
            return None;
        }
        self.index += 1;
        self.entries.get(self.index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(article: usize, offset: usize) -> Position {
        Position { article, offset }
    }

    #[test]
    fn back_and_forward_walk_the_list() {
        let mut j = JumpList::default();
        j.record(p(0, 10));
        // now at (1, 5)
        assert_eq!(j.back(p(1, 5)), Some(p(0, 10)));
        assert_eq!(j.back(p(0, 10)), None);
        assert_eq!(j.forward(), Some(p(1, 5)));
        assert_eq!(j.forward(), None);
        assert_eq!(j.back(p(1, 5)), Some(p(0, 10)));
        // a new jump from here drops the forward history
        j.record(p(0, 10));
        assert_eq!(j.forward(), None);
        assert_eq!(j.entries, vec![p(0, 10)]);
    }
}
