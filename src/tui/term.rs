//! The terminal: raw mode and the alternate screen entered once, restored on every exit (quit,
//! error, panic through a hook, SIGTERM and SIGHUP through a flag checked in the event loop).
//! Frames are drawn only after something changed, each inside a synchronized update.

use super::app::App;
use super::keymap::Key;
use crate::analysis::Analysis;
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
    /// `ready` answered true.
    Ready,
}

/// Runs the event loop until quit or a terminating signal.
pub fn run_loop(app: &mut App) -> Result<()> {
    session(|terminal, stop| event_loop(terminal, app, stop, None).map(drop))
}

/// Runs `first`, a reader over the bare articles, while their analysis is made elsewhere; when
/// it arrives on `pending`, the same reader goes on over it (see [`App::rebind`]). Keys are
/// handled all along; the analysis is looked for between them, every 50 ms.
pub fn run_loop_while_analysing(first: App, pending: Receiver<Analysis>) -> Result<()> {
    session(|terminal, stop| {
        let mut app = first;
        let mut full: Option<Analysis> = None;
        let mut ready = || match pending.try_recv() {
            Ok(a) => {
                full = Some(a);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => true,
        };
        if event_loop(terminal, &mut app, stop, Some(&mut ready))? == Ended::Quit {
            return Ok(());
        }
        let Some(analysis) = full else {
            app.message = Some("the analysis failed: showing the articles only".into());
            return event_loop(terminal, &mut app, stop, None).map(drop);
        };
        let mut app = app.rebind(&analysis);
        if app
            .message
            .as_deref()
            .is_some_and(|m| m.contains(ANALYSING))
        {
            app.message = None;
        }
        event_loop(terminal, &mut app, stop, None).map(drop)
    })
}

/// Said by the messages that speak of the analysis still running (gone once it is in).
pub const ANALYSING: &str = "still analysing";

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
/// something, until quit, a signal, or `ready()` (asked between batches, at least every 50 ms).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    stop: &AtomicBool,
    mut ready: Option<&mut dyn FnMut() -> bool>,
) -> Result<Ended> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    draw(terminal, app)?;
    while !stop.load(Ordering::Relaxed) {
        if ready.as_mut().is_some_and(|r| r()) {
            return Ok(Ended::Ready);
        }
        let tick = if ready.is_some() { 50 } else { 250 };
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
