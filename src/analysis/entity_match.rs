//! What an entity filter matches: one definition for `sitrep brief --entity` and the reader's
//! `f` and `*`, so that the two keep the same events for the same name.
//!
//! A name asked for stands for the corpus entities it names: by canonical name, else by a
//! gazetteer alias or demonym ("algérie", "Maroc", "Moroccan"), compared without case, accents,
//! hyphens or apostrophes; failing both, by the text of a mention linked to an entity ("Malian
//! army"), then by an actor's or target's name. To those it adds what the gazetteer nests under
//! them through `parent`, at any depth (Rabat and the Royal Moroccan Armed Forces under
//! Morocco), as found in the corpus. An event is kept when one of these entities is among its
//! actors or targets or is mentioned in its sentence; an article when it mentions one.

use super::gazetteer::{Gazetteer, fold};
use super::model::{Analysis, EventRef, Name};
use crate::corpus::Span;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// How many nested names a description lists before "and N more".
const LISTED: usize = 4;

/// The form names are compared in: the gazetteer's folding (case, accents, hyphens and
/// apostrophes), words joined by one space.
pub fn fold_key(text: &str) -> String {
    let f = fold::fold(text);
    let words: Vec<&str> = (0..f.tokens.len()).map(|i| f.word(i)).collect();
    words.join(" ")
}

/// Every gazetteer name, alias and demonym, folded, with the canonical name it stands for;
/// sorted. The analysis keeps it because the gazetteer itself is dropped once articles are read.
#[derive(Clone, Debug, Default)]
pub struct AliasTable(Arc<[(Box<str>, Name)]>);

impl AliasTable {
    /// The table of a gazetteer.
    pub fn from_gazetteer(g: &Gazetteer) -> Self {
        let mut rows: Vec<(Box<str>, Name)> = g
            .entries()
            .iter()
            .flat_map(|e| {
                let spellings = e.aliases.iter().chain(&e.demonyms).map(String::as_str);
                std::iter::once(e.name.as_str())
                    .chain(spellings)
                    .map(|s| (fold_key(s).into_boxed_str(), e.name.clone()))
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        AliasTable(rows.into())
    }

    /// The built-in gazetteer's table, made once: hand-made analyses (tests, fixtures) use it.
    pub fn builtin() -> Self {
        static TABLE: OnceLock<AliasTable> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                Gazetteer::builtin()
                    .map(|g| Self::from_gazetteer(&g))
                    .unwrap_or_default()
            })
            .clone()
    }

    /// Canonical names a folded spelling stands for.
    fn names_for<'t>(&'t self, key: &'t str) -> impl Iterator<Item = &'t Name> + 't {
        let start = self.0.partition_point(|(a, _)| &**a < key);
        self.0[start..]
            .iter()
            .take_while(move |(a, _)| &**a == key)
            .map(|(_, n)| n)
    }
}

/// One name asked for and what it covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolved {
    /// As typed or picked.
    pub asked: String,
    /// The entities it names; empty when nothing in the corpus goes by it.
    pub entities: Vec<Name>,
    /// Entities the gazetteer nests under those, found in the corpus, most mentioned first.
    pub nested: Vec<Name>,
}

impl Resolved {
    /// `Morocco (with Rabat, Royal Moroccan Armed Forces)`; `Morocco (for "maroc")` when asked
    /// by another name; `"Atlantis"` when nothing goes by it.
    pub fn describe(&self) -> String {
        if self.entities.is_empty() {
            return format!("\"{}\"", self.asked);
        }
        let names: Vec<&str> = self.entities.iter().map(Name::as_str).collect();
        let mut out = names.join(" or ");
        let mut notes = Vec::new();
        let same = names.len() == 1 && fold_key(names[0]) == fold_key(&self.asked);
        if !same {
            notes.push(format!("for \"{}\"", self.asked));
        }
        if !self.nested.is_empty() {
            notes.push(format!("with {}", listed(&self.nested)));
        }
        if !notes.is_empty() {
            out.push_str(&format!(" ({})", notes.join("; ")));
        }
        out
    }
}

