//! When two events report the same thing, and how the events of a corpus are grouped into the
//! items of the timeline.
//!
//! Two events are the same report when they have the same kind and the same status, their actors
//! and targets agree, and their dates are compatible (see [`same_facts`] and [`Groups::fits`]).
//! Grouping is conservative: an event joins a group only when it is the same report as *every*
//! event already there (so a coarse "2024" cannot chain a July event to an August one), and an
//! event that could join two or more groups stays on its own, since we cannot tell which one it
//! corroborates.

use crate::analysis::Name;
use crate::analysis::buckets::Buckets;
use crate::analysis::model::{Event, EventKind, EventRef, Status};
use rustc_hash::FxHashMap;
use std::cmp::Reverse;

/// One event and where it comes from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Occurrence<'a> {
    pub at: EventRef,
    pub event: &'a Event,
}

/// How two lists of names relate: `None` when either is empty, else whether they share a name.
fn overlap(a: &[Name], b: &[Name]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        None
    } else {
        Some(a.iter().any(|x| b.contains(x)))
    }
}

/// True when two events of the same kind and status, from different articles or the same
/// sentence, can be reports of the same thing (kind, status and the one-sentence-per-article rule
/// are checked by [`Groups::fits`]); statuses are never mixed, since a call for mediation is not
/// mediation happening, nor is a risk of an attack an attack:
/// - both dated with compatible dates ([`crate::date::DateValue::compatible`]), or both undated,
///   and participants that agree (see [`participants_agree`]);
/// - a dated and an undated event only when they share an actor AND a target.
fn same_facts(x: &Event, y: &Event) -> bool {
    let actors = overlap(&x.actors, &y.actors);
    let targets = overlap(&x.targets, &y.targets);
    match (x.date, y.date) {
        (Some(d), Some(e)) => d.compatible(&e) && participants_agree(x, y, actors, targets),
        (None, None) => participants_agree(x, y, actors, targets),
        _ => actors == Some(true) && targets == Some(true),
    }
}

/// Participants agree when nobody is named on either event, or when they share an actor or a
/// target and neither side contradicts: if both events name actors, one actor must be shared, and
/// likewise for targets ("Mali accuses Algeria" is not "Mali accuses France").
fn participants_agree(x: &Event, y: &Event, actors: Option<bool>, targets: Option<bool>) -> bool {
    let nobody =
        x.actors.is_empty() && x.targets.is_empty() && y.actors.is_empty() && y.targets.is_empty();
    nobody
        || (actors != Some(false)
            && targets != Some(false)
            && (actors == Some(true) || targets == Some(true)))
}

/// 0 for a day, 1 for a month, 2 for a year, 3 for no date.
fn precision(e: &Event) -> u8 {
    match e.date {
        Some(d) if d.day.is_some() => 0,
        Some(d) if d.month.is_some() => 1,
        Some(_) => 2,
        None => 3,
    }
}

/// The order events are grouped in, which makes the first event of a group its representative:
/// the finest date, then the most actors, then the most targets, then reading order.
fn preference(o: &Occurrence) -> (u8, Reverse<usize>, Reverse<usize>, EventRef) {
    (
        precision(o.event),
        Reverse(o.event.actors.len()),
        Reverse(o.event.targets.len()),
        o.at,
    )
}

/// One side (actors or targets) of a lookup key: [`EMPTY`], [`ANY`] or a name's id (from
/// [`FIRST_NAME`] on, see [`Interner`]).
type Who = u32;
/// The representative names nobody on this side.
const EMPTY: Who = 0;
/// Whatever this side holds.
const ANY: Who = 1;
const FIRST_NAME: Who = 2;

/// A date cut to a precision, packed into one integer: groups are filed under their
/// representative's date at its own precision and every coarser one, and under [`UNDATED`] for
/// undated events to look through.
type DateKey = u64;
const UNDATED: DateKey = 0;

