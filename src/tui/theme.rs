//! Styles and glyphs: the embedded 16-colour theme (assets/theme.toml), user overrides, and the
//! colour depth (16, 256, truecolor, none) applied once when the theme is resolved.

use super::ColorMode;
use crate::analysis::{EntityKind, EventKind, Status};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A theme file or the `[theme]` table of a config file: every key optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
    #[serde(default)]
    pub entities: BTreeMap<String, String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default)]
    pub status: BTreeMap<String, String>,
    #[serde(default)]
    pub levels: BTreeMap<String, f32>,
    #[serde(default)]
    pub glyphs: BTreeMap<String, String>,
    #[serde(default)]
    pub status_glyphs: BTreeMap<String, String>,
}

/// How severe an event is, for colour and badges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    High,
    Medium,
    Low,
    Calm,
}

impl Level {
    pub fn letter(&self) -> char {
        match self {
            Level::High => 'H',
            Level::Medium => 'M',
            Level::Low => 'L',
            Level::Calm => 'C',
        }
    }
}

/// Resolved styles for every role the panes draw.
#[derive(Clone, Debug)]
pub struct Theme {
    pub ui: BTreeMap<String, Style>,
    pub entities: BTreeMap<EntityKind, Style>,
    pub severity: [Style; 4],
    pub status: BTreeMap<Status, Style>,
    pub high: f32,
    pub medium: f32,
    pub glyphs: BTreeMap<EventKind, String>,
    pub status_glyphs: BTreeMap<Status, String>,
}

const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");
const UI_ROLES: &[&str] = &[
    "title",
    "meta",
    "border",
    "border_focus",
    "selected",
    "selected_unfocused",
    "tab_active",
    "tab_inactive",
    "status",
    "status_keys",
    "message",
    "cursor",
    "search_match",
    "search_current",
    "trigger",
    "heading",
    "popup_border",
];

impl Theme {
    /// The embedded theme at the given colour depth.
    pub fn builtin(mode: ColorMode) -> Self {
        Self::with_overrides(None, mode).unwrap_or_else(|e| panic!("assets/theme.toml: {e}"))
    }

    /// The embedded theme with a user's overrides. Errors name the key (`theme.ui.title: ...`).
    pub fn with_overrides(user: Option<&ThemeFile>, mode: ColorMode) -> Result<Self, String> {
        let base: ThemeFile =
            toml::from_str(DEFAULT_THEME).map_err(|e| format!("assets/theme.toml: {e}"))?;
        let mut theme = Theme {
            ui: BTreeMap::new(),
            entities: BTreeMap::new(),
            severity: [Style::default(); 4],
            status: BTreeMap::new(),
            high: -7.0,
            medium: -4.0,
            glyphs: BTreeMap::new(),
            status_glyphs: BTreeMap::new(),
        };
        theme.apply(&base, "theme", mode)?;
        if let Some(user) = user {
            theme.apply(user, "theme", mode)?;
        }
        Ok(theme)
    }

    fn apply(&mut self, file: &ThemeFile, what: &str, mode: ColorMode) -> Result<(), String> {
        let style = |table: &str, key: &str, v: &str| {
            parse_style(v, mode).map_err(|e| format!("{what}.{table}.{key}: {e}"))
        };
        for (k, v) in &file.ui {
            if !UI_ROLES.contains(&k.as_str()) {
                return Err(format!("{what}.ui.{k}: unknown role"));
            }
            self.ui.insert(k.clone(), style("ui", k, v)?);
        }
        for (k, v) in &file.entities {
            let kind = EntityKind::parse(k)
                .ok_or_else(|| format!("{what}.entities.{k}: unknown entity kind"))?;
            self.entities.insert(kind, style("entities", k, v)?);
        }
        for (k, v) in &file.severity {
            let i = match k.as_str() {
                "high" => 0,
                "medium" => 1,
                "low" => 2,
                "calm" => 3,
                _ => return Err(format!("{what}.severity.{k}: unknown level")),
            };
            self.severity[i] = style("severity", k, v)?;
        }
        for (k, v) in &file.status {
            let s = Status::parse(k).ok_or_else(|| format!("{what}.status.{k}: unknown status"))?;
            self.status.insert(s, style("status", k, v)?);
        }
        for (k, v) in &file.levels {
            match k.as_str() {
                "high" => self.high = *v,
                "medium" => self.medium = *v,
                _ => return Err(format!("{what}.levels.{k}: unknown level")),
            }
        }
        for (k, v) in &file.glyphs {
            let kind = EventKind::parse(k)
                .ok_or_else(|| format!("{what}.glyphs.{k}: unknown event kind"))?;
            self.glyphs.insert(
                kind,
                one_glyph(v).map_err(|e| format!("{what}.glyphs.{k}: {e}"))?,
            );
        }
        for (k, v) in &file.status_glyphs {
            let s = Status::parse(k)
                .ok_or_else(|| format!("{what}.status_glyphs.{k}: unknown status"))?;
            let g = one_glyph(v).map_err(|e| format!("{what}.status_glyphs.{k}: {e}"))?;
            self.status_glyphs.insert(s, g);
        }
        Ok(())
    }

