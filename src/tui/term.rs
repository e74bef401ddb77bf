//! The terminal: raw mode and the alternate screen entered once, restored on every exit (quit,
//! error, panic through a hook, SIGTERM and SIGHUP through a flag checked in the event loop).
//! Frames are drawn only after something changed, each inside a synchronized update.

use super::app::App;
use super::keymap::Key;
use super::stages::{Shown, Update};
use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};
use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// Puts the terminal back as it was: leaves the alternate screen, shows the cursor, cooked mode.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Owns the terminal setup; dropping it restores the terminal.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Enters raw mode and the alternate screen, hides the cursor, installs the panic hook.
    pub fn enter() -> Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode().context("cannot put the terminal in raw mode")?;
        let guard = Guard { _private: () };
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
            .context("cannot enter the alternate screen")?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        let _ = std::panic::take_hook();
    }
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| {
        let area = f.area();
        super::ui::draw(app, area, f.buffer_mut());
    })?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

type Screen = Terminal<CrosstermBackend<Stdout>>;

/// Why an event loop returned.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    /// The user quit, or a terminating signal arrived.
    Quit,
    /// The watch said ready.
    Ready,
}

/// Runs the event loop until quit or a terminating signal.
pub fn run_loop(app: &mut App) -> Result<()> {
    session(|terminal, stop| event_loop(terminal, app, stop, None).map(drop))
}

/// Runs `first`, a reader over part of the corpus or over its bare articles, while the rest is
/// made elsewhere; each stage that arrives on `pending` takes its place (see
/// [`App::next_stage`]). Keys are handled all along; `pending` is looked at between them, every
/// 50 ms.
pub fn run_loop_while_loading(first: App, pending: Receiver<Update>) -> Result<()> {
    session(|terminal, stop| follow_stages(terminal, first, &pending, stop))
}

/// Runs `app` until quit or the next stage, then goes on over that one (a stage's analysis
/// lives in its own call, which the reader over it borrows).
fn follow_stages(
    terminal: &mut Screen,
    mut app: App,
    pending: &Receiver<Update>,
    stop: &AtomicBool,
) -> Result<()> {
    if app.loading.is_none() && app.analysis.analysed {
        return event_loop(terminal, &mut app, stop, None).map(drop);
    }
    let mut next: Option<Shown> = None;
    let mut watch = |app: &mut App| {
        let mut seen = Watch::Nothing;
        loop {
            match pending.try_recv() {
                Ok(Update::Read(l)) => {
                    app.loading = Some(l);
                    seen = Watch::Changed;
                }
                Ok(Update::Stage(s)) => {
                    next = Some(*s);
                    return Watch::Ready;
                }
                Err(TryRecvError::Empty) => return seen,
                Err(TryRecvError::Disconnected) => return Watch::Ready,
            }
        }
    };
    if event_loop(terminal, &mut app, stop, Some(&mut watch))? == Ended::Quit {
        return Ok(());
    }
    let Some(shown) = next else {
        app.message = Some(if app.loading.is_some() {
            "the loading failed: showing the articles read so far".into()
        } else {
            "the analysis failed: showing the articles only".into()
        });
        return event_loop(terminal, &mut app, stop, None).map(drop);
    };
    let app = app.next_stage(&shown);
    follow_stages(terminal, app, pending, stop)
}

/// What a watch over work done elsewhere saw (see [`event_loop`]).
#[derive(Debug, PartialEq, Eq)]
enum Watch {
    Nothing,
    /// Something the reader shows changed: draw again.
    Changed,
    /// The event loop should return.
    Ready,
}

/// Enters the terminal (restored on every exit), watches SIGTERM and SIGHUP, and runs `f`.
fn session(f: impl FnOnce(&mut Screen, &AtomicBool) -> Result<()>) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut ids = Vec::new();
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        ids.push(
            signal_hook::flag::register(sig, Arc::clone(&stop)).context("cannot watch signals")?,
        );
    }
    let result = Guard::enter().and_then(|_guard| {
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        terminal.hide_cursor()?;
        f(&mut terminal, &stop)
    });
    for id in ids {
        signal_hook::low_level::unregister(id);
    }
    result
}

/// Draws `app`, then handles keys and resizes, drawing after each batch that changed
/// something, until quit, a signal, or `watch` says ready (asked between batches, at least
/// every 50 ms; it may change the app, which is then drawn again).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    stop: &AtomicBool,
    mut watch: Option<&mut dyn FnMut(&mut App) -> Watch>,
) -> Result<Ended> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    draw(terminal, app)?;
    while !stop.load(Ordering::Relaxed) {
        match watch.as_mut().map(|w| w(app)) {
            Some(Watch::Ready) => return Ok(Ended::Ready),
            Some(Watch::Changed) => draw(terminal, app)?,
            Some(Watch::Nothing) | None => {}
        }
        let tick = if watch.is_some() { 50 } else { 250 };
        if !event::poll(Duration::from_millis(tick))? {
            continue;
        }
        let mut dirty = false;
        // Take everything already queued, then draw once.
        loop {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    dirty |= app.handle_key(Key::from_event(&k));
                }
                Event::Resize(w, h) => {
                    app.resize(w, h);
                    dirty = true;
                }
                _ => {}
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        if app.quit {
            break;
        }
        if dirty {
            draw(terminal, app)?;
        }
    }
    Ok(Ended::Quit)
}
