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
use crate::analysis::model::{Event, EventKind, EventRef, Status};
use rustc_hash::{FxHashMap, FxHashSet};
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

/// One side (actors or targets) of a lookup key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Who<'a> {
    Name(&'a str),
    /// The representative names nobody on this side.
    Empty,
    /// Whatever this side holds.
    Any,
}

/// A date cut to a precision: groups are filed under their representative's date at its own
/// precision and every coarser one, and under `None` for undated events to look through.
type DateKey = Option<(i32, Option<u8>, Option<u8>)>;

/// Groups are looked up by the participants of their representative and by date. An event fits
/// a representative only if each side shares a name or is empty on the representative, and at
/// least one side shares a name (see [`participants_agree`]), so a group is filed under each
/// (actor or `Empty`, target or `Empty`) pair of its representative and under each actor and each
/// target alone (other side `Any`); events that name nobody use (`Empty`, `Empty`). Events are
/// grouped finest date first, so a representative is at least as fine as the event looking it up,
/// and compatible exactly when it lies in the event's period.
type Key<'a> = (EventKind, Status, Who<'a>, Who<'a>, DateKey);

/// The date keys an event is looked up with (its own) and a group is filed under.
fn date_keys(e: &Event) -> (DateKey, Vec<DateKey>) {
    let Some(d) = e.date else {
        return (None, vec![None]);
    };
    let own = Some((d.year, d.month, d.day));
    let mut filed = vec![own, None];
    if d.day.is_some() {
        filed.push(Some((d.year, d.month, None)));
    }
    if d.month.is_some() {
        filed.push(Some((d.year, None, None)));
    }
    (own, filed)
}

fn names(list: &[Name]) -> Vec<Who<'_>> {
    if list.is_empty() {
        vec![Who::Empty]
    } else {
        list.iter().map(|n| Who::Name(n)).collect()
    }
}

/// The (actor, target) pairs a group is filed under.
fn filed_pairs(e: &Event) -> Vec<(Who<'_>, Who<'_>)> {
    if e.actors.is_empty() && e.targets.is_empty() {
        return vec![(Who::Empty, Who::Empty)];
    }
    let (actors, targets) = (names(&e.actors), names(&e.targets));
    let mut out: Vec<(Who, Who)> = actors
        .iter()
        .flat_map(|&a| targets.iter().map(move |&t| (a, t)))
        .collect();
    out.extend(e.actors.iter().map(|a| (Who::Name(a), Who::Any)));
    out.extend(e.targets.iter().map(|t| (Who::Any, Who::Name(t))));
    out
}

/// The (actor, target) pairs an event looks groups up with.
fn lookup_pairs(e: &Event) -> Vec<(Who<'_>, Who<'_>)> {
    match (e.actors.is_empty(), e.targets.is_empty()) {
        (true, true) => vec![(Who::Empty, Who::Empty)],
        (false, true) => e.actors.iter().map(|a| (Who::Name(a), Who::Any)).collect(),
        (true, false) => e.targets.iter().map(|t| (Who::Any, Who::Name(t))).collect(),
        (false, false) => {
            let mut out: Vec<(Who, Who)> = Vec::new();
            for a in names(&e.actors).into_iter().chain([Who::Empty]) {
                for t in names(&e.targets).into_iter().chain([Who::Empty]) {
                    if (a, t) != (Who::Empty, Who::Empty) {
                        out.push((a, t));
                    }
                }
            }
            out
        }
    }
}

type Facts<'a> = (Option<crate::date::DateValue>, &'a [Name], &'a [Name]);

/// The groups being built, and what an event must agree with to join each of them. Whether an
/// event agrees with a member depends on nothing but the member's (date, actors, targets) once
/// kind and status match, so a group of a thousand identical reports is checked once, not a
/// thousand times. The tables are corpus-wide (keyed by group), not one per group, so that the
/// many groups of a single event cost no allocation of their own.
#[derive(Default)]
struct Groups<'a> {
    members: Vec<Vec<Occurrence<'a>>>,
    /// One member per distinct (date, actors, targets) of each group: `facts[g]`.
    facts: Vec<Vec<&'a Event>>,
    distinct: FxHashSet<(usize, Facts<'a>)>,
    /// The sentence of group `g`'s members in each article they come from (one article's events
    /// join a group only from one sentence).
    sentence_in: FxHashMap<(usize, usize), u32>,
}

impl<'a> Groups<'a> {
    /// Founds a group with `o`; returns its id.
    fn found(&mut self, o: Occurrence<'a>) -> usize {
        let g = self.members.len();
        self.members.push(Vec::with_capacity(1));
        self.facts.push(Vec::with_capacity(1));
        self.join(g, o);
        g
    }

    fn join(&mut self, g: usize, o: Occurrence<'a>) {
        let e = o.event;
        if self.distinct.insert((g, (e.date, &e.actors, &e.targets))) {
            self.facts[g].push(e);
        }
        self.sentence_in.insert((g, o.at.article), e.sentence);
        self.members[g].push(o);
    }

    /// True when `o` is the same report as every member of group `g` (kind and status already
    /// match: they are part of the lookup key).
    fn fits(&self, g: usize, o: Occurrence) -> bool {
        self.sentence_in
            .get(&(g, o.at.article))
            .is_none_or(|&s| s == o.event.sentence)
            && self.facts[g].iter().all(|m| same_facts(m, o.event))
    }
}

/// Groups the occurrences; each group's first occurrence is its representative. Groups come out
/// in the order they were founded, the rest of each group in the order it joined.
pub(super) fn group(mut occurrences: Vec<Occurrence<'_>>) -> Vec<Vec<Occurrence<'_>>> {
    occurrences.sort_by_key(preference);
    let mut groups = Groups::default();
    let mut index: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for o in occurrences {
        let (own, filed) = date_keys(o.event);
        let e = o.event;
        // Two fitting groups are enough to know the event is ambiguous, so the candidate lists
        // are read only until a second one is found.
        let mut fitting: Option<usize> = None;
        let mut ambiguous = false;
        'lists: for (a, t) in lookup_pairs(e) {
            for &g in index
                .get(&(e.kind, e.status, a, t, own))
                .into_iter()
                .flatten()
            {
                if fitting != Some(g) && groups.fits(g, o) {
                    if fitting.is_some() {
                        ambiguous = true;
                        break 'lists;
                    }
                    fitting = Some(g);
                }
            }
        }
        if let (Some(only), false) = (fitting, ambiguous) {
            groups.join(only, o);
            continue;
        }
        let id = groups.found(o);
        let pairs = filed_pairs(e);
        for date in filed {
            // An undated event joins a dated group only if it shares an actor and a target
            // with it, so under the undated key a dated group is filed by its named pairs alone.
            let undated_lookup = date.is_none() && e.date.is_some();
            for &(a, t) in &pairs {
                if undated_lookup && !(matches!(a, Who::Name(_)) && matches!(t, Who::Name(_))) {
                    continue;
                }
                index
                    .entry((e.kind, e.status, a, t, date))
                    .or_default()
                    .push(id);
            }
        }
    }
    groups.members
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
            sentence: u32::from(sentence) % 3,
            paragraph: 0,
        }
    }

    proptest! {
        #[test]
        fn the_index_groups_exactly_as_the_definition(
            specs in proptest::collection::vec(
                ((0u8..2, 0u8..2, 0u8..7, 0u8..8, 0u8..4, 0u8..3), 0usize..6),
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
            prop_assert_eq!(refs(group(occurrences.clone())), reference(occurrences));
        }
    }
}
