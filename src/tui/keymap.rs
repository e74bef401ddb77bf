//! Key bindings: entries `{ on, run, desc, mode }` from assets/keymap.toml, overridable per action
//! by the user's config. Each [`Mode`] of the reader has its layer; popups and the briefing view
//! fall back to the panes' layer for keys their own does not bind. The help screen and the hint
//! bar are built from the same table.

use super::actions::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// A key with only the modifiers that matter (Ctrl, Alt); Shift is folded into the character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Normalises a terminal key event.
    pub fn from_event(ev: &KeyEvent) -> Self {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::Tab if shift => KeyCode::BackTab,
            other => other,
        };
        Self { code, ctrl, alt }
    }

    /// Parses a key name: "j", "G", "ctrl-d", "pagedown", "shift-tab", "f1".
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(p) = prefix else { break };
            match p {
                "ctrl-" | "c-" => ctrl = true,
                "alt-" | "a-" | "m-" => alt = true,
                _ => shift = true,
            }
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(format!("empty key name '{text}'")),
            (Some(c), None) => {
                if ctrl {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if shift {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => named_key(&rest.to_ascii_lowercase(), shift)
                .ok_or_else(|| format!("unknown key '{text}'"))?,
        };
        Ok(Key { code, ctrl, alt })
    }

    /// How the help screen and status bar show the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "BkSp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("C-");
        }
        if self.alt {
            out.push_str("M-");
        }
        out.push_str(&base);
        out
    }
}

fn named_key(name: &str, shift: bool) -> Option<KeyCode> {
    Some(match name {
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "pageup" | "pgup" => KeyCode::PageUp,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" if shift => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        f if f.starts_with('f') => {
            let n: u8 = f[1..].parse().ok()?;
            (1..=12).contains(&n).then_some(KeyCode::F(n))?
        }
        _ => return None,
    })
}

/// Where the keys go: each mode has a layer of bindings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The list, reader and timeline panes.
    #[default]
    Panes,
    /// A popup list (related passages, mentions, filter picker, help).
    Popup,
    /// The briefing view.
    Briefing,
    /// A line being typed (search, export path, find in a popup).
    Prompt,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Panes, Mode::Popup, Mode::Briefing, Mode::Prompt];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Panes => "panes",
            Mode::Popup => "popup",
            Mode::Briefing => "briefing",
            Mode::Prompt => "prompt",
        }
    }

    /// The layer looked at when this one does not bind a key.
    fn fallback(self) -> Option<Mode> {
        match self {
            Mode::Popup | Mode::Briefing => Some(Mode::Panes),
            Mode::Panes | Mode::Prompt => None,
        }
    }
}

/// One entry of a keymap file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBinding {
    pub on: OneOrMany,
    pub run: String,
    #[serde(default)]
    pub desc: Option<String>,
    /// The layer the keys belong to (default: panes).
    #[serde(default)]
    pub mode: Mode,
}

/// `on = "j"` or `on = ["j", "down"]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    keymap: Vec<RawBinding>,
}

/// A resolved binding: keys, action, description, layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: String,
    pub mode: Mode,
}

/// The table of bindings, in file order.
#[derive(Clone, Debug)]
pub struct KeyMap {
    pub bindings: Vec<Binding>,
}

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

impl KeyMap {
    /// The embedded defaults.
    pub fn builtin() -> Self {
        let file: KeymapFile = match toml::from_str(DEFAULT_KEYMAP) {
            Ok(f) => f,
            Err(e) => panic!("embedded assets/keymap.toml is invalid: {e}"),
        };
        let mut map = KeyMap {
            bindings: Vec::new(),
        };
        if let Err(e) = map.apply(&file.keymap, "assets/keymap.toml keymap") {
            panic!("embedded assets/keymap.toml is invalid: {e}");
        }
        map
    }

