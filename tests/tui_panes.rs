//! Panes drawn into `Buffer`s: what is highlighted and how, with and without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use sitrep::analysis::Analysis;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::layout::{self, Pane};
use sitrep::tui::{ColorMode, fixture, ui};

fn open(an: &Analysis, id: &str, mode: ColorMode) -> App {
    let mut app = App::new(an.clone(), Config::builtin(mode));
    app.resize(120, 40);
    let i = an.articles.iter().position(|a| a.id == id).unwrap();
    app.list.sel = app.list_rows.iter().position(|&a| a == i).unwrap();
    app.handle_key(Key::parse("enter").unwrap());
    app
}

/// Finds the first cell position where `text` starts on screen.
fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    let lines = fixture::buffer_text(buf);
    for (y, line) in lines.lines().enumerate() {
        if let Some(col) = line.find(text) {
            let x = sitrep::tui::text::width(&line[..col]);
            return Some((x as u16, y as u16));
        }
    }
    None
}

fn detail_buffer_at(app: &App, area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    ui::draw_detail(app, area, &mut buf);
    buf
}

fn detail_buffer(app: &App) -> Buffer {
    let area = Rect::new(0, 0, 80, 20);
    let mut buf = Buffer::empty(area);
    ui::draw_detail(app, area, &mut buf);
    buf
}

#[test]
fn without_colour_highlights_keep_their_attributes() {
    let an = fixture::analysis();
    let mut app = open(&an, "watan-pantsir", ColorMode::Never);
    app.apply_search("presence", Pane::Detail);
    let buf = detail_buffer(&app);
    let text = fixture::buffer_text(&buf);
    assert!(text.contains("Pantsir S-1"), "{text}");
    // an entity: bold, no colour
    let (x, y) = find(&buf, "Pantsir").unwrap();
    let cell = &buf[(x, y)];
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert_eq!(cell.fg, Color::Reset);
    // plain text: nothing
    let (x, y) = find(&buf, "strengthened").unwrap();
    assert!(buf[(x, y)].modifier.is_empty());
    // a trigger: underlined
    let (x, y) = find(&buf, "deploying").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // the current search match: reversed
    let (x, y) = find(&buf, "presence").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // event lines carry the kind glyph and the status glyph in the gutter
    let theme = &app.config.theme;
    let (_, y) = find(&buf, "shot down").unwrap();
    let g = buf[(2, y)].symbol().to_string();
    assert_eq!(g, theme.glyph(sitrep::analysis::EventKind::Shootdown));
    assert_eq!(
        buf[(3, y)].symbol(),
        theme.status_glyph(sitrep::analysis::Status::Reported)
    );
    // potential and proposed statuses show their own glyphs
    assert!(text.contains(theme.status_glyph(sitrep::analysis::Status::Potential)));
    assert!(text.contains(theme.status_glyph(sitrep::analysis::Status::Proposed)));
}

#[test]
fn with_colour_entities_are_coloured_by_kind_and_events_by_severity() {
    let an = fixture::analysis();
    let app = open(&an, "watan-pantsir", ColorMode::Ansi16);
    let buf = detail_buffer(&app);
    let theme = &app.config.theme;
    let (x, y) = find(&buf, "Pantsir").unwrap();
    assert_eq!(
        Some(buf[(x, y)].fg),
        theme
            .entity(sitrep::analysis::EntityKind::Equipment)
            .fg
            .or(Some(Color::Reset))
    );
    let (x, y) = find(&buf, "CSP-JNIM").unwrap();
    assert_eq!(
        Some(buf[(x, y)].fg),
        theme.entity(sitrep::analysis::EntityKind::ArmedGroup).fg
    );
    let (_, y) = find(&buf, "shot down").unwrap();
    assert_eq!(Some(buf[(2, y)].fg), theme.severity_style(-8.5).fg);
    assert_ne!(buf[(2, y)].fg, Color::Reset);
}

