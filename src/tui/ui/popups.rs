//! Popups (related passages, mentions, filter picker, help) drawn over the panes.

use super::fill_row;
use crate::tui::actions::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::popup::{Popup, PopupKind};
use crate::tui::text::{clean_line, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// Draws an open popup into `area`.
pub fn draw_popup(app: &App, p: &Popup, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    Clear.render(area, buf);
    let km = &app.config.keymap;
    let key = |a: Action| km.label(Mode::Popup, a).unwrap_or_default();
    let hint = match (&p.find, p.kind) {
        (Some(f), _) => {
            let (before, after) = f.split();
            format!(" /{}█{} ", clean_line(before), clean_line(after))
        }
        (None, PopupKind::Help) => format!(" {} closes ", key(Action::Close)),
        (None, _) => format!(
            " {} goes · {} finds · {} closes ",
            key(Action::Open),
            key(Action::Search),
            key(Action::Close)
        ),
    };
    let pos = match p.kind {
        PopupKind::Help => String::new(),
        _ => {
            let (at, total) = p.counter();
            format!(" {at}/{total} ")
        }
    };
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
            buf.set_line(
                inner.x,
                y,
                &fit(line, usize::from(inner.width)),
                inner.width,
            );
            if i == p.sel && p.kind != PopupKind::Help {
                fill_row(buf, inner.x, y, inner.width, theme.ui("selected"));
            }
            y += 1;
        }
    }
}

/// `line` within `max` columns, the span that overflows shortened at a word's end (the whole
/// text of the selected item is in the status line).
fn fit(line: &Line<'static>, max: usize) -> Line<'static> {
    if line.width() <= max {
        return line.clone();
    }
    let mut out = Vec::new();
    let mut room = max;
    for span in &line.spans {
        let w = span.width();
        if w < room {
            out.push(span.clone());
            room -= w;
            continue;
        }
        out.push(Span::styled(truncate(&span.content, room), span.style));
        break;
    }
    Line::from(out).style(line.style)
}