/// "A, B, C, D and 2 more".
fn listed(names: &[Name]) -> String {
    let shown: Vec<&str> = names.iter().take(LISTED).map(Name::as_str).collect();
    let mut out = shown.join(", ");
    if names.len() > LISTED {
        out.push_str(&format!(" and {} more", names.len() - LISTED));
    }
    out
}

/// The entities a list of asked names covers (alternatives: any of them matches).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityMatch {
    pub asked: Vec<Resolved>,
    /// Every covered name, sorted: entities and nested ones of every asked name.
    names: Vec<Name>,
}

impl EntityMatch {
    /// Resolves each asked name over the analysis (see the module doc).
    pub fn resolve<S: AsRef<str>>(an: &Analysis, asked: &[S]) -> Self {
        let asked: Vec<Resolved> = asked.iter().map(|a| resolve_one(an, a.as_ref())).collect();
        let mut names: Vec<Name> = asked
            .iter()
            .flat_map(|r| r.entities.iter().chain(&r.nested).cloned())
            .collect();
        names.sort_unstable();
        names.dedup();
        EntityMatch { asked, names }
    }

    /// True when nothing was asked: every event and article is kept.
    pub fn is_empty(&self) -> bool {
        self.asked.is_empty()
    }

    /// Does the match cover the entity (or actor, or target) of this canonical name?
    pub fn covers(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }

    /// The asked names nothing in the corpus goes by.
    pub fn unknown(&self) -> Vec<&str> {
        let none = self.asked.iter().filter(|r| r.entities.is_empty());
        none.map(|r| r.asked.as_str()).collect()
    }

    /// `Morocco (with Rabat, Royal Moroccan Armed Forces) or Mali`.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self.asked.iter().map(Resolved::describe).collect();
        parts.join(" or ")
    }

    /// Does article `i` mention a covered entity?
    pub fn keeps_article(&self, an: &Analysis, i: usize) -> bool {
        an.analyses
            .get(i)
            .is_some_and(|a| a.entities.iter().any(|e| self.covers(&e.name)))
    }

    /// The match prepared for testing many events: each article's mentions of a covered entity,
    /// found once per article instead of once per event.
    pub fn events<'m>(&'m self, an: &'m Analysis) -> EventMatcher<'m> {
        let spans = if self.is_empty() {
            Vec::new()
        } else {
            an.analyses
                .par_iter()
                .map(|aa| {
                    let covered: Vec<bool> =
                        aa.entities.iter().map(|e| self.covers(&e.name)).collect();
                    if !covered.contains(&true) {
                        return Vec::new();
                    }
                    let of_covered = |i: usize| covered.get(i).copied().unwrap_or(false);
                    let ms = aa.mentions.iter().filter(|m| of_covered(m.index()));
                    ms.map(|m| m.span).collect()
                })
                .collect()
        };
        EventMatcher { m: self, an, spans }
    }
}

/// An [`EntityMatch`] ready to test events ([`EntityMatch::events`]).
pub struct EventMatcher<'m> {
    m: &'m EntityMatch,
    an: &'m Analysis,
    /// Per article, the spans of mentions of covered entities, in reading order.
    spans: Vec<Vec<Span>>,
}

impl EventMatcher<'_> {
    /// Is an event (or a timeline item merging the events `refs`) with these actors and targets
    /// kept? Yes when a covered entity acts or is targeted, or is mentioned in the sentence of
    /// one of the events.
    pub fn keeps(&self, refs: &[EventRef], actors: &[Name], targets: &[Name]) -> bool {
        if self.m.is_empty() {
            return true;
        }
        actors.iter().chain(targets).any(|n| self.m.covers(n))
            || refs.iter().any(|r| self.mentioned_in(*r))
    }

    fn mentioned_in(&self, r: EventRef) -> bool {
        let Some(spans) = self.spans.get(r.article).filter(|s| !s.is_empty()) else {
            return false;
        };
        let event = self
            .an
            .analyses
            .get(r.article)
            .and_then(|a| a.events.get(r.event));
        event.is_some_and(|ev| spans.iter().any(|m| ev.span.overlaps(m)))
    }
}

