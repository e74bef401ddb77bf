//! The status bar: position, the entity and event under the cursor, the search counter, messages,
//! and the keys that apply now (taken from the keymap, so rebinding shows here too).

use super::put::put_str;
use crate::tui::actions::Action;
use crate::tui::app::App;
use crate::tui::app::ExportPrompt;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::line_edit::LineEdit;
use crate::tui::popup::PopupKind;
use crate::tui::stage::Step;
use crate::tui::text::{clean_line, truncate, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the status bar into `area` (one or two lines).
pub fn draw_status(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = &app.config.theme;
    let w = usize::from(area.width);
    buf.set_style(Rect::new(area.x, area.y, area.width, 1), theme.ui("status"));
    let left = match (&app.export, &app.prompt) {
        (Some(e), _) => export_prompt(e),
        (None, Some(p)) => format!(
            "/{}  ({})",
            with_cursor(&p.edit),
            if p.scope == Pane::Detail {
                "this article"
            } else {
                "all articles"
            }
        ),
        (None, None) if app.brief_open && app.popup.is_none() => brief_info(app),
        // a popup's selected item in full: the popup may have shortened it
        (None, None) => match app.popup.as_ref().and_then(|p| p.chosen_text()) {
            Some(text) => format!(" {}", clean_line(text.trim())),
            None => info(app),
        },
    };
    let msg = match app.message.as_deref() {
        Some(m) => clean_line(m),
        None => match app.step {
            Step::Reading(l) => format!("reading files: {} of {}…", l.files_read, l.files),
            Step::Analysing => format!("analysing {} articles…", app.analysis.articles.len()),
            Step::Analysed | Step::Failed => String::new(),
        },
    };
    let msg_w = width(&msg);
    let left_room = if msg.is_empty() {
        w
    } else {
        w.saturating_sub(msg_w + 2)
    };
    put_str(
        buf,
        area.x,
        area.y,
        truncate(&left, left_room),
        left_room,
        theme.ui("status"),
    );
    if !msg.is_empty() {
        let m = truncate(&msg, w);
        let mw = width(&m) as u16;
        let x = area.right().saturating_sub(mw);
        put_str(
            buf,
            x,
            area.y,
            &m,
            usize::from(mw),
            theme.ui("status").patch(theme.ui("message")),
        );
    }
    if area.height > 1 {
        put_str(
            buf,
            area.x,
            area.y + 1,
            truncate(&hints(app), w),
            w,
            theme.ui("status_keys"),
        );
    }
}

/// The export prompt: the path being typed, or the overwrite question.
fn export_prompt(e: &ExportPrompt) -> String {
    match e {
        ExportPrompt::Path(p) => format!(" export briefing to: {}", with_cursor(p)),
        ExportPrompt::Confirm(p) => format!(" overwrite {}? (y/n)", clean_line(p)),
        ExportPrompt::Copy(p) => format!(
            " saved to {} · copy the Markdown to the terminal clipboard? (y/n)",
            clean_line(p)
        ),
    }
}

/// The line being typed with a block where the cursor is.
fn with_cursor(edit: &LineEdit) -> String {
    let (before, after) = edit.split();
    format!("{}█{}", clean_line(before), clean_line(after))
}

/// The briefing view's position.
fn brief_info(app: &App) -> String {
    match &app.brief {
        Some(v) => format!(
            " briefing │ {} │ item {}/{}",
            v.title(),
            (v.cursor + 1).min(v.doc.blocks.len()),
            v.doc.blocks.len()
        ),
        None => String::new(),
    }
}

/// Position, what is under the cursor, and the search counter.
fn info(app: &App) -> String {
    let an = &*app.analysis;
    let mut parts: Vec<String> = Vec::new();
    match app.focus {
        Pane::List => parts.push(format!(
            "article {}/{}",
            if app.list_rows.is_empty() {
                0
            } else {
                app.list.sel + 1
            },
            app.list_rows.len()
        )),
        Pane::Timeline => {
            parts.push(format!(
                "event {}/{}",
                if app.timeline_rows.is_empty() {
                    0
                } else {
                    app.timeline.sel + 1
                },
                app.timeline_rows.len()
            ));
            // the row's names in full: the timeline shortens them to its width
            if let Some(t) = app
                .timeline_rows
                .get(app.timeline.sel)
                .and_then(|&i| an.timeline.get(i))
            {
                let side = |names: &[crate::analysis::Name]| {
                    if names.is_empty() {
                        "?".to_string()
                    } else {
                        clean_line(&names.join(", "))
                    }
                };
                parts.push(format!(
                    "{} {} → {}",
                    t.kind,
                    side(&t.actors),
                    side(&t.targets)
                ));
            }
        }
        Pane::Detail => {
            let total = app.wrapped.as_ref().map(|w| w.lines.len()).unwrap_or(0);
            parts.push(format!(
                "article {}/{} · line {}/{}",
                app.reader.article + 1,
                an.articles.len(),
                app.cursor_line() + 1,
                total
            ));
            let aa = an.analyses.get(app.reader.article);
            if let (Some(aa), Some(m)) = (aa, app.cursor_mention())
                && let Some(e) = aa.mentions.get(m).and_then(|m| aa.entities.get(m.index()))
            {
                {
                    parts.push(format!("{} ({})", clean_line(&e.name), e.kind));
                }
            }
            if let (Some(aa), Some(ei)) = (aa, app.cursor_event())
                && let Some(e) = aa.events.get(ei)
            {
                {
                    let date = e
                        .date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "undated".into());
                    let mut s = format!(
                        "{} {} · {} · {date} · sev {:.0}",
                        app.config.theme.glyph(e.kind),
                        e.kind,
                        e.status,
                        e.severity
                    );
                    if !e.actors.is_empty() || !e.targets.is_empty() {
                        s.push_str(&format!(
                            " · {} → {}",
                            clean_line(&e.actors.join(", ")),
                            clean_line(&e.targets.join(", "))
                        ));
                    }
                    parts.push(s);
                }
            }
        }
    }
    if let Some(s) = search_part(app) {
        parts.insert(1.min(parts.len()), s);
    }
    format!(" {}", parts.join(" │ "))
}

