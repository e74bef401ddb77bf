//! When two events report the same thing, and how the events of a corpus are grouped into the
//! items of the timeline.
//!
//! Two events are the same report when they have the same kind and the same status, their actors
//! and targets agree, and their dates are compatible (see [`same_report`]). Grouping is
//! conservative: an event joins a group only when it is the same report as *every* event already
//! there (so a coarse "2024" cannot chain a July event to an August one), and an event that could
//! join two or more groups stays on its own, since we cannot tell which one it corroborates.

use crate::analysis::model::{Event, EventKind, EventRef, Status};
use std::cmp::Reverse;
use std::collections::HashMap;

/// One event and where it comes from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Occurrence<'a> {
    pub at: EventRef,
    pub event: &'a Event,
}

/// How two lists of names relate: `None` when either is empty, else whether they share a name.
fn overlap(a: &[String], b: &[String]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        None
    } else {
        Some(a.iter().any(|x| b.contains(x)))
    }
}

/// True when two events can be reports of the same thing:
/// - same kind and same status: statuses are never mixed, since a call for mediation is not
///   mediation happening, nor is a risk of an attack an attack;
/// - two events of one article only when they come from the same sentence;
/// - both dated with compatible dates ([`crate::date::DateValue::compatible`]), or both undated,
///   and participants that agree (see [`participants_agree`]);
/// - a dated and an undated event only when they share an actor AND a target.
pub(super) fn same_report(a: Occurrence, b: Occurrence) -> bool {
    let (x, y) = (a.event, b.event);
    if x.kind != y.kind || x.status != y.status {
        return false;
    }
    if a.at.article == b.at.article && x.sentence != y.sentence {
        return false;
    }
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

fn names(list: &[String]) -> Vec<Who<'_>> {
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

/// Groups the occurrences; each group's first occurrence is its representative. Groups come out
/// in the order they were founded, the rest of each group in the order it joined.
pub(super) fn group(mut occurrences: Vec<Occurrence<'_>>) -> Vec<Vec<Occurrence<'_>>> {
    occurrences.sort_by_key(preference);
    let mut groups: Vec<Vec<Occurrence>> = Vec::new();
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    for o in occurrences {
        let (own, filed) = date_keys(o.event);
        let e = o.event;
        let mut candidates: Vec<usize> = lookup_pairs(e)
            .into_iter()
            .filter_map(|(a, t)| index.get(&(e.kind, e.status, a, t, own)))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Two fitting groups are enough to know the event is ambiguous.
        let fitting: Vec<usize> = candidates
            .into_iter()
            .filter(|&g| groups[g].iter().all(|m| same_report(*m, o)))
            .take(2)
            .collect();
        if let [only] = fitting[..] {
            groups[only].push(o);
            continue;
        }
        let id = groups.len();
        groups.push(vec![o]);
        let pairs = filed_pairs(e);
        for date in filed {
            for &(a, t) in &pairs {
                index
                    .entry((e.kind, e.status, a, t, date))
                    .or_default()
                    .push(id);
            }
        }
    }
    groups
}
