//! The immutable result of analysis: entities, events, dates, the timeline and related passages.
//! Every view reads these types; none of them re-parses text.

use super::buckets::Buckets;
use super::related::{RelatedConfig, RelatedIndex, related_for};
use crate::corpus::{Article, Span};
use crate::date::DateValue;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The schema's name for this value.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the schema's name.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// Who is involved (the eval vocabulary).
    EntityKind {
        Person => "person",
        Country => "country",
        Place => "place",
        Organization => "organization",
        ArmedGroup => "armed_group",
        Military => "military",
        Equipment => "equipment",
    }
);

named_enum!(
    /// What happened (ACLED / CAMEO / PLOVER anchored).
    EventKind {
        ArmedClash => "armed_clash",
        Airstrike => "airstrike",
        Shelling => "shelling",
        ExplosiveAttack => "explosive_attack",
        Shootdown => "shootdown",
        CivilianHarm => "civilian_harm",
        Abduction => "abduction",
        Looting => "looting",
        Protest => "protest",
        Arrest => "arrest",
        Deployment => "deployment",
        BorderViolation => "border_violation",
        Threat => "threat",
        Accusation => "accusation",
        DiplomaticRupture => "diplomatic_rupture",
        Alignment => "alignment",
        Withdrawal => "withdrawal",
        Mediation => "mediation",
        Disinformation => "disinformation",
        Displacement => "displacement",
        Consultation => "consultation",
        Agreement => "agreement",
        Aid => "aid",
        Ceasefire => "ceasefire",
        Demand => "demand",
        Rejection => "rejection",
        Sanction => "sanction",
        Concession => "concession",
        Coup => "coup",
        Disaster => "disaster",
    }
);

named_enum!(
    /// The families event kinds are grouped by in the reader and the briefing (after CAMEO's
    /// quad classes and ACLED's event types).
    Family {
        Violence => "violence",
        Coercion => "coercion",
        VerbalConflict => "verbal conflict",
        Unrest => "unrest",
        Cooperation => "cooperation",
        Humanitarian => "humanitarian",
    }
);

impl EventKind {
    /// The family this kind belongs to.
    pub fn family(self) -> Family {
        use EventKind::*;
        match self {
            ArmedClash | Airstrike | Shelling | ExplosiveAttack | Shootdown | CivilianHarm
            | Abduction | Looting => Family::Violence,
            Deployment | BorderViolation | DiplomaticRupture | Sanction | Arrest | Coup => {
                Family::Coercion
            }
            Threat | Accusation | Demand | Rejection | Disinformation => Family::VerbalConflict,
            Protest => Family::Unrest,
            Alignment | Withdrawal | Mediation | Consultation | Agreement | Aid | Ceasefire
            | Concession => Family::Cooperation,
            Displacement | Disaster => Family::Humanitarian,
        }
    }

    /// True for kinds of armed or physical violence: the kinds that need an attack frame.
    pub fn is_violent(self) -> bool {
        self.family() == Family::Violence
    }
}

named_enum!(
    /// Whether an event happened, may happen, or is called for.
    Status {
        Reported => "reported",
        Potential => "potential",
        Proposed => "proposed",
    }
);

/// A name shared by reference: one allocation per distinct name, held by a pointer one word
/// wide (an `Arc<str>` is two), so that the records that name entities stay small.
pub type Name = arcstr::ArcStr;

/// A list of names shared by reference. An event's actors or targets are one allocation, which a
/// timeline item that adds no name to them shares; an empty list allocates nothing of its own.
pub type Names = Arc<[Name]>;

/// `list` as shared names; the empty list is one static allocation for the whole run.
pub fn names_from(list: Vec<Name>) -> Names {
    if list.is_empty() {
        no_names()
    } else {
        list.into()
    }
}

/// The empty list of names, shared.
pub fn no_names() -> Names {
    static EMPTY: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    Arc::clone(EMPTY.get_or_init(|| Arc::from(Vec::new())))
}

/// One entity mention as the entity finder reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundMention {
    pub span: Span,
    /// Canonical name ("Mali" for "Malian", "Malian Armed Forces" for "FAMa").
    pub name: Name,
    pub kind: EntityKind,
    /// True when the name comes from the gazetteer; false for a guessed unknown name.
    pub linked: bool,
    /// True when the surface is a demonym ("Malian" for Mali).
    pub demonym: bool,
    /// The gazetteer's parent ("Algeria" for Algiers), if any.
    pub parent: Option<Name>,
}

/// An entity of one article. Its mentions are those of [`ArticleAnalysis::mentions`] that point
/// at it ([`ArticleAnalysis::mentions_of`]): each mention is stored once.
#[derive(Clone, Debug)]
pub struct ArticleEntity {
    pub name: Name,
    pub kind: EntityKind,
    pub linked: bool,
    pub parent: Option<Name>,
    /// How many mentions it has in the article.
    pub count: u32,
}