/// The search counter ("/mali 3/14") or the corpus search summary.
fn search_part(app: &App) -> Option<String> {
    if let Some(s) = &app.search {
        if app.focus == Pane::Detail {
            let cur = s
                .current
                .map(|c| (c + 1).to_string())
                .unwrap_or_else(|| "-".into());
            return Some(format!(
                "/{} {cur}/{}",
                clean_line(&s.query),
                s.matches.len()
            ));
        } else if let Some(q) = &app.corpus_query {
            return Some(format!(
                "/{} {}/{} articles",
                clean_line(q),
                (app.list.sel + 1).min(app.list_rows.len()),
                app.list_rows.len()
            ));
        }
    }
    None
}

/// The keys that apply now.
fn hints(app: &App) -> String {
    let km = &app.config.keymap;
    let mode = app.mode();
    let k = |a: Action| km.label(mode, a).unwrap_or_default();
    let pairs: Vec<(String, &str)> = if let Some(ExportPrompt::Confirm(_)) = &app.export {
        vec![("y".into(), "overwrite"), ("n".into(), "cancel")]
    } else if let Some(ExportPrompt::Copy(_)) = &app.export {
        vec![("y".into(), "copy"), ("n".into(), "no")]
    } else if mode == Mode::Prompt {
        let accept = if app.export.is_some() {
            "save"
        } else {
            "search"
        };
        vec![
            (k(Action::Accept), accept),
            (k(Action::Cancel), "cancel"),
            (k(Action::DeleteBack), "erase"),
            (k(Action::ClearLine), "clear"),
        ]
    } else if let Some(p) = &app.popup {
        let mut v = vec![(
            format!("{}/{}", k(Action::MoveDown), k(Action::MoveUp)),
            "move",
        )];
        if p.kind != PopupKind::Help {
            v.push((k(Action::Open), "go"));
        }
        v.push((k(Action::Close), "close"));
        v
    } else if app.brief_open {
        vec![
            (
                format!("{}/{}", k(Action::MoveDown), k(Action::MoveUp)),
                "move",
            ),
            (k(Action::Open), "go to passage"),
            (k(Action::Close), "close"),
            (k(Action::Export), "export"),
            (k(Action::Filter), "filter"),
            (
                format!("{}/{}", k(Action::PageDown), k(Action::PageUp)),
                "page",
            ),
            (format!("{}/{}", k(Action::Top), k(Action::Bottom)), "ends"),
            (k(Action::Help), "help"),
        ]
    } else {
        let mut v = vec![(
            format!("{}/{}", k(Action::MoveDown), k(Action::MoveUp)),
            "move",
        )];
        match app.focus {
            Pane::List => {
                v.push((k(Action::Open), "read"));
                v.push((k(Action::Search), "search all"));
                v.push((k(Action::Filter), "filter"));
                v.push((k(Action::Sort), "sort"));
            }
            Pane::Timeline => {
                v.push((k(Action::Open), "go to passage"));
                v.push((k(Action::Filter), "filter"));
                v.push((k(Action::Sort), "sort"));
            }
            Pane::Detail => {
                v.push((
                    format!("{}{}", k(Action::NextEvent), k(Action::PrevEvent)),
                    "event",
                ));
                v.push((
                    format!("{}{}", k(Action::NextParagraph), k(Action::PrevParagraph)),
                    "para",
                ));
                v.push((
                    format!("{}/{}", k(Action::NextMention), k(Action::PrevMention)),
                    "entity",
                ));
                v.push((k(Action::Related), "related"));
                v.push((k(Action::Mentions), "mentions"));
                v.push((k(Action::Search), "search"));
                if app.search.is_some() {
                    v.push((
                        format!("{}/{}", k(Action::SearchNext), k(Action::SearchPrev)),
                        "match",
                    ));
                }
            }
        }
        if !app.jumps.entries.is_empty() {
            v.push((k(Action::JumpBack), "back"));
        }
        v.push((k(Action::FocusNext), "pane"));
        v.push((k(Action::Help), "help"));
        v.push((k(Action::Quit), "quit"));
        v
    };
    let text: Vec<String> = pairs
        .into_iter()
        .map(|(key, what)| format!("{key} {what}"))
        .collect();
    format!(" {}", text.join("  "))
}