#[test]
fn an_event_shows_its_glyph_where_its_sentence_begins_or_on_the_top_line_and_a_bar_below() {
    let an = fixture::analysis();
    for id in ["watan-pantsir", "icg-report"] {
        let mut app = open(&an, id, ColorMode::Never);
        let i = app.reader.article;
        let lines = app.wrapped.as_ref().unwrap().lines.clone();
        let area = Rect::new(0, 0, 80, 20);
        let text_area = layout::detail_text(area);
        // Each top line in turn, a sentence's first line scrolled away included.
        for top in 0..lines.len() {
            app.reader.top = lines[top].start;
            app.reader.cursor = lines[top].start;
            let buf = detail_buffer(&app);
            let shown = lines[app.top_line()..]
                .iter()
                .take(usize::from(text_area.height));
            for (row, line) in shown.enumerate() {
                let span = sitrep::corpus::Span::new(line.start, line.end.max(line.start + 1));
                let worst = |f: &dyn Fn(&&sitrep::analysis::Event) -> bool| {
                    an.analyses[i]
                        .events
                        .iter()
                        .filter(f)
                        .min_by(|a, b| a.severity.total_cmp(&b.severity))
                };
                let begins = worst(&|e| span.contains(e.span.start()));
                let inside = worst(&|e| e.span.overlaps(&span));
                let want = match (line.blank, begins, inside) {
                    (true, _, _) => " ",
                    (false, Some(e), _) => app.config.theme.glyph(e.kind),
                    (false, None, Some(e)) if row == 0 => app.config.theme.glyph(e.kind),
                    (false, None, Some(_)) => "│",
                    (false, None, None) => " ",
                };
                let y = text_area.y + row as u16;
                assert_eq!(buf[(2, y)].symbol(), want, "{id}: top {top}, row {row}");
            }
        }
    }
}

#[test]
fn the_cursor_line_is_marked_and_the_header_names_the_article() {
    let an = fixture::analysis();
    let mut app = open(&an, "icg-report", ColorMode::Never);
    app.handle_key(Key::ch('j'));
    let buf = detail_buffer(&app);
    let text = fixture::buffer_text(&buf);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].contains("Crisis Group warns"));
    assert!(lines[2].contains("Crisis Group · 2025-03-10 · 7 events"));
    let marked: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains('▶'))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(marked, vec![4], "{text}");
}

#[test]
fn list_and_timeline_rows_show_what_the_spec_asks() {
    let an = fixture::analysis();
    let app = open(&an, "icg-report", ColorMode::Never);
    let area = Rect::new(0, 0, 90, 14);
    let mut buf = Buffer::empty(area);
    ui::draw_list(&app, area, &mut buf);
    let text = fixture::buffer_text(&buf);
    assert!(text.contains("[H] Crisis Group warns"), "{text}");
    assert!(text.contains("Crisis Group · 2025-03-10 · 7 events"));
    assert!(text.contains("Agence Sahel · not before 2024-07 · 3 events"));
    // hostile titles are shown, defused
    assert!(text.contains("?[31mBREAKING"));
    assert!(!text.contains('\u{1b}'));
    let mut buf = Buffer::empty(Rect::new(0, 0, 90, 30));
    ui::draw_timeline(&app, Rect::new(0, 0, 90, 30), &mut buf);
    let text = fixture::buffer_text(&buf);
    let rows: Vec<&str> = text.lines().skip(1).filter(|l| l.len() > 3).collect();
    assert!(rows[0].contains("2005"), "{text}");
    assert!(
        text.contains("2024-04-01 v● [H] shootdown          Algeria → Mali"),
        "{text}"
    );
    assert!(text.contains("2 src"));
    let first_undated = rows.iter().position(|l| l.contains("undated")).unwrap();
    assert!(
        rows[first_undated..].iter().all(|l| !l.contains("│20")),
        "{text}"
    );
}

