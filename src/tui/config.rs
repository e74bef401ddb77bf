//! The user's config file (`--config FILE`, else `$XDG_CONFIG_HOME/sitrep/config.toml`, else
//! `~/.config/sitrep/config.toml`): `[[keymap]]` entries, a `[theme]` table and an `[export]`
//! table, each overriding only what it names. Read before the terminal is touched, so errors
//! print plainly.

use super::ColorMode;
use super::keymap::{KeyMap, RawBinding};
use super::theme::{Theme, ThemeFile};
use crate::corpus::sanitize::{display_path, sanitize};
use anyhow::{Result, anyhow};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    keymap: Vec<RawBinding>,
    #[serde(default)]
    theme: Option<ThemeFile>,
    #[serde(default)]
    export: ExportFile,
}

/// `[export]`: where `x` saves the briefing, and whether it offers the terminal clipboard.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    dir: Option<PathBuf>,
    clipboard: Option<bool>,
}

/// What `x` does with the briefing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSettings {
    /// The folder a file name without one is saved in (default: the XDG download or documents
    /// folder, else the working directory, as `x` finds it).
    pub dir: Option<PathBuf>,
    /// Offer to copy the Markdown to the terminal's clipboard (OSC 52) once saved.
    pub clipboard: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            dir: None,
            clipboard: true,
        }
    }
}

/// The keymap, theme and export settings the reader runs with.
#[derive(Clone, Debug)]
pub struct Config {
    pub keymap: KeyMap,
    pub theme: Theme,
    pub export: ExportSettings,
    /// The analyst's notebook to keep read state and marks in (from the command line, not the
    /// config file); `None` keeps nothing.
    pub notebook: Option<crate::notebook::cli::NotebookArgs>,
}

impl Config {
    /// Built-in keymap and theme.
    pub fn builtin(mode: ColorMode) -> Self {
        Self {
            keymap: KeyMap::builtin(),
            theme: Theme::builtin(mode),
            export: ExportSettings::default(),
            notebook: None,
        }
    }

    /// Parses a config text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &str, mode: ColorMode) -> Result<Self> {
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| anyhow!("config {origin}: {}", sanitize(e.to_string().trim())))?;
        let mut keymap = KeyMap::builtin();
        keymap
            .apply(&file.keymap, "keymap")
            .map_err(|e| anyhow!("config {origin}: {e}"))?;
        let theme = Theme::with_overrides(file.theme.as_ref(), mode)
            .map_err(|e| anyhow!("config {origin}: {e}"))?;
        let export = ExportSettings {
            dir: file.export.dir.map(|d| expand_home(&d)),
            clipboard: file.export.clipboard.unwrap_or(true),
        };
        Ok(Self {
            keymap,
            theme,
            export,
            notebook: None,
        })
    }

    /// Loads the explicit file (which must exist) or the default one (if it exists).
    pub fn load(explicit: Option<&Path>, mode: ColorMode) -> Result<Self> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path().filter(|p| p.is_file()) {
                Some(p) => p,
                None => return Ok(Self::builtin(mode)),
            },
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow!("config {}: cannot read: {e}", display_path(&path)))?;
        Self::from_toml(&text, &display_path(&path), mode)
    }
}

/// `~/x` as `$HOME/x`; any other path as it is.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// `$XDG_CONFIG_HOME/sitrep/config.toml`, else `$HOME/.config/sitrep/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("sitrep").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::actions::Action;
    use crate::tui::keymap::Key;

    #[test]
    fn config_overrides_only_what_it_names() {
        let text = "[[keymap]]\non = [\"ctrl-j\"]\nrun = \"move_down\"\n\n[theme.ui]\ntitle = \"underline\"\n";
        let c = Config::from_toml(text, "c.toml", ColorMode::Ansi16).unwrap();
        assert_eq!(c.keymap.action(&Key::ctrl('j')), Some(Action::MoveDown));
        assert_eq!(c.keymap.action(&Key::ch('j')), None);
        assert_eq!(c.keymap.action(&Key::ch('k')), Some(Action::MoveUp));
        let title = c.theme.ui("title");
        assert!(
            title
                .add_modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        );
    }

    #[test]
    fn the_export_table_sets_the_folder_and_the_clipboard() {
        let c = Config::from_toml(
            "[export]\ndir = \"/srv/briefs\"\nclipboard = false\n",
            "c.toml",
            ColorMode::Never,
        )
        .unwrap();
        assert_eq!(c.export.dir, Some(PathBuf::from("/srv/briefs")));
        assert!(!c.export.clipboard);
        let c = Config::from_toml("", "c.toml", ColorMode::Never).unwrap();
        assert_eq!(c.export, ExportSettings::default());
        assert!(c.export.clipboard, "offered unless the config says no");
        let err = Config::from_toml("[export]\nfolder = \"x\"\n", "c.toml", ColorMode::Never);
        assert!(format!("{:#}", err.unwrap_err()).contains("folder"));
    }

    #[test]
    fn bad_configs_name_the_key() {
        let cases = [
            ("[[keymap]]\non = \"j\"\nrun = \"jump\"\n", "keymap[0].run"),
            (
                "[[keymap]]\non = \"hyper-j\"\nrun = \"quit\"\n",
                "keymap[0].on",
            ),
            (
                "[theme.entities]\nperson = \"bold purple\"\n",
                "theme.entities.person",
            ),
            ("[theme.ui]\ntitel = \"bold\"\n", "theme.ui.titel"),
            ("[colours]\nx = 1\n", "colours"),
            ("[[keymap]]\nrun = \"quit\"\n", "on"),
            ("this is not toml", "c.toml"),
        ];
        for (text, key) in cases {
            let err = Config::from_toml(text, "c.toml", ColorMode::Ansi16).unwrap_err();
            let msg = format!("{err:#}");
            assert!(
                msg.contains(key) && msg.contains("c.toml"),
                "{text:?} -> {msg}"
            );
        }
    }
}
