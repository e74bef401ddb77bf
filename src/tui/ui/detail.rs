//! The reader: title, source and date, then the wrapped body with entities highlighted by kind,
//! event triggers underlined, search matches reversed, and a gutter with the cursor mark, a glyph
//! per event kind (coloured by severity) and the event's status.

use super::put::put_str;
use super::{date_label, frame};
use crate::analysis::{ArticleAnalysis, Event};
use crate::corpus::Span;
use crate::tui::app::App;
use crate::tui::layout::{self, GUTTER, HEADER, Pane};
use crate::tui::text::{clean_line, truncate};
use crate::tui::wrap::WLine;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Draws the reader pane into `area`.
pub fn draw_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let an = &*app.analysis;
    let theme = &app.config.theme;
    let i = app.reader.article;
    let (Some(a), Some(aa)) = (an.articles.get(i), an.analyses.get(i)) else {
        frame(app, Pane::Detail, " 2 Reader ", area, buf);
        return;
    };
    let title = format!(" 2 Reader · article {}/{} ", i + 1, an.articles.len());
    let inner = frame(app, Pane::Detail, &title, area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    put_str(
        buf,
        inner.x,
        inner.y,
        truncate(&clean_line(&a.title), w),
        w,
        theme.ui("title"),
    );
    if HEADER > 1 && inner.height > 1 {
        let date = date_label(app, i);
        let found = if app.analysed() {
            format!(
                "{} events · {} entities",
                aa.events.len(),
                aa.entities.len()
            )
        } else {
            "analysing…".to_string()
        };
        let meta = format!("{} · {} · {found}", clean_line(an.source_label(i)), date);
        put_str(
            buf,
            inner.x,
            inner.y + 1,
            truncate(&meta, w),
            w,
            theme.ui("meta"),
        );
    }
    let text_area = layout::detail_text(area);
    let Some(wr) = &app.wrapped else { return };
    if text_area.height == 0 || wr.lines.is_empty() {
        return;
    }
    let top = app.top_line();
    let cursor = app.cursor_line();
    let matches: &[Span] = app
        .search
        .as_ref()
        .map(|s| s.matches.as_slice())
        .unwrap_or(&[]);
    let current = app
        .search
        .as_ref()
        .and_then(|s| s.current)
        .and_then(|c| matches.get(c));
    let rows = top.min(wr.lines.len())..(top + usize::from(text_area.height)).min(wr.lines.len());
    let visible = &wr.lines[rows];
    let ctx = LineCtx {
        aa,
        events: &events_in_view(aa, visible),
        matches,
        current,
        text: &wr.text,
    };
    for (i, line) in visible.iter().enumerate() {
        let y = text_area.y + i as u16;
        if line.blank {
            continue;
        }
        gutter(app, &ctx, line, top + i == cursor, inner.x, y, buf);
        draw_line(app, &ctx, line, text_area.x, y, text_area.width, buf);
    }
}

/// The events whose sentence or trigger overlaps the text of the visible `lines`: what the
/// gutter and the trigger marks of those lines look through, found in one pass over the
/// article's events rather than one pass per line (a long article holds thousands).
fn events_in_view<'a>(aa: &'a ArticleAnalysis, lines: &[WLine]) -> Vec<&'a Event> {
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    // Lines are in body order: every line's gutter span lies inside this one, so an event that
    // overlaps a line overlaps it.
    let end = lines.iter().map(|l| l.covers().end()).max();
    let view = Span::new(first.start, end.unwrap_or(first.start + 1));
    aa.events
        .iter()
        .filter(|e| e.span.overlaps(&view) || e.trigger.overlaps(&view))
        .collect()
}

fn gutter(
    app: &App,
    ctx: &LineCtx,
    line: &WLine,
    is_cursor: bool,
    x: u16,
    y: u16,
    buf: &mut Buffer,
) {
    let theme = &app.config.theme;
    let width = usize::from(GUTTER);
    if is_cursor {
        put_str(buf, x, y, "▶", width, theme.ui("cursor"));
    }
    let span = line.covers();
    let ev = ctx
        .events
        .iter()
        .filter(|e| e.span.overlaps(&span))
        .min_by(|a, b| a.severity.total_cmp(&b.severity));
    if let Some(e) = ev {
        put_str(
            buf,
            x + 1,
            y,
            theme.glyph(e.kind),
            1,
            theme.severity_style(e.severity),
        );
        put_str(
            buf,
            x + 2,
            y,
            theme.status_glyph(e.status),
            1,
            theme.status_style(e.status),
        );
    }
}

struct LineCtx<'a> {
    aa: &'a ArticleAnalysis,
    /// The article's events that the visible lines may show.
    events: &'a [&'a Event],
    matches: &'a [Span],
    current: Option<&'a Span>,
    text: &'a str,
}

/// Spans of `list` (sorted by start) that overlap `line`.
fn overlapping<'a, T>(
    list: &'a [T],
    line: Span,
    span: impl Fn(&T) -> Span + Copy + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    let from = list
        .partition_point(|t| span(t).end() <= line.start())
        .saturating_sub(8);
    list[from..]
        .iter()
        .take_while(move |t| span(t).start() < line.end())
        .filter(move |t| span(t).overlaps(&line))
}

fn draw_line(
    app: &App,
    ctx: &LineCtx,
    line: &WLine,
    x0: u16,
    y: u16,
    width: u16,
    buf: &mut Buffer,
) {
    let theme = &app.config.theme;
    let lspan = Span::new(line.start, line.end);
    let mut cuts = vec![line.start, line.end];
    let mut marks: Vec<(Span, Style)> = Vec::new();
    for m in overlapping(&ctx.aa.mentions, lspan, |m| m.span) {
        let kind = ctx.aa.entities.get(m.index()).map(|e| e.kind);
        if let Some(k) = kind {
            marks.push((m.span, theme.entity(k)));
        }
    }
    for e in ctx.events {
        if e.trigger.overlaps(&lspan) {
            marks.push((e.trigger, theme.ui("trigger")));
        }
    }
    for m in overlapping(ctx.matches, lspan, |m| *m) {
        let style = if Some(m) == ctx.current {
            theme.ui("search_current")
        } else {
            theme.ui("search_match")
        };
        marks.push((*m, style));
    }
    for (s, _) in &marks {
        cuts.push(s.start().clamp(line.start, line.end));
        cuts.push(s.end().clamp(line.start, line.end));
    }
    let text = ctx.text;
    for c in &mut cuts {
        while *c > line.start && !text.is_char_boundary(*c) {
            *c -= 1;
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let right = x0 + width;
    let mut x = x0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(seg) = text.get(a..b) else { continue };
        let mut style = Style::default();
        for (s, st) in &marks {
            if s.start() <= a && b <= s.end() {
                style = style.patch(*st);
            }
        }
        if x >= right {
            break;
        }
        let (nx, _) = put_str(buf, x, y, seg, usize::from(right - x), style);
        x = nx;
    }
}
