//! The template file (assets/bench_templates.toml), embedded and checked once.

use serde::Deserialize;
use std::collections::BTreeMap;

const TEMPLATES: &str = include_str!("../../assets/bench_templates.toml");

#[derive(Debug, Deserialize)]
pub struct Vocab {
    pub months: Vec<String>,
    pub weekdays: Vec<String>,
    pub relative_dates: Vec<String>,
    pub syllables: Vec<String>,
    /// Placeholder category → values.
    pub entities: BTreeMap<String, Vec<String>>,
    pub sources: Vec<Source>,
    pub layout: Layout,
    pub hostile: Hostile,
    pub background: Background,
    pub kinds: Vec<KindTemplates>,
    pub titles: Titles,
}

#[derive(Debug, Deserialize)]
pub struct Source {
    pub folder: String,
    pub domain: String,
}

#[derive(Debug, Deserialize)]
pub struct Layout {
    pub sections: Vec<String>,
    pub subheadings: Vec<String>,
    pub debris_before: Vec<String>,
    pub posted: Vec<String>,
    pub share: Vec<String>,
    pub cookies: Vec<String>,
    pub after: Vec<String>,
    pub prev_next: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Hostile {
    pub controls: Vec<String>,
    pub exotic: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Background {
    pub sentences: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Titles {
    pub patterns: Vec<String>,
}

/// The templates of one event kind, by status; `negated` ones report no event.
#[derive(Debug, Deserialize)]
pub struct KindTemplates {
    pub kind: String,
    pub keywords: Vec<String>,
    pub reported: Vec<String>,
    pub potential: Vec<String>,
    pub proposed: Vec<String>,
    pub negated: Vec<String>,
}

impl KindTemplates {
    /// Every template of this kind with its phrasing.
    pub fn all(&self) -> impl Iterator<Item = (Phrasing, &str)> {
        [
            (Phrasing::Reported, &self.reported),
            (Phrasing::Potential, &self.potential),
            (Phrasing::Proposed, &self.proposed),
            (Phrasing::Negated, &self.negated),
        ]
        .into_iter()
        .flat_map(|(p, list)| list.iter().map(move |t| (p, t.as_str())))
    }
}

/// How an event sentence is phrased.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phrasing {
    Reported,
    Potential,
    Proposed,
    Negated,
}

impl Phrasing {
    pub const ALL: [Phrasing; 4] = [
        Phrasing::Reported,
        Phrasing::Potential,
        Phrasing::Proposed,
        Phrasing::Negated,
    ];
}

impl Vocab {
    /// The embedded template file, parsed and checked.
    pub fn builtin() -> Result<Self, String> {
        Self::parse(TEMPLATES)
    }

    /// Parses and checks a template file: every list non-empty, every placeholder known.
    pub fn parse(text: &str) -> Result<Self, String> {
        let vocab: Vocab = toml::from_str(text)
            .map_err(|e| format!("assets/bench_templates.toml: invalid: {e}"))?;
        vocab.check()?;
        Ok(vocab)
    }

    fn lists(&self) -> Vec<(String, &[String])> {
        let mut out: Vec<(String, &[String])> = vec![
            ("months".into(), &self.months),
            ("weekdays".into(), &self.weekdays),
            ("relative_dates".into(), &self.relative_dates),
            ("syllables".into(), &self.syllables),
            ("layout.sections".into(), &self.layout.sections),
            ("layout.subheadings".into(), &self.layout.subheadings),
            ("layout.debris_before".into(), &self.layout.debris_before),
            ("layout.posted".into(), &self.layout.posted),
            ("layout.share".into(), &self.layout.share),
            ("layout.cookies".into(), &self.layout.cookies),
            ("layout.after".into(), &self.layout.after),
            ("layout.prev_next".into(), &self.layout.prev_next),
            ("hostile.controls".into(), &self.hostile.controls),
            ("hostile.exotic".into(), &self.hostile.exotic),
            ("background.sentences".into(), &self.background.sentences),
            ("titles.patterns".into(), &self.titles.patterns),
        ];
        for (name, values) in &self.entities {
            out.push((format!("entities.{name}"), values));
        }
        for k in &self.kinds {
            out.push((format!("kinds.{}.keywords", k.kind), &k.keywords));
            out.push((format!("kinds.{}.reported", k.kind), &k.reported));
            out.push((format!("kinds.{}.potential", k.kind), &k.potential));
            out.push((format!("kinds.{}.proposed", k.kind), &k.proposed));
            out.push((format!("kinds.{}.negated", k.kind), &k.negated));
        }
        out
    }

    fn check(&self) -> Result<(), String> {
        if self.sources.is_empty() || self.kinds.is_empty() {
            return Err("assets/bench_templates.toml: no sources or no kinds".into());
        }
        if self.months.len() != 12 || self.weekdays.len() != 7 {
            return Err("assets/bench_templates.toml: need 12 months and 7 weekdays".into());
        }
        for (name, values) in self.lists() {
            if values.is_empty() {
                return Err(format!("assets/bench_templates.toml: {name} is empty"));
            }
            for v in values {
                for p in placeholders(v) {
                    if !self.is_category(category(p)) && !matches!(p, "date" | "weekday") {
                        return Err(format!(
                            "assets/bench_templates.toml: {name}: unknown placeholder {{{p}}} in \"{v}\""
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// True for a placeholder category the generator can fill.
    pub fn is_category(&self, cat: &str) -> bool {
        self.entities.contains_key(cat)
            || matches!(cat, "unknown" | "number" | "big_number" | "year")
    }
}

/// The placeholder names in a template, in order (`{town2}` gives `town2`).
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

/// The category of a placeholder name: `town2` → `town`.
pub fn category(name: &str) -> &str {
    name.trim_end_matches(|c: char| c.is_ascii_digit())
}
