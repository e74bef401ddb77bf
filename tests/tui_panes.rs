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
fn every_visible_line_of_an_event_carries_its_glyph_at_any_scroll() {
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
                let event = an.analyses[i]
                    .events
                    .iter()
                    .filter(|e| e.span.overlaps(&span))
                    .min_by(|a, b| a.severity.total_cmp(&b.severity));
                let want = match (line.blank, event) {
                    (false, Some(e)) => app.config.theme.glyph(e.kind),
                    _ => " ",
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