    /// Applies user entries: each named action gets the listed keys in its mode's layer instead
    /// of its defaults (a second entry for the same action adds keys); keys taken are removed
    /// from the layer's other actions. Errors name the entry and field
    /// (`keymap[2].run: unknown action 'fly'`).
    pub fn apply(&mut self, entries: &[RawBinding], what: &str) -> Result<(), String> {
        let mut replaced: Vec<(Mode, Action)> = Vec::new();
        for (i, raw) in entries.iter().enumerate() {
            let action = Action::parse(raw.run.trim())
                .ok_or_else(|| format!("{what}[{i}].run: unknown action '{}'", raw.run))?;
            let mode = raw.mode;
            let mut keys = Vec::new();
            for k in raw.on.items() {
                keys.push(Key::parse(k).map_err(|e| format!("{what}[{i}].on: {e}"))?);
            }
            for b in &mut self.bindings {
                if b.mode == mode && b.action != action {
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
            let found = self
                .bindings
                .iter_mut()
                .find(|b| b.mode == mode && b.action == action);
            match found {
                Some(b) => {
                    if replaced.contains(&(mode, action)) {
                        b.keys.extend(keys);
                    } else {
                        b.keys = keys;
                    }
                    if let Some(d) = &raw.desc {
                        b.desc = d.clone();
                    }
                }
                None => self.bindings.push(Binding {
                    keys,
                    action,
                    desc: raw.desc.clone().unwrap_or_else(|| action.name().into()),
                    mode,
                }),
            }
            replaced.push((mode, action));
        }
        Ok(())
    }

    /// The bindings of one layer, in file order.
    pub fn layer(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The action bound to a key in the panes' layer.
    pub fn action(&self, key: &Key) -> Option<Action> {
        self.action_in(Mode::Panes, key)
    }

    /// The action bound to a key in `mode`, or in the layer it falls back to.
    pub fn action_in(&self, mode: Mode, key: &Key) -> Option<Action> {
        self.layer(mode)
            .find(|b| b.keys.contains(key))
            .map(|b| b.action)
            .or_else(|| mode.fallback().and_then(|m| self.action_in(m, key)))
    }

    /// The first key bound to an action in `mode` (or its fallback) as a label ("j"), for
    /// hints; a key the layer gives to another action does not count.
    pub fn label(&self, mode: Mode, action: Action) -> Option<String> {
        self.layer(mode)
            .chain(mode.fallback().into_iter().flat_map(|m| self.layer(m)))
            .filter(|b| b.action == action)
            .flat_map(|b| b.keys.iter())
            .find(|k| self.action_in(mode, k) == Some(action))
            .map(Key::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_modifiers() {
        assert_eq!(Key::parse("j"), Ok(Key::ch('j')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("ctrl-d"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("C-D"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("PageDown"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("f5"), Ok(Key::plain(KeyCode::F(5))));
        assert!(Key::parse("ctrl-").is_err());
        assert_eq!(Key::parse("ctrl--"), Ok(Key::ctrl('-')));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn every_action_has_a_default_key() {
        let map = KeyMap::builtin();
        for a in Action::ALL {
            let bound = Mode::ALL.iter().any(|m| map.label(*m, *a).is_some());
            assert!(bound, "{a} has no key");
        }
        assert_eq!(map.action(&Key::ch('j')), Some(Action::MoveDown));
        assert_eq!(map.action(&Key::ch('b')), Some(Action::Briefing));
        assert_eq!(map.action(&Key::ch('x')), Some(Action::Export));
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let mut map = KeyMap::builtin();
        let entries = vec![RawBinding {
            on: OneOrMany::Many(vec!["x".into(), "ctrl-q".into()]),
            run: "quit".into(),
            desc: None,
            mode: Mode::Panes,
        }];
        map.apply(&entries, "keymap").unwrap();
        assert_eq!(map.action(&Key::ch('x')), Some(Action::Quit));
        assert_eq!(map.action(&Key::ch('q')), None);
        assert_eq!(map.action(&Key::ch('j')), Some(Action::MoveDown));
        let bad = vec![RawBinding {
            on: OneOrMany::One("j".into()),
            run: "fly".into(),
            desc: None,
            mode: Mode::Panes,
        }];
        let err = map.apply(&bad, "keymap").unwrap_err();
        assert!(
            err.contains("keymap[0].run") && err.contains("fly"),
            "{err}"
        );
    }

    #[test]
    fn layers_fall_back_to_the_panes_and_rebind_on_their_own() {
        let mut map = KeyMap::builtin();
        let enter = Key::plain(KeyCode::Enter);
        assert_eq!(map.action_in(Mode::Prompt, &enter), Some(Action::Accept));
        assert_eq!(map.action_in(Mode::Panes, &enter), Some(Action::Open));
        assert_eq!(
            map.action_in(Mode::Popup, &Key::ch('j')),
            Some(Action::MoveDown)
        );
        assert_eq!(
            map.action_in(Mode::Prompt, &Key::ch('j')),
            None,
            "j is typed"
        );
        let entries = vec![RawBinding {
            on: OneOrMany::One("ctrl-h".into()),
            run: "delete_back".into(),
            desc: None,
            mode: Mode::Prompt,
        }];
        map.apply(&entries, "keymap").unwrap();
        assert_eq!(
            map.action_in(Mode::Prompt, &Key::ctrl('h')),
            Some(Action::DeleteBack)
        );
        assert_eq!(
            map.label(Mode::Prompt, Action::DeleteBack).as_deref(),
            Some("C-h")
        );
        assert_eq!(map.action_in(Mode::Panes, &Key::ctrl('h')), None);
    }
}
