//! Drawing: a pure function of the state into a [`Buffer`]. Each pane draws only its visible
//! rows; nothing here changes the state or re-reads the article text beyond the visible lines.

mod briefing;
mod detail;
mod list;
mod popups;
mod put;
mod status;
mod timeline;

use super::app::App;
use super::layout::{self, Mode, Pane};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use put::put_str;

pub use detail::draw_detail;
pub use list::draw_list;
pub use timeline::draw_timeline;

/// Draws the whole screen for `app` into `buf` over `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let screen = layout::compute(area, app.focus);
    if screen.mode == Mode::TooSmall {
        too_small(area, buf);
        return;
    }
    if let Some(t) = screen.tabs {
        tabs(app, t, buf);
    }
    if let Some(r) = screen.list {
        draw_list(app, r, buf);
    }
    if let Some(r) = screen.detail {
        draw_detail(app, r, buf);
    }
    if let Some(r) = screen.timeline {
        draw_timeline(app, r, buf);
    }
    if let (true, Some(v)) = (app.brief_open, &app.brief) {
        let r = super::briefing_view::view_rect(area, app.focus);
        briefing::draw_briefing(app, v, r, buf);
    }
    status::draw_status(app, screen.status, buf);
    if let Some(p) = &app.popup {
        popups::draw_popup(app, p, layout::popup_rect(area), buf);
    }
}

/// The date an article's list row and reader header show: its publication date, else the latest
/// date it mentions ("not before"); while the analysis runs that is not known yet.
fn date_label(app: &App, article: usize) -> String {
    let an = &app.analysis;
    let published = an.articles.get(article).and_then(|a| a.published);
    let not_before = an.analyses.get(article).and_then(|a| a.not_before);
    match (published, not_before) {
        (Some(d), _) => d.to_string(),
        (None, Some(d)) => format!("not before {d}"),
        (None, None) if !app.analysed() => "date not yet known".to_string(),
        (None, None) => "undated".to_string(),
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "terminal too small".to_string(),
        format!(
            "{}×{}, need {}×{}",
            area.width,
            area.height,
            layout::MIN_W,
            layout::MIN_H
        ),
        "q quits".to_string(),
    ];
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let w = super::text::width(l) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put_str(
            buf,
            x,
            y,
            l,
            usize::from(area.right() - x),
            Style::default(),
        );
    }
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let mut x = area.x;
    for (i, p) in Pane::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, p.title());
        let style = if *p == app.focus {
            theme.ui("tab_active")
        } else {
            theme.ui("tab_inactive")
        };
        if x >= area.right() {
            break;
        }
        let (nx, _) = put_str(buf, x, area.y, &label, usize::from(area.right() - x), style);
        x = nx.saturating_add(1);
    }
    let hint = format!("Tab: next pane · {}", "? help");
    let w = super::text::width(&hint) as u16;
    if x + w < area.right() {
        put_str(
            buf,
            area.right() - w,
            area.y,
            &hint,
            usize::from(w),
            theme.ui("meta"),
        );
    }
}

/// A pane's frame: thick border and focus style when focused, so focus shows without colour.
fn frame(app: &App, pane: Pane, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let theme = &app.config.theme;
    let focused = app.focus == pane;
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.ui("border_focus")
        } else {
            theme.ui("border")
        })
        .title(super::text::truncate(
            title,
            usize::from(area.width.saturating_sub(2)),
        ));
    block.render(area, buf);
    layout::inner(area)
}

/// Fills a row with a style (selection bars).
fn fill_row(buf: &mut Buffer, x: u16, y: u16, w: u16, style: Style) {
    buf.set_style(Rect::new(x, y, w, 1), style);
}
