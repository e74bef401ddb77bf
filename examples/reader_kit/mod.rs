//! Driving the reader without a terminal, for `benches/pipeline.rs` and
//! `examples/reader_probe.rs`: an [`App`] on a chosen article and pane at a chosen size, one frame
//! drawn into a ratatui `TestBackend`, and the bytes a crossterm backend writes for a one-line
//! scroll (drawn the way the reader's event loop draws: inside a synchronized update).

use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use sitrep::analysis::Analysis;
use sitrep::tui::ColorMode;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::layout::Pane;
use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::Arc;

/// Index of the article with the longest body.
pub fn largest_article(an: &Analysis) -> usize {
    an.articles
        .iter()
        .enumerate()
        .max_by_key(|(_, a)| a.body.len())
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// A reader of `w`×`h` showing article `article` with `pane` focused and the reader's cursor in
/// the middle of the body (so the visible lines are a real slice of a long article).
pub fn app_on(an: &Arc<Analysis>, article: usize, pane: Pane, w: u16, h: u16) -> App {
    let mut app = App::new(Arc::clone(an), Config::builtin(ColorMode::TrueColor));
    app.resize(w, h);
    app.set_focus(Pane::Detail);
    app.show_article(article);
    let mid = an.articles.get(article).map_or(0, |a| a.body.len() / 2);
    app.reader.cursor = mid;
    app.keep_cursor_visible(true);
    app.set_focus(pane);
    app
}

/// A TestBackend terminal of `w`×`h`.
pub fn test_terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("test terminal: {e}"),
    }
}

/// Draws one whole frame of `app` (the reader's own drawing into the frame's buffer, then
/// ratatui's diff against the previous frame and the backend update).
pub fn frame<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>, app: &App) {
    let drawn = terminal.draw(|f| {
        let area = f.area();
        sitrep::tui::ui::draw(app, area, f.buffer_mut());
    });
    if drawn.is_err() {
        panic!("drawing a frame failed");
    }
}

/// A writer that only counts bytes (shared, so the count can be read while a backend owns it).
#[derive(Clone, Default)]
pub struct Counter {
    pub bytes: Rc<Cell<usize>>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One frame as the reader's event loop draws it, onto a crossterm backend.
fn crossterm_frame(terminal: &mut Terminal<CrosstermBackend<Counter>>, app: &App) {
    let begun = queue!(terminal.backend_mut(), BeginSynchronizedUpdate);
    frame(terminal, app);
    let ended = queue!(terminal.backend_mut(), EndSynchronizedUpdate);
    if begun.is_err() || ended.is_err() {
        panic!("writing to a counter failed");
    }
}

/// Bytes written for the first full frame and for a one-line scroll (`j` on the last visible
/// line of the reader, so the view moves by one line) at `w`×`h` on article `article`.
pub fn scroll_bytes(an: &Arc<Analysis>, article: usize, w: u16, h: u16) -> (usize, usize) {
    let mut app = app_on(an, article, Pane::Detail, w, h);
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let counter = Counter::default();
    let backend = CrosstermBackend::new(counter.clone());
    let mut terminal = match Terminal::with_options(backend, TerminalOptions { viewport }) {
        Ok(t) => t,
        Err(e) => panic!("crossterm terminal: {e}"),
    };
    // Put the cursor on the last visible line: the next line down scrolls the view.
    let rows = app.reader_rows() as isize;
    let below = app.top_line() as isize + rows - 1 - app.cursor_line() as isize;
    app.reader_lines(below);
    crossterm_frame(&mut terminal, &app);
    let first = counter.bytes.replace(0);
    // `j` skips the blank line between paragraphs, so a step may scroll by two: step until one
    // scrolls by exactly one line, and count the bytes of that step's frame.
    for _ in 0..100 {
        let top = app.top_line();
        app.reader_lines(1);
        crossterm_frame(&mut terminal, &app);
        let bytes = counter.bytes.replace(0);
        if app.top_line() == top + 1 {
            return (first, bytes);
        }
    }
    panic!("no step of one line down scrolled the view by exactly one line");
}
