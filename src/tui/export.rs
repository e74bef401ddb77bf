//! `x`: saving the briefing of the current filter as Markdown. A one-line path prompt in the
//! status bar, pre-filled with the full path of `sitrep-brief-YYYY-MM-DD.md` in the export folder
//! (the config's `[export] dir`, else the XDG download or documents folder, else the working
//! directory; today from the reader's clock, a function the tests replace), then, when the file
//! exists, an overwrite question, and once saved an offer to copy the Markdown to the terminal's
//! clipboard (OSC 52, which reaches the user's own machine over SSH; off with `clipboard =
//! false`). Writing goes through [`crate::briefing::export_markdown`] (atomic); errors end up in
//! the status bar, with the full path.

use super::app::App;
pub use super::app::ExportPrompt;
use super::config::{ExportSettings, expand_home};
use super::keymap::Key;
use super::line_edit::LineEdit;
use crate::briefing;
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// Longest path the prompt accepts, in bytes.
pub const MAX_PATH: usize = 4096;

/// Largest Markdown sent to the clipboard: terminals drop (or choke on) longer OSC 52 strings.
pub const MAX_CLIPBOARD: usize = 512 * 1024;

/// Where a file name without a folder is saved: the config's folder, else the XDG download
/// folder, else the documents folder, else the working directory.
pub fn export_folder(settings: &ExportSettings) -> PathBuf {
    if let Some(dir) = &settings.dir {
        return dir.clone();
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let user_dirs = config
        .and_then(|c| std::fs::read_to_string(c.join("user-dirs.dirs")).ok())
        .unwrap_or_default();
    ["DOWNLOAD", "DOCUMENTS"]
        .into_iter()
        .find_map(|key| {
            user_dir(&user_dirs, key, home.as_deref())
                .or_else(|| {
                    let fallback = if key == "DOWNLOAD" {
                        "Downloads"
                    } else {
                        "Documents"
                    };
                    home.as_ref().map(|h| h.join(fallback))
                })
                .filter(|d| d.is_dir())
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `XDG_<KEY>_DIR` from the environment, else from a `user-dirs.dirs` text
/// (`XDG_DOWNLOAD_DIR="$HOME/Downloads"`).
pub fn user_dir(user_dirs: &str, key: &str, home: Option<&Path>) -> Option<PathBuf> {
    let name = format!("XDG_{key}_DIR");
    let value = std::env::var(&name)
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| {
            user_dirs.lines().find_map(|line| {
                let v = line
                    .trim()
                    .strip_prefix(&name)?
                    .trim_start()
                    .strip_prefix('=')?;
                Some(v.trim().trim_matches('"').to_string())
            })
        })?;
    match (value.strip_prefix("$HOME"), home) {
        (Some(rest), Some(h)) => Some(h.join(rest.trim_start_matches('/'))),
        (Some(_), None) => None,
        (None, _) => Some(PathBuf::from(value)),
    }
}

/// The OSC 52 sequence that puts `text` in the terminal's clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend(base64(text.as_bytes()));
    out.push(0x07);
    out
}

/// Standard base64 with padding (the only encoding OSC 52 takes; a few lines, no crate).
fn base64(bytes: &[u8]) -> Vec<u8> {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

impl App {
    /// `x`: opens the path prompt, pre-filled with the full path of the default file name.
    pub fn start_export(&mut self) {
        let name = briefing::default_export_name((self.clock)());
        let path = export_folder(&self.config.export).join(name);
        let text = path.to_string_lossy();
        self.export = Some(ExportPrompt::Path(LineEdit::new(&text, MAX_PATH)));
    }

    /// A key for the overwrite or the clipboard question: `y` says yes, anything else no
    /// (Ctrl-c quits).
    pub fn confirm_key(&mut self, key: Key) -> bool {
        let Some(state) = self.export.take() else {
            return false;
        };
        let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) && !key.ctrl;
        if key.ctrl && key.code == KeyCode::Char('c') {
            self.quit = true;
            return true;
        }
        match state {
            ExportPrompt::Confirm(path) if yes => self.write_export(&path, true),
            ExportPrompt::Confirm(path) => self.say(format!("not overwritten: {path}")),
            ExportPrompt::Copy(path) if yes => self.copy_briefing(&path),
            ExportPrompt::Copy(path) => self.say(format!("briefing saved to {path}")),
            ExportPrompt::Path(edit) => self.export = Some(ExportPrompt::Path(edit)),
        }
        true
    }

    /// Enter on the path: a name without a folder goes to the export folder, `~/` is the home.
    pub(super) fn confirm_path(&mut self, text: &str) {
        let typed = text.trim();
        if typed.is_empty() {
            self.say("export cancelled: no file name");
            return;
        }
        let typed = expand_home(Path::new(typed));
        let full = if typed.is_absolute() {
            typed
        } else {
            export_folder(&self.config.export).join(typed)
        };
        let path = full.to_string_lossy().to_string();
        if full.exists() {
            self.export = Some(ExportPrompt::Confirm(path));
        } else {
            self.write_export(&path, false);
        }
    }

    fn write_export(&mut self, path: &str, overwrite: bool) {
        let b = self.current_briefing();
        match briefing::export_markdown(&b, &PathBuf::from(path), overwrite) {
            Ok(()) if self.config.export.clipboard => {
                self.export = Some(ExportPrompt::Copy(path.to_string()));
            }
            Ok(()) => self.say(format!("briefing saved to {path}")),
            Err(e) => self.say(format!("cannot export to {path}: {e:#}")),
        }
    }

    /// Asks the terminal to take the Markdown into its clipboard (written with the next frame).
    fn copy_briefing(&mut self, path: &str) {
        let markdown = briefing::to_markdown(&self.current_briefing());
        if markdown.len() > MAX_CLIPBOARD {
            self.say(format!(
                "briefing saved to {path}; too large for the clipboard ({} KB)",
                markdown.len() / 1024
            ));
            return;
        }
        self.clipboard = Some(markdown);
        self.say(format!(
            "briefing saved to {path}; Markdown sent to the terminal clipboard"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_the_osc52_sequence() {
        assert_eq!(base64(b""), b"");
        assert_eq!(base64(b"f"), b"Zg==");
        assert_eq!(base64(b"fo"), b"Zm8=");
        assert_eq!(base64(b"foo"), b"Zm9v");
        assert_eq!(base64(b"foobar"), b"Zm9vYmFy");
        assert_eq!(base64("é\n".as_bytes()), b"w6kK");
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn user_dirs_are_read_with_home_expanded() {
        let text = "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\n\
                    XDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\nXDG_DOCUMENTS_DIR=\"/srv/docs\"\n";
        let home = Path::new("/home/ana");
        // the environment wins when set: these names are not set in the test environment
        if std::env::var_os("XDG_DOWNLOAD_DIR").is_none() {
            assert_eq!(
                user_dir(text, "DOWNLOAD", Some(home)),
                Some(PathBuf::from("/home/ana/Téléchargements"))
            );
        }
        if std::env::var_os("XDG_DOCUMENTS_DIR").is_none() {
            assert_eq!(
                user_dir(text, "DOCUMENTS", Some(home)),
                Some(PathBuf::from("/srv/docs"))
            );
        }
        if std::env::var_os("XDG_MUSIC_DIR").is_none() {
            assert_eq!(user_dir(text, "MUSIC", Some(home)), None);
        }
    }

    #[test]
    fn a_configured_folder_comes_first_and_home_is_expanded() {
        let settings = ExportSettings {
            dir: Some(PathBuf::from("/srv/briefs")),
            clipboard: true,
        };
        assert_eq!(export_folder(&settings), PathBuf::from("/srv/briefs"));
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(
                expand_home(Path::new("~/b.md")),
                PathBuf::from(home).join("b.md")
            );
        }
        assert_eq!(expand_home(Path::new("b~/x")), PathBuf::from("b~/x"));
    }
}
