//! `x`: saving the briefing of the current filter as Markdown. A one-line path prompt in the
//! status bar, pre-filled with `sitrep-brief-YYYY-MM-DD.md` (today from the reader's clock, a
//! function the tests replace), then, when the file exists, an overwrite question. Writing goes
//! through [`crate::briefing::export_markdown`] (atomic); errors end up in the status bar.

use super::app::App;
use super::keymap::Key;
use super::line_edit::LineEdit;
use crate::briefing;
use crate::date::DateValue;
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// Longest path the prompt accepts, in bytes.
pub const MAX_PATH: usize = 4096;

/// The export prompt's two steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportPrompt {
    /// Editing the path.
    Path(LineEdit),
    /// The file exists: "overwrite PATH? (y/n)".
    Confirm(String),
}

/// Today's date (UTC) from the system clock: the reader's default clock.
pub fn system_today() -> DateValue {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    DateValue::from_days((secs / 86_400) as i64)
}

impl App {
    /// `x`: opens the path prompt, pre-filled with the default file name.
    pub fn start_export(&mut self) {
        let name = briefing::default_export_name((self.clock)());
        self.export = Some(ExportPrompt::Path(LineEdit::new(&name, MAX_PATH)));
    }

    /// A key for the overwrite question: `y` writes, anything else keeps the file (Ctrl-c quits).
    pub fn confirm_key(&mut self, key: Key) -> bool {
        let Some(ExportPrompt::Confirm(path)) = self.export.take() else {
            return false;
        };
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') if !key.ctrl => self.write_export(&path, true),
            KeyCode::Char('c') if key.ctrl => self.quit = true,
            _ => self.say(format!("not overwritten: {path}")),
        }
        true
    }

    pub(super) fn confirm_path(&mut self, text: &str) {
        let path = text.trim().to_string();
        if path.is_empty() {
            self.say("export cancelled: no file name");
            return;
        }
        if PathBuf::from(&path).exists() {
            self.export = Some(ExportPrompt::Confirm(path));
        } else {
            self.write_export(&path, false);
        }
    }

    fn write_export(&mut self, path: &str, overwrite: bool) {
        let b = self.current_briefing();
        match briefing::export_markdown(&b, &PathBuf::from(path), overwrite) {
            Ok(()) => self.say(format!("briefing saved to {path}")),
            Err(e) => self.say(format!("cannot export to {path}: {e:#}")),
        }
    }
}
