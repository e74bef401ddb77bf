//! Cue words for names the gazetteer lacks, from `assets/entity_cues.toml`: titles before a
//! person, words that end an organisation's name, prepositions before a place, words that never
//! start a name, and so on. Stored folded (lower case, no accents) for lookups on folded tokens.

use crate::analysis::gazetteer::fold::fold;
use anyhow::{Result, anyhow};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

const BUILTIN: &str = include_str!("../../../assets/entity_cues.toml");

/// A set of folded words.
#[derive(Clone, Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    fn from_list(words: &[String]) -> Self {
        Self(
            words
                .iter()
                .map(|w| fold(w).text.trim().replace("  ", " "))
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// True when the folded `word` is in the set.
    pub fn has(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindCues {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    suffix: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    person: KindCues,
    organization: KindCues,
    armed_group: KindCues,
    military: KindCues,
    place: KindCues,
    given_names: Vec<String>,
    place_nouns: Vec<String>,
    national_forces: Vec<String>,
    stop_starts: Vec<String>,
    never: Vec<String>,
    not_names: Vec<String>,
    generic: Vec<String>,
    connectors: Vec<String>,
    weak_connectors: Vec<String>,
    acronym_stop: Vec<String>,
    abbreviations: Vec<String>,
}

/// Cue words of one entity kind.
#[derive(Clone, Debug, Default)]
pub struct KindSets {
    /// Words right before the name ("President", "near").
    pub before: WordSet,
    /// Words right after the name ("militants", "said").
    pub after: WordSet,
    /// First word of the name itself ("Ministry", "Katiba", "Lake").
    pub prefix: WordSet,
    /// Last word of the name itself ("Group", "Brigade", "Region").
    pub suffix: WordSet,
}

impl KindSets {
    fn from(k: &KindCues) -> Self {
        Self {
            before: WordSet::from_list(&k.before),
            after: WordSet::from_list(&k.after),
            prefix: WordSet::from_list(&k.prefix),
            suffix: WordSet::from_list(&k.suffix),
        }
    }
}

/// Every cue list, compiled.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    pub person: KindSets,
    pub organization: KindSets,
    pub armed_group: KindSets,
    pub military: KindSets,
    pub place: KindSets,
    /// Common first names: a Title Case pair starting with one is a person.
    pub given_names: WordSet,
    /// "village", "town"…: "<noun> of X" introduces a place.
    pub place_nouns: WordSet,
    /// Words after a demonym that name a country's armed forces ("army", "troops").
    pub national_forces: Vec<String>,
    /// Capitalised function words that never start a name ("The", "However").
    pub stop_starts: WordSet,
    /// Words that are never part of a name (months, weekdays).
    pub never: WordSet,
    /// Capitalised words that are not entities on their own (languages, religions, peoples).
    pub not_names: WordSet,
    /// Words too generic to make a name by themselves ("National", "Security", "Forces").
    pub generic: WordSet,
    /// Lower-case words allowed inside a name ("of", "de", "ag").
    pub connectors: WordSet,
    /// Connectors allowed only after another connector or an institutional first word ("and").
    pub weak_connectors: WordSet,
    /// Capitalised abbreviations that are not entities ("IED", "NGO").
    pub acronym_stop: WordSet,
    /// Words whose following dot does not end a sentence ("Mr", "Gen").
    pub abbreviations: WordSet,
}

impl Cues {
    /// The cue lists embedded in the binary.
    pub fn builtin() -> Result<Self> {
        Self::from_toml_str(BUILTIN).map_err(|e| anyhow!("built-in assets/entity_cues.toml: {e:#}"))
    }

    /// Parses a cue file.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let f: CuesFile = toml::from_str(text)
            .map_err(|e| anyhow!("entity cues TOML: {}", e.to_string().trim()))?;
        Ok(Self {
            person: KindSets::from(&f.person),
            organization: KindSets::from(&f.organization),
            armed_group: KindSets::from(&f.armed_group),
            military: KindSets::from(&f.military),
            place: KindSets::from(&f.place),
            given_names: WordSet::from_list(&f.given_names),
            place_nouns: WordSet::from_list(&f.place_nouns),
            national_forces: f.national_forces,
            stop_starts: WordSet::from_list(&f.stop_starts),
            never: WordSet::from_list(&f.never),
            not_names: WordSet::from_list(&f.not_names),
            generic: WordSet::from_list(&f.generic),
            connectors: WordSet::from_list(&f.connectors),
            weak_connectors: WordSet::from_list(&f.weak_connectors),
            acronym_stop: WordSet::from_list(&f.acronym_stop),
            abbreviations: WordSet::from_list(&f.abbreviations),
        })
    }
}