/// The key of a date cut to (year, month or none, day or none); never [`UNDATED`].
fn date_key(year: i32, month: Option<u8>, day: Option<u8>) -> DateKey {
    let code = |x: Option<u8>| x.map_or(0, |v| u64::from(v) + 1);
    (1 << 50) | (u64::from(year as u32) << 18) | (code(month) << 9) | code(day)
}

/// Groups are looked up by the participants of their representative and by date. An event fits
/// a representative only if each side shares a name or is empty on the representative, and at
/// least one side shares a name (see [`participants_agree`]), so a group is filed under each
/// (actor or `EMPTY`, target or `EMPTY`) pair of its representative and under each actor and each
/// target alone (other side `ANY`); events that name nobody use (`EMPTY`, `EMPTY`). Events are
/// grouped finest date first, so a representative is at least as fine as the event looking it up,
/// and compatible exactly when it lies in the event's period. The third part also holds the kind
/// and status ([`with_kind`]).
type Key = (Who, Who, u64);

/// A date key with the event's kind and status in its unused top bits.
fn with_kind(date: DateKey, kind: EventKind, status: Status) -> u64 {
    date | (kind as u64) << 52 | (status as u64) << 60
}

/// The date key an event is looked up with (its own), and the (up to four) a group is filed
/// under.
fn date_keys(e: &Event) -> (DateKey, [Option<DateKey>; 4]) {
    let Some(d) = e.date else {
        return (UNDATED, [Some(UNDATED), None, None, None]);
    };
    let own = date_key(d.year, d.month, d.day);
    let month = d.day.is_some().then(|| date_key(d.year, d.month, None));
    let year = d.month.is_some().then(|| date_key(d.year, None, None));
    (own, [Some(own), Some(UNDATED), month, year])
}

/// Names as ids, one per distinct name among the events grouped: keys hold ids, so that a
/// lookup hashes three integers instead of two names.
#[derive(Default)]
struct Interner<'a> {
    ids: FxHashMap<&'a str, Who>,
}

impl<'a> Interner<'a> {
    /// Fills `out` with the ids of `names`, in their order.
    fn ids(&mut self, names: &'a [Name], out: &mut Vec<Who>) {
        out.clear();
        for n in names {
            let next = FIRST_NAME + self.ids.len() as Who;
            out.push(*self.ids.entry(n.as_str()).or_insert(next));
        }
    }
}

/// Fills `out` with the (actor, target) pairs a group is filed under.
fn filed_pairs<'s>(actors: &'s [Who], targets: &'s [Who], out: &mut Vec<(Who, Who)>) {
    out.clear();
    if actors.is_empty() && targets.is_empty() {
        out.push((EMPTY, EMPTY));
        return;
    }
    let or_empty = |side: &'s [Who]| if side.is_empty() { &[EMPTY][..] } else { side };
    let (a_side, t_side) = (or_empty(actors), or_empty(targets));
    for &a in a_side {
        out.extend(t_side.iter().map(|&t| (a, t)));
    }
    out.extend(actors.iter().map(|&a| (a, ANY)));
    out.extend(targets.iter().map(|&t| (ANY, t)));
}

/// Fills `out` with the (actor, target) pairs an event looks groups up with.
fn lookup_pairs(actors: &[Who], targets: &[Who], out: &mut Vec<(Who, Who)>) {
    out.clear();
    match (actors.is_empty(), targets.is_empty()) {
        (true, true) => out.push((EMPTY, EMPTY)),
        (false, true) => out.extend(actors.iter().map(|&a| (a, ANY))),
        (true, false) => out.extend(targets.iter().map(|&t| (ANY, t))),
        (false, false) => {
            for &a in actors.iter().chain([&EMPTY]) {
                for &t in targets.iter().chain([&EMPTY]) {
                    if (a, t) != (EMPTY, EMPTY) {
                        out.push((a, t));
                    }
                }
            }
        }
    }
}

/// No next entry in a list of [`Lists`].
const END: u32 = u32::MAX;

/// Many short lists in one array: each list is the chain of entries from its head, newest
/// first. The lists of groups filed under a key, and of each group's distinct facts, are
/// mostly one or two long: kept here they cost no allocation of their own.
struct Lists<T> {
    entries: Vec<(T, u32)>,
}