/// A mention in reading order, pointing at its [`ArticleEntity`]: twelve bytes, since an
/// analysis holds about a hundred per article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    /// Index into [`ArticleAnalysis::entities`].
    pub entity: u32,
}

impl Mention {
    /// The index of its entity in [`ArticleAnalysis::entities`].
    pub fn index(&self) -> usize {
        self.entity as usize
    }
}

/// A date expression in an article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateMention {
    pub span: Span,
    /// The normalised value (the start of a range); `None` when nothing anchors a relative date.
    pub value: Option<DateValue>,
    /// The end of a range ("between 2012 and 2015").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<DateValue>,
    /// True for expressions resolved against the publication date ("yesterday", "last July").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
}

/// An escalation event reported, foreseen or proposed by one sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub kind: EventKind,
    pub status: Status,
    pub date: Option<DateValue>,
    /// The sentence that reports the event.
    pub span: Span,
    /// The words that triggered it.
    pub trigger: Span,
    pub actors: Names,
    pub targets: Names,
    /// Goldstein-like: -10 most conflictual, positive for de-escalation.
    pub severity: f32,
    /// Index of the sentence and paragraph in the article (32 bits: a corpus holds hundreds of
    /// thousands of events).
    pub sentence: u32,
    pub paragraph: u32,
}

impl Event {
    /// The index of its paragraph in the article.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }
}

/// Everything found in one article.
#[derive(Clone, Debug, Default)]
pub struct ArticleAnalysis {
    pub entities: Vec<ArticleEntity>,
    /// Every mention, sorted by start.
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub dates: Vec<DateMention>,
    /// For an article without a publication date: the latest date it mentions.
    pub not_before: Option<DateValue>,
}

impl ArticleAnalysis {
    /// The spans of the mentions of entity `entity` (an index into `entities`), in reading order.
    pub fn mentions_of(&self, entity: usize) -> impl Iterator<Item = Span> + '_ {
        self.mentions
            .iter()
            .filter(move |m| m.index() == entity)
            .map(|m| m.span)
    }

    /// The spans of every entity's mentions, by entity index, each in reading order: one list
    /// grouped by entity (a counting sort, [`Buckets`]), not a list per entity.
    pub fn mentions_by_entity(&self) -> MentionGroups {
        let by_entity = Buckets::new(
            self.mentions.iter().map(Mention::index),
            self.entities.len(),
        );
        let spans = by_entity
            .order()
            .iter()
            .map(|&i| self.mentions[i as usize].span)
            .collect();
        MentionGroups { spans, by_entity }
    }
}

/// The spans of an article's mentions grouped by entity ([`ArticleAnalysis::mentions_by_entity`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MentionGroups {
    /// Every mention's span, entity after entity.
    spans: Vec<Span>,
    by_entity: Buckets,
}

impl MentionGroups {
    /// The spans of entity `entity`'s mentions in reading order; empty for an unknown entity.
    pub fn of(&self, entity: usize) -> &[Span] {
        &self.spans[self.by_entity.range(entity)]
    }
}

/// The names of a list as plain strings, for comparing with literals in tests.
#[cfg(test)]
pub(crate) fn strs(names: &[Name]) -> Vec<&str> {
    names.iter().map(|n| &**n).collect()
}

/// An entity across the corpus.
#[derive(Clone, Debug, Serialize)]
pub struct CorpusEntity {
    pub name: Name,
    pub kind: EntityKind,
    pub linked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Name>,
    /// Mentions across the corpus.
    pub count: usize,
    /// Indices of the articles that mention it, ascending (32 bits each: an entity of a large
    /// corpus is in thousands of articles).
    pub articles: Vec<u32>,
}

/// Points at one event of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EventRef {
    pub article: usize,
    pub event: usize,
}

/// One line of the corpus timeline: an event, merged across the sources that report it.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineItem {
    pub date: Option<DateValue>,
    pub kind: EventKind,
    pub status: Status,
    pub severity: f32,
    /// Shared with the representative event when the others add no name, as with most items,
    /// which are a single report.
    pub actors: Names,
    pub targets: Names,
    /// Every event merged here; the first is the representative.
    pub occurrences: Occurrences,
    /// Distinct sources (or article ids when a source is unknown) that report it; one shared
    /// list per source for the items only one source reports.
    pub sources: Names,
}

/// The events merged into a timeline item, read as a slice. Most items are a single report,
/// held in place; the others are a boxed slice, built once at its final length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Occurrences {
    One(EventRef),
    Many(Box<[EventRef]>),
}

impl std::ops::Deref for Occurrences {
    type Target = [EventRef];

    fn deref(&self) -> &[EventRef] {
        match self {
            Occurrences::One(r) => std::slice::from_ref(r),
            Occurrences::Many(all) => all,
        }
    }
}