#[test]
fn status_bar_names_what_is_under_the_cursor() {
    let an = fixture::analysis();
    let mut app = open(&an, "watan-pantsir", ColorMode::Never);
    for k in ["]", "]", "]"] {
        app.handle_key(Key::parse(k).unwrap());
    }
    let buf = fixture::render(&mut app, 200, 60);
    let text = fixture::buffer_text(&buf);
    let status = text.lines().nth(58).unwrap();
    assert!(status.contains("article 1/5 · line 4/10"), "{status}");
    assert!(
        status.contains("shootdown · reported · 2024-04-01"),
        "{status}"
    );
    assert!(
        status.contains("Algerian") || status.contains("Algeria (country)"),
        "{status}"
    );
    let keys = text.lines().nth(59).unwrap();
    assert!(
        keys.contains("r related") && keys.contains("q quit"),
        "{keys}"
    );
}

#[test]
fn layouts_match_the_size() {
    let an = fixture::analysis();
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    let text = fixture::buffer_text(&fixture::render(&mut app, 80, 24));
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("1 Articles   2 Reader   3 Timeline")
    );
    assert!(!text.contains("Timeline 1"));
    let text = fixture::buffer_text(&fixture::render(&mut app, 39, 20));
    assert!(text.contains("terminal too small"));
    let text = fixture::buffer_text(&fixture::render(&mut app, 200, 60));
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("1 Articles") && first.contains("2 Reader"),
        "side by side"
    );
    let text = fixture::buffer_text(&fixture::render(&mut app, 100, 40));
    let titles: Vec<usize> = ["1 Articles", "2 Reader", "3 Timeline"]
        .iter()
        .map(|t| text.lines().position(|l| l.contains(t)).unwrap())
        .collect();
    assert!(titles[0] < titles[1] && titles[1] < titles[2], "stacked");
    assert_eq!(layout::mode_for(100, 40), layout::Mode::Stacked);
}

/// The screen cell of body offset `offset` on the reader's visible lines, in a pane at `area`.
fn cell_of(app: &App, area: Rect, offset: usize) -> (u16, u16) {
    let text = layout::detail_text(area);
    let wr = app.wrapped.as_ref().expect("wrapped");
    let line = wr.line_at(offset);
    let l = &wr.lines[line];
    let x = sitrep::tui::text::width(&wr.text[l.start..offset]) as u16;
    (text.x + x, text.y + (line - app.top_line()) as u16)
}

#[test]
fn enter_on_a_corpus_search_hit_lands_on_its_first_match() {
    let an = fixture::analysis();
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    app.resize(120, 40);
    app.apply_search("disinformation", Pane::List);
    app.handle_key(Key::parse("enter").unwrap());
    assert_eq!(app.focus, Pane::Detail);
    let s = app
        .search
        .as_ref()
        .expect("the search goes on in the article");
    assert_eq!(s.current, Some(0), "the first match is the current one");
    let m = s.matches[0];
    let line = app.cursor_span().unwrap();
    assert!(line.start() <= m.start() && m.start() <= line.end());
    assert!(app.cursor_line() > 0, "not left on the first line");
}

