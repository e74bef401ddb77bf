//! Key actors (ranked by involvement) and the per-source comparison (what each source reports,
//! alone or with others, how much it warns against how much it reports).

use super::filter::{BriefFilter, fold_name};
use super::lines::EventLine;
use crate::analysis::{Analysis, CorpusEntity, EntityKind, Status};
use crate::date::DateValue;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many key actors a briefing lists.
pub const KEY_ACTORS: usize = 10;
/// How many "entities only it mentions" a source lists by name.
pub const ONLY_ENTITIES: usize = 5;

/// Entity kinds that can act, listed as key actors even without events when nothing is filtered.
const ACTING_KINDS: &[EntityKind] = &[
    EntityKind::Country,
    EntityKind::Military,
    EntityKind::ArmedGroup,
    EntityKind::Organization,
    EntityKind::Person,
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorLine {
    pub name: String,
    pub kind: Option<EntityKind>,
    /// Summed |severity| of the events it takes part in, one decimal.
    pub involvement: f64,
    pub as_actor: usize,
    pub as_target: usize,
    /// Mentions across the corpus.
    pub mentions: usize,
    /// Sources whose articles mention it (or report its events).
    pub sources: Vec<String>,
}

impl ActorLine {
    pub fn events(&self) -> usize {
        self.as_actor + self.as_target
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceLine {
    pub source: String,
    pub articles: usize,
    /// Publication dates of its articles.
    pub first: Option<DateValue>,
    pub last: Option<DateValue>,
    /// Reported events it carries, and those no other source carries.
    pub reported: usize,
    pub only_it: usize,
    /// Warnings it carries (potential events).
    pub potential: usize,
    /// Entities no other source mentions, most mentioned first (at most [`ONLY_ENTITIES`]).
    pub entities_only: Vec<String>,
    pub entities_only_total: usize,
}

impl SourceLine {
    /// Alarm against report: warnings per reported event (`None` when it reports none).
    pub fn alarm_ratio(&self) -> Option<f64> {
        (self.reported > 0).then(|| self.potential as f64 / self.reported as f64)
    }
}

/// The corpus entities by folded name (the first of each, in table order), so that looking up
/// the many names of a large corpus does not fold every entity's name for each of them.
struct EntityIndex<'a>(HashMap<String, &'a CorpusEntity>);

impl<'a> EntityIndex<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        let mut map = HashMap::with_capacity(analysis.entities.len());
        for e in &analysis.entities {
            map.entry(fold_name(&e.name)).or_insert(e);
        }
        Self(map)
    }

    fn find(&self, name: &str) -> Option<&'a CorpusEntity> {
        self.0.get(&fold_name(name)).copied()
    }
}

fn entity_sources(analysis: &Analysis, e: &CorpusEntity) -> BTreeSet<String> {
    e.articles
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| i < analysis.articles.len())
        .map(|i| analysis.source_label(i).to_string())
        .collect()
}

/// Actors and targets of the lines ranked by involvement (summed |severity|), then events, then
/// corpus mentions, then name. Without a filter, acting entities with no event fill the list.
pub fn key_actors(
    analysis: &Analysis,
    lines: &[EventLine],
    filter: &BriefFilter,
) -> Vec<ActorLine> {
    let index = EntityIndex::new(analysis);
    let mut acc: BTreeMap<String, ActorLine> = BTreeMap::new();
    let mut line_sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for l in lines {
        let roles = l
            .actors
            .iter()
            .map(|n| (n, true))
            .chain(l.targets.iter().map(|n| (n, false)));
        let mut counted: BTreeSet<&String> = BTreeSet::new();
        for (name, is_actor) in roles {
            let a = acc
                .entry(name.clone())
                .or_insert_with(|| blank(analysis, &index, name));
            if is_actor {
                a.as_actor += 1;
            } else {
                a.as_target += 1;
            }
            if counted.insert(name) {
                a.involvement += l.severity.abs();
            }
            line_sources
                .entry(name.clone())
                .or_default()
                .extend(l.sources.iter().cloned());
        }
    }
    for (name, a) in acc.iter_mut() {
        a.involvement = (a.involvement * 10.0).round() / 10.0;
        if a.sources.is_empty() {
            a.sources = line_sources
                .remove(name)
                .unwrap_or_default()
                .into_iter()
                .collect();
        }
    }
    if filter.is_empty() {
        for e in analysis
            .entities
            .iter()
            .filter(|e| ACTING_KINDS.contains(&e.kind))
        {
            acc.entry(e.name.to_string())
                .or_insert_with(|| blank(analysis, &index, &e.name));
        }
    }
    let mut out: Vec<ActorLine> = acc.into_values().collect();
    out.sort_by(|x, y| {
        y.involvement
            .total_cmp(&x.involvement)
            .then(y.events().cmp(&x.events()))
            .then(y.mentions.cmp(&x.mentions))
            .then_with(|| x.name.cmp(&y.name))
    });
    out.truncate(KEY_ACTORS);
    out
}