impl FromIterator<EventRef> for Occurrences {
    fn from_iter<I: IntoIterator<Item = EventRef>>(refs: I) -> Self {
        let mut refs = refs.into_iter();
        match (refs.next(), refs.next()) {
            (Some(one), None) => Occurrences::One(one),
            (first, second) => {
                Occurrences::Many(first.into_iter().chain(second).chain(refs).collect())
            }
        }
    }
}

impl Serialize for Occurrences {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// A passage elsewhere in the corpus related to a given passage. Its shared entities' names are
/// owned (`Related`, for the reader and the briefings) or borrowed from the related index
/// ([`RelatedRef`], for a view that writes them at once).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related<N = String> {
    pub article: usize,
    /// Paragraph index in that article.
    pub passage: usize,
    pub score: f32,
    /// Most specific first.
    pub shared_entities: Vec<N>,
    pub shared_kinds: Vec<EventKind>,
}

/// A [`Related`] whose names are borrowed from the related index.
pub type RelatedRef<'a> = Related<&'a str>;

impl RelatedRef<'_> {
    /// The same, owning its names.
    pub fn owned(self) -> Related {
        Related {
            shared_entities: self
                .shared_entities
                .into_iter()
                .map(str::to_string)
                .collect(),
            article: self.article,
            passage: self.passage,
            score: self.score,
            shared_kinds: self.shared_kinds,
        }
    }
}

/// The analysed corpus. Built once, then only read.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Shared with the readers that list the articles while they are being analysed.
    pub articles: Arc<[Article]>,
    /// One per article, same order.
    pub analyses: Vec<ArticleAnalysis>,
    /// Corpus-wide entities, most mentioned first.
    pub entities: Vec<CorpusEntity>,
    pub timeline: Vec<TimelineItem>,
    /// Related passages of any passage, found on demand ([`Analysis::related`]).
    pub related: RelatedIndex,
    /// The gazetteer's spellings of each entity, for entity filters ([`super::entity_match`]).
    pub aliases: super::entity_match::AliasTable,
}

impl Default for Analysis {
    fn default() -> Self {
        let config = RelatedConfig::builtin().unwrap_or_default();
        Self {
            articles: Arc::from([]),
            analyses: Vec::new(),
            entities: Vec::new(),
            timeline: Vec::new(),
            related: RelatedIndex::empty(config),
            aliases: Default::default(),
        }
    }
}

impl Analysis {
    /// The event an [`EventRef`] points at.
    pub fn event(&self, r: EventRef) -> &Event {
        &self.analyses[r.article].events[r.event]
    }

    /// The event an [`EventRef`] points at, if this analysis holds it (a reference kept from
    /// another stage of the loading may outlive its event).
    pub fn get_event(&self, r: EventRef) -> Option<&Event> {
        self.analyses.get(r.article)?.events.get(r.event)
    }

    /// The passages of other articles most related to paragraph `passage` of `article`, best
    /// first, as many as the configuration keeps; empty when the passage does not exist.
    pub fn related(&self, article: usize, passage: usize) -> Vec<Related> {
        let keep = self.related.config().limits.keep;
        related_for(&self.related, article, passage, keep)
    }

    /// Source label of an article: its source, else its id.
    pub fn source_label(&self, article: usize) -> &str {
        self.articles[article].source_label()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(n: usize) -> Vec<EventRef> {
        (0..n)
            .map(|i| EventRef {
                article: i,
                event: 2 * i,
            })
            .collect()
    }

    #[test]
    fn occurrences_read_as_the_slice_they_were_made_from_and_one_is_held_in_place() {
        for n in [0, 1, 2, 5] {
            let all: Occurrences = refs(n).into_iter().collect();
            assert_eq!(*all, *refs(n), "{n} occurrences");
            assert_eq!(
                matches!(all, Occurrences::One(_)),
                n == 1,
                "{n} occurrences"
            );
            let json = serde_json::to_string(&all).unwrap();
            assert_eq!(json, serde_json::to_string(&refs(n)).unwrap());
        }
    }

    #[test]
    fn mentions_grouped_by_entity_are_each_entitys_own_in_reading_order() {
        use crate::analysis::timeline::testkit::{Doc, corpus};
        let (_, analyses) = corpus(vec![
            Doc::new("a", "Mali and Kidal. Mali again, then Gao, then Mali.")
                .entity("Mali", EntityKind::Country, "Mali")
                .entity("Kidal", EntityKind::Place, "Kidal")
                .entity("Gao", EntityKind::Place, "Gao"),
        ]);
        let a = &analyses[0];
        let groups = a.mentions_by_entity();
        let counts: Vec<usize> = (0..a.entities.len()).map(|e| groups.of(e).len()).collect();
        assert_eq!(counts, [3, 1, 1]);
        for e in 0..a.entities.len() {
            assert_eq!(groups.of(e), a.mentions_of(e).collect::<Vec<_>>(), "{e}");
        }
        assert!(groups.of(a.entities.len()).is_empty());
        assert!(
            ArticleAnalysis::default()
                .mentions_by_entity()
                .of(0)
                .is_empty()
        );
    }
}
