//! The terminal: raw mode and the alternate screen entered once, restored on every exit (quit,
//! error, panic through a hook, SIGTERM and SIGHUP through a flag checked in the event loop).
//! Frames are drawn only after something changed, each inside a synchronized update.

use super::app::App;
use super::keymap::Key;
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

/// Runs the event loop until quit or a terminating signal.
pub fn run_loop(app: &mut App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut ids = Vec::new();
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        ids.push(
            signal_hook::flag::register(sig, Arc::clone(&stop)).context("cannot watch signals")?,
        );
    }
    let result = {
        let _guard = Guard::enter()?;
        event_loop(app, &stop)
    };
    for id in ids {
        signal_hook::low_level::unregister(id);
    }
    result
}

fn event_loop(app: &mut App, stop: &AtomicBool) -> Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.hide_cursor()?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    draw(&mut terminal, app)?;
    while !stop.load(Ordering::Relaxed) {
        if !event::poll(Duration::from_millis(250))? {
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
            draw(&mut terminal, app)?;
        }
    }
    Ok(())
}
