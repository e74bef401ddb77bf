//! Writing a string into a frame's buffer: what ratatui's `Buffer::set_stringn` does, with a
//! quick path for printable ASCII, which is most of what the panes show. There every byte is
//! one grapheme one cell wide, so the cells are written in one pass over the row, without the
//! grapheme segmentation and width lookups `set_stringn` spends most of its time in.

use crate::tui::text::is_printable_ascii;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Style;

/// Writes `s` at (`x`, `y`) in at most `max_width` cells (and no further than the buffer's
/// right edge) with `style` laid over each cell's own; returns the position after the last
/// cell written. The same cells as `Buffer::set_stringn`, except that a position outside the
/// buffer writes nothing where `set_stringn` panics.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    s: impl AsRef<str>,
    max_width: usize,
    style: impl Into<Style>,
) -> (u16, u16) {
    let (s, style) = (s.as_ref(), style.into());
    let area = buf.area;
    if !area.contains(Position { x, y }) {
        return (x, y);
    }
    let bytes = s.as_bytes();
    if !bytes.iter().all(|&b| is_printable_ascii(b)) {
        return buf.set_stringn(x, y, s, max_width, style);
    }
    let room = usize::from(area.right() - x).min(max_width);
    let n = bytes.len().min(room);
    let at = usize::from(y - area.y) * usize::from(area.width) + usize::from(x - area.x);
    for (cell, &b) in buf.content[at..at + n].iter_mut().zip(bytes) {
        cell.set_char(char::from(b)).set_style(style);
    }
    // n ≤ room ≤ the cells right of x, so the sum stays inside the row.
    (x + n as u16, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    /// A row of a buffer that already holds styled text, so that laying a style over it shows.
    fn filled(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for y in area.top()..area.bottom() {
            let row = "x".repeat(usize::from(area.width));
            buf.set_stringn(area.x, y, row, 999, Style::new().bg(Color::Blue));
        }
        buf
    }

    fn style() -> impl Strategy<Value = Style> {
        prop_oneof![
            Just(Style::default()),
            Just(Style::new().fg(Color::Red)),
            Just(Style::new().add_modifier(Modifier::BOLD).fg(Color::Yellow)),
            Just(
                Style::new()
                    .bg(Color::Reset)
                    .remove_modifier(Modifier::BOLD)
            ),
        ]
    }

    /// Text mostly of printable ASCII, sometimes with accents, wide characters, combining marks
    /// and control characters (which take `set_stringn`'s own path).
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[ -~]{0,40}",
            1 => "[ -~éあ\u{301}\t\u{1b}]{0,40}",
        ]
    }

    proptest! {
        #[test]
        fn writes_the_cells_set_stringn_writes(
            s in text(),
            x in 2u16..14,
            y in 1u16..4,
            max_width in 0usize..20,
            style in style(),
        ) {
            let area = Rect::new(2, 1, 12, 3);
            let mut want = filled(area);
            let mut got = filled(area);
            let end_want = want.set_stringn(x, y, &s, max_width, style);
            let end_got = put_str(&mut got, x, y, &s, max_width, style);
            prop_assert_eq!(end_got, end_want);
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn a_position_outside_the_buffer_writes_nothing() {
        let area = Rect::new(2, 1, 12, 3);
        let mut buf = filled(area);
        let before = buf.clone();
        assert_eq!(put_str(&mut buf, 0, 0, "abc", 5, Style::default()), (0, 0));
        assert_eq!(put_str(&mut buf, 2, 4, "abc", 5, Style::default()), (2, 4));
        assert_eq!(buf, before);
    }

    #[test]
    fn ascii_stops_at_the_right_edge_and_at_the_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        assert_eq!(
            put_str(&mut buf, 3, 0, "abcdef", 9, Style::default()),
            (6, 0)
        );
        assert_eq!(put_str(&mut buf, 0, 0, "xyz", 2, Style::default()), (2, 0));
        assert_eq!(buf, Buffer::with_lines(["xy abc"]));
    }
}