/// What one asked name covers.
fn resolve_one(an: &Analysis, asked: &str) -> Resolved {
    let entities = named(an, asked);
    let nested = nested_under(an, &entities);
    Resolved {
        asked: asked.to_string(),
        entities,
        nested,
    }
}

/// The entities a name stands for, trying each way in turn until one finds something.
fn named(an: &Analysis, asked: &str) -> Vec<Name> {
    let key = fold_key(asked);
    if key.is_empty() {
        return Vec::new();
    }
    let mut found = by_name_or_alias(an, asked, &key);
    if found.is_empty() {
        found = by_mention_text(an, &key);
    }
    if found.is_empty() {
        found = by_actor_name(an, &key);
    }
    found
}

/// Corpus entities of that canonical name, and those a gazetteer spelling of it stands for.
/// An exact name (the reader picks canonical names) needs no folding of the whole table.
fn by_name_or_alias(an: &Analysis, asked: &str, key: &str) -> Vec<Name> {
    let mut out: Vec<Name> = an
        .entities
        .iter()
        .filter(|e| e.name.as_str() == asked)
        .map(|e| e.name.clone())
        .collect();
    if out.is_empty() {
        let folded = an.entities.par_iter().filter(|e| fold_key(&e.name) == key);
        out = folded.map(|e| e.name.clone()).collect();
    }
    for name in an.aliases.names_for(key) {
        if an.entities.iter().any(|e| e.name == *name) {
            out.push(name.clone());
        }
    }
    dedup_in_order(out)
}

/// Entities some mention of which reads as the name ("Malian army" for the national forces).
fn by_mention_text(an: &Analysis, key: &str) -> Vec<Name> {
    let mut out = Vec::new();
    for (article, a) in an.articles.iter().zip(&an.analyses) {
        let mut linked = vec![false; a.entities.len()];
        for m in &a.mentions {
            let Some(mark) = linked.get_mut(m.index()).filter(|mark| !**mark) else {
                continue;
            };
            let surface = article.body.get(m.span.start()..m.span.end());
            *mark = fold_key(surface.unwrap_or_default()) == key;
        }
        let read = a.entities.iter().zip(&linked).filter(|(_, l)| **l);
        out.extend(read.map(|(e, _)| e.name.clone()));
    }
    dedup_in_order(out)
}

/// Actors and targets of that name that are no corpus entity (the analysis names them only
/// in its events).
fn by_actor_name(an: &Analysis, key: &str) -> Vec<Name> {
    let items = an.timeline.iter().map(|t| (&t.actors[..], &t.targets[..]));
    let events = an.analyses.iter().flat_map(|a| &a.events);
    let all = items.chain(events.map(|e| (&e.actors[..], &e.targets[..])));
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut out = Vec::new();
    for name in all.flat_map(|(a, t)| a.iter().chain(t)) {
        if seen.insert(name.as_str()) && fold_key(name) == key {
            out.push(name.clone());
        }
    }
    out
}

/// Corpus entities whose chain of parents reaches one of `roots`, most mentioned first.
fn nested_under(an: &Analysis, roots: &[Name]) -> Vec<Name> {
    let mut children: FxHashMap<&str, Vec<&Name>> = FxHashMap::default();
    for e in &an.entities {
        if let Some(p) = &e.parent {
            children.entry(p.as_str()).or_default().push(&e.name);
        }
    }
    let mut seen: FxHashSet<&str> = roots.iter().map(Name::as_str).collect();
    let mut queue: Vec<&str> = roots.iter().map(Name::as_str).collect();
    let mut under: FxHashSet<&str> = FxHashSet::default();
    while let Some(parent) = queue.pop() {
        for &child in children.get(parent).into_iter().flatten() {
            // `seen` also stops a loop of parents written by mistake in a user gazetteer.
            if seen.insert(child.as_str()) {
                queue.push(child.as_str());
                under.insert(child.as_str());
            }
        }
    }
    // The corpus table is most mentioned first: keep its order.
    let in_order = an
        .entities
        .iter()
        .filter(|e| under.contains(e.name.as_str()));
    dedup_in_order(in_order.map(|e| e.name.clone()).collect())
}

fn dedup_in_order(names: Vec<Name>) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::with_capacity(names.len());
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests;
