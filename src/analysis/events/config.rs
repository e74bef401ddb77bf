//! The event lexicon file format (`assets/events.toml`): serde structures, parsing, and how a
//! user file is laid over the built-in one.

use anyhow::{Result, anyhow};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Damping {
    pub reported: f32,
    pub potential: f32,
    pub proposed: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Intensity {
    pub step: f32,
    pub level1: u64,
    pub level2: u64,
    #[serde(default)]
    pub level1_words: Vec<String>,
    #[serde(default)]
    pub level2_words: Vec<String>,
    #[serde(default)]
    pub victim_words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KindFile {
    pub kind: String,
    pub severity: f32,
    #[allow(dead_code)]
    pub anchor: Option<String>,
    pub gap: Option<u8>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    /// Cues that tell of harm but not of intent (a death toll, an explosion): they stand only in
    /// an attack frame (`[intent]`).
    #[serde(default)]
    pub weak: Vec<String>,
    #[serde(default)]
    pub not_object_of: Vec<String>,
    /// Kinds that tell an overlapping trigger's event better than this one.
    #[serde(default)]
    pub yields_to: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusFile {
    pub status: String,
    pub window: u8,
    pub positive: Option<String>,
    /// True for cues that follow a nominal trigger instead of preceding it.
    #[serde(default)]
    pub after: bool,
    pub cues: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClauseFile {
    pub breakers: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NegationFile {
    pub window: u8,
    pub cues: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    /// Verbs of denial govern their whole complement ("denied that drones had been used
    /// against civilians"), so they reach further than `window`.
    #[serde(default)]
    pub denials: Vec<String>,
    #[serde(default)]
    pub denial_window: u8,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnaphoraFile {
    pub window: u8,
    pub cues: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RolesFile {
    pub actor_markers: Vec<String>,
    pub target_markers: Vec<String>,
    #[serde(default)]
    pub passive: Vec<String>,
    #[serde(default)]
    pub of_markers: Vec<String>,
    #[serde(default)]
    pub of_actor_kinds: Vec<String>,
    pub locative: Vec<String>,
    /// Words that introduce who tells the story ("according to X"): X takes no role.
    #[serde(default)]
    pub attribution: Vec<String>,
    pub window: u8,
    /// `[roles.words]`: the vocabulary the role rules read phrases with.
    #[serde(default)]
    pub words: super::roles::words::WordsFile,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DatesFile {
    pub blockers: Vec<String>,
    pub window: u8,
    pub leading_words: u8,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExcludeFile {
    pub gap: Option<u8>,
    pub cues: Vec<String>,
}

/// What makes a sentence an attack frame, in which a weak trigger of a violent kind stands.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IntentFile {
    /// Words that name an attack or an armed perpetrator ("gunmen", "ambush"): a frame on their own.
    pub attack: Vec<String>,
    /// Words that name armed forces or weapons ("soldiers", "rifle"): a frame unless a disaster
    /// or accident stands in the sentence.
    pub armed: Vec<String>,
}

/// The whole file; every section optional so a user file may give only what it changes.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LexiconFile {
    pub gap: Option<u8>,
    pub damping: Option<Damping>,
    pub intensity: Option<Intensity>,
    #[serde(default)]
    pub irregular: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub kind: Vec<KindFile>,
    #[serde(default)]
    pub status: Vec<StatusFile>,
    pub clause: Option<ClauseFile>,
    pub negation: Option<NegationFile>,
    pub anaphora: Option<AnaphoraFile>,
    pub roles: Option<RolesFile>,
    pub dates: Option<DatesFile>,
    pub intent: Option<IntentFile>,
    #[serde(default)]
    pub exclude: Vec<ExcludeFile>,
}

impl LexiconFile {
    /// Lays `user` over `self`: a user `[[kind]]` replaces the kind of the same name, the
    /// `[irregular]` entries are added, any other section given replaces the built-in one.
    pub(super) fn overlay(mut self, user: LexiconFile) -> Self {
        for k in user.kind {
            match self.kind.iter_mut().find(|b| b.kind == k.kind) {
                Some(b) => *b = k,
                None => self.kind.push(k),
            }
        }
        self.irregular.extend(user.irregular);
        if !user.status.is_empty() {
            self.status = user.status;
        }
        if !user.exclude.is_empty() {
            self.exclude = user.exclude;
        }
        self.gap = user.gap.or(self.gap);
        self.damping = user.damping.or(self.damping);
        self.intensity = user.intensity.or(self.intensity);
        self.clause = user.clause.or(self.clause);
        self.negation = user.negation.or(self.negation);
        self.anaphora = user.anaphora.or(self.anaphora);
        self.roles = user.roles.or(self.roles);
        self.dates = user.dates.or(self.dates);
        self.intent = user.intent.or(self.intent);
        self
    }
}

pub(super) fn parse_file(text: &str) -> Result<LexiconFile> {
    toml::from_str(text).map_err(|e| anyhow!("{e}"))
}