#[test]
fn walking_events_says_which_shows_the_whole_event_and_marks_its_trigger() {
    let an = fixture::analysis();
    let mut app = open(&an, "watan-pantsir", ColorMode::Never);
    let aa = &an.analyses[app.reader.article];
    let n = aa.events.len();
    assert!(n >= 3);
    app.handle_key(Key::ch(']'));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("event 1/{n}").as_str())
    );
    app.handle_key(Key::ch(']'));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("event 2/{n}").as_str())
    );
    let e = &aa.events[app.reader.event.expect("an event reached")];
    let area = Rect::new(0, 0, 80, 30);
    let buf = detail_buffer_at(&app, area);
    let text = fixture::buffer_text(&buf);
    let panel: String = text
        .lines()
        .skip_while(|l| !l.contains(&format!("event 2/{n}")))
        .collect::<Vec<_>>()
        .join(" ");
    for part in [
        e.kind.as_str().to_string(),
        format!("({})", e.kind.family()),
        e.status.to_string(),
        "severity".to_string(),
    ] {
        assert!(panel.contains(&part), "{part} not in the panel: {panel}");
    }
    let (x, y) = cell_of(&app, area, e.trigger.start());
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "trigger marked"
    );
    // the other triggers keep their plain mark
    let other = aa
        .events
        .iter()
        .find(|o| !o.trigger.overlaps(&e.trigger))
        .unwrap();
    if app.wrapped.as_ref().unwrap().line_at(other.trigger.start()) >= app.top_line() {
        let (x, y) = cell_of(&app, area, other.trigger.start());
        assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn the_gutter_marks_where_each_event_sentence_begins_and_runs_not_the_paragraph() {
    let an = fixture::analysis();
    let app = open(&an, "watan-pantsir", ColorMode::Never);
    let aa = &an.analyses[app.reader.article];
    let area = Rect::new(0, 0, 80, 30);
    let buf = detail_buffer_at(&app, area);
    let text = layout::detail_text(area);
    let wr = app.wrapped.as_ref().unwrap();
    let (mut glyphs, mut bars) = (0, 0);
    for (row, line) in wr.lines.iter().enumerate().skip(app.top_line()) {
        let y = text.y + (row - app.top_line()) as u16;
        if y >= text.bottom() {
            break;
        }
        let mark = buf[(text.x - 3, y)].symbol().to_string();
        let span = line.covers();
        let begins =
            aa.events.iter().any(|e| span.contains(e.span.start())) || row == app.top_line();
        let inside = aa.events.iter().any(|e| e.span.overlaps(&span));
        match mark.as_str() {
            "│" => {
                assert!(inside && !begins, "bar on row {row}");
                bars += 1;
            }
            " " => assert!(
                !inside || line.blank,
                "no mark on row {row} inside a sentence"
            ),
            _ => {
                assert!(begins, "glyph {mark} on row {row} where no sentence begins");
                glyphs += 1;
            }
        }
    }
    assert!(glyphs >= 3 && bars >= 1, "glyphs {glyphs}, bars {bars}");
}

#[test]
fn the_entity_under_the_cursor_is_marked_in_the_text() {
    let an = fixture::analysis();
    let mut app = open(&an, "watan-pantsir", ColorMode::Never);
    let area = Rect::new(0, 0, 80, 30);
    let aa = &an.analyses[app.reader.article];
    let mut seen = Vec::new();
    for _ in 0..2 {
        app.handle_key(Key::ch('e'));
        let m = aa.mentions[app.cursor_mention().expect("a mention")].span;
        seen.push(m);
        let buf = detail_buffer_at(&app, area);
        let (x, y) = cell_of(&app, area, m.start());
        assert!(
            buf[(x, y)].modifier.contains(Modifier::REVERSED),
            "{m:?} marked"
        );
        for other in &seen[..seen.len() - 1] {
            if app.wrapped.as_ref().unwrap().line_at(other.start()) >= app.top_line() {
                let (x, y) = cell_of(&app, area, other.start());
                assert!(
                    !buf[(x, y)].modifier.contains(Modifier::REVERSED),
                    "{other:?} left"
                );
            }
        }
    }
    assert_ne!(seen[0], seen[1]);
}

#[test]
fn an_article_past_the_analysis_budget_says_so_in_its_header() {
    // One sentence with no full stop, longer than the event scan's budget.
    let words = sitrep::analysis::budget::EVENT_BYTES / 5 + 20_000;
    let body = "word ".repeat(words);
    let long = sitrep::corpus::article_from_text("long", "A long log", &body, None);
    let short = sitrep::corpus::article_from_text("short", "Short", "Troops attacked Gao.", None);
    let vocab = sitrep::analysis::Vocab::builtin().unwrap();
    let an = sitrep::analysis::analyze(vec![long, short], &vocab);
    let wide = Rect::new(0, 0, 300, 12);
    let app = open(&an, "long", ColorMode::Never);
    let text = fixture::buffer_text(&detail_buffer_at(&app, wide));
    assert!(
        text.contains("analysis cut short: events read in the first"),
        "{text}"
    );
    // An ordinary article carries no such note.
    let app = open(&an, "short", ColorMode::Never);
    let text = fixture::buffer_text(&detail_buffer_at(&app, wide));
    assert!(!text.contains("cut short"), "{text}");
}
