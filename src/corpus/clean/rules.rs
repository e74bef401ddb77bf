//! Debris patterns: `assets/debris.toml` compiled into one anchored, case-insensitive regex per
//! kind (end of body, dropped anywhere, dropped at the edges) plus glued phrases.

use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

pub(super) const BUILTIN: &str = include_str!("../../../assets/debris.toml");

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DebrisFile {
    end_of_body: Vec<String>,
    drop: Vec<String>,
    edge: Vec<String>,
    glued: Vec<String>,
}

/// Compiled debris patterns.
pub struct Rules {
    end_of_body: Option<Regex>,
    drop: Option<Regex>,
    edge: Option<Regex>,
    glued: Vec<String>,
    source: DebrisFile,
}

impl Rules {
    /// Parses a debris TOML document (the format of `assets/debris.toml`).
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        let file: DebrisFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Self::compile(file)
    }

    /// Adds the entries of a user debris file to these rules.
    pub fn extend_from_toml(&mut self, text: &str) -> Result<(), String> {
        let extra: DebrisFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut all = std::mem::take(&mut self.source);
        all.end_of_body.extend(extra.end_of_body);
        all.drop.extend(extra.drop);
        all.edge.extend(extra.edge);
        all.glued.extend(extra.glued);
        *self = Self::compile(all)?;
        Ok(())
    }

    fn compile(file: DebrisFile) -> Result<Self, String> {
        Ok(Self {
            end_of_body: alternation(&file.end_of_body)?,
            drop: alternation(&file.drop)?,
            edge: alternation(&file.edge)?,
            glued: file.glued.iter().map(|g| g.to_lowercase()).collect(),
            source: file,
        })
    }

    /// The built-in rules plus the entries of a user debris file.
    pub fn builtin_with(user_toml: &str) -> Result<Self, String> {
        let mut rules = Self::from_toml_str(BUILTIN)?;
        rules.extend_from_toml(user_toml)?;
        Ok(rules)
    }

    /// The rules embedded in the binary, shared by every caller for the rest of the run.
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(Rules::builtin_owned)
    }

    /// The rules embedded in the binary, compiled anew. A loader owns them, so that they and
    /// the caches their regexes grow (several MB on a large corpus) go once it is done.
    pub fn builtin_owned() -> Rules {
        // The embedded file is checked by a unit test; no rules is the safe fallback.
        Rules::from_toml_str(BUILTIN).unwrap_or_else(|_| Rules {
            end_of_body: None,
            drop: None,
            edge: None,
            glued: Vec::new(),
            source: DebrisFile::default(),
        })
    }

    pub(super) fn ends_body(&self, line: &str) -> bool {
        short(line) && self.end_of_body.as_ref().is_some_and(|r| r.is_match(line))
    }

    pub(super) fn drops(&self, line: &str) -> bool {
        short(line) && self.drop.as_ref().is_some_and(|r| r.is_match(line))
    }

    pub(super) fn edge_debris(&self, line: &str) -> bool {
        short(line) && self.edge.as_ref().is_some_and(|r| r.is_match(line))
            || self.drops(line)
            || self.ends_body(line)
    }

    /// Strips debris glued to the start or end of a line ("Back to top buttonAn ...").
    pub(super) fn unglue(&self, line: String) -> String {
        let mut s = line;
        for g in &self.glued {
            // Glued means a case change at the seam: "buttonAn", "escalationShare this".
            if let Some(rest) = strip_prefix_ci(&s, g)
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            {
                s = rest.to_string();
            }
            if let Some(rest) = strip_suffix_ci(&s, g)
                && rest.chars().last().is_some_and(|c| !c.is_whitespace())
                && s[rest.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                s = rest.to_string();
            }
        }
        s
    }
}

/// Lines longer than this many characters are text, never debris.
const MAX_DEBRIS_CHARS: usize = 300;

fn short(line: &str) -> bool {
    // A character is 1 to 4 bytes: the byte length settles most lines without counting.
    match line.len() {
        n if n <= MAX_DEBRIS_CHARS => true,
        n if n > 4 * MAX_DEBRIS_CHARS => false,
        _ => line.chars().nth(MAX_DEBRIS_CHARS).is_none(),
    }
}

fn alternation(list: &[String]) -> Result<Option<Regex>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    // Each pattern must be a regex on its own ("a)|(b" is not, though it would splice into a
    // valid alternation). Parsing tells, at a fraction of the cost of compiling; a pattern that
    // fails is compiled only to report the regex crate's own error.
    if let Some(bad) = list
        .iter()
        .find(|p| regex_syntax::Parser::new().parse(p).is_err())
    {
        let reason = Regex::new(bad)
            .err()
            .map_or_else(String::new, |e| e.to_string());
        return Err(format!("debris pattern '{bad}': {reason}"));
    }
    let joined = list
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    // Bounded repeats of any character (".{0,120}") under case folding make a large automaton:
    // with the default cache the lazy DFA gives up and every line falls to the slow NFA
    // simulation (a third of an extract's time). A larger cache keeps it on the DFA.
    regex::RegexBuilder::new(&format!("(?i)^(?:{joined})$"))
        .dfa_size_limit(64 << 20)
        .build()
        .map(Some)
        .map_err(|e| e.to_string())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}
