//! The gazetteer: canonical names, kinds, aliases, demonyms and parents from
//! `assets/gazetteer.toml` (format documented at the top of that file), compiled once into one
//! Aho-Corasick automaton over folded text (see [`fold`]). A user file adds entries or replaces
//! entries of the same canonical name.

pub mod fold;
mod matcher;

use super::entities::cues::Cues;
use super::model::EntityKind;
use crate::analysis::Name;
use crate::corpus::sanitize::{sanitize, sanitize_line};
use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub use matcher::GazMatch;

const BUILTIN: &str = include_str!("../../../assets/gazetteer.toml");

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: Name,
    pub kind: EntityKind,
    /// Other spellings (the canonical name is always matched too).
    pub aliases: Vec<String>,
    /// Adjectives and nouns of nationality; their mentions are flagged `demonym`.
    pub demonyms: Vec<String>,
    pub parent: Option<Name>,
    /// A country's armed forces: "<Demonym> army/forces/…" phrases of the parent map here.
    pub national_forces: bool,
}

/// One entry as written in the TOML file (the kind is the array it sits in).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDef {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    national_forces: bool,
}

/// The whole file: one array of entries per kind.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    person: Vec<EntryDef>,
    #[serde(default)]
    country: Vec<EntryDef>,
    #[serde(default)]
    place: Vec<EntryDef>,
    #[serde(default)]
    organization: Vec<EntryDef>,
    #[serde(default)]
    armed_group: Vec<EntryDef>,
    #[serde(default)]
    military: Vec<EntryDef>,
    #[serde(default)]
    equipment: Vec<EntryDef>,
}

/// Compiled gazetteer.
pub struct Gazetteer {
    entries: Vec<Entry>,
    pub(crate) cues: Cues,
    matcher: matcher::Matcher,
    /// Folded last word of a person's name → the entry, when only one person has it.
    surnames: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer embedded in the binary.
    pub fn builtin() -> Result<Self> {
        Self::from_toml_str(BUILTIN).map_err(|e| anyhow!("built-in assets/gazetteer.toml: {e:#}"))
    }

    /// Parses a gazetteer TOML file.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let file: GazetteerFile = toml::from_str(text)
            .map_err(|e| anyhow!("gazetteer TOML: {}", sanitize(e.to_string().trim())))?;
        let entries = entries_of(file)?;
        Self::from_entries(entries)
    }

    /// Builds a gazetteer from entries (validated, then compiled).
    pub fn from_entries(entries: Vec<Entry>) -> Result<Self> {
        let cues = Cues::builtin()?;
        let matcher = matcher::Matcher::build(&entries, &cues)?;
        let surnames = surnames_of(&entries);
        Ok(Self {
            entries,
            cues,
            matcher,
            surnames,
        })
    }

    /// Adds the entries of `other`, replacing entries of the same canonical name.
    pub fn merge(&mut self, other: Gazetteer) -> Result<()> {
        let mut index: HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (name_key(&e.name), i))
            .collect();
        for e in other.entries {
            let key = name_key(&e.name);
            match index.get(&key) {
                Some(&i) => self.entries[i] = e,
                None => {
                    index.insert(key, self.entries.len());
                    self.entries.push(e);
                }
            }
        }
        self.matcher = matcher::Matcher::build(&self.entries, &self.cues)?;
        self.surnames = surnames_of(&self.entries);
        Ok(())
    }

    /// Every entry, in file order (user entries after built-in ones).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry named `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        let key = name_key(name);
        self.entries
            .iter()
            .find(|e| *e.name == *name || name_key(&e.name) == key)
    }

    /// Entry by index (as [`GazMatch::entry`] gives it).
    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// The one person whose name ends with the folded word `surname` ("traore"), if unique.
    pub fn person_by_surname(&self, surname: &str) -> Option<usize> {
        self.surnames.get(surname).copied()
    }

    /// Gazetteer matches over a folded text, in order, not overlapping.
    pub fn find(&self, folded: &fold::Folded, original: &str) -> Vec<GazMatch> {
        self.matcher.find(folded, original)
    }
}

fn surnames_of(entries: &[Entry]) -> HashMap<String, usize> {
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let folded = fold::fold(&e.name);
        if e.kind != EntityKind::Person || folded.tokens.len() < 2 {
            continue;
        }
        let last = folded.word(folded.tokens.len() - 1).to_string();
        seen.entry(last)
            .and_modify(|v| *v = None)
            .or_insert(Some(i));
    }
    seen.into_iter()
        .filter_map(|(k, v)| v.map(|i| (k, i)))
        .collect()
}

/// Canonical names compare folded: "Ségou" and "Segou" are one entry.
fn name_key(name: &str) -> String {
    fold::fold(name).text
}

fn entries_of(file: GazetteerFile) -> Result<Vec<Entry>> {
    let groups = [
        (EntityKind::Person, file.person),
        (EntityKind::Country, file.country),
        (EntityKind::Place, file.place),
        (EntityKind::Organization, file.organization),
        (EntityKind::ArmedGroup, file.armed_group),
        (EntityKind::Military, file.military),
        (EntityKind::Equipment, file.equipment),
    ];
    let mut out: Vec<Entry> = Vec::new();
    let mut seen = HashSet::new();
    for (kind, defs) in groups {
        for (i, d) in defs.into_iter().enumerate() {
            let entry = validate(kind, i, d)?;
            if !seen.insert(name_key(&entry.name)) {
                bail!(
                    "gazetteer: `{kind}` entry \"{}\" repeats a canonical name",
                    entry.name
                );
            }
            out.push(entry);
        }
    }
    Ok(out)
}

/// An entry as written, checked; names are one-line fields of every view, so they are
/// sanitised here, once ([`sanitize_line`]): a vocabulary file cannot drive the terminal.
fn validate(kind: EntityKind, i: usize, d: EntryDef) -> Result<Entry> {
    let name = sanitize_line(&d.name).trim().to_string();
    if fold::fold(&name).tokens.is_empty() {
        bail!("gazetteer: `{kind}` entry {} has no name", i + 1);
    }
    for a in d.aliases.iter().chain(&d.demonyms) {
        if fold::fold(a).tokens.is_empty() {
            let a = sanitize_line(a);
            bail!("gazetteer: `{kind}` entry \"{name}\": alias \"{a}\" has no letters or digits");
        }
    }
    if d.national_forces && (kind != EntityKind::Military || d.parent.is_none()) {
        bail!("gazetteer: \"{name}\": national_forces needs a `military` entry with a parent");
    }
    let parent = d
        .parent
        .map(|p| sanitize_line(&p).trim().to_string())
        .filter(|p| !p.is_empty());
    Ok(Entry {
        name: name.into(),
        kind,
        aliases: d.aliases,
        demonyms: d.demonyms,
        parent: parent.map(Name::from),
        national_forces: d.national_forces,
    })
}

#[cfg(test)]
mod tests;
