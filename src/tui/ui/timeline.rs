//! The corpus timeline: date, kind glyph and name, severity, actors → targets, number of sources;
//! undated events after the dated ones.

use super::put::put_str;
use super::{fill_row, frame};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::text::{clean_line, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the timeline pane into `area`.
pub fn draw_timeline(app: &App, area: Rect, buf: &mut Buffer) {
    let an = &*app.analysis;
    let theme = &app.config.theme;
    let title = format!(
        " 3 Timeline {}/{} · by {} ",
        app.timeline_rows.len(),
        an.timeline.len(),
        app.sort.label()
    );
    let inner = frame(app, Pane::Timeline, &title, area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if app.timeline_rows.is_empty() {
        put_str(
            buf,
            inner.x,
            inner.y,
            "no event",
            usize::from(inner.width),
            theme.ui("meta"),
        );
        return;
    }
    let right = inner.right();
    // The kind name gives way to actors and targets in narrow panes (the glyph stays).
    let kind_w = match inner.width {
        0..36 => 0,
        36..70 => 10,
        _ => 18,
    };
    for (row, &ti) in app
        .timeline_rows
        .iter()
        .enumerate()
        .skip(app.timeline.top)
        .take(usize::from(inner.height))
    {
        let y = inner.y + (row - app.timeline.top) as u16;
        let t = &an.timeline[ti];
        let date = t
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let sev = theme.severity_style(t.severity);
        let mut x = inner.x;
        let mut put = |x: &mut u16, s: &str, style| {
            if *x < right {
                let (nx, _) = put_str(buf, *x, y, s, usize::from(right - *x), style);
                *x = nx;
            }
        };
        put(&mut x, &format!("{date:<10} "), theme.ui("meta"));
        put(&mut x, theme.glyph(t.kind), sev);
        put(
            &mut x,
            theme.status_glyph(t.status),
            theme.status_style(t.status),
        );
        put(
            &mut x,
            &format!(" [{}] ", theme.level(t.severity).letter()),
            sev,
        );
        if kind_w > 0 {
            let kind = truncate(t.kind.as_str(), kind_w);
            put(&mut x, &format!("{kind:<kind_w$} "), theme.ui("title"));
        }
        let src = format!(" {} src", t.sources.len());
        let who = if t.actors.is_empty() && t.targets.is_empty() {
            String::new()
        } else {
            format!(
                "{} → {}",
                clean_line(&t.actors.join(", ")),
                clean_line(&t.targets.join(", "))
            )
        };
        let room = usize::from(right.saturating_sub(x)).saturating_sub(src.len());
        put(&mut x, &truncate(&who, room), Default::default());
        let sx = right.saturating_sub(src.len() as u16).max(x);
        let mut sx2 = sx;
        put(&mut sx2, &src, theme.ui("meta"));
        if row == app.timeline.sel {
            let style = if app.focus == Pane::Timeline {
                theme.ui("selected")
            } else {
                theme.ui("selected_unfocused")
            };
            fill_row(buf, inner.x, y, inner.width, style);
        }
    }
}