impl<T: Copy> Lists<T> {
    fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Puts `value` at the front of the list whose head is `head`; `head` becomes the new entry.
    fn push(&mut self, head: &mut u32, value: T) {
        self.entries.push((value, *head));
        *head = (self.entries.len() - 1) as u32;
    }

    /// The values of the list starting at `head`, newest first.
    fn iter(&self, head: u32) -> impl Iterator<Item = T> + '_ {
        let mut at = head;
        std::iter::from_fn(move || {
            let &(value, next) = self.entries.get(at as usize)?;
            at = next;
            Some(value)
        })
    }
}

/// The groups being built, and what an event must agree with to join each of them. Whether an
/// event agrees with a member depends on nothing but the member's (date, actors, targets) once
/// kind and status match, so a group of a thousand identical reports is checked once, not a
/// thousand times. The tables are corpus-wide (keyed by group), not one per group, so that the
/// many groups of a single event cost no allocation of their own.
struct Groups<'a> {
    /// The group of each occurrence, in the order they were grouped.
    group_of: Vec<u32>,
    /// One member per distinct (date, actors, targets) of each group: the list from
    /// `facts_head[g]`.
    facts_head: Vec<u32>,
    facts: Lists<&'a Event>,
    /// The sentence of group `g`'s members in each article they come from (one article's events
    /// join a group only from one sentence), keyed by [`group_article`].
    sentence_in: FxHashMap<u64, u32>,
}

/// The key of (group, article) in [`Groups::sentence_in`].
fn group_article(g: u32, article: usize) -> u64 {
    (u64::from(g) << 32) | article as u64
}

impl<'a> Groups<'a> {
    fn new(occurrences: usize) -> Self {
        Self {
            group_of: Vec::with_capacity(occurrences),
            facts_head: Vec::new(),
            facts: Lists::new(),
            sentence_in: FxHashMap::default(),
        }
    }

    /// Founds a group with `o`; returns its id.
    fn found(&mut self, o: Occurrence<'a>) -> u32 {
        let g = self.facts_head.len() as u32;
        self.facts_head.push(END);
        self.join(g, o);
        g
    }

    fn join(&mut self, g: u32, o: Occurrence<'a>) {
        let e = o.event;
        let head = self.facts_head[g as usize];
        let same = |m: &Event| m.date == e.date && m.actors == e.actors && m.targets == e.targets;
        if !self.facts.iter(head).any(same) {
            self.facts.push(&mut self.facts_head[g as usize], e);
        }
        self.sentence_in
            .insert(group_article(g, o.at.article), e.sentence);
        self.group_of.push(g);
    }

    /// True when `o` is the same report as every member of group `g` (kind and status already
    /// match: they are part of the lookup key).
    fn fits(&self, g: u32, o: Occurrence) -> bool {
        self.sentence_in
            .get(&group_article(g, o.at.article))
            .is_none_or(|&s| s == o.event.sentence)
            && self
                .facts
                .iter(self.facts_head[g as usize])
                .all(|m| same_facts(m, o.event))
    }

    /// The occurrences (in the order they were grouped) gathered by group.
    fn into_grouped(self, occurrences: Vec<Occurrence<'a>>) -> Grouped<'a> {
        let keys = self.group_of.iter().map(|&g| g as usize);
        Grouped {
            by_group: Buckets::new(keys, self.facts_head.len()),
            occurrences,
        }
    }
}

/// Occurrences grouped by a counting sort of their indices ([`Buckets`]): the occurrences are
/// not copied.
pub(super) struct Grouped<'a> {
    occurrences: Vec<Occurrence<'a>>,
    by_group: Buckets,
}

