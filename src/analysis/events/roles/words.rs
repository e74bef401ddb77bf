//! The word lists that let the role rules read a noun phrase without a parser: which words may
//! stand between a subject and its verb, which open a phrase, which name a side by description
//! ("gunmen"), a state's agents ("troops", "ministry") or victims ("villagers").

use super::super::inflect::{noun_forms, verb_forms};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// `[roles.words]` as written in the lexicon file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsFile {
    #[serde(default)]
    pub skip: Vec<String>,
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub modifiers: Vec<String>,
    #[serde(default)]
    pub agents: Vec<String>,
    #[serde(default)]
    pub state_agents: Vec<String>,
    #[serde(default)]
    pub forces: Vec<String>,
    #[serde(default)]
    pub victims: Vec<String>,
    #[serde(default)]
    pub light_verbs: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub stops: Vec<String>,
    #[serde(default)]
    pub modals: Vec<String>,
}

/// The lists compiled to lookup sets; nouns with their plurals, verbs with their forms.
#[derive(Clone, Debug, Default)]
pub struct Words {
    pub skip: HashSet<String>,
    pub determiners: HashSet<String>,
    pub modifiers: HashSet<String>,
    pub agents: HashSet<String>,
    pub state_agents: HashSet<String>,
    /// State agents that are its armed forces ("Mali's army" is the Malian Armed Forces).
    pub forces: HashSet<String>,
    pub victims: HashSet<String>,
    /// Inflected forms, each as its words ("carried out" → ["carried", "out"]).
    pub light_verbs: Vec<Vec<String>>,
    pub conjunctions: HashSet<String>,
    /// Prepositions beyond the role markers and locatives: they close a phrase.
    pub stops: HashSet<String>,
    /// Words after which a bare form is a verb ("to lift", "will expel").
    pub modals: HashSet<String>,
}

fn plain(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.trim().to_lowercase()).collect()
}

/// Nouns with their plural: the last word of a phrase is the one inflected.
fn nouns(list: &[String]) -> HashSet<String> {
    list.iter()
        .flat_map(|w| noun_forms(&w.trim().to_lowercase()))
        .collect()
}

/// Every form of a light verb, its first word inflected ("carry out" → "carried out").
fn light_forms(phrase: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<Vec<String>> {
    let lower = phrase.trim().to_lowercase();
    let mut words = lower.split_whitespace();
    let Some(verb) = words.next() else {
        return Vec::new();
    };
    let rest: Vec<String> = words.map(str::to_string).collect();
    verb_forms(verb, irregular)
        .into_iter()
        .map(|f| {
            std::iter::once(f.text)
                .chain(rest.iter().cloned())
                .collect()
        })
        .collect()
}

impl Words {
    pub fn new(f: &WordsFile, irregular: &HashMap<String, Vec<String>>) -> Self {
        let light_verbs = f
            .light_verbs
            .iter()
            .flat_map(|v| light_forms(v, irregular))
            .collect();
        Self {
            skip: plain(&f.skip),
            determiners: plain(&f.determiners),
            modifiers: plain(&f.modifiers),
            agents: nouns(&f.agents),
            state_agents: nouns(&f.state_agents),
            forces: nouns(&f.forces),
            victims: nouns(&f.victims),
            light_verbs,
            conjunctions: plain(&f.conjunctions),
            stops: plain(&f.stops),
            modals: plain(&f.modals),
        }
    }

    /// True for a word that can end a phrase naming a side: an agent, a state's agent, a victim.
    pub fn head(&self, w: &str) -> bool {
        self.agents.contains(w) || self.state_agents.contains(w) || self.victims.contains(w)
    }

    /// True for a word that may stand inside a noun phrase before its head.
    pub fn inner(&self, w: &str) -> bool {
        self.determiners.contains(w) || self.modifiers.contains(w) || self.head(w)
    }
}
