//! The one line editor of the reader's prompts (search, export path, find in a popup): text with
//! a cursor, edited by the actions of the prompt keymap layer, so every editing key is
//! rebindable. Control and other hostile characters are never inserted.

use super::actions::Action;

/// What an editing action did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed.
    Changed,
    /// The action does nothing here (the cursor at an end, say).
    Unchanged,
    /// Enter: take the text.
    Accept,
    /// Esc, or erasing past an empty line: drop the prompt.
    Cancel,
}

/// A line of text being typed, and where the cursor is (a byte offset at a char boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
    /// Longest text accepted, in bytes.
    max: usize,
}

impl LineEdit {
    /// A line holding `text`, the cursor at its end, at most `max` bytes long.
    pub fn new(text: &str, max: usize) -> Self {
        let mut text = text.to_string();
        while text.len() > max {
            text.pop();
        }
        Self {
            cursor: text.len(),
            text,
            max,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Types `c` at the cursor; `false` when it is refused (a control character, or too long).
    pub fn insert(&mut self, c: char) -> bool {
        if super::text::is_hostile(c) || self.text.len() + c.len_utf8() > self.max {
            return false;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        true
    }

    /// Applies an editing action of the prompt layer.
    pub fn apply(&mut self, action: Action) -> Edit {
        let before = (self.text.len(), self.cursor);
        match action {
            Action::Accept => return Edit::Accept,
            Action::Cancel => return Edit::Cancel,
            Action::DeleteBack if self.text.is_empty() => return Edit::Cancel,
            Action::DeleteBack => {
                if let Some(c) = self.split().0.chars().next_back() {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                }
            }
            Action::DeleteForward => {
                if self.cursor < self.text.len() {
                    self.text.remove(self.cursor);
                }
            }
            Action::DeleteWord => {
                let head = self.split().0.trim_end();
                let start = head.rfind(char::is_whitespace).map_or(0, |i| {
                    i + head[i..].chars().next().map_or(1, char::len_utf8)
                });
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::ClearLine => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::CursorLeft => {
                if let Some(c) = self.split().0.chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
            }
            Action::CursorRight => {
                if let Some(c) = self.split().1.chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            _ => return Edit::Unchanged,
        }
        if (self.text.len(), self.cursor) == before {
            Edit::Unchanged
        } else {
            Edit::Changed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor() {
        let mut e = LineEdit::new("mali", 200);
        assert_eq!(e.apply(Action::CursorLeft), Edit::Changed);
        assert_eq!(e.apply(Action::CursorLeft), Edit::Changed);
        assert!(e.insert('X'));
        assert_eq!(e.split(), ("maX", "li"));
        assert_eq!(e.apply(Action::DeleteForward), Edit::Changed);
        assert_eq!(e.text(), "maXi");
        assert_eq!(e.apply(Action::LineStart), Edit::Changed);
        assert_eq!(e.apply(Action::CursorLeft), Edit::Unchanged);
        assert_eq!(e.apply(Action::LineEnd), Edit::Changed);
        assert_eq!(e.apply(Action::DeleteBack), Edit::Changed);
        assert_eq!(e.text(), "maX");
    }

    #[test]
    fn words_accents_limits_and_hostile_characters() {
        let mut e = LineEdit::new("armée malienne", 200);
        assert_eq!(e.apply(Action::DeleteWord), Edit::Changed);
        assert_eq!(e.text(), "armée ");
        assert_eq!(e.apply(Action::CursorLeft), Edit::Changed);
        assert_eq!(e.apply(Action::CursorLeft), Edit::Changed);
        assert_eq!(e.split(), ("armé", "e "));
        assert!(!e.insert('\u{1b}'), "no control characters");
        let mut short = LineEdit::new("abcdef", 4);
        assert_eq!(short.text(), "abcd");
        assert!(!short.insert('x'));
        assert_eq!(short.apply(Action::ClearLine), Edit::Changed);
        assert_eq!(short.apply(Action::DeleteBack), Edit::Cancel);
        assert_eq!(short.apply(Action::MoveDown), Edit::Unchanged);
    }
}
