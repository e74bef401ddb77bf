//! The article list: badge and title on one line, source, date and event count on the next.

use super::put::put_str;
use super::{date_label, fill_row, frame};
use crate::tui::app::App;
use crate::tui::filter::article_severity;
use crate::tui::layout::Pane;
use crate::tui::text::{clean_line, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the list pane into `area`.
pub fn draw_list(app: &App, area: Rect, buf: &mut Buffer) {
    let an = &*app.analysis;
    let theme = &app.config.theme;
    let mut title = format!(" 1 Articles {}/{} ", app.list_rows.len(), an.articles.len());
    if let Some(f) = &app.filter {
        title.push_str(&format!("· {} ", f.label()));
    }
    if let Some(q) = &app.corpus_query {
        title.push_str(&format!("· /{} ", clean_line(q)));
    }
    title.push_str(&format!("· by {} ", app.sort.label()));
    let inner = frame(app, Pane::List, &title, area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if app.list_rows.is_empty() {
        put_str(
            buf,
            inner.x,
            inner.y,
            "no article matches",
            usize::from(inner.width),
            theme.ui("meta"),
        );
        return;
    }
    let w = usize::from(inner.width);
    let per_page = usize::from(inner.height / 2).max(1);
    for (row, &ai) in app
        .list_rows
        .iter()
        .enumerate()
        .skip(app.list.top)
        .take(per_page)
    {
        let y = inner.y + 2 * (row - app.list.top) as u16;
        let a = &an.articles[ai];
        let (badge, style) = match article_severity(an, ai) {
            Some(s) => (
                format!("[{}]", theme.level(s).letter()),
                theme.severity_style(s),
            ),
            None => ("[ ]".to_string(), theme.ui("meta")),
        };
        let (x, _) = put_str(buf, inner.x, y, &badge, w, style);
        let rest = usize::from(inner.right().saturating_sub(x + 1));
        put_str(
            buf,
            x + 1,
            y,
            truncate(&clean_line(&a.title), rest),
            rest,
            theme.ui("title"),
        );
        if y + 1 < inner.bottom() {
            let date = date_label(app, ai);
            let n = an.analyses[ai].events.len();
            let events = match (app.analysed(), n) {
                (false, _) => "analysing…".to_string(),
                (true, 1) => "1 event".to_string(),
                (true, n) => format!("{n} events"),
            };
            let meta = format!(
                "    {} · {} · {}",
                clean_line(an.source_label(ai)),
                date,
                events
            );
            put_str(buf, inner.x, y + 1, truncate(&meta, w), w, theme.ui("meta"));
            if app.is_unread(ai) {
                put_str(buf, inner.x + 1, y + 1, "●", 1, theme.ui("title"));
            }
        }
        if row == app.list.sel {
            let style = if app.focus == Pane::List {
                theme.ui("selected")
            } else {
                theme.ui("selected_unfocused")
            };
            fill_row(buf, inner.x, y, inner.width, style);
            if y + 1 < inner.bottom() {
                fill_row(buf, inner.x, y + 1, inner.width, style);
            }
        }
    }
}
