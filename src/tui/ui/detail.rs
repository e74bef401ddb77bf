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
use crate::tui::theme::Level;
use crate::tui::wrap::WLine;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

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
            let mut found = format!(
                "{} events · {} entities",
                aa.events.len(),
                aa.entities.len()
            );
            // An article past the analysis budget says so, or its few events would mislead.
            if let Some(note) = crate::analysis::budget::cut_short(a) {
                found.push_str(" · ");
                found.push_str(&note);
            }
            found
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
    let focused = app.focus == Pane::Detail;
    let ctx = LineCtx {
        aa,
        cursor_mention: app
            .cursor_mention()
            .filter(|_| focused)
            .and_then(|m| aa.mentions.get(m))
            .map(|m| m.span),
        cursor_trigger: chosen_event(app).map(|(_, _, e)| e.trigger),
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
        gutter(
            app,
            &ctx,
            line,
            (top + i == cursor, i == 0),
            inner.x,
            y,
            buf,
        );
        draw_line(app, &ctx, line, text_area.x, y, text_area.width, buf);
    }
    if let Some((k, n, e)) = chosen_event(app) {
        event_panel(
            app,
            e,
            k,
            n,
            Rect::new(inner.x, text_area.y, inner.width, text_area.height),
            buf,
        );
    }
}

/// The event reached with ]/[ while the cursor is on its sentence: its rank in the article
/// (from 1, in text order), the article's number of events, the event.
pub fn chosen_event(app: &App) -> Option<(usize, usize, &Event)> {
    if app.focus != Pane::Detail {
        return None;
    }
    let chosen = app
        .reader
        .event
        .filter(|&e| app.cursor_event() == Some(e))?;
    let events = &app.analysis.analyses.get(app.reader.article)?.events;
    let e = events.get(chosen)?;
    let before = events
        .iter()
        .enumerate()
        .filter(|(i, o)| (o.span.start(), *i) < (e.span.start(), chosen))
        .count();
    Some((before + 1, events.len(), e))
}

/// The whole event, kind to severity, in a panel over the bottom of the text: wrapped to the
/// pane's width, at most a third of its height.
fn event_panel(app: &App, e: &Event, k: usize, n: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let w = usize::from(area.width);
    if w < 10 || area.height < 6 {
        return;
    }
    let text = describe_event(app, e);
    let lines = textwrap::wrap(&text, w.saturating_sub(1).max(1));
    let rows = lines.len().min(usize::from(area.height / 3).max(1));
    let top = area.bottom() - rows as u16 - 1;
    buf.set_style(
        Rect::new(area.x, top, area.width, rows as u16 + 1),
        theme.ui("status"),
    );
    let head = format!("── event {k}/{n} ");
    let rule = format!(
        "{head}{}",
        "─".repeat(w.saturating_sub(crate::tui::text::width(&head)))
    );
    put_str(buf, area.x, top, &rule, w, theme.ui("meta"));
    for (i, line) in lines.iter().take(rows).enumerate() {
        let y = top + 1 + i as u16;
        buf.set_string(area.x, y, " ".repeat(w), theme.ui("status"));
        put_str(buf, area.x + 1, y, line, w - 1, theme.ui("status"));
    }
}

/// "airstrike (violence) · reported · 2024-07 · Mali → JNIM · severity -8.5 (high)".
pub fn describe_event(app: &App, e: &Event) -> String {
    let date = e
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let side = |names: &crate::analysis::Names| {
        if names.is_empty() {
            "?".to_string()
        } else {
            clean_line(&names.join(", "))
        }
    };
    format!(
        "{} {} ({}) · {} · {date} · {} → {} · severity {:.1} ({})",
        app.config.theme.glyph(e.kind),
        e.kind,
        e.kind.family(),
        e.status,
        side(&e.actors),
        side(&e.targets),
        e.severity,
        severity_word(app, e.severity)
    )
}

/// The word of the legend for a severity.
fn severity_word(app: &App, severity: f32) -> &'static str {
    match app.config.theme.level(severity) {
        Level::High => "high",
        Level::Medium => "medium",
        Level::Low => "low",
        Level::Calm => "calm",
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
    (is_cursor, is_top): (bool, bool),
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
    let most_severe = |a: &&&Event, b: &&&Event| a.severity.total_cmp(&b.severity);
    // the line where an event's sentence begins carries its glyph and status (and the top line,
    // for a sentence begun above it); the sentence's other lines a bar, so that the marks show
    // where each sentence runs
    let starting = ctx
        .events
        .iter()
        .filter(|e| span.contains(e.span.start()))
        .min_by(most_severe);
    let continued = || {
        ctx.events
            .iter()
            .filter(|e| e.span.overlaps(&span))
            .min_by(most_severe)
    };
    if let Some(e) = starting.or_else(|| continued().filter(|_| is_top)) {
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
    } else if let Some(e) = continued() {
        put_str(buf, x + 1, y, "│", 1, theme.severity_style(e.severity));
    }
}

struct LineCtx<'a> {
    aa: &'a ArticleAnalysis,
    /// The entity mention under the reader's cursor, when the reader has the focus.
    cursor_mention: Option<Span>,
    /// The trigger of the event reached with ]/[, while on the cursor line.
    cursor_trigger: Option<Span>,
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
    // what `*` and the event panel speak of: reversed, so that it shows without colour too
    let here = Style::default().add_modifier(Modifier::REVERSED);
    for m in ctx
        .cursor_mention
        .into_iter()
        .filter(|m| m.overlaps(&lspan))
    {
        marks.push((m, here));
    }
    for t in ctx
        .cursor_trigger
        .into_iter()
        .filter(|t| t.overlaps(&lspan))
    {
        marks.push((t, here));
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
