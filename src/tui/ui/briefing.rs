//! The briefing view drawn over the panes: a framed document (title line with the filter),
//! the selected block highlighted, the escalation chart as a horizontal ratatui [`BarChart`]
//! (bars of block characters, readable without colour; coloured by severity when there is).

use super::fill_row;
use crate::tui::actions::Action;
use crate::tui::app::App;
use crate::tui::briefing_view::BriefView;
use crate::tui::briefing_view::doc::Doc;
use crate::tui::keymap::Mode;
use crate::tui::layout;
use crate::tui::text::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, BorderType, Clear, Widget};

/// Draws the open briefing view into `area` (frame included).
pub fn draw_briefing(app: &App, v: &BriefView, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.config.theme;
    Clear.render(area, buf);
    // the keys as the keymap has them (a rebound key shows here too)
    let key = |a: Action| {
        app.config
            .keymap
            .label(Mode::Briefing, a)
            .unwrap_or_default()
    };
    let hint = if area.width > 60 {
        format!(
            " {}: go to passage · {}: export · {}: close ",
            key(Action::Open),
            key(Action::Export),
            key(Action::Close)
        )
    } else {
        format!(" {}: close ", key(Action::Close))
    };
    let pos = format!(
        " {}/{} ",
        (v.cursor + 1).min(v.doc.blocks.len()),
        v.doc.blocks.len()
    );
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.ui("border_focus"))
        .title(truncate(
            &format!(" {} ", v.title()),
            usize::from(area.width.saturating_sub(2)),
        ))
        .title_bottom(truncate(
            &format!("{hint}{pos}"),
            usize::from(area.width.saturating_sub(2)),
        ));
    block.render(area, buf);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let cur = v.doc.blocks.get(v.cursor);
    for (i, row) in v.doc.rows.iter().enumerate().skip(v.top) {
        let y = inner.y + (i - v.top) as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, &row.line, inner.width);
        if cur.is_some_and(|b| i >= b.start && i < b.end) && row.line.width() > 0 {
            fill_row(buf, inner.x, y, inner.width, theme.ui("selected"));
        }
    }
    let chart_selected = cur.is_some_and(|b| Some(b.start) == v.doc.chart_at);
    draw_chart(app, &v.doc, v.top, inner, buf, chart_selected);
}

/// The chart, drawn whole into a scratch buffer, then its visible rows copied.
fn draw_chart(app: &App, doc: &Doc, top: usize, inner: Rect, buf: &mut Buffer, selected: bool) {
    let Some(at) = doc.chart_at else { return };
    let n = doc.bars.len();
    if n == 0 || at + n <= top || at >= top + usize::from(inner.height) {
        return;
    }
    let theme = &app.config.theme;
    let bars: Vec<Bar> = doc
        .bars
        .iter()
        .map(|b| {
            Bar::default()
                .value(b.value)
                .label(Line::raw(b.label.clone()))
                .text_value(String::new())
                .style(theme.severity_style(b.mean))
        })
        .collect();
    let max = doc.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .max(max)
        .data(ratatui::widgets::BarGroup::default().bars(&bars));
    let h = u16::try_from(n).unwrap_or(u16::MAX);
    let label_w = doc
        .bars
        .iter()
        .map(|b| crate::tui::text::width(&b.label))
        .max()
        .map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
    let scratch_area = Rect::new(0, 0, inner.width, h);
    let mut scratch = Buffer::empty(scratch_area);
    chart.render(scratch_area, &mut scratch);
    for r in 0..n {
        let doc_row = at + r;
        if doc_row < top {
            continue;
        }
        let y = inner.y + (doc_row - top) as u16;
        if y >= inner.bottom() || r >= usize::from(h) {
            break;
        }
        for x in 0..inner.width {
            buf[(inner.x + x, y)] = scratch[(x, r as u16)].clone();
        }
        if selected {
            // the labels take the selection style; the bars keep their severity colour
            fill_row(
                buf,
                inner.x,
                y,
                label_w.min(inner.width),
                theme.ui("selected"),
            );
        }
    }
}