    /// A UI role's style (plain when unknown).
    pub fn ui(&self, role: &str) -> Style {
        self.ui.get(role).copied().unwrap_or_default()
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        self.entities
            .get(&kind)
            .copied()
            .unwrap_or_else(|| Style::default().add_modifier(Modifier::BOLD))
    }

    pub fn level(&self, severity: f32) -> Level {
        if severity <= self.high {
            Level::High
        } else if severity <= self.medium {
            Level::Medium
        } else if severity < 0.0 {
            Level::Low
        } else {
            Level::Calm
        }
    }

    pub fn severity_style(&self, severity: f32) -> Style {
        self.severity[self.level(severity) as usize]
    }

    pub fn status_style(&self, status: Status) -> Style {
        self.status.get(&status).copied().unwrap_or_default()
    }

    pub fn glyph(&self, kind: EventKind) -> &str {
        self.glyphs.get(&kind).map(String::as_str).unwrap_or("?")
    }

    pub fn status_glyph(&self, status: Status) -> &str {
        self.status_glyphs
            .get(&status)
            .map(String::as_str)
            .unwrap_or("?")
    }
}

fn one_glyph(text: &str) -> Result<String, String> {
    let w = unicode_width::UnicodeWidthStr::width(text);
    if w == 1 && text.chars().all(|c| !c.is_control()) {
        Ok(text.to_string())
    } else {
        Err(format!("'{text}' must be one single-width character"))
    }
}

/// Parses "bold red on black" into a style at the given colour depth.
pub fn parse_style(text: &str, mode: ColorMode) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = text.split_whitespace();
    while let Some(w) = words.next() {
        let lw = w.to_ascii_lowercase();
        let modifier = match lw.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "crossed" | "strike" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lw == "on" {
            let c = words.next().ok_or("'on' needs a colour")?;
            if let Some(c) = downgrade(parse_color(c)?, mode) {
                style = style.bg(c);
            }
        } else if let Some(c) = downgrade(parse_color(w)?, mode) {
            style = style.fg(c);
        }
    }
    Ok(style)
}

fn parse_color(text: &str) -> Result<Color, String> {
    let t = text.to_ascii_lowercase().replace(['_', '-'], "");
    let named = match t.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "default" | "reset" => Color::Reset,
        _ => {
            if let Some(hex) = t.strip_prefix('#') {
                let v = (hex.len() == 6)
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten()
                    .ok_or_else(|| format!("'{text}' is not a #rrggbb colour"))?;
                return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
            }
            return t
                .parse::<u8>()
                .map(Color::Indexed)
                .map_err(|_| format!("unknown colour or modifier '{text}'"));
        }
    };
    Ok(named)
}

/// The colour as the terminal's depth allows; `None` when colour is off.
pub fn downgrade(c: Color, mode: ColorMode) -> Option<Color> {
    match resolve_mode(mode) {
        ColorMode::Never => None,
        ColorMode::TrueColor | ColorMode::Auto => Some(c),
        ColorMode::Ansi256 => Some(match c {
            Color::Rgb(r, g, b) => Color::Indexed(rgb_to_256(r, g, b)),
            other => other,
        }),
        ColorMode::Ansi16 => Some(match c {
            Color::Rgb(r, g, b) => nearest16(r, g, b),
            Color::Indexed(i) => {
                let (r, g, b) = index_to_rgb(i);
                nearest16(r, g, b)
            }
            other => other,
        }),
    }
}

