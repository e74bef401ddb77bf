//! The reader's actions: every key binding runs one of these, by name.

use std::fmt;

macro_rules! actions {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Something the user can ask the reader to do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant),+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in keymap files.
            pub fn name(&self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// Parses a keymap file name.
            pub fn parse(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions!(
    MoveDown => "move_down",
    MoveUp => "move_up",
    PageDown => "page_down",
    PageUp => "page_up",
    HalfPageDown => "half_page_down",
    HalfPageUp => "half_page_up",
    Top => "top",
    Bottom => "bottom",
    FocusNext => "focus_next",
    FocusPrev => "focus_prev",
    FocusList => "focus_list",
    FocusDetail => "focus_detail",
    FocusTimeline => "focus_timeline",
    Open => "open",
    NextEvent => "next_event",
    PrevEvent => "prev_event",
    NextParagraph => "next_paragraph",
    PrevParagraph => "prev_paragraph",
    NextMention => "next_mention",
    PrevMention => "prev_mention",
    Search => "search",
    SearchNext => "search_next",
    SearchPrev => "search_prev",
    Related => "related",
    Mentions => "mentions",
    JumpBack => "jump_back",
    JumpForward => "jump_forward",
    Filter => "filter",
    Sort => "sort",
    Briefing => "briefing",
    Export => "export",
    ToggleRead => "toggle_read",
    Mark => "mark",
    Help => "help",
    Close => "close",
    Quit => "quit",
    Accept => "accept",
    Cancel => "cancel",
    DeleteBack => "delete_back",
    DeleteForward => "delete_forward",
    DeleteWord => "delete_word",
    ClearLine => "clear_line",
    CursorLeft => "cursor_left",
    CursorRight => "cursor_right",
    LineStart => "line_start",
    LineEnd => "line_end",
);

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.name()), Some(*a));
        }
        assert_eq!(Action::parse("fly"), None);
    }
}