fn blank(analysis: &Analysis, index: &EntityIndex, name: &str) -> ActorLine {
    let entity = index.find(name);
    ActorLine {
        name: name.to_string(),
        kind: entity.map(|e| e.kind),
        involvement: 0.0,
        as_actor: 0,
        as_target: 0,
        mentions: entity.map(|e| e.count).unwrap_or(0),
        sources: entity
            .map(|e| entity_sources(analysis, e).into_iter().collect())
            .unwrap_or_default(),
    }
}

/// One line per source (articles' source, else article id), most articles first, then by name.
/// Event lines and entities are read once and tallied by source, so a corpus of many sources
/// costs no scan of every line per source.
pub fn sources(analysis: &Analysis, lines: &[EventLine]) -> Vec<SourceLine> {
    let mut by_source: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in 0..analysis.articles.len() {
        by_source
            .entry(analysis.source_label(i).to_string())
            .or_default()
            .push(i);
    }
    let mut tally: HashMap<&str, Tally> = HashMap::new();
    for l in lines {
        for source in &l.sources {
            let t = tally.entry(source.as_str()).or_default();
            match l.status {
                Status::Reported => {
                    t.reported += 1;
                    t.only_it += usize::from(l.sources.len() == 1);
                }
                Status::Potential => t.potential += 1,
                _ => {}
            }
        }
    }
    // The entities a single source mentions, by that source.
    let mut only: HashMap<String, Vec<&CorpusEntity>> = HashMap::new();
    for e in &analysis.entities {
        let mut sources = entity_sources(analysis, e);
        if let (Some(source), None) = (sources.pop_first(), sources.first()) {
            only.entry(source).or_default().push(e);
        }
    }
    let mut out: Vec<SourceLine> = by_source
        .into_iter()
        .map(|(source, articles)| {
            let t = tally.get(source.as_str()).copied().unwrap_or_default();
            let only = only.remove(&source).unwrap_or_default();
            source_line(analysis, t, only, source, &articles)
        })
        .collect();
    out.sort_by(|x, y| {
        y.articles
            .cmp(&x.articles)
            .then_with(|| x.source.cmp(&y.source))
    });
    out
}

/// What the event lines say of one source.
#[derive(Clone, Copy, Default)]
struct Tally {
    reported: usize,
    only_it: usize,
    potential: usize,
}

fn source_line(
    analysis: &Analysis,
    tally: Tally,
    mut only: Vec<&CorpusEntity>,
    source: String,
    articles: &[usize],
) -> SourceLine {
    let dates: Vec<DateValue> = articles
        .iter()
        .filter_map(|&i| analysis.articles[i].published)
        .collect();
    let first = dates
        .iter()
        .min_by_key(|d| (d.first_day(), d.last_day()))
        .copied();
    let last = dates
        .iter()
        .max_by_key(|d| (d.last_day(), d.first_day()))
        .copied();
    only.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.name.cmp(&y.name)));
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut names: Vec<String> = Vec::new();
    for e in &only {
        if seen.insert(e.name.as_str()) {
            names.push(e.name.to_string());
        }
    }
    let total = names.len();
    names.truncate(ONLY_ENTITIES);
    SourceLine {
        source,
        articles: articles.len(),
        first,
        last,
        reported: tally.reported,
        only_it: tally.only_it,
        potential: tally.potential,
        entities_only: names,
        entities_only_total: total,
    }
}