/// `Auto` decided from the environment only (COLORTERM, TERM): no terminal queries.
pub fn resolve_mode(mode: ColorMode) -> ColorMode {
    if mode != ColorMode::Auto {
        return mode;
    }
    let colorterm = std::env::var("COLORTERM").unwrap_or_default();
    let term = std::env::var("TERM").unwrap_or_default();
    if colorterm.contains("truecolor") || colorterm.contains("24bit") {
        ColorMode::TrueColor
    } else if term.contains("256") {
        ColorMode::Ansi256
    } else if term == "dumb" {
        ColorMode::Never
    } else {
        ColorMode::Ansi16
    }
}

const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let idx = |v: u8| {
        LEVELS
            .iter()
            .enumerate()
            .min_by_key(|(_, l)| (i32::from(**l) - i32::from(v)).abs())
            .map(|(i, _)| i as u8)
            .unwrap_or(0)
    };
    16 + 36 * idx(r) + 6 * idx(g) + idx(b)
}

fn index_to_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => BASE16[usize::from(i)].0,
        16..=231 => {
            let v = i - 16;
            (
                LEVELS[usize::from(v / 36)],
                LEVELS[usize::from(v / 6 % 6)],
                LEVELS[usize::from(v % 6)],
            )
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

const BASE16: [((u8, u8, u8), Color); 16] = [
    ((0, 0, 0), Color::Black),
    ((205, 0, 0), Color::Red),
    ((0, 205, 0), Color::Green),
    ((205, 205, 0), Color::Yellow),
    ((0, 0, 238), Color::Blue),
    ((205, 0, 205), Color::Magenta),
    ((0, 205, 205), Color::Cyan),
    ((229, 229, 229), Color::Gray),
    ((127, 127, 127), Color::DarkGray),
    ((255, 0, 0), Color::LightRed),
    ((0, 255, 0), Color::LightGreen),
    ((255, 255, 0), Color::LightYellow),
    ((92, 92, 255), Color::LightBlue),
    ((255, 0, 255), Color::LightMagenta),
    ((0, 255, 255), Color::LightCyan),
    ((255, 255, 255), Color::White),
];

fn nearest16(r: u8, g: u8, b: u8) -> Color {
    let d = |(x, y, z): (u8, u8, u8)| {
        let dx = i32::from(x) - i32::from(r);
        let dy = i32::from(y) - i32::from(g);
        let dz = i32::from(z) - i32::from(b);
        dx * dx + dy * dy + dz * dz
    };
    BASE16
        .iter()
        .min_by_key(|(rgb, _)| d(*rgb))
        .map(|(_, c)| *c)
        .unwrap_or(Color::Reset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_and_colour_off_keeps_modifiers() {
        let s = parse_style("bold red on #102030", ColorMode::TrueColor).unwrap();
        assert_eq!(s.fg, Some(Color::Red));
        assert_eq!(s.bg, Some(Color::Rgb(16, 32, 48)));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        let off = parse_style("bold underline red", ColorMode::Never).unwrap();
        assert_eq!(off.fg, None);
        assert!(
            off.add_modifier
                .contains(Modifier::UNDERLINED | Modifier::BOLD)
        );
        assert!(
            parse_style("bold rouge", ColorMode::Ansi16)
                .unwrap_err()
                .contains("rouge")
        );
    }

    #[test]
    fn depth_downgrades_colours() {
        assert_eq!(
            downgrade(Color::Rgb(250, 0, 0), ColorMode::Ansi16),
            Some(Color::LightRed)
        );
        assert_eq!(
            downgrade(Color::Rgb(255, 255, 255), ColorMode::Ansi256),
            Some(Color::Indexed(231))
        );
        assert_eq!(
            downgrade(Color::Indexed(196), ColorMode::Ansi16),
            Some(Color::LightRed)
        );
    }

    #[test]
    fn builtin_theme_keeps_highlights_distinct_without_colour() {
        let t = Theme::builtin(ColorMode::Never);
        for k in EntityKind::ALL {
            assert!(t.entity(*k).add_modifier.contains(Modifier::BOLD));
            assert_eq!(t.entity(*k).fg, None);
        }
        assert!(t.ui("trigger").add_modifier.contains(Modifier::UNDERLINED));
        assert!(
            t.ui("search_match")
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        let glyphs: std::collections::BTreeSet<&str> =
            EventKind::ALL.iter().map(|k| t.glyph(*k)).collect();
        assert_eq!(
            glyphs.len(),
            EventKind::ALL.len(),
            "one distinct glyph per kind"
        );
    }
}
