//! Frames to any byte sink: the screen is drawn into a buffer, compared with the one shown, and
//! only the cells that changed are written, inside a synchronized update. A key that changes
//! nothing writes nothing.

use super::app::App;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate,
};
use ratatui::layout::Rect;
use std::io::{self, Write};

/// What is on a terminal of a given size, and the sink that reaches it.
pub struct Frames<W: Write> {
    backend: CrosstermBackend<W>,
    shown: Buffer,
    /// The screen must be cleared before the next frame (first frame, or a resize).
    clear: bool,
}

impl<W: Write> Frames<W> {
    /// A terminal of `width` × `height` cells behind `out`; the first frame clears it.
    pub fn new(out: W, width: u16, height: u16) -> Self {
        Self {
            backend: CrosstermBackend::new(out),
            shown: Buffer::empty(Rect::new(0, 0, width, height)),
            clear: true,
        }
    }

    /// The terminal's size changed: the next frame clears it and draws every cell.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.shown = Buffer::empty(Rect::new(0, 0, width, height));
        self.clear = true;
    }

    /// The size frames are drawn at.
    pub fn area(&self) -> Rect {
        self.shown.area
    }

    /// Writes what is not a frame (an OSC 52 clipboard string) and flushes it.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.backend.write_all(bytes)?;
        Backend::flush(&mut self.backend)
    }

    /// Draws `app` and writes the cells that differ from the last frame; `Ok(false)` when none
    /// did (nothing is written then).
    pub fn show(&mut self, app: &App) -> io::Result<bool> {
        let area = self.shown.area;
        let mut next = Buffer::empty(area);
        super::ui::draw(app, area, &mut next);
        let updates = self.shown.diff(&next);
        if updates.is_empty() && !self.clear {
            return Ok(false);
        }
        queue!(self.backend, BeginSynchronizedUpdate)?;
        if std::mem::take(&mut self.clear) {
            // `shown` is blank then, as the cleared screen is: the diff draws the rest
            queue!(self.backend, Clear(ClearType::All))?;
        }
        self.backend.draw(updates.into_iter())?;
        queue!(self.backend, EndSynchronizedUpdate)?;
        Backend::flush(&mut self.backend)?;
        self.shown = next;
        Ok(true)
    }
}
