//! Every layout (each focus, each popup, the prompt, the briefing view and the export prompt)
//! at sizes from 1×1 to 250×80 draws without a
//! panic and keeps the reader state consistent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::{ColorMode, fixture, ui};

fn widths() -> Vec<u16> {
    let mut v: Vec<u16> = (1..=10).collect();
    v.extend([
        17, 25, 39, 40, 41, 60, 79, 80, 81, 100, 119, 120, 121, 160, 199, 200, 250,
    ]);
    v
}

fn heights() -> Vec<u16> {
    let mut v: Vec<u16> = (1..=10).collect();
    v.extend([13, 14, 16, 23, 24, 25, 40, 60, 80]);
    v
}

const STATES: [&str; 13] = [
    "1", "2", "3", "2 } r", "2 e *", "f", "?", "2 /", "3 enter", "b", "b G", "b x", "b ?",
];

#[test]
fn every_layout_draws_at_every_size() {
    let an = fixture::analysis();
    let mut drawn = 0;
    for keys in STATES {
        for article in 0..an.articles.len() {
            if article > 0 && keys != "2" {
                continue;
            }
            let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
            app.list.sel = article;
            app.handle_key(Key::parse("enter").unwrap());
            for k in keys.split(' ') {
                app.handle_key(Key::parse(k).unwrap());
            }
            for &w in &widths() {
                for &h in &heights() {
                    app.resize(w, h);
                    let area = Rect::new(0, 0, w, h);
                    let mut buf = Buffer::empty(area);
                    ui::draw(&app, area, &mut buf);
                    drawn += 1;
                    if let (true, Some(v)) = (app.brief_open, &app.brief) {
                        assert!(v.cursor < v.doc.blocks.len().max(1), "{keys} {w}x{h}");
                        assert!(v.top <= v.doc.rows.len(), "{keys} {w}x{h}");
                    }
                    if app.wrapped.as_ref().is_some_and(|wr| !wr.lines.is_empty()) {
                        assert!(app.cursor_line() >= app.top_line(), "{keys} {w}x{h}");
                    }
                }
            }
        }
    }
    assert!(drawn > 6000);
}