impl<'a> Grouped<'a> {
    /// Calls `f` with each group, in the order they were founded; in each, its occurrences in
    /// the order they joined, the representative first (one list reused from group to group).
    pub fn for_each(&self, mut f: impl FnMut(&[&Occurrence<'a>])) {
        let mut group: Vec<&Occurrence<'a>> = Vec::new();
        for members in self.by_group.groups() {
            group.clear();
            group.extend(members.iter().map(|&i| &self.occurrences[i as usize]));
            f(&group);
        }
    }
}

/// A group filed under a key: the article of the event that founded it, and the first entry
/// of the list after the run of groups that article founded there.
#[derive(Clone, Copy)]
struct Filed {
    group: u32,
    article: usize,
    skip: u32,
}

/// The groups filed under each key, newest first, in runs by founding article. An event never
/// fits a group its own article founded from another sentence, so the lookup jumps over its own
/// article's runs and reads instead the few groups that article founded from the event's
/// sentence (`own`): an article of thousands of like events costs no scan of them all.
struct Filing {
    heads: FxHashMap<Key, u32>,
    lists: Lists<Filed>,
    own: FxHashMap<(Key, usize, u32), u32>,
    own_lists: Lists<u32>,
}

impl Filing {
    fn new() -> Self {
        Self {
            heads: FxHashMap::default(),
            lists: Lists::new(),
            own: FxHashMap::default(),
            own_lists: Lists::new(),
        }
    }

    fn file(&mut self, key: Key, group: u32, at: EventRef, sentence: u32) {
        let head = self.heads.entry(key).or_insert(END);
        let skip = match self.lists.entries.get(*head as usize) {
            Some(&(f, _)) if f.article == at.article => f.skip,
            _ => *head,
        };
        let filed = Filed {
            group,
            article: at.article,
            skip,
        };
        self.lists.push(head, filed);
        let own = self.own.entry((key, at.article, sentence)).or_insert(END);
        self.own_lists.push(own, group);
    }

    /// Calls `visit` with every group filed under `key` that `o` may fit, until it returns
    /// false; returns false if it did.
    fn candidates(&self, key: Key, o: Occurrence, mut visit: impl FnMut(u32) -> bool) -> bool {
        let mut at = self.heads.get(&key).copied().unwrap_or(END);
        let mut own_read = false;
        while let Some(&(f, next)) = self.lists.entries.get(at as usize) {
            if f.article != o.at.article {
                if !visit(f.group) {
                    return false;
                }
                at = next;
                continue;
            }
            if !own_read {
                own_read = true;
                let own = (key, o.at.article, o.event.sentence);
                let head = self.own.get(&own).copied().unwrap_or(END);
                for g in self.own_lists.iter(head) {
                    if !visit(g) {
                        return false;
                    }
                }
            }
            at = f.skip;
        }
        true
    }
}

/// Groups the occurrences; each group's first occurrence is its representative. Groups come out
/// in the order they were founded, the rest of each group in the order it joined.
pub(super) fn group(mut occurrences: Vec<Occurrence<'_>>) -> Grouped<'_> {
    occurrences.sort_by_key(preference);
    let mut groups = Groups::new(occurrences.len());
    let mut names = Interner::default();
    let mut filing = Filing::new();
    let (mut actors, mut targets, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for &o in &occurrences {
        let e = o.event;
        names.ids(&e.actors, &mut actors);
        names.ids(&e.targets, &mut targets);
        let (own, filed) = date_keys(e);
        // Two fitting groups are enough to know the event is ambiguous, so the candidate lists
        // are read only until a second one is found.
        let mut fitting: Option<u32> = None;
        let mut ambiguous = false;
        lookup_pairs(&actors, &targets, &mut pairs);
        for &(a, t) in &pairs {
            let key = (a, t, with_kind(own, e.kind, e.status));
            let read_all = filing.candidates(key, o, |g| {
                if fitting != Some(g) && groups.fits(g, o) {
                    if fitting.is_some() {
                        ambiguous = true;
                        return false;
                    }
                    fitting = Some(g);
                }
                true
            });
            if !read_all {
                break;
            }
        }
        if let (Some(only), false) = (fitting, ambiguous) {
            groups.join(only, o);
            continue;
        }
        let id = groups.found(o);
        filed_pairs(&actors, &targets, &mut pairs);
        for date in filed.into_iter().flatten() {
            // An undated event joins a dated group only if it shares an actor and a target
            // with it, so under the undated key a dated group is filed by its named pairs alone.
            let undated_lookup = date == UNDATED && e.date.is_some();
            for &(a, t) in &pairs {
                if undated_lookup && !(a >= FIRST_NAME && t >= FIRST_NAME) {
                    continue;
                }
                let key = (a, t, with_kind(date, e.kind, e.status));
                filing.file(key, id, o.at, e.sentence);
            }
        }
    }
    groups.into_grouped(occurrences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Span;
    use crate::date::DateValue;
    use proptest::prelude::*;

    /// The definition, compared pair by pair with every member of every group.
    fn same_report(a: Occurrence, b: Occurrence) -> bool {
        let (x, y) = (a.event, b.event);
        x.kind == y.kind
            && x.status == y.status
            && (a.at.article != b.at.article || x.sentence == y.sentence)
            && same_facts(x, y)
    }

    /// Grouping by the definition: every group is a candidate, no index.
    fn reference(mut occurrences: Vec<Occurrence<'_>>) -> Vec<Vec<EventRef>> {
        occurrences.sort_by_key(preference);
        let mut groups: Vec<Vec<Occurrence>> = Vec::new();
        for o in occurrences {
            let fitting: Vec<usize> = (0..groups.len())
                .filter(|&g| groups[g].iter().all(|m| same_report(*m, o)))
                .collect();
            match fitting[..] {
                [only] => groups[only].push(o),
                _ => groups.push(vec![o]),
            }
        }
        refs(groups)
    }

    fn refs(groups: Vec<Vec<Occurrence>>) -> Vec<Vec<EventRef>> {
        groups
            .into_iter()
            .map(|g| g.into_iter().map(|o| o.at).collect())
            .collect()
    }

    fn date(code: u8) -> Option<DateValue> {
        let d = |year, month, day| Some(DateValue { year, month, day });
        match code % 7 {
            0 => None,
            1 => d(2024, None, None),
            2 => d(2024, Some(7), None),
            3 => d(2024, Some(7), Some(3)),
            4 => d(2024, Some(8), None),
            5 => d(2024, Some(8), Some(1)),
            _ => d(2023, Some(7), Some(3)),
        }
    }

    fn names(mask: u8, pool: &[&str]) -> Vec<Name> {
        pool.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, n)| (*n).into())
            .collect()
    }

    fn event(spec: (u8, u8, u8, u8, u8, u8)) -> Event {
        let (kind, status, day, actors, targets, sentence) = spec;
        Event {
            kind: [EventKind::Airstrike, EventKind::Accusation][kind as usize % 2],
            status: [Status::Reported, Status::Potential][status as usize % 2],
            date: date(day),
            span: Span::new(0, 1),
            trigger: Span::new(0, 1),
            actors: names(actors, &["Mali", "Algeria", "JNIM"]).into(),
            targets: names(targets, &["Kidal", "Niger"]).into(),
            severity: -5.0,
            sentence: u32::from(sentence) % 5,
            paragraph: 0,
        }
    }

    proptest! {
        #[test]
        fn the_index_groups_exactly_as_the_definition(
            specs in proptest::collection::vec(
                ((0u8..2, 0u8..2, 0u8..7, 0u8..8, 0u8..4, 0u8..5), 0usize..6),
                0..80,
            )
        ) {
            let events: Vec<(Event, usize)> =
                specs.into_iter().map(|(s, article)| (event(s), article)).collect();
            let occurrences: Vec<Occurrence> = events
                .iter()
                .enumerate()
                .map(|(i, (e, article))| Occurrence {
                    at: EventRef { article: *article, event: i },
                    event: e,
                })
                .collect();
            let mut got: Vec<Vec<EventRef>> = Vec::new();
            group(occurrences.clone()).for_each(|g| got.push(g.iter().map(|o| o.at).collect()));
            prop_assert_eq!(got, reference(occurrences));
        }
    }
}
