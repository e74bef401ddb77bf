//! Popups (related passages, mentions, filter picker, help) drawn over the panes.

use super::fill_row;
use crate::tui::app::App;
use crate::tui::popup::{Popup, PopupKind};
use crate::tui::text::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// Draws an open popup into `area`.
pub fn draw_popup(app: &App, p: &Popup, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    Clear.render(area, buf);
    let hint = match p.kind {
        PopupKind::Help => " Esc closes ",
        _ => " Enter goes · Esc closes ",
    };
    let pos = format!(" {}/{} ", p.sel + 1, p.items.len());
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.ui("popup_border"))
        .title(truncate(
            &format!(" {} ", p.title),
            usize::from(area.width.saturating_sub(2)),
        ))
        .title_bottom(format!("{hint}{pos}"));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let mut y = inner.y;
    for (i, item) in p.items.iter().enumerate().skip(p.top) {
        for line in &item.lines {
            if y >= inner.bottom() {
                return;
            }
            buf.set_line(inner.x, y, line, inner.width);
            if i == p.sel && p.kind != PopupKind::Help {
                fill_row(buf, inner.x, y, inner.width, theme.ui("selected"));
            }
            y += 1;
        }
    }
}
